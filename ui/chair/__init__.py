"""The panel chair's window: merging result files, the panel's scores, decisions, exports.

The window is a client of ``expertscore.chair``: ``ChairRun`` verifies and merges, the
aggregation computes every number, ``decisions`` records the chair's decisions in the
merge folder's audit log, and the exporters write the workbook, the signed panel file and
the PDF report. Nothing here computes a score.
"""
