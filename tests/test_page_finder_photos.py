"""Finding the sheet in a counter photo when its brightness alone does not (issue 14: declarations
photographed at the counter): light falling off to a dim corner, a shadow across the sheet, a sheet
lying on another sheet — and a scan with a printed frame that must never be cropped to it."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from scanning import cleanup
from scanning.form_page import sheet_of
from tests.test_ocr_cleanup import text_page



def _portrait_page(dpi: int = 100) -> np.ndarray:
    page = text_page(dpi=dpi, size_mm=(210, 297))
    cv2.rectangle(page, (0, 0), (page.shape[1] - 1, page.shape[0] - 1), (250, 250, 250), 1)
    return page


def _photo(page: np.ndarray, under: tuple[int, int, int], corners: np.ndarray, size: tuple[int, int],
           shadow_under: float = 0.0) -> np.ndarray:
    """*page* warped onto a plain background of colour *under* at *corners* ((w, h) frame *size*)."""
    h, w = page.shape[:2]
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    frame = np.full((size[1], size[0], 3), under, np.float32)
    alpha = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, size)[..., None]
    if shadow_under:  # the sheet's own soft shadow on what lies under it
        shade = cv2.GaussianBlur(alpha[..., 0], (0, 0), 4)
        frame *= (1 - shadow_under * np.roll(np.roll(shade, 5, axis=0), 4, axis=1))[..., None]
    sheet = cv2.warpPerspective(page.astype(np.float32), matrix, size)
    return np.clip(frame * (1 - alpha) + sheet * alpha, 0, 255).astype(np.uint8)


CORNERS = np.array([[190, 120], [930, 190], [880, 1230], [110, 1160]], np.float32)   # turned ~5°, keystone
FRAME = (1050, 1400)


def _error(quad: np.ndarray | None) -> float:
    assert quad is not None, "no sheet found"
    return float(np.abs(quad - CORNERS).max())


def test_a_sheet_whose_far_corner_lies_in_dim_light_is_found_whole():
    photo = _photo(_portrait_page(), (60, 90, 130), CORNERS, FRAME).astype(np.float32)
    yy, xx = np.mgrid[0:FRAME[1], 0:FRAME[0]].astype(np.float32)
    photo *= (1 - 0.55 * np.hypot(xx, yy) / np.hypot(*FRAME))[..., None]     # light from the top left
    assert _error(cleanup.find_page_quad(photo.clip(0, 255).astype(np.uint8))) < 15


def test_a_shadow_across_the_sheet_does_not_cut_it():
    photo = _photo(_portrait_page(), (60, 90, 130), CORNERS, FRAME).astype(np.float32)
    yy = np.mgrid[0:FRAME[1], 0:FRAME[0]][0].astype(np.float32)
    photo *= (1 - 0.45 / (1 + np.exp((yy - 420) / 25)))[..., None]           # a hand's shadow over the top
    assert _error(cleanup.find_page_quad(photo.clip(0, 255).astype(np.uint8))) < 15


def test_a_sheet_lying_on_another_sheet_is_found_by_its_edges():
    photo = _photo(_portrait_page(), (225, 225, 225), CORNERS, FRAME, shadow_under=0.3)
    assert _error(cleanup.find_page_quad(photo)) < 15


def test_a_scan_with_a_printed_frame_is_not_cropped_to_the_frame():
    page = _portrait_page()
    h, w = page.shape[:2]
    cv2.rectangle(page, (int(w * 0.06), int(h * 0.05)), (int(w * 0.94), int(h * 0.95)), (0, 0, 0), 3)
    assert cleanup.find_page_quad(page) is None


def test_the_declaration_reader_gets_a_scan_as_it_is_and_a_photo_squared_at_scan_size():
    page = _portrait_page()
    scan = Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY))
    sheet = sheet_of(scan)
    assert not sheet.photographed and np.array_equal(sheet.grey, np.asarray(scan))

    photo = Image.fromarray(cv2.cvtColor(_photo(page, (60, 90, 130), CORNERS, FRAME), cv2.COLOR_BGR2RGB))
    sheet = sheet_of(photo)
    height, width = sheet.grey.shape
    assert sheet.photographed
    assert max(height, width) == 3508 and height > width                      # A4 at 300 dpi, upright
    assert abs(width / height - 210 / 297) < 0.03
    # Only paper around the text: no counter left at the borders.
    assert np.median(sheet.grey[:10, :]) > 200 and np.median(sheet.grey[:, -10:]) > 200


def test_a_photo_whose_sheet_is_not_found_is_still_known_as_a_photo():
    # The sheet on another sheet of the same tone: no edge to find, but the counter shows at two edges.
    frame = np.full((FRAME[1], FRAME[0]), 240, np.uint8)
    frame[:, :90] = 70
    frame[:80, :] = 70
    page = cv2.cvtColor(_portrait_page(), cv2.COLOR_BGR2GRAY)
    frame[150:150 + 1100, 150:150 + page.shape[1]][:1100] = np.minimum(page[:1100], 240)
    sheet = sheet_of(Image.fromarray(frame))
    assert sheet.photographed and not sheet.squared
    # The counter is painted white so that it cannot decide the text's angle; the sheet's text stays.
    assert sheet.grey[:, :90].min() == 255 and sheet.grey[:80, :].min() == 255
    assert sheet.grey[150:1250, 150:150 + page.shape[1]].min() < 60

    # A flatbed scan with the dark lid margin along one edge is a scan.
    scan = cv2.cvtColor(_portrait_page(), cv2.COLOR_BGR2GRAY)
    scan[:, -40:] = 50
    assert not sheet_of(Image.fromarray(scan)).photographed
