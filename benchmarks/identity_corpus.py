"""Synthetic ID-card captures and filled declaration forms for the identity benchmark and tests.

Every person is invented (random Vietnamese names, IDs built from the province catalogue). Cards are
drawn at 300 dpi in the CCCD 2021 layout — front with the QR top right, back with the TD1 MRZ in OCR-B
at the bottom — then captured either as a flatbed scan (card on a white page, slight rotation, mild
noise) or as a phone photo (card on a textured background, perspective, blur, glare, JPEG).

``python -m benchmarks.identity_corpus OUT_DIR --cards 40 --forms 20`` writes images + ``truth.json``.
"""

from __future__ import annotations

import argparse
import io
import json
import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from resources import resource_path
from scanning.id_card.mrz import format_td1
from scanning.id_card.qr_text import CardQrData, format_card_qr

DPI = 300
CARD_W, CARD_H = round(85.6 / 25.4 * DPI), round(54.0 / 25.4 * DPI)

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công", "Đình", "Xuân", "Ngọc"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Mỹ", "Hồng", "Kim", "Bảo", "Diệu", "Phương"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hiếu", "Hùng", "Khải", "Lộc", "Mạnh", "Nghĩa", "Phúc",
           "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Vỹ", "Đông"]
GIVEN_F = ["Anh", "Châu", "Diễm", "Giang", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung",
           "Oanh", "Phượng", "Quyên", "Thảo", "Trang", "Tuyết", "Uyên", "Yến"]
STREETS = ["Thôn Đông Hạ", "Xóm Bến Đò", "Tổ dân phố Số 3", "Ấp Phước Lợi", "Thôn Kim Lũ", "Bản Nà Ngần",
           "Số 12 đường Lê Lợi", "Số 45 ngõ 7 phố Hàng Bạc", "Khu phố Mỹ Thạnh", "Thôn Yên Thế"]
COMMUNES = ["Xã Hải Yến", "Phường Đông Ngạc", "Xã Quảng Điền", "Thị trấn Phước Bửu", "Xã Tân Hưng",
            "Phường Thủy Xuân", "Xã Ea Tu", "Xã Nghĩa Đồng"]
DISTRICTS = ["Huyện Tĩnh Gia", "Quận Bắc Từ Liêm", "Huyện Xuyên Mộc", "Thành phố Huế", "Huyện Quỳnh Lưu",
             "Huyện Cái Nước", "Thành phố Buôn Ma Thuột"]
PROVINCES = ["Thanh Hóa", "Hà Nội", "Bà Rịa - Vũng Tàu", "Thừa Thiên Huế", "Nghệ An", "Cà Mau", "Đắk Lắk"]
PROVINCE_CODES = ["038", "001", "077", "046", "040", "096", "066", "079", "031", "048"]
ETHNICITIES = ["Kinh", "Kinh", "Kinh", "Tày", "Thái", "Mường", "Khmer", "Ê Đê"]


@dataclass
class Person:
    id_number: str
    old_id: str | None
    full_name: str
    surname: str
    given: str
    dob: date
    gender: str
    place_of_residence: str
    hometown: str
    issue_date: date
    expiry_date: date | None
    ethnicity: str

    def qr_text(self) -> str:
        return format_card_qr(CardQrData(id_number=self.id_number, old_id=self.old_id, full_name=self.full_name,
                                         dob=self.dob, gender=self.gender,
                                         place_of_residence=self.place_of_residence,
                                         issue_date=self.issue_date))

    def mrz(self) -> list[str]:
        return format_td1(self.id_number, self.dob, self.gender, self.expiry_date, _ascii_upper(self.surname),
                          _ascii_upper(self.given))


def _ascii_upper(text: str) -> str:
    from desk_app.text import fold

    return fold(text).upper()


def make_person(rng: random.Random, today: date = date(2026, 11, 24)) -> Person:
    gender = rng.choice(["Nam", "Nữ"])
    dob = date(1950, 1, 1) + timedelta(days=rng.randrange(0, (date(2008, 12, 31) - date(1950, 1, 1)).days))
    g = (dob.year // 100 - 19) * 2 + (1 if gender == "Nữ" else 0)
    id_number = f"{rng.choice(PROVINCE_CODES)}{g}{dob.year % 100:02d}{rng.randrange(10**6):06d}"
    surname = rng.choice(SURNAMES)
    given = (f"{rng.choice(MIDDLE_M if gender == 'Nam' else MIDDLE_F)} "
             f"{rng.choice(GIVEN_M if gender == 'Nam' else GIVEN_F)}")
    if rng.random() < 0.3:
        given = f"{rng.choice(MIDDLE_M if gender == 'Nam' else MIDDLE_F)} {given}"
    residence = f"{rng.choice(STREETS)}, {rng.choice(COMMUNES)}, {rng.choice(DISTRICTS)}, {rng.choice(PROVINCES)}"
    hometown = f"{rng.choice(COMMUNES)}, {rng.choice(DISTRICTS)}, {rng.choice(PROVINCES)}"
    issue = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1500))
    age_at_issue = issue.year - dob.year
    expiry_age = next((a for a in (25, 40, 60) if age_at_issue < a - 2), None)
    expiry = date(dob.year + expiry_age, dob.month, min(dob.day, 28)) if expiry_age else None
    return Person(id_number=id_number, old_id=f"{rng.randrange(10**8, 10**9)}" if rng.random() < 0.5 else None,
                  full_name=f"{surname} {given}".upper() if rng.random() < 0.5 else f"{surname} {given}",
                  surname=surname, given=given, dob=dob, gender=gender, place_of_residence=residence,
                  hometown=hometown, issue_date=issue, expiry_date=expiry, ethnicity=rng.choice(ETHNICITIES))


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", name)), size)


def _mrz_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("identity", "fonts", "OCRB.otf")), size)


def _card_background(rng: random.Random, tint: tuple[int, int, int]) -> Image.Image:
    base = np.zeros((CARD_H, CARD_W, 3), dtype=np.float32) + np.array(tint, dtype=np.float32)
    yy, xx = np.mgrid[0:CARD_H, 0:CARD_W]
    # Guilloche-like pale waves, as on the real card (they must not break QR or MRZ reading).
    waves = 10 * np.sin(xx / 23.0 + np.sin(yy / 31.0) * 3) * np.cos(yy / 17.0)
    base += waves[..., None]
    card = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    return card


def draw_front(person: Person, rng: random.Random) -> Image.Image:
    card = _card_background(rng, (236, 240, 228))
    draw = ImageDraw.Draw(card)
    bold, reg = _font("DejaVuSans-Bold.ttf", 26), _font("DejaVuSans.ttf", 22)
    draw.text((260, 24), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=_font("DejaVuSans-Bold.ttf", 24), fill=(30, 30, 60))
    draw.text((330, 58), "Độc lập - Tự do - Hạnh phúc", font=reg, fill=(30, 30, 60))
    draw.text((300, 100), "CĂN CƯỚC CÔNG DÂN", font=_font("DejaVuSans-Bold.ttf", 34), fill=(170, 20, 20))
    draw.rectangle((30, 190, 250, 470), fill=(200, 205, 215), outline=(90, 90, 90), width=2)  # photo
    draw.ellipse((95, 230, 185, 330), fill=(160, 150, 140))
    draw.rectangle((70, 340, 210, 470), fill=(120, 120, 140))
    qr = segno.make(person.qr_text(), error="m", mode="byte", encoding="utf-8")
    qr_img = Image.open(io.BytesIO(_png(qr, scale=3))).convert("RGB")
    card.paste(qr_img, (CARD_W - qr_img.width - 24, 150))
    x, y = 275, 160
    lines = [("Số / No.:", person.id_number), ("Họ và tên / Full name:", None), ("", person.full_name.upper()),
             ("Ngày sinh / Date of birth:", person.dob.strftime("%d/%m/%Y")),
             ("Giới tính / Sex:", person.gender), ("Quốc tịch / Nationality:", "Việt Nam"),
             ("Quê quán / Place of origin:", None), ("", person.hometown[:38]),
             ("Nơi thường trú / Place of residence:", None), ("", person.place_of_residence[:40])]
    for label, value in lines:
        if label:
            draw.text((x, y), label, font=_font("DejaVuSans.ttf", 18), fill=(50, 50, 50))
        if value:
            offset = 0 if not label else draw.textlength(label, font=_font("DejaVuSans.ttf", 18)) + 10
            draw.text((x + offset, y - 3), value, font=bold if label == "" else reg, fill=(10, 10, 10))
        y += 32
    if person.expiry_date:
        draw.text((30, 500), f"Có giá trị đến: {person.expiry_date:%d/%m/%Y}", font=_font("DejaVuSans.ttf", 16),
                  fill=(40, 40, 40))
    return card


def _png(qr: segno.QRCode, scale: int) -> bytes:
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def draw_back(person: Person, rng: random.Random) -> Image.Image:
    card = _card_background(rng, (230, 236, 232))
    draw = ImageDraw.Draw(card)
    small = _font("DejaVuSans.ttf", 18)
    draw.text((30, 30), "Đặc điểm nhân dạng: Nốt ruồi C:2cm trên sau đầu mày trái", font=small, fill=(40, 40, 40))
    draw.text((30, 70), f"Ngày, tháng, năm: {person.issue_date:%d/%m/%Y}", font=small, fill=(40, 40, 40))
    draw.text((30, 100), "CỤC TRƯỞNG CỤC CẢNH SÁT", font=_font("DejaVuSans-Bold.ttf", 18), fill=(40, 40, 40))
    draw.text((30, 125), "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", font=_font("DejaVuSans-Bold.ttf", 18),
              fill=(40, 40, 40))
    draw.ellipse((90, 170, 230, 300), outline=(200, 40, 40), width=4)  # seal
    draw.line((300, 260, 420, 210, 460, 250), fill=(20, 20, 120), width=3)  # signature
    for i, label in enumerate(("Ngón trỏ trái", "Ngón trỏ phải")):
        left = 600 + i * 190
        draw.rounded_rectangle((left, 30, left + 170, 250), radius=20, outline=(120, 120, 120), width=2)
        for r in range(10, 70, 8):
            draw.ellipse((left + 85 - r, 130 - r, left + 85 + r, 130 + r), outline=(150, 150, 150), width=2)
        draw.text((left + 20, 260), label, font=_font("DejaVuSans.ttf", 16), fill=(60, 60, 60))
    font = _mrz_font(44)
    y = 350
    for line in person.mrz():
        draw.text((48, y), line, font=font, fill=(15, 15, 15))
        y += 62
    return card


# --- captures ----------------------------------------------------------------------------------

def _perspective_coeffs(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    matrix, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return list(np.linalg.solve(np.array(matrix, dtype=float), np.array(rhs, dtype=float)))


def flatbed(card: Image.Image, rng: random.Random) -> Image.Image:
    page = Image.new("RGB", (card.width + 400, card.height + 500), (250, 250, 248))
    rotated = card.rotate(rng.uniform(-2.5, 2.5), resample=Image.Resampling.BICUBIC, expand=True,
                          fillcolor=(250, 250, 248))
    page.paste(rotated, (rng.randrange(60, 200), rng.randrange(60, 250)))
    arr = np.asarray(page, dtype=np.float32) + np.random.default_rng(rng.randrange(2**32)).normal(0, 3, (page.height, page.width, 1))
    page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))
    return page


def phone_photo(card: Image.Image, rng: random.Random) -> Image.Image:
    nprng = np.random.default_rng(rng.randrange(2**32))
    out_w, out_h = 2400, 1800  # a 4-megapixel frame, card filling a third to two thirds
    bg = np.zeros((out_h, out_w, 3), dtype=np.float32) + np.array(rng.choice([(120, 90, 60), (70, 70, 80), (150, 140, 120)]))
    bg += nprng.normal(0, 12, (out_h, out_w, 1))
    photo = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
    scale = rng.uniform(0.95, 1.7)  # near or far from the lens
    w, h = card.width * scale, card.height * scale
    cx, cy = out_w / 2 + rng.uniform(-150, 150), out_h / 2 + rng.uniform(-120, 120)
    j = lambda: rng.uniform(-0.035, 0.035) * w
    dst = [(cx - w / 2 + j(), cy - h / 2 + j()), (cx + w / 2 + j(), cy - h / 2 + j()),
           (cx + w / 2 + j(), cy + h / 2 + j()), (cx - w / 2 + j(), cy + h / 2 + j())]
    src = [(0, 0), (card.width, 0), (card.width, card.height), (0, card.height)]
    coeffs = _perspective_coeffs(src, dst)
    warped = card.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", card.size, 255).transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs,
                                                    Image.Resampling.BILINEAR)
    photo.paste(warped, (0, 0), mask)
    arr = np.asarray(photo, dtype=np.float32)
    # Glare: a soft bright ellipse somewhere on the card, and uneven light across the frame.
    yy, xx = np.mgrid[0:out_h, 0:out_w]
    gx, gy = cx + rng.uniform(-w / 3, w / 3), cy + rng.uniform(-h / 3, h / 3)
    glare = rng.uniform(40, 130) * np.exp(-(((xx - gx) / (w / 5)) ** 2 + ((yy - gy) / (h / 6)) ** 2))
    light = 1 - 0.18 * (xx / out_w) * rng.uniform(0.5, 1)
    arr = arr * light[..., None] + glare[..., None] + nprng.normal(0, 4, arr.shape)
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 2.6)))  # focus / hand shake
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=rng.randrange(70, 90))
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def make_card_captures(out: Path, count: int, seed: int = 20261124) -> list[dict]:
    """Write *count* people × {front, back} × {flatbed, photo}; return the truth records."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for n in range(count):
        person = make_person(rng)
        front, back = draw_front(person, rng), draw_back(person, rng)
        for side, card in (("front", front), ("back", back)):
            for capture, make in (("flatbed", flatbed), ("photo", phone_photo)):
                name = f"the_{n:03d}_{side}_{capture}.{'png' if capture == 'flatbed' else 'jpg'}"
                make(card, rng).save(out / name)
                records.append({"file": name, "side": side, "capture": capture, "person": _person_json(person)})
    return records


def _person_json(person: Person) -> dict:
    data = asdict(person)
    for key in ("dob", "issue_date", "expiry_date"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


# --- filled birth-registration declarations ----------------------------------------------------

def make_declaration_values(rng: random.Random) -> dict[str, str]:
    mother, father = make_person(rng), make_person(rng)
    while mother.gender != "Nữ":
        mother = make_person(rng)
    while father.gender != "Nam":
        father = make_person(rng)
    child_gender = rng.choice(["Nam", "Nữ"])
    child_dob = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 300))
    from desk_app.eforms.derive import date_in_words

    child = f"{father.surname} {rng.choice(MIDDLE_M if child_gender == 'Nam' else MIDDLE_F)} " \
            f"{rng.choice(GIVEN_M if child_gender == 'Nam' else GIVEN_F)}"
    declarant = rng.choice([father, mother])
    return {
        "addressee": f"Ủy ban nhân dân {rng.choice(COMMUNES)}",
        "declarant_name": declarant.full_name.title() if declarant.full_name.isupper() else declarant.full_name,
        "declarant_residence": declarant.place_of_residence,
        "declarant_id_doc": f"Căn cước công dân số {declarant.id_number}",
        "declarant_relationship": "Cha" if declarant is father else "Mẹ",
        "child_name": child,
        "child_dob": child_dob.strftime("%d/%m/%Y"),
        "child_dob_words": date_in_words(child_dob),
        "child_gender": child_gender,
        "child_ethnicity": "Kinh",
        "child_nationality": "Việt Nam",
        "child_birthplace": f"Bệnh viện đa khoa {rng.choice(PROVINCES)}",
        "child_hometown": father.hometown,
        "mother_name": mother.full_name.title() if mother.full_name.isupper() else mother.full_name,
        "mother_birth_year": str(mother.dob.year),
        "mother_ethnicity": mother.ethnicity,
        "mother_nationality": "Việt Nam",
        "mother_id_number": mother.id_number,
        "mother_residence": mother.place_of_residence,
        "father_name": father.full_name.title() if father.full_name.isupper() else father.full_name,
        "father_birth_year": str(father.dob.year),
        "father_ethnicity": father.ethnicity,
        "father_nationality": "Việt Nam",
        "father_id_number": father.id_number,
        "father_residence": father.place_of_residence,
        "signed_at": rng.choice(PROVINCES),
        "signed_date": f"ngày {child_dob.day + 2 if child_dob.day < 26 else 2} tháng {child_dob.month} năm 2026",
        "copies_requested": rng.choice(["Có", "Không"]),
        "copies_count": str(rng.randrange(1, 4)),
    }


def draw_declaration(values: dict[str, str], rng: random.Random, skip: set[str] = frozenset()) -> Image.Image:
    """A birth-registration declaration at 200 dpi with typed values after the printed labels.

    Labels and order come from the form schema, so extraction and generator share one source of truth.
    """
    from desk_app.eforms.schema import load_schema

    schema = load_schema("1.001193")
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    title = _font("LiberationSerif-Bold.ttf", 34)
    label_font = _font("LiberationSerif-Regular.ttf", 30)
    value_font = _font(rng.choice(["DejaVuSans.ttf", "LiberationSerif-Italic.ttf"]), 30)
    draw.text((420, 80), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=title, fill=0)
    draw.text((560, 125), "Độc lập - Tự do - Hạnh phúc", font=_font("LiberationSerif-Bold.ttf", 30), fill=0)
    draw.text((560, 200), "TỜ KHAI ĐĂNG KÝ KHAI SINH", font=title, fill=0)
    y = 290
    for fld in schema.fields:
        if not fld.label:
            continue
        label = fld.label + ":"
        draw.text((110, y), label, font=label_font, fill=0)
        start = 110 + draw.textlength(label, font=label_font) + 12
        # Dotted leader to the right margin, as printed on blank forms.
        dots_font = label_font
        dot_x = start
        while dot_x < 1540:
            draw.text((dot_x, y + 2), ".", font=dots_font, fill=90)
            dot_x += 12
        value = values.get(fld.key, "")
        if value and fld.key not in skip:
            # Values are typed over the leader (white background box like a filled PDF form).
            box = draw.textbbox((start + 8, y - 2), value, font=value_font)
            draw.rectangle((box[0] - 4, box[1] - 2, box[2] + 4, box[3] + 2), fill=255)
            draw.text((start + 8, y - 2), value, font=value_font, fill=0)
        y += 66
    arr = np.asarray(page, dtype=np.float32) + np.random.default_rng(rng.randrange(2**32)).normal(0, 4, (page.height, page.width))
    page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).rotate(rng.uniform(-0.6, 0.6), fillcolor=255,
                                                                           resample=Image.Resampling.BICUBIC)
    return page


def make_declarations(out: Path, count: int, seed: int = 4) -> list[dict]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for n in range(count):
        values = make_declaration_values(rng)
        skip = set(rng.sample(sorted(values), k=rng.randrange(0, 4)))
        name = f"to_khai_{n:03d}.png"
        draw_declaration(values, rng, skip).save(out / name, dpi=(200, 200))
        records.append({"file": name, "values": {k: v for k, v in values.items() if k not in skip}})
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cards", type=int, default=40)
    parser.add_argument("--forms", type=int, default=20)
    args = parser.parse_args()
    truth = {"cards": make_card_captures(args.out / "cards", args.cards),
             "forms": make_declarations(args.out / "forms", args.forms)}
    (args.out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
