"""Clean-up steps on generated pages with known skew, perspective, lighting, orientation, blankness, colour."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from resources import resource_path
from scanning import cleanup
from scanning.ocr import detect_orientation

LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân xã đã tiếp nhận đầy đủ giấy tờ theo quy định.",
    "Đề nghị ông Nguyễn Văn An mang theo bản chính căn cước để đối chiếu.",
    "Thời hạn giải quyết là 03 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
    "Bà Đặng Thị Hường cư trú tại thôn Phú Mỹ, xã Hòa An.",
    "Kết quả được trả trực tiếp tại Bộ phận Một cửa của xã.",
    "Mọi thắc mắc xin liên hệ trong giờ hành chính.",
]


def text_page(dpi: int = 200, lines=LINES, size_mm=(210, 150), ink=(0, 0, 0), paper=(255, 255, 255)) -> np.ndarray:
    """A BGR page with Vietnamese text lines, *size_mm* at *dpi*."""
    w, h = int(size_mm[0] / 25.4 * dpi), int(size_mm[1] / 25.4 * dpi)
    image = Image.new("RGB", (w, h), paper)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(resource_path("fonts", "LiberationSerif-Regular.ttf")), int(13 * dpi / 72))
    y = int(15 / 25.4 * dpi)
    for line in lines:
        draw.text((int(20 / 25.4 * dpi), y), line, font=font, fill=ink)
        y += int(13 * dpi / 72 * 1.6)
    return cv2.cvtColor(np.array(image), cv2.COLOR_RGB2BGR)


def rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), borderValue=(255, 255, 255))


@pytest.mark.parametrize("angle", [3.0, -1.2, 0.4, -5.0])
def test_deskew_finds_small_angles_precisely(angle):
    page = rotate(text_page(), angle)
    estimated = cleanup.estimate_skew(cleanup.to_grey(page))
    assert estimated == pytest.approx(angle, abs=0.15)
    straight, applied = cleanup.deskew(page)
    assert applied == pytest.approx(angle, abs=0.15)
    assert abs(cleanup.estimate_skew(cleanup.to_grey(straight))) <= 0.15


def test_straight_page_is_left_alone():
    page = text_page()
    out, angle = cleanup.deskew(page)
    assert angle == 0.0 and out is page


def phone_photo(page: np.ndarray, tilt: float = 0.06) -> tuple[np.ndarray, float]:
    """The page lying on a dark desk, seen at an angle. Returns the photo and the page's aspect ratio."""
    h, w = page.shape[:2]
    out_w, out_h = int(w * 1.3), int(h * 1.4)
    dst = np.array([[w * (0.15 + tilt), h * 0.2], [w * (1.15 - tilt), h * 0.22],
                    [w * 1.17, h * 1.2], [w * 0.13, h * 1.18]], np.float32)
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    desk = np.full((out_h, out_w, 3), (50, 60, 70), np.uint8)
    photo = cv2.warpPerspective(page, cv2.getPerspectiveTransform(src, dst), (out_w, out_h), dst=desk,
                                borderMode=cv2.BORDER_TRANSPARENT)
    return photo, w / h


def test_phone_photo_is_found_and_straightened():
    photo, aspect = phone_photo(text_page())
    warped, geometry = cleanup.correct_perspective(photo)
    assert geometry.perspective_corrected and geometry.cropped
    assert warped.shape[1] / warped.shape[0] == pytest.approx(aspect, rel=0.04)
    # No desk left in the result: the border rows are paper.
    grey = cleanup.to_grey(warped)
    assert np.median(grey[:5, :]) > 200 and np.median(grey[-5:, :]) > 200


def test_flatbed_scan_is_not_cropped():
    page = text_page()
    out, geometry = cleanup.correct_perspective(page)
    assert out is page and not geometry.cropped and not geometry.perspective_corrected


def test_shadow_and_grey_paper_are_flattened():
    page = text_page(paper=(200, 215, 220)).astype(np.float32)
    w = page.shape[1]
    ramp = np.linspace(1.0, 0.55, w, dtype=np.float32)[None, :, None]  # a shadow towards the right
    shaded = np.clip(page * ramp, 0, 255).astype(np.uint8)
    flat = cleanup.to_grey(cleanup.flatten_lighting(shaded))
    paper = flat[cleanup.to_grey(shaded) > np.percentile(cleanup.to_grey(shaded), 40)]
    assert np.median(flat[:, : w // 10]) > 240 and np.median(flat[:, -w // 10:]) > 240
    assert np.percentile(paper, 5) > 225
    assert flat.min() < 80  # the ink stays dark


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_orientation_is_detected(turn):
    page = text_page(dpi=200, lines=LINES * 2, size_mm=(210, 250))
    # The page as scanned: turned counter-clockwise by *turn*; the fix is *turn* clockwise.
    scanned = cleanup.rotate_quarter(page, 360 - turn)
    fix, confidence = detect_orientation(cleanup.to_grey(scanned), 200)
    assert fix == turn and confidence > 1.0


def test_blank_pages_are_flagged_including_noisy_ones():
    rng = np.random.default_rng(3)
    white = np.full((1654, 1169), 255, np.uint8)
    assert cleanup.detect_blank(white, 200).blank

    # Noisy blank: grey paper, sensor noise, speckle, faint bleed-through of the back side, a dark scanner edge.
    back = cv2.flip(cleanup.to_grey(text_page(dpi=200, size_mm=(148, 210))), 1)
    noisy = np.full_like(back, 228).astype(np.float32)
    noisy -= 0.15 * (255 - back.astype(np.float32))
    noisy += rng.normal(0, 5, noisy.shape)
    speckle = rng.random(noisy.shape) < 0.0008
    noisy[speckle] = 90
    noisy[:, :12] = 30
    noisy = np.clip(noisy, 0, 255).astype(np.uint8)
    flat = cleanup.to_grey(cleanup.flatten_lighting(noisy))
    assert cleanup.detect_blank(flat, 200).blank


def test_written_pages_are_never_flagged_blank():
    one_line = text_page(lines=["Nguyễn Văn An"])
    assert not cleanup.detect_blank(cleanup.to_grey(one_line), 200).blank
    faint = text_page(ink=(150, 150, 150), paper=(225, 225, 225))  # low-contrast print
    flat = cleanup.to_grey(cleanup.flatten_lighting(faint))
    assert not cleanup.detect_blank(flat, 200).blank


def with_seal(page: np.ndarray) -> np.ndarray:
    out = page.copy()
    h, w = out.shape[:2]
    centre, radius = (int(w * 0.7), int(h * 0.7)), int(h * 0.12)
    cv2.circle(out, centre, radius, (40, 30, 200), 6, cv2.LINE_AA)
    cv2.circle(out, centre, int(radius * 0.7), (40, 30, 200), 3, cv2.LINE_AA)
    return out


def test_colour_kept_for_a_red_seal_and_a_photo_dropped_for_plain_text():
    page = text_page()
    verdict = cleanup.decide_colour(with_seal(page))
    assert verdict.colour and verdict.reason == "red_seal"

    photo_page = page.copy()
    rnd = random.Random(5)
    y0, x0 = 300, 900
    for y in range(y0, y0 + 300, 10):  # a colourful portrait-like block
        for x in range(x0, x0 + 240, 10):
            photo_page[y:y + 10, x:x + 10] = (rnd.randint(40, 200), rnd.randint(60, 200), rnd.randint(90, 230))
    assert cleanup.decide_colour(photo_page).colour

    yellowed = text_page(paper=(190, 225, 240))  # old yellowish paper, black print
    verdict = cleanup.decide_colour(cleanup.flatten_lighting(yellowed))
    assert not verdict.colour and verdict.reason == "greyscale"


def test_clean_page_reports_every_step():
    page = rotate(with_seal(text_page()), 2.0)
    cleaned = cleanup.clean_page(page, 200)
    report = cleaned.report()
    assert report["skew_angle"] == pytest.approx(2.0, abs=0.15)
    assert report["colour"] and report["colour_reason"] == "red_seal"
    assert not report["blank"] and report["orientation"] == 0
    assert cleaned.image.ndim == 3


def test_unreadable_image_is_a_cleanup_error():
    with pytest.raises(cleanup.CleanupError):
        cleanup.decode_image(b"not an image")
