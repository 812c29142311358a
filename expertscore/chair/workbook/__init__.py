"""The results workbook (``write_results_workbook``): its sheets, by what they show.

``book`` writes the workbook with the ranked summary and one score matrix per submission;
``notes`` the divergences, audit and notes sheets; ``advice`` the advice on the panel;
``common`` what every sheet shares (``BookData``, labels, fills).
"""

from expertscore.chair.workbook.book import WorkbookError, inputs_from_audit, write_results_workbook

__all__ = ["WorkbookError", "inputs_from_audit", "write_results_workbook"]
