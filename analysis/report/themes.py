"""Themes across sources: how many answers each source wrote on each theme and in what tone,
the change since last quarter, where sources differ beyond noise, one quote per theme, and the
tone of free text over time."""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction
from itertools import combinations
from math import sqrt
from statistics import mean, variance
from typing import NamedTuple

from analysis.quarters import Quarter
from analysis.report import sources
from analysis.report.data import ReportData, TextRow
from analysis.report.model import CellValue, Change, KeyMessage, Section, Share, Table, count
from analysis.stats import Z95, counts_differ

MIN_ANSWERS = 5  # a source needs this many answers on a theme to count as a view
MAX_QUOTE = 280


class ThemeCell(NamedTuple):
    theme: str
    source: str
    answers: int
    positive: int  # answers with a positive tone
    tone: float | None  # mean sentiment, None when hidden

    @property
    def shown(self) -> bool:
        return self.answers >= MIN_ANSWERS


def cells(data: ReportData, quarter: Quarter) -> list[ThemeCell]:
    found = []
    for (theme, source), rows in data.texts_on_themes(quarter).items():
        polarities = [r.polarity for r in rows]
        found.append(
            ThemeCell(
                theme,
                source,
                len(rows),
                sum(p > 0 for p in polarities),
                mean(polarities) if len(rows) >= MIN_ANSWERS else None,
            )
        )
    return found


def theme_totals(data: ReportData, quarter: Quarter) -> dict[str, int]:
    """Answers on each theme in a quarter from every source the report names, whether the
    quarter's answers were read as rows or counted by the database."""
    totals: dict[str, int] = defaultdict(int)
    for (theme, _source), rows in data.texts_on_themes(quarter).items():
        totals[theme] += len(rows)
    for c in data.themes_before:
        if c.quarter == quarter and c.source is not None:
            totals[c.theme] += c.n
    return totals


UNRELIABLE = "not reliable enough to name"


def section(
    data: ReportData, themes: dict[str, str], reliable: frozenset[str] | None = None
) -> tuple[Section, Section]:
    """The themes table and the quotes. Only themes the coder finds reliably (`reliable`,
    default text_signals.finding_themes(), decided on answers it was not trained on) become
    findings, key messages, chart bars or quotes; the others keep their counts in the table,
    marked as not reliable enough to name, so nobody reads a finding into a weak coder."""
    if reliable is None:
        from analysis.text_signals import finding_themes

        reliable = finding_themes()
    quarter = data.quarter
    now = cells(data, quarter)
    totals_now: dict[str, int] = defaultdict(int)
    for c in now:
        totals_now[c.theme] += c.answers
    totals_before = theme_totals(data, quarter.previous())
    used = sorted(totals_now, key=lambda t: (-totals_now[t], themes.get(t, t)))
    order = [spec.key for spec in sources.SOURCES]
    grid = {(c.theme, c.source): c for c in now}
    table = Table(
        "themes",
        f"Themes by source, {quarter}: answers and share written in a positive tone",
        [
            "Theme",
            "Answers",
            f"Answers {quarter.previous()}",
            "Change",
            *[sources.name(k) for k in order],
        ],
        note="Each source's cell: answers on the theme and the share written in a positive tone. "
        "A source with fewer than 5 answers on a theme is hidden. The change is called real only "
        "when it is beyond chance for counts of this size. A theme marked "
        f"({UNRELIABLE}) is coded too often wrongly or missed to be a finding: read its "
        "answers before drawing anything from it.",
    )
    messages: list[KeyMessage] = []
    for theme in used:
        n, m = totals_now[theme], totals_before[theme]
        change = f"{n - m:+d}" + ("" if counts_differ(n, m) else " (too few to tell)")
        change = "no change" if n == m else change
        name = themes.get(theme, theme)
        row: list = [name if theme in reliable else f"{name} ({UNRELIABLE})"]
        row += [count(n), count(m), change]
        for key in order:
            cell = grid.get((theme, key))
            row.append(
                "–"
                if cell is None
                else Share(cell.positive, cell.answers)
                if cell.shown
                else count(cell.answers)
            )
        table.rows.append(row)
        if theme in reliable and n > m and counts_differ(n, m):
            messages.append(
                KeyMessage(
                    f"{themes.get(theme, theme)} is a rising theme: {n} answers this quarter "
                    f"against {m} last quarter.",
                    "themes",
                    10 + (n - m) / max(m, 1),
                    "rising theme",
                )
            )
    messages += _disagreements([c for c in now if c.theme in reliable], themes)
    from analysis.report.charts import themes_chart

    named = [t for t in used if t in reliable]

    main = Section(
        "themes",
        "Themes across sources",
        [table],
        [m.text for m in messages] or ["No theme changed, or divided sources, beyond noise."],
        chart=themes_chart([c for c in now if c.theme in reliable], themes, named, order),
        messages=messages,
    )
    return main, quotes(data, themes, quarter, reliable)


def _disagreements(now: list[ThemeCell], themes: dict[str, str]) -> list[KeyMessage]:
    by_theme: dict[str, list[ThemeCell]] = defaultdict(list)
    rated = {spec.key for spec in sources.rated()}
    for c in now:
        if c.shown and c.source in rated:  # Tell us is mostly complaints: not a like view
            by_theme[c.theme].append(c)
    messages = []
    for theme, group in by_theme.items():
        real = [
            (abs(gap.real_points), a, b, gap)
            for a, b in combinations(group, 2)
            if (gap := Change(Share(a.positive, a.answers), Share(b.positive, b.answers))).real
        ]
        for _size, a, b, gap in sorted(real, key=lambda r: -r[0])[:1]:  # the widest gap only
            high, low = (a, b) if gap.real_points > 0 else (b, a)
            messages.append(
                KeyMessage(
                    f"On {themes.get(theme, theme).lower()}, {sources.name(high.source).lower()} "
                    f"write positively far more often ({100 * high.positive / high.answers:.0f}% "
                    f"of {high.answers} answers) than {sources.name(low.source).lower()} "
                    f"({100 * low.positive / low.answers:.0f}% of {low.answers}).",
                    "themes",
                    abs(gap.real_points),
                    "theme divergence",
                )
            )
    return messages


def quotes(
    data: ReportData, themes: dict[str, str], quarter: Quarter, reliable: frozenset[str]
) -> Section:
    """One quote per reliable theme: the answer that matches the theme most strongly (it has
    the fewest other themes), nearest the theme's usual tone. An answer is quoted once at most;
    redacted; never a text flagged for safeguarding."""
    from analysis.redaction import redact

    by_theme: dict[str, list[tuple[TextRow, str]]] = defaultdict(list)
    answers: dict[str, int] = defaultdict(int)  # as the themes table counts them
    for (theme, source), rows in data.texts_on_themes(quarter).items():
        answers[theme] += len(rows)
        for row in rows:
            if theme in reliable and not row.flagged and row.text.strip():
                by_theme[theme].append((row, source))
    table = Table(
        "quotes",
        f"What people said, {quarter}: one answer per theme",
        ["Theme", "Source", "Answers on the theme", "What they said"],
        note="Names, contact details, places, schools and dates are replaced by [brackets]. "
        "Answers flagged for safeguarding are never quoted. An answer is quoted once at most.",
    )
    used: dict[int, str] = {}
    ranked = sorted(by_theme, key=lambda t: (-len(by_theme[t]), themes.get(t, t)))
    for theme in ranked:
        candidates = [(row, source) for row, source in by_theme[theme] if row.answer not in used]
        if len(by_theme[theme]) < MIN_ANSWERS or not candidates:
            continue
        centre = mean(row.polarity for row, _s in by_theme[theme])
        row, source = min(
            candidates,
            key=lambda c: (len(c[0].themes), abs(c[0].polarity - centre), len(c[0].text)),
        )
        quote = redact(" ".join(row.text.split()))
        if len(quote) > MAX_QUOTE:
            quote = quote[: MAX_QUOTE - 1].rsplit(" ", 1)[0] + "…"
        used[row.answer] = quote
        table.rows.append(
            [themes.get(theme, theme), sources.name(source), count(answers[theme]), quote]
        )
    each = "the one theme" if len(used) == 1 else f"each of the {len(used)} themes"
    opening = (
        f"One answer for {each} named this quarter that 5 or more wrote about, chosen as the "
        "answer most plainly on the theme: it shows how people put it, not how many think so "
        "(the counts are in Themes across sources)."
        if used
        else "No theme named this quarter had the 5 answers a quote needs."
    )
    return Section("quotes", "What people said", [table], [opening], quoted=used)


def sentiment(data: ReportData) -> Section:
    scores: dict[tuple, list[float]] = defaultdict(list)
    for row in data.texts:
        response = data.responses[row.response]
        if response.source:
            scores[(response.source, response.quarter)].append(row.polarity)
    # Each cell's polarities and how often each was scored: the rows' and the counted ones'.
    tallies: dict[tuple, Counter[float]] = defaultdict(Counter)
    for key, values in scores.items():
        tallies[key].update(values)
    for c in data.tones_before:
        if c.source:
            tallies[(c.source, c.quarter)][c.polarity] += c.n
    quarters = data.quarters[-4:]
    table = Table(
        "sentiment",
        "Tone of free text by source (mean sentiment, -1 negative to +1 positive)",
        ["Source", *[str(q) for q in quarters]],
        note="Shown where a source wrote at least 5 answers in the quarter.",
    )
    for spec in sources.SOURCES:
        tones: list[CellValue] = [spec.name]
        for q in quarters:
            tally = tallies[(spec.key, q)]
            shown = tally.total() >= MIN_ANSWERS
            tones.append(round(_mean(tally), 2) if shown else "not shown")
        table.rows.append(tones)
    from analysis.report.charts import sentiment_chart

    return Section(
        "sentiment",
        "Tone of free text over time",
        [table],
        _tone_range(scores, data.quarter),
        chart=sentiment_chart(table),
    )


def _mean(tally: Counter[float]) -> float:
    """The mean of the values counted, exactly as statistics.mean gives it for the list."""
    exact = sum((Fraction(value) * n for value, n in tally.items()), Fraction(0))
    return float(exact / tally.total())


def _tone_range(scores: dict[tuple, list[float]], quarter: Quarter) -> list[str]:
    """Which source wrote most and least warmly this quarter (where to read first), and
    whether the two differ beyond noise (a z-test on the two means at 95%)."""
    tones = [
        (mean(values), values, sources.name(key))
        for (key, q), values in scores.items()
        if q == quarter and len(values) >= MIN_ANSWERS
    ]
    if len(tones) < 2:
        return []
    (low, lows, low_name), (high, highs, high_name) = (
        min(tones, key=lambda t: t[0]),
        max(tones, key=lambda t: t[0]),
    )
    spread = sqrt(variance(highs) / len(highs) + variance(lows) / len(lows))
    real = high > low and (spread == 0 or (high - low) / spread > Z95)
    verdict = "a difference beyond noise" if real else "too few answers to tell them apart"
    return [
        f"This quarter {high_name.lower()} wrote most positively (mean {high:+.2f} over "
        f"{len(highs):,} answers) and {low_name.lower()} least (mean {low:+.2f} over "
        f"{len(lows):,}): {verdict}."
    ]
