"""Tell us and complaints: numbers by stage, acknowledged and answered within timescale, the
decision recorded when each closed, who complained, which team, and the learning with any
You Said, We Did action made from it."""

from __future__ import annotations

from collections import Counter

from analysis.report.data import CaseRow, ReportData
from analysis.report.model import KeyMessage, Section, Share, Table, count
from surveys import SurveyDefinition

# Recorded on a complaint when it closes (the Ombudsman's code expects them reported).
DECISIONS = {
    "upheld": "Upheld",
    "partly_upheld": "Partly upheld",
    "not_upheld": "Not upheld",
    "withdrawn": "Withdrawn",
}
CASE_STATUSES = {
    "new": "Not yet acknowledged",
    "acknowledged": "Acknowledged",
    "responded": "Answered",
    "closed": "Closed",
}
KINDS = {"comment": "Comments", "compliment": "Compliments", "complaint": "Complaints"}
# "In time" is reported from this many cases: how the service did, which names no one.
MIN_TIMELINESS = 10


def _respondent_labels(definitions: dict[str, SurveyDefinition]) -> dict[str, str]:
    definition = definitions.get("tell-us")
    question = definition.question_with_role("respondent") if definition else None
    return {o.value: o.label for o in question.options} if question else {}


def _in_time(done: list[tuple], label: str) -> tuple[str, Share | None]:
    on_time = sum(1 for due, met in done if met <= due)
    if len(done) < MIN_TIMELINESS:
        counted = f" ({count(on_time)} of {len(done)})" if len(done) >= 5 else ""
        return f"{label}: too few to tell{counted}.", None
    return f"{label}: {100 * on_time / len(done):.0f}% ({on_time} of {len(done)}).", Share(
        on_time, len(done)
    )


def section(data: ReportData, definitions: dict[str, SurveyDefinition]) -> Section:
    quarter = data.quarter
    kinds = Counter(c.kind for c in data.cases)
    kind_table = Table("tell_us", f"Tell us messages received, {quarter}", ["Kind", "Number"])
    for key, name in KINDS.items():
        kind_table.rows.append([name, count(kinds[key])])
    complaints = [c for c in data.cases if c.kind == "complaint"]
    stage_table = Table(
        "complaints_by_stage",
        f"Complaints received in {quarter}, by stage and where they stand",
        ["Stage", "Where it stands", "Complaints"],
    )
    for (stage, status), n in sorted(Counter((c.stage, c.status) for c in complaints).items()):
        stage_table.rows.append([f"Stage {stage}", CASE_STATUSES.get(status, status), count(n)])
    acknowledged = [
        (c.acknowledge_by, c.acknowledged_on)
        for c in complaints
        if c.acknowledged_on and c.acknowledge_by
    ]
    answered = [
        (c.respond_by, c.responded_on) for c in complaints if c.responded_on and c.respond_by
    ]
    ack_text, ack_share = _in_time(acknowledged, "Acknowledged within timescale")
    answer_text, answer_share = _in_time(answered, "Answered within timescale")
    timeliness = Table(
        "complaints_timeliness",
        f"Complaints acknowledged and answered within timescale, {quarter}",
        ["Step", "Within timescale"],
        rows=[
            ["Acknowledged", ack_share or ack_text.split(": ", 1)[1]],
            ["Answered", answer_share or answer_text.split(": ", 1)[1]],
        ],
        note=f"Shares are shown from {MIN_TIMELINESS} complaints: they say how the service did "
        "and name no one.",
    )
    decisions = Counter(c.decision for c in complaints if c.decision)
    decision_table = Table(
        "complaints_decisions",
        f"Decisions on complaints received in {quarter}",
        ["Decision", "Complaints"],
        note="Recorded on the complaint when it closes. Complaints still open have none yet.",
    )
    for key, name in DECISIONS.items():
        decision_table.rows.append([name, count(decisions[key])])
    decision_table.rows.append(["Still open", count(sum(1 for c in complaints if not c.decision))])
    labels = _respondent_labels(definitions)
    who = Counter(c.respondent for c in complaints)
    who_table = Table("complaints_by_who", f"Who complained, {quarter}", ["Who", "Complaints"])
    for key, label in labels.items():
        who_table.rows.append([label, count(who[key])])
    if who[None]:
        who_table.rows.append(["Not said", count(who[None])])
    team_table = Table(
        "complaints_by_team", f"Complaints by team, {quarter}", ["Team", "Complaints"]
    )
    for team, n in sorted(Counter(c.team for c in complaints).items(), key=lambda i: str(i[0])):
        team_table.rows.append(
            [data.team_names.get(team, "No team given") if team else "No team given", count(n)]
        )
    learning = _learning(complaints)
    open_review = sum(
        1 for c in complaints if c.respondent == "victim" and c.right_to_review_sent_on is None
    )
    received = _received(complaints)
    findings = [
        f"Complaints: {received}." if complaints else "No complaints were received this quarter.",
        ack_text,
        answer_text,
        "Victims' complaints still to be sent the Right to Review information: "
        f"{count(open_review)}.",
    ][: 4 if complaints else 1]  # with no complaints there is no timescale to tell
    text = "No complaints were received this quarter."
    if complaints:
        text = f"Complaints: {received}; " + answer_text[0].lower() + answer_text[1:]
    message = KeyMessage(text, "complaints", 30)
    return Section(
        "complaints",
        "Tell us and complaints",
        [kind_table, stage_table, timeliness, decision_table, who_table, team_table, learning],
        findings,
        messages=[message],
    )


def _received(complaints: list[CaseRow]) -> str:
    """How many complaints came in, in the same words as the tables: a count of 1 to 4 reads
    "fewer than 5" here too, never the number."""
    stage2 = sum(c.stage == 2 for c in complaints)
    at_stage2 = "none" if not stage2 else str(count(stage2))
    return f"{count(len(complaints))} received this quarter ({at_stage2} at stage 2)"


def _learning(complaints: list[CaseRow]) -> Table:
    table = Table(
        "complaints_learning",
        "Learning from complaints, and what we did",
        ["Decision", "Learning", "You Said, We Did action made from it"],
        note="The learning recorded when each complaint closed.",
    )
    for case in complaints:
        if case.learning:
            table.rows.append(
                [
                    DECISIONS.get(case.decision or "", "Still open"),
                    case.learning,
                    " | ".join(case.actions),
                ]
            )
    return table
