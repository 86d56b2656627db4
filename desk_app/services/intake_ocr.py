"""Clean-up and OCR of pages while the clerk is still at the counter.

Each captured page is sent to the worker-process pool (scanning.pipeline) as soon as it is spooled;
the status of every page is reported through a callback (the scan panel shows it). When the dossier is
accepted, the results are indexed for full-text search against the archived pages — those still being
read are indexed when they finish, so accepting never waits for OCR.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select

from desk_app.desk import Desk
from desk_app.services.fulltext import index_ocr_result
from desk_app.storage.models import Page
from scanning.pipeline import PageInput, PageOutcome, PagePipeline
from scanning.spool import SpooledPage

StatusReport = Callable[[str, str], None]  # (page_id, status text)


def status_text(outcome: PageOutcome) -> str:
    """Short Vietnamese status shown under a page thumbnail (it must fit the thumbnail's width)."""
    if not outcome.ok:
        return "Lỗi đọc chữ"
    if outcome.blank:
        return "Trang trắng?"
    return f"Đã đọc · {outcome.confidence:.0f}%"


@dataclass(frozen=True)
class ArchivedPage:
    spool_page_id: str
    file_sha256: str


class IntakeOcr:
    def __init__(self, desk: Desk, pipeline: PagePipeline | None = None) -> None:
        self.desk = desk
        self.pipeline = pipeline or PagePipeline()
        # One feeding thread per worker process keeps every core busy without blocking anyone.
        self._threads = ThreadPoolExecutor(max_workers=self.pipeline.workers, thread_name_prefix="intake-ocr")
        # Indexing waits on reading: it gets its own thread so it can never starve the readers.
        self._indexer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake-index")
        self._lock = threading.Lock()
        self._futures: dict[str, Future] = {}

    def submit(self, page: SpooledPage, report: StatusReport) -> Future:
        """Start reading *page* (any thread); *report* gets the status now and when it is done."""
        report(page.page_id, "Đang đọc…")

        def read() -> PageOutcome:
            outcome = self.pipeline.process([PageInput(page.path.read_bytes(), page.dpi, page.source_name)])[0]
            report(page.page_id, status_text(outcome))
            return outcome

        future = self._threads.submit(read)
        with self._lock:
            self._futures[page.page_id] = future
        return future

    def index_dossier(self, dossier_id: int, pages: list[ArchivedPage]) -> Future:
        """Index the OCR of an accepted dossier's pages, waiting (in the background) for pages still read."""

        def index() -> int:
            with self.desk.sessions() as session:
                rows = session.execute(select(Page.id, Page.file_sha256).where(Page.dossier_id == dossier_id)
                                       .order_by(Page.position)).all()
            indexed = 0
            for (page_row_id, sha), archived in zip(rows, pages):
                with self._lock:
                    future = self._futures.pop(archived.spool_page_id, None)
                if future is None:
                    continue
                outcome = future.result()
                if outcome.ok:
                    index_ocr_result(self.desk.sessions, outcome.ocr, outcome.report, sha,
                                     page_id=page_row_id, dossier_id=dossier_id)
                    indexed += 1
            return indexed

        return self._indexer.submit(index)

    def close(self) -> None:
        self._indexer.shutdown(wait=False, cancel_futures=True)
        self._threads.shutdown(wait=False, cancel_futures=True)
        self.pipeline.close()
