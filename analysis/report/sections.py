"""The report's tables, computed in plain Python from the bulk rows (no database, no Flask)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import mean

from analysis.labels import ACTION_STATUSES, SOURCE_NAMES
from analysis.participation import (
    LUNDY_ELEMENTS,
    LUNDY_MEANINGS,
    TYPES,
    lundy_counts,
    weakest_sentence,
)
from analysis.quarters import Quarter
from analysis.report.data import ActivityRow, ReportData
from analysis.suppression import count_cell, percentage, suppress_table
from surveys import SurveyDefinition

RATING_ROLES = {"rating", "overall", "kpi_very_satisfied", "kpi_heard", "kpi_safe"}
LEANING = 0.1  # mean sentiment beyond ±0.1 counts as leaning positive or negative
MIN_THEME_ANSWERS = 5  # a source needs this many answers on a theme to count as a view


@dataclass
class Table:
    key: str  # file name of its CSV and its XLSX sheet
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table]
    findings: list[str] = field(default_factory=list)
    chart: str | None = None  # which chart the renderer draws from the first table


def fmt_pct(value: float | None) -> str:
    return "not shown" if value is None else f"{value:.0f}%"


def build_sections(
    data: ReportData, definitions: dict[str, SurveyDefinition], themes: dict[str, str]
) -> list[Section]:
    quarter = data.quarters[-1]
    return [
        headline(data, quarter, _wording_names(definitions)),
        ratings(data, definitions, quarter),
        victim_kpis(data, definitions),
        sentiment_over_time(data),
        triangulation(data, themes, quarter),
        quotes(data, themes, quarter),
        tell_us(data),
        you_said_we_did(data, themes, quarter),
        participation(data, quarter),
        disproportionality(data, definitions, quarter),
        by_team(data, quarter),
    ]


def _per_quarter(data: ReportData) -> Counter:
    return Counter((slug, q) for slug, q, *_ in data.responses.values())


def headline(data: ReportData, quarter: Quarter, wording_names: dict) -> Section:
    counts = _per_quarter(data)
    last, year_ago = quarter.previous(), quarter.same_quarter_last_year()
    table = Table(
        "headline",
        f"Responses by source: {quarter}, last quarter and the same quarter last year",
        ["Source", str(quarter), str(last), str(year_ago), "Change on last quarter"],
    )
    for slug, name in SOURCE_NAMES.items():
        now, before, then = counts[(slug, quarter)], counts[(slug, last)], counts[(slug, year_ago)]
        table.rows.append(
            [
                name,
                str(count_cell(now)),
                str(count_cell(before)),
                str(count_cell(then)),
                f"{now - before:+d}" if min(now, before) >= 5 or now == before else "not shown",
            ]
        )
    this_quarter = [r for r in data.responses.values() if r[1] == quarter]
    channels = Counter(r[2] for r in this_quarter)
    channel_table = Table(
        "channels", "How feedback arrived this quarter", ["Channel", "Responses", "Share"]
    )
    for channel, n in channels.most_common():
        channel_table.rows.append(
            [channel, str(count_cell(n)), fmt_pct(percentage(n, len(this_quarter)))]
        )
    helped = Counter(r[4] or "not asked" for r in this_quarter)
    help_table = Table(
        "completed_with", "Filled in alone or with help", ["Who filled it in", "Responses"]
    )
    for key, n in helped.most_common():
        help_table.rows.append([key.replace("_", " "), str(count_cell(n))])
    wordings = Counter(r[5] for r in this_quarter)
    wording_table = Table(
        "wording",
        "Forms filled in English, Easy Read or another language",
        ["Wording", "Responses"],
        note="Answers in every wording are counted together everywhere else in this report.",
    )
    for code, n in sorted(wordings.items(), key=lambda item: -item[1]):
        wording_table.rows.append([wording_names.get(code, code), str(count_cell(n))])
    return Section(
        "headline",
        "Headline",
        [table, channel_table, help_table, wording_table],
        chart="bar_sources",
    )


def _wording_names(definitions: dict[str, SurveyDefinition]) -> dict[str | None, str]:
    from surveys.translations import EASY_READ, load_languages

    names: dict[str | None, str] = {None: "English", EASY_READ: "Easy Read (English)"}
    for code, language in load_languages(definitions).items():
        names.setdefault(code, language.english_name)
    return names


# A victim KPI counts one answer as positive, out of everyone who answered (Not sure included),
# in the ratings table as in the KPI table, so the two always agree.
KPI_TARGETS = {"kpi_very_satisfied": "5", "kpi_heard": "yes", "kpi_safe": "yes"}


def _positive(value: str | None, number: float | None, question) -> bool | None:
    if question.role in KPI_TARGETS:
        return value == KPI_TARGETS[question.role]
    if question.type == "scale" and value is not None and value.isdigit():
        return int(value) >= 4
    if number is None:
        return None  # "Don't know", "Not sure": not a rating
    return number > 0.5


def ratings(
    data: ReportData, definitions: dict[str, SurveyDefinition], quarter: Quarter
) -> Section:
    last = quarter.previous()
    tally: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for response_id, question_id, value, number in data.choices:
        slug, q, *_ = data.responses.get(response_id, (None, None))
        definition = definitions.get(slug) if slug else None
        if definition is None or q not in (quarter, last):
            continue
        try:
            question = definition.question(question_id)
        except KeyError:
            continue
        if question.role not in RATING_ROLES:
            continue
        positive = _positive(value, number, question)
        if positive is None:
            continue
        cell = tally[(slug, question.id, q)]
        cell[0] += positive
        cell[1] += 1
    table = Table(
        "ratings",
        "Share of positive answers to each rating question",
        ["Source", "Question", "Answers", f"Positive {quarter}", f"Positive {last}", "Change"],
        note="Positive means Yes, Always, Mostly, or 4-5 on a five-point scale; for the victim "
        "KPIs, Very satisfied or Yes out of everyone who answered. A share is not shown when "
        "fewer than 10 answered or fewer than 5 gave either answer.",
    )
    for slug, name in SOURCE_NAMES.items():
        definition = definitions.get(slug)
        if definition is None:
            continue
        for question in definition.questions:
            if question.role not in RATING_ROLES:
                continue
            now_pos, now_n = tally[(slug, question.id, quarter)]
            last_pos, last_n = tally[(slug, question.id, last)]
            now_pct, last_pct = percentage(now_pos, now_n), percentage(last_pos, last_n)
            change = (
                "not shown"
                if now_pct is None or last_pct is None
                else f"{now_pct - last_pct:+.0f} points"
            )
            table.rows.append(
                [
                    name,
                    question.label,
                    str(count_cell(now_n)),
                    fmt_pct(now_pct),
                    fmt_pct(last_pct),
                    change,
                ]
            )
    return Section("ratings", "Ratings by source", [table], chart="bar_ratings")


def victim_kpis(data: ReportData, definitions: dict[str, SurveyDefinition]) -> Section:
    definition = definitions.get("victim-satisfaction")
    roles = {}
    if definition is not None:
        roles = {q.id: q.role for q in definition.questions if q.role and q.role.startswith("kpi_")}
    hits: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for response_id, question_id, value, _number in data.choices:
        slug, q, *_ = data.responses.get(response_id, (None, None))
        role = roles.get(question_id) if slug == "victim-satisfaction" else None
        if role is None:
            continue
        target = KPI_TARGETS[role]
        cell = hits[(role, q)]
        cell[0] += value == target
        cell[1] += 1
    table = Table(
        "victim_kpis",
        "Victim KPIs over the last four quarters",
        [
            "Quarter",
            "Answers",
            "% very satisfied",
            "% felt heard and listened to",
            "% felt safe and supported",
        ],
        note="Targets from last year: 86% very satisfied, 100% heard, 100% safe and supported.",
    )
    for q in data.quarters[-4:]:
        row = [str(q), str(count_cell(hits[("kpi_very_satisfied", q)][1]))]
        for role in ("kpi_very_satisfied", "kpi_heard", "kpi_safe"):
            yes, n = hits[(role, q)]
            share = percentage(yes, n)
            # When the share is hidden its counts are too: 9 of 10 would show a group of 1.
            row.append("not shown" if share is None else f"{share:.0f}% ({yes} of {n})")
        table.rows.append(row)
    return Section("victim_kpis", "Victim KPIs", [table], chart="line_kpis")


def sentiment_over_time(data: ReportData) -> Section:
    scores: dict[tuple, dict[tuple, float]] = defaultdict(dict)
    for response_id, question_id, polarity, _theme, _text, _flag in data.texts:
        slug, q, *_ = data.responses.get(response_id, (None, None))
        if slug:
            scores[(slug, q)][(response_id, question_id)] = polarity
    table = Table(
        "sentiment",
        "Mean sentiment of free text by source (-1 negative to +1 positive)",
        ["Source", *[str(q) for q in data.quarters[-4:]]],
    )
    for slug, name in SOURCE_NAMES.items():
        row = [name]
        for q in data.quarters[-4:]:
            values = list(scores[(slug, q)].values())
            row.append(f"{mean(values):+.2f} ({len(values)})" if len(values) >= 5 else "not shown")
        table.rows.append(row)
    return Section("sentiment", "Sentiment by source over time", [table], chart="line_sentiment")


def triangulation(data: ReportData, themes: dict[str, str], quarter: Quarter) -> Section:
    cells: dict[tuple[str, str], list[float]] = defaultdict(list)
    for response_id, _question_id, polarity, theme, _text, _flag in data.texts:
        slug, q, *_ = data.responses.get(response_id, (None, None))
        if theme and q == quarter and slug in SOURCE_NAMES:
            cells[(theme, slug)].append(polarity)
    used = sorted({theme for theme, _slug in cells}, key=lambda t: themes.get(t, t))
    table = Table(
        "triangulation",
        f"Themes by source, {quarter}: answers and mean sentiment",
        ["Theme", *SOURCE_NAMES.values()],
        note="Each cell: number of answers on the theme, and their mean sentiment. "
        "Fewer than 5 answers are not shown.",
    )
    findings = []
    for theme in used:
        row = [themes.get(theme, theme)]
        views = {}
        for slug, name in SOURCE_NAMES.items():
            values = cells.get((theme, slug), [])
            if len(values) >= MIN_THEME_ANSWERS:
                row.append(f"{len(values)} · {mean(values):+.2f}")
                views[name] = (mean(values), len(values))
            else:
                row.append(str(count_cell(len(values))) if values else "–")
        table.rows.append(row)
        findings.extend(_agreement(themes.get(theme, theme), views))
    if not findings:
        findings.append("No theme had enough answers from two or more sources to compare.")
    return Section(
        "triangulation", "Where sources agree and disagree", [table], findings, chart="heatmap"
    )


def _agreement(theme: str, views: dict[str, tuple[float, int]]) -> list[str]:
    if len(views) < 2:
        return []
    positive = {k: v for k, v in views.items() if v[0] > LEANING}
    negative = {k: v for k, v in views.items() if v[0] < -LEANING}

    def who(group: dict) -> str:
        return ", ".join(
            f"{name.lower()} ({m:+.2f}, {n} answers)" for name, (m, n) in group.items()
        )

    if positive and negative:
        return [f"{theme}: sources disagree. Positive: {who(positive)}; negative: {who(negative)}."]
    if len(positive) == len(views):
        return [f"{theme}: all sources agree it is going well: {who(positive)}."]
    if len(negative) == len(views):
        return [f"{theme}: all sources agree it needs work: {who(negative)}."]
    return []


MAX_QUOTE = 280


def quotes(data: ReportData, themes: dict[str, str], quarter: Quarter) -> Section:
    """One typical answer per theme and source: the one nearest the cell's mean sentiment.
    Identifying details are redacted; texts flagged for safeguarding are never quoted."""
    from analysis.redaction import redact

    cells: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)
    for response_id, _question_id, polarity, theme, text, flagged in data.texts:
        slug, q, *_ = data.responses.get(response_id, (None, None))
        if theme and q == quarter and slug in SOURCE_NAMES and not flagged and text:
            cells[(theme, slug)].append((polarity, text))
    table = Table(
        "quotes",
        f"What people said, {quarter}: a typical answer per theme and source",
        ["Theme", "Source", "Answers", "Typical answer"],
        note="Names, contact details, places, schools and dates are replaced by [brackets]. "
        "Answers flagged for safeguarding are never quoted.",
    )
    for (theme, slug), values in sorted(
        cells.items(), key=lambda item: (themes.get(item[0][0], ""), item[0][1])
    ):
        if len(values) < MIN_THEME_ANSWERS:
            continue
        centre = mean(p for p, _ in values)
        _polarity, text = min(values, key=lambda v: (abs(v[0] - centre), len(v[1])))
        quote = redact(" ".join(text.split()))
        if len(quote) > MAX_QUOTE:
            quote = quote[: MAX_QUOTE - 1].rsplit(" ", 1)[0] + "…"
        table.rows.append([themes.get(theme, theme), SOURCE_NAMES[slug], str(len(values)), quote])
    return Section("quotes", "What people said", [table])


def tell_us(data: ReportData) -> Section:
    kinds = Counter(case[0] for case in data.cases)
    kind_table = Table("tell_us", "Tell us this quarter", ["Kind", "Number"])
    for kind in ("comment", "compliment", "complaint"):
        kind_table.rows.append([kind.capitalize() + "s", str(count_cell(kinds[kind]))])
    complaints = [c for c in data.cases if c[0] == "complaint"]
    stages = Counter((c[1], c[2]) for c in complaints)
    stage_table = Table(
        "complaints", "Complaints by stage and status", ["Stage", "Status", "Number"]
    )
    for (stage, status), n in sorted(stages.items()):
        stage_table.rows.append([f"Stage {stage}", status, str(count_cell(n))])
    answered = [c for c in complaints if c[4] is not None and c[3] is not None]
    on_time = sum(1 for c in answered if c[4] <= c[3])
    open_review = sum(1 for c in complaints if c[5] == "victim" and c[6] is None)
    # How the service did, not anyone's answer: shown from 10 complaints even when only a few
    # were late, since a late reply identifies no one.
    share = 100.0 * on_time / len(answered) if len(answered) >= 10 else None
    shown = (
        (str(on_time), str(len(answered)))
        if share is not None
        else (str(count_cell(on_time)), str(count_cell(len(answered))))
    )
    findings = [
        f"Complaints answered within timescale: {fmt_pct(share)} "
        f"({shown[0]} of {shown[1]} answered).",
        "Victims' complaints still to be sent the Right to Review information: "
        f"{count_cell(open_review)}.",
    ]
    return Section(
        "tell_us",
        "Tell us: comments, compliments and complaints",
        [kind_table, stage_table],
        findings,
    )


def you_said_we_did(data: ReportData, themes: dict[str, str], quarter: Quarter) -> Section:
    def within(day) -> bool:
        return day is not None and quarter.start <= day <= quarter.end

    opened = [a for a in data.actions if within(a.raised)]
    done = [a for a in data.actions if within(a.done)]
    published = [a for a in data.actions if within(a.published)]
    table = Table(
        "you_said_we_did",
        f"You Said, We Did actions raised, done or published in {quarter}",
        ["You said", "We did", "Status", "Themes", "Team", "Raised", "Done", "Published"],
    )
    for a in data.actions:
        table.rows.append(
            [
                a.you_said,
                a.we_did,
                ACTION_STATUSES.get(a.status, a.status),
                ", ".join(sorted(themes.get(t, t) for t in a.themes)),
                _team_name(a.team, data.team_names),
                a.raised.isoformat(),
                a.done.isoformat() if a.done else "",
                a.published.isoformat() if a.published else "",
            ]
        )
    findings = [
        f"{len(opened)} actions raised, {len(done)} done and {len(published)} published on the "
        "You Said, We Did board this quarter."
    ]
    by_theme = Counter(t for a in data.actions for t in a.themes)
    if by_theme:
        findings.append(
            "Themes acted on: "
            + ", ".join(
                f"{name} ({n})"
                for name, n in sorted((themes.get(t, t), n) for t, n in by_theme.items())
            )
            + "."
        )
    return Section("you_said_we_did", "You Said, We Did", [table], findings)


def _team_name(slug: str | None, names: dict[str, str]) -> str:
    if slug is None or slug == "no team":
        return "Whole service" if slug is None else "No team given"
    return names.get(slug, slug.replace("-", " ").capitalize())


PEOPLE_NOTE = (
    "Numbers of children and of parents and carers who took part are shown in full: they say "
    "nothing about anyone's answers or circumstances. A person at two activities counts twice."
)


def _activity_table(key: str, title: str, first: str, groups: dict[str, list[ActivityRow]]):
    table = Table(key, title, [first, "Activities", "Children", "Parents and carers"])
    for name, activities in groups.items():
        table.rows.append(
            [
                name,
                str(len(activities)),
                str(sum(a.children for a in activities)),
                str(sum(a.parents_carers for a in activities)),
            ]
        )
    return table


def participation(data: ReportData, quarter: Quarter) -> Section:
    """Activities where children and families shaped the service, by type and team, how they
    met the Lundy model, and what changed as a result."""
    found = data.participation
    by_type = {name: [a for a in found if a.kind == key] for key, name in TYPES.items()}
    type_table = _activity_table(
        "participation_by_type", f"Participation activities by type, {quarter}", "Type", by_type
    )
    type_table.rows.append(
        [
            "All activities",
            str(len(found)),
            str(sum(a.children for a in found)),
            str(sum(a.parents_carers for a in found)),
        ]
    )
    type_table.note = PEOPLE_NOTE
    by_team: dict[str, list[ActivityRow]] = {}
    for activity in found:
        for slug in activity.teams or (None,):
            by_team.setdefault(_team_name(slug, data.team_names), []).append(activity)
    whole = _team_name(None, data.team_names)
    ordered = sorted(by_team, key=lambda name: (name != whole, name))
    team_table = _activity_table(
        "participation_by_team",
        f"Participation activities by team, {quarter}",
        "Team",
        {name: by_team[name] for name in ordered},
    )
    team_table.note = "An activity for several teams is counted under each of them."

    lundy = lundy_counts(a.lundy for a in found)
    lundy_table = Table(
        "participation_lundy",
        f"Activities meeting each element of the Lundy model, {quarter}",
        ["Element", "What it means", "Activities", "Share of activities"],
    )
    for key, name in LUNDY_ELEMENTS.items():
        share = f"{100 * lundy[key] / len(found):.0f}%" if found else "–"
        lundy_table.rows.append([name, LUNDY_MEANINGS[key].capitalize(), str(lundy[key]), share])

    changes = Table(
        "participation_changes",
        f"What changed because of participation, {quarter}",
        ["Date", "Type", "Team", "What changed", "We did (linked You Said, We Did actions)"],
        note="'We did' lists the linked You Said, We Did actions that are done.",
    )
    for a in found:
        if a.changed or a.we_did:
            teams = ", ".join(_team_name(t, data.team_names) for t in a.teams) or whole
            kind = TYPES.get(a.kind, a.kind)
            changes.rows.append(
                [a.held_on.isoformat(), kind, teams, a.changed, " | ".join(a.we_did)]
            )

    findings = ["No participation activities were logged this quarter."]
    if found:
        findings = [
            f"{len(found)} participation activities, with {type_table.rows[-1][2]} children and "
            f"{type_table.rows[-1][3]} parents and carers taking part.",
            weakest_sentence(lundy, len(found)),
            f"{len(changes.rows)} of {len(found)} activities led to a recorded change.",
        ]
    return Section(
        "participation",
        "Participation this quarter",
        [type_table, team_table, lundy_table, changes],
        findings,
    )


def disproportionality(
    data: ReportData, definitions: dict[str, SurveyDefinition], quarter: Quarter
) -> Section:
    definition = definitions.get("working-with-us")
    tables = []
    if definition is not None:
        overall = definition.question_with_role("overall")
        demographics = [q for q in definition.questions if q.role == "demographic"]
        by_response: dict[int, dict[str, str]] = defaultdict(dict)
        for response_id, question_id, value, _number in data.choices:
            slug, q, *_ = data.responses.get(response_id, (None, None))
            if slug == "working-with-us" and q == quarter:
                by_response[response_id][question_id] = value
        for question in demographics:
            groups = list(question.options)
            counts = []
            for option in groups:
                answers = [
                    a
                    for a in by_response.values()
                    if a.get(question.id) == option.value and overall.id in a
                ]
                good = sum(1 for a in answers if int(a[overall.id]) >= 4)
                counts.append([good, len(answers) - good])
            safe = suppress_table(counts)
            table = Table(
                f"equality_{question.id}",
                f"Children rating their time with us good or really good, by: {question.label}",
                ["Group", "Good or really good", "Not", "Total", "Share good"],
                note="Counts of 1-4 read 'fewer than 5'; other cells are hidden where a small "
                "group could be worked out from the totals.",
            )
            for option, row, total in zip(groups, safe.cells, safe.row_totals, strict=True):
                share = (
                    percentage(row[0].value, total.value)
                    if row[0].shown and row[1].shown and total.shown
                    else None
                )
                table.rows.append(
                    [option.label, str(row[0]), str(row[1]), str(total), fmt_pct(share)]
                )
            table.rows.append(
                [
                    "All who answered",
                    str(safe.column_totals[0]),
                    str(safe.column_totals[1]),
                    str(safe.total),
                    "",
                ]
            )
            tables.append(table)
    return Section("equality", "Disproportionality: children's ratings by group", tables)


def by_team(data: ReportData, quarter: Quarter) -> Section:
    counts = Counter((r[3] or "no team", r[0]) for r in data.responses.values() if r[1] == quarter)
    teams = sorted({team for team, _slug in counts})
    table = Table(
        "by_team", f"Responses by team and source, {quarter}", ["Team", *SOURCE_NAMES.values()]
    )
    for team in teams:
        table.rows.append(
            [
                _team_name(team, data.team_names),
                *[str(count_cell(counts[(team, s)])) for s in SOURCE_NAMES],
            ]
        )
    return Section("by_team", "By team", [table, _team_measures(data, quarter, teams)])


def _team_measures(data: ReportData, quarter: Quarter, teams: list[str]) -> Table:
    """Each team's own picture: how children rated us, and the tone of what everyone wrote."""
    good: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for response_id, question_id, value, _number in data.choices:
        slug, q, _channel, team, *_ = data.responses.get(response_id, (None,) * 6)
        if slug == "working-with-us" and q == quarter and question_id == "overall" and value:
            cell = good[team or "no team"]
            cell[0] += value.isdigit() and int(value) >= 4
            cell[1] += 1
    tone: dict[str, list[float]] = defaultdict(list)
    for response_id, _question_id, polarity, _theme, _text, _flag in data.texts:
        slug, q, _channel, team, *_ = data.responses.get(response_id, (None,) * 6)
        if slug and q == quarter:
            tone[team or "no team"].append(polarity)
    table = Table(
        "by_team_measures",
        f"Key measures by team, {quarter}",
        ["Team", "Children rating us good or really good", "Mean sentiment of free text"],
        note="Shares need 10 answers and at least 5 either way; sentiment needs 5 answers.",
    )
    for team in teams:
        yes, n = good[team]
        share = percentage(yes, n)
        polarities = tone[team]
        table.rows.append(
            [
                _team_name(team, data.team_names),
                "not shown" if share is None else f"{share:.0f}% of {n}",
                f"{mean(polarities):+.2f} ({len(polarities)})"
                if len(polarities) >= 5
                else "not shown",
            ]
        )
    return table
