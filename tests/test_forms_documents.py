"""The one-stop forms as PDFs: text, NFC, embedded fonts, page sizes, copies, QR codes, form sets, training."""

import io
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date, datetime

import pytest
import zxingcpp
from pypdf import PdfReader

from desk_app.documents.apology import ApologyData, render_apology
from desk_app.documents.control_sheet import (
    ControlSheetData,
    Handoff,
    render_control_sheet,
)
from desk_app.documents.fee_receipt import FeeLine, FeeReceiptData, render_fee_receipt
from desk_app.documents.parts import FormHeader, PaymentQr
from desk_app.documents.postal_handover import (
    PostalHandoverData,
    PostalRow,
    render_postal_handover,
)
from desk_app.documents.refusal import RefusalData, render_refusal
from desk_app.documents.return_slip import ReturnSlipData, render_return_slip
from desk_app.documents.result_handover import (
    HandoverRow,
    ResultHandoverData,
    render_result_handover,
)
from desk_app.documents.stop import StopData, render_stop
from desk_app.documents.supplement import Defect, SupplementData, render_supplement
from desk_app.documents.tracking_book import (
    BookRow,
    TrackingBookData,
    render_tracking_book,
)
from desk_app.documents.withdrawal import WithdrawalData, render_withdrawal
from desk_app.domain.vietqr import VietQRRequest, build_payload, parse_payload

A5 = (419.53, 595.28)
A4 = (595.28, 841.89)
CODE = "000.00.12.H15-250714-5001"
APPLICANT = "Nguyễn Thị Ánh Tuyết"
BASE14 = {"Helvetica", "Times-Roman", "Courier", "Helvetica-Bold", "Times-Bold"}
HEADER = FormHeader(
    agency_name="UBND XÃ HÒA AN", desk_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", place_name="Hòa An",
    dossier_code=CODE, applicant_name=unicodedata.normalize("NFD", APPLICANT),
    address="Thôn Đông, xã Hòa An, tỉnh Đắk Lắk", phone="0905 123 456", email="anhtuyet@example.vn",
    id_number="066190001234", procedure_code="2.000815",
    procedure_name="Chứng thực bản sao từ bản chính giấy tờ, văn bản", received_at=datetime(2025, 7, 14, 9, 5),
)
OLD_HEADER = replace(HEADER, received_at=datetime(2025, 6, 30, 16, 0))
ISSUED = datetime(2025, 7, 14, 9, 30)
DEFECTS = [Defect(f"Giấy tờ số {i}: bản sao giấy khai sinh của ông Trần Văn Đức",
                  f"Nộp bản chính để đối chiếu, mục {i}", "Bản chụp bị mờ, không đọc được") for i in range(1, 13)]
PAYLOAD = build_payload(VietQRRequest("970403", "0011012345678", amount=15000, purpose="HS2507145001"))


def flat(pdf: bytes, page: int | None = None) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    chosen = pages if page is None else [pages[page]]
    return " ".join(" ".join((p.extract_text() or "") for p in chosen).split())


def sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
            for p in PdfReader(io.BytesIO(pdf)).pages]


def fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]).split("+")[-1].lstrip("/"))
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            assert descriptor is None or "/FontFile2" in descriptor.get_object(), "font not embedded"
    return names


def supplement(**kw) -> bytes:
    return render_supplement(SupplementData(kw.pop("header", HEADER), DEFECTS, ISSUED, "Lê Thị Hồng Nhung",
                                            "0262 3 856 789", "https://dichvucong.gov.vn"))


def fee_receipt(paid: bool = False, header: FormHeader = HEADER) -> bytes:
    qr = None if paid else PaymentQr(PAYLOAD, "970403", "0011012345678", "TRUNG TAM PVHCC", 15000, "HS2507145001")
    return render_fee_receipt(FeeReceiptData(
        header, "0000125", [FeeLine("Chứng thực bản sao (3 trang)", "phi", 5000),
                            FeeLine("Lệ phí chứng thực chữ ký", "le_phi", 10000)], "transfer", ISSUED,
        "Lê Thị Hồng Nhung", paid=paid, paid_at=ISSUED if paid else None,
        confirmed_by="Phạm Văn Hùng" if paid else "", qr=qr))


RENDERERS = {
    "supplement": lambda h: supplement(header=h),
    "refusal": lambda h: render_refusal(RefusalData(h, ["Không thuộc thẩm quyền giải quyết của UBND xã."], ISSUED,
                                                    "Lê Thị Hồng Nhung")),
    "apology": lambda h: render_apology(ApologyData(h, "Công chức Tư pháp – Hộ tịch", datetime(2025, 7, 17, 16),
                                                    datetime(2025, 7, 22, 16), "Cần xác minh thêm.", ISSUED,
                                                    signer_name="Phạm Văn Hùng")),
    "control": lambda h: render_control_sheet(ControlSheetData(h, datetime(2025, 7, 15, 16), "UBND xã Hòa An",
                                                               ISSUED, [Handoff("Trung tâm", "Tư pháp", ISSUED)])),
    "fee": lambda h: fee_receipt(header=h),
    "stop": lambda h: render_stop(StopData(h, ["Công dân không bổ sung hồ sơ theo yêu cầu trong thời hạn.",
                                               "Phát hiện giấy tờ giả mạo."], ISSUED, "Lê Thị Hồng Nhung",
                                           processing_agency="UBND xã Hòa An")),
    "withdrawal": lambda h: render_withdrawal(WithdrawalData(h, ["Không còn nhu cầu chứng thực."], ISSUED,
                                                             "Lê Thị Hồng Nhung", request_pages=2)),
    "return": lambda h: render_return_slip(return_slip_data(h)),
}
def return_slip_data(header: FormHeader = HEADER, documents=("Bản sao chứng thực (03 bản)",), **kw) -> ReturnSlipData:
    fields = dict(receiver_name=unicodedata.normalize("NFD", "Trần Văn Đức"), receiver_id_number="066085009876",
                  authorised=True, documents=documents, clerk_name="Lê Thị Hồng Nhung", fee_collected=15000,
                  due_at=datetime(2025, 7, 14, 16, 0))
    fields.update(kw)
    return ReturnSlipData(header, ISSUED, **fields)


TITLES = {
    "supplement": ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mẫu số 02", "Mẫu số 02"),
    "refusal": ("PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", "Mẫu số 03", "Mẫu số 03"),
    "apology": ("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Mẫu số 04", "Mẫu số 04"),
    "control": ("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mẫu số 06", "Mẫu số 05"),
    "fee": ("BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ", "", ""),
    "stop": ("THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ", "Mẫu số 05", ""),
    "withdrawal": ("PHIẾU XÁC NHẬN RÚT HỒ SƠ", "", ""),
    "return": ("PHIẾU TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ", "", ""),
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {name: render(HEADER) for name, render in RENDERERS.items()}


@pytest.mark.parametrize("name", list(RENDERERS))
def test_one_dossier_forms_a5_nfc_embedded_fonts(rendered, name):
    pdf = rendered[name]
    assert all(size == pytest.approx(A5, abs=0.5) for size in sizes(pdf))
    text = flat(pdf, 0)
    title, number_2025, _ = TITLES[name]
    assert title in text.replace("\n", " ") or all(part in text for part in title.split(", "))
    assert CODE in text and APPLICANT in text  # NFD input printed as NFC
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Hòa An, ngày 14 tháng 7 năm 2025" in text
    if number_2025:
        assert number_2025 in text and "03/2025/TT-VPCP" in text
    used = fonts(pdf)
    assert used and not used & BASE14


@pytest.mark.parametrize("name", ["supplement", "control", "apology"])
def test_form_set_follows_receipt_date(name):
    text = flat(RENDERERS[name](OLD_HEADER), 0)
    assert "01/2018/TT-VPCP" in text and TITLES[name][2] in text


def test_copies(rendered):
    texts = [flat(rendered["supplement"], i) for i in range(len(sizes(rendered["supplement"])))]
    assert any(t.startswith("Liên 1: Lưu") for t in texts) and any("Liên 2: Giao người nộp hồ sơ" in t for t in texts)
    fee_pages = [flat(rendered["fee"], i) for i in range(len(sizes(rendered["fee"])))]
    assert len(fee_pages) == 3
    for label in ("Liên 1: Lưu tại cơ quan thu", "Liên 2: Giao người nộp tiền", "Liên 3: Lưu nội bộ"):
        assert sum(label in t for t in fee_pages) == 1


def test_supplement_lists_every_defect_at_once(rendered):
    text = flat(rendered["supplement"])
    assert "gồm 12 nội dung sau (đã nêu đầy đủ một lần)" in text
    for i in range(1, 13):
        assert f"Nộp bản chính để đối chiếu, mục {i}" in text
    assert "0262 3 856 789" in text and "NGƯỜI HƯỚNG DẪN" in text


def test_fee_receipt_split_words_and_unpaid_warning(rendered):
    text = flat(rendered["fee"], 0)
    assert "Cộng tiền phí (P) 5.000 đ" in text and "Cộng tiền lệ phí (LP) 10.000 đ" in text
    assert "Tổng cộng 15.000 đ" in text and "Mười lăm nghìn đồng" in text
    assert "CHƯA THANH TOÁN" in text and "Chuyển khoản" in text and "HS2507145001" in text
    paid = flat(fee_receipt(paid=True), 0)
    assert "CHƯA THANH TOÁN" not in paid and "Đã thu tiền lúc 09 giờ 30 phút" in paid and "Phạm Văn Hùng" in paid


def test_apology_states_reason_and_new_date(rendered):
    text = flat(rendered["apology"])
    assert "Lý do: Cần xác minh thêm." in text and "16 giờ 00 phút, ngày 22 tháng 07 năm 2025" in text
    with pytest.raises(ValueError, match="sau ngày hẹn"):
        ApologyData(HEADER, "X", datetime(2025, 7, 17), datetime(2025, 7, 16), "Lý do", ISSUED)


def test_validation_messages():
    with pytest.raises(ValueError, match="ít nhất một"):
        SupplementData(HEADER, [], ISSUED, "A")
    with pytest.raises(ValueError, match="lý do"):
        RefusalData(HEADER, ["  "], ISSUED, "A")
    with pytest.raises(ValueError, match="phi hoặc le_phi"):
        FeeLine("x", "tax", 1)


def _barcodes(pdf: bytes, tmp_path, page: int = 1, dpi: int = 200):
    from PIL import Image

    prefix = tmp_path / f"p{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile",
                    "-", str(prefix)], input=pdf, check=True, timeout=60)
    image = Image.open(f"{prefix}.png").convert("L")
    return zxingcpp.read_barcodes(image)


@pytest.mark.parametrize("name", ["supplement", "refusal", "control", "stop", "return"])
def test_qr_and_code128_scan_back_to_the_dossier_code(rendered, name, tmp_path):
    results = _barcodes(rendered[name], tmp_path)
    assert CODE in [r.text for r in results if r.format.name == "QRCode"]
    assert CODE in [r.text for r in results if r.format.name == "Code128"]


def test_fee_receipt_vietqr_scans_to_a_valid_payment(rendered, tmp_path):
    texts = [r.text for r in _barcodes(rendered["fee"], tmp_path, dpi=250) if r.format.name == "QRCode"]
    assert CODE in texts and PAYLOAD in texts
    decoded = parse_payload(PAYLOAD)
    assert decoded.amount == 15000 and decoded.purpose == "HS2507145001"


def test_stop_notice_lists_every_reason_numbered_mau_05_only_in_the_2025_set(rendered):
    text = flat(rendered["stop"])
    assert "Kính gửi: Nguyễn Thị Ánh Tuyết" in text and "UBND xã Hòa An thông báo dừng giải quyết" in text
    assert "1. Công dân không bổ sung hồ sơ theo yêu cầu trong thời hạn." in text
    assert "2. Phát hiện giấy tờ giả mạo." in text and "NGƯỜI NHẬN THÔNG BÁO" in text
    assert len(sizes(rendered["stop"])) == 2 and "Liên 2: Gửi tổ chức, cá nhân" in flat(rendered["stop"], 1)
    old = flat(RENDERERS["stop"](OLD_HEADER), 0)  # TT 01/2018 had no stop notice: same layout, no number
    assert "THÔNG BÁO" in old and "Mẫu số" not in old and "TT-VPCP" not in old
    with pytest.raises(ValueError, match="lý do"):
        StopData(HEADER, [" "], ISSUED, "A")


def test_withdrawal_record_states_reason_time_and_the_scanned_request(rendered):
    text = flat(rendered["withdrawal"])
    assert "1. Không còn nhu cầu chứng thực." in text and "09 giờ 30 phút, ngày 14 tháng 07 năm 2025" in text
    assert "đã được quét (số hóa) và lưu cùng hồ sơ: 02 trang" in text and "NGƯỜI ĐỀ NGHỊ RÚT HỒ SƠ" in text
    assert "Mẫu số" not in text
    with pytest.raises(ValueError, match="quét"):
        WithdrawalData(HEADER, ["Không còn nhu cầu"], ISSUED, "A", request_pages=0)


def test_return_slip_one_page_with_receiver_authorisation_fee_and_signatures(rendered):
    pdf = rendered["return"]
    assert sizes(pdf) == [pytest.approx(A5, abs=0.5)]
    text = flat(pdf)
    for expected in ("Trần Văn Đức", "066085009876", "Người được ủy quyền", "1. Bản sao chứng thực (03 bản)",
                     "15.000 đ", "09 giờ 30 phút, ngày 14 tháng 07 năm 2025", "Lê Thị Hồng Nhung",
                     "NGƯỜI NHẬN KẾT QUẢ", "NGƯỜI TRẢ KẾT QUẢ", "2.000815", "Hẹn trả lúc"):
        assert expected in text, expected
    own = flat(render_return_slip(return_slip_data(authorised=False, fee_collected=0)))
    assert "Tư cách nhận: Chủ hồ sơ" in own and "Không thu" in own
    many = render_return_slip(return_slip_data(documents=[f"Giấy tờ kết quả số {i:02d}: bản chính và bản sao "
                                                          "có chứng thực" for i in range(1, 23)]))
    assert sizes(many) == [pytest.approx(A4, abs=0.5)]  # still one page to sign, on A4
    assert "Giấy tờ kết quả số 22" in flat(many)
    used = fonts(many)
    assert used and not used & BASE14
    with pytest.raises(ValueError, match="người nhận"):
        return_slip_data(receiver_name=" ")


def test_training_mark_on_every_copy():
    pdf = supplement(header=replace(HEADER, training=True))
    assert all("ĐÀO TẠO – TRAINING" in flat(pdf, i) for i in range(len(sizes(pdf))))
    assert "TRAINING" not in flat(supplement())


def book_data(rows: int, training: bool = False) -> TrackingBookData:
    return TrackingBookData(
        "UBND XÃ HÒA AN", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Hòa An", date(2025, 7, 1), date(2025, 7, 31),
        [BookRow(i, f"000.00.12.H15-2507{i % 28 + 1:02d}-{5000 + i}", "Đăng ký khai sinh", f"Người nộp số {i}",
                 "Thôn Đông; 0905 123 456", "UBND xã Hòa An", datetime(2025, 7, i % 28 + 1, 8, 0),
                 datetime(2025, 7, i % 28 + 1, 16, 0)) for i in range(1, rows + 1)],
        datetime(2025, 7, 31, 17, 0), training=training)


def test_tracking_book_a4_landscape_all_rows_every_page_headed():
    pdf = render_tracking_book(book_data(30))
    assert all(size == pytest.approx((A4[1], A4[0]), abs=0.5) for size in sizes(pdf))
    assert len(sizes(pdf)) >= 3
    text = flat(pdf)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Từ ngày 01/07/2025 đến ngày 31/07/2025" in text
    assert "Mẫu số 07" in text and "Tổng số hồ sơ: 30" in text
    assert not fonts(pdf) & BASE14
    for i in range(1, 31):
        assert f"Người nộp số {i} " in text + " "
    for page in range(1, len(sizes(pdf))):
        assert "Hẹn trả kết quả" in flat(pdf, page)  # heading repeats
    old = replace(book_data(1), start=date(2025, 6, 1), end=date(2025, 6, 30))
    assert "Mẫu số 06" in flat(render_tracking_book(old))


def test_handover_lists():
    rows = [HandoverRow(f"000.00.12.H15-250714-{5000 + i}", "Đăng ký khai sinh", "Giấy khai sinh", APPLICANT,
                        "Thôn Đông", fee_due=i == 1, by_post=i == 2) for i in range(1, 4)]
    pdf = render_result_handover(ResultHandoverData(
        "UBND XÃ HÒA AN", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Hòa An", "Công chức Tư pháp – Hộ tịch",
        "Trung tâm PVHCC xã Hòa An", datetime(2025, 7, 17, 15, 30), rows, "Trần Văn Bình", "Lê Thị Hồng Nhung"))
    text = flat(pdf, 0)
    assert "PHIẾU BÀN GIAO KẾT QUẢ GIẢI QUYẾT HỒ SƠ" in text and "Bàn giao 03 hồ sơ vào 15 giờ 30 phút" in text
    assert sizes(pdf)[0] == pytest.approx((A4[1], A4[0]), abs=0.5) and len(sizes(pdf)) == 2

    postal = render_postal_handover(PostalHandoverData(
        "UBND XÃ HÒA AN", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Hòa An", datetime(2025, 7, 14, 10, 15),
        "Đỗ Văn Nam", "Bưu điện xã Hòa An", "Lê Thị Hồng Nhung",
        [PostalRow("EB123456785VN", CODE, "Chứng thực bản sao", APPLICANT, True, 5000),
         PostalRow("EB000000010VN", "000.00.12.H15-250714-5002", "Chứng thực chữ ký", "Phạm Thị Hương", False,
                   10000, "thiếu tờ khai")]))
    text = flat(postal, 0)
    assert "BIÊN BẢN GIAO NHẬN HỒ SƠ" in text and "EB123456785VN" in text
    assert "(01 đầy đủ, 01 chưa đầy đủ)" in text and "15.000 đ" in text and "Mười lăm nghìn đồng" in text
    assert "Thời điểm ký biên bản này là thời điểm nộp hồ sơ" in text
    assert sizes(postal)[0] == pytest.approx(A4, abs=0.5)
    assert not (fonts(pdf) | fonts(postal)) & BASE14
