"""The dossier book (F4) and the overdue control (F7), driven from the keyboard.

Search by the Mẫu 01 QR (the code typed by a USB reader) opens the dossier at once; a name without
diacritics lists it and Enter opens it; filters are reachable with Alt+letter; the action letters act only
while the dossier view has the focus; pages show as thumbnails and Space shows one large; a form is
printed again from the list; the overdue list opens a dossier with Enter.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.services import lifecycle
from desk_app.services.intake import IntakeSession, store_pages
from tests.qt_helpers import type_text, focused  # noqa: F401 - also imported from here

MONDAY = datetime(2026, 3, 2, 9, 0)  # 1.004222 (7 working days): due Wed 11/03 09:00


def inside(widget) -> bool:
    current = focused()
    return current is not None and (current is widget or widget.isAncestorOf(current))


@pytest.fixture
def who(clerk):
    """The signed-in clerk (an identity issued by sign-in)."""
    return clerk


def file_dossier(desk, who, page_files, name, id_number, at=MONDAY, procedure="1.004222", **extra):
    return IntakeSession(procedure_code=procedure, applicant_name=name, applicant_id_number=id_number,
                         pages=store_pages(desk, page_files), **extra).finish(desk, who, at=at)


def open_window(qtbot, desk, tasks, who, size=(1280, 720)):
    from ui.main_window import MainWindow

    window = MainWindow(desk, tasks, who)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    # The start-up notice (deadlines, calendar) is read in the background; close it if it comes.
    qtbot.waitUntil(lambda: window._startup_notice_shown, timeout=10000)
    notice = getattr(window, "startup_notice", None)
    if notice is not None and notice.isVisible():
        qtbot.keyClick(focused(), Qt.Key_Return)
        qtbot.waitUntil(lambda: not notice.isVisible())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def search_for(qtbot, window, text: str) -> None:
    """F4, then type into the search field as a QR reader does (ASCII) or an input method (Vietnamese)."""
    qtbot.keyClick(window, Qt.Key_F4)
    book = window.book
    qtbot.waitUntil(lambda: book.search_field.hasFocus())
    book.search_field.clear()
    if text.isascii():
        qtbot.keyClicks(book.search_field, text)
    else:
        type_text(book.search_field, text)
    qtbot.keyClick(book.search_field, Qt.Key_Return)


def wait_view(qtbot, window, code: str, status_label: str = "") -> None:
    view = window.book.view
    qtbot.waitUntil(lambda: view.view is not None and view.view.summary.code == code and not view._loading
                    and (not status_label or view.view.summary.status_label == status_label), timeout=15000)


def test_the_qr_of_the_receipt_opens_the_dossier_and_letters_act_only_in_the_dossier_view(
        qtbot, desk, clerk, who, tasks, page_files, fixed_clock):
    fixed_clock(datetime(2026, 3, 3, 9, 0))
    first = file_dossier(desk, who, page_files, "Nguyễn Thị Ánh Tuyết", "001190012345")
    second = file_dossier(desk, who, page_files, "Đặng Văn Đức", "038096001234")
    window = open_window(qtbot, desk, tasks, who)
    book, view = window.book, window.book.view

    search_for(qtbot, window, first.code)
    wait_view(qtbot, window, first.code)
    assert book.stack.currentWidget() is view and inside(view)
    assert first.code in view.header.text() and "Nguyễn Thị Ánh Tuyết" in view.header.text()
    assert view.action_buttons["forward"].isVisible() and view.action_buttons["forward"].text().startswith("C")
    assert not view.action_buttons["return"].isVisible()

    # Esc: back to the results; a letter typed there opens nothing.
    qtbot.keyClick(focused(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: inside(book.results))
    qtbot.keyClick(focused(), Qt.Key_C)
    assert view.dialog is None
    # Enter on the row opens it again; C (chuyển xử lý) opens its dialog, Enter confirms.
    qtbot.keyClick(focused(), Qt.Key_Return)
    qtbot.waitUntil(lambda: inside(view))
    wait_view(qtbot, window, first.code)
    qtbot.keyClick(focused(), Qt.Key_C)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible())
    qtbot.waitUntil(lambda: inside(view.dialog))
    qtbot.keyClick(focused(), Qt.Key_Return)
    wait_view(qtbot, window, first.code, "Đang xử lý")
    qtbot.waitUntil(lambda: not view.dialog.isVisible())
    qtbot.waitUntil(lambda: inside(view))
    assert not view.action_buttons["forward"].isVisible()
    assert any("Chuyển hồ sơ cho cán bộ xử lý" in view.timeline.item(r, 1).text()
               for r in range(view.timeline.rowCount()))

    # The next citizen's Mẫu 01 scanned while this dossier is shown: the keys follow the focus into the
    # search field (its first digit starts a new search), Enter opens the other dossier.
    for char in second.code:
        qtbot.keyClick(focused(), char)
    assert book.search_field.hasFocus() and book.search_field.text() == second.code
    qtbot.keyClick(focused(), Qt.Key_Return)
    wait_view(qtbot, window, second.code)
    qtbot.waitUntil(lambda: inside(view))


def test_a_name_without_diacritics_lists_the_dossier_and_filters_are_reachable_by_keyboard(
        qtbot, desk, clerk, who, tasks, page_files, fixed_clock):
    fixed_clock(datetime(2026, 3, 3, 9, 0))
    a = file_dossier(desk, who, page_files, "Nguyễn Thị Ánh Tuyết", "001190012345")
    b = file_dossier(desk, who, page_files, "Đặng Văn Đức", "038096001234")
    lifecycle.forward(desk, who, b.code)
    window = open_window(qtbot, desk, tasks, who)
    book = window.book

    search_for(qtbot, window, "dang van duc")
    qtbot.waitUntil(lambda: book.model.codes() == [b.code], timeout=10000)
    assert inside(book.results) and book.stack.currentIndex() == 0   # a name is not opened by itself
    qtbot.keyClick(focused(), Qt.Key_Return)
    wait_view(qtbot, window, b.code)
    qtbot.keyClick(focused(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: inside(book.results))

    # Status filter alone: Ctrl+F back to the field, clear it, Alt+T to the status box, ↓ picks an entry.
    qtbot.keyClick(focused(), Qt.Key_F, Qt.ControlModifier)
    assert book.search_field.hasFocus()
    qtbot.keyClick(book.search_field, Qt.Key_Delete)
    assert book.search_field.text() == ""
    qtbot.keyClick(book.search_field, Qt.Key_T, Qt.AltModifier)
    assert book.status.hasFocus()
    qtbot.keyClick(book.status, Qt.Key_Down)   # "Đang giải quyết (2, 4, 5, 6)"
    qtbot.waitUntil(lambda: sorted(book.model.codes()) == sorted([a.code, b.code]), timeout=10000)
    assert book.status.hasFocus()              # a filter search never steals the focus
    for _ in range(4):                          # … 3. Không được tiếp nhận, 4. Đang xử lý
        qtbot.keyClick(book.status, Qt.Key_Down)
    assert book.status.currentData() == (4,)
    qtbot.waitUntil(lambda: book.model.codes() == [b.code], timeout=10000)
    # Date range: Alt+N ticks the range (its mnemonic); a range before the dossiers finds none.
    qtbot.keyClick(book.status, Qt.Key_N, Qt.AltModifier)
    qtbot.waitUntil(lambda: book.use_dates.isChecked() and book.use_dates.hasFocus())
    assert book.date_from.isEnabled() and book.date_to.isEnabled()
    book.date_to.setDate(book.date_to.date().addDays(-2))
    qtbot.waitUntil(lambda: book.model.codes() == [] and "Không tìm thấy" in book.message.text(), timeout=10000)


def test_pages_thumbnails_space_shows_a_page_large_and_a_form_is_printed_again(
        qtbot, desk, clerk, who, tasks, page_files, fixed_clock):
    from pypdf import PdfReader

    fixed_clock(datetime(2026, 3, 3, 9, 0))
    a = file_dossier(desk, who, page_files, "Trương Mỹ Lan", "001190012347",
                     form_values={"full_name": "Trương Mỹ Lan"}, form_sources={"full_name": "id_card"})
    window = open_window(qtbot, desk, tasks, who, size=(1600, 1000))
    view = window.book.view
    search_for(qtbot, window, a.code)
    wait_view(qtbot, window, a.code)

    qtbot.keyClick(focused(), Qt.Key_2, Qt.AltModifier)
    assert view.pages.hasFocus() and view.pages.count() == 2
    qtbot.waitUntil(lambda: not view.pages.item(0).icon().isNull(), timeout=10000)
    qtbot.keyClick(view.pages, Qt.Key_Space)
    qtbot.waitUntil(lambda: view.viewer is not None and view.viewer.loaded, timeout=10000)
    assert "tờ khai.png" in view.viewer.caption.text()
    qtbot.keyClick(view.viewer, Qt.Key_Right)
    qtbot.waitUntil(lambda: view.viewer.loaded and "giấy chứng sinh.jpg" in view.viewer.caption.text())
    qtbot.keyClick(view.viewer, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not view.viewer.isVisible())
    qtbot.waitUntil(lambda: view.pages.hasFocus())   # back where the clerk was

    qtbot.keyClick(focused(), Qt.Key_3, Qt.AltModifier)
    assert view.eform.hasFocus()
    assert (view.eform.item(0, 1).text(), view.eform.item(0, 2).text()) == ("Trương Mỹ Lan", "Thẻ căn cước")

    # The forms list: Mẫu 01 first; Ctrl+P anywhere in the view opens its preview.
    assert view.selected_form() == "receipt"
    qtbot.keyClick(focused(), Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: view.preview is not None and view.preview.isVisible(), timeout=15000)
    text = "".join(page.extract_text() for page in PdfReader(view.preview.pdf_path).pages)
    assert a.code in text
    qtbot.keyClick(view.preview, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not view.preview.isVisible())
    qtbot.waitUntil(lambda: view.eform.hasFocus())


def test_the_overdue_list_opens_a_dossier_with_enter(qtbot, desk, clerk, who, tasks, page_files, fixed_clock):
    late = file_dossier(desk, who, page_files, "Phan Văn Tài", "001190012348")                      # due 11/03
    soon = file_dossier(desk, who, page_files, "Hồ Thị Hạnh", "001190012349", at=datetime(2026, 3, 3, 9, 0))
    waiting = file_dossier(desk, who, page_files, "Vũ Đình Khang", "001190012350", at=datetime(2026, 3, 4, 9, 0))
    lifecycle.request_supplement(desk, who, waiting.code, [{"component": "Tờ khai", "requirement": "Ký"}],
                                 at=datetime(2026, 3, 4, 10, 0))
    fixed_clock(datetime(2026, 3, 11, 10, 0))
    window = open_window(qtbot, desk, tasks, who)
    assert window.due_button.isVisible()   # the status-bar warning of the main window

    window.overdueRequested.emit()          # the warning clicked (or F7)
    due = window.due_list
    qtbot.waitUntil(lambda: due.report is not None and due.codes() == [late.code, soon.code, waiting.code],
                    timeout=10000)
    assert window.tabs.currentWidget() is due and due.tree.hasFocus()
    assert due.current_code() == late.code
    assert "xin lỗi" in due.tree.currentItem().text(4)
    qtbot.keyClick(due.tree, Qt.Key_Down)
    assert due.current_code() == soon.code or due.tree.currentItem().data(0, Qt.UserRole) == ""
    while due.current_code() != soon.code:
        qtbot.keyClick(due.tree, Qt.Key_Down)
    qtbot.keyClick(due.tree, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.book)
    wait_view(qtbot, window, soon.code)
    qtbot.waitUntil(lambda: inside(window.book.view))
