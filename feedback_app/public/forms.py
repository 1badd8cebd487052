"""Web forms built from survey definitions, so each question's wording lives in one place."""

from __future__ import annotations

import re
import uuid
from typing import Any

from flask_babel import gettext
from wtforms import (
    Field,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError

from feedback_app.web_input import FriendlyDateField, TextForm
from surveys import TEAM_NOT_SURE, Question, SurveyDefinition

TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")
# C0 control characters except tab and newlines: never typed by people, refused by PostgreSQL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SurveyForm(TextForm):
    """Base for generated forms: idempotency token, source code and a honeypot for bots."""

    form_token = HiddenField()
    source = HiddenField()
    # Hidden from people by CSS; bots that fill every box give themselves away.
    website = StringField("Leave this empty")

    definition: SurveyDefinition

    def validate(self, extra_validators=None) -> bool:
        """Every question may be optional, but a form sent with nothing answered is a slip:
        say so at the first question rather than store an empty response. A follow-up whose
        condition is not met is dropped when stored, so it does not count as an answer."""
        valid = super().validate(extra_validators)
        fields = self.question_fields()
        kept = [field for q, field in fields if _condition_met(self, q)]
        if valid and fields and not any(_answered(field.data) for field in kept):
            fields[0][1].errors = [gettext("Answer at least one question, then send the form")]
            return False
        return valid

    def question_fields(self) -> list[tuple[Question, Field]]:
        return [(q, self[q.id]) for q in self.definition.questions if q.id in self]

    def answers(self) -> dict[str, Any]:
        """The cleaned answers; a follow-up question whose condition is not met is dropped."""
        values: dict[str, Any] = {}
        for question, field in self.question_fields():
            if not _condition_met(self, question):
                continue
            data = field.data
            if isinstance(data, str):
                data = data.strip()
            values[question.id] = data or None
        return values


def new_form_token() -> str:
    return uuid.uuid4().hex


def valid_form_token(token: str | None) -> str | None:
    return token if token and TOKEN_PATTERN.match(token) else None


def build_form(
    definition: SurveyDefinition,
    teams: list[tuple[str, str]],
    hide: set[str] | frozenset[str] = frozenset(),
    variant: str = "en",
    **kwargs: Any,
) -> SurveyForm:
    """A form instance for `definition`; `teams` are (slug, name) pairs for team questions,
    questions named in `hide` are left out, and `variant` names the wording (language, Easy
    Read) the definition is in."""
    key = (definition.slug, definition.content_hash, variant, frozenset(hide), tuple(teams))
    form_class = _form_classes.get(key)
    if form_class is None:
        attrs: dict[str, Any] = {"definition": definition}
        for question in definition.questions:
            if question.id not in hide:
                attrs[question.id] = _field_for(question, teams)
        name = f"{definition.slug.title().replace('-', '')}Form"
        form_class = _form_classes[key] = type(name, (SurveyForm,), attrs)
    return form_class(**kwargs)


# Form classes depend only on the definition, the hidden questions and the team list.
_form_classes: dict[tuple, type[SurveyForm]] = {}


def _field_for(question: Question, teams: list[tuple[str, str]]) -> Field:
    validators: list[Any] = []
    if question.show_if is not None and question.required:
        validators.append(RequiredIf(question))
    elif question.required:
        validators.append(InputRequired(message=question.error))
    else:
        validators.append(Optional())

    if question.type in {"choice", "scale"}:
        choices = [SelectChoice(o.value, o.label) for o in question.options]
        return _one_choice(question.label, choices, validators)
    if question.type == "team":
        choices = [SelectChoice(slug, name) for slug, name in teams]
        choices.append(SelectChoice(TEAM_NOT_SURE, gettext("Not sure")))
        return _one_choice(question.label, choices, validators)
    if question.type == "multi":
        choices = [SelectChoice(o.value, o.label) for o in question.options]
        return SelectMultipleField(
            question.label, choices=choices, validators=[*validators, ExclusiveOptions(question)]
        )
    if question.type == "date":
        example = gettext("for example 27 3 2027")
        invalid = gettext("Enter a real date, %(example)s", example=example)
        return FriendlyDateField(question.label, validators=validators, invalid=invalid)
    length = Length(
        max=question.max_length,
        message=gettext(
            "Your answer must be %(count)s characters or fewer", count=f"{question.max_length:,}"
        ),
    )
    filters = [strip_control_characters]
    if question.type == "text":
        return TextAreaField(question.label, validators=[*validators, length], filters=filters)
    if question.type == "contact":
        return StringField(
            question.label, validators=[*validators, length, ContactDetails()], filters=filters
        )
    return StringField(question.label, validators=[*validators, length], filters=filters)


class OneChoice(RadioField):
    """A radio question whose answer is checked against a set of its values made once per
    form class: WTForms' own check builds every option afresh for every answer sent."""

    def __init__(self, label=None, validators=None, *, allowed: frozenset[str], **kwargs):
        super().__init__(label, validators, **kwargs)
        self.type = "RadioField"  # what the templates test for
        self._allowed = allowed

    def pre_validate(self, form) -> None:
        if self.process_errors or not self.validate_choice:
            return
        if self.data not in self._allowed:
            raise ValidationError(
                self.invalid_choice_message or self.gettext("Not a valid choice.")
            )


def _one_choice(label: str, choices: list[SelectChoice], validators: list) -> Field:
    allowed = frozenset(str(c.value) for c in choices)
    return OneChoice(label, choices=choices, validators=validators, allowed=allowed)


def _answered(data: Any) -> bool:
    return bool(data.strip() if isinstance(data, str) else data)


def strip_control_characters(value: str | None) -> str | None:
    return CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


def _condition_met(form: SurveyForm, question: Question) -> bool:
    if question.show_if is None:
        return True
    other = form._fields.get(question.show_if.question)
    if other is None:
        return False
    if isinstance(other.data, list):  # a follow-up to one ticked box of a multi-choice
        return question.show_if.equals in other.data
    return other.data == question.show_if.equals


class RequiredIf:
    """Required only when an earlier answer makes the question apply (e.g. 'reply: yes')."""

    def __init__(self, question: Question):
        self.question = question
        self.field_flags: dict[str, bool] = {}

    def __call__(self, form: SurveyForm, field: Field) -> None:
        if not _condition_met(form, self.question):
            field.errors[:] = []
            raise StopValidation()
        if not (field.data or "").strip():
            raise StopValidation(self.question.error)


class ExclusiveOptions:
    """Options such as 'None were offered' cannot be ticked with any other option."""

    def __init__(self, question: Question):
        self.exclusive = {o.value: o.label for o in question.options if o.exclusive}

    def __call__(self, _form: SurveyForm, field: Field) -> None:
        chosen = field.data or []
        for value in chosen:
            if value in self.exclusive and len(chosen) > 1:
                raise ValidationError(
                    gettext(
                        "Select '%(option)s' on its own, or untick it", option=self.exclusive[value]
                    )
                )


class ContactDetails:
    """An email address or a phone number we could use to reply."""

    message = "Enter an email address like name@example.com, or a phone number like 01234 567890"

    def __call__(self, _form: SurveyForm, field: Field) -> None:
        value = (field.data or "").strip()
        if not value:
            return
        digits = re.sub(r"[\s()+-]", "", value)
        if EMAIL_PATTERN.match(value) or (digits.isdigit() and 10 <= len(digits) <= 15):
            return
        raise ValidationError(gettext(self.message))
