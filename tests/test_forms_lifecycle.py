"""Forms of the dossier's later life, rendered from what the lifecycle actions recorded: Mẫu 05 stop notice,
withdrawal record, return slip; Mẫu 01 reprints keep the original appointment (the new date of an apology
belongs on Mẫu 04) until a supplement restarts the clock; one Channel, one Vietnam time zone, one format_vnd,
and no import cycle between forms and receipts."""

import io
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import update

from desk_app.services import lifecycle
from desk_app.services.forms import FormError, FormRequest, render_form_pdf
from desk_app.services.intake import IntakeSession, store_pages
from desk_app.services.receipts import receipt_data_for
from desk_app.storage.models import Dossier

ROOT = Path(__file__).resolve().parents[1]
MONDAY = datetime(2026, 3, 2, 9, 0)  # an ordinary working Monday; Đăng ký thường trú is due Wed 11/03 09:00
BASE14 = {"Helvetica", "Times-Roman", "Courier", "Helvetica-Bold", "Times-Bold"}


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())


def embedded_fonts(pdf: bytes) -> set[str]:
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


def file_dossier(desk, who, page_files, name="Phạm Quốc Đạt", at=MONDAY) -> str:
    return IntakeSession(procedure_code="1.004222", applicant_name=name, applicant_id_number="038096001234",
                         applicant_address="Thôn Đông, xã Hòa An, tỉnh Đắk Lắk",
                         pages=store_pages(desk, page_files)).finish(desk, who, at=at).code


def receipt_text(desk, code: str) -> str:
    return text_of(render_form_pdf(desk, FormRequest("receipt", (code,))))


def test_reprint_after_an_apology_keeps_the_original_appointment(desk, clerk, page_files):
    code = file_dossier(desk, clerk, page_files)
    lifecycle.apologize(desk, clerk, code, processing_agency="UBND xã Hòa An", reason="Chờ xác minh nơi cư trú",
                        new_due=datetime(2026, 3, 16, 9, 0), signer_name="Nguyễn Văn Bình",
                        at=datetime(2026, 3, 10, 16, 0))
    data = receipt_data_for(desk, code)
    assert (data.received_at, data.due_at) == (MONDAY, datetime(2026, 3, 11, 9, 0))
    reprint = receipt_text(desk, code)
    assert "09 giờ 00 phút, ngày 11 tháng 03 năm 2026" in reprint and "16 tháng 03" not in reprint
    apology = text_of(render_form_pdf(desk, FormRequest("apology", (code,))))
    assert "09 giờ 00 phút, ngày 16 tháng 03 năm 2026" in apology  # the new date is on Mẫu 04


def test_resume_after_a_supplement_gives_a_new_slip_with_the_restarted_time(desk, clerk, page_files):
    code = file_dossier(desk, clerk, page_files)
    lifecycle.forward(desk, clerk, code)
    lifecycle.request_supplement(desk, clerk, code, [{"component": "Tờ khai", "requirement": "Ký đủ",
                                                      "reason": "Thiếu chữ ký"}], at=datetime(2026, 3, 4, 10, 0))
    completed = datetime(2026, 3, 9, 8, 0)
    due = lifecycle.resume(desk, clerk, code, store_pages(desk, page_files[1:]), at=completed)
    data = receipt_data_for(desk, code)
    assert (data.received_at, data.due_at) == (completed, due) and due > datetime(2026, 3, 11, 9, 0)
    text = receipt_text(desk, code)
    assert "4. Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 09 tháng 03 năm 2026" in text
    assert f"{due:%H} giờ {due:%M} phút, ngày {due:%d} tháng {due:%m} năm {due:%Y}" in text


def test_a_dossier_without_slip_fields_falls_back_to_its_receipt_and_due_times(desk, clerk, page_files):
    code = file_dossier(desk, clerk, page_files)
    with desk.sessions.begin() as session:  # a row written before the slip fields existed
        session.execute(update(Dossier).where(Dossier.code == code).values(slip_received_at=None, slip_due_at=None))
    data = receipt_data_for(desk, code)
    assert (data.received_at, data.due_at) == (MONDAY, datetime(2026, 3, 11, 9, 0))


def test_stop_notice_from_the_lifecycle_is_mau_05(desk, clerk, page_files):
    code = file_dossier(desk, clerk, page_files)
    with pytest.raises(FormError, match="chưa có thông báo dừng"):
        render_form_pdf(desk, FormRequest("stop", (code,)))
    lifecycle.stop(desk, clerk, code, ["Công dân không bổ sung hồ sơ theo yêu cầu",
                                       "Hồ sơ có giấy tờ giả mạo"], at=datetime(2026, 3, 5, 10, 0))
    pdf = render_form_pdf(desk, FormRequest("stop", (code,)))
    text = text_of(pdf)
    for expected in ("THÔNG BÁO", "VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ", "Mẫu số 05", "03/2025/TT-VPCP", code,
                     "Kính gửi: Phạm Quốc Đạt", "1. Công dân không bổ sung hồ sơ theo yêu cầu",
                     "2. Hồ sơ có giấy tờ giả mạo", "Nguyễn Thị Ánh Tuyết", "ngày 05 tháng 3 năm 2026"):
        assert expected in text, expected
    assert embedded_fonts(pdf) and not embedded_fonts(pdf) & BASE14


def test_withdrawal_record_from_the_lifecycle(desk, clerk, page_files):
    code = file_dossier(desk, clerk, page_files, name="Đỗ Thu Trang")
    lifecycle.withdraw(desk, clerk, code, "Không còn nhu cầu đăng ký", store_pages(desk, page_files),
                       at=datetime(2026, 3, 3, 14, 30))
    pdf = render_form_pdf(desk, FormRequest("withdrawal", (code,)))
    text = text_of(pdf)
    for expected in ("PHIẾU XÁC NHẬN RÚT HỒ SƠ", "Đỗ Thu Trang", "1. Không còn nhu cầu đăng ký",
                     "14 giờ 30 phút, ngày 03 tháng 03 năm 2026", "lưu cùng hồ sơ: 02 trang",
                     "Công dân yêu cầu rút hồ sơ"):
        assert expected in text, expected
    assert embedded_fonts(pdf) and not embedded_fonts(pdf) & BASE14


def test_return_slip_from_the_hand_back(desk, clerk, page_files):
    code = file_dossier(desk, clerk, page_files)
    with pytest.raises(FormError, match="chưa trả kết quả"):
        render_form_pdf(desk, FormRequest("return-slip", (code,)))
    lifecycle.record_result(desk, clerk, code, ["Xác nhận thông tin về cư trú"], pages=store_pages(desk, page_files[:1]),
                            at=datetime(2026, 3, 10, 9, 0))
    lifecycle.return_result(desk, clerk, code, receiver_name="Phạm Thị Hoa", receiver_id_number="038196004321",
                            authorisation_pages=store_pages(desk, page_files[1:]), collect_fee=True,
                            at=datetime(2026, 3, 10, 15, 45))
    pdf = render_form_pdf(desk, FormRequest("return-slip", (code,)))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = text_of(pdf)
    for expected in ("PHIẾU TRẢ KẾT QUẢ", code, "Phạm Quốc Đạt", "Phạm Thị Hoa", "038196004321",
                     "Người được ủy quyền", "1. Xác nhận thông tin về cư trú", "20.000 đ",
                     "15 giờ 45 phút, ngày 10 tháng 03 năm 2026", "Nguyễn Thị Ánh Tuyết", "NGƯỜI NHẬN KẾT QUẢ"):
        assert expected in text, expected
    assert embedded_fonts(pdf) and not embedded_fonts(pdf) & BASE14


def test_one_channel_one_vietnam_time_zone_one_format_vnd():
    from desk_app import clock
    from desk_app.documents import common
    from desk_app.domain import fees, status
    from scanning import vntime

    assert fees.Channel is status.Channel and status.Channel.POSTAL.label_vi == "Nộp qua bưu chính công ích"
    assert clock.VIETNAM is vntime.VIETNAM and common.format_vnd is fees.format_vnd
    definitions = {"timedelta(hours=7)": [], "def format_vnd": [], "class Channel": []}
    for folder in ("desk_app", "scanning", "sync", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            for needle, found in definitions.items():
                if re.search(re.escape(needle), source):
                    found.append(str(path.relative_to(ROOT)))
    assert definitions == {"timedelta(hours=7)": ["scanning/vntime.py"],
                           "def format_vnd": ["desk_app/domain/fees.py"],
                           "class Channel": ["desk_app/domain/status.py"]}


def test_receipts_never_import_forms():
    check = ("import sys, desk_app.services.receipts; "
             "print('desk_app.services.forms' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
