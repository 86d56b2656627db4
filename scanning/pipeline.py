"""Page → clean-up → orientation → OCR → PDF-ready image, in parallel worker processes.

One worker process handles one page at a time (tesseract inside it runs with one thread), so a pool
sized to the cores keeps every core busy. A page that fails (bad image, tesseract crash, even a dead
worker process) comes back with ``error`` set; the other pages and the caller carry on.
:func:`build_component_pdf` then joins a component's pages, in order, into one PDF/A-2b.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from scanning import cleanup
from scanning.ocr import (
    DEFAULT_LANGUAGE,
    OcrError,
    OcrPage,
    detect_orientation,
    recognise,
)
from scanning.untrusted import WORKER_MEMORY_LIMIT, apply_child_limits, open_image

if TYPE_CHECKING:   # pikepdf and reportlab load on use (build_component_pdf), not with every worker
    from scanning.file_import import DecodedPage
    from scanning.pdfa import PdfMetadata, PdfPage, PdfResult

A4_WIDTH_INCHES = 210 / 25.4
# Below this mean word confidence an upright page is unusual: ask OSD whether it is turned.
_ORIENTATION_CHECK_CONFIDENCE = 75.0
# Tesseract reads 10–14 pt print as well at ~220 dpi as at 300 dpi and a third faster; boxes are
# scaled back to the full-resolution image kept in the PDF.
OCR_DPI = 220
_JPEG_QUALITY_COLOUR = 80
_JPEG_QUALITY_GREY = 75


class PipelineCancelled(ValueError):
    """The clerk stopped the batch; pages already done are kept."""

    def __init__(self, done: list[PageOutcome] | None = None):
        super().__init__("Đã dừng xử lý theo yêu cầu.")
        self.done = done or []


@dataclass(frozen=True)
class PageInput:
    data: bytes
    dpi: int = 0          # 0 = unknown (phone photo, image without density)
    name: str = ""


@dataclass(frozen=True)
class PipelineOptions:
    language: str = DEFAULT_LANGUAGE
    check_orientation: bool = True
    ocr_timeout: float = 180.0


@dataclass
class PageOutcome:
    index: int
    name: str
    ok: bool = True
    error: str = ""
    report: dict = field(default_factory=dict)    # what clean-up did (cleanup.CleanedPage.report)
    ocr: OcrPage | None = None
    image: bytes = b""                             # cleaned page, JPEG, for the PDF
    width: int = 0
    height: int = 0
    dpi: int = 0
    seconds: float = 0.0

    @property
    def blank(self) -> bool:
        return bool(self.report.get("blank"))

    @property
    def orientation(self) -> int:
        return int(self.report.get("orientation", 0))

    @property
    def text(self) -> str:
        return self.ocr.text if self.ocr else ""

    @property
    def confidence(self) -> float:
        return self.ocr.mean_confidence if self.ocr else 0.0


def _ocr_view(page: cleanup.CleanedPage) -> np.ndarray:
    """What tesseract sees: grey, with coloured ink (red seals, blue signatures) turned to paper.

    Printed text is black; a seal or a signature read as letters only adds garbage to the text.
    The page image kept in the PDF is untouched.
    """
    if page.image.ndim == 2:
        return page.image
    # Red ink is bright in the red channel (seal edges and overlaps included); other coloured ink
    # (a blue signature) is caught by its chroma.
    # Per-pixel max/min with OpenCV: numpy's reductions along the channel axis took ~2 s on an A4 page.
    blue, green, red = cv2.split(page.image)
    chroma = cv2.subtract(cv2.max(cv2.max(blue, green), red), cv2.min(cv2.min(blue, green), red))
    view = red.copy()
    view[chroma > 60] = 255
    return view


def _effective_dpi(page: cleanup.CleanedPage, declared: int) -> int:
    if page.geometry.perspective_corrected or not declared:
        # A photo has no real dpi: take the sheet as A4 (portrait or landscape) across its short side.
        short = min(page.image.shape[:2])
        return max(72, int(round(short / A4_WIDTH_INCHES)))
    return declared


def _clean_and_read(image: np.ndarray, dpi: int, orientation: int,
                    options: PipelineOptions) -> tuple[cleanup.CleanedPage, OcrPage]:
    cleaned = cleanup.clean_page(image, dpi or 300, orientation=orientation)
    effective = _effective_dpi(cleaned, dpi)
    if effective != cleaned.dpi:  # blank marks are measured in millimetres
        cleaned.dpi = effective
        cleaned.blank = cleanup.detect_blank(cleaned.grey, cleaned.dpi)
    if cleaned.blank.blank:
        return cleaned, OcrPage(text="", width=cleaned.image.shape[1], height=cleaned.image.shape[0],
                                dpi=cleaned.dpi, language=options.language)
    view = _ocr_view(cleaned)
    if cleaned.dpi <= OCR_DPI * 1.15:
        return cleaned, recognise(view, cleaned.dpi, options.language, timeout=options.ocr_timeout)
    scale = OCR_DPI / cleaned.dpi
    reduced = cv2.resize(view, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ocr = recognise(reduced, OCR_DPI, options.language, timeout=options.ocr_timeout)
    return cleaned, ocr.rescaled(1 / scale, view.shape[1], view.shape[0], cleaned.dpi)


def process_page(index: int, page: PageInput, options: PipelineOptions = PipelineOptions()) -> PageOutcome:
    """Everything for one page; runs in a worker process. Never raises for a bad page."""
    started = time.perf_counter()
    outcome = PageOutcome(index=index, name=page.name)
    try:
        # Pages normally come through scanning.file_import; whoever calls, the header is checked first.
        with open_image(io.BytesIO(page.data), page.name or f"trang {index + 1}", ("JPEG", "PNG", "TIFF")):
            pass
        image = cleanup.decode_image(page.data)
    except (cleanup.CleanupError, ValueError, cv2.error, MemoryError) as exc:
        return _failed(outcome, exc, started)
    return _process_pixels(outcome, image, page.dpi, options, started, keep_image=True)


def pixels_of(page: DecodedPage) -> np.ndarray:
    """A page decoded by :mod:`scanning.file_import` as OpenCV holds it (BGR or grey, 8 bits).

    The same pixels as :func:`scanning.cleanup.decode_image` gives for the page's bytes (Pillow and OpenCV
    use the same libpng/libjpeg), without decoding the page a second time; modes where the two might
    differ (palette, 16 bits, CMYK, grey with alpha) are decoded from the bytes as before.
    """
    image = page.image
    if image.mode == "RGB":
        return cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2BGR)
    if image.mode == "RGBA":
        return cv2.cvtColor(np.asarray(image), cv2.COLOR_RGBA2BGR)
    if image.mode == "L":
        return np.array(image)
    if image.mode == "1":
        return np.array(image.convert("L"))
    if page.data:
        return cleanup.decode_image(page.data)
    return cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2BGR)


def process_decoded(index: int, page: DecodedPage, options: PipelineOptions = PipelineOptions(), *,
                    keep_image: bool = False) -> PageOutcome:
    """:func:`process_page` for a page decoded in this very process (the isolated child that read the file).

    Without *keep_image* the cleaned page is not compressed for a PDF (``desk-app ocr`` only prints text).
    """
    started = time.perf_counter()
    outcome = PageOutcome(index=index, name=page.source_name)
    try:
        image = pixels_of(page)
    except (cleanup.CleanupError, ValueError, cv2.error, MemoryError) as exc:
        return _failed(outcome, exc, started)
    return _process_pixels(outcome, image, page.dpi, options, started, keep_image=keep_image)


def _failed(outcome: PageOutcome, exc: BaseException, started: float) -> PageOutcome:
    outcome.ok = False
    outcome.error = str(exc) or type(exc).__name__
    outcome.seconds = time.perf_counter() - started
    return outcome


def _process_pixels(outcome: PageOutcome, image: np.ndarray, dpi: int, options: PipelineOptions, started: float,
                    *, keep_image: bool) -> PageOutcome:
    """Clean-up, orientation and OCR of a decoded page; never raises for a bad page."""
    try:
        cleaned, ocr = _clean_and_read(image, dpi, 0, options)
        if (options.check_orientation and not cleaned.blank.blank
                and (ocr.mean_confidence < _ORIENTATION_CHECK_CONFIDENCE or len(ocr.words) < 5)):
            turn, certainty = detect_orientation(cleaned.grey, cleaned.dpi)
            if turn and certainty >= 1.0:
                # Clean again from the original: deskew and blank detection assume upright text.
                turned, turned_ocr = _clean_and_read(image, dpi, turn, options)
                if turned_ocr.mean_confidence > ocr.mean_confidence:
                    cleaned, ocr = turned, turned_ocr
        if keep_image:
            quality = _JPEG_QUALITY_COLOUR if cleaned.image.ndim == 3 else _JPEG_QUALITY_GREY
            ok, encoded = cv2.imencode(".jpg", cleaned.image, [cv2.IMWRITE_JPEG_QUALITY, quality])
            if not ok:
                raise cleanup.CleanupError("Không nén được ảnh trang.")
            outcome.image = encoded.tobytes()
        outcome.report = cleaned.report()
        outcome.ocr = ocr
        outcome.height, outcome.width = cleaned.image.shape[:2]
        outcome.dpi = cleaned.dpi
    except (cleanup.CleanupError, OcrError, ValueError, cv2.error, MemoryError) as exc:
        return _failed(outcome, exc, started)
    outcome.seconds = time.perf_counter() - started
    return outcome


def single_threaded() -> None:
    """One page per process: OpenCV's thread pool and tesseract's OpenMP threads would only compete with
    the other processes (pool workers, or the other programs of a busy desk)."""
    cv2.setNumThreads(1)
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _worker_init(parent_pid: int | None = None) -> None:
    # Ends with the app, even after kill -9 of the app; its tesseract runs end with it (own group).
    from scanning.child_processes import die_with_parent

    die_with_parent(parent_pid, own_group=True)
    single_threaded()
    apply_child_limits(WORKER_MEMORY_LIMIT)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


class PagePipeline:
    """A pool of worker processes; reuse one for a whole batch (process start-up costs ~0.5 s)."""

    def __init__(self, workers: int | None = None, options: PipelineOptions = PipelineOptions()):
        self.workers = workers or default_workers()
        self.options = options
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                # "spawn": workers never inherit the GUI's threads or open database handles.
                self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                     initializer=_worker_init, initargs=(os.getpid(),))
            return self._executor

    def _discard_pool(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None

    def process(self, pages: Iterable[PageInput], on_page: Callable[[PageOutcome], None] | None = None,
                cancel: threading.Event | None = None, keep_results: bool = True) -> list[PageOutcome]:
        """Process *pages*; results in input order. *on_page* is called (in this thread) as each finishes.

        *pages* is read lazily (a backlog need not sit in memory); with ``keep_results=False`` outcomes
        only go to *on_page* and the returned list is empty. Setting *cancel* stops submitting work and
        raises PipelineCancelled with the pages finished so far.
        """
        source = iter(pages)
        inputs: dict[int, PageInput] = {}
        results: dict[int, PageOutcome] = {}
        pending: dict[Future, int] = {}
        next_index = 0
        exhausted = False
        window = self.workers * 2  # keep the pool fed without holding every image in the queue

        def submit_more() -> None:
            nonlocal next_index, exhausted
            while len(pending) < window:
                if cancel is not None and cancel.is_set():
                    return
                page = next(source, None)
                if page is None:
                    exhausted = True
                    return
                inputs[next_index] = page
                pending[self._pool().submit(process_page, next_index, page, self.options)] = next_index
                next_index += 1

        attempts: dict[int, int] = {}

        def finish(index: int, outcome: PageOutcome) -> None:
            inputs.pop(index, None)
            if keep_results:
                results[index] = outcome
            if on_page is not None:
                on_page(outcome)

        submit_more()
        while pending:
            if cancel is not None and cancel.is_set():
                for future in pending:
                    future.cancel()
                raise PipelineCancelled([results[i] for i in sorted(results)])
            done, _ = wait(list(pending), timeout=0.2, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                index = pending.pop(future)
                try:
                    finish(index, future.result())
                except BrokenProcessPool:
                    broken = True
                    pending[future] = index  # handled below with the other pages of the dead pool
                except Exception as exc:  # noqa: BLE001 - one page's failure is reported, never fatal
                    finish(index, PageOutcome(index, inputs[index].name, ok=False, error=str(exc) or type(exc).__name__))
            if broken:
                # A worker died (killed by the OS, a crash in a native library): every page it held is
                # retried once in a fresh pool; a page that kills a worker twice is reported as failed.
                self._discard_pool()
                retry = list(pending.values())
                pending.clear()
                for index in retry:
                    attempts[index] = attempts.get(index, 0) + 1
                    if attempts[index] >= 2:
                        finish(index, PageOutcome(index, inputs[index].name, ok=False,
                                                  error="Tiến trình nhận dạng bị dừng đột ngột khi xử lý trang này."))
                    else:
                        pending[self._pool().submit(process_page, index, inputs[index], self.options)] = index
            submit_more()
        if not exhausted:  # cancelled before every page was even submitted
            raise PipelineCancelled([results[i] for i in sorted(results)])
        return [results[i] for i in sorted(results)]

    def close(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
                self._executor = None

    def __enter__(self) -> PagePipeline:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def pdf_pages(outcomes: list[PageOutcome]) -> list[PdfPage]:
    """The PDF pages of the processed pages that succeeded, in order, with their word boxes."""
    from scanning.pdfa import PdfPage, TextWord   # imported on use: `desk-app ocr` writes no PDF

    pages = []
    for outcome in outcomes:
        if not outcome.ok:
            continue
        words = [TextWord(w.text, w.left, w.top, w.width, w.height, (w.block, w.paragraph, w.line))
                 for w in (outcome.ocr.words if outcome.ocr else [])]
        pages.append(PdfPage(outcome.image, outcome.width, outcome.height, outcome.dpi, words))
    return pages


def build_component_pdf(outcomes: list[PageOutcome], metadata: PdfMetadata, out_path: Path) -> PdfResult:
    """One PDF/A-2b for a dossier component. Blank pages stay in (page count = paper count)."""
    from scanning.pdfa import build_pdfa

    return build_pdfa(pdf_pages(outcomes), metadata, out_path)
