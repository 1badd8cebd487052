"""How often the importer suggests the right question for a reworded heading, and the right
option for a reworded answer.

    python bench/import_meaning_accuracy.py                 # the frozen blind set
    python bench/import_meaning_accuracy.py --set round1    # the first blind set, now for tuning

Reads `headings.csv` (survey, question_id, heading) and `answer_values.csv` (meaning, value)
from the set's folder and prints totals only, never a heading or a value: this script is the
only thing that reads the blind set's files (tests/data/blind/README.md).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from feedback_app.importing import suggest_mapping, suggest_option_mapping  # noqa: E402
from surveys.loader import load_surveys  # noqa: E402

SETS = {
    "blind": ROOT / "tests" / "data" / "blind",
    "round1": ROOT / "tests" / "data" / "round1",
    "round2": ROOT / "tests" / "data" / "round2",
}
FORMS_COLUMNS = ["ID", "Start time", "Completion time", "Email", "Name"]
# Which question's options each answer meaning is checked against, and the option it means.
MEANINGS = {
    "yes": [("working-with-us", "listened", "yes"), ("victim-satisfaction", "heard", "yes")],
    "no": [("working-with-us", "listened", "no"), ("victim-satisfaction", "kept_informed", "no")],
    "partly": [
        ("working-with-us", "listened", "sort_of"),
        ("victim-satisfaction", "kept_informed", "partly"),
    ],
    "not_sure": [("victim-satisfaction", "heard", "not_sure")],
    "always": [("parent-carer", "kept_up_to_date", "always")],
    "mostly": [("parent-carer", "kept_up_to_date", "mostly")],
    "sometimes": [("parent-carer", "kept_up_to_date", "sometimes")],
    "never": [("parent-carer", "kept_up_to_date", "never")],
}


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def exports_of(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """survey -> exports, each {heading: question id} with one heading per question: the
    first written heading of every question in the first export, the second in the next..."""
    by_question: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_question[row["survey"]][row["question_id"]].append(row["heading"])
    exports: dict[str, list[dict[str, str]]] = {}
    for survey, questions in by_question.items():
        depth = max(len(h) for h in questions.values())
        exports[survey] = [
            {h[k]: qid for qid, h in questions.items() if k < len(h)} for k in range(depth)
        ]
    return exports


def headings_right(rows: list[dict[str, str]], definitions) -> dict[str, tuple[int, int]]:
    """survey -> (headings suggested correctly, headings)."""
    got = {}
    for survey, exports in exports_of(rows).items():
        right = total = 0
        for export in exports:
            mapping = suggest_mapping(FORMS_COLUMNS + list(export), definitions[survey])
            right += sum(mapping.columns[heading] == qid for heading, qid in export.items())
            total += len(export)
        got[survey] = (right, total)
    return got


def values_right(rows: list[dict[str, str]], definitions) -> tuple[int, int]:
    right = total = 0
    for row in rows:
        for slug, question_id, expected in MEANINGS[row["meaning"]]:
            question = definitions[slug].question(question_id)
            total += 1
            right += suggest_option_mapping(question, {row["value"]})[row["value"]] == expected
    return right, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="blind")
    folder = SETS[parser.parse_args().set]
    definitions = load_surveys()
    print(f"Import mapping by meaning on {folder.relative_to(ROOT)}:")
    for survey, (right, total) in headings_right(read(folder, "headings.csv"), definitions).items():
        print(f"  headings, {survey:<20} {right} of {total} suggested correctly")
    right, total = values_right(read(folder, "answer_values.csv"), definitions)
    print(f"  answer values                      {right} of {total} mapped to their option")


if __name__ == "__main__":
    main()
