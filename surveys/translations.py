"""Other wordings of a survey: other languages, and Easy Read.

Each lives in `surveys/translations/<code>/`: a `language.toml` naming the language, and one file
per survey holding only the words (title, intro, and per question label, hint, error and option
labels; Easy Read also a picture per question). A translator edits one folder. Answers are stored
by question id and option value, so reports combine every wording.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from surveys.loader import SURVEYS_DIR, SurveyDefinition, SurveyDefinitionError

TRANSLATIONS_DIR = SURVEYS_DIR / "translations"
EASY_READ = "easy"  # Easy Read English: a wording, not a language
SYMBOLS_DIR = SURVEYS_DIR.parent / "static" / "img" / "symbols"
SURVEY_TEXTS = ("title", "intro", "privacy", "thanks", "submit_label", "poster_text")
QUESTION_TEXTS = ("label", "hint", "error")


@dataclass(frozen=True)
class Symbol:
    file: str  # in static/img/symbols/
    alt: str


@dataclass(frozen=True)
class Wording:
    """One language's (or Easy Read's) words for one survey."""

    code: str
    survey: dict[str, str]
    questions: dict[str, dict[str, Any]]
    symbols: dict[str, Symbol] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # English heading -> translated


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, used in the page's lang attribute ("pl"); "easy" for Easy Read
    name: str  # in the language itself: "Polski"
    english_name: str
    needs_review: bool
    surveys: dict[str, Wording]


def load_languages(
    definitions: dict[str, SurveyDefinition], directory: Path = TRANSLATIONS_DIR
) -> dict[str, Language]:
    """Every language folder, checked against the definitions; raises SurveyDefinitionError
    naming the file, the question and the problem."""
    languages: dict[str, Language] = {}
    if not directory.exists():
        return languages
    for folder in sorted(p for p in directory.iterdir() if p.is_dir()):
        meta_path = folder / "language.toml"
        meta = _read(meta_path)
        for key in ("name", "english_name"):
            if not isinstance(meta.get(key), str) or not meta[key].strip():
                raise SurveyDefinitionError(meta_path, f"'{key}' is missing")
        wordings = {}
        for path in sorted(folder.glob("*.toml")):
            if path.name == "language.toml":
                continue
            if path.stem not in definitions:
                raise SurveyDefinitionError(path, f"there is no survey '{path.stem}'")
            wordings[path.stem] = _wording(path, folder.name, definitions[path.stem])
        languages[folder.name] = Language(
            folder.name,
            meta["name"].strip(),
            meta["english_name"].strip(),
            bool(meta.get("needs_review", False)),
            wordings,
        )
    return languages


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise SurveyDefinitionError(path, "is missing") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SurveyDefinitionError(path, f"not valid TOML ({exc})") from exc


def _wording(path: Path, code: str, definition: SurveyDefinition) -> Wording:
    raw = _read(path)
    survey = {k: str(v).strip() for k, v in raw.items() if k in SURVEY_TEXTS}
    unknown = set(raw) - set(SURVEY_TEXTS) - {"questions", "sections", "per_item"}
    if unknown:
        raise SurveyDefinitionError(path, f"unknown setting {', '.join(sorted(unknown))}")
    questions: dict[str, dict[str, Any]] = {}
    symbols: dict[str, Symbol] = {}
    for qid, words in raw.get("questions", {}).items():
        try:
            question = definition.question(qid)
        except KeyError:
            raise SurveyDefinitionError(path, "is not a question of this survey", qid) from None
        options = words.get("options", {})
        known = {o.value for o in question.options}
        for value in options:
            if value not in known:
                raise SurveyDefinitionError(path, f"option '{value}' does not exist", qid)
        if "symbol" in words:
            file = f"{words['symbol']}.svg"
            if not (SYMBOLS_DIR / file).exists():
                raise SurveyDefinitionError(
                    path, f"picture {file} is not in static/img/symbols", qid
                )
            if not str(words.get("symbol_alt", "")).strip():
                raise SurveyDefinitionError(path, "a picture needs 'symbol_alt' text", qid)
            symbols[qid] = Symbol(file, str(words["symbol_alt"]).strip())
        questions[qid] = {
            **{k: str(words[k]).strip() for k in QUESTION_TEXTS if k in words},
            "options": {str(k): str(v).strip() for k, v in options.items()},
        }
    for qid, words in _per_item(path, definition, raw, questions).items():
        questions.setdefault(qid, words)
    sections = {str(k): str(v).strip() for k, v in raw.get("sections", {}).items()}
    known_sections = {q.section for q in definition.questions if q.section}
    for heading in sections:
        if heading not in known_sections:
            raise SurveyDefinitionError(path, f"there is no section '{heading}'")
    return Wording(code, survey, questions, symbols, sections)


def _per_item(
    path: Path, definition: SurveyDefinition, raw: dict[str, Any], questions: dict[str, dict]
) -> dict[str, dict[str, Any]]:
    """`[per_item."iv_{id}"]` words once for the questions a shared part asks about each item
    of a list: "{label}" becomes the item's translated label (from the chooser's options)."""
    found: dict[str, dict[str, Any]] = {}
    for pattern, words in raw.get("per_item", {}).items():
        matched = [
            q for q in definition.questions if q.about and pattern.replace("{id}", q.about) == q.id
        ]
        if not matched:
            raise SurveyDefinitionError(path, f"per_item '{pattern}' matches no question")
        for question in matched:
            # Matched on `about`, so it names the item; `show_if` names the chooser.
            item, shown_if = question.about or "", question.show_if
            if shown_if is None:
                raise SurveyDefinitionError(path, f"per_item '{pattern}' has no chooser", pattern)
            chooser = next(q for q in definition.questions if q.id == shown_if.question)
            english = chooser.option(item)
            label = questions.get(chooser.id, {}).get("options", {}).get(item)
            label = str(label or (english.label if english else item))
            options = {str(k): str(v).strip() for k, v in words.get("options", {}).items()}
            known = {o.value for o in question.options}
            for value in options:
                if value not in known:
                    raise SurveyDefinitionError(path, f"option '{value}' does not exist", pattern)
            found[question.id] = {
                **{
                    k: str(words[k]).strip().replace("{label}", label)
                    for k in QUESTION_TEXTS
                    if k in words
                },
                "options": options,
            }
    return found


def reworded(definition: SurveyDefinition, wording: Wording | None) -> SurveyDefinition:
    """The definition with this wording's words in place; ids, options and rules unchanged,
    and anything not translated left in English."""
    if wording is None:
        return definition
    questions = []
    for question in definition.questions:
        words = wording.questions.get(question.id, {})
        if not words and question.section not in wording.sections:
            questions.append(question)
            continue
        labels = words.get("options", {})
        options = tuple(
            dataclasses.replace(o, label=labels.get(o.value, o.label)) for o in question.options
        )
        changes = {k: words[k] for k in QUESTION_TEXTS if k in words}
        if question.section in wording.sections:
            changes["section"] = wording.sections[question.section]
        questions.append(dataclasses.replace(question, options=options, **changes))
    survey_texts: dict[str, Any] = dict(wording.survey)
    return dataclasses.replace(definition, questions=tuple(questions), **survey_texts)


__all__ = [
    "EASY_READ",
    "TRANSLATIONS_DIR",
    "Language",
    "Symbol",
    "Wording",
    "load_languages",
    "reworded",
]
