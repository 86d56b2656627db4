"""Nothing typed is lost: drafts of the dossier being received (desk_app/services/drafts.py,
ui/reception_draft.py) and scanned pages recovered for the user who scanned them (scanning/spool.py)."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select

from desk_app.services import drafts
from desk_app.services.page_components import BY_CLERK, Assignment
from desk_app.storage.models import AuditEntry
from tests.conftest import CLERK_PASSWORD


@pytest.fixture
def other_clerk(desk, admin):
    from desk_app.services.users import create_user, sign_in

    create_user(desk.sessions, "minh.tran", "Trần Văn Minh", "clerk", CLERK_PASSWORD, created_by=admin)
    return sign_in(desk.sessions, "minh.tran", CLERK_PASSWORD)


def _actions(desk) -> list[str]:
    with desk.sessions() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


STATE = {"procedure": "2.000986", "fields": {"applicantName": "Nguyễn Thị Hoa", "address": "Thôn Đông"},
         "eform": {"ho_ten_tre": "Nguyễn Văn An"}, "result_by_post": True}


def test_draft_comes_back_to_the_same_user_only(desk, clerk, other_clerk):
    assert drafts.save_draft(desk, clerk, STATE, intake_id="abc", batch_id="b1") == 1
    assert drafts.save_draft(desk, clerk, {**STATE, "fee_pages": 3}, intake_id="abc", batch_id="b1") == 2
    assert drafts.load_draft(desk, other_clerk) is None
    draft = drafts.load_draft(desk, clerk)
    assert draft.state["fields"]["applicantName"] == "Nguyễn Thị Hoa"
    assert draft.state["fee_pages"] == 3 and draft.revision == 2
    assert (draft.intake_id, draft.batch_id) == ("abc", "b1")
    assert _actions(desk)[-1] == "draft.read"  # reading citizen data back is audited


def test_text_is_stored_nfc(desk, clerk):
    decomposed = unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")
    drafts.save_draft(desk, clerk, {"fields": {"applicantName": decomposed}})
    assert drafts.load_draft(desk, clerk).state["fields"]["applicantName"] == "Phạm Thị Ngọc Ánh"


def test_discard_and_filed_drafts(desk, clerk):
    drafts.save_draft(desk, clerk, STATE, intake_id="one")
    assert not drafts.discard_draft(desk, clerk, intake_id="another")  # a late clearing keeps the next draft
    assert drafts.discard_draft(desk, clerk, intake_id="one")
    assert drafts.load_draft(desk, clerk) is None
    assert "draft.discard" in _actions(desk)


def test_a_draft_whose_dossier_was_filed_is_not_offered(desk, clerk, page_files, fixed_clock):
    from datetime import datetime

    from desk_app.services.intake import IntakeSession, store_pages

    fixed_clock(datetime(2025, 3, 12, 9, 30))
    session = IntakeSession(procedure_code=desk.catalog.active_on(datetime(2025, 3, 12).date())[0].code,
                            applicant_name="Lê Văn Tám", pages=store_pages(desk, page_files[:1]))
    drafts.save_draft(desk, clerk, STATE, intake_id=session.intake_id)
    session.finish(desk, clerk)
    assert drafts.load_draft(desk, clerk) is None  # crashed between filing and clearing: dropped


def test_bad_state_is_a_clear_message(desk, clerk):
    with pytest.raises(drafts.DraftError, match="Bản nháp"):
        drafts.save_draft(desk, clerk, {"x": object()})
    with pytest.raises(drafts.DraftError, match="dài quá"):
        drafts.save_draft(desk, clerk, {"x": "a" * (drafts.MAX_PAYLOAD_CHARS + 1)})


def test_drafts_need_a_valid_sign_in(desk, clerk):
    from desk_app.security.identity import SessionInvalidError
    from desk_app.services.users import sign_out

    sign_out(desk.sessions, clerk)
    with pytest.raises(SessionInvalidError):
        drafts.load_draft(desk, clerk)


# -- scanned pages go back to the user who scanned them ---------------------------------------------
def _captured(text: str = "trang"):
    import io

    from PIL import Image

    from scanning.capture.base import CapturedPage

    out = io.BytesIO()
    Image.new("RGB", (40, 60), "white").save(out, format="PNG")
    return CapturedPage(data=out.getvalue(), media_type="image/png", width=40, height=60, dpi=150,
                        source_name=text)


def test_recovered_pages_go_only_to_who_scanned_them(desk):
    spool = desk.spool
    mine = spool.owned_by("user:1").open_batch("scanner")
    mine.add_page(_captured())
    theirs = spool.owned_by("user:2").open_batch("scanner")
    theirs.add_page(_captured())
    assert [b.id for b in desk.spool.recover("user:2")] == [theirs.id]
    assert [b.id for b in desk.spool.recover("user:1")] == [mine.id]
    assert desk.spool.recover("user:3") == []
    assert mine.folder.is_dir() and theirs.folder.is_dir()  # nobody else's pages were tidied away


def test_recovery_at_sign_in_tidies_only_what_nobody_needs(desk):
    import os
    import time

    spool = desk.spool
    filed = spool.owned_by("user:2").open_batch("scanner")
    filed.add_page(_captured())
    filed.mark_attached("000.00.00.H99-260311-5001")
    just_opened = spool.owned_by("user:1").open_batch("scanner")   # a scan starting with the window
    old_empty = spool.owned_by("user:2").open_batch("scanner")
    an_hour_ago = time.time() - 3600
    os.utime(old_empty.folder, (an_hour_ago, an_hour_ago))
    legacy = spool.open_batch("scanner")   # from before owners were recorded
    legacy.add_page(_captured())
    assert desk.spool.recover("user:1") == []
    assert just_opened.folder.is_dir() and not old_empty.folder.exists() and not filed.folder.exists()
    assert legacy.folder.is_dir()


# -- the counter: saved on every change, restored for the same user, Ctrl+N ----------------------------
from datetime import datetime  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def type_text(widget, text: str) -> None:
    """Vietnamese text typed into *widget* after moving there (as the clerk's Tab would)."""
    from tests.qt_helpers import type_text as commit

    widget.setFocus()
    commit(widget, text)


def _stored(desk, user_id: int):
    from desk_app.storage.draft_models import IntakeDraft

    with desk.sessions() as session:
        row = session.scalar(select(IntakeDraft).where(IntakeDraft.user_id == user_id))
        return None if row is None else (row.payload, row.batch_id)


def _open_window(qtbot, desk, tasks, who):
    from ui.main_window import MainWindow

    window = MainWindow(desk, tasks, who)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.reception_draft.restored, timeout=20000) as restored:
        window.show()
        window.activateWindow()
    qtbot.waitExposed(window)
    return window, restored.args[0]


def _close(window, tasks) -> None:
    window.reception_draft.save_now()
    tasks.wait_idle()
    window.close()


def test_counter_draft_comes_back_after_a_closed_window_for_the_same_user_only(qtbot, desk, clerk, other_clerk,
                                                                               tasks, fixed_clock):
    from desk_app.services.users import sign_in

    fixed_clock(datetime(2026, 3, 11, 10, 0))
    window, restored = _open_window(qtbot, desk, tasks, clerk)
    assert restored is False
    panel = window.reception
    qtbot.keyClicks(panel.picker.search, "khai sinh")
    qtbot.waitUntil(lambda: panel.procedure is not None)
    code = panel.procedure.code
    type_text(panel.applicant_name, "Nguyễn Thị Hoa")
    type_text(panel.address, "Thôn Đông, xã Hòa An")
    qtbot.keyClicks(panel.phone, "0912345678")
    panel.result_by_post.setFocus()
    qtbot.keyClick(panel.result_by_post, Qt.Key_Space)
    eform_key = None
    if getattr(panel.eform, "schema", None) is not None:   # the procedure's e-form: one value typed in place
        eform_key = panel.eform.schema.fields[-1].key
        panel.eform.set_eform_values({eform_key: "Giá trị của bản nháp"}, confirmed=[eform_key])
    assert eform_key is not None, code
    # A page scanned into this clerk's batch just before the crash (durable in the spool, never filed).
    batch = panel.scan_panel.spool.open_batch("test")
    batch.add_page(_captured("trang 1"))
    qtbot.waitUntil(lambda: _stored(desk, clerk.user_id) is not None
                    and "0912345678" in _stored(desk, clerk.user_id)[0], timeout=10000)
    _close(window, tasks)

    # Another clerk at the same desk: an empty form, none of the first clerk's pages.
    window, restored = _open_window(qtbot, desk, tasks, other_clerk)
    assert restored is False
    panel = window.reception
    assert panel.applicant_name.text() == "" and panel.scan_panel.batch is None
    assert batch.folder.is_dir()  # kept for the clerk who scanned it
    _close(window, tasks)
    assert _stored(desk, clerk.user_id) is not None

    # The first clerk again (a new sign-in): everything typed, and the scanned page, is back.
    window, restored = _open_window(qtbot, desk, tasks, sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD))
    assert restored is True
    panel = window.reception
    assert panel.procedure is not None and panel.procedure.code == code
    assert panel.applicant_name.text() == "Nguyễn Thị Hoa"
    assert panel.address.text() == "Thôn Đông, xã Hòa An" and panel.phone.text() == "0912345678"
    assert panel.result_by_post.isChecked() and panel.delivery_address.text() == "Thôn Đông, xã Hòa An"
    assert panel.scan_panel.batch is not None and panel.scan_panel.batch.id == batch.id
    if eform_key is not None:
        qtbot.waitUntil(lambda: panel.eform.eform_values().get(eform_key) == "Giá trị của bản nháp", timeout=10000)
        assert eform_key not in panel.eform.unconfirmed_keys()
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == 1, timeout=10000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.id_number)  # the first empty field
    assert "khôi phục" in panel.status_label.text()
    _close(window, tasks)


def test_ctrl_n_asks_then_clears_the_form_and_the_draft(qtbot, desk, clerk, tasks, fixed_clock):
    fixed_clock(datetime(2026, 3, 11, 10, 0))
    window, _restored = _open_window(qtbot, desk, tasks, clerk)
    panel, draft = window.reception, window.reception_draft
    type_text(panel.applicant_name, "Trần Văn Bình")
    qtbot.waitUntil(lambda: _stored(desk, clerk.user_id) is not None, timeout=10000)

    # Esc on the confirmation keeps everything.
    qtbot.keyClick(panel.applicant_name, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: draft.confirm_box is not None and draft.confirm_box.isVisible())
    box = draft.confirm_box
    assert "hồ sơ mới" in box.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box.escapeButton())  # the safe choice has the keyboard
    qtbot.keyClick(box, Qt.Key_Escape)
    qtbot.waitUntil(lambda: draft.confirm_box is None)
    assert panel.applicant_name.text() == "Trần Văn Bình"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.applicant_name)  # back where the clerk was

    # Confirmed: the form and the draft are empty, the keyboard is in the first field.
    qtbot.keyClick(panel.applicant_name, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: draft.confirm_box is not None and draft.confirm_box.isVisible())
    box = draft.confirm_box
    clear = next(b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(draft.cleared, timeout=10000):
        clear.click()
    assert panel.applicant_name.text() == ""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.picker.search)
    qtbot.waitUntil(lambda: _stored(desk, clerk.user_id) is None, timeout=10000)
    _close(window, tasks)


def test_ctrl_n_on_an_empty_form_asks_nothing(qtbot, desk, clerk, tasks, fixed_clock):
    fixed_clock(datetime(2026, 3, 11, 10, 0))
    window, _restored = _open_window(qtbot, desk, tasks, clerk)
    panel, draft = window.reception, window.reception_draft
    panel.phone.setFocus()
    with qtbot.waitSignal(draft.cleared, timeout=10000):
        qtbot.keyClick(panel.phone, Qt.Key_N, Qt.ControlModifier)
    assert draft.confirm_box is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.picker.search)
    _close(window, tasks)


def test_logging_out_right_after_typing_keeps_the_draft(qtbot, desk, clerk, tasks, fixed_clock):
    fixed_clock(datetime(2026, 3, 11, 10, 0))
    window, _restored = _open_window(qtbot, desk, tasks, clerk)
    type_text(window.reception.applicant_name, "Đỗ Thị Lan")
    window.log_out()   # within the half-second before the debounced save
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    tasks.wait_idle()
    assert "Đỗ Thị Lan" in _stored(desk, clerk.user_id)[0]


def test_pages_and_their_components_come_back(qtbot, desk, clerk, tasks, fixed_clock, page_files):
    """A page added from a file and assigned to a component (digit key on the page list) before the window
    closed: after the next sign-in the page is back and still belongs to that component."""
    from desk_app.services.users import sign_in

    fixed_clock(datetime(2026, 3, 11, 10, 0))
    window, _restored = _open_window(qtbot, desk, tasks, clerk)
    panel = window.reception
    qtbot.keyClicks(panel.picker.search, "khai sinh")
    qtbot.waitUntil(lambda: panel.procedure is not None)
    panel.scan_panel.insert_from_files([page_files[1], page_files[0]])
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == 2, timeout=30000)
    page_id, loose_id = (p.page_id for p in panel.scan_panel.pages())
    panel.scan_panel.list.setCurrentRow(0)
    panel.scan_panel.list.setFocus()
    qtbot.waitUntil(lambda: panel.scan_panel.list.hasFocus())
    qtbot.keyClick(panel.scan_panel.list, Qt.Key_2)
    qtbot.waitUntil(lambda: page_id in panel.scan_panel.page_assignments())
    code = panel.scan_panel.page_assignments()[page_id]
    # The second page belongs to no component: the clerk says so with 0, and that must come back too.
    panel.scan_panel.list.setCurrentRow(1)
    qtbot.keyClick(panel.scan_panel.list, Qt.Key_0)
    assert panel.scan_panel.page_assignment_details()[loose_id] == Assignment("", BY_CLERK)
    qtbot.waitUntil(lambda: _stored(desk, clerk.user_id) is not None
                    and code in _stored(desk, clerk.user_id)[0] and loose_id in _stored(desk, clerk.user_id)[0],
                    timeout=10000)
    _close(window, tasks)

    window, restored = _open_window(qtbot, desk, tasks, sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD))
    assert restored is True
    panel = window.reception
    qtbot.waitUntil(lambda: [p.page_id for p in panel.scan_panel.pages()] == [page_id, loose_id], timeout=30000)
    qtbot.waitUntil(lambda: panel.scan_panel.page_assignments().get(page_id) == code, timeout=10000)
    # Pages read again after the restore: the automatic assignment must not take the loose page back.
    tasks.wait_idle()
    assert panel.scan_panel.page_assignment_details().get(loose_id) == Assignment("", BY_CLERK)
    assert loose_id not in panel.scan_panel.page_assignments()
    _close(window, tasks)
