"""Print the reading age of every question, in the usual words and in Easy Read.

    python bench/reading_age.py [--all]

The reading age is the Flesch-Kincaid grade plus 5 (a US school grade is about five years
behind the age of the children in it), measured with textstat on the question's label and hint,
the words a person reads before answering. Very short texts give rough figures: treat one
question's number as a prompt to read it again, not a verdict. Without --all only the wordings
children and Easy Read readers see are listed, with a total line per survey.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import textstat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from surveys import load_surveys  # noqa: E402
from surveys.translations import EASY_READ, load_languages, reworded  # noqa: E402

TARGET = 9  # children's and Easy Read wording: a reading age of about 9 or below
# Words a child or Easy Read reader needs although they score as hard, and why.
ALLOWED_ABOVE_TARGET = {
    # The question is about respect: the word stays, and the hint says what it means.
    ("working-with-us", "usual", "respect"): "the word 'respect' stays; the hint explains it",
    # "Overall" scores three syllables; children know it, and the score is about 9.
    ("working-with-us", "usual", "overall"): "'overall' is long but known; about 9",
    # The panel form asks the same two questions in the same words.
    ("panel-feedback", "usual", "respect"): "the word 'respect' stays; the hint explains it",
    ("panel-feedback", "usual", "overall"): "'overall' is long but known",
    # "Reparation" is the intervention's own name, the word children hear from their workers.
    ("panel-feedback", "usual", "iv_reparation"): "names the reparation programme",
    ("panel-feedback", "easy", "iv_reparation"): "names the reparation programme",
    ("working-with-us", "usual", "iv_reparation"): "names the reparation programme",
    ("working-with-us", "easy", "iv_reparation"): "names the reparation programme",
    ("working-with-us", "easy", "iv_reparation_words"): "names the reparation programme",
    ("parent-carer", "easy", "iv_reparation"): "names the reparation programme",
    # Five short words; "understand" alone lifts the score of so short a question.
    ("panel-feedback", "easy", "explained"): "five short words; 'understand' lifts the score",
}


@dataclass(frozen=True)
class Measured:
    survey: str
    wording: str  # "usual" or "easy"
    question: str
    text: str
    reading_age: float

    @property
    def allowed(self) -> bool:
        key = (self.survey, self.wording, self.question)
        return self.reading_age <= TARGET or key in ALLOWED_ABOVE_TARGET


def reading_age(text: str) -> float:
    textstat.set_lang("en_GB")
    return round(textstat.flesch_kincaid_grade(text) + 5, 1)


def measure_all() -> list[Measured]:
    """Every question of every survey, in the usual words and (where there is one) Easy Read."""
    definitions = load_surveys()
    easy = load_languages(definitions).get(EASY_READ)
    rows = []
    for slug, definition in sorted(definitions.items()):
        wordings = {"usual": definition}
        if easy and slug in easy.surveys:
            wordings["easy"] = reworded(definition, easy.surveys[slug])
        for name, worded in wordings.items():
            for question in worded.questions:
                text = " ".join(t for t in (question.label, question.hint) if t)
                rows.append(Measured(slug, name, question.id, text, reading_age(text)))
    return rows


def for_children_or_easy(rows: list[Measured]) -> list[Measured]:
    """The wordings held to the target: the children's form, and every Easy Read form."""
    children = {s for s, d in load_surveys().items() if d.for_children}
    return [r for r in rows if r.wording == "easy" or r.survey in children]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every survey's usual words too")
    args = parser.parse_args()
    rows = measure_all()
    shown = rows if args.all else for_children_or_easy(rows)
    print(f"{'survey':<22}{'words':<7}{'question':<22}{'age':>5}  note")
    for row in shown:
        note = (
            ""
            if row.reading_age <= TARGET
            else ALLOWED_ABOVE_TARGET.get((row.survey, row.wording, row.question), "ABOVE TARGET")
        )
        print(f"{row.survey:<22}{row.wording:<7}{row.question:<22}{row.reading_age:>5}  {note}")
    print()
    groups = sorted({(r.survey, r.wording) for r in shown})
    for survey, wording in groups:
        ages = [r.reading_age for r in shown if (r.survey, r.wording) == (survey, wording)]
        within = sum(age <= TARGET for age in ages)
        print(
            f"{survey} ({wording}): median reading age {sorted(ages)[len(ages) // 2]}, "
            f"highest {max(ages)}, {within} of {len(ages)} questions at {TARGET} or below"
        )


if __name__ == "__main__":
    main()
