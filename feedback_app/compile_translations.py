"""Build each language's messages.mo from its messages.po (run by `make translations`)."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from feedback_app.languages import TRANSLATIONS


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main() -> None:
    for po_path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        po_path.with_suffix(".mo").write_bytes(compiled(po_path))
        print(f"Built {po_path.with_suffix('.mo').relative_to(TRANSLATIONS.parent)}")


if __name__ == "__main__":
    main()
