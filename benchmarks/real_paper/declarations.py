"""Filled paper declarations as citizens hand them in, for the independent evaluation (issue 14).

The four e-form procedures' forms — Tờ khai đăng ký khai sinh, khai tử, kết hôn and cấp Giấy xác nhận
tình trạng hôn nhân (Thông tư 04/2020/TT-BTP as amended by 04/2024/TT-BTP) — are drawn the way the
ministry's Word files print them, not the way the reader would like them:

- the footnote marker right after a label, sometimes before the colon ("Nơi cư trú(2):"), sometimes
  after it ("Kính gửi: (1)"), in the same size as the text;
- several labelled fields on one line ("Giới tính: … Dân tộc: … Quốc tịch: …", "Năm sinh: (5) …
  Dân tộc: … Quốc tịch: …");
- dotted leaders ("……" or ". . .") to the next label or the line end;
- "Có ☐, Không ☐" check boxes marked with a pen cross;
- the marriage form as its two-column table (label | Bên nữ | Bên nam);
- long values (addresses, the birth date in words) wrapping onto the next line;
- the commitment sentence, the signature block and the footnotes under the form.

Values are either typed (Times-like or Arial-like, sometimes typed over the printed leader so dots
show between the words) or handwritten in Dancing Script (a handwriting-style font with full
Vietnamese coverage, from the ``fontpkg-dancing-script`` wheel on PyPI, OFL) in blue or black ink
with per-word jitter. The page is then captured as a counter scanner or photocopier does: small skew,
grey paper, speckle, blur, JPEG.

Layouts follow the form texts published with the circulars (reproduced e.g. by luatsutran.vn
"Tờ khai đăng ký khai sinh", artrex.vn / lawnet.vn "Tờ khai đăng ký khai tử" with the TT 04/2024 notes,
thuvienphapluat.vn "Mẫu tờ khai đăng ký kết hôn" notes, luatvietnam.vn for the xác nhận tình trạng hôn
nhân form). Values are invented from lists written here, independently of the reader's own corpus.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from resources import resource_path

# --- invented people and places ------------------------------------------------------------------

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
             "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lưu", "Mai", "Tạ", "Quách", "Khổng", "Thân", "Ông"]
_MIDDLE = {"Nam": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Tiến", "Gia", "Trọng", "Xuân", "Bá", "Khắc"],
           "Nữ": ["Thị", "Ngọc", "Thu", "Thúy", "Mỹ", "Hồng", "Khánh", "Bích", "Diệu", "Tường", "Hải"]}
_GIVEN = {"Nam": ["Khoa", "Bảo", "Tùng", "Hưng", "Nhật", "Lực", "Thịnh", "Vượng", "Khiêm", "Đăng", "Quyết",
                  "Tường", "Hoàng", "Phước", "Trí", "Dưỡng", "Ngữ", "Thuận", "Ước", "Hậu"],
          "Nữ": ["Nhi", "Huyền", "Thư", "Ngọc", "Loan", "Duyên", "Hằng", "Nguyệt", "Xuyến", "Thắm", "Liễu",
                 "Ánh", "Phương", "Trâm", "Ly", "Kiều", "Yên", "Đào", "Thủy", "Ngà"]}
# Two-level administration since 1 July 2025: commune/ward + province.
_PROVINCES = ["Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
              "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
              "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
              "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
              "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"]
_COMMUNES = ["Ngũ Hiệp", "Tam Đa", "Yên Thường", "Lộc Hà", "Quỳnh Phụ", "Hòa Vang", "Cát Tiên", "Bảo Lạc",
             "Mường Tè", "Nghĩa Hưng", "Phú Lương", "Đông Sơn", "Thới Bình", "Ea Kar", "Kiến Thụy",
             "Vĩnh Bảo", "Hương Trà", "Diễn Châu", "Thạch Thất", "Chợ Gạo", "Tịnh Biên", "Sủng Là"]
_HAMLETS = ["Thôn Trung Nghĩa", "Xóm Chùa", "Ấp Tân Quý", "Bản Lướt", "Tổ dân phố Hòa Bình", "Thôn 4",
            "Khóm Vĩnh Phước", "Số 27 ngõ 115 đường Nguyễn Trãi", "Số 9 hẻm 42 đường Trần Hưng Đạo",
            "Thôn Đồng Lạc", "Xóm Mới", "Buôn Ko Sier", "Tổ 6 khu phố Bình Minh"]
_ETHNIC = ["Kinh"] * 6 + ["Tày", "Thái", "Mường", "Nùng", "Hoa", "Khmer", "Mông", "Dao", "Ê Đê", "Gia Rai"]
_HOSPITALS = ["Bệnh viện đa khoa tỉnh {p}", "Trung tâm y tế xã {c}", "Trạm y tế xã {c}", "Bệnh viện Phụ sản {p}"]
_CAUSES = ["Bệnh già", "Suy tim", "Tai biến mạch máu não", "Tai nạn giao thông", "Ung thư phổi", "Đột quỵ"]
_PURPOSES = ["Để đăng ký kết hôn", "Để làm thủ tục vay vốn ngân hàng", "Để bổ sung hồ sơ xin việc",
             "Để làm thủ tục mua bán nhà đất", "Để đăng ký kết hôn với người nước ngoài"]
_STATUS = ["Chưa đăng ký kết hôn với ai", "Đã ly hôn, hiện chưa đăng ký kết hôn với ai",
           "Có vợ đã chết năm 2019, hiện chưa đăng ký kết hôn với ai", "Hiện đang có chồng"]
TODAY = date(2026, 11, 24)


def _name(rng: random.Random, gender: str) -> str:
    parts = [rng.choice(_SURNAMES), rng.choice(_MIDDLE[gender])]
    if rng.random() < 0.35:
        parts.append(rng.choice(_MIDDLE[gender]))
    parts.append(rng.choice(_GIVEN[gender]))
    return " ".join(dict.fromkeys(parts))


def _commune(rng: random.Random) -> str:
    return f"{rng.choice(['Xã', 'Xã', 'Phường'])} {rng.choice(_COMMUNES)}"


def _province(rng: random.Random) -> str:
    name = rng.choice(_PROVINCES)
    city = name in {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}
    return f"{'Thành phố' if city else 'tỉnh'} {name}"


def _address(rng: random.Random) -> str:
    return f"{rng.choice(_HAMLETS)}, {_commune(rng)}, {_province(rng)}"


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days))


def _id_number(rng: random.Random, born: date, gender: str) -> str:
    century = (born.year // 100 - 19) * 2 + (1 if gender == "Nữ" else 0)
    return f"{rng.randrange(1, 97):03d}{century}{born.year % 100:02d}{rng.randrange(10**6):06d}"


def _id_doc(rng: random.Random, born: date, gender: str) -> str:
    number = _id_number(rng, born, gender)
    issued = _day(rng, date(2021, 1, 1), date(2026, 6, 30))
    kind = rng.choice(["Căn cước công dân số", "Thẻ căn cước số", "CCCD số"])
    return f"{kind} {number} do Cục Cảnh sát QLHC về TTXH cấp ngày {issued:%d/%m/%Y}"


_UNITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_MONTH_WORDS = ["một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"]


def _number_words(n: int) -> str:
    """Vietnamese reading of 1..2099 as written on birth declarations."""
    if n < 10:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        head = "mười" if tens == 1 else f"{_UNITS[tens]} mươi"
        tail = {0: "", 1: " mốt" if tens > 1 else " một", 4: " tư" if tens > 1 else " bốn",
                5: " lăm"}.get(unit, f" {_UNITS[unit]}")
        return head + tail
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            return f"{_UNITS[hundreds]} trăm"
        return f"{_UNITS[hundreds]} trăm " + (f"linh {_UNITS[rest]}" if rest < 10 else _number_words(rest))
    thousands, rest = divmod(n, 1000)
    if rest == 0:
        return f"{_UNITS[thousands]} nghìn"
    if rest < 100:
        inner = f"không trăm {('linh ' + _UNITS[rest]) if rest < 10 else _number_words(rest)}"
    else:
        inner = _number_words(rest)
    return f"{_UNITS[thousands]} nghìn {inner}"


def date_words(day: date) -> str:
    return f"Ngày {_number_words(day.day)} tháng {_MONTH_WORDS[day.month - 1]} năm {_number_words(day.year)}"


def make_values(procedure: str, rng: random.Random) -> dict[str, str]:
    """Ground truth of one filled declaration, in the normal form the e-form schema stores."""
    place = _commune(rng)
    v: dict[str, str] = {"addressee": f"Ủy ban nhân dân {place}", "signed_at": place, "signed_date": f"ngày {TODAY.day} tháng {TODAY.month} năm {TODAY.year}"}
    copies = rng.random()
    if procedure in ("1.001193", "1.000656", "1.000894"):
        if copies < 0.6:
            v["copies_requested"], v["copies_count"] = "Có", str(rng.randint(1, 4))
        elif copies < 0.8:
            v["copies_requested"] = "Không"
    if procedure == "1.001193":
        mother_born = _day(rng, date(1980, 1, 1), date(2006, 1, 1))
        father_born = _day(rng, date(1975, 1, 1), date(2005, 1, 1))
        declarant_is = rng.choice(["Cha", "Mẹ", "Mẹ", "Bà nội", "Ông ngoại"])
        gender = rng.choice(["Nam", "Nữ"])
        born = _day(rng, TODAY - timedelta(days=55), TODAY - timedelta(days=2))
        mother, father = _name(rng, "Nữ"), _name(rng, "Nam")
        residence = _address(rng)
        declarant = {"Cha": father, "Mẹ": mother}.get(declarant_is) or _name(rng, "Nữ" if "Bà" in declarant_is else "Nam")
        ethnic = rng.choice(_ETHNIC)
        v.update({"declarant_name": declarant, "declarant_residence": residence,
                  "declarant_id_doc": _id_doc(rng, mother_born if declarant_is == "Mẹ" else father_born, "Nữ"),
                  "declarant_relationship": declarant_is,
                  "child_name": f"{father.split()[0]} {rng.choice(_MIDDLE[gender])} {rng.choice(_GIVEN[gender])}",
                  "child_dob": f"{born:%d/%m/%Y}", "child_dob_words": date_words(born), "child_gender": gender,
                  "child_ethnicity": ethnic, "child_nationality": "Việt Nam",
                  "child_birthplace": rng.choice(_HOSPITALS).format(p=rng.choice(_PROVINCES), c=rng.choice(_COMMUNES)),
                  "mother_name": mother, "mother_birth_year": str(mother_born.year), "mother_ethnicity": ethnic,
                  "mother_nationality": "Việt Nam", "mother_residence": residence,
                  "father_name": father, "father_birth_year": str(father_born.year),
                  "father_ethnicity": rng.choice([ethnic, ethnic, "Kinh"]), "father_nationality": "Việt Nam",
                  "father_residence": residence})
        if rng.random() < 0.6:
            v["child_hometown"] = f"{_commune(rng)}, {_province(rng)}"
        if rng.random() < 0.5:
            v["mother_id_number"] = _id_number(rng, mother_born, "Nữ")
        if rng.random() < 0.5:
            v["father_id_number"] = _id_number(rng, father_born, "Nam")
    elif procedure == "1.000656":
        gender = rng.choice(["Nam", "Nữ"])
        born = _day(rng, date(1925, 1, 1), date(1990, 1, 1))
        died = _day(rng, TODAY - timedelta(days=14), TODAY - timedelta(days=1))
        v.update({"declarant_name": _name(rng, rng.choice(["Nam", "Nữ"])), "declarant_residence": _address(rng),
                  "declarant_id_doc": _id_doc(rng, _day(rng, date(1960, 1, 1), date(2000, 1, 1)), "Nam"),
                  "declarant_relationship": rng.choice(["Con", "Vợ", "Chồng", "Cháu", "Con trai", "Con gái"]),
                  "deceased_name": _name(rng, gender), "deceased_dob": f"{born:%d/%m/%Y}", "deceased_gender": gender,
                  "deceased_ethnicity": rng.choice(_ETHNIC), "deceased_nationality": "Việt Nam",
                  "deceased_residence": _address(rng),
                  "death_time": f"{rng.randrange(24)} giờ {rng.randrange(60)} phút, ngày {died:%d/%m/%Y}",
                  "death_place": rng.choice(["Tại nhà, ", "", "Bệnh viện đa khoa tỉnh "]) + _address(rng)
                  if rng.random() < 0.5 else rng.choice(_HOSPITALS).format(p=rng.choice(_PROVINCES), c=rng.choice(_COMMUNES)),
                  "death_cause": rng.choice(_CAUSES),
                  "death_notice": f"Giấy báo tử số {rng.randrange(1, 999)}/GBT do "
                                  f"{rng.choice(_HOSPITALS).format(p=rng.choice(_PROVINCES), c=rng.choice(_COMMUNES))}"
                                  f" cấp ngày {died + timedelta(days=1):%d/%m/%Y}"})
        if rng.random() < 0.5:
            v["deceased_id_number"] = _id_number(rng, born, gender)
    elif procedure == "1.000894":
        for side, gender, lo in (("wife", "Nữ", 1985), ("husband", "Nam", 1980)):
            born = _day(rng, date(lo, 1, 1), date(2005, 1, 1))
            v.update({f"{side}_name": _name(rng, gender), f"{side}_dob": f"{born:%d/%m/%Y}",
                      f"{side}_ethnicity": rng.choice(_ETHNIC), f"{side}_nationality": "Việt Nam",
                      f"{side}_residence": _address(rng), f"{side}_id_doc": _id_doc(rng, born, gender),
                      f"{side}_marriage_count": rng.choice(["1", "1", "1", "2"])})
    elif procedure == "1.004873":
        gender = rng.choice(["Nam", "Nữ"])
        born = _day(rng, date(1965, 1, 1), date(2006, 1, 1))
        name = _name(rng, gender)
        own = rng.random() < 0.8
        since = _day(rng, date(1990, 1, 1), date(2020, 1, 1))
        v.update({"declarant_name": name if own else _name(rng, "Nữ"), "declarant_residence": _address(rng),
                  "declarant_id_doc": _id_doc(rng, born, gender),
                  "declarant_relationship": "Bản thân" if own else rng.choice(["Mẹ", "Chị gái", "Người được ủy quyền"]),
                  "subject_name": name, "subject_dob": f"{born:%d/%m/%Y}", "subject_gender": gender,
                  "subject_ethnicity": rng.choice(_ETHNIC), "subject_nationality": "Việt Nam",
                  "subject_residence": _address(rng), "subject_id_doc": _id_doc(rng, born, gender),
                  "marital_status": rng.choice(_STATUS), "purpose": rng.choice(_PURPOSES),
                  "copies_count": str(rng.randint(1, 3))})
        if rng.random() < 0.4:
            v["residence_period"] = (f"{_commune(rng)}, {_province(rng)}, từ ngày {since:%d/%m/%Y} "
                                     f"đến ngày {since + timedelta(days=rng.randrange(400, 4000)):%d/%m/%Y}")
    return v


# --- the forms as printed ------------------------------------------------------------------------

@dataclass(frozen=True)
class Slot:
    """One printed label and the space after it: ``key`` None for a label with nothing to fill."""

    label: str
    key: str | None = None
    marker: str = ""          # footnote marker printed right after the label, e.g. "(2)"
    until: float = 1.0        # where its leader ends, as a fraction of the text width
    suffix: str = ""          # printed after the leader ("bản")


@dataclass(frozen=True)
class Boxes:
    """"Label(marker): Có ☐, Không ☐" — the key takes the marked option."""

    label: str
    key: str
    marker: str
    options: tuple[str, ...] = ("Có", "Không")
    until: float = 0.55


Row = tuple  # of Slot / Boxes, or a plain str printed as is

_BIRTH: list[Row] = [
    (Slot("Kính gửi", "addressee", "(1)"),),
    (Slot("Họ, chữ đệm, tên người yêu cầu", "declarant_name"),),
    (Slot("Nơi cư trú", "declarant_residence", "(2)"),),
    (Slot("Giấy tờ tùy thân", "declarant_id_doc", "(3)"),),
    (Slot("Quan hệ với người được khai sinh", "declarant_relationship"),),
    ("Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",),
    (Slot("Họ, chữ đệm, tên", "child_name"),),
    (Slot("Ngày, tháng, năm sinh", "child_dob", until=0.45), Slot("ghi bằng chữ", "child_dob_words")),
    (Slot("Giới tính", "child_gender", until=0.3), Slot("Dân tộc", "child_ethnicity", until=0.62),
     Slot("Quốc tịch", "child_nationality")),
    (Slot("Nơi sinh", "child_birthplace", "(4)"),),
    (Slot("Quê quán", "child_hometown"),),
    (Slot("Họ, chữ đệm, tên người mẹ", "mother_name"),),
    (Slot("Năm sinh", "mother_birth_year", "(5)", until=0.34), Slot("Dân tộc", "mother_ethnicity", until=0.64),
     Slot("Quốc tịch", "mother_nationality")),
    (Slot("Số định danh cá nhân", "mother_id_number"),),
    (Slot("Nơi cư trú", "mother_residence", "(2)"),),
    (Slot("Họ, chữ đệm, tên người cha", "father_name"),),
    (Slot("Năm sinh", "father_birth_year", "(5)", until=0.34), Slot("Dân tộc", "father_ethnicity", until=0.64),
     Slot("Quốc tịch", "father_nationality")),
    (Slot("Số định danh cá nhân", "father_id_number"),),
    (Slot("Nơi cư trú", "father_residence", "(2)"),),
]
_DEATH: list[Row] = [
    (Slot("Kính gửi", "addressee", "(1)"),),
    (Slot("Họ, chữ đệm, tên người yêu cầu", "declarant_name"),),
    (Slot("Nơi cư trú", "declarant_residence", "(2)"),),
    (Slot("Giấy tờ tùy thân", "declarant_id_doc", "(3)"),),
    (Slot("Quan hệ với người đã chết", "declarant_relationship"),),
    ("Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây:",),
    (Slot("Họ, chữ đệm, tên", "deceased_name"),),
    (Slot("Ngày, tháng, năm sinh", "deceased_dob"),),
    (Slot("Giới tính", "deceased_gender", until=0.3), Slot("Dân tộc", "deceased_ethnicity", until=0.62),
     Slot("Quốc tịch", "deceased_nationality")),
    (Slot("Số định danh cá nhân", "deceased_id_number", "(2)"),),
    (Slot("Nơi cư trú cuối cùng", "deceased_residence", "(2)"),),
    (Slot("Đã chết vào lúc", "death_time"),),
    (Slot("Nơi chết", "death_place"),),
    (Slot("Nguyên nhân chết", "death_cause"),),
    (Slot("Số Giấy báo tử/Giấy tờ thay thế Giấy báo tử", "death_notice", "(4)"),),
]
_MARRIAGE_ROWS = [("Họ, chữ đệm, tên", "name"), ("Ngày, tháng, năm sinh", "dob"), ("Dân tộc", "ethnicity"),
                  ("Quốc tịch", "nationality"), ("Nơi cư trú", "residence", "(4)"),
                  ("Giấy tờ tùy thân", "id_doc", "(5)"), ("Kết hôn lần thứ mấy", "marriage_count")]
_STATUS_FORM: list[Row] = [
    (Slot("Kính gửi", "addressee", "(1)"),),
    (Slot("Họ, chữ đệm, tên người yêu cầu", "declarant_name"),),
    (Slot("Nơi cư trú", "declarant_residence", "(2)"),),
    (Slot("Giấy tờ tùy thân", "declarant_id_doc", "(3)"),),
    (Slot("Quan hệ với người được cấp Giấy xác nhận", "declarant_relationship"),),
    ("Đề nghị cấp Giấy xác nhận tình trạng hôn nhân cho người có tên dưới đây:",),
    (Slot("Họ, chữ đệm, tên", "subject_name"),),
    (Slot("Ngày, tháng, năm sinh", "subject_dob"),),
    (Slot("Giới tính", "subject_gender", until=0.3), Slot("Dân tộc", "subject_ethnicity", until=0.62),
     Slot("Quốc tịch", "subject_nationality")),
    (Slot("Nơi cư trú", "subject_residence", "(2)"),),
    (Slot("Giấy tờ tùy thân", "subject_id_doc", "(3)"),),
    (Slot("Trong thời gian cư trú tại", "residence_period", "(4)"),),
    (Slot("Tình trạng hôn nhân", "marital_status", "(5)"),),
    (Slot("Mục đích sử dụng Giấy xác nhận tình trạng hôn nhân", "purpose"),),
    (Slot("Số lượng Giấy xác nhận đề nghị cấp", "copies_count", until=0.8, suffix="bản"),),
]
TITLES = {"1.001193": "TỜ KHAI ĐĂNG KÝ KHAI SINH", "1.000656": "TỜ KHAI ĐĂNG KÝ KHAI TỬ",
          "1.000894": "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
          "1.004873": "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN"}
PROCEDURES = tuple(TITLES)
_COPIES_MARKER = {"1.001193": "(6)", "1.000656": "(5)", "1.000894": "(6)"}
_NOTES = {"1.001193": ["(1) Ghi rõ tên cơ quan đăng ký khai sinh.",
                       "(2) Ghi theo nơi đăng ký thường trú; nếu không có nơi đăng ký thường trú thì ghi theo nơi "
                       "đăng ký tạm trú.",
                       "(3) Ghi thông tin về giấy tờ tùy thân như: hộ chiếu, căn cước công dân hoặc giấy tờ hợp lệ "
                       "thay thế.",
                       "(4) Trường hợp trẻ em sinh tại cơ sở y tế thì ghi tên cơ sở y tế và địa chỉ.",
                       "(5) Chỉ ghi trong trường hợp không có số định danh cá nhân.",
                       "(6) Đề nghị đánh dấu X vào ô nếu có yêu cầu cấp bản sao và ghi rõ số lượng."]}


# --- drawing -------------------------------------------------------------------------------------

@dataclass
class Declaration:
    """One rendered page and what a perfect reader returns for it."""

    procedure: str
    handwritten: bool
    values: dict[str, str]
    image: Image.Image
    boxes: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # key → value's box on the page


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", name)), size)


def _system_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(path, size)
    except OSError:   # fonts-liberation2 missing: fall back to the shipped serif
        return _font("LiberationSerif-Regular.ttf", size)


def handwriting_font(size: int) -> ImageFont.FreeTypeFont:
    import fontpkg_dancing_script

    font = ImageFont.truetype(str(next((fontpkg_dancing_script.ROOT / "files").glob("*.ttf"))), size)
    return font


class _Page:
    def __init__(self, rng: random.Random, dpi: int, handwritten: bool):
        self.rng, self.dpi, self.handwritten = rng, dpi, handwritten
        self.px = dpi / 72.0
        self.width, self.height = round(8.27 * dpi), round(11.69 * dpi)
        self.image = Image.new("RGB", (self.width, self.height), (255, 255, 255))
        self.draw = ImageDraw.Draw(self.image)
        size = round(rng.choice([12.5, 13, 14]) * self.px)
        self.font = _font("LiberationSerif-Regular.ttf", size)
        self.bold = _font("LiberationSerif-Bold.ttf", size)
        self.small = _font("LiberationSerif-Italic.ttf", round(size * 0.8))
        self.left, self.right = round(0.9 * dpi), self.width - round(0.6 * dpi)
        self.line = round(size * rng.uniform(1.55, 1.8))
        self.y = round(0.6 * dpi)
        self.leader = rng.choice(["…", "."])
        typed = rng.choice([("LiberationSerif-Regular.ttf", 1.0), ("LiberationSans-Regular.ttf", 0.92)])
        self.value_font = _font(typed[0], round(size * typed[1])) if typed[0].startswith("LiberationSerif") else \
            _system_font("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", round(size * typed[1]))
        self.hand = handwriting_font(round(size * rng.uniform(1.15, 1.35))) if handwritten else None
        self.ink = rng.choice([(25, 45, 160), (20, 30, 110), (30, 30, 35)])
        self.over_leader = rng.random() < 0.35   # typed over the printed dots (pre-printed stock)
        self.boxes: dict[str, tuple[int, int, int, int]] = {}

    def x_at(self, fraction: float) -> int:
        return round(self.left + (self.right - self.left) * fraction)

    def centred(self, text: str, font: ImageFont.FreeTypeFont, underline: bool = False) -> None:
        width = self.draw.textlength(text, font=font)
        x = (self.width - width) / 2
        self.draw.text((x, self.y), text, font=font, fill=(0, 0, 0))
        if underline:
            base = self.y + font.size * 1.15
            self.draw.line((x, base, x + width, base), fill=(0, 0, 0), width=max(1, round(self.px * 0.6)))
        self.y += self.line

    def text(self, x: float, text: str, font=None) -> float:
        font = font or self.font
        self.draw.text((x, self.y), text, font=font, fill=(0, 0, 0))
        return x + self.draw.textlength(text, font=font)

    def leader_to(self, x: float, end: float) -> None:
        unit = self.draw.textlength(self.leader, font=self.font)
        count = int(max(0, end - x) // unit)
        if count:
            self.draw.text((x, self.y), self.leader * count, font=self.font, fill=(0, 0, 0))

    def label(self, x: float, label: str, marker: str) -> float:
        if marker and self.rng.random() < 0.5:
            return self.text(x, f"{label}{marker}: ")
        return self.text(x, f"{label}: " + (f"{marker}" if marker else ""))

    def value(self, key: str, x: float, text: str, end: float, last: bool, wrap_x: float | None = None) -> None:
        """Write *text* from *x*; a field that ends its line (or cell) wraps onto the next line,
        starting again at *wrap_x* (the margin, or the cell's left edge)."""
        wrap_x = self.left if wrap_x is None else wrap_x
        font = self.hand or self.value_font
        words = text.split()
        extent = [x, self.y, x, self.y]
        while words:
            line_words: list[str] = []
            while words and self.draw.textlength(" ".join(line_words + [words[0]]), font=font) <= end - x - 8:
                line_words.append(words.pop(0))
            if not last:                 # a mid-line field cannot wrap: the writer squeezes it in
                line_words, words = line_words + words, []
            elif not line_words:
                if x == wrap_x:
                    line_words = [words.pop(0)]
                else:
                    self.leader_to(x, end)
                    self.y += self.line
                    x = wrap_x
                    continue
            chunk = " ".join(line_words)
            if self.hand:
                self.leader_to(x, end)
                right = self._handwrite(x + self.rng.uniform(1, 4.5) * self.px, chunk)
            elif self.over_leader:
                self.leader_to(x, end)
                right = self._typed(x + self.px * 2, chunk)
            else:
                right = self._typed(x + self.px * 2, chunk)
                self.leader_to(right + self.px * 2, end)
            extent = [min(extent[0], x), min(extent[1], self.y), max(extent[2], right),
                      max(extent[3], self.y + self.line)]
            if words:
                self.y += self.line
                x = wrap_x
        self.boxes[key] = (round(extent[0]), round(extent[1] - self.line * 0.25), round(extent[2]), round(extent[3]))

    def _typed(self, x: float, text: str) -> float:
        # Pre-printed stock: the words cover the dots, the gaps between words do not.
        if self.over_leader:
            width = self.draw.textlength(text, font=self.value_font)
            self.draw.rectangle((x, self.y + self.font.size * 0.15, x + width, self.y + self.font.size * 0.9),
                                fill=(255, 255, 255))
        self.draw.text((x, self.y), text, font=self.value_font, fill=(0, 0, 0))
        return x + self.draw.textlength(text, font=self.value_font)

    def _handwrite(self, x: float, text: str) -> float:
        rng = self.rng
        for word in text.split():
            dy = rng.uniform(-0.35, 0.15) * self.font.size
            layer = Image.new("L", (round(self.hand.size * (len(word) + 2)), round(self.hand.size * 2)), 0)
            ImageDraw.Draw(layer).text((self.hand.size * 0.3, self.hand.size * 0.3), word, font=self.hand, fill=255)
            layer = layer.rotate(rng.uniform(-4, 4), resample=Image.Resampling.BICUBIC, expand=False)
            box = layer.getbbox()
            if box is None:
                continue
            layer = layer.crop(box)
            top = round(self.y + dy - self.hand.size * 0.25 + box[1] - self.hand.size * 0.3)
            colour = Image.new("RGB", layer.size, self.ink)
            self.image.paste(colour, (round(x), top), layer)
            x += layer.width + self.draw.textlength(" ", font=self.hand) * rng.uniform(0.9, 1.6)
        return x

    def boxes_row(self, row: Boxes, values: dict[str, str], count: Slot | None) -> None:
        x = self.label(self.left, row.label, row.marker) + self.px * 3
        side = round(self.font.size * 0.75)
        chosen = values.get(row.key)
        for i, option in enumerate(row.options):
            x = self.text(x, option + " ")
            top = self.y + round(self.font.size * 0.2)
            self.draw.rectangle((x, top, x + side, top + side), outline=(0, 0, 0), width=max(2, round(self.px * 0.7)))
            if option == chosen:
                self._cross(x, top, side)
            x += side + self.px * 2
            if i < len(row.options) - 1:
                x = self.text(x, ", ")
        if count is not None:
            x = self.x_at(row.until)
            x = self.label(x, count.label, count.marker)
            end = self.x_at(0.86)
            if count.key in values:
                self.value(count.key, x, values[count.key], end, last=False)
            else:
                self.leader_to(x, end)
            self.text(end + self.px * 3, count.suffix)
        self.y += self.line

    def _cross(self, x: float, top: float, side: int) -> None:
        rng, ink, w = self.rng, self.ink, max(3, round(self.px * 1.1))
        j = lambda: rng.uniform(-0.15, 0.15) * side  # noqa: E731 — a pen never hits the corners
        self.draw.line((x + j(), top + j(), x + side + j(), top + side + j()), fill=ink, width=w)
        self.draw.line((x + side + j(), top + j(), x + j(), top + side + j()), fill=ink, width=w)


def _draw_rows(page: _Page, rows: list[Row], values: dict[str, str]) -> None:
    for row in rows:
        if isinstance(row[0], str):
            page.text(page.left, row[0])
            page.y += page.line
            continue
        for i, slot in enumerate(row):
            x = page.left if i == 0 else page.x_at(row[i - 1].until) + page.px * 3
            x = page.label(x, slot.label, slot.marker) + page.px * 2
            end = page.x_at(slot.until)
            last = i == len(row) - 1
            if slot.key and slot.key in values:
                page.value(slot.key, x, values[slot.key], end, last)
            else:
                page.leader_to(x, end)
            if slot.suffix:
                page.text(end + page.px * 3, slot.suffix)
        page.y += page.line


def _draw_marriage(page: _Page, values: dict[str, str]) -> None:
    """The two-column table of the marriage declaration: label | Bên nữ | Bên nam."""
    draw, left, right = page.draw, page.left, page.right
    col1, col2 = page.x_at(0.3), page.x_at(0.65)
    pad = page.px * 4
    top = page.y
    page.text(left + pad, "Thông tin", page.bold)
    for x0, x1, head in ((col1, col2, "Bên nữ"), (col2, right, "Bên nam")):
        width = draw.textlength(head, font=page.bold)
        page.text((x0 + x1 - width) / 2, head, page.bold)
    page.y += page.line
    lines = [top]
    for row in _MARRIAGE_ROWS:
        label, attr = row[0], row[1]
        marker = row[2] if len(row) > 2 else ""
        lines.append(page.y - page.line * 0.2)
        row_top, bottom = page.y, page.y
        page.label(left + pad, label, marker)
        for side, x0, x1 in (("wife", col1, col2), ("husband", col2, right)):
            page.y = row_top
            key = f"{side}_{attr}"
            if key in values:
                page.value(key, x0 + pad, values[key], x1 - pad, last=True, wrap_x=x0 + pad)
            else:
                page.leader_to(x0 + pad, x1 - pad)
            bottom = max(bottom, page.y)
        page.y = bottom + page.line
    lines.append(page.y - page.line * 0.2)
    stroke = max(2, round(page.px * 0.6))
    for y in lines:
        draw.line((left, y, right, y), fill=(0, 0, 0), width=stroke)
    for x in (left, col1, col2, right):
        draw.line((x, lines[0], x, lines[-1]), fill=(0, 0, 0), width=stroke)
    page.y += page.line * 0.4


def render(procedure: str, values: dict[str, str], rng: random.Random, handwritten: bool,
           dpi: int = 300) -> Declaration:
    page = _Page(rng, dpi, handwritten)
    page.centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", page.bold)
    page.centred("Độc lập - Tự do - Hạnh phúc", page.bold, underline=True)
    page.y += page.line * 0.5
    page.centred(TITLES[procedure], page.bold)
    page.y += page.line * 0.3
    if procedure == "1.000894":
        _draw_rows(page, [(Slot("Kính gửi", "addressee", "(3)"),)], values)
        _draw_marriage(page, values)
    else:
        _draw_rows(page, {"1.001193": _BIRTH, "1.000656": _DEATH, "1.004873": _STATUS_FORM}[procedure], values)
    if procedure in _COPIES_MARKER:
        page.boxes_row(Boxes("Đề nghị cấp bản sao", "copies_requested", _COPIES_MARKER[procedure]), values,
                       Slot("Số lượng", "copies_count", until=0.86, suffix="bản"))
    commitment = ("Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật "
                  "về cam đoan của mình.")
    words, line = commitment.split(), ""
    for word in words:
        if page.draw.textlength(f"{line} {word}", font=page.font) > page.right - page.left:
            page.text(page.left, line.strip())
            page.y += page.line
            line = ""
        line += f" {word}"
    page.text(page.left, line.strip())
    page.y += page.line * 1.3
    # "Làm tại: ……, ngày … tháng … năm …" — the place and date filled like any value.
    x = page.label(page.x_at(0.3), "Làm tại", "") + page.px * 2
    page.value("signed_at", x, values["signed_at"] + ",", page.x_at(0.62), last=False)
    x = page.x_at(0.62) + page.px * 2
    page.value("signed_date", x, values["signed_date"], page.right, last=False)
    page.y += page.line
    page.text(page.x_at(0.55), "Người yêu cầu", page.bold)
    page.y += page.line
    page.text(page.x_at(0.5), "(Ký, ghi rõ họ, chữ đệm, tên)", page.small)
    page.y += page.line * 2.5
    signer = values.get("declarant_name") or values.get("wife_name", "")
    page.text(page.x_at(0.52), signer, page.hand or page.value_font)
    page.y += page.line * 1.5
    if procedure in _NOTES and page.y < page.height - page.line * 8:
        page.text(page.left, "Chú thích:", page.small)
        page.y += page.line * 0.8
        for note in _NOTES[procedure]:
            page.text(page.left, note[:110], page.small)
            page.y += page.line * 0.8
    # The "signed_at" value drawn with its comma: the truth is the place alone.
    return Declaration(procedure, handwritten, values, page.image, page.boxes)


# --- capture -------------------------------------------------------------------------------------

def capture(page: Image.Image, rng: random.Random) -> tuple[Image.Image, float]:
    """A counter flatbed scan or photocopy: skew, grey paper, speckle, blur, JPEG. Returns (image, angle)."""
    angle = rng.uniform(-1.2, 1.2)
    grey = page.convert("L") if rng.random() < 0.7 else page
    grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255,) * len(grey.getbands()))
    arr = np.asarray(grey).astype(np.float32)
    paper = rng.uniform(225, 250)
    arr = arr * (paper / 255.0) + rng.uniform(0, 12)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(2, 7), arr.shape)
    arr = np.clip(arr + noise, 0, 255).astype(np.uint8)
    out = Image.fromarray(arr)
    if rng.random() < 0.6:
        out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    buffer = io.BytesIO()
    out.save(buffer, "JPEG", quality=rng.randint(60, 90))
    return Image.open(io.BytesIO(buffer.getvalue())), angle


def rotate_box(box: tuple[int, int, int, int], angle: float, size: tuple[int, int],
               pad: int = 0) -> tuple[int, int, int, int]:
    """Axis-aligned box around *box* after PIL's rotate(angle) about the centre of an image of *size*."""
    cx, cy = size[0] / 2, size[1] / 2
    rad = math.radians(angle)
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = x - cx, y - cy
        xs.append(cx + dx * math.cos(rad) + dy * math.sin(rad))
        ys.append(cy - dx * math.sin(rad) + dy * math.cos(rad))
    return (max(0, round(min(xs)) - pad), max(0, round(min(ys)) - pad),
            min(size[0], round(max(xs)) + pad), min(size[1], round(max(ys)) + pad))


def make_declaration(seed: int, handwritten: bool) -> Declaration:
    """The page for *seed*: procedure, values, layout variant and capture all drawn from it."""
    rng = random.Random(seed)
    procedure = PROCEDURES[seed % len(PROCEDURES)]
    values = make_values(procedure, rng)
    page = render(procedure, values, rng, handwritten, dpi=rng.choice([300, 300, 200]))
    image, angle = capture(page.image, rng)
    boxes = {k: rotate_box(b, angle, image.size, pad=6) for k, b in page.boxes.items()}
    return Declaration(procedure, handwritten, values, image, boxes)


def write_samples(description: str, default_seed: int, make, extra=lambda item: {}) -> None:  # noqa: ANN001
    """Command line shared by the declaration generators: ``OUT [--seed N] [--count N] [--handwritten]``
    writes ``<seed>.jpg`` and ``<seed>.json`` (procedure, values and *extra(item)*) for each seed."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=default_seed)
    parser.add_argument("--count", type=int, default=4)
    parser.add_argument("--handwritten", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in range(args.seed, args.seed + args.count):
        item = make(seed, args.handwritten)
        item.image.save(args.out / f"{seed}.jpg", quality=92)
        (args.out / f"{seed}.json").write_text(json.dumps({"procedure": item.procedure, "values": item.values,
                                                           **extra(item)}, ensure_ascii=False, indent=1),
                                               encoding="utf-8")


def main() -> None:
    write_samples("Vẽ các tờ khai mẫu (phần đánh giá độc lập).", 1_000_000, make_declaration)


if __name__ == "__main__":
    main()
