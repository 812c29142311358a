"""Where PDF pages come from: QtPdf, or poppler's command-line tools when QtPdf is missing.

QtPdf (``PySide6.QtPdf``, the ``PySide6-Pdf`` wheel since Qt 6.10) renders pages on a
render thread of its own (``QPdfPageRenderer``, C++ only, so it runs beside the UI thread
while the window paints) and searches with ``QPdfSearchModel``. Where that wheel is not
installed, pages are rendered by ``pdftoppm`` and searched with ``pdftotext`` (the
``poppler-utils`` the program's bootstrap installs) on a worker thread, so the window
never waits for a child process.

A file is given as its bytes, never as a path: evidence is not written to disk to be
shown (QtPdf reads it from a ``QBuffer``; poppler's tools from their standard input).

Both sources speak the same small protocol: ``load(data)``, ``page_count``,
``page_size(page)`` (points), ``request(page, scale)`` answered by
``rendered(page, scale, image)``, and ``search(text)`` answered by ``searched(results)``
where each result is ``(page, [QRectF in points])``.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize, QSizeF, Signal
from PySide6.QtGui import QImage

try:  # QtPdf is an optional wheel of PySide6 (PySide6-Pdf)
    from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer, QPdfSearchModel
except ImportError:  # pragma: no cover - depends on the installed wheels
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfPageRenderer = None  # type: ignore[assignment,misc]
    QPdfSearchModel = None  # type: ignore[assignment,misc]

SearchResults = list[tuple[int, list[QRectF]]]
A4 = QSizeF(595.0, 842.0)


class PdfError(Exception):
    """A PDF that cannot be opened (damaged, encrypted, no renderer)."""


class PdfSource(QObject):
    rendered = Signal(int, float, QImage)
    searched = Signal(object)  # SearchResults

    name = "none"
    page_count = 0

    def load(self, data: bytes) -> None:
        raise NotImplementedError

    def page_size(self, page: int) -> QSizeF:
        raise NotImplementedError

    def request(self, page: int, scale: float) -> None:
        raise NotImplementedError

    def search(self, text: str) -> None:
        raise NotImplementedError


class QtPdfSource(PdfSource):
    """Pages rendered by QtPdf on its render thread; search on the UI thread.

    The render thread is pure C++, so it never waits for Python's lock while the UI
    thread paints. A renderer answers a request for the same page and size as a request
    still pending with that request, so a file is loaded into the renderer only when
    nothing is pending; otherwise the renderer is dropped (its thread ends once the page
    it is rendering is done) and a new one takes over, so an old file's page never
    answers for the new file.
    """

    name = "qtpdf"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        assert QPdfDocument is not None
        self.document = QPdfDocument(self)
        self._renderer: QPdfPageRenderer | None = None
        self._scales: dict[int, float] = {}  # pending request id -> the scale asked for
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.document)
        # Results arrive in steps: through the count and the rows (and from Qt 6.12 the status).
        self.search_model.countChanged.connect(self._results_changed)
        self.search_model.modelReset.connect(self._results_changed)
        self.search_model.rowsInserted.connect(self._results_changed)
        status_changed = getattr(self.search_model, "statusChanged", None)
        if status_changed is not None:
            status_changed.connect(self._results_changed)

    def load(self, data: bytes) -> None:
        self.search_model.setSearchString("")
        document = QPdfDocument(self)
        buffer = QBuffer(document)  # lives as long as the document that reads from it
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)  # a QBuffer is read at once, not in the background
        error = document.error()
        previous, self.document = self.document, document
        self.search_model.setDocument(document)
        if error != QPdfDocument.Error.None_:
            self._drop_renderer(previous)
            self.page_count = 0
            raise PdfError(str(error.name))
        self.page_count = document.pageCount()
        if self._renderer is not None and not self._scales:
            # Waits for a page being rendered (there is none: nothing is pending), so the
            # render thread is done with the previous document once this returns.
            self._renderer.setDocument(document)
            document.setParent(self._renderer)
            previous.deleteLater()
            return
        self._drop_renderer(previous)
        renderer = QPdfPageRenderer(self)
        renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        renderer.setDocument(document)
        # A renderer's children are deleted after its thread has ended: so is its document.
        document.setParent(renderer)
        renderer.pageRendered.connect(self._page_rendered)
        self._renderer = renderer

    def _drop_renderer(self, document: QPdfDocument) -> None:
        """Drop the renderer with ``document``, the one it renders (or that alone)."""
        renderer, self._renderer = self._renderer, None
        self._scales.clear()
        if renderer is None:
            document.deleteLater()
            return
        renderer.pageRendered.disconnect(self._page_rendered)
        # Deleting the renderer ends its thread after the page being rendered, and then
        # its document (a child of it).
        renderer.deleteLater()

    def page_size(self, page: int) -> QSizeF:
        size = self.document.pagePointSize(page)
        return size if size.isValid() and not size.isEmpty() else A4

    def request(self, page: int, scale: float) -> None:
        if self._renderer is None:
            return
        points = self.page_size(page)
        size = QSize(max(1, round(points.width() * scale)), max(1, round(points.height() * scale)))
        request_id = self._renderer.requestPage(page, size)
        if request_id:
            self._scales[request_id] = scale
        else:  # the renderer refused (no document): say the page cannot be rendered
            self.rendered.emit(page, scale, QImage())

    def _page_rendered(
        self, page: int, _size: QSize, image: QImage, _options: object, request_id: int
    ) -> None:
        scale = self._scales.pop(request_id, None)
        if scale is not None:
            self.rendered.emit(page, scale, image)

    def search(self, text: str) -> None:
        self.search_model.setSearchString(text)
        self._results_changed()

    def _results_changed(self, *_args: object) -> None:
        model = self.search_model
        results: SearchResults = []
        for row in range(model.count()):
            link = model.resultAtIndex(row)
            results.append((link.page(), list(link.rectangles())))
        self.searched.emit(results)


_PAGE_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", re.MULTILINE)


def _run(args: list[str], data: bytes, timeout: float = 60) -> bytes:
    """Run a poppler tool on ``data`` given on its standard input (its file argument ``-``)."""
    try:
        done = subprocess.run(args, input=data, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PdfError(str(error)) from None
    if done.returncode != 0:
        raise PdfError(done.stderr.decode("utf-8", "replace").strip() or args[0])
    return done.stdout


class PopplerSource(PdfSource):
    """Pages rendered by ``pdftoppm`` on a worker thread; text from ``pdftotext``."""

    name = "poppler"
    _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-render")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.generation = 0  # which load a rendered page belongs to
        self.sizes: dict[int, QSizeF] = {}
        self._pages_text: list[str] | None = None
        self._cache: dict[tuple[int, int, float], QImage] = {}
        self._relays: set[_Relay] = set()

    @staticmethod
    def available() -> bool:
        return all(shutil.which(tool) for tool in ("pdfinfo", "pdftoppm", "pdftotext"))

    def load(self, data: bytes) -> None:
        # pdfinfo reads no standard input: PDFium (the evidence index's) counts and measures
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as error:
            raise PdfError(str(error)) from None
        try:
            self.sizes = {
                number: QSizeF(*document.get_page_size(number)) for number in range(len(document))
            }
        finally:
            document.close()
        self.data = data
        self.generation += 1
        self.page_count = len(self.sizes)
        self._pages_text = None

    def page_size(self, page: int) -> QSizeF:
        return self.sizes.get(page, A4)

    def request(self, page: int, scale: float) -> None:
        assert self.data is not None
        key = (self.generation, page, round(scale, 3))
        cached = self._cache.get(key)
        if cached is not None:
            self.rendered.emit(page, scale, cached)
            return
        data = self.data
        dpi = max(10, round(72 * scale))

        def work() -> bytes:
            args = ["pdftoppm", "-f", str(page + 1), "-l", str(page + 1), "-r", str(dpi)]
            return _run([*args, "-png", "-singlefile", "-"], data)

        relay = _Relay(self)
        self._relays.add(relay)  # alive until its result is delivered
        relay.done.connect(lambda data: self._arrived(relay, key, page, scale, data))
        future = self._pool.submit(work)
        future.add_done_callback(lambda f: relay.deliver(f.result() if not f.exception() else b""))

    def _arrived(
        self, relay: _Relay, key: tuple[int, int, float], page: int, scale: float, data: bytes
    ) -> None:
        self._relays.discard(relay)
        # Deleted only now: a deleteLater queued beside the result could run first and
        # take the result's queued call with it.
        relay.deleteLater()
        image = QImage.fromData(data, "PNG") if data else QImage()
        if len(self._cache) > 64:
            self._cache.clear()
        if not image.isNull():
            self._cache[key] = image
        if key[0] == self.generation:
            self.rendered.emit(page, scale, image)  # a null image says it failed

    def search(self, text: str) -> None:
        needle = text.strip().casefold()
        if not needle or self.data is None:
            self.searched.emit([])
            return
        if self._pages_text is None:
            raw = _run(["pdftotext", "-enc", "UTF-8", "-", "-"], self.data)
            self._pages_text = raw.decode("utf-8", "replace").split("\f")
        results: SearchResults = []
        for page, content in enumerate(self._pages_text[: self.page_count]):
            flat = re.sub(r"\s+", "", content).casefold()
            count = flat.count(re.sub(r"\s+", "", needle))
            results.extend((page, []) for _ in range(count))
        self.searched.emit(results)


class _Relay(QObject):
    """Brings a render result from the worker thread to the UI thread."""

    done = Signal(bytes)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)

    def deliver(self, data: bytes) -> None:
        """Called on the worker thread; the viewer may have closed meanwhile."""
        # RuntimeError: the pane and this relay were deleted; nobody is waiting.
        with contextlib.suppress(RuntimeError):
            self.done.emit(data)


def make_source(parent: QObject | None = None) -> PdfSource:
    """The best PDF source this installation has."""
    if QPdfDocument is not None:
        return QtPdfSource(parent)
    if PopplerSource.available():
        return PopplerSource(parent)
    raise PdfError("no PDF renderer: install PySide6-Pdf (or poppler-utils)")
