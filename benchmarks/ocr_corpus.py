"""Generated corpus of Vietnamese administrative pages with ground truth, in three capture tiers.

Each page follows the official-letter layout (Nghị định 30/2020/NĐ-CP): agency and national header,
số/ký hiệu, place and date, title, body paragraphs full of diacritics, signature block and a red seal.
Fonts: Liberation Serif (Times New Roman metrics) and DejaVu Sans, shipped in ``resources/fonts``.

Tiers
- ``clean``  : rendered at 300 dpi, lossless.
- ``office`` : office scanner — small skew (≤ 1.5°), slight blur, grey paper, noise, JPEG.
- ``poor``   : 5° skew with shadows, bleed-through and low contrast at 200 dpi; and phone photos of the
               page lying on a desk, seen in perspective under uneven light.
Blank pages (white, noisy with speckle/bleed-through, photographed) are mixed in; their truth is "".

``python -m benchmarks.ocr_corpus OUT --pages N`` writes ``OUT/<tier>/NNN.(png|jpg)`` + ``.txt`` truth
and ``OUT/manifest.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from resources import resource_path

A4_MM = (210.0, 297.0)
TIERS = ("clean", "office", "poor")

FONTS = {
    "serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf"),
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans.ttf"),
}

AGENCIES = ["UBND XÃ HÒA AN", "UBND XÃ ĐÔNG HƯNG", "UBND PHƯỜNG BẾN THỦY", "UBND XÃ QUỲNH LƯU",
            "UBND XÃ TIÊN DU", "UBND PHƯỜNG HỒNG GAI"]
PLACES = ["Hòa An", "Đông Hưng", "Bến Thủy", "Quỳnh Lưu", "Tiên Du", "Hồng Gai"]
TITLES = [("THÔNG BÁO", "Về việc tiếp nhận hồ sơ đăng ký khai sinh"),
          ("QUYẾT ĐỊNH", "Về việc công nhận kết quả hòa giải ở cơ sở"),
          ("GIẤY XÁC NHẬN", "Về tình trạng hôn nhân của công dân"),
          ("CÔNG VĂN", "Về việc đôn đốc số hóa hồ sơ thủ tục hành chính"),
          ("BIÊN BẢN", "Về việc kiểm tra hiện trạng sử dụng đất")]
NAMES = ["Nguyễn Văn An", "Đặng Thị Hường", "Trần Quốc Việt", "Lê Thị Ánh Tuyết", "Phạm Đức Thắng",
         "Hoàng Minh Khuê", "Vũ Thị Yến", "Bùi Xuân Trường", "Đỗ Ngọc Ẩn", "Ngô Thị Lụa"]
SENTENCES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2025;",
    "Căn cứ Nghị định số 118/2025/NĐ-CP của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa;",
    "Xét đề nghị của công chức Tư pháp - Hộ tịch và hồ sơ do công dân nộp tại Bộ phận Một cửa;",
    "Ủy ban nhân dân xã đã tiếp nhận đầy đủ giấy tờ theo quy định và hẹn trả kết quả đúng hạn.",
    "Đề nghị ông (bà) {name} mang theo bản chính căn cước để đối chiếu khi nhận kết quả.",
    "Trường hợp hồ sơ chưa đầy đủ, công chức hướng dẫn bổ sung một lần bằng văn bản.",
    "Thời hạn giải quyết là 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Mọi thắc mắc xin liên hệ số điện thoại 0238.3845.126 trong giờ hành chính.",
    "Việc số hóa hồ sơ phải bảo đảm đầy đủ, chính xác, đúng thứ tự các trang giấy.",
    "Hộ gia đình ông {name} hiện cư trú tại thôn Phú Mỹ, có nhu cầu chuyển mục đích sử dụng đất.",
    "Người yêu cầu chịu trách nhiệm trước pháp luật về tính trung thực của thông tin đã khai.",
    "Các cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
    "Kết quả được trả trực tiếp tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính công ích.",
    "Lệ phí đăng ký được miễn đối với trẻ em thuộc hộ nghèo và người có công với cách mạng.",
    "Biên bản được lập thành hai bản có giá trị pháp lý như nhau, mỗi bên giữ một bản.",
    "Đoàn kiểm tra gồm đại diện địa chính, tư pháp và trưởng thôn Xuân Đường.",
    "Diện tích thửa đất số 215, tờ bản đồ số 07 là 186,4 mét vuông, mục đích đất ở.",
    "Đến nay ông {name} vẫn chưa đăng ký kết hôn với ai tại địa phương.",
]
SIGNERS = [("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
           ("TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH")]


@dataclass
class CorpusPage:
    tier: str
    name: str
    path: Path
    truth: str
    blank: bool
    kind: str      # letter | blank | photo | photo_blank
    dpi: int


def _font(family: str, style: int, size_pt: float, dpi: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", FONTS[family][style])), int(round(size_pt * dpi / 72)))


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _draw_seal(image: Image.Image, centre: tuple[int, int], radius: int, agency: str) -> None:
    """A red round seal (two rings, a star, the agency name around the ring) stamped over the page.

    Stamp ink darkens what is under it and never hides it: the seal is drawn on white and multiplied in.
    """
    red = (200, 30, 40)
    stamp = Image.new("RGB", image.size, "white")
    array = np.array(stamp)
    cv2.circle(array, centre, radius, red, max(3, radius // 25), cv2.LINE_AA)
    cv2.circle(array, centre, int(radius * 0.72), red, max(2, radius // 40), cv2.LINE_AA)
    star = np.array([(centre[0] + radius * 0.3 * np.cos(np.radians(90 + k * 144)),
                      centre[1] - radius * 0.3 * np.sin(np.radians(90 + k * 144))) for k in range(5)], np.int32)
    cv2.fillPoly(array, [star], red, cv2.LINE_AA)
    stamp = Image.fromarray(array)
    draw = ImageDraw.Draw(stamp)
    font = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans-Bold.ttf")), max(10, radius // 7))
    letters = list(agency)
    for i, ch in enumerate(letters):
        angle = np.radians(200 - i * 220 / max(len(letters) - 1, 1))
        x = centre[0] + radius * 0.86 * np.cos(angle)
        y = centre[1] - radius * 0.86 * np.sin(angle)
        draw.text((x, y), ch, font=font, fill=red, anchor="mm")
    page = np.array(image).astype(np.uint16)
    blended = (page * np.array(stamp).astype(np.uint16) // 255).astype(np.uint8)
    image.paste(Image.fromarray(blended))


def render_letter(rng: random.Random, dpi: int = 300, family: str = "serif") -> tuple[Image.Image, str]:
    """One official letter at *dpi*: the image and its text in reading order (one line per line)."""
    w, h = int(A4_MM[0] / 25.4 * dpi), int(A4_MM[1] / 25.4 * dpi)
    image = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(image)
    mm = dpi / 25.4
    left, right, top = int(30 * mm), int(w - 15 * mm), int(20 * mm)
    size = rng.choice([13, 14]) if family == "serif" else rng.choice([12, 13])
    regular, bold, italic = (_font(family, k, size, dpi) for k in range(3))
    small_bold = _font(family, 1, size - 1, dpi)
    line_h = int(size * dpi / 72 * 1.45)
    agency_i = rng.randrange(len(AGENCIES))
    agency, place = AGENCIES[agency_i], PLACES[agency_i]
    name = rng.choice(NAMES)
    truth: list[str] = []

    # Header (NĐ 30/2020 layout): agency | national title; rule | motto; số/ký hiệu | place and date.
    # Each visual row is one line of the truth, left column first, as a reader (and tesseract) reads it.
    col_l, col_r = left + int(35 * mm), left + int(118 * mm)
    number = f"Số: {rng.randint(1, 999)}/{rng.choice(['TB', 'QĐ', 'UBND', 'XN'])}-UBND"
    date = f"{place}, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {rng.choice([2024, 2025, 2026])}"
    y = top
    draw.text((col_l, y), agency, font=small_bold, fill="black", anchor="ma")
    draw.text((col_r, y), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=small_bold, fill="black", anchor="ma")
    y += line_h
    draw.text((col_r, y), "Độc lập - Tự do - Hạnh phúc", font=bold, fill="black", anchor="ma")
    rule_y = y + int(line_h * 0.95)
    draw.line((col_l - int(12 * mm), rule_y, col_l + int(12 * mm), rule_y), fill="black", width=max(2, dpi // 150))
    motto_w = draw.textlength("Độc lập - Tự do - Hạnh phúc", font=bold)
    draw.line((col_r - motto_w / 2, rule_y, col_r + motto_w / 2, rule_y), fill="black", width=max(2, dpi // 150))
    y += int(line_h * 1.6)
    draw.text((col_l, y), number, font=regular, fill="black", anchor="ma")
    draw.text((col_r, y), date, font=italic, fill="black", anchor="ma")
    truth += [f"{agency} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f"{number} {date}"]

    y += int(line_h * 2.2)
    title, subject = rng.choice(TITLES)
    draw.text((w // 2, y), title, font=bold, fill="black", anchor="ma")
    y += line_h
    draw.text((w // 2, y), subject, font=bold, fill="black", anchor="ma")
    truth += [title, subject]
    y += int(line_h * 1.8)

    sentences = rng.sample(SENTENCES, k=rng.randint(5, 7))
    for sentence in sentences:
        paragraph = sentence.format(name=name)
        lines = _wrap(draw, paragraph, regular, right - left - int(12 * mm))
        for i, line in enumerate(lines):
            x = left + (int(12 * mm) if i == 0 else 0)
            draw.text((x, y), line, font=regular, fill="black")
            truth.append(line)
            y += line_h
        y += int(line_h * 0.3)

    y += line_h
    sign_role, sign_title = rng.choice(SIGNERS)
    signer = rng.choice(NAMES)
    sx = left + int(128 * mm)
    for text, font in ((sign_role, bold), (sign_title, bold)):
        draw.text((sx, y), text, font=font, fill="black", anchor="ma")
        truth.append(text)
        y += line_h
    # Signature scribble, then the seal over its left part, then the printed name.
    sig_top = y + int(4 * mm)
    points = [(sx - int(20 * mm) + k * int(4 * mm), sig_top + int((k % 2) * 7 * mm)) for k in range(11)]
    draw.line(points, fill=(20, 20, 90), width=max(2, dpi // 100))
    _draw_seal(image, (sx - int(18 * mm), sig_top + int(6 * mm)), int(17 * mm), agency.replace("UBND ", "ỦY BAN NHÂN DÂN "))
    y = sig_top + int(24 * mm)
    draw.text((sx, y), signer, font=bold, fill="black", anchor="ma")
    truth.append(signer)
    return image, unicodedata.normalize("NFC", "\n".join(truth))


# ------------------------------------------------------------------------------------ degradations

def _to_array(image: Image.Image) -> np.ndarray:
    return cv2.cvtColor(np.array(image), cv2.COLOR_RGB2BGR)


def _rotate(array: np.ndarray, degrees: float, fill=(255, 255, 255)) -> np.ndarray:
    h, w = array.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(array, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def _paper(array: np.ndarray, rng: random.Random, level: int, noise: float) -> np.ndarray:
    """Multiply by a grey/yellowish paper tone and add sensor noise."""
    tone = np.array([level - rng.randint(0, 12), level - rng.randint(0, 4), level], np.float32) / 255.0
    out = array.astype(np.float32) * tone
    out += np.random.default_rng(rng.randint(0, 2**31)).normal(0, noise, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


def _shadow(array: np.ndarray, rng: random.Random, strength: float) -> np.ndarray:
    """A smooth lighting gradient plus a darker band, as from a hand or a book spine."""
    h, w = array.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xx / w + np.sin(angle) * yy / h)
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    light = 1.0 - strength * ramp
    band_x = rng.uniform(0.6, 0.95) * w
    light -= 0.5 * strength * np.exp(-((xx - band_x) / (0.08 * w)) ** 2)
    return np.clip(array.astype(np.float32) * light[:, :, None], 0, 255).astype(np.uint8)


def _bleed_through(array: np.ndarray, back: np.ndarray, opacity: float) -> np.ndarray:
    mirrored = cv2.flip(back, 1)
    mirrored = cv2.GaussianBlur(mirrored, (0, 0), 2.0)
    ink = 255 - mirrored.astype(np.float32)
    return np.clip(array.astype(np.float32) - opacity * ink, 0, 255).astype(np.uint8)


def _low_contrast(array: np.ndarray, floor: int) -> np.ndarray:
    return (floor + array.astype(np.float32) * (255 - floor) / 255).astype(np.uint8)


def _resample(array: np.ndarray, from_dpi: int, to_dpi: int) -> np.ndarray:
    scale = to_dpi / from_dpi
    return cv2.resize(array, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _phone_photo(array: np.ndarray, rng: random.Random, long_side: int) -> np.ndarray:
    """The page on a dark desk, seen from above at an angle, under a lamp."""
    h, w = array.shape[:2]
    out_w, out_h = int(long_side * 0.78), long_side
    page_h = out_h * rng.uniform(0.84, 0.9)
    page_w = page_h * w / h
    cx, cy = out_w / 2 + rng.uniform(-0.03, 0.03) * out_w, out_h / 2
    j = lambda: rng.uniform(-0.04, 0.04) * page_w
    dst = np.array([[cx - page_w / 2 + j() + 0.03 * page_w, cy - page_h / 2 + j()],
                    [cx + page_w / 2 + j() - 0.03 * page_w, cy - page_h / 2 + j()],
                    [cx + page_w / 2 + j(), cy + page_h / 2 + j()],
                    [cx - page_w / 2 + j(), cy + page_h / 2 + j()]], np.float32)
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    desk = np.full((out_h, out_w, 3), (rng.randint(40, 70), rng.randint(50, 80), rng.randint(60, 95)), np.uint8)
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(array, matrix, (out_w, out_h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_TRANSPARENT,
                                 dst=desk)
    warped = _shadow(warped, rng, 0.35)
    warped = cv2.GaussianBlur(warped, (0, 0), 0.7)
    return _paper(warped, rng, 250, 3.0)


def _speckle(array: np.ndarray, rng: random.Random, amount: float) -> np.ndarray:
    noise = np.random.default_rng(rng.randint(0, 2**31)).random(array.shape[:2])
    out = array.copy()
    out[noise < amount] = 90
    return out


def degrade(tier: str, kind: str, clean: np.ndarray, back: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int, str]:
    """Apply the tier's capture defects. Returns the image, its dpi and the preferred file format."""
    if tier == "clean":
        return clean, 300, "png"
    if tier == "office":
        out = _rotate(clean, rng.uniform(-1.5, 1.5) or 0.7)
        out = cv2.GaussianBlur(out, (0, 0), 0.6)
        out = _paper(out, rng, rng.randint(222, 236), 4.0)
        if kind == "blank":
            out = _speckle(out, rng, 0.0004)
        return out, 300, "jpg"
    if kind in ("photo", "photo_blank"):
        return _phone_photo(clean, rng, 2400), 0, "jpg"
    out = _bleed_through(clean, back, 0.18)
    out = _low_contrast(out, rng.randint(70, 95))
    out = _rotate(out, rng.choice([-5.0, 5.0]) + rng.uniform(-0.3, 0.3))
    out = _shadow(out, rng, 0.3)
    out = _paper(out, rng, 232, 5.0)
    if kind == "blank":
        out = _speckle(out, rng, 0.0008)
    return _resample(out, 300, 200), 200, "jpg"


def generate(out_dir: Path, pages_per_tier: int = 10, seed: int = 20261124,
             blanks_per_tier: int = 2) -> list[CorpusPage]:
    """Write the corpus; every tier has *pages_per_tier* letters plus *blanks_per_tier* blank pages."""
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    pages: list[CorpusPage] = []
    for tier in TIERS:
        (out_dir / tier).mkdir(parents=True, exist_ok=True)
        kinds = ["letter"] * pages_per_tier + ["blank"] * blanks_per_tier
        if tier == "poor":  # half the poor letters (and one blank) are phone photos
            kinds = (["letter"] * (pages_per_tier - pages_per_tier // 2) + ["photo"] * (pages_per_tier // 2)
                     + ["blank"] * (blanks_per_tier - blanks_per_tier // 2) + ["photo_blank"] * (blanks_per_tier // 2))
        for index, kind in enumerate(kinds, start=1):
            family = "serif" if index % 3 else "sans"
            letter, text = render_letter(rng, 300, family)
            back, _ = render_letter(rng, 300, family)
            if kind in ("blank", "photo_blank"):
                clean = np.full_like(_to_array(letter), 255)
                text = ""
            else:
                clean = _to_array(letter)
            image, dpi, fmt = degrade(tier, kind, clean, _to_array(back), rng)
            name = f"{index:03d}"
            path = out_dir / tier / f"{name}.{fmt}"
            rgb = Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
            save = {"dpi": (dpi, dpi)} if dpi else {}
            if fmt == "jpg":
                rgb.save(path, quality=rng.randint(70, 85), **save)
            else:
                rgb.save(path, **save)
            (out_dir / tier / f"{name}.txt").write_text(text, encoding="utf-8")
            pages.append(CorpusPage(tier, name, path, text, not text, kind, dpi or 0))
    manifest = [{"tier": p.tier, "name": p.name, "path": str(p.path.relative_to(out_dir)), "blank": p.blank,
                 "kind": p.kind, "dpi": p.dpi} for p in pages]
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return pages


def load(out_dir: Path) -> list[CorpusPage]:
    out_dir = Path(out_dir)
    rows = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    return [CorpusPage(r["tier"], r["name"], out_dir / r["path"],
                       (out_dir / r["path"]).with_suffix(".txt").read_text(encoding="utf-8"),
                       r["blank"], r["kind"], r["dpi"]) for r in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sinh bộ trang văn bản hành chính tiếng Việt để đo OCR")
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=10, help="số trang có chữ mỗi mức")
    parser.add_argument("--blanks", type=int, default=2, help="số trang trắng mỗi mức")
    parser.add_argument("--seed", type=int, default=20261124)
    args = parser.parse_args(argv)
    pages = generate(args.out, args.pages, args.seed, args.blanks)
    print(f"{len(pages)} trang → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
