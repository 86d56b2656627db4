"""A declaration photographed at the counter (issue 14): the reader finds the sheet in the photo, squares
it and reads it, and never presents a value read from a photo as sure — the clerk confirms each."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from scanning.form_extraction import extract_fields
from tests.test_form_extraction_structure import Sheet


def _declaration_page() -> Image.Image:
    """An A4 page at 300 dpi with a strip of the birth declaration's child fields near the top."""
    sheet = Sheet(3)
    sheet.text("Giới tính: ")
    sheet.value("Nam")
    sheet.leader(900)
    sheet.text("  Dân tộc: ")
    sheet.value("Kinh")
    sheet.leader(1600)
    sheet.text("  Quốc tịch: ")
    sheet.value("Việt Nam")
    sheet.leader(2300)
    sheet.newline()
    sheet.text("Nơi sinh(4): ")
    sheet.value("Trạm y tế xã Yên Thường")
    sheet.leader(2300)
    page = Image.new("L", (2480, 3508), 255)
    page.paste(sheet.image.crop((0, 0, min(sheet.image.width, 2480), sheet.image.height)), (0, 400))
    return page


def _photographed(page: Image.Image) -> Image.Image:
    """The page on a dark counter, turned ~4° with the far edge shorter, light falling off, JPEG."""
    grey = np.asarray(page)
    h, w = grey.shape
    frame_w, frame_h = 1800, 2400
    corners = np.array([[260, 190], [1600, 280], [1530, 2200], [190, 2120]], np.float32)
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners)
    sheet = cv2.warpPerspective(grey.astype(np.float32) * 0.95, matrix, (frame_w, frame_h), flags=cv2.INTER_AREA)
    alpha = cv2.warpPerspective(np.ones_like(grey, np.float32), matrix, (frame_w, frame_h))
    photo = 70 * (1 - alpha) + sheet * alpha
    yy, xx = np.mgrid[0:frame_h, 0:frame_w].astype(np.float32)
    photo *= 1 - 0.2 * np.hypot(xx, yy) / np.hypot(frame_w, frame_h)
    ok, data = cv2.imencode(".jpg", np.clip(photo, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 88])
    assert ok
    return Image.open(__import__("io").BytesIO(data.tobytes()))


def test_a_photographed_declaration_is_read_and_every_value_is_left_for_the_clerk_to_confirm():
    result = extract_fields(_photographed(_declaration_page()), "1.001193")
    assert result.values.get("child_gender") == "Nam"
    assert result.values.get("child_nationality") == "Việt Nam"
    assert result.values.get("child_birthplace") == "Trạm y tế xã Yên Thường"
    assert result.photographed
    assert not any(result.sure.values())
    assert set(result.needs_review()) == set(result.values)


def test_the_same_declaration_scanned_still_fills_what_the_reader_is_sure_of():
    result = extract_fields(_declaration_page(), "1.001193")
    assert not result.photographed
    assert result.values.get("child_gender") == "Nam" and result.sure.get("child_gender")
