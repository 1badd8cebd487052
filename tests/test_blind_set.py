"""The blind evaluation set stays frozen and unread: its file is exactly the one committed, and
the bench, the only code that opens it, prints figures and never a text."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys

from bench import safeguarding_accuracy as bench

# Rounds 1 and 2 (released for tuning; kept unchanged so their figures can be reproduced).
ROUND1_SHA256 = "cb3d277e2a651d0cba902992327f8da99a0631122fb680388c0b8a7783cb3612"
ROUND2_SHA256 = "358523cdd3492fdce3349de124445ec240c882b2247d2c884723247ae5af9622"
# Round 3, the blind set now.
FROZEN_SHA256 = "2c447b0af1593ca0febbb4ba7fa9ef3281f98db0f3ffc3bb2446f9b197fdddc7"


def test_blind_set_is_the_frozen_file():
    digest = hashlib.sha256(bench.BLIND.read_bytes()).hexdigest()
    assert digest == FROZEN_SHA256, "the blind set changed: write a new one and say so"


def test_round2_is_unchanged():
    digest = hashlib.sha256(bench.ROUND2.read_bytes()).hexdigest()
    assert digest == ROUND2_SHA256, "round 2 changed: its published figures no longer reproduce"


def test_round1_is_unchanged():
    digest = hashlib.sha256(bench.ROUND1.read_bytes()).hexdigest()
    assert digest == ROUND1_SHA256, "round 1 changed: its published figures no longer reproduce"


def test_the_figures_print_no_text(capsys):
    """Checked on the validation set, whose texts may be read: the same code prints the blind."""
    rows, wrong = bench.judge(bench.VALIDATION)
    bench.figures(rows)
    printed = capsys.readouterr().out
    with bench.VALIDATION.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    assert "recall" in printed and "95% CI" in printed
    assert not [t for t in texts if len(t) > 12 and t in printed]
    assert all(kind in ("miss", "false flag") for kind, *_ in wrong)


def test_the_bench_refuses_to_list_blind_misses():
    result = subprocess.run(
        [sys.executable, "bench/safeguarding_accuracy.py", "--set", "blind", "--misses"],
        cwd=bench.ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "never printed" in result.stderr
    assert result.stdout == ""
