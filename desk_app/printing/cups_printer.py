"""Send a PDF to a CUPS queue and follow the job until it is done.

    printer = CupsPrinter()                       # the system's CUPS; CupsPrinter("127.0.0.1:8631") for another
    job = printer.submit(pdf_path, title="Giấy tiếp nhận 000.00.12.H15-250701-0001")
    state = printer.wait(job, timeout=60)         # JobState.COMPLETED, or PrintError

The media (A5, A4, landscape or not) is read from the PDF's first page and sent with each job, so a
printer loaded with both paper sizes takes the right tray and nothing is scaled by accident.
libcups keeps the server address per process, so calls are serialised by a lock.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from desk_app.errors import DeskError
from desk_app.text import nfc

__all__ = ["CupsPrinter", "JobState", "PrintError", "PrintJob", "media_for_pdf"]

_LOCK = threading.RLock()
_MM = 72 / 25.4
_MEDIA = {  # portrait (width, height) in mm → CUPS media keyword
    (148, 210): "A5",
    (210, 297): "A4",
    (297, 420): "A3",
}


class PrintError(DeskError, RuntimeError):
    """The print job could not be sent or did not finish; the message is for the clerk."""


class JobState(IntEnum):
    """IPP job-state values (RFC 8011 §5.3.7)."""

    PENDING = 3
    HELD = 4
    PROCESSING = 5
    STOPPED = 6
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9

    @property
    def finished(self) -> bool:
        return self >= JobState.CANCELED

    @property
    def label_vi(self) -> str:
        return {
            JobState.PENDING: "Đang chờ in",
            JobState.HELD: "Đang tạm giữ",
            JobState.PROCESSING: "Đang in",
            JobState.STOPPED: "Máy in dừng",
            JobState.CANCELED: "Đã huỷ",
            JobState.ABORTED: "In lỗi",
            JobState.COMPLETED: "Đã in xong",
        }[self]


@dataclass(frozen=True)
class PrintJob:
    job_id: int
    printer: str
    title: str
    media: str


def media_for_pdf(pdf: Path | bytes) -> tuple[str, bool]:
    """(CUPS media keyword, landscape?) of the PDF's first page, e.g. ("A5", False)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))
    box = reader.pages[0].mediabox
    w, h = float(box.width) / _MM, float(box.height) / _MM
    landscape = w > h
    short, long_ = sorted((w, h))
    for (mw, mh), name in _MEDIA.items():
        if abs(short - mw) < 2 and abs(long_ - mh) < 2:
            return name, landscape
    return f"Custom.{round(short)}x{round(long_)}mm", landscape


def _split_server(server: str) -> tuple[str, int | None]:
    if server.startswith("/"):  # a domain socket
        return server, None
    host, _, port = server.rpartition(":")
    if host and port.isdigit():
        return host, int(port)
    return server, None


class CupsPrinter:
    """A CUPS server (None = the system default: ``CUPS_SERVER`` or the local scheduler)."""

    def __init__(self, server: str | None = None) -> None:
        self.server = server

    def _connection(self):
        try:
            import cups
        except ImportError as exc:  # pragma: no cover - pycups is a declared dependency
            raise PrintError("Thiếu thư viện pycups để in qua CUPS") from exc
        if self.server:
            host, port = _split_server(self.server)
            cups.setServer(host)
            if port is not None:
                cups.setPort(port)
        else:
            cups.setServer(os.environ.get("CUPS_SERVER", ""))
        try:
            return cups.Connection()
        except RuntimeError as exc:
            where = f" tại {self.server}" if self.server else ""
            raise PrintError(f"Không kết nối được dịch vụ in (CUPS){where}: {exc}") from exc

    def printers(self) -> list[str]:
        with _LOCK:
            return sorted(self._connection().getPrinters())

    def default_printer(self) -> str | None:
        with _LOCK:
            return self._connection().getDefault()

    def submit(
        self,
        pdf: Path | str,
        *,
        title: str,
        printer: str | None = None,
        copies: int = 1,
        media: str | None = None,
    ) -> PrintJob:
        """Queue *pdf* on *printer* (default printer if None); media from the PDF unless given."""
        import cups

        path = Path(pdf)
        if not path.is_file():
            raise PrintError(f"Không tìm thấy tệp cần in: {path}")
        detected, landscape = media_for_pdf(path)
        media = media or detected
        options = {"media": media, "copies": str(max(1, int(copies))), "fit-to-page": "false"}
        if landscape:
            options["orientation-requested"] = "4"  # landscape: the page is wider than tall
        with _LOCK:
            conn = self._connection()
            queue = printer or conn.getDefault()
            if not queue:
                raise PrintError("Chưa có máy in mặc định; hãy chọn máy in trong phần cài đặt.")
            try:
                job_id = conn.printFile(queue, str(path), nfc(title)[:255], options)
            except cups.IPPError as exc:
                raise PrintError(f"Máy in «{queue}» từ chối lệnh in: {exc.args[-1]}") from exc
        return PrintJob(job_id, queue, nfc(title), media)

    def job_state(self, job: PrintJob | int) -> tuple[JobState, str]:
        """Current state of *job* and the printer's message about it (may be empty)."""
        import cups

        job_id = job.job_id if isinstance(job, PrintJob) else int(job)
        with _LOCK:
            try:
                attrs = self._connection().getJobAttributes(job_id)
            except cups.IPPError as exc:
                raise PrintError(f"Không đọc được trạng thái lệnh in số {job_id}: {exc.args[-1]}") from exc
        return JobState(attrs["job-state"]), nfc(attrs.get("job-printer-state-message", ""))

    def wait(self, job: PrintJob, timeout: float = 60.0, poll: float = 0.1) -> JobState:
        """Poll until *job* is finished (bounded by *timeout* seconds). Only COMPLETED returns."""
        deadline = time.monotonic() + timeout
        while True:
            state, message = self.job_state(job)
            if state is JobState.COMPLETED:
                return state
            if state.finished or state is JobState.STOPPED:
                detail = f": {message}" if message else ""
                raise PrintError(f"Lệnh in số {job.job_id} trên «{job.printer}» {state.label_vi.lower()}{detail}")
            if time.monotonic() >= deadline:
                raise PrintError(
                    f"Lệnh in số {job.job_id} chưa xong sau {timeout:.0f} giây ({state.label_vi.lower()})"
                )
            time.sleep(poll)

    def cancel(self, job: PrintJob) -> None:
        with _LOCK:
            self._connection().cancelJob(job.job_id)

    def print_and_wait(self, pdf: Path | str, *, title: str, printer: str | None = None,
                       timeout: float = 60.0) -> PrintJob:
        job = self.submit(pdf, title=title, printer=printer)
        self.wait(job, timeout=timeout)
        return job
