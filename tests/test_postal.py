"""Public-postal reception (channel 3) and return by post, core and CLI (docs/POSTAL.md).

Three dossiers collected by the postal employee on a Friday, handed over on Monday morning (one
incomplete): channel 3, receipt time = the hand-over signing time (due dates counted from it, across the
weekend), the record names both parties, the fees become biên lai; one result goes back by post after a
failed first invitation. Permissions are checked in the services.
"""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.domain.postal_code import PostalCodeError, make_s10
from desk_app.domain.status import Channel, DossierStatus as S
from desk_app.security.roles import PermissionDeniedError
from desk_app.services import lifecycle, postal
from desk_app.services.intake import Decision, IntakeError, IntakeSession, store_pages
from desk_app.services.receipts import receipt_data_for
from desk_app.services.users import create_user, sign_in
from desk_app.storage.forms_models import Payment, PostalHandover
from desk_app.storage.models import AuditEntry, Dossier, OutboxItem
from desk_app.storage.postal_models import PostalItem
from tests.conftest import make_page_image

FRIDAY = datetime(2026, 3, 6, 14, 0)           # collection day (an ordinary Friday)
MONDAY_MORNING = datetime(2026, 3, 9, 7, 45)   # the hand-over at the commune centre
POSTAL_PASSWORD = "Mưa-rào-mùa-hạ-1234"
S10 = [make_s10("EB", 12345670 + n) for n in range(4)]


@pytest.fixture
def postman(desk, admin):
    create_user(desk.sessions, "ha.vu", "Vũ Thị Thu Hà", "postal", POSTAL_PASSWORD, created_by=admin)
    return sign_in(desk.sessions, "ha.vu", POSTAL_PASSWORD)


def _pages(desk, tmp_path, label: str, n: int = 2):
    return store_pages(desk, [make_page_image(tmp_path / "Ảnh quét bưu điện" / f"{label} {i}.png", f"{label} {i}")
                              for i in range(n)])


def _intake(desk, tmp_path, procedure: str, name: str, id_number: str, label: str) -> IntakeSession:
    return IntakeSession(procedure_code=procedure, applicant_name=name, applicant_id_number=id_number,
                         applicant_address="Thôn Đông, xã Hòa An", applicant_phone="0912345678",
                         pages=_pages(desk, tmp_path, label))


def _collect_three(desk, postman, tmp_path):
    fee = {"1.004873": 15000, "1.004222": 20000}
    people = [("1.004873", "Phạm Quốc Đạt", "038096001234", "xac nhan"),
              ("1.004222", "Ngô Thị Mai", "038196002345", "thuong tru"),
              ("1.004873", "Bùi Văn Toàn", "038096003456", "hon nhan")]
    outcomes = []
    for n, (procedure, name, id_number, label) in enumerate(people):
        outcomes.append(postal.collect(
            desk, postman, _intake(desk, tmp_path, procedure, name, id_number, label), S10[n],
            fee_collected=fee[procedure], postal_charge=25000, return_by_post=n == 0,
            delivery_address="Số 5, thôn Đông, xã Hòa An" if n == 0 else "", at=FRIDAY.replace(minute=10 * n)))
    return outcomes


def _dossier(desk, code) -> Dossier:
    with desk.sessions() as session:
        return session.scalar(select(Dossier).where(Dossier.code == code))


def test_collected_items_are_in_transit_not_dossiers(desk, postman, clerk, tmp_path):
    outcomes = _collect_three(desk, postman, tmp_path)
    with desk.sessions() as session:
        assert session.scalars(select(Dossier)).all() == []
        items = session.scalars(select(PostalItem).order_by(PostalItem.id)).all()
        assert [(i.s10, i.state, i.fee_collected, i.postal_charge) for i in items] == [
            (S10[0], "in_transit", 15000, 25000), (S10[1], "in_transit", 20000, 25000),
            (S10[2], "in_transit", 15000, 25000)]
        assert items[0].return_by_post and items[0].delivery_address == "Số 5, thôn Đông, xã Hòa An"
        assert IntakeSession.from_json(items[1].intake_json).applicant_name == "Ngô Thị Mai"
        actions = [a.action for a in session.scalars(select(AuditEntry))]
    assert actions.count("postal.collect") == 3
    # The Phiếu gửi: two copies, the S10, the fee and the postal charge apart, both signatures.
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(outcomes[0].slip_pdf)).pages)
    assert "PHIẾU GỬI HỒ SƠ" in text and S10[0] in text and "Phạm Quốc Đạt" in text
    assert "15.000" in text and "25.000" in text and "Vũ Thị Thu Hà" in text
    assert len(PdfReader(io.BytesIO(outcomes[0].slip_pdf)).pages) == 2
    assert postal.slip_pdf(desk, postman, S10[0]) == outcomes[0].slip_pdf
    # The postal employee sees the items in transit; the clerk brings one up by its S10 with its pages.
    assert [v.s10 for v in postal.items_in_transit(desk, postman)] == S10[:3]
    view = postal.item_by_s10(desk, clerk, S10[1].lower())
    assert view.applicant_name == "Ngô Thị Mai" and view.pages == 2 and len(view.page_hashes) == 2


def test_collect_refuses_a_wrong_check_digit_a_duplicate_and_a_clerk(desk, postman, clerk, tmp_path):
    intake = _intake(desk, tmp_path, "1.004873", "Phạm Quốc Đạt", "038096001234", "a")
    wrong = S10[0][:10] + str((int(S10[0][10]) + 1) % 10) + "VN"
    with pytest.raises(PostalCodeError):
        postal.collect(desk, postman, intake, wrong, fee_collected=15000, at=FRIDAY)
    with pytest.raises(PermissionDeniedError):
        postal.collect(desk, clerk, intake, S10[0], fee_collected=15000, at=FRIDAY)
    postal.collect(desk, postman, intake, S10[0], fee_collected=15000, at=FRIDAY)
    with pytest.raises(postal.PostalError, match="đã được ghi nhận"):
        postal.collect(desk, postman, _intake(desk, tmp_path, "1.004873", "Ngô Thị Mai", "038196002345", "b"),
                       S10[0], at=FRIDAY)
    with pytest.raises(IntakeError, match="địa chỉ"):
        postal.collect(desk, postman, _intake(desk, tmp_path, "1.004873", "Ngô Thị Mai", "038196002345", "c"),
                       S10[1], return_by_post=True, at=FRIDAY)


def _hand_over(desk, clerk, **extra):
    defect = [{"component": "Tờ khai", "requirement": "Ký đủ hai trang", "reason": "Thiếu chữ ký"}]
    return postal.handover(
        desk, clerk, postal_employee="Vũ Thị Thu Hà", postal_employee_id="038185009999",
        postal_unit="Bưu điện xã Hòa An",
        items=[postal.HandoverItem(S10[0]), postal.HandoverItem(S10[1]),
               postal.HandoverItem(S10[2], Decision.INCOMPLETE, defects=defect)],
        at=MONDAY_MORNING, **extra)


def test_handover_files_channel_3_at_the_signing_time_across_the_weekend(desk, postman, clerk, tmp_path):
    _collect_three(desk, postman, tmp_path)
    with pytest.raises(PermissionDeniedError):  # the postal employee cannot receive on the desk's behalf
        _hand_over(desk, postman)
    with pytest.raises(postal.PostalError, match="không khớp"):
        _hand_over(desk, clerk, fees_handed_over=50000)  # the incomplete item's fee goes back to the citizen
    outcome = _hand_over(desk, clerk, fees_handed_over=35000)
    accepted, second, incomplete = outcome.items
    assert [i.decision for i in outcome.items] == [Decision.ACCEPT, Decision.ACCEPT, Decision.INCOMPLETE]
    for item in outcome.items:
        d = _dossier(desk, item.code)
        assert d.channel == int(Channel.POSTAL) and d.postal_item_id == item.s10
        assert d.received_at == MONDAY_MORNING == d.submitted_at  # the hand-over, not Friday's collection
    # 3 working days from Monday 07:45 (not from Friday 14:00, which would end on Wednesday).
    assert accepted.due_at == lifecycle.work_clock(desk).due(MONDAY_MORNING, desk.catalog.get(
        "1.004873", MONDAY_MORNING.date()).time_limit, None)
    assert accepted.due_at.date() == datetime(2026, 3, 12).date()  # Thursday
    assert second.due_at.date() == datetime(2026, 3, 18).date()    # 7 working days: Wednesday week after
    assert incomplete.due_at is None and _dossier(desk, incomplete.code).status == int(S.SUPPLEMENT_REQUESTED)
    # Mẫu 01 says where the result goes.
    assert "bưu chính" in receipt_data_for(desk, accepted.code).return_place
    assert "Số 5, thôn Đông" in receipt_data_for(desk, accepted.code).return_place
    assert "bưu chính" not in receipt_data_for(desk, second.code).return_place
    # The fees handed over are paid payments with biên lai numbers.
    with desk.sessions() as session:
        payments = session.scalars(select(Payment).order_by(Payment.id)).all()
        assert [(p.state, p.amount) for p in payments] == [("paid", 15000), ("paid", 20000)]
        assert [p.receipt_number for p in payments] == [accepted.receipt_number, second.receipt_number]
        record = session.get(PostalHandover, outcome.handover_id)
        assert record.postal_employee_id == "038185009999" and record.pdf_sha256 == outcome.pdf_sha256
        assert {i.state for i in session.scalars(select(PostalItem))} == {"handed_over"}
    # The printed record names both parties, each identified, and its bytes are archived.
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(outcome.pdf)).pages)
    assert "Vũ Thị Thu Hà" in text and "038185009999" in text
    assert "Nguyễn Thị Ánh Tuyết" in text and "tuyet.nguyen" in text
    assert all(s in text for s in S10[:3]) and "35.000" in text
    assert postal.handover_pdf(desk, clerk, outcome.handover_id) == outcome.pdf
    # Each filed dossier got its counter form to send back by post: Mẫu 01 twice, Mẫu 02 once.
    from desk_app.storage.forms_models import FormIssue
    from desk_app.storage.models import AuditEntry

    with desk.sessions() as session:
        receipts = {a.entity_id for a in session.scalars(select(AuditEntry).where(
            AuditEntry.action == "form.export")) if a.details.get("form") == "receipt"}
        supplements = {f.dossier_code for f in session.scalars(select(FormIssue).where(
            FormIssue.kind == "supplement"))}
    assert receipts == {accepted.code, second.code} and supplements == {incomplete.code}
    with pytest.raises(postal.PostalError, match="đã được bàn giao"):
        _hand_over(desk, clerk)


def test_return_by_post_after_a_failed_first_attempt(desk, postman, clerk, tmp_path):
    _collect_three(desk, postman, tmp_path)
    outcome = _hand_over(desk, clerk)
    code, desk_code = outcome.items[0].code, outcome.items[1].code
    lifecycle.record_result(desk, clerk, code, ["Giấy xác nhận tình trạng hôn nhân"],
                            _pages(desk, tmp_path, "ket qua", 1), at=datetime(2026, 3, 11, 9, 0))
    lifecycle.record_result(desk, clerk, desk_code, ["Xác nhận thường trú"], _pages(desk, tmp_path, "kq2", 1),
                            at=datetime(2026, 3, 11, 9, 5))
    back = make_s10("RR", 55500011)
    with pytest.raises(postal.PostalError, match="tại Bộ phận Một cửa"):
        postal.send_results(desk, clerk, postal_employee="Vũ Thị Thu Hà", items=[(desk_code, back)])
    postal.send_results(desk, clerk, postal_employee="Vũ Thị Thu Hà", items=[(code, back)],
                        at=datetime(2026, 3, 11, 10, 0))
    assert [v.dossier_code for v in postal.returns_in_delivery(desk, postman)] == [code]
    assert postal.record_attempt(desk, postman, back, at=datetime(2026, 3, 12, 9, 0), note="Vắng nhà") == 1
    with pytest.raises(postal.PostalError, match="02 ngày làm việc"):  # Friday is one working day later
        postal.record_attempt(desk, postman, back, at=datetime(2026, 3, 13, 9, 0))
    with pytest.raises(postal.PostalError, match="Chỉ chuyển hoàn"):
        postal.record_undelivered(desk, clerk, back)
    signed = _pages(desk, tmp_path, "phieu phat", 1)
    postal.record_delivered(desk, postman, back, receiver_name="Phạm Quốc Đạt", receiver_id_number="038096001234",
                            signature_pages=signed, at=datetime(2026, 3, 16, 10, 0))
    d = _dossier(desk, code)
    assert d.status == int(S.RETURNED)
    with desk.sessions() as session:
        rows = session.scalars(select(OutboxItem).where(OutboxItem.dossier_id == d.id).order_by(OutboxItem.id)).all()
        events = [(o.action, o.payload["event"], o.payload["status"]) for o in rows]
    assert events == [("dossier.create", "accept", 2), ("dossier.update", "result", 9),
                      ("dossier.update", "postal_return_sent", 9), ("dossier.update", "postal_attempt", 9),
                      ("dossier.update", "returned_by_post", 10)]


def test_the_mau_02_of_a_postal_dossier_not_accepted_goes_back_by_post_and_is_tracked(desk, postman, clerk,
                                                                                      tmp_path):
    """Item 3 was sent back as incomplete at the hand-over: its Mẫu 02 and papers wait to go out by post like a
    result, are delivered to the citizen with a signed note, and the dossier keeps its status (5)."""
    _collect_three(desk, postman, tmp_path)
    outcome = _hand_over(desk, clerk)
    incomplete = outcome.items[2].code
    waiting = postal.results_waiting_for_post(desk, clerk)
    notice = [w for w in waiting if w.dossier_code == incomplete]
    assert len(notice) == 1 and (notice[0].kind, notice[0].form) == ("notice", "Mẫu 02")
    assert notice[0].applicant_name == "Bùi Văn Toàn" and notice[0].delivery_address   # the citizen's address
    assert notice[0].ready_since == MONDAY_MORNING
    back = make_s10("RR", 55500022)
    postal.send_results(desk, clerk, postal_employee="Vũ Thị Thu Hà", items=[(incomplete, back)],
                        at=datetime(2026, 3, 9, 10, 0))
    assert incomplete not in {w.dossier_code for w in postal.results_waiting_for_post(desk, clerk)}
    in_delivery = {v.dossier_code: v for v in postal.returns_in_delivery(desk, postman)}
    assert in_delivery[incomplete].kind == "notice" and in_delivery[incomplete].s10 == back
    with pytest.raises(postal.PostalError, match="chưa có kết quả"):   # sent once, not twice
        postal.send_results(desk, clerk, postal_employee="Vũ Thị Thu Hà", items=[(incomplete, make_s10("RR", 55500033))])
    postal.record_delivered(desk, postman, back, receiver_name="Bùi Văn Toàn", receiver_id_number="038096003456",
                            signature_pages=_pages(desk, tmp_path, "phieu phat mau 02", 1),
                            at=datetime(2026, 3, 10, 9, 0))
    d = _dossier(desk, incomplete)
    assert d.status == int(S.SUPPLEMENT_REQUESTED)      # a notice delivered returns no result
    assert incomplete not in {v.dossier_code for v in postal.returns_in_delivery(desk, postman)}
    with desk.sessions() as session:
        rows = session.scalars(select(OutboxItem).where(OutboxItem.dossier_id == d.id).order_by(OutboxItem.id)).all()
        events = [(o.payload["event"], o.payload["status"]) for o in rows]
    assert events[-2:] == [("postal_notice_sent", 5), ("postal_notice_delivered", 5)]


def test_at_the_counter_the_citizen_chooses_the_post_and_mau_01_says_so(desk, clerk, tmp_path):
    at = datetime(2026, 3, 2, 9, 0)
    by_post = _intake(desk, tmp_path, "1.004873", "Lê Thị Hồng Nhung", "038196004321", "quay")
    by_post.return_by_post, by_post.delivery_address = True, "Số 12, thôn Tây, xã Hòa An"
    at_desk = _intake(desk, tmp_path, "1.004873", "Trần Văn Hải", "038096007777", "quay2")
    first, second = by_post.finish(desk, clerk, at=at), at_desk.finish(desk, clerk, at=at)
    place = receipt_data_for(desk, first.code).return_place
    assert "Số 12, thôn Tây, xã Hòa An" in place and "bưu chính" in place
    assert "bưu chính" not in receipt_data_for(desk, second.code).return_place
    d = _dossier(desk, first.code)
    assert d.channel == int(Channel.IN_PERSON) and d.result_by_post and d.postal_item_id == ""
    # The result hand-over list ticks "by post" from the citizen's choice, not from the intake channel.
    from desk_app.services.forms import FormRequest, render_form_pdf

    pdf = render_form_pdf(desk, FormRequest("result-handover", codes=(first.code, second.code)))
    assert pdf.startswith(b"%PDF")
    with pytest.raises(IntakeError, match="địa chỉ"):
        IntakeSession(procedure_code="1.004873", applicant_name="Ngô Văn Lâm", pages=by_post.pages,
                      return_by_post=True).finish(desk, clerk, at=at)


# --------------------------------------------------------------------------- the CLI


def test_a_postal_day_scripted_from_the_command_line(monkeypatch, capsys, data_folder, page_files, tmp_path):
    import json

    from desk_app.cli import main

    admin_pw, clerk_pw = "Quản-trị-Xã-2026!", "Cán-bộ-Một-cửa-2026!"
    monkeypatch.setenv("DESK_APP_ADMIN_PASSWORD", admin_pw)
    assert main(["init"]) == 0
    monkeypatch.setenv("DESK_APP_PASSWORD", admin_pw)
    monkeypatch.setenv("DESK_APP_NEW_PASSWORD", clerk_pw)
    assert main(["add-user", "hanh.le", "Lê Thị Hạnh", "--role", "clerk"]) == 0
    monkeypatch.setenv("DESK_APP_NEW_PASSWORD", POSTAL_PASSWORD)
    assert main(["add-user", "ha.vu", "Vũ Thị Thu Hà", "--role", "postal"]) == 0
    capsys.readouterr()

    def run(user: str, password: str, *args) -> dict:
        monkeypatch.setenv("DESK_APP_PASSWORD", password)
        code = main([*args, "--user", user])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return json.loads(captured.out.splitlines()[-1])

    pages = sum((["--page", str(p)] for p in page_files), [])
    out = tmp_path / "Phiếu gửi" / "phiếu.pdf"
    first = run("ha.vu", POSTAL_PASSWORD, "postal", "collect", "--s10", S10[0], "--procedure", "1.004873",
                "--applicant", "Phạm Quốc Đạt", "--id-number", "038096001234", *pages, "--fee", "15000",
                "--postal-charge", "25000", "--return-by-post", "--delivery-address", "Số 5, thôn Đông",
                "--at", "2026-03-06T14:00", "--out", str(out))
    assert first["state"] == "in_transit" and out.read_bytes().startswith(b"%PDF")
    run("ha.vu", POSTAL_PASSWORD, "postal", "collect", "--s10", S10[1], "--procedure", "1.004873",
        "--applicant", "Ngô Thị Mai", *pages, "--fee", "15000", "--at", "2026-03-06T15:00")
    assert run("ha.vu", POSTAL_PASSWORD, "postal", "list")["s10"] == S10[1]
    # Registering a postal laptop (here: this machine's own key, as the laptop would show it).
    key = run("ha.vu", POSTAL_PASSWORD, "postal", "device-key")
    trusted = run("admin", admin_pw, "postal", "trust-device", key["public_key"], "--name", "Máy bưu cục Hòa An")
    assert trusted["fingerprint"] == key["fingerprint"] and trusted["revoked_at"] is None
    assert run("admin", admin_pw, "postal", "devices")["name"] == "Máy bưu cục Hòa An"
    assert run("admin", admin_pw, "postal", "revoke-device", key["fingerprint"])["revoked_at"]
    monkeypatch.setenv("DESK_APP_PASSWORD", clerk_pw)
    assert main(["postal", "trust-device", key["public_key"], "--name", "X", "--user", "hanh.le"]) != 0
    assert "traceback" not in capsys.readouterr().err.lower()
    record = tmp_path / "biên bản.pdf"
    handed = run("hanh.le", clerk_pw, "postal", "handover", "--employee", "Vũ Thị Thu Hà",
                 "--employee-id", "038185009999", "--accept", S10[0],
                 "--incomplete", f"{S10[1]}=Tờ khai|Ký đủ|Thiếu chữ ký", "--fees", "15000",
                 "--at", "2026-03-09T07:45", "--out", str(record))
    assert [(i["s10"], i["decision"], i["received_at"]) for i in handed["items"]] == [
        (S10[0], "accept", "2026-03-09T07:45:00"), (S10[1], "incomplete", "2026-03-09T07:45:00")]
    text = " ".join(p.extract_text() for p in PdfReader(record).pages)
    assert "Vũ Thị Thu Hà" in text and "Lê Thị Hạnh" in text
    code = handed["items"][0]["code"]
    monkeypatch.setenv("DESK_APP_PASSWORD", clerk_pw)
    assert main(["dossier", "result", code, "--document", "Giấy xác nhận", *pages[:2], "--user", "hanh.le",
                 "--at", "2026-03-11T09:00"]) == 0
    back = make_s10("RR", 55500011)
    run("hanh.le", clerk_pw, "postal", "return", "send", "--employee", "Vũ Thị Thu Hà",
        "--item", f"{code}={back}", "--at", "2026-03-11T10:00")
    assert run("ha.vu", POSTAL_PASSWORD, "postal", "return", "attempt", back, "--note", "Vắng nhà",
               "--at", "2026-03-12T09:00")["attempt"] == 1
    assert run("ha.vu", POSTAL_PASSWORD, "postal", "return", "attempt", back, "--at", "2026-03-16T09:00")["attempt"] == 2
    assert run("hanh.le", clerk_pw, "postal", "return", "undelivered", back, "--at", "2026-03-17T08:00")["code"] == code
    monkeypatch.setenv("DESK_APP_PASSWORD", clerk_pw)
    assert main(["dossier", "return", code, "--receiver", "Phạm Quốc Đạt", "--receiver-id", "038096001234",
                 "--user", "hanh.le", "--at", "2026-03-17T09:00"]) == 0


# --------------------------------------------------------------------------- the province


@pytest.mark.slow
def test_channel_3_and_the_legal_receipt_time_reach_the_sandbox_province_as_stored(
        data_folder, tmp_path, tmp_path_factory):
    import json
    import os
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    from desk_app.config import Settings
    from desk_app.desk import Desk
    from sync import outbox
    from sync import protocol as p
    from sync.sandbox.server import SandboxProcess
    from tests.test_sync_e2e import signed_in_clerk

    sandbox = SandboxProcess(tmp_path_factory.mktemp("tỉnh") / "sandbox", step_seconds=3600)
    sandbox.wait_ready()
    desk = Desk.open(data_folder, Settings(agency_id="000.00.77.H56"))
    try:
        desk.settings.save(data_folder)
        clerk = signed_in_clerk(desk)
        admin = sign_in(desk.sessions, "admin", "Trống-đồng-Đông-Sơn-1")
        create_user(desk.sessions, "ha.vu", "Vũ Thị Thu Hà", "postal", POSTAL_PASSWORD, created_by=admin)
        postman = sign_in(desk.sessions, "ha.vu", POSTAL_PASSWORD)
        _collect_three(desk, postman, tmp_path)
        outcome = _hand_over(desk, clerk)
        code = outcome.items[0].code
        lifecycle.record_result(desk, clerk, code, ["Giấy xác nhận"], _pages(desk, tmp_path, "kq", 1),
                                at=datetime(2026, 3, 11, 9, 0))
        back = make_s10("RR", 55500033)
        postal.send_results(desk, clerk, postal_employee="Vũ Thị Thu Hà", items=[(code, back)],
                            at=datetime(2026, 3, 11, 10, 0))
        postal.record_attempt(desk, postman, back, at=datetime(2026, 3, 12, 9, 0), note="Vắng nhà")
        env = {**os.environ, "DESK_APP_DATA_DIR": str(data_folder), **sandbox.client_env()}
        command = [sys.executable, "-m", "desk_app", "sync", "--endpoint", sandbox.url, "--no-pull", "--quiet"]
        root = Path(__file__).resolve().parents[1]
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stdout + done.stderr
        counts = outbox.counts(desk.sessions)
        assert counts[outbox.ACKNOWLEDGED] == sum(counts.values()), counts
        with sqlite3.connect(Path(sandbox.folder) / "sandbox.sqlite3") as db:
            for item in outcome.items:
                d = _dossier(desk, item.code)
                record = json.loads(db.execute("SELECT record FROM dossiers WHERE ma_ho_so = ?",
                                               (item.code,)).fetchone()[0])
                assert record["KenhThucHien"] == 3 and record["HinhThuc"] == 1
                assert record["NgayTiepNhan"] == record["NgayNopHoSo"] == p.format_date(d.received_at)
                assert p.format_date(MONDAY_MORNING) == record["BuuChinh"]["ThoiDiemBanGiao"]
                assert record["BuuChinh"]["SoHieuBuuGui"] == item.s10
                assert record["NgayHenTra"] == p.format_date(d.due_at)
            history = [json.loads(r[0]) for r in db.execute(
                "SELECT entry FROM history WHERE ma_ho_so = ? ORDER BY id", (code,)).fetchall()]
        assert [int(e["TrangThai"]) for e in history] == [2, 9, 9, 9]
        assert back in history[2]["NoiDungXuLy"] and "lần 1" in history[3]["NoiDungXuLy"]
        first = json.loads(sqlite3.connect(Path(sandbox.folder) / "sandbox.sqlite3").execute(
            "SELECT record FROM dossiers WHERE ma_ho_so = ?", (code,)).fetchone()[0])
        assert first["BuuChinh"]["NhanKetQuaQuaBuuChinh"] == 1
    finally:
        desk.close()
        sandbox.stop()


def test_a_saturday_morning_hand_over_counts_from_the_next_working_day(data_folder, tmp_path):
    """Collected on Friday, handed over at the Saturday-morning desk: received on Saturday (the signing),
    the clock starts at Monday's opening, so three working days end on Wednesday evening."""
    from desk_app.config import Settings
    from desk_app.desk import Desk
    from tests.test_sync_e2e import signed_in_clerk

    desk = Desk.open(data_folder, Settings(saturday_morning_reception=True))
    try:
        clerk = signed_in_clerk(desk)
        admin = sign_in(desk.sessions, "admin", "Trống-đồng-Đông-Sơn-1")
        create_user(desk.sessions, "ha.vu", "Vũ Thị Thu Hà", "postal", POSTAL_PASSWORD, created_by=admin)
        postman = sign_in(desk.sessions, "ha.vu", POSTAL_PASSWORD)
        postal.collect(desk, postman, _intake(desk, tmp_path, "1.004873", "Phạm Quốc Đạt", "038096001234", "t7"),
                       S10[0], fee_collected=15000, at=FRIDAY)
        saturday = datetime(2026, 3, 7, 8, 30)
        outcome = postal.handover(desk, clerk, postal_employee="Vũ Thị Thu Hà", postal_employee_id="038185009999",
                                  items=[postal.HandoverItem(S10[0])], at=saturday)
        item = outcome.items[0]
        assert item.received_at == saturday == _dossier(desk, item.code).received_at
        assert item.due_at == datetime(2026, 3, 11, 17, 0)  # Mon, Tue, Wed (from Monday 07:00)
        assert item.due_at == lifecycle.work_clock(desk).due(saturday, desk.catalog.get(
            "1.004873", saturday.date()).time_limit, None)
    finally:
        desk.close()
