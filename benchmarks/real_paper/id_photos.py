"""Back sides of citizen ID cards, photographed at an angle on a desk or laid on a flatbed (issue 14 §1, §4).

Written from the published layout, not from what the reader expects:

- **The card** (Thông tư 06/2021/TT-BCA, Điều 3 — back side of the chip CCCD): on the left, top to
  bottom, "Đặc điểm nhân dạng/Personal identification", "Ngày, tháng, năm/Date, month, year", the title
  "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI / DIRECTOR GENERAL OF THE POLICE
  DEPARTMENT FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER", a signature with the signer's name, the red
  seal with the national emblem and the gold chip; on the right two fingerprint boxes "Ngón trỏ trái/Left
  index finger" and "Ngón trỏ phải/Right index finger"; the machine-readable zone across the bottom.
- **The MRZ** (ICAO 9303 part 5, TD1): card ID-1 85.60 × 53.98 mm with 3.18 mm rounded corners (ISO/IEC
  7810), three lines of 30 characters in OCR-B size 1 at a fixed pitch of 2.54 mm (10 characters per
  inch), ~4.2 mm between lines, the zone ending ~2.5 mm above the lower edge. Characters are placed cell by
  cell, as a card printer does, not left to the font's own advance.
- **Capture**, as at a counter: a phone held over the card on a desk (rotation 0–15° either way, one card in
  eight turned upside down, mild perspective from a tilted phone, a glare spot from the ceiling light,
  defocus or hand-shake blur, uneven light, sensor noise, JPEG 70–90), or the card laid anywhere on a
  flatbed at 300 dpi (up to ±3°, upside down one time in four, scanner lid around it, PNG or JPEG 90).

Each item has its seed from ``results.seed_range("id_photos", split, n)``: people, cards and captures of
the dev and frozen splits never overlap, and no other corpus shares these seeds.

``python -m benchmarks.real_paper.id_photos OUT --split dev --count 20`` writes the images and ``truth.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from benchmarks.real_paper.results import SPLITS, seed_range
from resources import resource_path
from scanning.id_card.mrz import format_td1

PX_PER_MM = 16                      # master rendering: ≈ 406 dpi, finer than any capture below
CARD_MM = (85.60, 53.98)
CARD_W, CARD_H = round(CARD_MM[0] * PX_PER_MM), round(CARD_MM[1] * PX_PER_MM)
KINDS = ("photo", "flatbed")

# Names as the population register spells them: several middle names, names that fold to the same ASCII.
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
             "Lý", "Đinh", "Trương", "Tạ", "Mai", "Khúc", "Quách", "Lưu", "Kiều", "Ông", "Thái", "Châu"]
_MIDDLE = ["Thị", "Văn", "Thanh", "Ngọc", "Minh", "Hữu", "Khánh", "Quỳnh", "Thúy", "Xuân", "Kim", "Gia",
           "Đức", "Bảo", "Như", "Phương", "Trọng", "Hải", "Diệu", "Nhật"]
_GIVEN = ["Linh", "Khoa", "Hằng", "Kiên", "Nghĩa", "Quyết", "Tường", "Uyển", "Khuê", "Huyền", "Thư", "Giao",
          "Loan", "Kha", "Ly", "Khang", "Nguyên", "Phong", "Oanh", "Yên", "Thoa", "Vy", "Chinh", "Nhàn", "Khôi"]
_MARKS = ["Sẹo chấm C: 1cm trên đuôi mắt trái", "Nốt ruồi C: 2cm dưới sau cánh mũi phải",
          "Sẹo chấm C: 3cm dưới trước đầu mày phải", "Nốt ruồi C: 1,5cm trên trước tai trái",
          "Sẹo chấm C: 2cm dưới mép phải", "Nốt ruồi C: 1cm trên đầu mày trái"]
_PROVINCES = ["001", "002", "004", "008", "010", "019", "022", "025", "027", "030", "031", "033", "034", "036",
              "037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058",
              "060", "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
              "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096"]


@dataclass
class CardTruth:
    item: str
    kind: str
    file: str
    id_number: str
    surname: str          # ASCII capitals, as in the MRZ
    given_names: str
    dob: str              # YYYY-MM-DD
    sex: str              # "Nam" | "Nữ"
    expiry: str | None
    full_name_vi: str
    rotation: float       # degrees the card is turned in the capture (+ = anticlockwise)
    upside_down: bool
    mrz: list[str]


def _ascii_upper(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").upper()


def make_person(rng: random.Random, today: date = date(2026, 11, 30)) -> dict:
    sex = rng.choice(["Nam", "Nữ"])
    dob = date(1945, 1, 1) + timedelta(days=rng.randrange((date(2010, 12, 31) - date(1945, 1, 1)).days))
    century_sex = (dob.year // 100 - 19) * 2 + (1 if sex == "Nữ" else 0)
    id_number = f"{rng.choice(_PROVINCES)}{century_sex}{dob.year % 100:02d}{rng.randrange(10 ** 6):06d}"
    surname = rng.choice(_SURNAMES)
    middles = rng.sample(_MIDDLE, rng.choice([1, 1, 2, 2, 3]))
    given = " ".join(middles + [rng.choice(_GIVEN)])
    issue = date(2021, 1, 23) + timedelta(days=rng.randrange(0, (today - date(2021, 1, 23)).days))
    # Card renewal ages (Luật Căn cước 2023, Điều 21): 14, 25, 40 and 60; none after 60.
    age = issue.year - dob.year
    renew = next((a for a in (14, 25, 40, 60) if age < a - 2), None)
    expiry = date(dob.year + renew, dob.month, min(dob.day, 28)) if renew else None
    return {"id_number": id_number, "surname": surname, "given": given, "dob": dob, "sex": sex,
            "issue": issue, "expiry": expiry, "mark": rng.choice(_MARKS)}


# ------------------------------------------------------------------------------------------ the card

def _mm(value: float) -> int:
    return int(round(value * PX_PER_MM))


def _font(name: str, size_mm: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", name)), max(6, _mm(size_mm)))


def _ocrb(size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("identity", "fonts", "OCRB.otf")), size_px)


def _guilloche(rng: random.Random) -> np.ndarray:
    """Pale blue-green security print: fine interfering waves and a faint rosette."""
    yy, xx = np.mgrid[0:CARD_H, 0:CARD_W].astype(np.float32)
    base = np.array([rng.randint(214, 232), rng.randint(228, 240), rng.randint(222, 236)], np.float32)  # BGR
    f1, f2 = rng.uniform(9, 14), rng.uniform(15, 24)
    waves = (np.sin(xx / f1 + 2.5 * np.sin(yy / f2)) * np.cos(yy / (f1 * 1.3) + xx / 97.0))
    rosette = np.sin(np.hypot(xx - CARD_W * 0.45, yy - CARD_H * 0.4) / 5.5)
    pattern = 7 * waves + 4 * rosette
    card = base[None, None, :] + pattern[..., None] * np.array([1.0, 0.6, 0.9], np.float32)
    return np.clip(card, 0, 255).astype(np.uint8)


def _fingerprint(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2 + rng.uniform(-8, 8), (y0 + y1) / 2 + rng.uniform(-8, 8)
    rx, ry = (x1 - x0) * 0.38, (y1 - y0) * 0.42
    for k in range(1, 22):
        r = k / 21
        wobble = rng.uniform(-0.03, 0.03)
        draw.ellipse((cx - rx * (r + wobble), cy - ry * r, cx + rx * (r + wobble), cy + ry * r),
                     outline=(70, 70, 80), width=2)


def draw_back(person: dict, rng: random.Random) -> Image.Image:
    """The back of a chip CCCD (TT 06/2021/TT-BCA) at PX_PER_MM, RGB, corners transparent (RGBA)."""
    card = Image.fromarray(cv2.cvtColor(_guilloche(rng), cv2.COLOR_BGR2RGB)).convert("RGBA")
    draw = ImageDraw.Draw(card)
    ink = (25, 25, 35)
    small = _font("DejaVuSans.ttf", 1.55)
    tiny = _font("DejaVuSans.ttf", 1.25)
    bold = _font("DejaVuSans-Bold.ttf", 1.3)
    # Left column.
    draw.text((_mm(3.5), _mm(3.0)), "Đặc điểm nhân dạng/Personal identification:", font=small, fill=ink)
    draw.text((_mm(3.5), _mm(5.6)), person["mark"], font=small, fill=ink)
    draw.text((_mm(3.5), _mm(11.0)), "Ngày, tháng, năm/Date, month, year: " + person["issue"].strftime("%d/%m/%Y"),
              font=small, fill=ink)
    draw.text((_mm(20), _mm(14.0)), "CỤC TRƯỞNG CỤC CẢNH SÁT", font=bold, fill=ink)
    draw.text((_mm(16.5), _mm(16.0)), "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", font=bold, fill=ink)
    draw.text((_mm(16), _mm(18.0)), "DIRECTOR GENERAL OF THE POLICE DEPARTMENT", font=tiny, fill=ink)
    draw.text((_mm(15), _mm(19.6)), "FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER", font=tiny, fill=ink)
    # Chip (gold contacts) at the left, seal and signature to its right.
    cx, cy = _mm(3.5), _mm(19.5)
    draw.rounded_rectangle((cx, cy, cx + _mm(9.5), cy + _mm(8.5)), radius=_mm(1.2), fill=(214, 180, 92),
                           outline=(150, 120, 50), width=2)
    for i in range(1, 3):
        draw.line((cx, cy + i * _mm(2.8), cx + _mm(9.5), cy + i * _mm(2.8)), fill=(150, 120, 50), width=2)
    draw.line((cx + _mm(4.75), cy, cx + _mm(4.75), cy + _mm(8.5)), fill=(150, 120, 50), width=2)
    sx, sy, sr = _mm(25), _mm(27.5), _mm(6.2)
    seal = Image.new("RGBA", card.size, (0, 0, 0, 0))
    sdraw = ImageDraw.Draw(seal)
    sdraw.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), outline=(205, 40, 45, 170), width=_mm(0.45))
    sdraw.ellipse((sx - sr * 0.62, sy - sr * 0.62, sx + sr * 0.62, sy + sr * 0.62), outline=(205, 40, 45, 150),
                  width=_mm(0.3))
    sdraw.regular_polygon((sx, sy, sr * 0.35), 5, rotation=rng.uniform(0, 72), fill=(205, 40, 45, 150))
    card = Image.alpha_composite(card, seal)
    draw = ImageDraw.Draw(card)
    points = [(_mm(31) + i * _mm(1.1), _mm(27) + math.sin(i * 1.3 + rng.random()) * _mm(1.6)) for i in range(14)]
    draw.line(points, fill=(20, 30, 90), width=_mm(0.25), joint="curve")
    draw.text((_mm(30), _mm(31.0)), rng.choice(["Tô Văn Huệ", "Nguyễn Văn Long", "Phạm Công Nguyên"]), font=bold,
              fill=ink)
    # Right column: two fingerprint boxes.
    for i, label in enumerate(("Ngón trỏ trái", "Ngón trỏ phải")):
        x0 = _mm(51.5 + i * 16.5)
        draw.text((x0 + _mm(1.0), _mm(2.6)), label, font=tiny, fill=ink)
        draw.text((x0 + _mm(0.3), _mm(4.3)), "Left index finger" if i == 0 else "Right index finger", font=tiny,
                  fill=ink)
        box = (x0, _mm(6.3), x0 + _mm(15), _mm(29.5))
        draw.rectangle(box, outline=(60, 60, 70), width=2)
        _fingerprint(draw, box, rng)
    # MRZ, cell by cell at 2.54 mm, OCR-B: cap height ≈ 2.4 mm.
    font = _ocrb(_mm(3.35))
    lines = format_td1(person["id_number"], person["dob"], person["sex"], person["expiry"],
                       _ascii_upper(person["surname"]), _ascii_upper(person["given"]))
    top = CARD_MM[1] - 2.5 - 3 * 4.2
    for row, line in enumerate(lines):
        baseline_y = _mm(top + row * 4.2)
        for col, ch in enumerate(line):
            x = _mm(5.2 + col * 2.54)
            draw.text((x + _mm(1.27), baseline_y + _mm(2.9)), ch, font=font, fill=(15, 15, 20), anchor="ms")
    # Rounded corners (ISO/IEC 7810: r = 3.18 mm).
    mask = Image.new("L", card.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, CARD_W - 1, CARD_H - 1), radius=_mm(3.18), fill=255)
    card.putalpha(mask)
    return card


# --------------------------------------------------------------------------------------- captures

def _desk(rng: random.Random, width: int, height: int) -> np.ndarray:
    """A counter top: wood grain, grey laminate, dark cloth, or a sheet of white paper on wood."""
    kind = rng.choice(["wood_dark", "wood_light", "laminate", "cloth", "paper_on_wood"])
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    if kind.startswith("wood") or kind == "paper_on_wood":
        base = np.array([40, 70, 110] if kind != "wood_light" else [110, 150, 190], np.float32)  # BGR
        grain = np.sin(yy / rng.uniform(4, 9) + 3 * np.sin(xx / rng.uniform(150, 300))) * 12
        desk = base[None, None, :] + grain[..., None] + np_rng.normal(0, 6, (height, width, 1))
    elif kind == "laminate":
        desk = np.full((height, width, 3), rng.uniform(120, 175), np.float32) + np_rng.normal(0, 5, (height, width, 3))
    else:
        desk = np.full((height, width, 3), rng.uniform(30, 60), np.float32)
        desk[..., 0] += 30
        desk += np_rng.normal(0, 8, (height, width, 1))
    if kind == "paper_on_wood":  # the card lies on a form (light on light)
        x0, y0 = rng.randint(0, width // 6), rng.randint(0, height // 6)
        desk[y0:, x0:x0 + int(width * 0.9)] = 236 + np_rng.normal(0, 3, desk[y0:, x0:x0 + int(width * 0.9)].shape)
    return np.clip(desk, 0, 255).astype(np.uint8)


def _card_bgra(card: Image.Image) -> np.ndarray:
    return cv2.cvtColor(np.asarray(card), cv2.COLOR_RGBA2BGRA)


def _composite(background: np.ndarray, card: np.ndarray, matrix: np.ndarray, shadow: float) -> np.ndarray:
    h, w = background.shape[:2]
    warped = cv2.warpPerspective(card, matrix, (w, h), flags=cv2.INTER_AREA if matrix[0, 0] < 1 else cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0))
    alpha = warped[..., 3:4].astype(np.float32) / 255
    out = background.astype(np.float32)
    if shadow > 0:  # the card's soft shadow on the desk
        blurred = cv2.GaussianBlur(alpha[..., 0], (0, 0), max(2.0, w / 300))
        offset = np.roll(np.roll(blurred, int(w / 250) + 1, axis=0), int(w / 300) + 1, axis=1)
        out *= (1 - shadow * offset)[..., None]
    return (out * (1 - alpha) + warped[..., :3].astype(np.float32) * alpha).clip(0, 255).astype(np.uint8)


def _corners_matrix(dst: np.ndarray) -> np.ndarray:
    src = np.array([[0, 0], [CARD_W - 1, 0], [CARD_W - 1, CARD_H - 1], [0, CARD_H - 1]], np.float32)
    return cv2.getPerspectiveTransform(src, dst.astype(np.float32))


def _jpeg(image: np.ndarray, quality: int) -> bytes:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return data.tobytes()


def phone_photo(card: Image.Image, rng: random.Random) -> tuple[bytes, float, bool]:
    """A phone photo of the card on a desk: (JPEG bytes, rotation in degrees, upside down)."""
    long_side = rng.choice([1600, 2000, 2400, 3000])
    width, height = long_side, long_side * 3 // 4
    background = _desk(rng, width, height)
    upside = rng.random() < 0.125
    rotation = rng.uniform(0, 15) * rng.choice([-1, 1])
    fill = rng.uniform(0.45, 0.8)                      # card width / frame width
    card_w = width * fill
    scale = card_w / CARD_W
    cx = width / 2 + rng.uniform(-0.5, 0.5) * (width - card_w * 1.15) / 2
    cy = height / 2 + rng.uniform(-0.5, 0.5) * (height - card_w * 0.63 * 1.3) / 2
    half = np.array([[-CARD_W, -CARD_H], [CARD_W, -CARD_H], [CARD_W, CARD_H], [-CARD_W, CARD_H]], np.float32) / 2
    half *= scale
    # Mild perspective: the phone tilted up to ~12° about a random axis — far edge up to ~8 % shorter.
    tilt = rng.uniform(0.0, 0.08)
    axis = rng.choice([0, 1])
    side = rng.choice([-1, 1])
    for i in range(4):
        coordinate = half[i, 1 - axis] * side
        shrink = 1 - tilt * (0.5 + coordinate / (2 * np.abs(half[:, 1 - axis]).max()))
        half[i, axis] *= shrink
    angle = math.radians(rotation + (180 if upside else 0))
    rot = np.array([[math.cos(angle), math.sin(angle)], [-math.sin(angle), math.cos(angle)]], np.float32)
    corners = half @ rot.T + np.array([cx, cy], np.float32)
    corners += np.array([[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(4)], np.float32) * card_w * 0.006
    image = _composite(background, _card_bgra(card), _corners_matrix(corners), shadow=rng.uniform(0.2, 0.45))
    # Light falling off across the frame, and a glare spot (ceiling light on the laminate).
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    gx, gy = rng.uniform(0, width), rng.uniform(0, height)
    falloff = 1 - rng.uniform(0.1, 0.3) * np.hypot(xx - gx, yy - gy) / np.hypot(width, height)
    img = image.astype(np.float32) * falloff[..., None]
    if rng.random() < 0.7:
        card_pts = corners.mean(axis=0)
        gx = card_pts[0] + rng.uniform(-0.4, 0.4) * card_w
        gy = card_pts[1] + rng.uniform(-0.3, 0.3) * card_w * 0.63
        radius = card_w * rng.uniform(0.06, 0.16)
        glare = np.exp(-(((xx - gx) / (radius * rng.uniform(1.0, 2.0))) ** 2 + ((yy - gy) / radius) ** 2))
        img = img + rng.uniform(60, 130) * glare[..., None]
    img = np.clip(img, 0, 255).astype(np.uint8)
    img = blur_and_noise(img, rng, long_side / 2000, sigma=(0.6, 1.6), shake=(3, 9))
    return _jpeg(img, rng.randint(70, 90)), rotation, upside


def blur_and_noise(img: np.ndarray, rng: random.Random, scale: float, sigma: tuple[float, float],
                   shake: tuple[float, float]) -> np.ndarray:
    """A phone's defocus (Gaussian, *sigma* px) or hand shake (a line *shake* px long, any direction),
    each scaled by *scale* for the frame's size, then sensor noise."""
    if rng.random() < 0.5:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(*sigma) * scale)
    else:
        length = max(3, int(rng.uniform(*shake) * scale))
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1 / length
        kernel = cv2.warpAffine(kernel, cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5),
                                                                rng.uniform(0, 180), 1.0), (length, length))
        img = cv2.filter2D(img, -1, kernel / max(kernel.sum(), 1e-6))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(2, 6), img.shape)
    return np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def flatbed(card: Image.Image, rng: random.Random) -> tuple[bytes, float, bool]:
    """The card laid anywhere on a flatbed, scanned at 300 dpi with a margin of lid around it."""
    scale = 300 / 25.4 / PX_PER_MM
    width = int(CARD_W * scale * rng.uniform(1.25, 1.8))
    height = int(CARD_H * scale * rng.uniform(1.3, 2.0))
    lid = rng.randint(225, 250)
    background = np.full((height, width, 3), lid, np.uint8)
    upside = rng.random() < 0.25
    rotation = rng.uniform(-3, 3)
    angle = math.radians(rotation + (180 if upside else 0))
    half = np.array([[-CARD_W, -CARD_H], [CARD_W, -CARD_H], [CARD_W, CARD_H], [-CARD_W, CARD_H]], np.float32) / 2 * scale
    rot = np.array([[math.cos(angle), math.sin(angle)], [-math.sin(angle), math.cos(angle)]], np.float32)
    span = np.abs(half @ rot.T).max(axis=0)
    cx = rng.uniform(span[0] + 2, max(span[0] + 3, width - span[0] - 2))
    cy = rng.uniform(span[1] + 2, max(span[1] + 3, height - span[1] - 2))
    corners = half @ rot.T + np.array([cx, cy], np.float32)
    image = _composite(background, _card_bgra(card), _corners_matrix(corners), shadow=0.15)
    image = cv2.GaussianBlur(image, (0, 0), 0.5)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 2.0, image.shape)
    image = np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        ok, data = cv2.imencode(".png", image)
        return data.tobytes(), rotation, upside
    return _jpeg(image, 90), rotation, upside


def make_item(seed: int, kind: str) -> tuple[bytes, str, CardTruth]:
    """One capture: (file bytes, file suffix, truth)."""
    rng = random.Random(seed)
    person = make_person(rng)
    card = draw_back(person, rng)
    data, rotation, upside = (phone_photo if kind == "photo" else flatbed)(card, rng)
    suffix = ".png" if data[:4] == b"\x89PNG" else ".jpg"
    item = f"{kind}-{seed}"
    truth = CardTruth(
        item=item, kind=kind, file=item + suffix, id_number=person["id_number"],
        surname=_ascii_upper(person["surname"]), given_names=_ascii_upper(person["given"]),
        dob=person["dob"].isoformat(), sex=person["sex"],
        expiry=person["expiry"].isoformat() if person["expiry"] else None,
        full_name_vi=f"{person['surname']} {person['given']}", rotation=round(rotation, 2), upside_down=upside,
        mrz=format_td1(person["id_number"], person["dob"], person["sex"], person["expiry"],
                       _ascii_upper(person["surname"]), _ascii_upper(person["given"])))
    return data, suffix, truth


def items(split: str, kind: str, count: int) -> list[int]:
    """Seeds of the *kind* items of *split*: photos and flatbed scans take alternate blocks."""
    seeds = seed_range("id_photos", split, 2 * count)
    return [s for i, s in enumerate(seeds) if (i % 2 == 0) == (kind == "photo")]


def generate(out: Path, split: str, count: int) -> list[CardTruth]:
    out.mkdir(parents=True, exist_ok=True)
    truths = []
    for kind in KINDS:
        for seed in items(split, kind, count):
            data, _suffix, truth = make_item(seed, kind)
            (out / truth.file).write_bytes(data)
            truths.append(truth)
    (out / "truth.json").write_text(json.dumps([asdict(t) for t in truths], ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    return truths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--count", type=int, default=10, help="items of each kind")
    args = parser.parse_args(argv)
    if args.split != "dev":
        parser.error("the frozen split is never written out for inspection; evaluate it with "
                     "benchmarks/real_paper/evaluate.py")
    generate(args.out, args.split, args.count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
