"""What a phone downloads to open each public form: the page, its stylesheets and scripts, and
the Easy Read pictures, as sent and gzipped (the server gzips for a browser that asks).

    python bench/page_weight.py

Reads the pages through the test client on a fresh SQLite database (no network, no demo data)
and prints one row per form, usual words and Easy Read, then the files every page shares. The
figures in the README's Figures section come from here. Not a test.
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine  # noqa: E402

from feedback_app import create_app, migrate  # noqa: E402

FORMS = ("working-with-us", "panel-feedback", "parent-carer", "victim-satisfaction", "tell-us")
LINKED = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/[^"]+)"')
PICTURES = re.compile(r'<img[^>]+src="(/[^"]+\.svg)"')


def kb(size: int) -> str:
    return f"{size / 1000:.1f} KB"


def weigh(client, path: str) -> tuple[int, int]:
    body = client.get(path).get_data()
    return len(body), len(gzip.compress(body, 9))


def main() -> None:
    folder = tempfile.mkdtemp(prefix="page-weight-")
    url = f"sqlite:///{folder}/weight.db"
    migrate.upgrade(create_engine(url))
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    client = app.test_client()
    shared: dict[str, tuple[int, int]] = {}
    print(f"{'form':32} {'HTML':>9} {'gzipped':>9} {'pictures':>9} {'gzipped':>9}")
    for slug in FORMS:
        for easy in (False, True):
            path = f"/forms/{slug}" + ("?easy=1" if easy else "")
            html = client.get(path).get_data(as_text=True)
            size, zipped = weigh(client, path)
            for linked in LINKED.findall(html):
                shared.setdefault(linked, weigh(client, linked))
            pictures = [weigh(client, p) for p in dict.fromkeys(PICTURES.findall(html))]
            picture_size = sum(p[0] for p in pictures)
            picture_zipped = sum(p[1] for p in pictures)
            label = f"{slug}{', Easy Read' if easy else ''}"
            print(
                f"{label:32} {kb(size):>9} {kb(zipped):>9} {kb(picture_size):>9} "
                f"{kb(picture_zipped):>9}"
            )
    print("\nShared by every page (cached after the first):")
    for path, (size, zipped) in sorted(shared.items()):
        print(f"  {path:40} {kb(size):>9} {kb(zipped):>9} gzipped")
    css = [v for p, v in shared.items() if p.endswith(".css") or p == "/theme.css"]
    print(
        f"  stylesheets together: {kb(sum(v[0] for v in css))} "
        f"({kb(sum(v[1] for v in css))} gzipped)"
    )


if __name__ == "__main__":
    main()
