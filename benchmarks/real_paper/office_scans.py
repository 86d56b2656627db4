"""Administrative pages as a commune office scans them from poor originals (issue 14 §1, §5).

The pages follow the official layout of administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I:
A4, margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm, Times New Roman 13–14 pt — Liberation
Serif here, metric-compatible): the issuing body and number top left, the national motto and the place and
date top right, the document type and its subject centred, the body with indented paragraphs, then "Nơi
nhận:" bottom left beside the signer's block on the right (with a handwritten signature). Document kinds
and wording are those of a commune's everyday output: decisions, notices, invitations, reports,
confirmations. Every name, number and date is invented.

Captures reproduce what old office scanners and copies do to such paper:

- ``scan_bleed`` — thin paper printed on both sides: the reverse page shows through, mirrored and
  blurred (opacity 15–35 %), page skewed 2–5° on the glass, 200 dpi, JPEG 60–80.
- ``scan_faint`` — faded toner or a light copy: ink at grey 95–150 on greyish, uneven paper, skewed
  2–5°, 200 dpi, JPEG 60–80.

The ground truth is the page's text in reading order: the two header blocks one after the other (left,
then right), title, body, then "Nơi nhận" and the signer's block; whitespace is not significant.
Seeds come from ``results.seed_range("office_scans", split, n)``.

``python -m benchmarks.real_paper.office_scans OUT --count 5`` writes ``<tier>-<seed>.jpg`` + ``.txt``.
"""

from __future__ import annotations

import argparse
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from benchmarks.real_paper.results import seed_range
from resources import resource_path

TIERS = ("scan_bleed", "scan_faint")
MASTER_DPI = 300
SCAN_DPI = 200
A4_MM = (210, 297)

_COMMUNES = ["Tân Phú", "Hòa Bình", "Quảng Xương", "Yên Lạc", "Đông Hưng", "Phước Long", "Nghĩa Đàn",
             "Thạch Hà", "Cẩm Giàng", "Ea Kar", "Bình Minh", "Krông Búk", "Mường Tè", "Lộc Ninh", "Vĩnh Tường",
             "Gia Viễn", "Hưng Nguyên", "Sơn Tịnh", "Châu Thành", "Tiên Yên"]
_PEOPLE = ["Nguyễn Văn Thắng", "Trần Thị Hồng Nhung", "Lê Quang Vinh", "Phạm Thị Thu Hà", "Hoàng Đức Mạnh",
           "Vũ Thị Ngọc Ánh", "Đặng Minh Tuấn", "Bùi Thị Lan Hương", "Đỗ Xuân Trường", "Ngô Thị Diệu Linh",
           "Dương Văn Khải", "Lý Thị Kim Oanh", "Trịnh Công Sơn", "Mai Thị Phương Thảo", "Hồ Ngọc Quý"]
_VILLAGES = ["thôn Đồng Tâm", "thôn Bắc Sơn", "xóm Chùa", "ấp Tân Lập", "tổ dân phố số 4", "bản Nà Hang",
             "thôn Phú Mỹ", "khu phố Hòa Lạc", "thôn Yên Bình", "ấp Long Thạnh"]
_TOPICS = ["công tác cải cách hành chính", "phòng, chống thiên tai và tìm kiếm cứu nạn",
           "chuyển đổi số trong giải quyết thủ tục hành chính", "cấp giấy chứng nhận quyền sử dụng đất",
           "vệ sinh môi trường và an toàn thực phẩm", "đăng ký hộ tịch và chứng thực",
           "phòng cháy, chữa cháy tại khu dân cư", "chi trả chế độ trợ cấp xã hội hằng tháng",
           "tổ chức tiêm chủng mở rộng", "rà soát hộ nghèo, hộ cận nghèo năm 2026"]

_KINDS = {
    "QĐ": ("QUYẾT ĐỊNH", "Về việc {topic_cap}"),
    "TB": ("THÔNG BÁO", "Kết luận của Chủ tịch Ủy ban nhân dân xã về {topic}"),
    "GM": ("GIẤY MỜI", "Dự hội nghị triển khai {topic}"),
    "BC": ("BÁO CÁO", "Kết quả thực hiện {topic} quý {quarter} năm {year}"),
    "KH": ("KẾ HOẠCH", "Triển khai {topic} trên địa bàn xã năm {year}"),
}

_SENTENCES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
    "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
    "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa, "
    "một cửa liên thông trong giải quyết thủ tục hành chính;",
    "Xét đề nghị của công chức {role} tại Tờ trình số {n}/TTr-UBND ngày {d} tháng {m} năm {year}.",
    "Trong {period}, Ủy ban nhân dân xã đã tiếp nhận {a} hồ sơ, trong đó {b} hồ sơ được giải quyết đúng hạn, "
    "đạt tỷ lệ {pct}%; không có hồ sơ quá hạn.",
    "Ông (bà) {person}, sinh năm {birth}, cư trú tại {village}, xã {commune}, đã nộp đầy đủ hồ sơ theo quy định.",
    "Giao công chức {role} chủ trì, phối hợp với các ban, ngành, đoàn thể và Trưởng {village} tổ chức thực hiện; "
    "báo cáo kết quả về Ủy ban nhân dân xã trước ngày {d} tháng {m} năm {year}.",
    "Thời gian: {hour} giờ {minute} phút, ngày {d} tháng {m} năm {year}. Địa điểm: Hội trường Ủy ban nhân dân "
    "xã {commune}.",
    "Kinh phí thực hiện là {money} đồng (bằng chữ: {money_words}), từ nguồn ngân sách xã năm {year}.",
    "Các hộ gia đình có trách nhiệm thu gom rác thải đúng giờ, không đổ rác xuống kênh mương và nơi công cộng.",
    "Đề nghị các đồng chí được mời sắp xếp thời gian đến dự đầy đủ, đúng giờ để hội nghị đạt kết quả tốt.",
    "Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, công chức "
    "{role} và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    "Qua kiểm tra thực tế, Đoàn kiểm tra ghi nhận {a} cơ sở chấp hành tốt quy định, {c} cơ sở bị nhắc nhở "
    "và yêu cầu khắc phục trong thời hạn {days} ngày.",
    "Tổng số hộ nghèo trên địa bàn xã là {a} hộ, chiếm {pct2}% tổng số hộ; số hộ cận nghèo là {c} hộ.",
    "Ủy ban nhân dân xã {commune} xác nhận nội dung trên là đúng sự thật và chịu trách nhiệm trước pháp luật "
    "về việc xác nhận này.",
    "Trường hợp có vướng mắc, các tổ chức, cá nhân phản ánh về Bộ phận Một cửa của xã qua số điện thoại "
    "{phone} để được hướng dẫn.",
    "Nhằm nâng cao chất lượng phục vụ người dân, bộ phận tiếp nhận và trả kết quả tiếp tục niêm yết công khai "
    "{a} thủ tục hành chính, thời hạn giải quyết và mức phí, lệ phí theo quy định.",
]
_ROLES = ["Văn phòng - Thống kê", "Tư pháp - Hộ tịch", "Địa chính - Xây dựng", "Văn hóa - Xã hội",
          "Tài chính - Kế toán"]
_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


@dataclass
class OfficePage:
    item: str
    tier: str
    file: str
    text: str
    skew: float


def _font(name: str, size_pt: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", name)), round(size_pt / 72 * MASTER_DPI))


def _mm(value: float) -> int:
    return round(value / 25.4 * MASTER_DPI)


def _read_number(n: int) -> str:
    """Vietnamese reading of 1–999 ("hai trăm linh năm", "ba mươi mốt", "mười lăm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [f"{_DIGITS[hundreds]} trăm"] if hundreds else []
    if tens == 0 and units and hundreds:
        words.append("linh")
    if tens == 1:
        words.append("mười")
    elif tens > 1:
        words.append(f"{_DIGITS[tens]} mươi")
    if units:
        if units == 5 and (tens or hundreds):
            words.append("lăm")
        elif units == 1 and tens > 1:
            words.append("mốt")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def _words_millions(millions: int) -> str:
    return (_read_number(millions) + " triệu đồng").capitalize()


def _fill(template: str, rng: random.Random, year: int, commune: str) -> str:
    a = rng.randint(40, 900)
    millions = rng.randint(5, 480)
    values = {
        "role": rng.choice(_ROLES), "n": rng.randint(3, 180), "d": rng.randint(1, 28), "m": rng.randint(1, 12),
        "year": year, "period": rng.choice(["quý III", "6 tháng đầu năm", "tháng 10", "năm " + str(year - 1)]),
        "a": a, "b": a - rng.randint(0, min(5, a)), "c": rng.randint(1, 40), "pct": rng.choice(["98,5", "100", "99,2", "97"]),
        "pct2": rng.choice(["2,41", "3,15", "1,87", "4,02"]), "person": rng.choice(_PEOPLE),
        "birth": rng.randint(1950, 2004), "village": rng.choice(_VILLAGES), "commune": commune,
        "hour": rng.choice([7, 8, 13, 14]), "minute": rng.choice(["00", "30"]), "days": rng.choice([7, 10, 15, 30]),
        "money": f"{millions * 1_000_000:,}".replace(",", "."), "money_words": _words_millions(millions),
        "phone": f"0{rng.randint(200, 299)}.{rng.randint(100, 999)}.{rng.randint(1000, 9999)}",
    }
    return template.format(**values)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, first_indent: int = 0) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        limit = width - (first_indent if not lines else 0)
        if current and draw.textlength(trial, font=font) > limit:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def render_page(rng: random.Random) -> tuple[Image.Image, str]:
    """One A4 page at MASTER_DPI (grey) and its text in reading order."""
    width, height = _mm(A4_MM[0]), _mm(A4_MM[1])
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    left, right = _mm(rng.uniform(30, 35)), width - _mm(rng.uniform(15, 20))
    top, bottom = _mm(rng.uniform(20, 25)), height - _mm(rng.uniform(20, 25))
    size = rng.choice([13, 13.5, 14])
    regular, bold = _font("LiberationSerif-Regular.ttf", size), _font("LiberationSerif-Bold.ttf", size)
    italic = _font("LiberationSerif-Italic.ttf", size)
    small_bold = _font("LiberationSerif-Bold.ttf", 12)
    small = _font("LiberationSerif-Regular.ttf", 11)
    small_bi = _font("LiberationSerif-BoldItalic.ttf", 12)
    line_h = round(size / 72 * MASTER_DPI * rng.uniform(1.25, 1.45))
    year = rng.choice([2024, 2025, 2026])
    commune = rng.choice(_COMMUNES)
    code = rng.choice(list(_KINDS))
    truth: list[str] = []

    def centred(text: str, font, cx: int, y: int) -> None:
        draw.text((cx - draw.textlength(text, font=font) / 2, y), text, font=font, fill=0)
        truth.append(text)

    # Header: two blocks side by side; truth takes the left block, then the right one.
    y = top
    lx = int(left + (right - left) * 0.19)
    centred("ỦY BAN NHÂN DÂN", regular, lx, y)
    centred(f"XÃ {commune.upper()}", bold, lx, y + line_h)
    centred(f"Số: {rng.randint(5, 320)}/{code}-UBND", regular, lx, y + 2 * line_h + _mm(3))
    cx = int(left + (right - left) * 0.66)
    centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", small_bold, cx, y)
    centred("Độc lập - Tự do - Hạnh phúc", bold, cx, y + line_h)
    date = f"{commune}, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {year}"
    centred(date, italic, cx, y + 2 * line_h + _mm(3))
    y += 4 * line_h + _mm(6)
    # Title.
    title, subject = _KINDS[code]
    topic = rng.choice(_TOPICS)
    subject = subject.format(topic=topic, topic_cap=topic, quarter=rng.choice(["I", "II", "III"]), year=year)
    centred(title, bold, (left + right) // 2, y)
    y += line_h
    for line in _wrap(draw, subject, bold, int((right - left) * 0.8)):
        centred(line, bold, (left + right) // 2, y)
        y += line_h
    y += _mm(5)
    # Body: paragraphs until the signature block would not fit.
    sentences = rng.sample(_SENTENCES, len(_SENTENCES))
    sentences.sort(key=lambda t: not t.startswith("Căn cứ"))   # legal bases come first
    indent = _mm(12.7)
    reserve = 7 * line_h
    for template in sentences:
        paragraph = _fill(template, rng, year, commune)
        lines = _wrap(draw, paragraph, regular, right - left, indent)
        if y + len(lines) * line_h > bottom - reserve:
            break
        for i, line in enumerate(lines):
            draw.text((left + (indent if i == 0 else 0), y), line, font=regular, fill=0)
            truth.append(line)
            y += line_h
        y += _mm(2)
    # "Nơi nhận" (left) beside the signer's block (right).
    y += _mm(4)
    recipients = ["Nơi nhận:", "- Như trên;", "- UBND huyện (để b/c);", "- Lưu: VT."]
    for i, text in enumerate(recipients):
        draw.text((left, y + i * _mm(5)), text, font=small_bi if i == 0 else small, fill=0)
        truth.append(text)
    sx = int(left + (right - left) * 0.72)
    signer = rng.choice(_PEOPLE)
    centred("TM. ỦY BAN NHÂN DÂN", bold, sx, y)
    centred("CHỦ TỊCH", bold, sx, y + line_h)
    # A signature in blue-black ink: a few loops, no letters.
    base_y = y + 2 * line_h + _mm(10)
    points = [(sx - _mm(18) + i * _mm(2.2), base_y + np.sin(i * 1.1 + rng.random()) * _mm(4)) for i in range(17)]
    draw.line(points, fill=70, width=_mm(0.35), joint="curve")
    centred(signer, bold, sx, y + 2 * line_h + _mm(20))
    text = unicodedata.normalize("NFC", "\n".join(truth))
    return page, text


def _skew(image: np.ndarray, degrees: float, fill: int) -> np.ndarray:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=fill)


def capture(front: Image.Image, back: Image.Image, tier: str, rng: random.Random) -> tuple[bytes, float]:
    """The scan of *front* (with *back* on the reverse): JPEG bytes at SCAN_DPI and the skew applied."""
    ink = np.asarray(front, np.float32) / 255.0                  # 1 = paper, 0 = ink
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    h, w = ink.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if tier == "scan_bleed":
        paper = rng.uniform(225, 245)
        ink_level = rng.uniform(20, 60)
        reverse = cv2.GaussianBlur(np.asarray(back, np.float32)[:, ::-1] / 255.0, (0, 0), rng.uniform(1.5, 3.0))
        opacity = rng.uniform(0.15, 0.35)
        shade = paper - (paper - ink_level) * (1 - ink)
        shade = shade * (1 - opacity * (1 - reverse))
    else:
        paper = rng.uniform(190, 222)
        ink_level = rng.uniform(95, 150)
        # Uneven paper: a broad gradient, as from a copier's lamp or a yellowed sheet.
        gradient = rng.uniform(8, 20) * (xx / w - 0.5) + rng.uniform(-10, 10) * (yy / h - 0.5)
        # Faded toner: strokes lighter in patches.
        patches = cv2.GaussianBlur(np_rng.normal(0, 1, (h // 40 + 1, w // 40 + 1)).astype(np.float32), (0, 0), 1.5)
        patches = cv2.resize(patches, (w, h), interpolation=cv2.INTER_CUBIC) * rng.uniform(10, 25)
        shade = paper + gradient - (paper - ink_level - patches) * (1 - ink)
    shade += np_rng.normal(0, 3.0, shade.shape)
    page = np.clip(shade, 0, 255).astype(np.uint8)
    skew = rng.uniform(2, 5) * rng.choice([-1, 1])
    page = _skew(page, skew, int(paper))
    scale = SCAN_DPI / MASTER_DPI
    page = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(60, 80)])
    assert ok
    return _with_dpi(data.tobytes(), SCAN_DPI), skew


def _with_dpi(jpeg: bytes, dpi: int) -> bytes:
    """Write the density into the JFIF header, as a scanner does."""
    import io

    image = Image.open(io.BytesIO(jpeg))
    out = io.BytesIO()
    image.save(out, "JPEG", quality="keep", dpi=(dpi, dpi))
    return out.getvalue()


def make_item(seed: int, tier: str) -> tuple[bytes, OfficePage]:
    rng = random.Random(seed)
    front, text = render_page(rng)
    back, _ = render_page(rng)
    data, skew = capture(front, back, tier, rng)
    item = f"{tier}-{seed}"
    return data, OfficePage(item, tier, item + ".jpg", text, round(skew, 2))


def items(split: str, tier: str, count: int) -> list[int]:
    seeds = seed_range("office_scans", split, len(TIERS) * count)
    index = TIERS.index(tier)
    return [s for i, s in enumerate(seeds) if i % len(TIERS) == index]


def generate(out: Path, split: str, count: int) -> list[OfficePage]:
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    for tier in TIERS:
        for seed in items(split, tier, count):
            data, page = make_item(seed, tier)
            (out / page.file).write_bytes(data)
            (out / (page.item + ".txt")).write_text(page.text, encoding="utf-8")
            pages.append(page)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=5, help="pages per tier (dev split)")
    args = parser.parse_args(argv)
    generate(args.out, "dev", args.count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
