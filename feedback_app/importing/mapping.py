"""Suggest which column answers which question, and which option each answer label means."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from feedback_app.importing.meaning import answer_synonym, meaning_scores
from feedback_app.importing.reader import SheetRow, metadata_columns
from surveys import TEAM_NOT_SURE, Question, SurveyDefinition

COLUMN_THRESHOLD = 70  # below this a heading is left unmapped
# A match by meaning (meaning.py) counts from this score up, ranked beside wording matches.
MEANING_THRESHOLD = 40
OPTION_THRESHOLD = 85  # answer labels are short, so a close spelling must be very close
CHOICE_LIKE = {"choice", "multi", "scale", "team"}
NEGATION = re.compile(r"\b(no|not|never|none|nothing|dont|didnt|cannot|un\w+|dis\w+)\b|n t\b")


@dataclass
class Mapping:
    """Which question each column answers, and which option each answer label means."""

    columns: dict[str, str | None]  # heading -> question id, or None to ignore the column
    scores: dict[str, float] = field(default_factory=dict)  # heading -> 0-100, mapped ones
    options: dict[str, dict[str, str | None]] = field(default_factory=dict)  # qid -> label -> value

    def to_dict(self) -> dict[str, Any]:
        return {
            "columns": dict(self.columns),
            "scores": dict(self.scores),
            "options": {qid: dict(labels) for qid, labels in self.options.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        try:
            return cls(
                columns={str(h): None if q is None else str(q) for h, q in data["columns"].items()},
                scores={str(h): float(s) for h, s in data.get("scores", {}).items()},
                options={
                    str(qid): {str(k): None if v is None else str(v) for k, v in labels.items()}
                    for qid, labels in data.get("options", {}).items()
                },
            )
        except (KeyError, AttributeError, TypeError, ValueError) as exc:
            raise ValueError(f"not a saved column mapping ({exc!r})") from exc


def suggest_mapping(
    headings: Sequence[str],
    definition: SurveyDefinition,
    rows: Iterable[SheetRow] = (),
    team_values: dict[str, str] | None = None,
) -> Mapping:
    """Match headings to questions by wording; with `rows`, also suggest the answer options."""
    meta = metadata_columns(headings)
    contact = next((q for q in definition.questions if q.type == "contact"), None)
    # (score, heading position, question position, heading, question id)
    candidates: list[tuple[float, int, int, str, str]] = []
    meanings = meaning_scores([h for h in headings if h not in meta.values()], definition.questions)
    for h_index, heading in enumerate(headings):
        if heading == meta["email"] and contact is not None:
            # A signed-in form's Email column is a way to reach the person; a wording match wins.
            candidates.append((COLUMN_THRESHOLD + 5, h_index, 0, heading, contact.id))
        if heading in meta.values():
            continue
        for q_index, question in enumerate(definition.questions):
            score = column_score(heading, question)
            by_meaning = meanings.get((heading, question.id), 0.0)
            if by_meaning >= MEANING_THRESHOLD:  # scaled onto COLUMN_THRESHOLD..100
                spread = (by_meaning - MEANING_THRESHOLD) / (100 - MEANING_THRESHOLD)
                score = max(score, COLUMN_THRESHOLD + (100 - COLUMN_THRESHOLD) * spread)
            if score >= COLUMN_THRESHOLD:
                candidates.append((score, h_index, q_index, heading, question.id))

    # Greedy: the best-scoring pairs first; each heading and each question is used once.
    mapping = Mapping(columns=dict.fromkeys(headings))
    for score, _, _, heading, best in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if mapping.columns[heading] is None and best not in mapping.columns.values():
            mapping.columns[heading] = best
            mapping.scores[heading] = round(float(score), 1)

    rows = list(rows)
    for heading, mapped in mapping.columns.items():
        chosen = definition.question(mapped) if mapped else None
        if chosen is None or chosen.type not in CHOICE_LIKE:
            continue
        seen = {label for row in rows for label in answer_labels(chosen, row.values.get(heading))}
        if seen:
            mapping.options[chosen.id] = suggest_option_mapping(chosen, seen, team_values)
    return mapping


def column_score(heading: str, question: Question) -> float:
    """How well a heading matches a question's wording (or its id), 0-100."""
    wording = fuzz.token_set_ratio(_norm(heading), _norm(question.label))
    # Whole-string only: an id is one or two words, which any long heading would contain.
    return max(wording, fuzz.ratio(_norm(heading), _norm(question.id)))


def answer_labels(question: Question, value: object) -> list[str]:
    """The answer labels in one cell: Microsoft Forms joins multi answers with ';'."""
    text = cell_text(value)
    if question.type == "multi":
        return [part.strip() for part in text.split(";") if part.strip()]
    return [text] if text else []


def cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel keeps numbers as floats: 4.0 is the answer '4'
    return "" if value is None else str(value).strip()


def suggest_option_mapping(
    question: Question, labels_seen: set[str], team_values: dict[str, str] | None = None
) -> dict[str, str | None]:
    """Each answer label -> the option value it means, or None when no option clearly fits.

    In order: the option's label or value (ignoring case, spaces and punctuation); a close
    spelling ('With my worker', 'Dont know'); the words of just one option inside the answer
    ('Yes definitely') or the answer's words inside just one option ('Shuttle communication').
    For a team question the choices are `team_values` (label or slug -> slug) and 'Not sure'.
    """
    if question.type == "team":
        choices = [(slug, label) for label, slug in (team_values or {}).items()]
        choices.append((TEAM_NOT_SURE, "Not sure"))
    else:
        choices = [(o.value, o.label) for o in question.options]
    return {label: _match(label, choices) for label in sorted(labels_seen)}


def _match(label: str, choices: list[tuple[str, str]]) -> str | None:
    wanted = _norm(label)
    for value, text in choices:
        if wanted in (_norm(value), _norm(text)):
            return value
    synonym = answer_synonym(label, choices)  # "Kind of" is "Sort of", "A bit" "A little"
    if synonym is not None:
        return synonym
    # 'Not always' is not 'Always', nor 'Unsatisfied' 'Satisfied': fuzzy matches agree on no.
    near = [(v, _norm(t)) for v, t in choices if _negative(_norm(t)) == _negative(wanted)]
    close = [(fuzz.ratio(wanted, text), value) for value, text in near]
    close = [(score, value) for score, value in close if score >= OPTION_THRESHOLD]
    if close:
        return _unique_best(close)  # equally close options: a person chooses
    # Otherwise the one option whose words run inside the answer, or the answer's inside it.
    words = wanted.split()
    shared = [
        (min(len(words), len(t.split())), value)
        for value, t in near
        if _within(t.split(), words) or _within(words, t.split())
    ]
    return _unique_best(shared)


def _unique_best(scored: Sequence[tuple[float, str]]) -> str | None:
    """The value with the top score, or None when two different values share it."""
    if not scored:
        return None
    top = max(score for score, _ in scored)
    values = {value for score, value in scored if score == top}
    return values.pop() if len(values) == 1 else None


def _within(part: list[str], whole: list[str]) -> bool:
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def _negative(text: str) -> bool:
    return bool(NEGATION.search(text))


def _norm(text: str) -> str:
    """Lower case, with punctuation, underscores and runs of spaces made single spaces."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()
