"""Import mapping by meaning: a reworded heading or answer still finds its question or option.

The paraphrase fixtures in tests/data/round1/ (headings.csv, answer_values.csv) were written by
someone told only what each question is about, never its wording; nobody tunes on them. The
tests below print only how many were suggested correctly, never the headings themselves.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from feedback_app.importing import suggest_mapping, suggest_option_mapping
from feedback_app.importing.meaning import concepts, corrected, stem
from tests.conftest import definitions

BLIND = Path(__file__).resolve().parent / "data" / "round1"
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


def _read(name: str) -> list[dict[str, str]]:
    path = BLIND / name
    if not path.exists():
        pytest.skip(f"{path.name} is not here")
    with path.open(encoding="utf-8", newline="") as handle:
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


def test_paraphrased_headings_are_suggested_by_meaning():
    got = {}
    for survey, exports in exports_of(_read("headings.csv")).items():
        right = total = 0
        for export in exports:
            mapping = suggest_mapping(FORMS_COLUMNS + list(export), definitions()[survey])
            right += sum(mapping.columns[heading] == qid for heading, qid in export.items())
            total += len(export)
        got[survey] = (right, total)
    print("paraphrased headings suggested correctly:", got)
    assert set(got) >= {"working-with-us", "parent-carer", "victim-satisfaction"}
    for survey, (right, total) in got.items():
        assert right >= 0.9 * total, f"{survey}: {right} of {total}"


def test_paraphrased_answer_values_map_to_their_option():
    rows = _read("answer_values.csv")
    right = total = 0
    for row in rows:
        for slug, question_id, expected in MEANINGS[row["meaning"]]:
            question = definitions()[slug].question(question_id)
            total += 1
            right += suggest_option_mapping(question, {row["value"]})[row["value"]] == expected
    print(f"paraphrased answer values mapped correctly: {right} of {total}")
    assert right >= 0.9 * total


@pytest.mark.parametrize(
    ("slug", "heading", "question_id"),
    [
        # Examples of our own, not from the fixtures: each shares no wording with the label.
        ("working-with-us", "Were you able to have your say about what you did?", "had_a_say"),
        ("working-with-us", "Could you understand the things we told you?", "explained"),
        ("working-with-us", "Did anyone help you complete this?", "completed_with"),
        ("parent-carer", "Did we keep you informed about how your child was getting on?",
         "kept_up_to_date"),
        ("parent-carer", "Do you think our work has made things better for your child?",
         "difference"),
        ("victim-satisfaction", "What restorative choices were you given?",
         "restorative_options"),
        ("victim-satisfaction", "Is there anything more you would like to say?", "anything_else"),
        ("working-with-us", "had_a_say", "had_a_say"),  # the question id itself
    ],
)  # fmt: skip
def test_a_heading_worded_differently_finds_its_question(slug, heading, question_id):
    mapping = suggest_mapping([*FORMS_COLUMNS, heading], definitions()[slug])
    assert mapping.columns[heading] == question_id
    assert 70 <= mapping.scores[heading] <= 100  # shown to a person, who confirms it


def test_a_heading_about_nothing_we_ask_is_left_for_a_person():
    mapping = suggest_mapping([*FORMS_COLUMNS, "Favourite colour"], definitions()["parent-carer"])
    assert mapping.columns["Favourite colour"] is None


def test_stems_and_synonyms_are_what_headings_are_compared_on():
    assert stem("listened") == stem("listening") == stem("listens") == "listen"
    assert stem("heard") == "hear"
    assert "listen" in concepts("Were your views heard?")
    assert "say" in concepts("Did you have a choice?")
    assert "yes" not in {c.removeprefix("w:") for c in concepts("Yes, did you?")}


@pytest.mark.parametrize(
    ("slug", "heading", "question_id"),
    [
        # Misspelt, abbreviated and numbered headings of our own (not from the fixtures).
        ("working-with-us", "Q4. Did you get a sayy in what we did togther?", "had_a_say"),
        ("working-with-us", "3) Could you undrestand the things we told you?", "explained"),
        ("parent-carer", "Q2b - Did we keep you infromed about how your child was getting on?",
         "kept_up_to_date"),
        ("victim-satisfaction", "Question 6: What restorativ choices were you given?",
         "restorative_options"),
    ],
)  # fmt: skip
def test_misspelt_and_numbered_headings_still_find_their_question(slug, heading, question_id):
    mapping = suggest_mapping([*FORMS_COLUMNS, heading], definitions()[slug])
    assert mapping.columns[heading] == question_id


def test_numbering_is_not_meaning_and_a_misspelling_reads_as_its_word():
    assert concepts("Q3. Were your views heard?") == concepts("Were your views heard?")
    assert corrected("Did staff lisen to you?", {"did", "staff", "listen", "to", "you"}) == (
        "did staff listen to you"
    )
    # A word as close to two known words as to each other is left alone
    assert corrected("bast", {"best", "bust"}) == "bast"
