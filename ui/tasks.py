"""Running long work (importing a package, reading a manifest) off the UI thread.

In the shape of Anki's ``CollectionOp``::

    BackgroundOp(parent, fn).with_progress(title).success(on_done).failure(on_error).run()

``fn`` runs on one worker thread and must never touch widgets; it may call the
``report(done, total)`` function it is given. The result (or the exception) comes back to
the UI thread by a queued signal, where ``success`` or ``failure`` runs. While it runs, a
``QProgressDialog`` shows the progress when one was asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Report = Callable[[int, int], None]

_executor: ThreadPoolExecutor | None = None
_running: set[BackgroundOp] = set()  # kept alive until their result is delivered


def executor() -> ThreadPoolExecutor:
    """The single worker: background work runs one job at a time, in order."""
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="expertscore-task")
    return _executor


_pools: dict[str, ThreadPoolExecutor] = {}


def own_worker(name: str) -> ThreadPoolExecutor:
    """A worker of its own for one kind of long work, so it never holds back the rest."""
    if name not in _pools:
        _pools[name] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"expertscore-{name}")
    return _pools[name]


class _Relay(QObject):
    """Carries results from the worker to the UI thread (queued connections).

    Owned by the application and deleted on the UI thread (``deleteLater``): the worker's
    finished job may hold the last Python reference to it, and a Qt object deleted from
    that thread crashes the program (seen as a rare segmentation fault in the tests).
    """

    finished = Signal(object)
    progressed = Signal(int, int)


class BackgroundOp:
    def __init__(
        self, parent: QWidget | None, fn: Callable[[Report], Any], pool: Executor | None = None
    ) -> None:
        self.parent = parent
        self.fn = fn
        self.pool = pool  # None: the shared single worker
        self._success: Callable[[Any], None] = lambda _result: None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress_title: str | None = None
        self._on_progress: Report | None = None
        self._dialog: QProgressDialog | None = None
        self._relay = _Relay(QCoreApplication.instance())
        self.future: Future[Any] | None = None

    def success(self, callback: Callable[[Any], None]) -> BackgroundOp:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp:
        self._failure = callback
        return self

    def with_progress(self, title: str) -> BackgroundOp:
        self._progress_title = title
        return self

    def on_progress(self, callback: Report) -> BackgroundOp:
        """Give each ``report(done, total)`` to ``callback`` on the UI thread (no dialog)."""
        self._on_progress = callback
        return self

    def run(self) -> BackgroundOp:
        relay = self._relay
        relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        relay.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        if self._progress_title is not None:
            dialog = QProgressDialog(self._progress_title, "", 0, 0, self.parent)
            dialog.setCancelButton(None)  # an import is all or nothing; it cannot stop halfway
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            self._dialog = dialog

        def work() -> Any:
            return self.fn(lambda done, total: relay.progressed.emit(done, total))

        _running.add(self)
        self.future = (self.pool or executor()).submit(work)
        self.future.add_done_callback(lambda future: relay.finished.emit(future))
        return self

    def _progressed(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)
        if self._dialog is None:
            return
        # Byte counts can pass 2**31: show per mille so the dialog's int range suffices.
        self._dialog.setMaximum(1000)
        self._dialog.setValue(int(done * 1000 / total) if total else 0)

    def _finished(self, future: Future[Any]) -> None:
        _running.discard(self)
        self._relay.deleteLater()  # here, on the UI thread, whoever drops it last
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        success, failure = self._success, self._failure
        # The worker's finished job still refers to this op: let go here, on the UI thread,
        # of what may hold widgets (the work, the callbacks), so it is never the worker
        # that drops the last reference to one.
        self.fn = _done
        self.parent = None
        self._success, self._failure, self._on_progress = _ignore, None, None
        error = future.exception()
        if error is None:
            success(future.result())
        elif failure is not None:
            failure(error)
        else:
            raise error


def _done(_report: Report) -> None:
    """The work of an op that has finished (its own work is let go)."""


def _ignore(_result: Any) -> None:
    pass
