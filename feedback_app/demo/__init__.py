"""Demo data for trying the app and for benchmarks: realistic responses (`records`), the words
in them (`texts`), and the staff work done on them (`work`). Never used on a live service."""

from feedback_app.demo.finished import demo_finished_counts
from feedback_app.demo.records import DemoResult, generate, quarters_back
from feedback_app.demo.work import (
    DEMO_PASSWORD,
    demo_actions,
    demo_cases,
    demo_participation,
    demo_staff,
)

__all__ = [
    "DEMO_PASSWORD",
    "DemoResult",
    "demo_actions",
    "demo_cases",
    "demo_finished_counts",
    "demo_participation",
    "demo_staff",
    "generate",
    "quarters_back",
]
