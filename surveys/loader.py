"""Load and validate the declarative survey definitions kept as TOML files in this folder.

A definition is plain data; everything else (web form, validation, storage, paper copy, export)
reads it through the frozen dataclasses below, so no question text is written twice.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from surveys.settings_lists import SettingsListError, per_item_questions, settings_list

SURVEYS_DIR = Path(__file__).resolve().parent
PARTS_DIR_NAME = "parts"

QUESTION_TYPES = {
    "choice": "one answer from a list (radio buttons)",
    "multi": "any number of answers from a list (checkboxes)",
    "scale": "a rating from a list of points, shown with faces for children",
    "text": "free text over several lines",
    "line": "a short line of text",
    "contact": "a way to reach the person (personal data: asked only when needed)",
    "date": "a date",
    "team": "one of the service's teams, plus 'Not sure'",
}
CHOICE_TYPES = {"choice", "multi", "scale"}
AUDIENCES = {"children", "parents", "victims", "anyone", "professionals"}
# Roles tie a question to something outside the answer table.
ROLES = {
    "team": "sets the response's team",
    "completed_with": "records whether the person filled it in alone or with help",
    "kind": "the kind of Tell Us item (comment, compliment, complaint)",
    "rating": "a rating that reports average and compare across sources",
    "overall": "the overall rating of the service",
    "kpi_very_satisfied": "victim KPI 1: % very satisfied",
    "kpi_heard": "victim KPI 2: % heard and listened to",
    "kpi_safe": "victim KPI 3: % safe and supported",
    "feedback_text": "free text analysed for sentiment and themes",
    "demographic": "equality monitoring, only in aggregate with suppression",
    "respondent": "who is giving the feedback",
    "pathway": "the victim's pathway (out of court or court)",
    "help_offer": "asks if the person would like to help us improve (kept apart from the answers)",
    "help_contact": "how to reach someone who offered to help (kept apart from the answers)",
    "interventions": "which named activities or interventions the person took part in",
    "intervention_rating": "how one named activity or intervention was (its 'about' names it)",
    "intervention_text": "free text about one named activity or intervention",
    "course": "which training course the feedback is about",
}
# What a rating measures, so the report can put like with like across sources whose wording and
# scales differ. A question with a `measure` lists the options that count as `positive` for it.
MEASURES = {
    "listened": "Listened to",
    "explained": "Explained things clearly",
    "kept_informed": "Kept informed",
    "involved": "Involved, had a say",
    "respect": "Treated with respect",
    "helped": "Helped, made a difference",
    "safe": "Felt safe and supported",
    "works_with_children": "Works well with children",
    "overall": "Positive overall",
}
# Answers to these are never stored with the response: they would link the feedback to a person.
HELP_ROLES = frozenset({"help_offer", "help_contact"})
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,62}$")
TEAM_NOT_SURE = "not_sure"
# Names the web form uses for itself; a question cannot take them.
RESERVED_IDS = {
    "csrf_token",
    "form_token",
    "source",
    "website",
    "submit",
    "data",
    "errors",
    "meta",
    "process",
    "validate",
    "populate_obj",
    "form_errors",
    "hidden_tag",
}


class SurveyDefinitionError(ValueError):
    """A survey file is broken; the message names the file, the question and the problem."""

    def __init__(self, path: Path | str, problem: str, question: str | None = None):
        where = f"{Path(path).name}"
        if question:
            where += f", question '{question}'"
        super().__init__(f"{where}: {problem}")
        self.path = Path(path)
        self.question = question
        self.problem = problem


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    score: float | None = None
    exclusive: bool = False


@dataclass(frozen=True)
class Condition:
    question: str
    equals: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    hint: str = ""
    required: bool = False
    error: str = ""
    options: tuple[Option, ...] = ()
    role: str | None = None
    show_if: Condition | None = None
    max_length: int = 2000
    section: str = ""
    faces: bool = False
    # Other ways an export's heading may word this question, read by the import mapper.
    phrasings: tuple[str, ...] = ()
    measure: str | None = None
    positive: tuple[str, ...] = ()
    about: str | None = None  # the intervention an intervention_rating/_text question is about

    @property
    def measure_key(self) -> str:
        """The measure of a question in `SurveyDefinition.measured` (the rest measure nothing)."""
        if self.measure is None:
            raise ValueError(f"question '{self.id}' measures nothing")
        return self.measure

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class SurveyDefinition:
    slug: str
    title: str
    audience: str
    intro: str
    privacy: str
    thanks: str
    poster_text: str
    submit_label: str
    questions: tuple[Question, ...]
    path: Path
    raw: dict[str, Any] = field(repr=False, compare=False, hash=False, default_factory=dict)

    @cached_property
    def content_hash(self) -> str:
        """Hash of the whole definition: any edit gives a new version."""
        canonical = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def for_children(self) -> bool:
        return self.audience == "children"

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def question_with_role(self, role: str) -> Question | None:
        return next((q for q in self.questions if q.role == role), None)

    @property
    def measured(self) -> tuple[Question, ...]:
        """The questions that measure something the report compares across sources."""
        return tuple(q for q in self.questions if q.measure)


def load_surveys(directory: Path | str = SURVEYS_DIR) -> dict[str, SurveyDefinition]:
    """Load every `*.toml` survey in `directory`, keyed by slug, or raise SurveyDefinitionError."""
    directory = Path(directory)
    surveys: dict[str, SurveyDefinition] = {}
    for path in sorted(directory.glob("*.toml")):
        definition = load_survey(path)
        surveys[definition.slug] = definition
    if not surveys:
        raise SurveyDefinitionError(directory, "no survey files (*.toml) found")
    return surveys


def load_survey(path: Path | str) -> SurveyDefinition:
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise SurveyDefinitionError(path, f"not valid TOML ({exc})") from exc
    try:
        raw = _expand_includes(path, data)
    except SettingsListError as exc:
        raise SurveyDefinitionError(path, exc.problem, exc.question) from exc
    return _build(path, raw)


def definition_from_frozen(raw: dict[str, Any], name: str = "stored version") -> SurveyDefinition:
    """Rebuild a definition from the JSON frozen in a survey_version row."""
    return _build(Path(name), raw)


def _expand_includes(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """Inline shared parts (e.g. the optional 'about you' questions) so the hash covers them."""
    raw = dict(data)
    questions = list(raw.get("questions", []))
    for name in raw.pop("include", []):
        part_path = path.parent / PARTS_DIR_NAME / f"{name}.toml"
        if not part_path.exists():
            raise SurveyDefinitionError(path, f"includes '{name}' but {part_path.name} is missing")
        with part_path.open("rb") as fh:
            part = tomllib.load(fh)
        part_questions = part.get("questions", [])
        if "per_item" in part:
            part_questions = per_item_questions(path, part)
        for q in part_questions:
            questions.append({**q, "section": part.get("section", "")})
    raw["questions"] = questions
    # Named option lists keep repeated scales in one place inside a file.
    scales = raw.get("scales", {})
    for q in questions:
        if isinstance(q.get("options"), str):
            name = q["options"]
            if name not in scales:
                raise SurveyDefinitionError(
                    path, f"uses options '{name}' but no [scales.{name}] is defined", q.get("id")
                )
            q["options"] = scales[name]
    raw.pop("scales", None)
    for q in questions:
        if "options_from" in q:
            q["options"] = settings_list(path, q.pop("options_from"), q.get("id"))
    return raw


def _build(path: Path, raw: dict[str, Any]) -> SurveyDefinition:
    def need(key: str) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise SurveyDefinitionError(path, f"'{key}' is missing or empty")
        return value.strip()

    slug = need("slug")
    if not SLUG_PATTERN.match(slug):
        raise SurveyDefinitionError(path, f"slug '{slug}' must be lower-case letters, digits, -")
    if path.suffix == ".toml" and path.stem != slug:
        raise SurveyDefinitionError(path, f"slug '{slug}' does not match the file name")
    audience = need("audience")
    if audience not in AUDIENCES:
        raise SurveyDefinitionError(
            path, f"audience '{audience}' is not one of {', '.join(sorted(AUDIENCES))}"
        )
    raw_questions = raw.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise SurveyDefinitionError(path, "has no [[questions]]")

    questions: list[Question] = []
    seen: dict[str, Question] = {}
    for index, q in enumerate(raw_questions, start=1):
        question = _build_question(path, q, index, seen)
        seen[question.id] = question
        questions.append(question)
    for role in ("team", "completed_with", "kind", "overall", *sorted(HELP_ROLES)):
        holders = [q.id for q in questions if q.role == role]
        if len(holders) > 1:
            raise SurveyDefinitionError(
                path, f"role '{role}' is given to more than one question", holders[1]
            )
    measured = [q.measure for q in questions if q.measure]
    if len(measured) != len(set(measured)):
        twice = next(m for m in measured if measured.count(m) > 1)
        raise SurveyDefinitionError(path, f"measure '{twice}' is given to more than one question")
    _check_help_questions(path, questions)

    return SurveyDefinition(
        slug=slug,
        title=need("title"),
        audience=audience,
        intro=raw.get("intro", "").strip(),
        privacy=need("privacy"),
        thanks=need("thanks"),
        poster_text=need("poster_text"),
        submit_label=raw.get("submit_label", "Send").strip() or "Send",
        questions=tuple(questions),
        path=path,
        raw=raw,
    )


def _check_help_questions(path: Path, questions: list[Question]) -> None:
    """An offer to help is optional, and its contact question is asked only after a yes."""
    offer = next((q for q in questions if q.role == "help_offer"), None)
    contact = next((q for q in questions if q.role == "help_contact"), None)
    if offer is None and contact is None:
        return
    if offer is None or contact is None:
        named = contact or offer
        assert named is not None  # one of the two, by the check above
        raise SurveyDefinitionError(
            path, "role 'help_offer' and role 'help_contact' go together", named.id
        )
    if offer.type != "choice" or offer.option("yes") is None:
        raise SurveyDefinitionError(
            path, "role 'help_offer' needs type 'choice' with an option 'yes'", offer.id
        )
    if offer.required:
        raise SurveyDefinitionError(path, "role 'help_offer' must be optional", offer.id)
    if contact.type not in ("line", "contact"):
        raise SurveyDefinitionError(
            path, "role 'help_contact' needs type 'line' or 'contact'", contact.id
        )
    if contact.show_if != Condition(offer.id, "yes"):
        raise SurveyDefinitionError(
            path, f"role 'help_contact' needs show_if on '{offer.id}' equal to 'yes'", contact.id
        )


def _build_question(path: Path, q: Any, index: int, earlier: dict[str, Question]) -> Question:
    if not isinstance(q, dict):
        raise SurveyDefinitionError(path, f"question number {index} is not a table")
    qid = q.get("id")
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        raise SurveyDefinitionError(
            path,
            f"question number {index} needs an 'id' of lower-case letters, digits and _",
            str(qid) if qid else None,
        )
    if qid in earlier:
        raise SurveyDefinitionError(path, "the id is used twice", qid)
    if qid in RESERVED_IDS:
        raise SurveyDefinitionError(path, "the id is reserved by the web form; choose another", qid)

    def fail(problem: str) -> SurveyDefinitionError:
        return SurveyDefinitionError(path, problem, qid)

    known = {
        "id",
        "type",
        "label",
        "hint",
        "required",
        "error",
        "options",
        "role",
        "show_if",
        "max_length",
        "section",
        "faces",
        "phrasings",
        "measure",
        "positive",
        "about",
    }
    unknown = set(q) - known
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}")
    qtype = q.get("type")
    if qtype not in QUESTION_TYPES:
        raise fail(f"type '{qtype}' is not one of {', '.join(QUESTION_TYPES)}")
    label = q.get("label")
    if not isinstance(label, str) or not label.strip():
        raise fail("has no label")
    required = q.get("required", False)
    if not isinstance(required, bool):
        raise fail("'required' must be true or false")
    error = q.get("error", "")
    if required and not error:
        raise fail("is required but has no 'error' message saying what to do")
    role = q.get("role")
    if role is not None and role not in ROLES:
        raise fail(f"role '{role}' is not one of {', '.join(sorted(ROLES))}")

    options: list[Option] = []
    if qtype in CHOICE_TYPES:
        raw_options = q.get("options")
        if not isinstance(raw_options, list) or len(raw_options) < 2:
            raise fail("needs at least two options")
        for opt in raw_options:
            if not isinstance(opt, dict) or "value" not in opt or "label" not in opt:
                raise fail("every option needs a 'value' and a 'label'")
            value = str(opt["value"])
            if not ID_PATTERN.match(value) and not value.isdigit():
                raise fail(f"option value '{value}' must be lower-case letters, digits and _")
            if any(o.value == value for o in options):
                raise fail(f"option value '{value}' is used twice")
            score = opt.get("score")
            if qtype == "scale":
                if not value.isdigit():
                    raise fail(f"scale option value '{value}' must be a whole number")
                score = float(value) if score is None else score
            options.append(
                Option(value, str(opt["label"]), score, bool(opt.get("exclusive", False)))
            )
    elif "options" in q:
        raise fail(f"type '{qtype}' does not take options")

    show_if = None
    if "show_if" in q:
        cond = q["show_if"]
        if not isinstance(cond, dict) or set(cond) != {"question", "equals"}:
            raise fail("show_if needs exactly 'question' and 'equals'")
        target = earlier.get(cond["question"])
        if target is None:
            raise fail(f"show_if refers to '{cond['question']}', which is not an earlier question")
        if target.option(str(cond["equals"])) is None:
            raise fail(f"show_if value '{cond['equals']}' is not an option of '{target.id}'")
        show_if = Condition(target.id, str(cond["equals"]))

    phrasings = q.get("phrasings", [])
    if not isinstance(phrasings, list) or not all(isinstance(p, str) and p for p in phrasings):
        raise fail("'phrasings' must be a list of headings, each some words")
    measure, positive = _measure(q, options, fail)

    max_length = q.get("max_length", 2000)
    if not isinstance(max_length, int) or not 1 <= max_length <= 20000:
        raise fail("max_length must be a whole number from 1 to 20000")

    return Question(
        id=qid,
        type=qtype,
        label=label.strip(),
        hint=str(q.get("hint", "")).strip(),
        required=required,
        error=str(error).strip(),
        options=tuple(options),
        role=role,
        show_if=show_if,
        max_length=max_length,
        section=str(q.get("section", "")).strip(),
        faces=bool(q.get("faces", False)),
        phrasings=tuple(p.strip() for p in phrasings),
        measure=measure,
        positive=positive,
        about=str(q["about"]) if q.get("about") is not None else None,
    )


def _measure(q: dict, options: list[Option], fail) -> tuple[str | None, tuple[str, ...]]:
    measure = q.get("measure")
    positive = q.get("positive")
    if measure is None:
        if positive is not None:
            raise fail("'positive' goes with a 'measure'")
        return None, ()
    if measure not in MEASURES:
        raise fail(f"measure '{measure}' is not one of {', '.join(sorted(MEASURES))}")
    if not options or not isinstance(positive, list) or not positive:
        raise fail(f"measure '{measure}' needs options and a 'positive' list of option values")
    values = {o.value for o in options}
    for value in positive:
        if str(value) not in values:
            raise fail(f"positive value '{value}' is not an option")
    return measure, tuple(str(v) for v in positive)
