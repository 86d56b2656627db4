"""The e-form at the counter, keyboard only: a mother registers her child's birth with her ID card and the
scanned declaration; the accept waits for the values that must be confirmed, then keeps every value with
its source."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk_app.storage.models import Dossier
from ui.main_window import MainWindow

CARD = "038190004567||Lê Thị Thu Trang|02091990|Nữ|Thôn Yên Vực, xã Hòa An, Thanh Hóa|15062022"
DECLARATION = {"child_name": ("Phạm Minh An", 0.96, True), "child_dob": ("02/11/2026", 0.93, False),
               "child_gender": ("Nam", 0.95, True), "child_birthplace": ("Bệnh viện Đa khoa tỉnh Thanh Hóa", 0.95, True),
               "child_ethnicity": ("Kinh", 0.95, True), "child_nationality": ("Việt Nam", 0.97, True)}


def _in_eform(panel, widget) -> bool:  # noqa: ANN001
    return widget is not None and panel.eform.isAncestorOf(widget)


def _focused_key(panel) -> str | None:  # noqa: ANN001
    widget = QApplication.focusWidget()
    for key in panel.eform.schema.keys:
        combo = panel.eform.field_widget(key)
        if widget is combo or widget is combo.lineEdit():
            return key
    return None


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)], ids=["1280x720", "1600x1000"])
def test_a_mother_registers_her_childs_birth_with_the_keyboard(qtbot, desk, clerk, tasks, page_files, fixed_clock,
                                                               size):
    from scanning.id_card.qr_text import parse_card_qr

    fixed_clock(datetime(2026, 11, 30, 9, 0))
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel = window.reception
    read = []

    def fake_reader(path, procedure):  # noqa: ANN001, ANN202 - stands in for OCR of the page
        read.append((procedure, str(path)))
        return DECLARATION

    panel.declaration_reader.reader = fake_reader

    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())
    qtbot.keyClicks(panel.picker.search, "1.001193")
    qtbot.keyClick(panel.picker.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.procedure is not None and panel.procedure.code == "1.001193")
    qtbot.waitUntil(lambda: panel.eform.field_count() == 29, timeout=10000)

    # The mother's card, read by the QR reader.
    panel.identify.cardScanned.emit(parse_card_qr(CARD))
    qtbot.waitUntil(lambda: panel.eform.value("mother_name") == "Lê Thị Thu Trang", timeout=10000)
    assert panel.eform.value("mother_id_number") == "038190004567"
    assert panel.eform.value("mother_residence") == "Thôn Yên Vực, xã Hòa An, Thanh Hóa"
    assert panel.eform.value("declarant_relationship") == "Mẹ"
    assert panel.eform.origin_label("mother_name") == "Thẻ CCCD (mã QR)"
    assert panel.eform.value("signed_date") == "ngày 30 tháng 11 năm 2026"  # the app clock, as the receipt

    # Two pages; the first is put under component 1 (the declaration) with the digit key: it is read.
    panel.scan_panel.insert_from_files(page_files)
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == 2, timeout=30000)
    page_list = panel.scan_panel.list
    page_list.setFocus()
    page_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: page_list.hasFocus())
    qtbot.keyClick(page_list, Qt.Key_1)
    qtbot.waitUntil(lambda: panel.eform.value("child_name") == "Phạm Minh An", timeout=20000)
    assert read and read[0][0] == "1.001193"
    assert panel.eform.origin_label("child_name") == "Tờ khai (OCR)"
    assert panel.eform.value("child_dob") == "02/11/2026"   # unsure: shown, yellow, not taken

    # Ctrl+Enter: refused, the message names the fields, the focus goes to the first one.
    qtbot.keyClick(page_list, Qt.Key_Return, Qt.ControlModifier)
    assert panel.status_label.text().startswith("Chưa xác nhận")
    assert "«Quan hệ với người được khai sinh»" in panel.status_label.text()
    qtbot.waitUntil(lambda: _focused_key(panel) == "declarant_relationship")
    pending = panel.eform.unconfirmed_keys()
    assert pending[:3] == ["declarant_relationship", "child_dob", "child_dob_words"]
    # One Enter per value: each confirms and moves on to the next one waiting.
    for key in pending:
        assert _focused_key(panel) == key
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert panel.eform.unconfirmed_keys() == []

    # Tab leaves the e-form after its last field (no Tab trap).
    panel.eform.field_widget("copies_count").setFocus()
    qtbot.waitUntil(lambda: _focused_key(panel) == "copies_count")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert not _in_eform(panel, QApplication.focusWidget())

    with qtbot.waitSignal(panel.dossierAccepted, timeout=30000) as accepted:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    with desk.sessions() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == accepted.args[0]))
    assert dossier.form_data["child_name"] == "Phạm Minh An"
    assert dossier.form_data["mother_name"] == "Lê Thị Thu Trang"
    assert dossier.form_data["signed_date"] == "ngày 30 tháng 11 năm 2026"
    assert dossier.form_sources["child_name"] == "form_extraction"
    assert dossier.form_sources["mother_name"] == "id_card"
    _close(qtbot, window, tasks)


@pytest.mark.slow
def test_tab_from_the_applicant_goes_through_the_e_form_and_on(qtbot, desk, clerk, tasks, fixed_clock):
    fixed_clock(datetime(2026, 11, 30, 9, 0))  # a working day in the calendar: no start-up notice
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel = window.reception
    qtbot.keyClicks(panel.picker.search, "1.000656")
    qtbot.keyClick(panel.picker.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.eform.field_count() > 0, timeout=10000)
    # The last applicant field (the delivery address is disabled until "by post" is ticked), then Tab.
    panel.result_by_post.setFocus()
    qtbot.waitUntil(lambda: panel.result_by_post.hasFocus())
    qtbot.keyClick(panel.result_by_post, Qt.Key_Tab)
    keys = panel.eform.schema.keys
    for key in keys:
        assert _focused_key(panel) == key
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert not _in_eform(panel, QApplication.focusWidget())
    # Another procedure: a new form, in the same place of the Tab order.
    panel.picker.search.setFocus()
    panel.picker.search.selectAll()
    qtbot.keyClicks(panel.picker.search, "1.004873")
    qtbot.keyClick(panel.picker.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.eform.schema is not None and panel.eform.schema.procedure == "1.004873",
                    timeout=10000)
    panel.result_by_post.setFocus()
    qtbot.waitUntil(lambda: panel.result_by_post.hasFocus())
    qtbot.keyClick(panel.result_by_post, Qt.Key_Tab)
    assert _focused_key(panel) == "addressee"
    _close(qtbot, window, tasks)


def _close(qtbot, window, tasks) -> None:  # noqa: ANN001
    """Close the window and let what closing starts (a last draft save) finish while the window exists."""
    from PySide6.QtCore import QTimer

    window.close()

    def settled() -> bool:   # no save waiting to start (a draft's debounce), none running
        waiting = [t for t in window.findChildren(QTimer) if t.isSingleShot() and t.isActive()]
        return not waiting and not tasks.busy

    qtbot.waitUntil(settled, timeout=10000)


@pytest.mark.slow
def test_typing_another_relationship_takes_the_mothers_values_back(qtbot, desk, clerk, tasks, fixed_clock):
    from PySide6.QtGui import QInputMethodEvent

    from scanning.id_card.qr_text import parse_card_qr

    fixed_clock(datetime(2026, 11, 30, 9, 0))  # a working day in the calendar: no start-up notice
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel = window.reception
    qtbot.keyClicks(panel.picker.search, "1.001193")
    qtbot.keyClick(panel.picker.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.eform.field_count() == 29, timeout=10000)
    panel.identify.cardScanned.emit(parse_card_qr(CARD))
    qtbot.waitUntil(lambda: panel.eform.value("mother_name") == "Lê Thị Thu Trang", timeout=10000)

    # The applicant is the grandmother: the clerk types it over the suggestion and moves on.
    line = panel.eform.field_widget("declarant_relationship").lineEdit()
    line.setFocus()
    qtbot.waitUntil(lambda: _focused_key(panel) == "declarant_relationship")
    line.selectAll()
    qtbot.keyClick(line, Qt.Key_Backspace)
    event = QInputMethodEvent("", [])
    event.setCommitString("Bà")
    QApplication.sendEvent(line, event)
    qtbot.keyClick(line, Qt.Key_Tab)
    qtbot.waitUntil(lambda: panel.eform.value("mother_name") == "", timeout=10000)
    assert panel.eform.value("declarant_relationship") == "Bà"
    assert panel.eform.origin_label("declarant_relationship") == "Nhập tay"
    assert panel.eform.value("declarant_name") == "Lê Thị Thu Trang"
    _close(qtbot, window, tasks)
