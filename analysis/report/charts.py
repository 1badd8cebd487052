"""Plotly charts drawn from the sections' own rows, each with every label readable: one row
per item, never an axis that skips labels, and hidden cells drawn as hidden (grey, with a
legend), not as a value."""

from __future__ import annotations

import plotly.graph_objects as go

from analysis.report import sources
from analysis.report.model import Share

BLUE, LIGHT, GREY = "#1d4f91", "#8eb8e5", "#b1b4b6"
ROW = 30  # pixels per labelled row


def _base(figure: go.Figure, title: str, rows: int) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0},
        template="plotly_white",
        font={"family": "Arial, sans-serif", "size": 13},
        margin={"l": 10, "r": 20, "t": 60, "b": 40},
        height=max(260, 140 + ROW * rows),
        legend={"orientation": "h", "y": -0.15},
    )
    figure.update_yaxes(automargin=True)
    return figure


def _pct(value: Share) -> float | None:
    return value.percent if isinstance(value, Share) else None


def measures_chart(rows) -> go.Figure | None:
    """A dot per source on each measure: the gaps between sources are the distance."""
    from surveys.loader import MEASURES

    if not rows:
        return None
    figure = go.Figure()
    labels = list(dict.fromkeys(MEASURES[r.measure] for r in rows))
    for spec in sources.rated():
        mine = [r for r in rows if r.source == spec.key and r.now.shown]
        if mine:
            figure.add_scatter(
                x=[r.now.percent for r in mine],
                y=[MEASURES[r.measure] for r in mine],
                mode="markers",
                marker={"size": 13},
                name=spec.name,
            )
    figure.update_xaxes(range=[0, 100], title="% positive")
    figure.update_yaxes(categoryorder="array", categoryarray=labels[::-1], tickmode="linear")
    return _base(figure, "The same measures across sources, this quarter", len(labels))


def victims_chart(trend) -> go.Figure | None:
    figure = go.Figure()
    for index, column in enumerate(trend.columns[1:], start=1):
        figure.add_scatter(
            name=column,
            x=[r[0] for r in trend.rows],
            y=[_pct(r[index]) for r in trend.rows],
            mode="lines+markers",
        )
    figure.update_yaxes(range=[0, 105], title="%")
    return _base(figure, "Victim KPIs by quarter (gaps: too few answers to show)", 6)


def themes_chart(
    cells, themes: dict[str, str], used: list[str], order: list[str]
) -> go.Figure | None:
    """Theme by source: dot size is the number of answers, colour the share written in a
    positive tone; a grey cross marks a cell hidden because fewer than 5 wrote on it."""
    if not used:
        return None
    names = {key: sources.name(key) for key in order}
    labels = [themes.get(t, t) for t in used]
    shown = [c for c in cells if c.shown]
    hidden = [c for c in cells if not c.shown]
    figure = go.Figure()
    if shown:
        figure.add_scatter(
            x=[names[c.source] for c in shown],
            y=[themes.get(c.theme, c.theme) for c in shown],
            mode="markers",
            name="Answers (size) and share positive (colour)",
            marker={
                "size": [min(40, 8 + c.answers**0.5 * 3) for c in shown],
                "color": [100 * c.positive / c.answers for c in shown],
                "cmin": 0,
                "cmax": 100,
                "colorscale": "RdBu",
                "colorbar": {"title": "% positive"},
                "line": {"width": 1, "color": "#0b0c0c"},
            },
            text=[
                f"{c.answers} answers, {100 * c.positive / c.answers:.0f}% positive" for c in shown
            ],
            hoverinfo="text",
        )
    if hidden:
        figure.add_scatter(
            x=[names[c.source] for c in hidden],
            y=[themes.get(c.theme, c.theme) for c in hidden],
            mode="markers",
            name="Hidden: fewer than 5 answers",
            marker={
                "symbol": "x-thin",
                "size": 10,
                "color": GREY,
                "line": {"width": 2, "color": GREY},
            },
            hoverinfo="skip",
        )
    figure.update_xaxes(categoryorder="array", categoryarray=[names[k] for k in order], side="top")
    figure.update_yaxes(categoryorder="array", categoryarray=labels[::-1], tickmode="linear")
    return _base(figure, "Themes by source this quarter", len(labels))


def sentiment_chart(table) -> go.Figure | None:
    figure = go.Figure()
    for row in table.rows:
        figure.add_scatter(
            name=row[0],
            x=table.columns[1:],
            y=[v if isinstance(v, float) else None for v in row[1:]],
            mode="lines+markers",
        )
    figure.update_yaxes(range=[-1, 1], title="mean sentiment")
    return _base(figure, "Tone of free text by source", 6)


def responses_chart(table) -> go.Figure | None:
    figure = go.Figure()
    for index, (column, colour) in enumerate(
        zip(table.columns[1:4], (BLUE, LIGHT, GREY), strict=True), 1
    ):
        figure.add_bar(
            name=column,
            y=[r[0] for r in table.rows],
            x=[r[index].value if r[index].shown else None for r in table.rows],
            orientation="h",
            marker_color=colour,
        )
    figure.update_layout(barmode="group")
    figure.update_yaxes(autorange="reversed")
    return _base(figure, "Responses by source", 3 * len(table.rows))


def equality_chart(rows) -> go.Figure | None:
    """Each group's share positive on each measure, one panel per equality question."""
    if not rows:
        return None
    from plotly.subplots import make_subplots

    questions = list(dict.fromkeys(r[0] for r in rows))
    groups = {q: list(dict.fromkeys(r[1] for r in rows if r[0] == q)) for q in questions}
    figure = make_subplots(
        rows=len(questions),
        cols=1,
        subplot_titles=questions,
        row_heights=[len(groups[q]) for q in questions],
        vertical_spacing=0.25 / len(questions),
    )
    measures = list(dict.fromkeys(r[2] for r in rows))
    for index, question in enumerate(questions, start=1):
        for number, measure in enumerate(measures):
            mine = [r for r in rows if r[0] == question and r[2] == measure]
            figure.add_scatter(
                x=[r[3].percent for r in mine],
                y=[r[1] for r in mine],
                mode="markers",
                name=measure,
                legendgroup=measure,
                showlegend=index == 1,
                marker={
                    "size": 10,
                    "color": f"hsl({number * 360 // max(1, len(measures))},60%,40%)",
                },
                row=index,
                col=1,
            )
        figure.update_xaxes(range=[0, 100], row=index, col=1)
        figure.update_yaxes(tickmode="linear", row=index, col=1)
    return _base(
        figure,
        "The key measures by group (% positive)",
        sum(map(len, groups.values())) + 2 * len(questions),
    )
