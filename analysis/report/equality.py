"""Disproportionality: every key measure a source asks, by each equality question it asks
(gender, ethnicity, care status, SEND), with small-number and secondary suppression, and a gap
named in words only when a group differs from everyone else who answered beyond noise."""

from __future__ import annotations

from collections import defaultdict

from analysis.report import sources
from analysis.report.data import ReportData
from analysis.report.measures import SAYS
from analysis.report.model import Change, KeyMessage, Section, Share, Table
from analysis.report.openings import of
from analysis.suppression import suppress_table
from surveys import SurveyDefinition
from surveys.loader import MEASURES

PREFER_NOT = "prefer_not"
# How a sentence names a group whose option label alone would not say who they are.
GROUP_NAMES = {
    ("care_status", "yes"): "children who are or have been in care",
    ("care_status", "no"): "children who have not been in care",
    ("send", "yes"): "children who get extra help with learning (SEND)",
    ("send", "no"): "children who do not get extra help with learning",
    ("gender", "boy"): "boys and young men",
    ("gender", "girl"): "girls and young women",
    ("gender", "other_way"): "children who describe themselves in another way",
    ("ethnicity", "white"): "White children",
    ("ethnicity", "mixed"): "children of mixed or multiple ethnic groups",
    ("ethnicity", "asian"): "Asian or Asian British children",
    ("ethnicity", "black"): "Black, Black British, Caribbean or African children",
    ("ethnicity", "gypsy_roma_traveller"): "Gypsy, Roma or Traveller children",
    ("ethnicity", "other"): "children of another ethnic group",
}
# As they read inside a title ("the key measures by care status"): SEND stays in capitals.
SHORT = {"gender": "gender", "ethnicity": "ethnicity", "care_status": "care status", "send": "SEND"}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _group_name(question, option) -> str:
    return GROUP_NAMES.get(
        (question.id, option.value), f"children answering '{option.label}' to '{question.label}'"
    )


def section(data: ReportData, definitions: dict[str, SurveyDefinition]) -> Section:
    quarter = data.quarter
    tables: list[Table] = []
    messages: list[KeyMessage] = []
    chart_rows = []
    for spec in sources.rated():
        definition = definitions.get(spec.survey)
        if definition is None:
            continue
        demographics = [q for q in definition.questions if q.role == "demographic"]
        measured = list(definition.measured)
        if not demographics or not measured:
            continue
        answers: dict[int, dict[str, str]] = defaultdict(dict)
        for choice in data.choices_for(spec.survey):
            response = data.responses.get(choice.response)
            if response and response.source == spec.key and response.quarter == quarter:
                answers[choice.response][choice.question] = choice.value
        for question in demographics:
            groups = list(question.options)
            table = Table(
                f"equality_{spec.key}_{question.id}",
                f"{spec.name}: the key measures by {SHORT.get(question.id, question.label.lower())}"
                f" ({question.label}), {quarter}",
                ["Group", "Answered", *[MEASURES[q.measure_key] for q in measured]],
                note="Each share is of the group's answers to that question. Counts of 1-4 read "
                "'fewer than 5'; further shares are hidden where a small group could be worked "
                "out from the totals.",
            )
            # One pass over the answers: each group's size and its good and other answers.
            index_of = {option.value: index for index, option in enumerate(groups)}
            answered = [0] * len(groups)
            tallies = {m.id: [[0, 0] for _ in groups] for m in measured}
            for a in answers.values():
                index = index_of.get(a.get(question.id))  # type: ignore[arg-type]
                if index is None:
                    continue
                answered[index] += 1
                for measure_q in measured:
                    value = a.get(measure_q.id)
                    if value is not None:
                        tallies[measure_q.id][index][0 if value in measure_q.positive else 1] += 1
            by_measure = {}
            gaps: list[tuple[str, KeyMessage]] = []
            for measure_q in measured:
                counts = tallies[measure_q.id]
                by_measure[measure_q.measure] = (counts, suppress_table(counts))
            answered_safe = suppress_table([[n] for n in answered])
            for index, option in enumerate(groups):
                row: list = [option.label, answered_safe.cells[index][0]]
                for measure_q in measured:
                    counts, safe = by_measure[measure_q.measure]
                    good, bad = counts[index]
                    hidden = _hidden(safe, index)
                    row.append(Share(good, good + bad, hidden=hidden))
                    if not hidden and option.value != PREFER_NOT:
                        chart_rows.append(
                            (
                                _capital(SHORT.get(question.id, question.label)),
                                option.label,
                                MEASURES[measure_q.measure_key],
                                row[-1],
                            )
                        )
                        gaps.extend(_gap(spec.name, question, measure_q, counts, safe, index))
                table.rows.append(row)
            # The widest gap per measure: with two groups, one gap is the other seen backwards.
            for measure_q in measured:
                mine = [g[1] for g in gaps if g[0] == measure_q.measure]
                # Name the group that does less well when two gaps are the same size.
                mine.sort(key=lambda m: (-m.weight, " more often" in m.text))
                messages.extend(mine[:1])
            tables.append(table)
    from analysis.report.charts import equality_chart

    return Section(
        "equality",
        "Disproportionality: the key measures by group",
        tables,
        [m.text for m in messages]
        or ["No group differs from the others beyond noise on any key measure."],
        chart=equality_chart(chart_rows),
        messages=messages,
    )


def _hidden(safe, index: int) -> bool:
    """Whether a group's share of a measure is hidden in the table."""
    cells = safe.cells[index]
    return not (cells[0].shown and cells[1].shown and safe.row_totals[index].shown)


def _gap(source_name, question, measure_q, counts, safe, index) -> list[tuple[str, KeyMessage]]:
    """The group against the other groups whose shares the table shows (never a hidden group,
    whose count could otherwise be worked out from the sentence and the table), named when
    there is one ("than boys and young men"), or "other children in the groups shown"."""
    if _hidden(safe, index):
        return []
    others = [
        i
        for i, option in enumerate(question.options)
        if i != index and option.value != PREFER_NOT and sum(counts[i]) > 0 and not _hidden(safe, i)
    ]
    if not others:
        return []
    good, bad = counts[index]
    rest_good = sum(counts[i][0] for i in others)
    rest_bad = sum(counts[i][1] for i in others)
    group, rest = Share(good, good + bad), Share(rest_good, rest_good + rest_bad)
    gap = Change(group, rest)
    if not gap.real:
        return []
    more = "more" if gap.real_points > 0 else "less"
    name = _named(source_name, question, question.options[index])
    if len(others) == 1:
        than = _named(source_name, question, question.options[others[0]])
    elif source_name == "Children":
        than = "other children in the groups shown"
    else:
        than = f"other {source_name.lower()} in the groups shown"
    return [
        (
            measure_q.measure,
            KeyMessage(
                f"{_capital(name)} {SAYS[measure_q.measure]} {more} often than {than} "
                f"({of(group)} against {of(rest)}, a gap of "
                f"{abs(gap.shown_points or 0)} points).",
                "equality",
                abs(gap.real_points) + 5,
            ),
        )
    ]


def _named(source_name: str, question, option) -> str:
    if source_name == "Children":
        return _group_name(question, option)
    return f"{source_name.lower()} answering {option.label}"
