"""Printed output: PDFs with Chinese text (reportlab) and the bundled CJK font."""
