"""The panel's PDF report (``write_report``): its data, sections, charts and words.

``document`` lays the report out and writes it; ``data`` answers what every page asks of
the panel outcome; ``sections`` (batch-wide parts), ``submission`` (a submission's pages),
``corrections`` and ``verified`` (the chair's decisions), ``charts`` and ``text`` (words).
"""

from expertscore.chair.report.document import REPORT_HEADING, ReportRenderer, write_report

__all__ = ["REPORT_HEADING", "ReportRenderer", "write_report"]
