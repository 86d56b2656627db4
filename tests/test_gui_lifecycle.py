"""After the receipt, from the keyboard: supplement during processing with the clock restarting at
completion, apology in time and refused on the due day, a result pulled from the province handed back
by scanning the Mẫu 01 QR, reprint of Mẫu 01 with the original appointment, stop / withdrawal / paper
result. Vietnamese text goes in as input-method commits; the focus is checked after each step."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.documents.common import vn_time_date
from desk_app.domain.status import DossierStatus as S
from desk_app.services import lifecycle
from desk_app.services.intake import store_pages
from desk_app.services.users import create_user, sign_in
from desk_app.storage.models import Dossier, ResultReturn
from tests.test_gui_dossier_book import (  # noqa: F401 - fixtures
    MONDAY,
    file_dossier,
    focused,
    inside,
    open_window,
    search_for,
    type_text,
    wait_view,
    who,
)

SIZES = [(1280, 720), (1600, 1000)]


def pdf_text(path) -> str:  # noqa: ANN001
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def dossier(desk, code) -> Dossier:
    with desk.sessions() as session:
        return session.scalar(select(Dossier).where(Dossier.code == code))


def page_kinds(desk, code) -> list[str]:
    with desk.sessions() as session:
        return [p.kind for p in session.scalar(select(Dossier).where(Dossier.code == code)).pages]


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    """A key where the focus is (the clerk's keyboard)."""
    widget = focused()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def open_action(qtbot, view, key):
    press(qtbot, key)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible())
    qtbot.waitUntil(lambda: inside(view.dialog))
    return view.dialog


def wait_preview(qtbot, view, title_part: str):
    qtbot.waitUntil(lambda: view.preview is not None and view.preview.isVisible()
                    and title_part in view.preview.windowTitle(), timeout=20000)
    qtbot.waitUntil(lambda: inside(view.preview))
    return view.preview


def close_preview(qtbot, view) -> None:
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not view.preview.isVisible())
    qtbot.waitUntil(lambda: inside(view))


def error_box():
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "errorBox" and widget.isVisible():
            return widget
    return None


@pytest.fixture
def supervisor(desk, admin):
    password = "Hồ-Gươm-giám-sát-5678"
    create_user(desk.sessions, "lan.tran", "Trần Thị Lan", "supervisor", password, created_by=admin)
    return sign_in(desk.sessions, "lan.tran", password)


@pytest.mark.parametrize("size", SIZES, ids=["1280x720", "1600x1000"])
def test_supplement_during_processing_restarts_the_clock_at_completion(
        qtbot, desk, clerk, who, tasks, page_files, fixed_clock, monkeypatch, size):
    fixed_clock(MONDAY)
    filed = file_dossier(desk, who, page_files, "Lê Thị Hồng Nhung", "038196004321")
    assert filed.due_at == datetime(2026, 3, 11, 9, 0)
    fixed_clock(datetime(2026, 3, 3, 10, 0))
    window = open_window(qtbot, desk, tasks, who, size)
    view = window.book.view

    # The QR of Mẫu 01 typed by the reader, Enter: the dossier opens; C hands it to the processing officer.
    search_for(qtbot, window, filed.code)
    wait_view(qtbot, window, filed.code, "Được tiếp nhận")
    qtbot.waitUntil(lambda: inside(view))
    open_action(qtbot, view, Qt.Key_C)
    press(qtbot, Qt.Key_Return)
    wait_view(qtbot, window, filed.code, "Đang xử lý")
    qtbot.waitUntil(lambda: inside(view))

    # B: Mẫu 02 with every defect at once, typed into the table (F2 edits a cell, Tab goes on).
    fixed_clock(datetime(2026, 3, 4, 10, 0))
    dialog = open_action(qtbot, view, Qt.Key_B)
    assert dialog.table.hasFocus()
    press(qtbot, Qt.Key_F2)
    type_text(focused(), "Tờ khai thay đổi thông tin cư trú")
    press(qtbot, Qt.Key_Tab)
    type_text(focused(), "Ý kiến đồng ý của chủ hộ")
    press(qtbot, Qt.Key_Tab)
    type_text(focused(), "Chủ hộ chưa ký")
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    preview = wait_preview(qtbot, view, "Mẫu 02")
    text = pdf_text(preview.pdf_path)
    assert "Ý kiến đồng ý của chủ hộ" in text and "Chủ hộ chưa ký" in text
    close_preview(qtbot, view)
    wait_view(qtbot, window, filed.code, "Yêu cầu bổ sung giấy tờ")
    assert view.action_buttons["resume"].isVisible() and not view.action_buttons["supplement"].isVisible()

    # N: the citizen comes back; Ctrl+O adds the scanned page, Ctrl+Enter resumes — the clock restarts now.
    completed = datetime(2026, 3, 9, 8, 0)
    fixed_clock(completed)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(page_files[0])], "")))
    dialog = open_action(qtbot, view, Qt.Key_N)
    press(qtbot, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: dialog.capture.count() == 1, timeout=30000)
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    preview = wait_preview(qtbot, view, "Mẫu 01")
    procedure = desk.catalog.get("1.004222", completed.date())
    expected = lifecycle.work_clock(desk).due(completed, procedure.time_limit, procedure.cutoff)
    assert expected > filed.due_at
    text = pdf_text(preview.pdf_path)
    assert vn_time_date(expected) in text and vn_time_date(completed) in text   # the new appointment slip
    close_preview(qtbot, view)
    wait_view(qtbot, window, filed.code, "Đang xử lý")
    assert f"{expected:%H:%M %d/%m/%Y}" in view.header.text()
    row = dossier(desk, filed.code)
    assert row.due_at == expected and row.slip_due_at == expected and row.slip_received_at == completed
    assert page_kinds(desk, filed.code) == ["intake", "intake", "supplement"]
    assert desk.spool.recover() == []   # the captured page is attached, not waiting for the reception panel


def test_apology_in_time_is_accepted_on_the_due_day_refused_and_mau_01_keeps_the_original_date(
        qtbot, desk, clerk, who, tasks, page_files, fixed_clock):
    fixed_clock(MONDAY)
    in_time = file_dossier(desk, who, page_files, "Phạm Quốc Đạt", "038096001234")
    late = file_dossier(desk, who, page_files, "Võ Minh Khôi", "038096001235")
    fixed_clock(datetime(2026, 3, 10, 16, 0))   # Tuesday: one working day before the due day (Wed 11/03)
    window = open_window(qtbot, desk, tasks, who)
    view = window.book.view

    search_for(qtbot, window, in_time.code)
    wait_view(qtbot, window, in_time.code)
    qtbot.waitUntil(lambda: inside(view))
    dialog = open_action(qtbot, view, Qt.Key_X)
    assert dialog.reason.hasFocus() and dialog.agency.text() == desk.settings.agency_name
    type_text(focused(), "Chờ xác minh nơi cư trú")
    press(qtbot, Qt.Key_Tab)
    assert dialog.new_date.hasFocus()
    assert dialog.new_date.date().toPython().isoformat() == "2026-03-12"   # next working day after the due day
    press(qtbot, Qt.Key_Tab)
    assert dialog.signer.hasFocus()
    type_text(focused(), "Nguyễn Văn Bình")
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    preview = wait_preview(qtbot, view, "Mẫu 04")
    text = pdf_text(preview.pdf_path)
    assert "Chờ xác minh nơi cư trú" in text and "Nguyễn Văn Bình" in text
    close_preview(qtbot, view)
    wait_view(qtbot, window, in_time.code)
    qtbot.waitUntil(lambda: not view.action_buttons["apologize"].isVisible())
    row = dossier(desk, in_time.code)
    assert row.due_at == datetime(2026, 3, 12, 9, 0) and row.slip_due_at == datetime(2026, 3, 11, 9, 0)

    # Reprint of Mẫu 01 (first in the forms list, Ctrl+P): the citizen's original appointment.
    assert view.selected_form() == "receipt" and "apology" in view.view.forms
    press(qtbot, Qt.Key_P, Qt.ControlModifier)
    preview = wait_preview(qtbot, view, "Mẫu 01")
    text = pdf_text(preview.pdf_path)
    assert vn_time_date(datetime(2026, 3, 11, 9, 0)) in text and "ngày 12 tháng 03 năm 2026" not in text
    close_preview(qtbot, view)

    # On the due day itself the apology is refused, in Vietnamese; a clerk is not offered an override.
    fixed_clock(datetime(2026, 3, 11, 8, 0))
    search_for(qtbot, window, late.code)
    wait_view(qtbot, window, late.code)
    qtbot.waitUntil(lambda: inside(view))
    dialog = open_action(qtbot, view, Qt.Key_X)
    type_text(focused(), "Chờ kết quả xác minh")
    press(qtbot, Qt.Key_Tab)
    press(qtbot, Qt.Key_Tab)
    type_text(focused(), "Nguyễn Văn Bình")
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: error_box() is not None, timeout=10000)
    box = error_box()
    assert "chậm nhất 01 ngày làm việc" in box.text() and "11/03/2026" in box.text()
    assert "chậm nhất 01 ngày làm việc" in dialog.error.text() and dialog.override.isHidden()
    qtbot.waitUntil(lambda: inside(box))
    press(qtbot, Qt.Key_Return)                    # "Đã hiểu"
    qtbot.waitUntil(lambda: not box.isVisible())
    qtbot.waitUntil(lambda: inside(dialog))        # the dialog stays, with what was typed
    assert dialog.reason.text() == "Chờ kết quả xác minh"
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: inside(view))
    assert dossier(desk, late.code).due_at == datetime(2026, 3, 11, 9, 0)


def test_a_supervisor_is_offered_the_late_apology_with_a_reason(
        qtbot, desk, clerk, who, supervisor, tasks, page_files, fixed_clock):
    fixed_clock(MONDAY)
    late = file_dossier(desk, who, page_files, "Võ Minh Khôi", "038096001235")
    fixed_clock(datetime(2026, 3, 11, 8, 0))
    window = open_window(qtbot, desk, tasks, supervisor)
    view = window.book.view
    search_for(qtbot, window, late.code)
    wait_view(qtbot, window, late.code)
    qtbot.waitUntil(lambda: inside(view))
    dialog = open_action(qtbot, view, Qt.Key_X)
    type_text(focused(), "Chờ kết quả xác minh")
    press(qtbot, Qt.Key_Tab)
    press(qtbot, Qt.Key_Tab)
    type_text(focused(), "Nguyễn Văn Bình")
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: error_box() is not None, timeout=10000)
    box = error_box()
    qtbot.waitUntil(lambda: inside(box))
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert not dialog.override.isHidden()
    qtbot.waitUntil(lambda: dialog.override.hasFocus())
    type_text(focused(), "Lãnh đạo đồng ý gửi muộn")
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    wait_preview(qtbot, view, "Mẫu 04")
    close_preview(qtbot, view)
    assert dossier(desk, late.code).due_at == datetime(2026, 3, 12, 9, 0)


@pytest.mark.parametrize("size", SIZES, ids=["1280x720", "1600x1000"])
def test_result_pulled_from_the_province_is_returned_by_scanning_the_receipt_qr(
        qtbot, desk, clerk, who, tasks, page_files, fixed_clock, size):
    from sync import protocol
    from sync.pull import apply_changes

    fixed_clock(MONDAY)
    filed = file_dossier(desk, who, page_files, "Đỗ Thu Trang", "001190012399")   # lệ phí 20.000 đ, unpaid
    lifecycle.forward(desk, who, filed.code)
    report = apply_changes(desk.sessions, [{
        "Id": "kq-1", "MaHoSo": filed.code, "TrangThaiHoSo": 9, "Loai": protocol.CHANGE_RESULT,
        "ThoiDiemXuLy": "20260309150000", "NoiDungXuLy": "Đã giải quyết", "NguoiXuLy": "Công an xã",
        "DanhSachGiayToKetQua": [{"TenGiayTo": "Xác nhận thông tin về cư trú"}]}], "1")
    assert report.applied == 1
    fixed_clock(datetime(2026, 3, 10, 10, 0))
    window = open_window(qtbot, desk, tasks, who, size)
    view = window.book.view

    search_for(qtbot, window, filed.code)          # the reader types the QR of Mẫu 01, then Enter
    wait_view(qtbot, window, filed.code, "Đã xử lý xong")
    qtbot.waitUntil(lambda: inside(view))
    assert "Xác nhận thông tin về cư trú" in " ".join(view.view.results)
    dialog = open_action(qtbot, view, Qt.Key_T)
    assert dialog.receiver.hasFocus() and dialog.receiver.text() == "Đỗ Thu Trang"
    assert dialog.receiver_id.text() == "001190012399" and dialog.capture.isHidden()
    assert dialog.fee.isChecked() and "20.000 đ" in dialog.fee.text()
    press(qtbot, Qt.Key_Return)                    # confirm
    preview = wait_preview(qtbot, view, "trả kết quả")
    assert "Đỗ Thu Trang" in pdf_text(preview.pdf_path)
    close_preview(qtbot, view)
    wait_view(qtbot, window, filed.code, "Đã trả kết quả")
    assert dossier(desk, filed.code).status == S.RETURNED
    with desk.sessions() as session:
        returned = session.scalar(select(ResultReturn))
        assert returned.fee_collected == 20_000 and not returned.authorised
    assert "return-slip" in view.view.forms and not view.view.actions


def test_a_result_handed_to_someone_else_needs_the_scanned_authorisation(
        qtbot, desk, clerk, who, tasks, page_files, fixed_clock, monkeypatch):
    fixed_clock(MONDAY)
    filed = file_dossier(desk, who, page_files, "Đỗ Thu Trang", "001190012399", procedure="2.000815")
    lifecycle.record_result(desk, who, filed.code, ["Bản sao chứng thực"], pages=store_pages(desk, page_files[:1]))
    fixed_clock(datetime(2026, 3, 3, 9, 0))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(page_files[1])], "")))
    window = open_window(qtbot, desk, tasks, who)
    view = window.book.view
    search_for(qtbot, window, filed.code)
    wait_view(qtbot, window, filed.code, "Đã xử lý xong")
    qtbot.waitUntil(lambda: inside(view))
    dialog = open_action(qtbot, view, Qt.Key_T)
    assert dialog.capture.isHidden()
    dialog.receiver.selectAll()
    type_text(focused(), "Đỗ Văn Hải")                 # the applicant's brother, with an authorisation
    press(qtbot, Qt.Key_Tab)
    assert dialog.receiver_id.hasFocus()
    dialog.receiver_id.selectAll()
    qtbot.keyClicks(focused(), "001090054321")
    assert not dialog.capture.isHidden() and not dialog.authorisation_note.isHidden()
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)   # no authorisation scanned yet: refused in the dialog
    assert "F8" in dialog.error.text() and dialog.isVisible()
    press(qtbot, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: dialog.capture.count() == 1, timeout=30000)
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    wait_preview(qtbot, view, "trả kết quả")
    close_preview(qtbot, view)
    wait_view(qtbot, window, filed.code, "Đã trả kết quả")
    with desk.sessions() as session:
        returned = session.scalar(select(ResultReturn))
        assert returned.authorised and returned.receiver_name == "Đỗ Văn Hải"
    assert page_kinds(desk, filed.code)[-1] == "authorisation"


def test_stop_withdraw_and_a_paper_result(qtbot, desk, clerk, who, tasks, page_files, fixed_clock, monkeypatch):
    fixed_clock(MONDAY)
    stopped = file_dossier(desk, who, page_files, "Bùi Thị Xuân", "001190012401")
    withdrawn = file_dossier(desk, who, page_files, "Ngô Quyền", "001190012402")
    resulted = file_dossier(desk, who, page_files, "Lý Thường Kiệt", "001190012403")
    fixed_clock(datetime(2026, 3, 5, 9, 0))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(page_files[1])], "")))
    window = open_window(qtbot, desk, tasks, who)
    view = window.book.view

    search_for(qtbot, window, stopped.code)
    wait_view(qtbot, window, stopped.code)
    qtbot.waitUntil(lambda: inside(view))
    dialog = open_action(qtbot, view, Qt.Key_D)
    type_text(focused(), "Công dân không bổ sung giấy tờ theo yêu cầu")
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    preview = wait_preview(qtbot, view, "dừng giải quyết")
    assert "Công dân không bổ sung giấy tờ theo yêu cầu" in pdf_text(preview.pdf_path)
    close_preview(qtbot, view)
    wait_view(qtbot, window, stopped.code, "Dừng xử lý")

    search_for(qtbot, window, withdrawn.code)
    wait_view(qtbot, window, withdrawn.code)
    qtbot.waitUntil(lambda: inside(view))
    dialog = open_action(qtbot, view, Qt.Key_R)
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)   # no scan yet: refused inside the dialog
    assert "F8" in dialog.error.text() and dialog.isVisible()
    press(qtbot, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: dialog.capture.count() == 1, timeout=30000)
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    wait_preview(qtbot, view, "rút hồ sơ")
    close_preview(qtbot, view)
    wait_view(qtbot, window, withdrawn.code, "Công dân yêu cầu rút hồ sơ")

    search_for(qtbot, window, resulted.code)
    wait_view(qtbot, window, resulted.code)
    qtbot.waitUntil(lambda: inside(view))
    dialog = open_action(qtbot, view, Qt.Key_K)
    assert dialog.documents.hasFocus()
    type_text(focused(), "Xác nhận thông tin về cư trú (bản chính)")
    press(qtbot, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: dialog.capture.count() == 1, timeout=30000)
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    wait_view(qtbot, window, resulted.code, "Đã xử lý xong")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: inside(view))
    assert view.action_buttons["return"].isVisible()
    assert page_kinds(desk, resulted.code)[-1] == "result"
    assert desk.spool.recover() == []


def test_mau_02_at_the_counter_then_the_citizen_returns_and_the_dossier_is_accepted_under_the_same_code(
        qtbot, desk, clerk, who, tasks, page_files, fixed_clock, monkeypatch):
    from desk_app.services.intake import Decision

    fixed_clock(MONDAY)
    filed = file_dossier(desk, who, page_files, "Trịnh Thị Thu Hà", "038196004322",
                         decision=Decision.INCOMPLETE,
                         defects=[{"component": "Giấy tờ chứng minh chỗ ở hợp pháp",
                                   "requirement": "Bản sao có chứng thực", "reason": "Chỉ có bản chụp"}])
    assert filed.due_at is None
    returned = datetime(2026, 3, 5, 14, 0)  # Thursday afternoon: the citizen brings the certified copy
    fixed_clock(returned)
    window = open_window(qtbot, desk, tasks, who)
    view = window.book.view
    search_for(qtbot, window, filed.code)   # the code printed on the citizen's Mẫu 02
    wait_view(qtbot, window, filed.code, "Yêu cầu bổ sung giấy tờ")
    qtbot.waitUntil(lambda: inside(view))
    assert view.action_buttons["resume"].isVisible() and not view.action_buttons["apologize"].isVisible()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(page_files[1])], "")))
    dialog = open_action(qtbot, view, Qt.Key_N)
    press(qtbot, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: dialog.capture.count() == 1, timeout=30000)
    press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    preview = wait_preview(qtbot, view, "Mẫu 01")   # accepted now: the first Mẫu 01 of this dossier
    procedure = desk.catalog.get("1.004222", returned.date())
    due = lifecycle.work_clock(desk).due(returned, procedure.time_limit, procedure.cutoff)
    text = pdf_text(preview.pdf_path)
    assert filed.code in text and vn_time_date(due) in text and vn_time_date(returned) in text
    close_preview(qtbot, view)
    wait_view(qtbot, window, filed.code, "Được tiếp nhận")
    row = dossier(desk, filed.code)
    assert (row.received_at, row.submitted_at, row.due_at) == (returned, MONDAY, due)
    assert page_kinds(desk, filed.code) == ["intake", "intake", "supplement"]
