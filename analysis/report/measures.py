"""Like with like: each measure the survey definitions declare (listened, kept informed, ...)
for every source that asks it, this quarter against last quarter and last year, with the gaps
between sources and the changes put into words only when they are unlikely to be noise."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import NamedTuple

from analysis.quarters import Quarter
from analysis.report import sources
from analysis.report.data import ReportData
from analysis.report.model import Change, KeyMessage, Section, Share, Table
from surveys import SurveyDefinition
from surveys.loader import MEASURES

# How a sentence says that a source is positive on a measure ("Parents say we listen").
SAYS = {
    "listened": "say we listen",
    "explained": "say we explain things clearly",
    "kept_informed": "say they are kept informed",
    "involved": "say they are involved and have a say",
    "respect": "say they are treated with respect",
    "helped": "say we make a difference",
    "safe": "say they feel safe and supported",
    "works_with_children": "say we work well with children",
    "overall": "are positive overall",
}


class MeasureRow(NamedTuple):
    measure: str
    source: str
    question: str  # the question's words in that source's survey
    now: Share
    last: Share
    year_ago: Share

    @property
    def since_last(self) -> Change:
        return Change(self.now, self.last)

    @property
    def since_year(self) -> Change:
        return Change(self.now, self.year_ago)


Tally = dict[tuple[str, str, Quarter], list[int]]  # (source, measure, quarter) -> [yes, n]


def tally(data: ReportData, definitions: dict[str, SurveyDefinition]) -> Tally:
    """Positive answers and answers per source, measure and quarter."""
    measured = {(slug, q.id): q for slug, d in definitions.items() for q in d.measured}
    counts: Tally = defaultdict(lambda: [0, 0])
    for row in data.choice_counts:
        if row.source is None:
            continue
        question = measured.get((row.survey, row.question))
        if question is None:
            continue
        cell = counts[(row.source, question.measure_key, row.quarter)]
        cell[0] += row.n * (row.value in question.positive)
        cell[1] += row.n
    return counts


def share(counts: Tally, source: str, measure: str, quarter: Quarter) -> Share:
    yes, n = counts.get((source, measure, quarter), (0, 0))
    return Share(yes, n)


def measure_rows(
    data: ReportData, definitions: dict[str, SurveyDefinition], counts: Tally
) -> list[MeasureRow]:
    quarter = data.quarter
    last, year_ago = quarter.previous(), quarter.same_quarter_last_year()
    rows = []
    for measure in MEASURES:
        for spec in sources.rated():
            definition = definitions.get(spec.survey)
            question = (
                next((q for q in definition.measured if q.measure == measure), None)
                if definition
                else None
            )
            if question is None:
                continue
            rows.append(
                MeasureRow(
                    measure,
                    spec.key,
                    question.label,
                    share(counts, spec.key, measure, quarter),
                    share(counts, spec.key, measure, last),
                    share(counts, spec.key, measure, year_ago),
                )
            )
    return rows


def divergences(rows: list[MeasureRow]) -> list[KeyMessage]:
    """Where two sources answering the same measure differ by more than noise."""
    messages = []
    by_measure: dict[str, list[MeasureRow]] = defaultdict(list)
    for row in rows:
        by_measure[row.measure].append(row)
    for measure, group in by_measure.items():
        real = [
            (abs(gap.real_points), a, b, gap)
            for a, b in combinations(group, 2)
            if (gap := Change(a.now, b.now)).real
        ]
        for _size, a, b, gap in sorted(real, key=lambda r: -r[0])[:1]:  # the widest gap only
            high, low = (a, b) if gap.real_points > 0 else (b, a)
            messages.append(
                KeyMessage(
                    f"{sources.name(high.source)} {SAYS[measure]} ({_of(high.now)}) "
                    f"far more often than {sources.name(low.source).lower()} "
                    f"({_of(low.now)}).",
                    "measures",
                    abs(gap.real_points),
                    "divergence",
                )
            )
    return messages


AGREE_WITHIN = 10  # points: sources further apart than this are not said to agree


def agreements(rows: list[MeasureRow]) -> list[KeyMessage]:
    """Where every source asked a measure gives much the same answer: no two differ by more
    than noise, and all lie within 10 points. Three sources agreeing weigh more than two."""
    by_measure: dict[str, list[MeasureRow]] = defaultdict(list)
    for row in rows:
        if row.now.shown:
            by_measure[row.measure].append(row)
    messages = []
    for measure, group in by_measure.items():
        percents = [r.now.percent for r in group if r.now.percent is not None]  # all shown
        if (
            len(group) < 2
            or max(percents) - min(percents) > AGREE_WITHIN
            or any(Change(a.now, b.now).real for a, b in combinations(group, 2))
        ):
            continue
        names = [f"{sources.name(r.source).lower()} ({_of(r.now)})" for r in group]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        messages.append(
            KeyMessage(
                f"Sources agree: {listed[0].upper()}{listed[1:]} {_all(len(group))}"
                f"{SAYS[measure]}.",
                "measures",
                10.0 * len(group) + sum(r.now.base for r in group) / 1000,
                "agreement",
            )
        )
    return sorted(messages, key=lambda m: -m.weight)


def _all(sources_agreeing: int) -> str:
    return "all " if sources_agreeing > 2 else "both "


def _of(share: Share) -> str:
    """ "85% of 40": a share with the number it is of, so the Board can weigh it."""
    return f"{share.percent:.0f}% of {share.base:,}"


def changes(rows: list[MeasureRow], quarter: Quarter) -> list[KeyMessage]:
    """The changes since last quarter and the same quarter last year that are not noise."""
    messages = []
    for row in rows:
        for change, when in (
            (row.since_last, f"since last quarter ({quarter.previous()})"),
            (
                row.since_year,
                f"since the same quarter last year ({quarter.same_quarter_last_year()})",
            ),
        ):
            if not change.real:
                continue
            verb = "rose" if change.real_points > 0 else "fell"
            messages.append(
                KeyMessage(
                    f"The share of {sources.name(row.source).lower()} who {SAYS[row.measure]} "
                    f"{verb} from {_of(change.then)} to {_of(change.now)} {when}.",
                    "measures",
                    abs(change.real_points) + 10,  # the Board asks first what changed
                    "change",
                )
            )
            break  # one sentence per row: the change on last quarter if it is real
    return messages


def section(data: ReportData, definitions: dict[str, SurveyDefinition], counts: Tally) -> Section:
    quarter = data.quarter
    rows = measure_rows(data, definitions, counts)
    table = Table(
        "measures",
        f"The same measures across sources, {quarter}",
        [
            "Measure",
            "Source",
            "Question asked",
            str(quarter),
            str(quarter.previous()),
            str(quarter.same_quarter_last_year()),
            "Change on last quarter",
            "Change on last year",
        ],
        note="Positive means the answers each survey counts as positive for the measure (for "
        "example Yes; Always or Mostly; Very satisfied or Satisfied). A change is called real "
        "only when Newcombe's 95% interval for the difference leaves out zero; otherwise it "
        "reads 'too few answers to tell'. A share is not shown when fewer than 10 answered or "
        "fewer than 5 gave either answer.",
    )
    for row in rows:
        table.rows.append(
            [
                MEASURES[row.measure],
                sources.name(row.source),
                row.question,
                row.now,
                row.last,
                row.year_ago,
                row.since_last,
                row.since_year,
            ]
        )
    gaps = divergences(rows)
    moves = changes(rows, quarter)
    agreed = agreements(rows)
    findings = [m.text for m in gaps + agreed + moves] or [
        "No source differs from another, or from last quarter, by more than noise."
    ]
    findings.insert(0, _opening(rows, len(gaps), len(agreed), len(moves)))
    from analysis.report.charts import measures_chart

    return Section(
        "measures",
        "The same measures across sources",
        [table],
        findings,
        chart=measures_chart(rows),
        messages=gaps + agreed + moves,
    )


def _opening(rows: list[MeasureRow], gaps: int, agreed: int, moves: int) -> str:
    """How many measures could be set side by side this quarter, and on how many the sources
    differ or agree beyond noise: what the table shows before its sentences."""
    shown: dict[str, int] = defaultdict(int)
    for row in rows:
        shown[row.measure] += row.now.shown
    compared = sum(n >= 2 for n in shown.values())
    if not compared:
        return (
            "No measure had enough answers from two sources this quarter to set them side by "
            "side; the table shows each source's own shares."
        )

    def n(number: int, word: str) -> str:
        return f"{number} {word}{'' if number == 1 else 's'}"

    return (
        f"{n(compared, 'measure')} had enough answers from two or more sources to set side by "
        f"side this quarter: sources differ beyond noise on {gaps} and agree within 10 points "
        f"on {agreed}; {n(moves, 'share')} changed beyond noise since last quarter or last year."
    )
