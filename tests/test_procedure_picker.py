"""The procedure at the counter (issue 10 §1): only a procedure the clerk visibly chose in this dossier
can be accepted; the declaration's title suggests it (Alt+0), the desk's most received ones are one key
away (Alt+1…Alt+5), typing still works. Page keys act only on the page list. Keyboard only, focus
checked after each step, at 1280×720 and 1600×1000."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from desk_app.services.frequent_procedures import frequent_procedures
from desk_app.storage.models import Dossier
from tests.test_gui_reception import type_text
from ui.main_window import MainWindow

SIZES = [(1280, 720), (1600, 1000)]
MORNING = datetime(2026, 3, 10, 9, 0)   # a Tuesday in office hours


def _window(qtbot, desk, clerk, tasks, size=(1600, 1000), notice: bool = False) -> MainWindow:
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    if notice:   # dossiers due today: the start-up notice comes first; Enter closes it
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "startupNotice") is not None, timeout=10000)
        box = window.findChild(QMessageBox, "startupNotice")
        qtbot.waitUntil(lambda: box.focusWidget() is not None)
        qtbot.keyClick(box.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: window.reception.picker.search.hasFocus())
    return window


def settle(qtbot, window, tasks) -> None:
    """Before the window goes: the counter's draft saved (its debounce done) and the lanes idle, so no
    background answer arrives for a deleted window."""
    draft = getattr(window, "reception_draft", None)
    timer = getattr(draft, "_debounce", None)
    qtbot.waitUntil(lambda: (timer is None or not timer.isActive()) and not tasks.busy, timeout=20000)


def _dossier_count(desk) -> int:
    with desk.sessions() as session:
        return session.scalar(select(func.count()).select_from(Dossier))


def _close_message(qtbot) -> str:
    """The standard box («Đã hiểu» has the focus): read it, Enter closes it."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    box = QApplication.activeModalWidget()
    text = box.text()
    assert box.focusWidget() is box.defaultButton()   # «Đã hiểu» has the focus
    qtbot.keyClick(box.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    return text


def _add_pages(qtbot, panel, page_files) -> None:
    panel.scan_panel.insert_from_files(page_files)
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == len(page_files), timeout=30000)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_is_chosen_until_the_clerk_chooses_and_an_empty_search_leaves_no_procedure(
        qtbot, desk, clerk, tasks, page_files, fixed_clock, size):
    fixed_clock(MORNING)
    window = _window(qtbot, desk, clerk, tasks, size)
    panel = window.reception
    picker = panel.picker
    # The form opens with no procedure: nothing highlighted, the line under the box says so.
    assert panel.procedure is None and picker.list.currentItem() is None
    assert picker.chosen_label.text() == "Chưa chọn thủ tục."

    # The clerk types "chung thuc chu ky": the best match is highlighted and named.
    qtbot.keyClicks(picker.search, "chung thuc chu ky")
    assert panel.procedure.code == "2.000884" and "2.000884" in picker.chosen_label.text()
    assert picker.search.hasFocus()
    # …then goes on typing something that matches nothing ("thf"): no procedure any more.
    picker.search.selectAll()
    qtbot.keyClicks(picker.search, "thf")
    assert picker.list.count() == 0
    assert panel.procedure is None and picker.current() is None and picker.chosen_label.text() == "Chưa chọn thủ tục."
    assert panel.components.count() == 0

    # Tab from the search box goes on to the citizen without choosing anything on the way.
    qtbot.keyClick(picker.search, Qt.Key_Tab)
    qtbot.waitUntil(panel.identify.hasFocus)
    assert panel.procedure is None and picker.list.currentItem() is None
    # Ctrl+Enter refuses and says why; nothing is filed under the procedure highlighted before.
    type_text(panel.applicant_name, "Phạm Thị Lan")
    _add_pages(qtbot, panel, page_files)
    panel.applicant_name.setFocus()
    qtbot.waitUntil(panel.applicant_name.hasFocus)
    qtbot.keyClick(panel.applicant_name, Qt.Key_Return, Qt.ControlModifier)
    assert "chọn thủ tục" in _close_message(qtbot)
    assert _dossier_count(desk) == 0
    qtbot.waitUntil(panel.applicant_name.hasFocus)   # back where the clerk was
    settle(qtbot, window, tasks)


def test_after_an_accept_the_next_citizen_starts_with_no_procedure(qtbot, desk, clerk, tasks, page_files,
                                                                 fixed_clock):
    fixed_clock(MORNING)
    window = _window(qtbot, desk, clerk, tasks)
    panel = window.reception
    # ↓ in the empty search box highlights the list's first procedure; Enter takes it.
    qtbot.keyClick(panel.picker.search, Qt.Key_Down)
    first = panel.picker.list.item(0).data(Qt.UserRole)
    assert panel.procedure is first and first.code in panel.picker.chosen_label.text()
    qtbot.keyClick(panel.picker.search, Qt.Key_Return)
    qtbot.waitUntil(panel.identify.hasFocus)
    type_text(panel.applicant_name, "Phạm Thị Lan")
    _add_pages(qtbot, panel, page_files)
    if hasattr(panel.eform, "confirm_all"):
        panel.eform.confirm_all()
    panel.applicant_name.setFocus()
    with qtbot.waitSignal(panel.dossierAccepted, timeout=30000):
        qtbot.keyClick(panel.applicant_name, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(), timeout=10000)
    qtbot.keyClick(window.preview, Qt.Key_Escape)
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus(), timeout=10000)

    # The form is cleared: no procedure silently re-selected (it used to be the list's first one).
    assert panel.procedure is None and panel.picker.list.currentItem() is None
    assert panel.picker.search.text() == ""
    # The next citizen's papers and name, then Ctrl+Enter: refused until a procedure is chosen.
    type_text(panel.applicant_name, "Đỗ Văn Minh")
    _add_pages(qtbot, panel, page_files)
    panel.applicant_name.setFocus()
    qtbot.keyClick(panel.applicant_name, Qt.Key_Return, Qt.ControlModifier)
    assert "chọn thủ tục" in _close_message(qtbot)
    assert _dossier_count(desk) == 1
    settle(qtbot, window, tasks)


def test_the_most_received_procedures_are_one_key_away(qtbot, desk, clerk, tasks, page_files, fixed_clock):
    from desk_app.services.intake import IntakeSession, store_pages

    fixed_clock(MORNING)
    # No history yet: the commune's usual order, birth registration first.
    assert frequent_procedures(desk, clerk, MORNING.date())[:2] == ["1.001193", "2.000815"]
    for name in ("Vũ Thị Hoa", "Hoàng Văn Nam"):   # two signature certifications today
        IntakeSession(procedure_code="2.000884", applicant_name=name,
                      pages=store_pages(desk, page_files[:1])).finish(desk, clerk)
    assert frequent_procedures(desk, clerk, MORNING.date())[:2] == ["2.000884", "1.001193"]

    window = _window(qtbot, desk, clerk, tasks, notice=True)
    panel = window.reception
    qtbot.waitUntil(lambda: "Alt+1: Chứng thực chữ ký" in panel.picker.quick_label.text(), timeout=10000)
    # From the applicant's name field: Alt+2 chooses birth registration, visibly; the focus stays.
    panel.applicant_name.setFocus()
    qtbot.waitUntil(panel.applicant_name.hasFocus)
    qtbot.keyClick(panel.applicant_name, Qt.Key_2, Qt.AltModifier)
    assert panel.procedure.code == "1.001193" and "Đăng ký khai sinh" in panel.picker.chosen_label.text()
    assert panel.picker.search.text() == "1.001193" and panel.applicant_name.hasFocus()
    qtbot.keyClick(panel.applicant_name, Qt.Key_1, Qt.AltModifier)
    assert panel.procedure.code == "2.000884"
    # From the search box a quick key also confirms: on to the citizen, like Enter.
    panel.picker.search.setFocus()
    qtbot.waitUntil(panel.picker.search.hasFocus)
    qtbot.keyClick(panel.picker.search, Qt.Key_2, Qt.AltModifier)
    assert panel.procedure.code == "1.001193"
    qtbot.waitUntil(panel.identify.hasFocus)
    # Typing still works as before.
    panel.picker.search.setFocus()
    panel.picker.search.selectAll()
    qtbot.keyClicks(panel.picker.search, "ket hon")
    assert panel.procedure.code == "1.000894"
    settle(qtbot, window, tasks)


def test_del_r_b_on_the_accept_button_leave_the_pages_alone(qtbot, desk, clerk, tasks, page_files, fixed_clock):
    fixed_clock(MORNING)
    window = _window(qtbot, desk, clerk, tasks, (1280, 720))
    panel = window.reception
    _add_pages(qtbot, panel, page_files)
    panel.accept_button.setFocus()
    qtbot.waitUntil(panel.accept_button.hasFocus)
    for key in (Qt.Key_Delete, Qt.Key_R, Qt.Key_B, Qt.Key_Space, Qt.Key_1):
        if key == Qt.Key_Space:
            continue   # Space presses the focused button (that is the button's own key, not a page key)
        qtbot.keyClick(panel.accept_button, key)
    pages = panel.scan_panel.pages()
    assert len(pages) == 2 and all(p.rotation == 0 and not p.blank for p in pages)
    # In the procedure list too.
    panel.picker.list.setFocus()
    qtbot.keyClick(panel.picker.list, Qt.Key_Delete)
    assert len(panel.scan_panel.pages()) == 2
    # On the page list Del deletes the selected page, and the focus stays there.
    panel.scan_panel.list.setFocus()
    qtbot.waitUntil(panel.scan_panel.list.hasFocus)
    qtbot.keyClick(panel.scan_panel.list, Qt.Key_Delete)
    assert len(panel.scan_panel.pages()) == 1 and panel.scan_panel.list.hasFocus()
    settle(qtbot, window, tasks)


def _declaration_page(path, title: str = "TỜ KHAI ĐĂNG KÝ KHAI SINH"):
    from PIL import Image, ImageDraw, ImageFont

    from resources import resource_path

    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    regular = ImageFont.truetype(str(resource_path("fonts", "LiberationSerif-Regular.ttf")), 34)
    bold = ImageFont.truetype(str(resource_path("fonts", "LiberationSerif-Bold.ttf")), 44)
    draw.text((330, 120), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=regular, fill="black")
    draw.text((420, 170), "Độc lập - Tự do - Hạnh phúc", font=regular, fill="black")
    draw.text((330, 300), title, font=bold, fill="black")
    draw.text((150, 420), "Kính gửi: Ủy ban nhân dân xã Hòa An", font=regular, fill="black")
    draw.text((150, 500), "Họ, chữ đệm, tên người yêu cầu: Lê Thị Thu Trang", font=regular, fill="black")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, dpi=(150, 150))
    return path


@pytest.mark.slow
def test_the_scanned_declaration_suggests_its_procedure_and_its_pages_find_their_component(
        qtbot, desk, clerk, tasks, tmp_path, page_files, fixed_clock):
    fixed_clock(MORNING)
    window = _window(qtbot, desk, clerk, tasks)
    panel = window.reception
    declaration = _declaration_page(tmp_path / "Ảnh quét" / "tờ khai khai sinh.png")
    _add_pages(qtbot, panel, [declaration])
    # Read by OCR while the clerk works: the title names the procedure, offered on Alt+0 — not chosen.
    qtbot.waitUntil(lambda: panel.picker.suggestion() is not None, timeout=90000)
    assert panel.picker.suggestion().code == "1.001193"
    assert "Alt+0: Đăng ký khai sinh" in panel.picker.quick_label.text()
    assert "Alt+0" in panel.status_label.text()
    assert panel.procedure is None
    panel.scan_panel.list.setFocus()
    qtbot.waitUntil(panel.scan_panel.list.hasFocus)
    # Ctrl+Enter before choosing: refused, and the message says which key takes the suggestion.
    qtbot.keyClick(panel.scan_panel.list, Qt.Key_Return, Qt.ControlModifier)
    message = _close_message(qtbot)
    assert "chọn thủ tục" in message and "Alt+0" in message and "Đăng ký khai sinh" in message
    qtbot.waitUntil(panel.scan_panel.list.hasFocus)
    qtbot.keyClick(panel.scan_panel.list, Qt.Key_0, Qt.AltModifier)
    assert panel.procedure.code == "1.001193" and panel.scan_panel.list.hasFocus()
    # The declaration page is the declaration component (1), found by its title.
    page_id = panel.scan_panel.pages()[0].page_id
    assert panel.scan_panel.page_assignments() == {page_id: "TP1"}
    assert panel.components.item(0).text().endswith("1 trang")
    assert panel.components.item(1).text().endswith("chưa có trang")   # Giấy chứng sinh still missing
    settle(qtbot, window, tasks)


