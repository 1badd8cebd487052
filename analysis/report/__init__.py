"""The quarterly triangulation report (the Board paper): `build_report` reads the data and
returns typed sections; `render_html` and `write_files` turn them into files. No Flask here."""

from analysis.report.build import build_report
from analysis.report.files import ReportFiles, write_files
from analysis.report.model import Report
from analysis.report.render import render_body, render_html

__all__ = ["Report", "ReportFiles", "build_report", "render_body", "render_html", "write_files"]
