"""Building the chair's large, long-lived data without the cyclic collector's rescans.

Thirty result files hold a few hundred thousand small lists and strings. While they are
made, CPython's collector keeps rescanning everything made so far, though none of it is
garbage yet: that cost more than the verification itself. The work is done with the
collector paused and run once at the end.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(collect_first: bool = False) -> Iterator[None]:
    """``collect_first``: collect what earlier work left before pausing, so it is not held
    through the whole pause (only where automatic collection is on: the window turns it
    off and collects on its own thread, ``ui.collector``)."""
    was_enabled = gc.isenabled()
    if was_enabled and collect_first:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
