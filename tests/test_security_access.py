"""Issue 13, findings 1, 7, 8, 9 and part of 12, each tried as the attack itself.

1. reading citizen data without signing in (``desk-app today``, ``desk-app print-form``);
7. guessing passwords (40 wrong then the right one), telling users apart by timing, weak passwords,
   disabled accounts;
8. forged identities, a role written straight into the database, role changes without an admin;
9. editing, deleting, inserting and forging audit rows with sqlite3, emptying the table; reads audited
   without the personal data;
12. control characters and right-to-left overrides from a QR; HTML in a name in the status line.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desk_app.cli import main
from desk_app.security.audit import chain_head, verify_chain
from desk_app.security.identity import Identity, PasswordChangeRequiredError, SessionInvalidError
from desk_app.security.passwords import PasswordPolicyError
from desk_app.security.roles import PermissionDeniedError
from desk_app.services import users
from desk_app.services.users import AuthenticationError, LockedOutError, create_user, sign_in
from desk_app.storage.models import AuditEntry, User
from tests.conftest import ADMIN_PASSWORD, CLERK_PASSWORD

MORNING = datetime(2026, 3, 2, 9, 0)  # a working Monday, inside office hours
APPLICANT = {"name": "Hoàng Thị Diệu Linh", "id": "001190012345", "address": "Số 7 ngõ Trúc Lâm, thôn Đoài",
             "phone": "0912345678"}


def _receive(desk, who, page_files) -> str:
    from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages

    return accept_dossier(desk, who, IntakeRequest(
        procedure_code="2.000884", applicant_name=APPLICANT["name"], applicant_id_number=APPLICANT["id"],
        applicant_address=APPLICANT["address"], applicant_phone=APPLICANT["phone"],
        pages=store_pages(desk, page_files)), received_at=MORNING).code


def _audit_rows(desk) -> list[AuditEntry]:
    with desk.sessions() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def _personal_data_in(rows: list[AuditEntry]) -> list[str]:
    """The personal values that leaked into audit rows (entity ids and details), folded or not."""
    from desk_app.text import fold

    found = []
    for row in rows:
        text = json.dumps({"id": row.entity_id, "details": row.details}, ensure_ascii=False)
        for value in APPLICANT.values():
            if value in text or fold(value) in fold(text):
                found.append(f"{row.action}: {value}")
    return found


# --------------------------------------------------------------------------- finding 1: no sign-in, no data


def test_today_and_print_form_refuse_without_sign_in(desk, clerk, page_files, tmp_path, monkeypatch, capsys,
                                                      fixed_clock):
    fixed_clock(MORNING)
    code = _receive(desk, clerk, page_files)
    monkeypatch.delenv("DESK_APP_PASSWORD", raising=False)

    with pytest.raises(SystemExit) as exited:  # no --user at all: argparse refuses
        main(["today", "--date", "2026-03-02"])
    assert exited.value.code == 2
    out = tmp_path / "giấy hẹn.pdf"
    assert main(["print-form", "receipt", code, "--out", str(out)]) == 2
    assert "cần đăng nhập" in capsys.readouterr().err
    assert not out.exists()
    # A user name but no password (not a terminal, no DESK_APP_PASSWORD): refused, nothing printed.
    assert main(["today", "--date", "2026-03-02", "--user", "tuyet.nguyen"]) == 2
    assert main(["print-form", "receipt", code, "--out", str(out), "--user", "tuyet.nguyen", "--sign"]) == 2
    captured = capsys.readouterr()
    assert APPLICANT["name"] not in captured.out and not out.exists()
    monkeypatch.setenv("DESK_APP_PASSWORD", "đoán-bừa-mật-khẩu")
    assert main(["today", "--date", "2026-03-02", "--user", "tuyet.nguyen"]) == 2
    assert APPLICANT["name"] not in capsys.readouterr().out

    # Signed in: allowed, and audited with who, which form, which dossier, never the citizen's data.
    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
    assert main(["today", "--date", "2026-03-02", "--user", "tuyet.nguyen"]) == 0
    assert APPLICANT["name"] in capsys.readouterr().out
    assert main(["print-form", "receipt", code, "--out", str(out), "--user", "tuyet.nguyen"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    rows = _audit_rows(desk)
    exports = [r for r in rows if r.action == "form.export" and r.username == "tuyet.nguyen"]
    assert exports and exports[-1].entity_id == code and exports[-1].details["form"] == "receipt"
    assert any(r.action == "dossier.list" and r.username == "tuyet.nguyen" for r in rows)
    assert _personal_data_in(rows) == []
    # Each command's sign-in ended with the command.
    from desk_app.storage.models import UserSession

    with desk.sessions() as session:
        cli = session.scalars(select(UserSession).where(UserSession.kind == "cli")).all()
    assert cli and all(s.ended_at is not None for s in cli)


# --------------------------------------------------------------------------- finding 7: sign-in


def test_forty_wrong_passwords_lock_the_account_even_for_the_right_one_and_across_processes(
        desk, clerk_user, monkeypatch, capsys):
    from desk_app import clock

    now = [MORNING]
    clock.set_clock(lambda: now[0])
    try:
        for _ in range(40):
            with pytest.raises(AuthenticationError):
                sign_in(desk.sessions, "tuyet.nguyen", "mật-khẩu-đoán-thử")
        with pytest.raises(LockedOutError) as locked:
            sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD)
        assert "thử lại sau" in str(locked.value)
        assert locked.value.until > now[0]

        # Another process (a fresh desk-app command) sees the same lock: it is in the database.
        monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
        assert main(["today", "--user", "tuyet.nguyen"]) == 2
        assert "tạm khóa" in capsys.readouterr().err

        # Attempts during the lock are refused unseen; the next wrong guess after it doubles the delay.
        now[0] = MORNING + timedelta(seconds=31)
        with pytest.raises(LockedOutError) as locked:
            sign_in(desk.sessions, "tuyet.nguyen", "mật-khẩu-đoán-lần-nữa")
        assert locked.value.until == now[0] + timedelta(seconds=60)
        now[0] += timedelta(seconds=45)
        with pytest.raises(LockedOutError):
            sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD)
        # Once it has run out, the right password works and the count starts again.
        now[0] += timedelta(seconds=16)
        who = sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD)
        assert who.username == "tuyet.nguyen"
    finally:
        clock.set_clock(None)
    with desk.sessions() as session:
        actions = [r.action for r in session.scalars(select(AuditEntry))]
    assert actions.count("login.failed") >= 5 and "login.locked" in actions


def test_failures_on_one_desk_lock_every_name_tried_there(desk, clerk_user, fixed_clock):
    fixed_clock(MORNING)
    for n in range(10):  # spraying many names from one desk
        with pytest.raises(AuthenticationError):
            sign_in(desk.sessions, f"khach{n}", "mật-khẩu-đoán-thử", desk_id="quầy-1")
    with pytest.raises(LockedOutError):
        sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD, desk_id="quầy-1")
    assert sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD, desk_id="quầy-2").username == "tuyet.nguyen"


@pytest.mark.real_password_hashing
def test_unknown_users_answer_as_slowly_as_real_ones(desk, clerk_user):
    def timed(name: str, desk_id: str) -> float:
        start = time.perf_counter()
        with pytest.raises(AuthenticationError) as refused:
            sign_in(desk.sessions, name, "mật-khẩu-sai-bét", desk_id=desk_id)
        assert str(refused.value) == users.GENERIC_FAILURE  # the same words for both
        return time.perf_counter() - start

    timed("không.có.ai", "khởi động")  # first use builds the dummy hash
    known, unknown = [], []
    for i in range(4):  # interleaved, so a busy moment hits both alike (a 5th failure would lock)
        known.append(timed("tuyet.nguyen", f"q{i}"))
        unknown.append(timed(f"không.có.ai.{i}", f"q{i}"))
    known_ms, unknown_ms = statistics.median(known), statistics.median(unknown)
    assert max(known_ms, unknown_ms) / min(known_ms, unknown_ms) < 3, (known, unknown)


@pytest.mark.parametrize("password", [
    "aaaaaaaaaa", "12345678", "matkhau123", "Matkhau@2025", "P@ssw0rd123", "1234567890", "qwertyuiop",
    "tuyet.nguyen", "tuyet.nguyen2026", "NguyenThiAnhTuyet", "Tuyết-Nguyễn-1990", "anhtuyet1234",
])
def test_weak_passwords_are_refused(desk, admin, password):
    with pytest.raises(PasswordPolicyError):
        create_user(desk.sessions, "tuyet.nguyen", "Nguyễn Thị Ánh Tuyết", "clerk", password, created_by=admin)


def test_weak_passwords_are_refused_on_change_and_reset_too(desk, admin, clerk):
    with pytest.raises(PasswordPolicyError):
        users.change_password(desk.sessions, clerk, CLERK_PASSWORD, "matkhau@123")
    with pytest.raises(PasswordPolicyError):
        users.reset_password(desk.sessions, admin, "tuyet.nguyen", "tuyet.nguyen1")


def test_disabled_account_cannot_sign_in_and_its_open_identity_stops_working(desk, admin, clerk):
    from desk_app.services.fulltext import search
    from desk_app.services.registry import CitizenRegistry

    registry = CitizenRegistry(desk.sessions, clerk)
    registry.search("nguyen")  # works while enabled
    with pytest.raises(PermissionDeniedError):  # a clerk cannot disable anybody
        users.set_active(desk.sessions, clerk, "admin", False)
    users.set_active(desk.sessions, admin, "tuyet.nguyen", False)

    with pytest.raises(SessionInvalidError):
        registry.search("nguyen")
    with pytest.raises(SessionInvalidError):
        search(desk.sessions, clerk, "nguyen")
    with pytest.raises(AuthenticationError, match="bị khóa"):
        sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD)

    users.set_active(desk.sessions, admin, "tuyet.nguyen", True)
    with pytest.raises(SessionInvalidError):  # the old sign-in ended for good
        registry.search("nguyen")
    again = sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD)
    CitizenRegistry(desk.sessions, again).search("nguyen")
    actions = [r.action for r in _audit_rows(desk)]
    assert "user.disable" in actions and "user.enable" in actions and "login.disabled" in actions


def test_reset_forces_a_password_change_before_anything_else(desk, admin, clerk):
    from desk_app.services.registry import CitizenRegistry

    users.reset_password(desk.sessions, admin, "tuyet.nguyen", "Tạm-thời-Hòa-An-42")
    with pytest.raises(SessionInvalidError):  # the reset ended the clerk's open sign-in
        CitizenRegistry(desk.sessions, clerk).search("nguyen")
    with pytest.raises(AuthenticationError):
        sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD)
    who = sign_in(desk.sessions, "tuyet.nguyen", "Tạm-thời-Hòa-An-42")
    assert who.must_change_password
    with pytest.raises(PasswordChangeRequiredError):
        CitizenRegistry(desk.sessions, who).search("nguyen")
    who = users.change_password(desk.sessions, who, "Tạm-thời-Hòa-An-42", "Đồng-lúa-chín-vàng-2026")
    assert not who.must_change_password
    CitizenRegistry(desk.sessions, who).search("nguyen")
    users.sign_out(desk.sessions, who)
    with pytest.raises(SessionInvalidError):  # logout: the identity is dead
        CitizenRegistry(desk.sessions, who).search("nguyen")
    actions = [r.action for r in _audit_rows(desk)]
    assert {"user.password_reset", "user.password_change", "logout"} <= set(actions)


# --------------------------------------------------------------------------- finding 8: roles


def _forged(desk, clerk) -> list[Identity]:
    with desk.sessions() as session:
        admin_row = session.scalar(select(User).where(User.username == "admin"))
        forged_admin_row = User(id=admin_row.id, username="admin", full_name="x", role="admin", password_hash="",
                                active=True)
    return [
        Identity(clerk.session_id, clerk.user_id, clerk.username, clerk.full_name, "admin", "đoán-token"),
        Identity(9999, admin_row.id, "admin", "Quản Trị Viên", "admin", "token-bịa"),
        Identity(clerk.session_id, admin_row.id, "admin", "Quản Trị Viên", "admin", clerk.token),
        forged_admin_row,  # a User row built in the process, as in the issue
    ]


def test_forged_identities_are_refused_by_every_service(desk, admin, clerk, page_files, fixed_clock):
    from desk_app.security.access import authorized
    from desk_app.security.roles import Permission
    from desk_app.services import fulltext, payments
    from desk_app.services.eform_prefill import prefill_for_applicant, schema_for
    from desk_app.services.registry import CitizenRegistry, record_access
    from sync import outbox

    fixed_clock(MORNING)
    code = _receive(desk, clerk, page_files)
    with desk.sessions() as session:
        item_id = session.scalar(select(outbox.OutboxItem.id).limit(1))
    schema = schema_for("1.001193")
    for fake in _forged(desk, clerk):
        registry = CitizenRegistry(desk.sessions, fake)
        attempts = [
            lambda: registry.get(APPLICANT["id"]),
            lambda: registry.search("hoang thi"),
            lambda: registry.record_values(APPLICANT["id"], {"full_name": "Tên Bị Ghi Đè"}, "clerk"),
            lambda: registry.documents_for_reuse(APPLICANT["id"]),
            lambda: record_access(desk.sessions, fake, "citizen.lookup", [APPLICANT["id"]]),
            lambda: fulltext.search(desk.sessions, fake, "hoang"),
            lambda: payments.open_payment(desk, fake, code, "cash"),
            lambda: users.create_user(desk.sessions, "ke.gian", "Kẻ Gian", "admin", "Một-câu-dài-đủ-mạnh-1",
                                      created_by=fake),
            lambda: users.set_role(desk.sessions, fake, "tuyet.nguyen", "admin"),
            lambda: users.set_active(desk.sessions, fake, "admin", False),
            lambda: users.reset_password(desk.sessions, fake, "admin", "Một-câu-dài-đủ-mạnh-1"),
            lambda: users.list_users(desk.sessions, fake),
            lambda: outbox.send_now(desk.sessions, item_id, fake),
            lambda: outbox.escalate(desk.sessions, item_id, fake, "giả"),
            lambda: prefill_for_applicant(desk, fake, schema, None, {"full_name": "A"}),
            lambda: authorized(desk.sessions, fake, Permission.VIEW_DOSSIERS),
        ]
        for attempt in attempts:
            with pytest.raises(PermissionError):
                attempt()
    with desk.sessions() as session:
        assert session.scalar(select(User).where(User.username == "ke.gian")) is None
        assert session.scalar(select(User).where(User.username == "tuyet.nguyen")).role == "clerk"


def test_a_role_written_into_the_database_gives_nothing_and_role_changes_are_audited(
        desk, admin, clerk, data_folder):
    with pytest.raises(PermissionDeniedError):  # a clerk cannot create accounts
        create_user(desk.sessions, "ke.gian", "Kẻ Gian", "admin", "Một-câu-dài-đủ-mạnh-1", created_by=clerk)
    with pytest.raises(PermissionDeniedError):  # nor change roles
        users.set_role(desk.sessions, clerk, "tuyet.nguyen", "admin")

    # The insider edits the database: role = admin, without an administrator's (audited) change.
    with sqlite3.connect(data_folder / "desk.sqlite3") as db:
        db.execute("UPDATE users SET role = 'admin' WHERE username = 'tuyet.nguyen'")
    with pytest.raises(PermissionDeniedError, match="không khớp"):
        create_user(desk.sessions, "ke.gian", "Kẻ Gian", "admin", "Một-câu-dài-đủ-mạnh-1", created_by=clerk)
    with pytest.raises(PermissionDeniedError):  # even a fresh sign-in
        users.list_users(desk.sessions, sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD))
    with sqlite3.connect(data_folder / "desk.sqlite3") as db:
        db.execute("UPDATE users SET role = 'clerk' WHERE username = 'tuyet.nguyen'")

    # The administrator's change is audited (old and new role) and is what gives the role.
    users.set_role(desk.sessions, admin, "tuyet.nguyen", "supervisor")
    row = [r for r in _audit_rows(desk) if r.action == "user.role"][-1]
    assert row.username == "admin" and row.details == {"role": "supervisor", "old_role": "clerk"}
    with pytest.raises(PermissionDeniedError):  # a supervisor may not receive
        from desk_app.services.registry import CitizenRegistry

        CitizenRegistry(desk.sessions, clerk).record_values(APPLICANT["id"], {"full_name": "X"}, "clerk")
    with pytest.raises(users.UserError, match="quản trị viên cuối cùng"):
        users.set_role(desk.sessions, admin, "admin", "clerk")


# --------------------------------------------------------------------------- finding 9: the audit chain


def _tamper(data_folder, sql: str) -> None:
    with sqlite3.connect(data_folder / "desk.sqlite3") as db:
        db.executescript(sql)


def _busy_log(desk, admin) -> None:
    for n in range(4):
        create_user(desk.sessions, f"can.bo{n}", f"Cán Bộ Số {n}", "clerk", f"Đường-làng-quê-em-{n}x", created_by=admin)


@pytest.mark.parametrize("attack, kind, seq", [
    ("UPDATE audit_log SET details = '{\"role\": \"admin\"}' WHERE seq = 3", "edited", 3),
    ("UPDATE audit_log SET username = 'ai-đó' WHERE seq = 2", "edited", 2),
    ("DELETE FROM audit_log WHERE seq = 4", "missing", 5),
    ("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, details, prev_hash, row_hash) "
     "VALUES ('2026-03-02 09:00:00.000000', NULL, 'admin', 'user.role', 'user', '2', '{}', '', '')", "unchained", None),
    ("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, details, seq, prev_hash, row_hash) "
     "SELECT at, user_id, username, action, entity, entity_id, details, seq + 100, prev_hash, row_hash "
     "FROM audit_log WHERE seq = 2", "missing", 102),
    ("UPDATE audit_log SET seq = seq + 1000 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; "
     "UPDATE audit_log SET seq = 4 WHERE seq = 1003", "edited", 3),
    ("DELETE FROM audit_log WHERE seq >= (SELECT max(seq) - 1 FROM audit_log)", "truncated", None),
    ("DELETE FROM audit_log", "truncated", 1),
    ("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log); DELETE FROM audit_chain_head",
     "head_missing", None),
])
def test_tampering_with_sqlite3_is_found_and_named(desk, admin, data_folder, capsys, attack, kind, seq):
    _busy_log(desk, admin)
    assert verify_chain(desk.sessions).ok
    assert main(["audit", "verify"]) == 0
    capsys.readouterr()

    _tamper(data_folder, attack)
    report = verify_chain(desk.sessions)
    assert not report.ok and report.first_break.kind == kind, report.first_break
    if seq is not None:
        assert report.first_break.seq == seq
    assert main(["audit", "verify"]) == 3
    err = capsys.readouterr().err
    assert "can thiệp" in err and report.first_break.message in err
    if seq is not None:
        assert f"dòng số {seq}" in err

    # The break cannot be hidden by going on working: it stays reported.
    sign_in(desk.sessions, "admin", ADMIN_PASSWORD)
    assert not verify_chain(desk.sessions).ok


def test_chain_head_for_the_day_close_and_json_report(desk, admin, capsys):
    _busy_log(desk, admin)
    with desk.sessions() as session:
        head = chain_head(session)
    assert head.count == verify_chain(desk.sessions).rows and len(head.last_hash) == 64
    assert main(["audit", "head"]) == 0
    assert capsys.readouterr().out.split() == [str(head.count), head.last_hash]
    assert main(["audit", "verify", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_reads_of_citizen_data_are_audited_without_the_data(desk, clerk, page_files, fixed_clock):
    from desk_app.eforms.id_card import CardReading
    from desk_app.services.fulltext import index_page, search
    from desk_app.services.registry import CitizenRegistry

    fixed_clock(MORNING)
    registry = CitizenRegistry(desk.sessions, clerk)
    registry.upsert_from_card(CardReading(source="qr", id_number=APPLICANT["id"], full_name=APPLICANT["name"],
                                          place_of_residence=APPLICANT["address"]))
    index_page(desk.sessions, text=f"Đơn của bà {APPLICANT['name']}, {APPLICANT['address']}", file_sha256="a" * 64)
    before = len(_audit_rows(desk))
    assert registry.get(APPLICANT["id"]).full_name == APPLICANT["name"]
    assert [r.id_number for r in registry.search("hoang thi dieu")] == [APPLICANT["id"]]
    assert registry.search(APPLICANT["id"])
    assert search(desk.sessions, clerk, "dieu linh")
    registry.documents_for_reuse(APPLICANT["id"])
    rows = _audit_rows(desk)[before:]
    assert [r.action for r in rows] == ["citizen.read", "citizen.search", "citizen.search", "ocr.search",
                                        "citizen.documents"]
    assert all(r.username == "tuyet.nguyen" for r in rows)
    assert _personal_data_in(_audit_rows(desk)) == []


# --------------------------------------------------------------------------- finding 12: hostile text


def test_control_characters_and_bidi_overrides_from_a_qr_are_dropped():
    from desk_app.text import nfc
    from scanning.id_card.qr_text import parse_card_qr

    card = parse_card_qr("001190012345||Hoàng \u202eThị\u202c Diệu\x07 Linh\x1b[31m|15031990|Nữ|"
                         "Thôn \u2066Đoài\u2069\x85|01012021\r\n")
    assert card.full_name == "Hoàng Thị Diệu Linh[31m"
    assert card.place_of_residence == "Thôn Đoài"
    assert nfc("Lê\u202eVăn\u0000 An\x9b\n") == "LêVăn An"
    assert nfc("dòng một\ndòng hai\fTrang 2") == "dòng một\ndòng hai\fTrang 2"  # OCR text keeps its lines


def test_html_in_a_name_is_shown_as_text_in_the_reception_status_line(qtbot, desk, clerk):
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    tasks = TaskRunner()
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    label = window.reception.status_label
    assert label.textFormat() == Qt.PlainText
    label.setText("<img src='file:///etc/passwd'><b>Nguyễn</b>")
    assert label.text().startswith("<img")  # shown as typed, not rendered
    window.close()
    tasks.wait_idle()


def test_account_commands_need_an_admin_and_are_audited(desk, admin, clerk_user, monkeypatch, capsys):
    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)  # a clerk tries first
    assert main(["user", "disable", "admin", "--as-user", "tuyet.nguyen"]) == 2
    assert "không được phép" in capsys.readouterr().err

    monkeypatch.setenv("DESK_APP_PASSWORD", ADMIN_PASSWORD)
    assert main(["user", "set-role", "tuyet.nguyen", "postal", "--as-user", "admin"]) == 0
    assert main(["user", "disable", "tuyet.nguyen", "--as-user", "admin"]) == 0
    assert main(["user", "list", "--as-user", "admin"]) == 0
    assert "tuyet.nguyen\tNguyễn Thị Ánh Tuyết\tpostal\tđã khóa" in capsys.readouterr().out
    assert main(["user", "enable", "tuyet.nguyen", "--as-user", "admin"]) == 0
    monkeypatch.setenv("DESK_APP_NEW_USER_PASSWORD", "tuyet.nguyen123")
    assert main(["user", "reset-password", "tuyet.nguyen", "--as-user", "admin"]) == 2  # policy
    monkeypatch.setenv("DESK_APP_NEW_USER_PASSWORD", "Tạm-thời-Hòa-An-42")
    assert main(["user", "reset-password", "tuyet.nguyen", "--as-user", "admin"]) == 0

    # After the reset, the next command asks for a new password first (here from the environment).
    monkeypatch.setenv("DESK_APP_PASSWORD", "Tạm-thời-Hòa-An-42")
    monkeypatch.delenv("DESK_APP_NEW_PASSWORD", raising=False)
    assert main(["today", "--user", "tuyet.nguyen"]) == 2
    assert "đặt lại" in capsys.readouterr().err
    monkeypatch.setenv("DESK_APP_NEW_PASSWORD", "Đồng-lúa-chín-vàng-2026")
    assert main(["today", "--user", "tuyet.nguyen"]) == 0
    monkeypatch.setenv("DESK_APP_PASSWORD", "Đồng-lúa-chín-vàng-2026")
    monkeypatch.setenv("DESK_APP_NEW_PASSWORD", "Nắng-sớm-trên-đồi-chè")
    assert main(["user", "passwd", "--as-user", "tuyet.nguyen"]) == 0
    assert sign_in(desk.sessions, "tuyet.nguyen", "Nắng-sớm-trên-đồi-chè").role == "postal"
    actions = [r.action for r in _audit_rows(desk)]
    for action in ("user.role", "user.disable", "user.enable", "user.password_reset", "user.password_change"):
        assert action in actions


@pytest.mark.slow
def test_the_chain_stays_linear_with_several_desks_writing_on_postgresql(postgres_url, tmp_path):
    """Four desks (threads, one PostgreSQL) audit at the same time: one chain, no gap, no fork."""
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import text

    from desk_app.services.registry import CitizenRegistry
    from desk_app.storage.db import make_engine, make_session_factory, upgrade_database

    engine = make_engine(postgres_url)
    with engine.begin() as connection:  # a clean schema for this test (the module's server is shared)
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade_database(engine)
    sessions = make_session_factory(engine)
    create_user(sessions, "admin", "Quản Trị Viên", "admin", ADMIN_PASSWORD)
    who = sign_in(sessions, "admin", ADMIN_PASSWORD)

    def desk_work(n: int) -> None:
        registry = CitizenRegistry(sessions, who)
        for i in range(10):
            registry.search(f"nguyen {n} {i}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(desk_work, range(4)))
    report = verify_chain(sessions)
    assert report.ok, report.message()
    assert report.rows == report.head.count >= 42
    engine.dispose()
