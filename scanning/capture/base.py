"""The capture-source interface: every way a paper page enters the desk looks the same to callers.

A source lists its devices, then ``start_batch(options)`` returns a :class:`CaptureBatch`: an
iterator that yields :class:`CapturedPage` objects one by one as the hardware delivers them, and
that can be cancelled from another thread. Callers (the scan panel, ``desk-app scan``) store each
page durably in the spool before showing it (``scanning.spool``).

Built sources: SANE scanners (``sane_source``), scan-to-folder (``watched_folder``), cameras and
document cameras (``camera``). :class:`TwainWiaSource` names the seam for Windows scanners.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass

MODES = ("Color", "Gray")
SOURCES = ("Flatbed", "ADF")


class CaptureError(ValueError):
    """Capture failed in a way the clerk can act on; ``str(error)`` is Vietnamese."""


@dataclass(frozen=True)
class DeviceInfo:
    name: str          # what to pass back as CaptureOptions.device (e.g. "test:0", a folder, "0")
    label: str         # what the clerk sees
    kind: str          # "sane", "folder", "camera", "twain", "wia"


@dataclass(frozen=True)
class CaptureOptions:
    device: str = ""            # empty: the first device found
    resolution: int = 300       # dpi; DOMAIN.md §3.1 wants ≥ 200, 300 preferred
    mode: str = "Color"         # "Color" keeps seals and photos; "Gray" for plain text
    source: str = "Flatbed"     # "Flatbed" (one page per batch) or "ADF" (feeder, until empty)
    max_pages: int | None = None  # stop after this many pages (e.g. rescanning a single page)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise CaptureError(f"Chế độ màu «{self.mode}» không hợp lệ; chọn một trong: {', '.join(MODES)}.")
        if self.source not in SOURCES:
            raise CaptureError(f"Nguồn giấy «{self.source}» không hợp lệ; chọn Flatbed (mặt kính) hoặc ADF (khay nạp).")
        if not 75 <= int(self.resolution) <= 1200:
            raise CaptureError(f"Độ phân giải {self.resolution} dpi không hợp lệ (75–1200 dpi; nên dùng 300).")
        if self.max_pages is not None and self.max_pages < 1:
            raise CaptureError("Số trang tối đa phải từ 1 trở lên.")


@dataclass(frozen=True)
class CapturedPage:
    """One page image as delivered by a source: encoded bytes (PNG, or the file's own JPEG/PNG)."""

    data: bytes
    media_type: str     # "image/png" or "image/jpeg"
    width: int
    height: int
    dpi: int            # 0 when unknown (cameras, files without a resolution tag)
    source_name: str    # for the clerk: "test:0 trang 3", "ảnh chụp 2", the original file name
    page_id: str = ""   # stable id when the source can give one (watched folder: derived from the file hash)


class CaptureBatch(ABC):
    """Pages of one batch, yielded as they arrive. ``cancel()`` may be called from any thread."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    @abstractmethod
    def __iter__(self) -> Iterator[CapturedPage]:
        """Yield pages until the batch ends (feeder empty, flatbed page done, max_pages, cancel)."""

    def close(self) -> None:
        """Release the device; safe to call twice."""
        self.cancel()

    def __enter__(self) -> CaptureBatch:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class CaptureSource(ABC):
    """A kind of capture hardware (or folder) the desk can take pages from."""

    kind: str = ""

    @abstractmethod
    def discover(self) -> list[DeviceInfo]:
        """Devices available now. May be slow (SANE probes USB and network): call off the UI thread."""

    @abstractmethod
    def start_batch(self, options: CaptureOptions) -> CaptureBatch:
        """Open the device with *options* and return the batch; pages flow when it is iterated."""


class TwainWiaSource(CaptureSource):
    """Seam for Windows scanners (TWAIN data source or WIA 2.0 device); not built here.

    A Windows adapter subclasses this and implements ``discover`` (WIA ``DeviceManager.DeviceInfos``
    or the TWAIN DSM's ``MSG_GETFIRST/GETNEXT`` data-source list) and ``start_batch``, mapping
    ``CaptureOptions`` to WIA properties (``WIA_IPS_XRES/YRES``, ``WIA_IPA_DATATYPE``,
    ``WIA_DPS_DOCUMENT_HANDLING_SELECT`` = FEEDER/FLATBED) or TWAIN capabilities (``ICAP_XRESOLUTION``,
    ``ICAP_PIXELTYPE``, ``CAP_FEEDERENABLED``). Like the SANE source it should run the driver in a
    child process (vendor drivers crash) and yield each transferred image as a :class:`CapturedPage`.
    The rest of the app (spool, scan panel, CLI) needs no change: it only sees ``CaptureSource``.
    """

    kind = "wia"
