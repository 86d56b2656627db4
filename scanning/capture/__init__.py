"""Page capture: one interface (``base.CaptureSource``) over scanners, scan folders and cameras."""

from scanning.capture.base import (
                                   CaptureBatch,
                                   CapturedPage,
                                   CaptureError,
                                   CaptureOptions,
                                   CaptureSource,
                                   DeviceInfo,
                                   TwainWiaSource,
)

__all__ = [
                                   "CaptureBatch",
                                   "CaptureError",
                                   "CaptureOptions",
                                   "CaptureSource",
                                   "CapturedPage",
                                   "DeviceInfo",
                                   "TwainWiaSource",
]
