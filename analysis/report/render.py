"""Turn a built report into HTML: the self-contained file (plotly.js inside), the body the app
shows inside its own page (charts as data its static script draws), and the print copy for
the PDF (charts as images)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from analysis.report.model import Report, cell_text

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "report"
STATIC = Path(__file__).resolve().parents[2] / "static"
CHARTS_JS = STATIC / "js" / "report-charts.js"
STYLE = STATIC / "css" / "report.css"  # the app serves the same file beside a stored report
CONFIG = {"displaylogo": False, "responsive": True}


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["cell"] = cell_text
    env.filters["slug"] = lambda text: re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return env


@cache
def plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def chart_data(report: Report) -> dict[str, str]:
    """Each chart as plotly JSON, keyed by its section."""
    return {
        s.key: s.chart.to_json() for s in report.sections if s.chart is not None and s.chart.data
    }


def _chart_blocks(charts: dict[str, str]) -> dict[str, str]:
    # A data block, not a script: it never runs, so the app's content policy needs no nonce.
    return {
        key: (
            f'<div class="chart" data-chart="chart-{key}"></div>'
            f'<script type="application/json" id="chart-{key}">'
            + figure.replace("</", "<\\/")
            + "</script>"
        )
        for key, figure in charts.items()
    }


def render_body(report: Report, charts: dict[str, str] | None = None) -> str:
    """The report's content with charts as data: the app's page adds plotly.js and the small
    static script that draws them, so no script runs inline."""
    charts = chart_data(report) if charts is None else charts
    return (
        _environment()
        .get_template("body.html")
        .render(report=report, figures=_chart_blocks(charts))
    )


def title(report: Report) -> str:
    team = f": {report.team_name}" if report.team_name else ""
    return f"Triangulation report {report.quarter}{team} – {report.service_name}"


def standalone(body: str, page_title: str) -> str:
    """One self-contained file around a rendered body: opens from a shared drive or an email
    with no internet, plotly.js inside."""
    scripts = "<script>" + plotly_js() + "</script><script>" + CHARTS_JS.read_text() + "</script>"
    return (
        _environment()
        .get_template("report.html")
        .render(title=page_title, body=body, scripts=scripts, style=STYLE.read_text())
    )


def render_html(report: Report, charts: dict[str, str] | None = None) -> str:
    return standalone(render_body(report, charts), title(report))


def render_print(report: Report, images: dict[str, str]) -> str:
    """The print copy: charts as PNG data addresses (see pdf.py)."""
    figures = {
        key: (f'<img class="chart-image" src="data:image/png;base64,{png}" alt="">')
        for key, png in images.items()
    }
    body = _environment().get_template("body.html").render(report=report, figures=figures)
    return (
        _environment()
        .get_template("report.html")
        .render(title=title(report), body=body, scripts="", style=STYLE.read_text())
    )
