"""The Board PDF: the print copy of the report on A4 through WeasyPrint, its charts drawn as
PNG images by kaleido with Debian's chromium (one kaleido server for all of a report's charts:
about 0.2 s an image instead of 3-4 s)."""

from __future__ import annotations

import base64
import json
import time
import warnings

from analysis.report.model import Report
from analysis.report.render import chart_data, render_print

# Drawn 640 px wide to fill the A4 text width (about 180 mm), so a 13 px label prints at about
# 9.5 pt: readable on paper, where 900 px printed it at 7 pt.
WIDTH, SCALE = 640, 2
# At most about 160 mm tall on paper, so a chart sits under its section's opening on one page.
MAX_HEIGHT = 570
ATTEMPTS = 4  # to draw one chart


def chart_images(charts: dict[str, str]) -> dict[str, str]:
    """Each chart (plotly JSON) as a base64 PNG."""
    if not charts:
        return {}
    import kaleido
    import plotly.io as pio

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kaleido.start_sync_server(silence_warnings=True)
        try:
            images = {}
            for key, figure_json in charts.items():
                figure = pio.from_json(figure_json)
                height = json.loads(figure_json).get("layout", {}).get("height", 400)
                size = {"format": "png", "width": WIDTH, "height": min(height, MAX_HEIGHT)}
                png = _drawn(kaleido, figure, size)
                images[key] = base64.b64encode(png).decode("ascii")
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    return images


def _drawn(kaleido, figure, size: dict) -> bytes:
    """On a busy machine kaleido's page can take a chart before its own script has loaded
    ("kaleido_scopes is not defined"), and a fresh browser can be just as slow: start a
    fresh one and give it a little longer each time, a few times before giving up."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return figure.to_image(**size, scale=SCALE)
        except Exception:  # noqa: BLE001  (kaleido raises its own errors, and plain ones)
            if attempt == ATTEMPTS:
                raise
            kaleido.stop_sync_server(silence_warnings=True)
            kaleido.start_sync_server(silence_warnings=True)
            time.sleep(0.5 * attempt)  # time for the fresh page to load its script
    raise AssertionError("unreachable")


def pdf_bytes(report: Report, charts: dict[str, str] | None = None) -> bytes:
    from weasyprint import HTML

    images = chart_images(chart_data(report) if charts is None else charts)
    return HTML(string=render_print(report, images)).write_pdf()
