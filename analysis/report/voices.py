"""The plan's People and intervention measures: % positive after each training course, and
how children rated each named activity, both with small numbers hidden."""

from __future__ import annotations

from collections import defaultdict

from analysis.report.data import ReportData
from analysis.report.model import Section, Share, Table, count
from surveys import SurveyDefinition

POSITIVE = {"4", "5"}  # Good or better / Agree or better, on the five-point scales


def _ratings(data: ReportData, survey: str, question_of) -> dict[str, list[str]]:
    """Answers this quarter grouped by what `question_of(choice)` says they are about."""
    now = {
        r.id for r in data.responses.values() if r.survey == survey and r.quarter == data.quarter
    }
    grouped: dict[str, list[str]] = defaultdict(list)
    for choice in data.choices:
        if choice.response in now:
            about = question_of(choice)
            if about:
                grouped[about].append(choice.value)
    return grouped


def training(data: ReportData, definitions: dict[str, SurveyDefinition]) -> Section:
    definition = definitions.get("training-feedback")
    table = Table(
        "training",
        f"Positive feedback after training, by course, {data.quarter}",
        ["Course", "Answers", "Rated the session good or excellent"],
        note="Good or excellent overall. A share is not shown when fewer than 10 answered.",
    )
    if definition is not None:
        courses = {o.value: o.label for o in definition.question("course").options}
        by_response = {c.response: c.value for c in data.choices if c.question == "course"}
        overall = _ratings(
            data,
            "training-feedback",
            lambda c: by_response.get(c.response) if c.question == "overall" else None,
        )
        for value, label in courses.items():
            answers = overall.get(value, [])
            if answers:
                good = sum(a in POSITIVE for a in answers)
                table.rows.append([label, count(len(answers)), Share(good, len(answers))])
    return Section("training", "Training: % positive feedback", [table])


def interventions(data: ReportData, definitions: dict[str, SurveyDefinition]) -> Section:
    table = Table(
        "interventions",
        f"Named activities children rated, {data.quarter}",
        ["Activity", "Ratings", "Rated it good or really good"],
        note="From the children's panel form. A share is not shown when fewer than 10 rated it.",
    )
    definition = definitions.get("panel-feedback")
    if definition is not None:
        about = {q.id: q.about for q in definition.questions if q.role == "intervention_rating"}
        names = {o.value: o.label for o in definition.question("interventions").options}
        rated = _ratings(data, "panel-feedback", lambda c: about.get(c.question))
        for value, answers in sorted(rated.items(), key=lambda item: -len(item[1])):
            good = sum(a in POSITIVE for a in answers)
            table.rows.append(
                [names.get(value, value), count(len(answers)), Share(good, len(answers))]
            )
    return Section("interventions", "Named activities and interventions", [table])
