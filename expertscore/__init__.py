"""ExpertScore core: schemes, storage, batch import, aggregation, signing and exports.

This package is headless: it never imports Qt. The Qt front end lives in ``ui``.
"""

__version__ = "0.1.0"
