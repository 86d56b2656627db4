"""One ID-card reading (QR first, MRZ otherwise), checked against the personal-ID rules.

This is the identity source of the pre-fill engine and the body of ``desk-app read-id``. The QR
carries diacritics and the address, so it wins; the MRZ (ASCII, no address) is used when the QR is
missing or unreadable, and — when both sides are on one scan — to add the expiry date and a second
opinion on the ID number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desk_app.clock import now_local
from desk_app.domain.personal_id import check_id
from desk_app.text import nfc
from scanning.id_card.mrz import MrzData, MrzNotFoundError, read_mrz
from scanning.id_card.qr import CardQrNotFoundError, read_card_qr
from scanning.id_card.qr_text import CardQrData
from scanning.untrusted import UntrustedFileError, load_image


class CardNotReadError(ValueError):
    """Neither the QR nor the MRZ of an ID card could be read (Vietnamese message)."""


@dataclass
class CardReading:
    source: str  # "qr" | "mrz" | "keyboard"
    id_number: str
    full_name: str
    old_id: str | None = None
    dob: date | None = None
    gender: str | None = None
    place_of_residence: str | None = None
    issue_date: date | None = None
    expiry_date: date | None = None
    mrz_valid: bool | None = None
    warnings: list[str] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)  # fields to compare with the card (MRZ names)

    def as_json(self) -> dict:
        """The ``read-id --json`` object: absent fields are omitted, dates as YYYY-MM-DD."""
        out: dict = {"source": self.source, "id_number": self.id_number}
        for key in ("old_id", "full_name", "dob", "gender", "place_of_residence", "issue_date", "expiry_date",
                    "mrz_valid"):
            value = getattr(self, key)
            if value is None or value == "":
                continue
            out[key] = value.isoformat() if isinstance(value, date) else value
        out["warnings"] = list(self.warnings)
        if self.needs_review:
            out["needs_review"] = list(self.needs_review)
        return out


def from_qr(data: CardQrData, source: str = "qr") -> CardReading:
    reading = CardReading(source=source, id_number=data.id_number, full_name=nfc(data.full_name),
                          old_id=data.old_id, dob=data.dob, gender=data.gender,
                          place_of_residence=nfc(data.place_of_residence) or None, issue_date=data.issue_date,
                          warnings=list(data.warnings))
    _check(reading)
    return reading


def from_mrz(mrz: MrzData) -> CardReading:
    reading = CardReading(source="mrz", id_number=mrz.id_number, full_name=mrz.full_name, dob=mrz.dob,
                          gender=mrz.sex, expiry_date=mrz.expiry, mrz_valid=mrz.valid,
                          needs_review=list(mrz.needs_review))
    _add_mrz_warnings(reading, mrz)
    reading.warnings.append("Họ tên đọc từ MRZ không có dấu tiếng Việt; cần đối chiếu với thẻ.")
    # The name has no check digit: a filler read as a letter ("THANHKLINH") is only caught here.
    reading.warnings.extend(f"Cần xem lại {doubt}." for doubt in mrz.name_doubts)
    _check(reading)
    return reading


def _add_mrz_warnings(reading: CardReading, mrz: MrzData) -> None:
    failed = [name for name, ok in mrz.checks.items() if not ok]
    if failed:
        reading.warnings.append("Số kiểm tra MRZ không khớp: " + ", ".join(failed) + ".")
    reading.warnings.extend(f"Đã sửa lỗi nhận dạng MRZ ({c})." for c in mrz.corrections)


def _check(reading: CardReading) -> None:
    result = check_id(reading.id_number, reading.dob, reading.gender)
    reading.warnings.extend(p for p in result.problems if p not in reading.warnings)


def _may_hold_mrz(image) -> bool:  # noqa: ANN001 - a PIL image
    """Whether the image shows three lines of machine-readable zone (a back, or both sides on one scan):
    a quick look for the zone's three long, parallel, evenly spaced lines (≈ 0.04 s), no OCR."""
    import numpy as np
    from PIL import ImageOps

    from scanning.id_card.card_finder import find_mrz_lines

    return find_mrz_lines(np.asarray(ImageOps.grayscale(image))) is not None


def read_card_image(path: str | Path, today: date | None = None, try_mrz: bool = True) -> CardReading:
    """Read one image of a card (front, back, or both sides on one scan)."""
    try:
        image = load_image(path)   # JPEG/PNG/TIFF only, size checked before decoding
    except UntrustedFileError as exc:
        raise CardNotReadError(str(exc)) from exc
    reading: CardReading | None = None
    try:
        reading = from_qr(read_card_qr(image).data)
    except CardQrNotFoundError:
        pass
    mrz: MrzData | None = None
    if try_mrz and reading is not None and not _may_hold_mrz(image):
        try_mrz = False   # a front alone: the QR said it all; reading for an MRZ would cost seconds for nothing
    if try_mrz:
        try:
            mrz = read_mrz(image, today or now_local().date())  # expiry judged on the app's date
        except MrzNotFoundError:
            mrz = None
    if reading is None:
        if mrz is None or not mrz.id_number.isdigit():
            raise CardNotReadError("Không đọc được mã QR (mặt trước) hay vùng MRZ (mặt sau) của thẻ căn cước.")
        return from_mrz(mrz)
    if mrz is not None and mrz.valid:
        if mrz.id_number == reading.id_number:
            # Both sides on one scan: the back adds the expiry date and confirms the number.
            reading.expiry_date = mrz.expiry
            reading.mrz_valid = True
        else:
            reading.warnings.append("Số định danh ở mặt sau (MRZ) khác số trong mã QR.")
            reading.mrz_valid = True
    return reading
