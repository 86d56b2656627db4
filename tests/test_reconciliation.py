"""The supervisor's day: deliberately broken days, each problem found and named; explanations let the close
proceed; a closed day refuses changes until an audited reopening; the CLI gives the screen's figures."""

import json
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.cli import main
from desk_app.security.roles import PermissionDeniedError
from desk_app.services import lifecycle
from desk_app.services.day_close import DayClosedError, close_day, days_left_open, reopen_day
from desk_app.services.intake import Decision, IntakeSession, store_pages
from desk_app.services.payments import cancel_payment, confirm_payment, open_payment
from desk_app.services.receipts import write_receipt_for
from desk_app.services.reconciliation import ReconciliationError, explain, reconcile, record_cash_count
from desk_app.services.users import create_user, sign_in
from desk_app.storage.day_models import DayClose
from desk_app.storage.models import AuditEntry, Dossier, OutboxItem, SequenceCounter

DAY = date(2026, 3, 2)              # an ordinary working Monday
MORNING = datetime(2026, 3, 2, 9, 0)
EVENING = datetime(2026, 3, 2, 17, 30)
SUPERVISOR_PASSWORD = "giám-sát-ngày-5678"


@pytest.fixture
def supervisor(desk, admin):
    create_user(desk.sessions, "lan.tran", "Trần Thị Lan", "supervisor", SUPERVISOR_PASSWORD, created_by=admin)
    return sign_in(desk.sessions, "lan.tran", SUPERVISOR_PASSWORD)


def _file(desk, who, page_files, minute, procedure="2.000884", decision=Decision.ACCEPT, receipt=True, **extra):
    fields = dict(procedure_code=procedure, applicant_name="Đỗ Văn Lâm", applicant_id_number="079085004321",
                  applicant_address="Thôn Đông, xã Hòa An", pages=store_pages(desk, page_files),
                  decision=decision, fee_pages=2, **extra)
    if decision is Decision.REFUSE:
        fields["reasons"] = ["Không thuộc thẩm quyền của UBND xã"]
    outcome = IntakeSession(**fields).finish(desk, who, at=MORNING.replace(minute=minute))
    if receipt and decision is Decision.ACCEPT:
        write_receipt_for(desk, outcome.code, who=who)
    return outcome.code


def _acknowledge_all(desk):
    with desk.sessions.begin() as session:
        for row in session.scalars(select(OutboxItem)):
            row.state = "acknowledged"


@pytest.fixture
def clean_day(desk, clerk, supervisor, page_files, fixed_clock):
    """A day with two dossiers received, Mẫu 01 printed, fees paid in cash, all uploads acknowledged."""
    fixed_clock(MORNING)
    codes = [_file(desk, clerk, page_files, 5), _file(desk, clerk, page_files, 10)]
    for code in codes:
        payment = open_payment(desk, clerk, code, "cash")
        confirm_payment(desk, clerk, payment.id)
    _acknowledge_all(desk)
    fixed_clock(EVENING)
    return codes


def _kinds(report):
    return {(p.kind, p.subject) for p in report.problems}


def test_a_clean_day_with_the_cash_counted_has_no_problem_and_closes_signed(desk, supervisor, clean_day):
    report = reconcile(desk, supervisor, DAY)
    assert report.dossiers == 2 and report.methods["cash"].confirmed_amount == 20_000
    assert [p.kind for p in report.problems] == ["cash_not_counted"]
    cash = record_cash_count(desk, supervisor, DAY, {10_000: 2})
    assert cash.counted == 20_000 and cash.difference == 0
    report = reconcile(desk, supervisor, DAY)
    assert report.problems == [] and report.code_runs[0].gaps == [] and report.book_run.gaps == []
    result = close_day(desk, supervisor, DAY)
    assert result.signed and result.pdf_path.is_file() and result.chain_count > 0
    text = " ".join(p.extract_text() for p in PdfReader(result.pdf_path).pages)
    assert "ĐỐI SOÁT CUỐI NGÀY 02/03/2026" in text
    with desk.sessions() as session:
        row = session.get(DayClose, DAY)
        assert row.state == "closed" and row.report_sha256 == result.report_sha256
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "day.close")).entity_id == "2026-03-02"
    assert reconcile(desk, supervisor, DAY).closed


def test_broken_day_every_planted_problem_is_found_and_named(desk, clerk, supervisor, page_files, fixed_clock,
                                                             monkeypatch):
    monkeypatch.setenv("DESK_APP_PASSWORD", SUPERVISOR_PASSWORD)
    fixed_clock(MORNING)
    with_receipt = _file(desk, clerk, page_files[:1], 5)
    no_receipt = _file(desk, clerk, page_files[1:], 10, receipt=False)
    refused = _file(desk, clerk, page_files[:1], 15, decision=Decision.REFUSE)   # Mẫu 03 never printed
    last = _file(desk, clerk, page_files[:1], 20)
    paid = open_payment(desk, clerk, with_receipt, "cash")
    confirm_payment(desk, clerk, paid.id)
    cancelled = open_payment(desk, clerk, last, "cash")
    cancel_payment(desk, clerk, cancelled.id, "Công dân đổi sang chuyển khoản hôm sau")
    _acknowledge_all(desk)
    # A missing archive file: the page of the dossier without receipt is gone from the disk.
    with desk.sessions() as session:
        page_sha = session.scalar(select(Dossier).where(Dossier.code == no_receipt)).pages[0].file_sha256
    desk.archive.path_for(page_sha).unlink()
    # A sequence gap: one number of the desk's block issued, no dossier holds it (the counter ran ahead).
    with desk.sessions.begin() as session:
        counter = session.scalar(select(SequenceCounter).where(SequenceCounter.name.like("code:%")))
        counter.last_value += 1
        gap_number = counter.last_value
    # A rejected upload.
    with desk.sessions.begin() as session:
        row = session.scalars(select(OutboxItem).order_by(OutboxItem.id)).first()
        row.state, row.last_error = "failed_rejected", "Mã thủ tục không hợp lệ (E_PROCEDURE)"
        rejected_id = row.id
    fixed_clock(EVENING)
    record_cash_count(desk, supervisor, DAY, {5_000: 1})   # 5.000 đ short
    report = reconcile(desk, supervisor, DAY)
    kinds = _kinds(report)
    prefix = no_receipt.rsplit("-", 1)[0]
    assert ("missing_form", no_receipt) in kinds
    assert ("missing_form", refused) in kinds
    assert ("missing_file", f"{no_receipt} / {page_sha}") in kinds
    assert ("code_gap", f"{prefix}-{gap_number:04d}") in kinds
    assert ("cash_difference", "tiền mặt") in kinds
    assert ("payment_cancelled", f"{cancelled.receipt_number}") in kinds
    assert any(k == "upload_rejected" and s.endswith(f"#{rejected_id}") for k, s in kinds)
    assert ("missing_form", with_receipt) not in kinds and ("missing_form", last) not in kinds
    cash_problem = next(p for p in report.problems if p.kind == "cash_difference")
    assert "thiếu 5.000 đồng" in cash_problem.message
    rejected = next(p for p in report.problems if p.kind == "upload_rejected")
    assert "E_PROCEDURE" in rejected.message
    # The report is audited without personal data.
    with desk.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "day.reconcile"))
        assert "Đỗ Văn Lâm" not in json.dumps(entry.details, ensure_ascii=False)

    # The CLI names the same problems and exits non-zero while any is unexplained.
    env_user = ["--user", "lan.tran"]
    assert main(["day", "reconcile", "--date", "2026-03-02", "--json", *env_user]) == 4
    # Closing is refused until every problem is explained.
    with pytest.raises(DayClosedError, match="chưa giải trình"):
        close_day(desk, supervisor, DAY)
    with pytest.raises(ReconciliationError, match="lời giải trình"):
        explain(desk, supervisor, DAY, report.problems[0].id, "")
    for problem in report.problems:
        explain(desk, supervisor, DAY, problem.id, "Đã kiểm tra, ghi nhận: " + problem.kind)
    assert reconcile(desk, supervisor, DAY).unexplained == []
    close_day(desk, supervisor, DAY)
    with desk.sessions() as session:
        explanations = session.scalars(select(AuditEntry).where(AuditEntry.action == "day.explain")).all()
        assert len(explanations) == len(report.problems)
        assert all("Đã kiểm tra" not in json.dumps(e.details, ensure_ascii=False) for e in explanations)


def test_cli_reconcile_json_names_each_problem_like_the_screen(desk, supervisor, clean_day, capsys, monkeypatch):
    monkeypatch.setenv("DESK_APP_PASSWORD", SUPERVISOR_PASSWORD)
    capsys.readouterr()
    assert main(["day", "reconcile", "--date", "2026-03-02", "--json", "--user", "lan.tran"]) == 4
    data = json.loads(capsys.readouterr().out)
    screen = reconcile(desk, supervisor, DAY)
    assert [p["id"] for p in data["problems"]] == [p.id for p in screen.problems] == ["cash_not_counted:cash"]
    assert data["money"]["cash"]["confirmed_amount"] == 20_000 and data["dossiers"]["count"] == 2
    assert main(["day", "cash", "--date", "2026-03-02", "--count", "10000=1", "--count", "5000=2",
                 "--user", "lan.tran"]) == 0
    assert main(["day", "reconcile", "--date", "2026-03-02", "--user", "lan.tran"]) == 0
    assert "Không có vấn đề" in capsys.readouterr().out
    assert main(["day", "close", "--date", "2026-03-02", "--user", "lan.tran"]) == 0
    assert "SHA-256" in capsys.readouterr().out
    assert main(["day", "reopen", "--date", "2026-03-02", "--reason", "Sửa biên lai in nhầm",
                 "--user", "lan.tran"]) == 0


def test_cli_explain_by_problem_id(desk, supervisor, clean_day, capsys, monkeypatch):
    monkeypatch.setenv("DESK_APP_PASSWORD", SUPERVISOR_PASSWORD)
    assert main(["day", "explain", "--date", "2026-03-02", "--problem", "cash_not_counted:cash",
                 "--text", "Thủ quỹ đã nộp tiền vào kho bạc trước khi kiểm", "--user", "lan.tran"]) == 0
    assert main(["day", "reconcile", "--date", "2026-03-02", "--user", "lan.tran"]) == 0
    assert main(["day", "explain", "--date", "2026-03-02", "--problem", "khong-co", "--text", "abcdef",
                 "--user", "lan.tran"]) != 0


def test_closed_day_refuses_changes_until_an_audited_reopening(desk, clerk, supervisor, clean_day, fixed_clock,
                                                              page_files):
    record_cash_count(desk, supervisor, DAY, {10_000: 2})
    close_day(desk, supervisor, DAY)
    code = clean_day[0]
    with pytest.raises(DayClosedError, match="đã khoá sổ"):
        lifecycle.forward(desk, clerk, code)
    with pytest.raises(DayClosedError, match="đã khoá sổ"):   # filing a dossier dated that day
        _file(desk, clerk, page_files, 30, receipt=False, outside_hours_reason="kiểm thử: nhận muộn")
    with pytest.raises(DayClosedError):
        explain(desk, supervisor, DAY, "cash_not_counted:cash", "muộn rồi vẫn muốn sửa")
    with pytest.raises(DayClosedError, match="đã khoá sổ"):
        close_day(desk, supervisor, DAY)
    # The next day is open.
    fixed_clock(datetime(2026, 3, 3, 8, 0))
    lifecycle.forward(desk, clerk, code)
    fixed_clock(EVENING)
    with pytest.raises(PermissionDeniedError):
        reopen_day(desk, clerk, DAY, "Cán bộ muốn sửa")
    with pytest.raises(DayClosedError, match="lý do"):
        reopen_day(desk, supervisor, DAY, "")
    reopen_day(desk, supervisor, DAY, "Sửa trạng thái chuyển nhầm")
    lifecycle.forward(desk, clerk, clean_day[1])
    with desk.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "day.reopen"))
        assert entry.entity_id == "2026-03-02" and entry.username == "lan.tran"
        assert session.get(DayClose, DAY).reopen_reason == "Sửa trạng thái chuyển nhầm"
    # Closed again after the correction; the day left open is no longer reported.
    assert days_left_open(desk, date(2026, 3, 4)) == [DAY]
    assert [p.kind for p in reconcile(desk, supervisor, DAY).unexplained] == ["upload_pending"]   # the correction
    _acknowledge_all(desk)
    close_day(desk, supervisor, DAY)
    assert days_left_open(desk, date(2026, 3, 4)) == []


def test_a_payment_on_a_closed_day_is_refused(desk, clerk, supervisor, page_files, fixed_clock):
    fixed_clock(MORNING)
    code = _file(desk, clerk, page_files, 5)
    _acknowledge_all(desk)
    close_day_ok = reconcile(desk, supervisor, DAY)
    assert close_day_ok.problems == []
    close_day(desk, supervisor, DAY)
    with pytest.raises(DayClosedError):
        open_payment(desk, clerk, code, "cash")


def test_only_the_reconcile_permission_sees_the_report(desk, clerk, supervisor, clean_day):
    with pytest.raises(PermissionDeniedError):
        reconcile(desk, clerk, DAY)
    with pytest.raises(PermissionDeniedError):
        record_cash_count(desk, clerk, DAY, {10_000: 2})


# --------------------------------------------------------------------------- QĐ 766 indicators, monthly report


def _finish(desk, code, result_at, late=False):
    """Hand to processing, then result ready at *result_at* (through lifecycle.move, as the actions do)."""
    from desk_app.domain.status import DossierStatus as S
    from desk_app.storage.db import transaction
    from desk_app.storage.models import User

    with transaction(desk.sessions) as session:
        user = session.scalar(select(User).where(User.username == "tuyet.nguyen"))
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        lifecycle.move(session, dossier, user, S.PROCESSING, at=result_at, event="forward")
        lifecycle.move(session, dossier, user, S.RESULT_READY, at=result_at, event="result")
        return dossier.due_at


def test_indicators_show_their_formula_and_the_dossiers_behind_them(desk, clerk, supervisor, page_files,
                                                                  fixed_clock, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from desk_app.domain.status import Channel
    from desk_app.services.indicators import indicators

    fixed_clock(MORNING)
    in_person = _file(desk, clerk, page_files[:1], 5)
    reused = _file(desk, clerk, page_files[:1], 10, form_values={"ho_ten": "Đỗ Văn Lâm"},
                   form_sources={"ho_ten": "registry"})
    online = _file(desk, clerk, page_files[:1], 15, channel=Channel.ONLINE)
    postal = _file(desk, clerk, page_files[:1], 20, channel=Channel.POSTAL)
    with desk.sessions.begin() as session:   # the province acknowledged the first two
        for row in session.scalars(select(OutboxItem).join(Dossier, Dossier.id == OutboxItem.dossier_id)
                                   .where(Dossier.code.in_([in_person, reused]))):
            row.state = "acknowledged"
    fixed_clock(datetime(2026, 3, 20, 10, 0))
    due = _finish(desk, in_person, datetime(2026, 3, 2, 11, 0))           # on its due day (same-day procedure)
    _finish(desk, online, datetime(2026, 3, 20, 10, 0))                  # after its due date: late
    assert due.date() == DAY
    paid = open_payment(desk, clerk, reused, "transfer")
    confirm_payment(desk, clerk, paid.id, "FT2607912345")
    confirm_payment(desk, clerk, open_payment(desk, clerk, postal, "cash").id)

    report = indicators(desk, supervisor, date(2026, 3, 1), date(2026, 3, 31))
    on_time = report.get("on_time")
    assert (on_time.numerator, on_time.denominator, on_time.codes) == (1, 2, [in_person])
    assert "đúng hạn" in on_time.formula
    assert report.get("late_apology").denominator == 1 and report.get("late_apology").numerator == 0
    assert (report.get("online").numerator, report.get("online").denominator) == (1, 3)   # postal not counted
    assert report.get("online_payment").codes == [reused] and report.get("online_payment").rate == 50.0
    assert report.get("digitised_input").rate == 100.0
    assert report.get("reuse").codes == [reused]
    assert sorted(report.get("synced").codes) == sorted([in_person, reused])
    assert report.by_channel == {1: 2, 2: 1, 3: 1}
    with pytest.raises(PermissionDeniedError):
        indicators(desk, clerk, date(2026, 3, 1), date(2026, 3, 31))

    monkeypatch.setenv("DESK_APP_PASSWORD", SUPERVISOR_PASSWORD)
    out = tmp_path / "báo cáo tháng 3.xlsx"
    assert main(["report", "monthly", "--month", "2026-03", "--out", str(out), "--user", "lan.tran"]) == 0
    book = load_workbook(out)
    rows = list(book["Theo thủ tục"].iter_rows(min_row=3, values_only=True))
    assert sum(r[3] for r in rows[:-1]) == 4 and rows[-1][0] == "Tổng"
    labels = [r[0] for r in book["Chỉ số QĐ 766"].iter_rows(min_row=2, values_only=True)]
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in labels
    assert main(["report", "indicators", "--from", "2026-03-01", "--to", "2026-03-31", "--json",
                 "--user", "lan.tran"]) == 0


def test_a_changed_page_file_is_named_and_can_be_explained(desk, clerk, supervisor, page_files, fixed_clock):
    fixed_clock(MORNING)
    code = _file(desk, clerk, page_files[:1], 5)
    _acknowledge_all(desk)
    with desk.sessions() as session:
        sha = session.scalar(select(Dossier).where(Dossier.code == code)).pages[0].file_sha256
    desk.archive.path_for(sha).write_bytes(b"trang bi sua")
    fixed_clock(EVENING)
    report = reconcile(desk, supervisor, DAY)
    assert [(p.kind, p.subject) for p in report.problems] == [("corrupt_file", f"{code} / {sha}")]
    explain(desk, supervisor, DAY, report.problems[0].id, "Đã quét lại trang từ bản giấy lưu tại bộ phận")
    assert reconcile(desk, supervisor, DAY).unexplained == []
