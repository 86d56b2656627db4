"""The counter bugs of issue 10 that are not about the e-form or the procedure list, one test each.

Card reader (QR wedge) bursts, focus in the sign-in and counter dialogs, printing from the preview,
Qt's own dialogs in Vietnamese, the window at 1280×720, dates from the app's clock.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from ui.identity_widgets import IdentifyField

CARD = "001099012345|123456789|Trần Văn An|15031999|Nam|Số 12 đường Lê Lợi, Phường Bến Nghé, Hồ Chí Minh|20042021"
# The same card through a reader whose keyboard layout drops the letters it cannot type.
MANGLED = "001099012345|123456789|Trần Văn An|15031999|Nam|Số 12 đờng Lê Li, Phưng Bến Nghé, Hồ Chí Minh|20042021"


def _key(widget, char: str, at_ms: int) -> None:
    """One key as the platform delivers it: with the time it was pressed (QTest sends timestamp 0)."""
    if char == "\n":
        key, text = Qt.Key.Key_Return, "\r"
    else:
        key = ord(char.upper()) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
        text = char
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(at_ms)
        QApplication.sendEvent(widget, event)


def _burst(widget, text: str, start_ms: int, gap_ms: int = 5) -> int:
    for i, char in enumerate(text):
        _key(widget, char, start_ms + i * gap_ms)
    return start_ms + len(text) * gap_ms


class JumpingClock:
    """When the GUI thread got to each key: slow and uneven (a busy thread), unlike when keys were pressed."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 0.2
        return self.now


# --- 1. card reader ---------------------------------------------------------------------------------

def test_wedge_burst_is_timed_by_the_key_events_not_by_when_they_are_processed(qtbot):
    field = IdentifyField(clock=JumpingClock())
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.cardScanned, timeout=2000) as blocker:
        end = _burst(field, CARD, 50_000)
        _key(field, "\n", end)
    assert blocker.args[0].id_number == "001099012345" and blocker.args[0].reliable
    assert field.text() == ""


def test_pause_inside_a_burst_says_so_and_gives_back_what_the_clerk_typed(qtbot):
    field = IdentifyField()
    qtbot.addWidget(field)
    field.setText("Nguyễn")
    field.setCursorPosition(len("Nguyễn"))
    got: list = []
    for signal in (field.cardScanned, field.codeScanned, field.searchRequested):
        signal.connect(got.append)
    head, tail = CARD[:40], CARD[40:]
    with qtbot.waitSignal(field.scanProblem, timeout=2000) as problem:
        _burst(field, head, 10_000)   # … the reader stalls here; the idle timer ends the burst
    assert "một phần" in problem.args[0]
    assert field.text() == "Nguyễn"
    end = _burst(field, tail, 10_000 + 40 * 5 + 600)   # the rest arrives 0.6 s later
    _key(field, "\n", end)
    qtbot.waitUntil(lambda: field.text() == "Nguyễn", timeout=2000)
    qtbot.wait(300)   # the idle timer (100 ms) has had its chance to act on the remainder
    assert field.text() == "Nguyễn" and got == []


def test_a_short_remainder_after_the_pause_is_not_searched_for(qtbot):
    field = IdentifyField()
    qtbot.addWidget(field)
    searched: list = []
    field.searchRequested.connect(searched.append)
    with qtbot.waitSignal(field.scanProblem, timeout=2000):
        _burst(field, CARD[:-4], 20_000)
    end = _burst(field, CARD[-4:], 20_000 + len(CARD) * 5 + 500)
    _key(field, "\n", end)
    assert field.text() == "" and searched == []


def test_payload_checks_catch_dropped_letters_and_wrong_field_counts():
    from scanning.id_card.wedge import classify_burst

    good = classify_burst(CARD)
    assert good.kind == "card" and good.card.reliable
    mangled = classify_burst(MANGLED)
    assert mangled.kind == "card" and not mangled.card.reliable
    assert "«đờng»" in mangled.message and "«Phưng»" in mangled.message
    extra = classify_burst(CARD.replace("|Nam|", "|Nam|Hà|"))   # a name part turned into a field
    assert not extra.card.reliable and "8 trường" in extra.message
    stripped = classify_burst("001099012345|123456789|Tran Van An|15031999|Nam|Phuong Ben Nghe, Ho Chi Minh|20042021")
    assert not stripped.card.reliable
    assert classify_burst(CARD[:35]).kind == "partial"
    assert classify_burst("H22.15-260301-0007").kind == "code"


def test_mangled_wedge_text_is_not_stored_in_the_registry_nor_trusted(qtbot, desk, clerk):
    from desk_app.services.registry import CitizenRegistry
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    tasks = TaskRunner()
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    panel = window.reception
    with qtbot.waitSignal(panel.identify.cardScanned, timeout=2000):
        end = _burst(panel.identify, MANGLED, 70_000)
        _key(panel.identify, "\n", end)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=2000)
    box = window.findChild(QMessageBox, "errorBox")
    assert "«đờng»" in box.text()
    # Shown for the clerk to check, but only as the keyboard reader's (low-confidence) reading …
    assert panel.id_number.text() == "001099012345"
    assert panel._card.source == "keyboard"
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10000)
    # … and never recorded in the citizen registry.
    assert CitizenRegistry(desk.sessions, clerk).get("001099012345") is None
    _finish(qtbot, tasks, window)


# --- 2. sign-in dialogs and counter dialogs: focus, Space on OK -------------------------------------

def _press(qtbot, key) -> None:
    """A key where the focus is, as a person would press it."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key)


def test_space_on_the_sign_in_ok_button_does_not_send_an_empty_form(qtbot, desk, clerk_user):
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.login_dialog import LoginDialog
    from ui.tasks import TaskRunner

    tasks = TaskRunner()
    dialog = LoginDialog(desk, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.username.hasFocus())
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    for _ in range(2):
        _press(qtbot, Qt.Key.Key_Tab)
    assert ok.hasFocus()
    _press(qtbot, Qt.Key.Key_Space)
    assert "Tên đăng nhập" in dialog.error_label.text() and "Hãy nhập" in dialog.error_label.text()
    assert dialog.username.hasFocus() and dialog.buttons.isEnabled()
    assert not tasks.busy   # nothing was sent to the sign-in (a blank attempt would count towards the lockout)
    tasks.wait_idle()


def test_space_on_unlock_with_no_password_is_not_an_attempt(qtbot, desk, clerk):
    from PySide6.QtWidgets import QMainWindow

    from ui.idle_lock import IdleLock
    from ui.tasks import TaskRunner

    tasks = TaskRunner()
    window = QMainWindow()
    window.desk, window.tasks, window.user = desk, tasks, clerk
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    lock = IdleLock(window, tasks, desk.sessions, timeout_ms=60_000)
    lock.lock()
    qtbot.waitUntil(lambda: lock.overlay.password.hasFocus())
    _press(qtbot, Qt.Key.Key_Tab)
    assert lock.overlay.unlock_button.hasFocus()
    _press(qtbot, Qt.Key.Key_Space)
    assert "Hãy nhập mật khẩu" in lock.overlay.error.text()
    assert lock.overlay.password.hasFocus() and not tasks.busy and lock.locked
    lock.stop()
    tasks.wait_idle()


def test_counter_dialogs_open_in_their_first_empty_field(qtbot):
    from ui.counter_dialogs import OutsideHoursDialog, RefusalDialog

    for dialog, field in ((RefusalDialog(), "reason"), (OutsideHoursDialog("Ngoài giờ làm việc."), "reason")):
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog, f=field: getattr(d, f).hasFocus())
        _press(qtbot, Qt.Key.Key_Space)   # typed into the field, not a press of the OK button
        assert dialog.isVisible()
        dialog.reject()


# --- 3. printing ------------------------------------------------------------------------------------

def _receipt_pdf(tmp_path):
    from desk_app.documents.receipt import render_receipt
    from tests.test_receipt import make_receipt

    path = tmp_path / "Giấy tiếp nhận.pdf"
    path.write_bytes(render_receipt(make_receipt()))
    return path


def _print_dialog():
    from PySide6.QtPrintSupport import QPrintDialog

    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintDialog) and w.isVisible()), None)


def test_print_dialog_button_opens_the_print_dialog_and_prints(qtbot, tmp_path):
    from ui.receipt_preview import ReceiptPreview

    dialog = ReceiptPreview(_receipt_pdf(tmp_path), "000.00.12.H15-250701-0001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.print_dialog_button.setFocus()
    qtbot.waitUntil(dialog.print_dialog_button.hasFocus)
    _press(qtbot, Qt.Key.Key_Space)           # «In…»: was a TypeError in ui/printing.py
    qtbot.waitUntil(lambda: _print_dialog() is not None, timeout=5000)
    print_dialog = _print_dialog()
    out = tmp_path / "in.pdf"
    # No printer on the test machine: Qt's dialog offers printing to a PDF file, named in its «filename» box.
    from PySide6.QtWidgets import QLineEdit

    print_dialog.findChild(QLineEdit, "filename").setText(str(out))
    with qtbot.waitSignal(dialog.printing.printed, timeout=30000) as printed:
        print_dialog.accept()
    assert "2 trang" in printed.args[0] and out.stat().st_size > 0
    assert "2 trang" in dialog.status.text()


def test_print_preview_prints_from_a_labelled_button_and_ctrl_p(qtbot, tmp_path):
    from ui.receipt_preview import ReceiptPreview

    dialog = ReceiptPreview(_receipt_pdf(tmp_path), "000.00.12.H15-250701-0001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.preview_button.setFocus()
    qtbot.waitUntil(dialog.preview_button.hasFocus)
    _press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.printing.preview_dialog is not None
                    and dialog.printing.preview_dialog.isVisible(), timeout=10000)
    preview = dialog.printing.preview_dialog
    preview.activateWindow()
    button = preview.findChild(type(dialog.print_button), "previewPrint")
    assert button is not None and "In" in button.text() and "Ctrl+P" in button.text()
    qtbot.waitUntil(button.hasFocus)
    # Ctrl+P where the clerk is (the preview) opens the print dialog.
    _press_ctrl_p = QApplication.focusWidget()
    qtbot.keyClick(_press_ctrl_p, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _print_dialog() is not None, timeout=5000)
    _print_dialog().reject()
    # The labelled button does the same.
    _press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: _print_dialog() is not None, timeout=5000)
    _print_dialog().reject()
    preview.reject()


def test_receipt_preview_is_never_taller_than_the_screen(qtbot, tmp_path):
    from ui.receipt_preview import ReceiptPreview

    dialog = ReceiptPreview(_receipt_pdf(tmp_path), "000.00.12.H15-250701-0001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= room.height()
    assert dialog.frameGeometry().width() <= room.width()


# --- 4. Qt's own dialogs in Vietnamese --------------------------------------------------------------

def test_qt_standard_dialogs_buttons_and_menus_are_in_vietnamese(qapp, qtbot, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QPushButton

    from ui.qt_translations import install_qt_translations

    installed = install_qt_translations(qapp, "vi_VN")
    try:
        assert installed, "no Vietnamese translation of Qt's strings was loaded"
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Save
                               | QDialogButtonBox.Close)
        qtbot.addWidget(box)
        texts = {box.button(b).text() for b in (QDialogButtonBox.Ok, QDialogButtonBox.Cancel,
                                                 QDialogButtonBox.Save, QDialogButtonBox.Close)}
        assert texts == {"Đồng ý", "Hủy", "Lưu", "Đóng"}

        message = QMessageBox(QMessageBox.Question, "Hỏi", "Xóa?", QMessageBox.Yes | QMessageBox.No)
        qtbot.addWidget(message)
        assert message.button(QMessageBox.Yes).text().replace("&", "") == "Có"

        dialog = QFileDialog(None, "Chọn tệp trang giấy tờ", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        labels = {w.text().replace("&", "") for w in dialog.findChildren(QPushButton) if w.text()}
        labels |= {w.text().replace("&", "") for w in dialog.findChildren(QLabel) if w.text()}
        assert "Mở" in labels and "Hủy" in labels and "Tên tệp:" in labels, labels

        field = QLineEdit("Nguyễn Văn An")
        qtbot.addWidget(field)
        menu = field.createStandardContextMenu()
        actions = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if not a.isSeparator()]
        assert "Sao chép" in actions and "Dán" in actions and "Chọn tất cả" in actions
        menu.deleteLater()
        dialog.reject()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


# --- 5. the window fits 1280×720 and larger -----------------------------------------------------------

def _finish(qtbot, tasks, *windows) -> None:
    """Close the windows and let their background work (draft saves…) report back while they still exist."""
    for window in windows:
        window.close()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=20000)
    tasks.wait_idle()


def _inside(widget, window) -> bool:
    """*widget* is shown and wholly inside *window*'s client area (not cut off below the screen edge)."""
    from PySide6.QtCore import QRect

    if not widget.isVisible():
        return False
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(top_left, widget.size()))


def test_main_window_opens_within_the_screen_not_at_a_fixed_1200x800(qtbot, desk, clerk, monkeypatch):
    from PySide6.QtCore import QSize

    import ui.geometry
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    tasks = TaskRunner()
    for screen in (QSize(1280, 720), QSize(1920, 1080)):   # what the desktop leaves free on the clerk's screen
        monkeypatch.setattr(ui.geometry, "available_size", lambda _widget=None, s=screen: s)
        window = MainWindow(desk, tasks, clerk)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.width() <= screen.width() and window.height() <= screen.height()
        assert window.width() >= min(1280, screen.width()) - 60   # and uses the room there is
        _finish(qtbot, tasks, window)
        (desk.folder / "window.ini").unlink(missing_ok=True)


import pytest  # noqa: E402


@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)], ids=["1280x720", "1600x1000"])
def test_decision_buttons_stay_reachable_and_the_form_scrolls(qtbot, desk, clerk, size):
    from PySide6.QtWidgets import QScrollArea

    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    tasks = TaskRunner()
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    panel = window.reception
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())
    assert (window.width(), window.height()) == size   # the layout does not force a taller window
    for button in (panel.accept_button, panel.incomplete_button, panel.refuse_button):
        assert _inside(button, window), button.text()
    # Tab from the procedure search down the applicant's fields: each one scrolled into view.
    scroll = window.findChild(QScrollArea, "receptionLeftScroll")
    assert scroll is not None
    for _ in range(12):
        _press(qtbot, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is not None and scroll.isAncestorOf(focused):
            assert scroll.viewport().rect().intersects(
                focused.geometry().translated(focused.parentWidget().mapTo(scroll.viewport(), focused.parentWidget().rect().topLeft())))
    _finish(qtbot, tasks, window)


def test_main_window_geometry_is_remembered_per_data_folder(qtbot, desk, clerk):
    from PySide6.QtWidgets import QSplitter

    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    tasks = TaskRunner()
    first = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(first.minimumSizeHint().expandedTo(first.size() * 0.9))
    wanted = first.size()
    splitter = first.findChild(QSplitter, "receptionColumns")
    splitter.setSizes([splitter.width() // 3, splitter.width() - splitter.width() // 3])
    sizes = splitter.sizes()
    first.close()
    second = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(second)
    assert second.size() == wanted
    second.show()
    qtbot.waitExposed(second)
    assert abs(second.findChild(QSplitter, "receptionColumns").sizes()[0] - sizes[0]) <= 2
    _finish(qtbot, tasks, first, second)


# --- 6. every date from the app's clock ---------------------------------------------------------------

def test_declaration_date_comes_from_the_app_clock(fixed_clock):
    from datetime import datetime

    from desk_app.eforms.prefill import PrefillInputs, prefill

    fixed_clock(datetime(2031, 2, 3, 9, 0))   # never the machine's date
    result = prefill("1.001193", PrefillInputs())
    assert result.fields["signed_date"].value == "ngày 3 tháng 2 năm 2031"


def test_scanning_dates_follow_the_app_clock(fixed_clock, tmp_path):
    import json
    from datetime import datetime

    from scanning.spool import Spool
    from scanning.vntime import local_today

    fixed_clock(datetime(2031, 2, 3, 9, 0))
    assert local_today().isoformat() == "2031-02-03"
    batch = Spool(tmp_path / "spool").open_batch("test")
    first = json.loads((batch.folder / "journal.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["created_at"] == "2031-02-03T09:00:00"
