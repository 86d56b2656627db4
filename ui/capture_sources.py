"""Which capture source the reception screen uses, from the desk's settings."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from desk_app.config import Settings
from scanning.capture.base import CaptureOptions, CaptureSource
from scanning.capture.sane_source import SaneSource
from scanning.capture.watched_folder import WatchedFolderSource


def capture_options(settings: Settings) -> CaptureOptions:
    return CaptureOptions(device=settings.scanner_device, resolution=settings.scan_resolution,
                          mode=settings.scan_mode, source=settings.scan_source)


def capture_source_factory(settings: Settings) -> Callable[[], CaptureSource]:
    """A scan-to-folder inbox when one is configured (common for networked office scanners), else SANE."""
    if settings.scan_inbox_folder:
        folder = Path(settings.scan_inbox_folder)
        return lambda: WatchedFolderSource(folder, once=True)
    return SaneSource
