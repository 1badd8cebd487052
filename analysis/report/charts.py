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
        height=figure.layout.height or 360,
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
    """One panel per source: each rating question's share positive, this quarter beside last."""
    from plotly.subplots import make_subplots

    sources = list(dict.fromkeys(r[0] for r in table.rows if number(r[3]) is not None))
    if not sources:
        return go.Figure()
    figure = make_subplots(
        rows=len(sources), cols=1, subplot_titles=sources, vertical_spacing=0.3 / len(sources)
    )
    for index, source in enumerate(sources, start=1):
        rows = [r for r in table.rows if r[0] == source]
        labels = [_short(r[1]) for r in rows]
        for column, name, colour in (
            (3, table.columns[3], "#1d4f91"),
            (4, table.columns[4], "#8eb8e5"),
        ):
            figure.add_bar(
                x=[number(r[column]) for r in rows],
                y=labels,
                orientation="h",
                name=name,
                marker_color=colour,
                showlegend=index == 1,
                row=index,
                col=1,
            )
        figure.update_yaxes(autorange="reversed", row=index, col=1)
        last = index == len(sources)
        figure.update_xaxes(
            range=[0, 100], title_text="% positive" if last else None, row=index, col=1
        )
    figure.update_layout(
        barmode="group",
        height=200 + 170 * len(sources),
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    return figure


def _short(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


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
