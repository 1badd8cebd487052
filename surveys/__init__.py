"""Survey definitions (one TOML file per survey) and their loader."""

from surveys.loader import (
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
    "SURVEYS_DIR",
    "TEAM_NOT_SURE",
    "Question",
    "SurveyDefinition",
    "SurveyDefinitionError",
    "definition_from_frozen",
    "load_survey",
    "load_surveys",
]
