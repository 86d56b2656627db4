"""The sheet a declaration is read from, when the clerk photographed it instead of scanning it.

A document camera or a phone over the counter gives the sheet somewhere in the frame, turned, tilted
(the far edge shorter) and unevenly lit, with the counter around it. Form extraction finds labels by
their rows and values by their place after a label, so it needs the sheet alone, square and white: the
same page finding, perspective correction and lighting flattening as the clean-up of every captured
page (:mod:`scanning.cleanup`), then the sheet brought to the size of a 300 dpi scan (tesseract reads
the tone marks of small print better at that size). A scan, where no counter shows around the paper,
is left exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageOps

from scanning import cleanup

_SCAN_LONG_SIDE = 3508        # A4 at 300 dpi


@dataclass(frozen=True)
class Sheet:
    grey: np.ndarray          # 8-bit grey page
    photographed: bool        # the sheet was found in a photo and squared (else: a scan, as given)


def sheet_of(image: Image.Image) -> Sheet:
    """The page to read: a photographed sheet cut out, squared, evenly lit and scaled; a scan as it is."""
    grey = np.asarray(ImageOps.grayscale(image))
    sheet, geometry = cleanup.correct_perspective(grey)
    if geometry.quad is None:        # no counter around the paper: a scan
        return Sheet(grey, False)
    flat = cleanup.flatten_lighting(sheet)
    long_side = max(flat.shape)
    if long_side < _SCAN_LONG_SIDE:
        factor = _SCAN_LONG_SIDE / long_side
        flat = cv2.resize(flat, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    return Sheet(flat, True)
