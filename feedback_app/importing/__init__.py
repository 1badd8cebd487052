"""Import old feedback from Microsoft Forms or Excel exports (no Flask, no database here).

read_table() reads the file, suggest_mapping() matches its columns and answer labels to a
survey's questions and options, and convert() turns the rows into answers or problems.
"""

from feedback_app.importing.mapping import Mapping, suggest_mapping, suggest_option_mapping
from feedback_app.importing.reader import (
    METADATA_COLUMNS,
    ImportFileError,
    SheetRow,
    Table,
    metadata_columns,
    read_table,
    table_from_data,
    table_to_data,
)
from feedback_app.importing.rows import Conversion, ReadyRow, RowProblem, convert

__all__ = [
    "METADATA_COLUMNS",
    "Conversion",
    "ImportFileError",
    "Mapping",
    "ReadyRow",
    "RowProblem",
    "SheetRow",
    "Table",
    "convert",
    "metadata_columns",
    "read_table",
    "suggest_mapping",
    "table_from_data",
    "table_to_data",
    "suggest_option_mapping",
]
