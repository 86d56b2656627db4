"""Forms from the database: payments (pending → paid on confirmation), notices written by the lifecycle
actions and counter decisions (forms only render them), postal hand-over, every kind through `desk-app print-form`."""

import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.cli import main
from desk_app.documents.supplement import Defect
from desk_app.domain.postal_code import PostalCodeError
from desk_app.domain.vietqr import parse_payload
from desk_app.services import lifecycle
from desk_app.services.forms import (
    FORM_KINDS,
    FormError,
    FormRequest,
    PostalItem,
    record_postal_handover,
    render_form_pdf,
    write_form,
)
from desk_app.services.intake import Decision, IntakeSession
from desk_app.services.receipts import NoReceiptError
from desk_app.services.payments import (
    PaymentError,
    cancel_payment,
    confirm_payment,
    current_payment,
    open_payment,
)
from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages
from desk_app.services.users import create_user, sign_in
from desk_app.storage.forms_models import FormIssue
from desk_app.storage.models import AuditEntry, Dossier

RECEIVED = datetime(2025, 7, 14, 9, 5)


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def who(clerk):
    """The signed-in clerk (conftest's ``clerk`` is the identity services take)."""
    return clerk


@pytest.fixture
def dossiers(desk, who, page_files):
    pages = store_pages(desk, page_files)
    made = []
    for i, (procedure, name, channel) in enumerate([
        ("2.000884", "Đỗ Văn Lâm", 1),            # chứng thực chữ ký: 10.000 đ phí
        ("1.001193", "Nguyễn Thị Ánh Tuyết", 3),  # khai sinh: free, postal
        ("2.000815", "Phạm Thị Hương", 3),        # chứng thực bản sao: per page
    ]):
        accepted = accept_dossier(desk, who, IntakeRequest(
            procedure_code=procedure, applicant_name=name, applicant_id_number="079085004321",
            applicant_address="Thôn Đông, xã Hòa An, tỉnh Đắk Lắk", applicant_phone="0905 123 456",
            pages=pages, channel=channel, fee_pages=3, outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ"), received_at=RECEIVED.replace(minute=5 + i))
        made.append(accepted.code)
    return made


def test_payment_pending_until_a_user_confirms_it_audited(desk, clerk, dossiers):
    code = dossiers[0]
    payment = open_payment(desk, clerk, code, "transfer")
    assert payment.state == "pending" and payment.amount == 10_000 and payment.phi_amount == 10_000
    assert payment.receipt_number == "0000001"
    decoded = parse_payload(payment.vietqr_payload)
    assert decoded.amount == 10_000 and decoded.bin == desk.settings.bank_bin
    assert decoded.purpose == "HS" + code.split("-", 1)[1].replace("-", "")
    assert open_payment(desk, clerk, code, "cash").method == "cash"  # switched while pending, same receipt
    assert current_payment(desk, code).receipt_number == "0000001"

    open_payment(desk, clerk, code, "transfer")
    with pytest.raises(PaymentError, match="số tham chiếu"):
        confirm_payment(desk, clerk, payment.id)  # a transfer needs the bank statement reference
    confirmed = confirm_payment(desk, clerk, payment.id, "FT25195123456")
    assert confirmed.paid and confirmed.confirmed_by == "Nguyễn Thị Ánh Tuyết" and confirmed.confirmed_at
    with pytest.raises(PaymentError, match="đã nộp"):
        open_payment(desk, clerk, code, "cash")
    with pytest.raises(PaymentError, match="chờ xác nhận"):
        confirm_payment(desk, clerk, payment.id, "FT1")
    with pytest.raises(PaymentError, match="không phải nộp"):
        open_payment(desk, clerk, dossiers[1], "cash")

    with desk.sessions() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "payment")).all()
    assert actions == ["payment.open", "payment.method", "payment.method", "payment.confirm"]

    other = open_payment(desk, clerk, dossiers[2], "cash")
    assert other.receipt_number == "0000002" and other.phi_amount == 5_000
    cancel_payment(desk, clerk, other.id, "Người nộp đổi ý")
    assert current_payment(desk, dossiers[2]) is None


def test_supervisor_cannot_collect(desk, admin, dossiers):
    create_user(desk.sessions, "giam.sat", "Hoàng Văn Giám", "supervisor", "Đèn-lồng-phố-Hội-2025", created_by=admin)
    supervisor = sign_in(desk.sessions, "giam.sat", "Đèn-lồng-phố-Hội-2025")
    with pytest.raises(Exception, match="không được phép"):
        open_payment(desk, supervisor, dossiers[0], "cash")


def test_receipt_and_fee_receipt_carry_vietqr_until_paid(desk, clerk, dossiers):
    code = dossiers[0]
    receipt = render_form_pdf(desk, FormRequest("receipt", (code,)))
    assert "quét mã VietQR" in text_of(receipt)
    with pytest.raises(FormError, match="chưa có khoản thu"):
        render_form_pdf(desk, FormRequest("fee-receipt", (code,)))
    payment = open_payment(desk, clerk, code, "cash")
    unpaid = text_of(render_form_pdf(desk, FormRequest("fee-receipt", (code,))))
    assert "CHƯA THANH TOÁN" in unpaid and "Mười nghìn đồng" in unpaid and "Tiền mặt" in unpaid
    confirm_payment(desk, clerk, payment.id)
    paid = text_of(render_form_pdf(desk, FormRequest("fee-receipt", (code,))))
    assert "CHƯA THANH TOÁN" not in paid and "Quét mã VietQR" not in paid and "Số: 0000001" in paid
    assert "VietQR" not in text_of(render_form_pdf(desk, FormRequest("receipt", (code,))))
    assert "VietQR" not in text_of(render_form_pdf(desk, FormRequest("receipt", (dossiers[1],))))


def _file(desk, who, page_files, decision=Decision.ACCEPT, procedure="1.004222", name="Phạm Quốc Đạt",
          at=RECEIVED, **fields) -> str:
    """A dossier filed at the counter with *decision* (Đăng ký thường trú: 7 working days, 20.000 đ)."""
    return IntakeSession(procedure_code=procedure, applicant_name=name, applicant_id_number="038096001234",
                         applicant_address="Thôn Đông, xã Hòa An, tỉnh Đắk Lắk", pages=store_pages(desk, page_files),
                         decision=decision, **fields).finish(desk, who, at=at).code


def test_notices_and_the_single_new_date(desk, who, dossiers, page_files):
    code = dossiers[1]
    with pytest.raises(FormError, match="chưa có phiếu yêu cầu bổ sung"):
        render_form_pdf(desk, FormRequest("supplement", (code,)))
    lifecycle.request_supplement(desk, who, code, [Defect("Giấy chứng sinh", "Nộp bản chính", "Bản chụp mờ"),
                                                   Defect("Tờ khai", "Ký tên người đi đăng ký", "Chưa ký")],
                                 at=datetime(2025, 7, 14, 10, 0))
    text = text_of(render_form_pdf(desk, FormRequest("supplement", (code,))))
    assert "Nộp bản chính" in text and "Ký tên người đi đăng ký" in text and "gồm 02 nội dung" in text

    refused = _file(desk, who, page_files, Decision.REFUSE, procedure="2.000815", name="Phạm Thị Hương",
                    reasons=["Giấy tờ yêu cầu chứng thực là bản chính bị tẩy xóa."])
    assert "bị tẩy xóa" in text_of(render_form_pdf(desk, FormRequest("refusal", (refused,))))

    late = _file(desk, who, page_files)
    with desk.sessions() as session:
        due = session.scalar(select(Dossier.due_at).where(Dossier.code == late))
    new_due = datetime(2025, 7, 28, 16, 0)
    lifecycle.apologize(desk, who, late, processing_agency="Công chức Tư pháp – Hộ tịch",
                        reason="Chờ kết quả xác minh", new_due=new_due, signer_name="Phạm Văn Hùng",
                        signer_title="CHỦ TỊCH UBND XÃ", at=datetime(2025, 7, 18, 10, 0))
    with desk.sessions() as session:
        assert session.scalar(select(Dossier.due_at).where(Dossier.code == late)) == new_due
    with pytest.raises(lifecycle.LifecycleError, match="một lần"):
        lifecycle.apologize(desk, who, late, processing_agency="X", reason="Lần hai", signer_name="Phạm Văn Hùng",
                            new_due=datetime(2025, 8, 1, 16, 0), at=datetime(2025, 7, 18, 11, 0))
    text = text_of(render_form_pdf(desk, FormRequest("apology", (late,))))
    assert "Chờ kết quả xác minh" in text and "ngày 28 tháng 07 năm 2025" in text and "CHỦ TỊCH UBND XÃ" in text
    assert due.strftime("ngày %d tháng %m năm %Y") in text


def test_supplement_form_at_the_counter_and_during_processing(desk, who, page_files):
    """Mẫu 02 prints the counter decision's defects, and after a resume the later supplement's."""
    code = _file(desk, who, page_files, Decision.INCOMPLETE, defects=[
        {"component": "Giấy tờ chứng minh chỗ ở hợp pháp", "requirement": "Bản sao có chứng thực",
         "reason": "Chỉ có bản chụp"}])
    counter = text_of(render_form_pdf(desk, FormRequest("supplement", (code,))))
    assert "Bản sao có chứng thực" in counter and "gồm 01 nội dung" in counter and code in counter
    with pytest.raises(NoReceiptError, match="chưa được tiếp nhận"):
        render_form_pdf(desk, FormRequest("receipt", (code,)))  # no appointment slip before acceptance

    lifecycle.resume(desk, who, code, store_pages(desk, page_files[:1]), at=datetime(2025, 7, 15, 9, 0))
    lifecycle.request_supplement(desk, who, code, [{"component": "Tờ khai", "requirement": "Ký đủ các trang",
                                                    "reason": "Thiếu chữ ký trang 2"}],
                                 at=datetime(2025, 7, 16, 9, 0))
    later = text_of(render_form_pdf(desk, FormRequest("supplement", (code,))))
    assert "Ký đủ các trang" in later and "Bản sao có chứng thực" not in later
    assert "ngày 16 tháng 7 năm 2025" in later and "Nguyễn Thị Ánh Tuyết" in later


def test_postal_handover_checks_s10_and_prints(desk, clerk, dossiers):
    with pytest.raises(PostalCodeError):
        record_postal_handover(desk, clerk, postal_employee="Đỗ Văn Nam", postal_unit="Bưu điện xã Hòa An",
                               items=[PostalItem(dossiers[1], "EB123456784VN")])
    record_postal_handover(desk, clerk, postal_employee="Đỗ Văn Nam", postal_unit="Bưu điện xã Hòa An",
                           handed_at=datetime(2025, 7, 14, 10, 15),
                           items=[PostalItem(dossiers[1], "eb123456785vn"),
                                  PostalItem(dossiers[2], "EB000000080VN", False, 5000, "thiếu tờ khai")])
    text = text_of(render_form_pdf(desk, FormRequest("postal-handover", (dossiers[2],))))
    assert "EB123456785VN" in text and "Đỗ Văn Nam" in text and "5.000 đ" in text and "thiếu tờ khai" in text
    with pytest.raises(FormError, match="không có biên bản"):
        render_form_pdf(desk, FormRequest("postal-handover", (dossiers[0],)))


def test_request_validation():
    with pytest.raises(FormError, match="Loại biểu mẫu"):
        FormRequest("nope", ("X",))
    with pytest.raises(FormError, match="--date"):
        FormRequest("tracking-book")
    with pytest.raises(FormError, match="một hồ sơ"):
        FormRequest("supplement", ("A", "B"))


def test_every_kind_through_the_cli(desk, clerk, who, dossiers, page_files, tmp_path, capsys, monkeypatch):
    from tests.conftest import CLERK_PASSWORD

    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
    morning = datetime(2025, 7, 14, 10, 0)
    lifecycle.request_supplement(desk, who, dossiers[1], [Defect("Giấy chứng sinh", "Nộp bản chính")], at=morning)
    refused = _file(desk, who, page_files, Decision.REFUSE, reasons=["Không thuộc thẩm quyền."])
    late = _file(desk, who, page_files, name="Võ Minh Khôi")
    lifecycle.apologize(desk, who, late, processing_agency="Tư pháp", reason="Xác minh", signer_name="Phạm Văn Hùng",
                        new_due=datetime(2025, 7, 30, 16, 0), at=morning)
    stopped = _file(desk, who, page_files, name="Lê Thị Hồng Nhung")
    lifecycle.stop(desk, who, stopped, ["Công dân không bổ sung hồ sơ theo yêu cầu"], at=morning)
    withdrawn = _file(desk, who, page_files, name="Đỗ Thu Trang")
    lifecycle.withdraw(desk, who, withdrawn, "Không còn nhu cầu", store_pages(desk, page_files[:1]), at=morning)
    lifecycle.record_result(desk, who, dossiers[2], ["Bản sao chứng thực (03 bản)"],
                            pages=store_pages(desk, page_files[:1]), at=datetime(2025, 7, 14, 14, 0))
    lifecycle.return_result(desk, who, dossiers[2], receiver_name="Phạm Thị Hương", receiver_id_number="079085004321",
                            collect_fee=True, at=datetime(2025, 7, 14, 15, 0))
    open_payment(desk, clerk, dossiers[0], "cash")
    record_postal_handover(desk, clerk, postal_employee="Đỗ Văn Nam", postal_unit="Bưu điện",
                           items=[PostalItem(dossiers[1], "EB123456785VN")])
    runs = {
        "receipt": [dossiers[0]], "supplement": [dossiers[1]], "refusal": [refused],
        "apology": [late], "control-sheet": [dossiers[0]], "fee-receipt": [dossiers[0]],
        "result-handover": dossiers, "postal-handover": [dossiers[1]],
        "tracking-book": ["--date", "2025-07-14"], "stop": [stopped], "withdrawal": [withdrawn],
        "return-slip": [dossiers[2]],
    }
    assert set(runs) == set(FORM_KINDS)
    for kind, args in runs.items():
        out = tmp_path / "Biểu mẫu" / f"{kind}.pdf"
        assert main(["print-form", kind, *args, "--out", str(out), "--user", "tuyet.nguyen"]) == 0, kind
        assert out.read_bytes().startswith(b"%PDF")
    book = text_of((tmp_path / "Biểu mẫu" / "tracking-book.pdf").read_bytes())
    assert "Tổng số hồ sơ: 07" in book and all(code in book for code in dossiers)
    assert main(["print-form", "tracking-book", "--from", "2025-07-15", "--to", "2025-07-20",
                 "--out", str(tmp_path / "empty.pdf"), "--user", "tuyet.nguyen"]) == 0
    assert "(Không có hồ sơ trong kỳ)" in text_of((tmp_path / "empty.pdf").read_bytes())
    assert main(["print-form", "--list"]) == 0
    assert "postal-handover" in capsys.readouterr().out
    assert main(["print-form", "apology", dossiers[1], "--user", "tuyet.nguyen"]) == 2
    assert "chưa có phiếu xin lỗi" in capsys.readouterr().err
    with desk.sessions() as session:
        issued = session.scalars(select(FormIssue.kind)).all()
    assert sorted(issued) == sorted([*runs, "tracking-book"])


def test_write_form_default_folder(desk, clerk, dossiers):
    path = write_form(desk, FormRequest("control-sheet", (dossiers[0],)), who=clerk)
    assert path.parent == desk.folder / "forms" and path.name == f"{dossiers[0]}_control-sheet.pdf"
    book = write_form(desk, FormRequest("tracking-book", start=date(2025, 7, 1), end=date(2025, 7, 31)), who=clerk)
    assert book.name == "tracking-book_20250701-20250731.pdf"


def test_payment_cli_open_then_confirm(desk, clerk, dossiers, monkeypatch, capsys):
    from tests.conftest import CLERK_PASSWORD

    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
    assert main(["payment", "open", dossiers[0], "--user", "tuyet.nguyen", "--method", "transfer"]) == 0
    assert "Biên lai số 0000001: 10.000 đ, chuyển khoản, chờ xác nhận." in capsys.readouterr().out
    assert main(["payment", "confirm", dossiers[0], "--user", "tuyet.nguyen"]) == 2
    assert "số tham chiếu" in capsys.readouterr().err
    assert main(["payment", "confirm", dossiers[0], "--user", "tuyet.nguyen", "--reference", "FT25195"]) == 0
    assert "đã thu" in capsys.readouterr().out
