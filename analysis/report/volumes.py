"""How much feedback came in, from whom and how: responses by source against last quarter and
last year (a fall named only when it is beyond chance), channels, help, wording, and teams."""

from __future__ import annotations

from collections import Counter

from analysis.labels import CHANNEL_NAMES
from analysis.report import sources
from analysis.report.data import ReportData
from analysis.report.model import Change, KeyMessage, Section, Share, Table, count
from analysis.stats import counts_differ
from surveys import SurveyDefinition


def _options(definitions: dict[str, SurveyDefinition], role: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for definition in definitions.values():
        question = definition.question_with_role(role)
        for option in question.options if question else ():
            labels.setdefault(option.value, option.label)
    return labels


def _opening(data: ReportData, counts: Counter, changes: list[str]) -> list[str]:
    """All responses against last quarter and last year, who sent the most, and which
    source's number changed beyond chance (or that none did)."""
    quarter = data.quarter
    now, last, year_ago = (
        sum(n for (_source, q), n in counts.items() if q == when)
        for when in (quarter, quarter.previous(), quarter.same_quarter_last_year())
    )
    if not now:
        return ["No responses came in this quarter."]
    way = "up" if now > last else "down"
    against = (
        f"{way} from {last:,} last quarter, beyond chance"
        if counts_differ(now, last)
        else f"against {last:,} last quarter, a difference within chance"
    )
    year = (
        f"{year_ago:,} in the same quarter last year"
        if year_ago
        else "none are recorded for the same quarter last year"
    )
    most = max(sources.SOURCES, key=lambda spec: counts[(spec.key, quarter)])
    said = (
        f"{now:,} responses this quarter in all ({against}; {year}). "
        f"{most.name} sent the most ({count(counts[(most.key, quarter)])})."
    )
    return (
        [said, *changes]
        if changes
        else [
            said,
            "No single source's number of responses changed beyond chance since last quarter.",
        ]
    )


def headline(data: ReportData, definitions: dict[str, SurveyDefinition], wordings: dict) -> Section:
    quarter = data.quarter
    last, year_ago = quarter.previous(), quarter.same_quarter_last_year()
    counts = data.response_counts
    table = Table(
        "headline",
        f"Responses by source: {quarter}, last quarter and the same quarter last year",
        ["Source", str(quarter), str(last), str(year_ago), "Change on last quarter"],
        note="A change is called real only when it is beyond chance for counts of this size.",
    )
    messages = []
    for spec in sources.SOURCES:
        now, before, then = (counts[(spec.key, q)] for q in (quarter, last, year_ago))
        real = counts_differ(now, before)
        change = f"{now - before:+d}" + ("" if real or now == before else " (too few to tell)")
        change = "no change" if now == before else change
        if min(now, before) < 5 and now != before:
            change = "not shown"
        table.rows.append([spec.name, count(now), count(last_n := before), count(then), change])
        if real and min(now, last_n) >= 5:
            verb = "rose" if now > before else "fell"
            messages.append(
                KeyMessage(
                    f"Responses from {spec.name.lower()} {verb} from {before} to {now} since "
                    "last quarter.",
                    "headline",
                    15 + 20 * abs(now - before) / max(now, before),
                )
            )
    opening = _opening(data, counts, [m.text for m in messages])
    this_quarter = data.this_quarter
    channel_table = Table("channels", "How feedback arrived this quarter", ["Channel", "Responses"])
    for channel, n in Counter(r.channel for r in this_quarter).most_common():
        channel_table.rows.append([CHANNEL_NAMES.get(channel, channel.capitalize()), count(n)])
    helped_labels = _options(definitions, "completed_with")
    help_table = Table(
        "completed_with", "Filled in alone or with help", ["Who filled it in", "Responses"]
    )
    for key, n in Counter(r.completed_with for r in this_quarter).most_common():
        help_table.rows.append(
            [helped_labels.get(key, "Not asked") if key else "Not asked", count(n)]
        )
    wording_table = Table(
        "wording",
        "Forms filled in English, Easy Read or another language",
        ["Wording", "Responses"],
        note="Answers in every wording are counted together everywhere else in this report.",
    )
    for code, n in Counter(r.wording for r in this_quarter).most_common():
        wording_table.rows.append([wordings.get(code, code), count(n)])
    from analysis.report.charts import responses_chart

    return Section(
        "headline",
        "Who gave feedback",
        [table, channel_table, help_table, wording_table],
        opening,
        chart=responses_chart(table),
        messages=messages,
    )


def by_team(data: ReportData, definitions: dict[str, SurveyDefinition]) -> Section:
    quarter = data.quarter
    per_team = Counter((r.team, r.source) for r in data.this_quarter)
    teams = sorted({team for team, _s in per_team}, key=lambda t: (t is None, str(t)))
    table = Table(
        "by_team",
        f"Responses by team and source, {quarter}",
        ["Team", *[spec.name for spec in sources.SOURCES]],
    )
    for team in teams:
        table.rows.append(
            [
                _team(team, data.team_names),
                *[count(per_team[(team, s.key)]) for s in sources.SOURCES],
            ]
        )
    measures = Table(
        "by_team_measures",
        f"Children positive overall, by team, {quarter}",
        ["Team", "Children positive overall"],
        note="Shares need 10 answers and at least 5 either way.",
    )
    children = definitions.get(sources.BY_KEY["children"].survey)
    overall = (
        next((q for q in children.measured if q.measure == "overall"), None) if children else None
    )
    by_team_counts: dict[str | None, list[int]] = {}
    for choice in data.choices_for(sources.BY_KEY["children"].survey):
        response = data.responses.get(choice.response)
        if overall is None or response is None or choice.question != overall.id:
            continue
        if response.source == "children" and response.quarter == quarter:
            cell = by_team_counts.setdefault(response.team, [0, 0])
            cell[0] += choice.value in overall.positive
            cell[1] += 1
    shares = {}
    for team in teams:
        yes, n = by_team_counts.get(team, (0, 0))
        shares[team] = Share(yes, n)
        measures.rows.append([_team(team, data.team_names), shares[team]])
    finding, message = _team_gap({_team(t, data.team_names): v for t, v in shares.items() if t})
    return Section(
        "by_team",
        "By team",
        [table, measures],
        [finding] if finding else [],
        messages=[message] if message else [],
    )


def _team_gap(shares: dict[str, Share]) -> tuple[str | None, KeyMessage | None]:
    """The widest gap between two teams' children on their overall rating, a key message only
    when it is unlikely to be noise; otherwise the range, said to be within noise."""
    shown = [(s.percent, name, s) for name, s in shares.items() if s.percent is not None]
    if len(shown) < 2:
        return None, None
    low, high = min(shown, key=lambda r: r[0]), max(shown, key=lambda r: r[0])
    low_of, high_of = f"{low[0]:.0f}% of {low[2].base:,}", f"{high[0]:.0f}% of {high[2].base:,}"
    if not Change(high[2], low[2]).real:
        return (
            "Children's overall rating differs between teams by no more than noise "
            f"({low_of} in {low[1]} against {high_of} in {high[1]}).",
            None,
        )
    text = (
        f"Children in {low[1]} are positive overall less often than children in {high[1]} "
        f"({low_of} against {high_of})."
    )
    return text, KeyMessage(text, "by_team", high[0] - low[0], "team")


def _team(slug: str | None, names: dict[str, str]) -> str:
    return "No team given" if slug is None else names.get(slug, slug)
