"""A landed migration's module, read from its file, for a later migration that rebuilds a view
the earlier one wrote: the SQL stays written once, and the earlier file stays as it ran."""

import importlib.util
from pathlib import Path
from types import ModuleType

VERSIONS = Path(__file__).resolve().parent / "versions"


def migration(filename: str) -> ModuleType:
    """The migration in versions/`filename` (its file names start with a digit, so they cannot
    be imported by name)."""
    path = VERSIONS / filename
    spec = importlib.util.spec_from_file_location(f"migration_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot read {path.name}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
