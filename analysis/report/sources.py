"""The voices the report puts side by side, as data: which survey each comes from and, where
one survey holds several voices, which answer to "who are you" picks it out. Adding a voice
(staff apart from magistrates, say) is one more line here."""

from __future__ import annotations

from typing import NamedTuple

from analysis.labels import SOURCE_NAMES, VOICE_NAMES


class SourceSpec(NamedTuple):
    key: str
    name: str  # as the Board reads it
    survey: str
    respondent_question: str | None = None  # the question naming who is answering
    respondents: tuple[str, ...] = ()  # its answers that belong to this voice
    rated: bool = True  # False: counted, but it asks no rating questions (Tell us)


SOURCES: tuple[SourceSpec, ...] = (
    SourceSpec("children", SOURCE_NAMES["working-with-us"], "working-with-us"),
    SourceSpec("parents", SOURCE_NAMES["parent-carer"], "parent-carer"),
    SourceSpec("victims", SOURCE_NAMES["victim-satisfaction"], "victim-satisfaction"),
    SourceSpec("children_at_panels", SOURCE_NAMES["panel-feedback"], "panel-feedback"),
    SourceSpec(
        "panel_members_at_panels", SOURCE_NAMES["panel-member-feedback"], "panel-member-feedback"
    ),
    # Staff, volunteers, panel members, magistrates and partners are different voices at the
    # triangulation meeting: one service-feedback survey, split by its "What is your role?".
    *(
        SourceSpec(key, VOICE_NAMES[key], "service-feedback", "role", roles)
        for key, roles in (
            ("staff", ("staff",)),
            ("volunteers", ("volunteer",)),
            ("panel_members", ("panel_member",)),
            ("magistrates", ("magistrate",)),
            ("partners", ("partner", "other")),
        )
    ),
    SourceSpec("tell_us", SOURCE_NAMES["tell-us"], "tell-us", rated=False),
)
BY_KEY = {spec.key: spec for spec in SOURCES}


def source_of(survey: str, respondent: str | None) -> str | None:
    """The voice a response belongs to: the first source of its survey that takes it."""
    for spec in SOURCES:
        if spec.survey != survey:
            continue
        if not spec.respondents or respondent in spec.respondents:
            return spec.key
    return None


def name(key: str | None) -> str:
    spec = BY_KEY.get(key or "")
    return spec.name if spec else "Other"


def rated() -> tuple[SourceSpec, ...]:
    return tuple(spec for spec in SOURCES if spec.rated)
