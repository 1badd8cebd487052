"""Plotly charts drawn from the report's own tables, so every chart has its data file."""

from __future__ import annotations

import re
from functools import cache

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from analysis.report.sections import Section

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?")
CONFIG = {"displaylogo": False, "responsive": True, "toImageButtonOptions": {"format": "svg"}}


@cache
def plotly_js() -> str:
    """plotly.js itself, embedded once so the file works without internet."""
    return get_plotlyjs()


def number(text: str) -> float | None:
    match = _NUMBER.match(str(text).replace(",", "").strip())
    return float(match.group()) if match else None


def figure_html(section: Section, nonce: str | None = None) -> str:
    table = section.tables[0]
    figure = DRAW[section.chart](table)
    figure.update_layout(
        margin={"l": 40, "r": 20, "t": 40, "b": 40},
        height=360,
        template="plotly_white",
        font={"family": "Arial, sans-serif", "size": 13},
        title={"text": table.title, "x": 0},
    )
    html = figure.to_html(full_html=False, include_plotlyjs=False, config=CONFIG)
    if nonce:  # shown inside the app, whose content security policy allows only this script
        html = re.sub(r"<script(?: type=\"text/javascript\")?>", f'<script nonce="{nonce}">', html)
    return html


def _bar_sources(table) -> go.Figure:
    figure = go.Figure()
    for index, column in enumerate(table.columns[1:4], start=1):
        figure.add_bar(
            name=column, x=[r[0] for r in table.rows], y=[number(r[index]) for r in table.rows]
        )
    return figure


def _bar_ratings(table) -> go.Figure:
    labels = [f"{r[0]}: {r[1]}" for r in table.rows]
    return go.Figure(go.Bar(x=[number(r[3]) for r in table.rows], y=labels, orientation="h"))


def _line_kpis(table) -> go.Figure:
    figure = go.Figure()
    for index, column in enumerate(table.columns[2:], start=2):
        figure.add_scatter(
            name=column,
            x=[r[0] for r in table.rows],
            y=[number(r[index]) for r in table.rows],
            mode="lines+markers",
        )
    figure.update_yaxes(range=[0, 100], title="%")
    return figure


def _line_sentiment(table) -> go.Figure:
    figure = go.Figure()
    for row in table.rows:
        figure.add_scatter(
            name=row[0], x=table.columns[1:], y=[number(v) for v in row[1:]], mode="lines+markers"
        )
    figure.update_yaxes(range=[-1, 1], title="mean sentiment")
    return figure


def _heatmap(table) -> go.Figure:
    z = [
        [number(cell.split("·")[-1]) if "·" in str(cell) else None for cell in row[1:]]
        for row in table.rows
    ]
    return go.Figure(
        go.Heatmap(
            z=z,
            x=table.columns[1:],
            y=[r[0] for r in table.rows],
            zmin=-1,
            zmax=1,
            colorscale="RdBu",
            colorbar={"title": "sentiment"},
        )
    )


DRAW = {
    "bar_sources": _bar_sources,
    "bar_ratings": _bar_ratings,
    "line_kpis": _line_kpis,
    "line_sentiment": _line_sentiment,
    "heatmap": _heatmap,
}
