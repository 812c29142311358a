"""The evidence viewer: PDFs, images, text and workbooks from the session file."""
