"""The common government Excel form (``docs/xlsx-form.md``): read it into a batch package,
or write an empty one for a scheme.

``workbook_to_package`` is the one import path from Excel; ``write_template`` makes the
form an authority fills in.
"""

from expertscore.xlsxform.convert import parse_created, workbook_to_package
from expertscore.xlsxform.errors import XlsxFormError
from expertscore.xlsxform.template import write_template

__all__ = ["XlsxFormError", "parse_created", "workbook_to_package", "write_template"]
