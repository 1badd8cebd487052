"""Staff forms. Messages follow one pattern: say what to enter or select."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from analysis.clock import today
from analysis.labels import ACTION_STATUSES
from analysis.participation import LUNDY_ELEMENTS, LUNDY_MEANINGS
from analysis.participation import TYPES as PARTICIPATION_TYPES
from analysis.report.complaints import DECISIONS as COMPLAINT_DECISIONS
from feedback_app.models import ROLES
from feedback_app.web_input import FriendlyDateField, TextForm


class NotInFuture:
    def __call__(self, _form, field) -> None:
        if field.data is not None and field.data > today():
            raise ValidationError("The date cannot be in the future")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LoginForm(TextForm):
    email = EmailField("Email address", validators=[DataRequired("Enter your email address")])
    password = PasswordField("Password", validators=[DataRequired("Enter your password")])


class UserForm(TextForm):
    email = EmailField("Email address", validators=[DataRequired("Enter an email address")])
    name = StringField("Name", validators=[DataRequired("Enter the person's name")])
    roles = MultiCheckboxField("Roles", choices=[SelectChoice(k, v) for k, v in ROLES.items()])
    active = BooleanField("Account is switched on", default=True)
    password = PasswordField(
        "New password",
        description="At least 12 characters. Leave blank to keep the current password.",
    )


class SourceForm(TextForm):
    survey = SelectField("Survey", validators=[InputRequired("Select a survey")])
    team = SelectField("Team", validators=[Optional()])
    office = StringField("Office or place", validators=[Length(max=200)])
    label = StringField(
        "Label",
        validators=[
            DataRequired("Enter a label, like 'Poster in Hereford office'"),
            Length(max=200),
        ],
    )
    channel = RadioField(
        "How it is shared",
        choices=[
            SelectChoice("qr", "QR code on a poster or card"),
            SelectChoice("link", "Link in an email or message"),
        ],
        default="qr",
        validators=[InputRequired("Select how it is shared")],
    )


class ConfirmForm(TextForm):
    """A button that changes something: CSRF-protected, nothing else."""


class NoteForm(TextForm):
    text = TextAreaField(
        "Add a note", validators=[DataRequired("Enter the note"), Length(max=5000)]
    )


class AssignForm(TextForm):
    assignee = SelectField("Assign to", validators=[InputRequired("Select who will handle it")])


class ExtendForm(TextForm):
    days = IntegerField(
        "Extra working days",
        validators=[
            InputRequired("Enter the number of extra working days"),
            NumberRange(1, 10, "Enter a number from 1 to 10"),
        ],
    )
    reason = TextAreaField(
        "Reason (the complainant must be told)",
        validators=[DataRequired("Enter the reason for the extension")],
    )


class RespondForm(TextForm):
    outcome = TextAreaField(
        "Outcome and response sent",
        validators=[DataRequired("Enter the outcome and what was sent"), Length(max=10000)],
    )


class CloseComplaintForm(TextForm):
    decision = RadioField(
        "Decision",
        choices=[SelectChoice(key, label) for key, label in COMPLAINT_DECISIONS.items()],
        validators=[InputRequired("Select the decision on the complaint")],
    )
    learning = TextAreaField(
        "What we learned (optional)",
        description="Shown to the Board in the quarterly report, with any change made from it.",
        validators=[Length(max=5000)],
    )


class AcknowledgeFlagForm(TextForm):
    action_taken = TextAreaField(
        "Action taken",
        description="For example: spoke to the child's worker; referred to children's social care.",
        validators=[DataRequired("Enter the action taken"), Length(max=5000)],
    )


class ClosureForm(TextForm):
    day = FriendlyDateField(
        "Date", validators=[InputRequired("Enter the date, for example 29 12 2026")]
    )
    reason = StringField("Reason", validators=[DataRequired("Enter the reason"), Length(max=200)])


class TranscriptionMetaForm(TextForm):
    paper_reference = StringField(
        "Paper reference number",
        validators=[DataRequired("Enter the reference number from the paper form"), Length(max=64)],
    )
    paper_date = FriendlyDateField(
        "Date written on the form",
        validators=[Optional(), NotInFuture()],
        description="Leave blank if there is no date on the paper.",
    )


class IntakeMetaForm(TextForm):
    channel = RadioField(
        "How did it reach us?",
        choices=[
            SelectChoice(value, label)
            for value, label in (
                ("phone", "Phone call"),
                ("email", "Email"),
                ("website", "Website message"),
                ("in_person", "In person"),
                ("letter", "Letter"),
            )
        ],
        validators=[DataRequired("Select how the message reached us")],
    )
    received_on = FriendlyDateField(
        "Date we received it",
        validators=[DataRequired("Enter the date we received it"), NotInFuture()],
        description="The complaint's working days count from this date, not from today.",
    )


class ActionForm(TextForm):
    you_said = TextAreaField(
        "You said",
        description="In children's own words, after 'You said', like: 'you felt dirty after a "
        "night in custody.' No names, places or dates that could identify anyone.",
        validators=[DataRequired("Enter what children said"), Length(max=600)],
    )
    themes = MultiCheckboxField("Themes it is about")
    team = SelectField("Team", description="Leave as 'Whole service' if it is for everyone.")
    owner = SelectField("Owner", description="Who will make it happen.")
    due_on = FriendlyDateField("Due date", validators=[Optional()])
    status = RadioField(
        "Status",
        choices=[SelectChoice(k, v) for k, v in ACTION_STATUSES.items()],
        default="open",
        validators=[InputRequired("Select a status")],
    )
    we_did = TextAreaField(
        "We did",
        description="What changed, in plain words a 10-year-old understands.",
        validators=[Length(max=600)],
    )
    not_possible_reason = TextAreaField(
        "Why it was not possible",
        description="Only when the status is Not possible. Say it honestly: children will read it.",
        validators=[Length(max=600)],
    )
    responses = MultiCheckboxField("Linked feedback", coerce=int)
    checked = BooleanField(
        "I have checked: none of these could identify anyone, so save it as it is"
    )
    checked_findings = HiddenField()

    def validate_we_did(self, field) -> None:
        if self.status.data == "done" and not (field.data or "").strip():
            raise ValidationError("Enter what we did, or choose another status")

    def validate_not_possible_reason(self, field) -> None:
        if self.status.data == "not_possible" and not (field.data or "").strip():
            raise ValidationError("Say why it was not possible")


class ActivityForm(TextForm):
    held_on = FriendlyDateField(
        "Date it happened",
        validators=[
            InputRequired("Enter the date it happened, for example 3 11 2026"),
            NotInFuture(),
        ],
    )
    kind = RadioField(
        "Type of activity",
        choices=[SelectChoice(k, v) for k, v in PARTICIPATION_TYPES.items()],
        validators=[InputRequired("Select the type of activity")],
    )
    teams = MultiCheckboxField(
        "Teams", description="Leave them all unticked if it was for the whole service.", coerce=int
    )
    children = IntegerField(
        "How many children took part",
        description="A number only, never names.",
        default=0,
        validators=[
            InputRequired("Enter how many children took part, or 0"),
            NumberRange(0, 10000, "Enter a number of children from 0 to 10000"),
        ],
    )
    parents_carers = IntegerField(
        "How many parents or carers took part",
        default=0,
        validators=[
            InputRequired("Enter how many parents or carers took part, or 0"),
            NumberRange(0, 10000, "Enter a number of parents or carers from 0 to 10000"),
        ],
    )
    victims = IntegerField(
        "How many victims took part",
        description="People harmed by a child's offence, for example at a restorative "
        "justice event. A number only.",
        default=0,
        validators=[
            InputRequired("Enter how many victims took part, or 0"),
            NumberRange(0, 10000, "Enter a number of victims from 0 to 10000"),
        ],
    )
    asked = TextAreaField(
        "What they were asked",
        validators=[DataRequired("Enter what they were asked"), Length(max=1000)],
    )
    said = TextAreaField(
        "What they said",
        description="A short summary, in their words where you can. No names, places or dates "
        "that could identify anyone.",
        validators=[DataRequired("Enter what they said"), Length(max=1000)],
    )
    changed = TextAreaField(
        "What changed as a result",
        description="Leave it blank if nothing has changed yet; you can come back to it.",
        validators=[Length(max=1000)],
    )
    actions = MultiCheckboxField(
        "You Said, We Did actions it led to",
        description="Tick each change that came from it. If a change is new, create the action "
        "first, then come back and tick it.",
        coerce=int,
    )
    lundy = MultiCheckboxField(
        "Which parts of the Lundy model did it meet?",
        description="Tick each one that was true.",
        choices=[SelectChoice(k, f"{v}: {LUNDY_MEANINGS[k]}") for k, v in LUNDY_ELEMENTS.items()],
    )
    checked = BooleanField(
        "I have checked: none of these could identify anyone, so save it as it is"
    )
    checked_findings = HiddenField()

    def validate_children(self, field) -> None:
        if field.data == 0 and self.parents_carers.data == 0 and not self.victims.data:
            raise ValidationError(
                "Enter how many children, parents and carers or victims took part"
            )


class HelpOfferDoneForm(TextForm):
    note = TextAreaField(
        "What happened",
        description="For example: invited to the participation group on 12 January. "
        "Do not copy their contact details here.",
        validators=[DataRequired("Enter what happened"), Length(max=2000)],
    )
