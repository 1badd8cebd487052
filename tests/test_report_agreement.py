"""The Board's first page says where sources agree as plainly as where they differ, each with
the number of answers it rests on."""

from __future__ import annotations

from analysis.report.build import key_messages as choose
from analysis.report.model import KeyMessage
from tests.staff_helpers import save_response
from tests.test_report import CHILD, JULY, PARENT, key_messages, page_text, run_report


def test_agreement_and_divergence_are_both_named_with_their_numbers(app, runner, tmp_path):
    """Children 40 of 50 had a say, parents 31 of 40 involved (80% and 78%: agree); children
    50 of 50 listened to, parents 20 of 40 (100% and 50%: differ)."""
    with app.app_context():
        for i in range(50):
            answers = {**CHILD, "listened": "yes", "had_a_say": "yes" if i < 40 else "no"}
            save_response("working-with-us", answers, submitted_at=JULY)
        for i in range(40):
            answers = {
                **PARENT,
                "involved": "always" if i < 31 else "never",
                "listened": "always" if i < 20 else "never",
            }
            save_response("parent-carer", answers, submitted_at=JULY)
    folder = run_report(runner, tmp_path)
    said = " ".join(key_messages(folder))
    assert (
        "Sources agree: Children (80% of 50) and parents and carers (78% of 40) both say they "
        "are involved and have a say." in said
    )
    assert (
        "Children say we listen (100% of 50) far more often than parents and carers (50% of 40)."
        in said
    )
    assert "say we listen." not in page_text(folder)  # a gap is never called agreement


def test_the_first_page_keeps_room_for_the_widest_agreement():
    found = [KeyMessage(f"gap {n}", "measures", 50 - n, f"divergence{n}") for n in range(10)]
    found.append(KeyMessage("Sources agree: all say so.", "measures", 20, "agreement"))
    found += [KeyMessage("victims", "victims"), KeyMessage("complaints", "complaints")]
    found.append(KeyMessage("actions", "you_said_we_did"))
    picked = [m.text for m in choose(found, 500)]
    assert len(picked) == 8 and "Sources agree: all say so." in picked
    assert picked[-3:] == ["victims", "complaints", "actions"]
    assert "gap 0" in picked and "gap 9" not in picked
