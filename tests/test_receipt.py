"""Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả: PDF structure, text, fonts, codes, layout flow."""

from __future__ import annotations

import io
import re
import subprocess
import time
import unicodedata
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader

from desk_app.documents.common import (
    document_date,
    format_vnd,
    legal_basis_line,
    vn_time_date,
)
from desk_app.documents.common import (
    form_set_for as common_form_set_for,
)
from desk_app.documents.fonts import SERIF, register_fonts
from desk_app.documents.receipt import (
    COPY_LABELS,
    ReceiptComponent,
    ReceiptData,
    form_set_for,
    render_receipt,
    write_receipt,
)

A5_W, A5_H = 419.53, 595.28  # points
CODE = "000.00.12.H15-250701-0001"
APPLICANT = "Nguyễn Thị Ánh Tuyết"
ADDRESS = "Thôn Đông, xã Hòa An, tỉnh Đắk Lắk"
BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}  # fmt: skip


def make_receipt(**overrides) -> ReceiptData:
    data = ReceiptData(
        agency_name="UBND XÃ HÒA AN",
        desk_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        place_name="Hòa An",
        dossier_code=CODE,
        book_number="01",
        sequence_number=125,
        applicant_name=APPLICANT,
        submitter_name="Trần Văn Đức",
        address=ADDRESS,
        phone="0905 123 456",
        email="anhtuyet@example.vn",
        id_number="066190001234",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        components=(
            ReceiptComponent("Tờ khai đăng ký khai sinh (theo mẫu)", originals=1),
            ReceiptComponent("Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp", originals=1),
            ReceiptComponent("Giấy chứng nhận kết hôn của cha, mẹ trẻ (nếu có)", certified_copies=1, photocopies=1),
        ),
        time_limit_text="03 ngày làm việc",
        received_at=datetime(2025, 7, 1, 8, 30),
        due_at=datetime(2025, 7, 4, 16, 0),
        return_place="Trung tâm Phục vụ hành chính công xã Hòa An",
        clerk_name="Lê Thị Hồng Nhung",
        fee_amount=2000,
    )
    return replace(data, **overrides) if overrides else data


def flat(text: str) -> str:
    """Extracted text with all whitespace runs collapsed to one space (table cells wrap lines)."""
    return " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def normal_pdf() -> bytes:
    return render_receipt(make_receipt())


@pytest.fixture(scope="module")
def long_data() -> ReceiptData:
    components = tuple(
        ReceiptComponent(
            f"Giấy tờ kèm theo số {i:02d}: bản kê khai chi tiết hiện trạng sử dụng đất, nhà ở và tài sản "
            f"gắn liền với đất của hộ gia đình bà Nguyễn Thị Ánh Tuyết, mục {i:02d}",
            originals=i % 2,
            certified_copies=1,
            photocopies=i % 3,
        )
        for i in range(1, 41)
    )
    return make_receipt(components=components)


@pytest.fixture(scope="module")
def long_pdf(long_data) -> bytes:
    return render_receipt(long_data)


# --------------------------------------------------------------------------- page structure


def test_a5_portrait_two_copies(normal_pdf):
    reader = PdfReader(io.BytesIO(normal_pdf))
    assert normal_pdf.startswith(b"%PDF-")
    assert len(reader.pages) == 2
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A5_W, abs=0.5)
        assert float(box.height) == pytest.approx(A5_H, abs=0.5)


def test_text_content(normal_pdf):
    texts = page_texts(normal_pdf)
    for text in texts:
        f = flat(text)
        assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in f
        assert CODE in f
        assert f"Mã hồ sơ: {CODE}" in f
        assert f"Số: {CODE}" in f
        assert APPLICANT in f
        assert unicodedata.normalize("NFC", APPLICANT) in f
        assert ADDRESS in f
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in f
        assert "Độc lập - Tự do - Hạnh phúc" in f
        assert "Hòa An, ngày 01 tháng 7 năm 2025" in f
        for label in (
            "Tiếp nhận hồ sơ của:",
            "Người nộp: Trần Văn Đức",
            "Số điện thoại: 0905 123 456",
            "Email: anhtuyet@example.vn",
            "Số định danh cá nhân/CCCD: 066190001234",
            "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
            "1. Thành phần hồ sơ:",
            "Tên giấy tờ",
            "Bản chính",
            "Bản sao chứng thực",
            "Bản chụp",
            "2. Số lượng hồ sơ: 01 bộ",
            "3. Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 01 tháng 07 năm 2025",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 04 tháng 07 năm 2025",
            "6. Nhận kết quả tại: Trung tâm Phục vụ hành chính công xã Hòa An",
            "Phí, lệ phí: 2.000 đ",
            "Vào Sổ theo dõi hồ sơ, Quyển số: 01, Số thứ tự: 125",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            "(Ký và ghi rõ họ tên)",
            "Lê Thị Hồng Nhung",
            "Mẫu số 01",
        ):
            assert label in f, label
    assert "Liên 1: Lưu" in texts[0] and "Liên 2" not in texts[0]
    assert "Liên 2: Giao người nộp hồ sơ" in texts[1] and "Liên 1" not in texts[1]


def test_optional_lines_left_out_when_empty():
    text = flat(" ".join(page_texts(render_receipt(make_receipt(fee_amount=0, book_number=None, sequence_number=None)))))
    assert "Phí, lệ phí" not in text
    assert "Vào Sổ theo dõi hồ sơ" not in text


def test_fonts_embedded_no_base14(normal_pdf):
    reader = PdfReader(io.BytesIO(normal_pdf))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts, "page has no fonts"
        for ref in fonts.values():
            font = ref.get_object()
            base = str(font["/BaseFont"]).lstrip("/")
            seen.add(base.split("+", 1)[-1])
            assert base not in BASE14
            assert font["/Subtype"] == "/TrueType"
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
            assert re.match(r"^[A-Z]{6}\+", base), f"not a subset: {base}"
    assert {"LiberationSerif", "LiberationSerif-Bold"} <= seen
    assert b"/FontFile2" in normal_pdf


def test_font_registration_idempotent():
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    register_fonts()
    assert SERIF in pdfmetrics.getRegisteredFontNames()
    assert pdfmetrics.getFont(SERIF).face.name  # TTF face loaded


# --------------------------------------------------------------------------- Unicode


def test_nfd_input_printed_as_nfc():
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    data = make_receipt(
        applicant_name=nfd(APPLICANT),
        submitter_name=nfd("Trần Văn Đức"),
        address=nfd(ADDRESS),
        procedure_name=nfd("Đăng ký khai sinh"),
        place_name=nfd("Hòa An"),
        agency_name=nfd("UBND XÃ HÒA AN"),
        components=(ReceiptComponent(nfd("Tờ khai đăng ký khai sinh"), originals=1),),
    )
    assert data.applicant_name != APPLICANT  # really NFD
    text = " ".join(page_texts(render_receipt(data)))
    assert unicodedata.is_normalized("NFC", text)
    f = flat(text)
    assert APPLICANT in f
    assert ADDRESS in f
    assert "Tờ khai đăng ký khai sinh" in f
    assert "UBND XÃ HÒA AN" in f
    assert nfd(APPLICANT) not in text


def test_vietnamese_formatting_helpers():
    assert format_vnd(2000) == "2.000 đ"
    assert format_vnd(1250000) == "1.250.000 đ"
    assert document_date(date(2025, 7, 1)) == "ngày 01 tháng 7 năm 2025"
    assert document_date(date(2026, 2, 9)) == "ngày 09 tháng 02 năm 2026"
    assert vn_time_date(datetime(2025, 7, 4, 16, 5)) == "16 giờ 05 phút, ngày 04 tháng 07 năm 2025"
    # aware datetimes print in Vietnam time (UTC+7)
    assert vn_time_date(datetime(2025, 7, 4, 2, 0, tzinfo=timezone.utc)) == "09 giờ 00 phút, ngày 04 tháng 07 năm 2025"


# --------------------------------------------------------------------------- legal form set


def test_form_set_for_dates():
    assert form_set_for(date(2025, 6, 30)) == "TT01/2018"
    assert form_set_for(date(2025, 7, 1)) == "TT03/2025"
    assert form_set_for(date(2019, 1, 10)) == "TT01/2018"
    assert form_set_for(datetime(2025, 6, 30, 23, 59)) == "TT01/2018"
    assert form_set_for(datetime(2025, 7, 1, 0, 0)) == "TT03/2025"
    # 30/06 18:00 UTC is 01/07 01:00 in Vietnam
    assert form_set_for(datetime(2025, 6, 30, 18, 0, tzinfo=timezone.utc)) == "TT03/2025"
    assert common_form_set_for is form_set_for
    assert "03/2025/TT-VPCP" in legal_basis_line("TT03/2025")
    assert "01/2018/TT-VPCP" in legal_basis_line("TT01/2018")


def test_form_set_line_follows_receipt_date():
    old = make_receipt(received_at=datetime(2025, 6, 30, 9, 0), due_at=datetime(2025, 7, 3, 9, 0))
    new = make_receipt(received_at=datetime(2025, 7, 1, 9, 0), due_at=datetime(2025, 7, 4, 9, 0))
    old_text = flat(page_texts(render_receipt(old))[0])
    new_text = flat(page_texts(render_receipt(new))[0])
    assert "Ban hành kèm theo Thông tư số 01/2018/TT-VPCP" in old_text
    assert "03/2025/TT-VPCP" not in old_text
    assert "Ban hành kèm theo Thông tư số 03/2025/TT-VPCP" in new_text
    assert "01/2018/TT-VPCP" not in new_text
    assert "Mẫu số 01" in old_text and "Mẫu số 01" in new_text


# --------------------------------------------------------------------------- training mark


def test_training_mark_only_in_training_mode(normal_pdf):
    for text in page_texts(normal_pdf):
        assert "TRAINING" not in text
        assert "ĐÀO TẠO" not in text
    training = page_texts(render_receipt(make_receipt(training=True)))
    assert len(training) == 2
    for text in training:
        assert "TRAINING" in text
        assert "ĐÀO TẠO" in text


def test_training_mark_on_continuation_pages(long_data):
    texts = page_texts(render_receipt(replace(long_data, training=True)))
    assert len(texts) > 2
    assert all("TRAINING" in t for t in texts)


# --------------------------------------------------------------------------- long lists flow


def test_forty_components_lose_nothing(long_data, long_pdf):
    texts = page_texts(long_pdf)
    assert len(texts) > 2 and len(texts) % 2 == 0
    # every page carries its copy label; copy 1 pages come first, then copy 2
    labels = []
    for text in texts:
        has1, has2 = "Liên 1: Lưu" in text, "Liên 2: Giao người nộp hồ sơ" in text
        assert has1 != has2, "each page shows exactly one copy label"
        labels.append(1 if has1 else 2)
    half = len(texts) // 2
    assert labels == [1] * half + [2] * half
    assert all("(tiếp theo)" in t for i, t in enumerate(texts) if i not in (0, half))
    assert all(f"Trang {i % half + 1}/{half}" in t for i, t in enumerate(texts))
    for copy_pages in (texts[:half], texts[half:]):
        joined = flat(" ".join(copy_pages))
        for comp in long_data.components:
            assert flat(comp.name) in joined, comp.name
        assert joined.count("Giấy tờ kèm theo số") == 40
        # the rest of the form still follows the table, signatures last
        assert "6. Nhận kết quả tại:" in joined
        assert joined.rfind("NGƯỜI TIẾP NHẬN HỒ SƠ") > joined.rfind("mục 40")
        assert "Lê Thị Hồng Nhung" in flat(copy_pages[-1])


def test_table_heading_repeats_on_continuation(long_pdf):
    texts = page_texts(long_pdf)
    half = len(texts) // 2
    for text in texts[1 : half - 1]:
        assert "Tên giấy tờ" in flat(text)


# --------------------------------------------------------------------------- codes


def _render_page_png(pdf: bytes, tmp_path: Path, dpi: int = 200):
    from PIL import Image

    src = tmp_path / "receipt.pdf"
    src.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", str(src), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    return Image.open(tmp_path / "page.png").convert("L")


def test_qr_and_code128_decode_to_dossier_code(normal_pdf, tmp_path):
    image = _render_page_png(normal_pdf, tmp_path)
    results = zxingcpp.read_barcodes(image)
    qr = [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert qr == [CODE]
    linear = [r.text for r in results if r.format == zxingcpp.BarcodeFormat.Code128]
    assert linear == [CODE]


def test_qr_decodes_in_training_mode(tmp_path):
    image = _render_page_png(render_receipt(make_receipt(training=True)), tmp_path)
    qr = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert qr == [CODE]


# --------------------------------------------------------------------------- files, speed, validation


def test_write_receipt_atomic(tmp_path):
    target = tmp_path / "Biên nhận" / f"{CODE}.pdf"
    data = make_receipt()
    result = write_receipt(data, target)
    assert result == target
    assert target.read_bytes() == render_receipt(data)
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left
    target.write_bytes(b"old")
    write_receipt(data, target)  # replaces an existing file
    assert target.read_bytes().startswith(b"%PDF-")


def test_output_is_deterministic():
    assert render_receipt(make_receipt()) == render_receipt(make_receipt())


def test_render_is_fast():
    data = make_receipt()
    render_receipt(data)  # warm-up: font registration, imports
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        render_receipt(data)
        timings.append(time.perf_counter() - start)
    # target is ≤ 100 ms typical; the bound is loose so slow CI machines do not flake
    assert sorted(timings)[len(timings) // 2] < 0.5


def test_copy_labels():
    assert COPY_LABELS == ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")


def test_validation():
    with pytest.raises(ValueError):
        make_receipt(due_at=datetime(2025, 6, 30, 8, 0))
    with pytest.raises(ValueError):
        make_receipt(dossier_count=0)
    with pytest.raises(ValueError):
        make_receipt(dossier_code="  ")
    with pytest.raises(ValueError):
        make_receipt(fee_amount=-1)
    with pytest.raises(ValueError):
        ReceiptComponent("x", originals=-1)
    aware = make_receipt(
        received_at=datetime(2025, 7, 1, 1, 30, tzinfo=timezone.utc),
        due_at=datetime(2025, 7, 1, 1, 30, tzinfo=timezone.utc) + timedelta(days=3),
    )
    assert aware.form_set == "TT03/2025"
    # list input is frozen into a tuple
    listed = make_receipt(components=[ReceiptComponent("Tờ khai", originals=1)])
    assert isinstance(listed.components, tuple)
