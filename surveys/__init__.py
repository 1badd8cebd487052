"""Survey definitions (one TOML file per survey) and their loader."""

from surveys.loader import (
    HELP_ROLES,
    SURVEYS_DIR,
    TEAM_NOT_SURE,
    Question,
    SurveyDefinition,
    SurveyDefinitionError,
    definition_from_frozen,
    load_survey,
    load_surveys,
)

__all__ = [
    "HELP_ROLES",
    "SURVEYS_DIR",
    "TEAM_NOT_SURE",
    "Question",
    "SurveyDefinition",
    "SurveyDefinitionError",
    "definition_from_frozen",
    "load_survey",
    "load_surveys",
]
