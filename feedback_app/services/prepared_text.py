"""Free-text scores and safeguarding scans worked out before a write transaction opens.

On SQLite one transaction writes at a time, so a form sent while another transaction scores
text waits for it. Scoring is pure work on the words (no database), so a form or an import
chunk scores its texts first (`text_signals.prepare`), then stores them inside `using()`:
the write lock is held for the INSERTs only. A text not prepared is scored as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from analysis.safeguarding_detector import Detection
from analysis.text_signals import TextSignal


@dataclass
class PreparedText:
    signals: dict[tuple[str, str | None], TextSignal] = field(default_factory=dict)
    detections: dict[str, Detection] = field(default_factory=dict)


_current: ContextVar[PreparedText | None] = ContextVar("prepared_text", default=None)


@contextmanager
def using(prepared: PreparedText) -> Iterator[None]:
    token = _current.set(prepared)
    try:
        yield
    finally:
        _current.reset(token)


def signal(text: str, audience: str | None) -> TextSignal | None:
    prepared = _current.get()
    return prepared.signals.get((text, audience)) if prepared else None


def detection(text: str) -> Detection | None:
    prepared = _current.get()
    return prepared.detections.get(text) if prepared else None
