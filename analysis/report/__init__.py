"""The quarterly triangulation report: data in bulk, tables, figures, HTML, CSV and XLSX."""

from analysis.report.build import ReportFiles, build_report

__all__ = ["ReportFiles", "build_report"]
