"""The evidence index and locator: every evidence page's text, searchable, and each reported
value found on the pages that prove it. Headless (no Qt); see ``index``, ``search`` and
``locate``."""
