"""The Board's first page says where sources agree as plainly as where they differ, each with
the number of answers it rests on."""

from __future__ import annotations

import re

from analysis.report.build import key_messages as choose
from analysis.report.model import KeyMessage
from tests.staff_helpers import save_response
from tests.test_report import CHILD, JULY, PARENT, key_messages, page_text, run_report


def test_agreement_and_divergence_are_both_named_with_their_numbers(app, runner, tmp_path):
    """Children 40 of 50 had a say, parents 31 of 40 involved (80% and 78%: agree); children
    50 of 50 listened to, parents 20 of 40 (100% and 50%: differ)."""
    with app.app_context():
        for i in range(50):
            answers = {
                **CHILD,
                "listened": "yes",
                "had_a_say": "yes" if i < 40 else "no",
                "best_thing": "my worker was brilliant and really helped me",
            }
            save_response("working-with-us", answers, submitted_at=JULY)
        for i in range(40):
            answers = {
                **PARENT,
                "involved": "always" if i < 31 else "never",
                "listened": "always" if i < 20 else "never",
                "went_well": "Nobody rang me back and I was never told anything.",
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
    assert re.search(
        r"This quarter children wrote most positively \(mean \+[01]\.\d\d over 50 answers\) and "
        r"parents and carers least \(mean -[01]\.\d\d over 40\): a difference beyond noise\.",
        page_text(folder),
    )


def test_the_first_page_keeps_room_for_the_widest_agreement():
    found = [KeyMessage(f"gap {n}", "measures", 50 - n, f"divergence{n}") for n in range(10)]
    found.append(KeyMessage("Sources agree: all say so.", "measures", 20, "agreement"))
    found += [KeyMessage("victims", "victims"), KeyMessage("complaints", "complaints")]
    found.append(KeyMessage("actions", "you_said_we_did"))
    picked = [m.text for m in choose(found, 500)]
    assert len(picked) == 8 and "Sources agree: all say so." in picked
    assert picked[-3:] == ["victims", "complaints", "actions"]
    assert "gap 0" in picked and "gap 9" not in picked


def test_a_real_gap_between_teams_is_named_and_noise_is_said_to_be_noise(app, runner, tmp_path):
    from analysis.report.model import Share
    from analysis.report.volumes import _team_gap

    with app.app_context():
        for team, happy in (("herefordshire", 34), ("shropshire", 16)):
            for i in range(40):
                answers = {**CHILD, "team": team, "overall": "5" if i < happy else "2"}
                save_response("working-with-us", answers, submitted_at=JULY)
    folder = run_report(runner, tmp_path)
    gap = (
        "Children in Shropshire are positive overall less often than children in Herefordshire "
        "(40% of 40 against 85% of 40)."
    )
    assert gap in " ".join(key_messages(folder))
    finding, message = _team_gap({"Telford": Share(14, 20), "Shropshire": Share(12, 20)})
    assert message is None
    assert finding == (
        "Children's overall rating differs between teams by no more than noise "
        "(60% of 20 in Shropshire against 70% of 20 in Telford)."
    )
    text = page_text(folder)
    assert "This quarter children wrote most positively" not in text  # one source only
