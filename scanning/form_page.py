"""The sheet a declaration is read from, when the clerk photographed it instead of scanning it.

A document camera or a phone over the counter gives the sheet somewhere in the frame, turned, tilted
(the far edge shorter) and unevenly lit, with the counter around it. Form extraction finds labels by
their rows and values by their place after a label, so it needs the sheet alone, square and white: the
same page finding, perspective correction and lighting flattening as the clean-up of every captured
page (:mod:`scanning.cleanup`), then the sheet brought to the size of a 300 dpi scan (tesseract reads
the tone marks of small print better at that size). A scan, where no counter shows around the paper,
is left exactly as it was. The reader is told whether the page was photographed: what it reads from a
photo is blurrier and lit unevenly, and it is never presented as sure (the clerk confirms every value).
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
    photographed: bool        # a photo: the sheet was squared, or the counter shows around an unfound one
    squared: bool = False     # the sheet was found, cut out, squared and scaled


def _counter_around(grey: np.ndarray) -> bool:
    """Dark counter (desk, cloth) along at least two edges of the frame: a photo whose sheet was not
    found. A scan's edges are paper or the white lid; a dark lid margin darkens one edge at most."""
    h, w = grey.shape
    strip_y, strip_x = max(2, h // 50), max(2, w // 50)
    edges = (grey[:strip_y], grey[-strip_y:], grey[:, :strip_x], grey[:, -strip_x:])
    return sum(float(np.mean(edge < 160)) > 0.5 for edge in edges) >= 2


def _counter_to_paper(grey: np.ndarray, level: int = 160) -> np.ndarray:
    """The counter around a sheet that was not found, painted white: dark wood or cloth at the frame's
    edges otherwise decides the angle the text is straightened by (it did, at 0°, on sheets turned 7–9°).
    Only dark regions reaching the frame's edge are counter; a shadow on the sheet is left as it is."""
    small, _ = cleanup.shrink(grey, 500)
    local = cv2.medianBlur(small, 31)               # wider than any letter: paper against counter
    dark = (local < level).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=4)
    h, w = dark.shape
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = left + stats[:, cv2.CC_STAT_WIDTH], top + stats[:, cv2.CC_STAT_HEIGHT]
    at_edge = (left == 0) | (top == 0) | (right >= w) | (bottom >= h)
    at_edge[0] = False                               # label 0: the paper
    counter = cv2.resize(at_edge[labels].astype(np.uint8), (grey.shape[1], grey.shape[0]),
                         interpolation=cv2.INTER_NEAREST).astype(bool)
    out = grey.copy()
    out[counter] = 255
    return out


def sheet_of(image: Image.Image) -> Sheet:
    """The page to read: a photographed sheet cut out, squared, evenly lit and scaled; a scan as it is."""
    grey = np.asarray(ImageOps.grayscale(image))
    sheet, geometry = cleanup.correct_perspective(grey)
    if geometry.quad is None:        # no sheet found: a scan, or a photo whose sheet is not clear
        if _counter_around(grey):
            return Sheet(_counter_to_paper(grey), True)
        return Sheet(grey, False)
    flat = cleanup.flatten_lighting(sheet)
    long_side = max(flat.shape)
    if long_side < _SCAN_LONG_SIDE:
        factor = _SCAN_LONG_SIDE / long_side
        flat = cv2.resize(flat, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    return Sheet(flat, True, True)
