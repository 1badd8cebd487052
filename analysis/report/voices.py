"""The plan's People and intervention measures: % positive after each training course, and
how children and parents rated each named activity and what they wrote about it, with small
numbers hidden."""

from __future__ import annotations

from collections import defaultdict

from analysis.report.data import ReportData
from analysis.report.model import Section, Share, Table, count
from analysis.report.openings import of, since, spread
from surveys import SurveyDefinition

POSITIVE = {"4", "5"}  # Good or better / Agree or better, on the five-point scales


def _ratings(data: ReportData, survey: str, question_of, quarter=None) -> dict[str, list[str]]:
    """Answers in `quarter` (the report's by default) grouped by what `question_of(choice)`
    says they are about."""
    quarter = quarter or data.quarter
    now = {r.id for r in data.responses.values() if r.survey == survey and r.quarter == quarter}
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
    shares: list[tuple[str, Share]] = []
    before: list[str] = []
    if definition is not None:
        courses = {o.value: o.label for o in definition.question("course").options}
        by_response = {c.response: c.value for c in data.choices if c.question == "course"}

        def rated(choice):
            return by_response.get(choice.response) if choice.question == "overall" else None

        overall = _ratings(data, "training-feedback", rated)
        last = _ratings(data, "training-feedback", rated, data.quarter.previous())
        before = [a for answers in last.values() for a in answers]
        for value, label in courses.items():
            answers = overall.get(value, [])
            if answers:
                share = Share(sum(a in POSITIVE for a in answers), len(answers))
                table.rows.append([label, count(len(answers)), share])
                shares.append((label, share))
    return Section(
        "training", "Training: % positive feedback", [table], _training_opening(shares, before)
    )


def _training_opening(shares: list[tuple[str, Share]], before: list[str]) -> list[str]:
    """All courses together against last quarter, then the best and least rated course. The
    total is left out when exactly one course is hidden, as it would give that course away."""
    if not shares:
        return ["No one sent the training feedback form after a course this quarter."]
    courses = f"{len(shares)} course" + ("" if len(shares) == 1 else "s")
    hidden = sum(not (share.shown and count(share.base).shown) for _, share in shares)
    if hidden == 1 and len(shares) > 1:
        said = f"Feedback came in after {courses} this quarter"
    else:
        every = Share(sum(s.count for _, s in shares), sum(s.base for _, s in shares))
        said = f"{count(every.base)} answered after {courses} this quarter"
        if every.shown:
            then = Share(sum(a in POSITIVE for a in before), len(before))
            said += (
                f" and {every.percent:.0f}% of them ({every.count:,}) rated their session good or "
                f"excellent{since(every, then, 'last quarter')}"
            )
        else:
            said += ": too few answers to tell what share rated their session good or excellent"
    findings = [f"{said[0].upper()}{said[1:]}."]
    shown = [(course, share) for course, share in shares if share.shown]
    if len(shown) == 1:
        course, share = shown[0]
        findings.append(f"{course} is the only course with enough answers to show ({of(share)}).")
    elif not shown:
        findings.append("No course had the 10 answers it needs to be shown on its own.")
    else:
        findings.append(spread(shown, "Rated best:", "least:") or "")
    return findings


# Who rated the named activities, by the report's sources: children on their own form and
# after a panel are one voice here; parents and carers rate what their child did.
INTERVENTION_VOICES = (
    ("Children", ("children", "children_at_panels")),
    ("Parents and carers", ("parents",)),
)
THEMES_PER_ACTIVITY = 3


def interventions(
    data: ReportData, definitions: dict[str, SurveyDefinition], themes: dict[str, str]
) -> Section:
    """Each named activity's ratings from each voice, and the themes of what was written about
    it, with small numbers hidden; never a quote."""
    about: dict[tuple[str, str], str] = {}  # (survey, question) -> the activity it is about
    names: dict[str, str] = {}
    for slug, definition in definitions.items():
        for question in definition.questions:
            if question.about:
                about[(slug, question.id)] = question.about
            if question.role == "interventions":
                names.update({o.value: o.label for o in question.options})
    voices = {source: name for name, sources in INTERVENTION_VOICES for source in sources}
    now = {
        r.id: r for r in data.responses.values() if r.quarter == data.quarter and r.source in voices
    }
    ratings: dict[tuple[str, str], list[str]] = defaultdict(list)  # (activity, voice)
    for choice in data.choices:
        response = now.get(choice.response)
        if response is None or response.source is None:
            continue
        activity = about.get((response.survey, choice.question))
        if activity:
            ratings[(activity, voices[response.source])].append(choice.value)
    written: dict[str, list] = defaultdict(list)
    for text in data.texts:
        response = now.get(text.response)
        activity = response and about.get((response.survey, text.question))
        if activity and text.themes:
            written[activity].append(text)
    rated = sorted(
        {a for a, _ in ratings} | set(written),
        key=lambda a: (-sum(len(v) for (x, _), v in ratings.items() if x == a), a),
    )
    table = Table(
        "interventions",
        f"Named activities and interventions: how they were rated, {data.quarter}",
        ["Activity"]
        + [c for name, _ in INTERVENTION_VOICES for c in (f"{name}: ratings", f"{name}: good")],
        note="Good means good or better (4 or 5 of 5). Counts of 1-4 read 'fewer than 5'; a "
        "share needs 10 ratings. From the children's form, the panel form and the parents' form.",
    )
    theme_table = Table(
        "intervention_themes",
        f"Named activities: what people wrote about, {data.quarter}",
        ["Activity", "Theme", "Answers", "Written in a positive tone"],
        note=f"The {THEMES_PER_ACTIVITY} themes written about most for each activity. Counts of "
        "1-4 read 'fewer than 5'; a share needs 10 answers. No answer is quoted.",
    )
    by_voice: dict[str, list[tuple[str, Share]]] = defaultdict(list)
    for activity in rated:
        row: list = [names.get(activity, activity)]
        for name, _ in INTERVENTION_VOICES:
            answers = ratings.get((activity, name), [])
            good = sum(a in POSITIVE for a in answers)
            row += [count(len(answers)), Share(good, len(answers))]
            if answers:
                by_voice[name].append((_in_sentence(names.get(activity, activity)), row[-1]))
        table.rows.append(row)
        by_theme: dict[str, list] = defaultdict(list)
        for text in written.get(activity, []):
            for theme in text.themes:
                by_theme[theme].append(text)
        for theme, texts in sorted(by_theme.items(), key=lambda t: (-len(t[1]), t[0]))[
            :THEMES_PER_ACTIVITY
        ]:
            positive = sum(t.polarity > 0 for t in texts)
            theme_table.rows.append(
                [
                    names.get(activity, activity),
                    themes.get(theme, theme),
                    count(len(texts)),
                    Share(positive, len(texts)),
                ]
            )
    return Section(
        "interventions",
        "Named activities and interventions",
        [table, theme_table],
        _activities_opening(by_voice),
    )


def _activities_opening(by_voice: dict[str, list[tuple[str, Share]]]) -> list[str]:
    """For each voice: how many activities it rated, and the best and least rated of those
    with enough ratings to show, with whether the gap is beyond noise."""
    if not by_voice:
        return ["No one rated a named activity or intervention this quarter."]
    findings = []
    for voice, rated in by_voice.items():
        shown = [(activity, share) for activity, share in rated if share.shown]
        activities = f"{len(rated)} named activit" + ("y" if len(rated) == 1 else "ies")
        if len(shown) == 1:
            activity, share = shown[0]
            others = "; no other had the 10 ratings needed to show it" if len(rated) > 1 else ""
            findings.append(
                f"{voice} rated {activity} good or better in {share.percent:.0f}% of "
                f"{share.base:,} ratings{others}."
            )
        elif not shown:
            findings.append(
                f"{voice} rated {activities} this quarter, too few times each to show a share "
                "(a share needs 10 ratings)."
            )
        else:
            findings.append(
                f"{voice} rated {activities} this quarter. "
                + (spread([(_short(a), s) for a, s in shown], "Rated best:", "least:") or "")
            )
    return findings


def _short(label: str) -> str:
    """ "MORSE Youth (about driving and the roads)" reads "MORSE Youth" beside a share."""
    return label.split(" (", 1)[0]


def _in_sentence(label: str) -> str:
    """ "The VR headsets" reads "the VR headsets" inside a sentence."""
    first, _, rest = label.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A") and rest else label
