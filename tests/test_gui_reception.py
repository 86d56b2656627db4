"""The vertical slice through the GUI, driven from the keyboard with Vietnamese input.

sign in → choose the procedure → enter the applicant → add page files → accept (Ctrl+Enter, one of the
three counter decisions; refuse and incomplete are in test_gui_counter_decisions.py) → the receipt
preview opens and the dossier is in today's list.
"""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from sqlalchemy import select

from desk_app.storage.models import Dossier
from tests.conftest import CLERK_PASSWORD
from ui.login_dialog import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow
from tests.qt_helpers import type_text


def _sign_in(qtbot, desk, tasks, password: str) -> LoginDialog:
    dialog = LoginDialog(desk, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, "tuyet.nguyen")
    type_text(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    return dialog


def test_wrong_password_is_refused_in_vietnamese(qtbot, desk, clerk, tasks):
    dialog = _sign_in(qtbot, desk, tasks, "sai-mật-khẩu")
    qtbot.waitUntil(lambda: dialog.error_label.text() != "")
    assert "không đúng" in dialog.error_label.text()
    assert dialog.user is None and dialog.isVisible()


def test_first_run_creates_the_administrator(qtbot, desk, tasks):
    dialog = FirstRunDialog(desk, tasks)
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "Lương Thế Vinh")
    type_text(dialog.password, "Trống-đồng-Đông-Sơn-1")
    type_text(dialog.password_again, "Trống-đồng-Đông-Sơn-1")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.buttons.accepted.emit()
    assert dialog.user.full_name == "Lương Thế Vinh" and dialog.user.role == "admin"


@pytest.mark.slow
def test_receive_a_dossier_end_to_end_from_the_keyboard(qtbot, desk, clerk, tasks, page_files, monkeypatch,
                                                         fixed_clock):
    fixed_clock(datetime(2026, 8, 21, 16, 0))  # Friday after the cut-off; Saturday 22/08 is a make-up day
    login = _sign_in(qtbot, desk, tasks, CLERK_PASSWORD)
    qtbot.waitUntil(lambda: login.result() == QDialog.Accepted, timeout=10000)

    window = MainWindow(desk, tasks, login.user)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    panel = window.reception
    assert window.findChild(type(panel.status_label), "trainingBanner").isVisible()

    # Choose "Chứng thực bản sao từ bản chính" by typing without diacritics, Enter moves to the applicant.
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())
    qtbot.keyClicks(panel.picker.search, "chung thuc ban sao")
    assert panel.picker.current().code == "2.000815"
    qtbot.keyClick(panel.picker.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.identify.hasFocus())  # identify the citizen first (QR or search)
    qtbot.keyClick(panel.identify, Qt.Key_Tab)
    assert panel.applicant_name.hasFocus()

    type_text(QApplication.focusWidget(), "Nguyễn Thị Ánh Tuyết")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert panel.id_number.hasFocus()
    qtbot.keyClicks(panel.id_number, "001199012345")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    type_text(QApplication.focusWidget(), "Số 5 ngõ Hòe Nhai, phường Ba Đình, Hà Nội")

    # Ctrl+O opens the file dialog (patched to pick the two page files with Vietnamese paths).
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(p) for p in page_files], "")))
    qtbot.keyClick(panel, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == 2, timeout=30000)
    assert [p.source_name for p in panel.scan_panel.pages()] == [p.name for p in page_files]

    # After the 15:00 cut-off the clerk sees, before accepting, that the clock starts the next working day.
    assert "Đã quá 15:00" in panel.due_label.text() and "ngày 22/08/2026" in panel.due_label.text()
    with qtbot.waitSignal(panel.dossierFiled, timeout=20000) as filed, \
            qtbot.waitSignal(panel.dossierAccepted, timeout=20000) as accepted:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    code, receipt_path = accepted.args
    assert code == "000.00.00.H99-260821-5001"
    assert filed.args == [code, "receipt", receipt_path]  # accept is one of the three counter decisions

    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(), timeout=10000)
    assert window.preview.page_count == 2  # two copies of the receipt
    qtbot.waitUntil(lambda: code in window.today.model.codes(), timeout=10000)
    assert panel.applicant_name.text() == "" and len(panel.scan_panel.pages()) == 0  # ready for the next citizen

    with desk.sessions() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        page_count = len(dossier.pages)
    assert dossier.applicant_name == "Nguyễn Thị Ánh Tuyết"
    assert dossier.applicant_address == "Số 5 ngõ Hòe Nhai, phường Ba Đình, Hà Nội"
    # Received 16:00 Friday (after 15:00) → the make-up working Saturday 22/08, close of day.
    assert dossier.due_at.date().isoformat() == "2026-08-22"
    assert page_count == 2

    qtbot.keyClick(window.preview, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not window.preview.isVisible())
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())  # the next citizen


def test_pages_scanned_before_a_crash_come_back_on_the_next_start(qtbot, desk, clerk, tasks, page_files):
    from scanning.capture.base import CapturedPage
    from scanning.file_import import read_page_images

    from ui.reception_draft import spool_owner

    batch = desk.spool.owned_by(spool_owner(clerk)).open_batch("scanner")  # scanned by this clerk
    for path in page_files:
        page = read_page_images(path)[0]
        batch.add_page(CapturedPage(page.data, page.media_type, page.width, page.height, page.dpi,
                                    page.source_name))
    del batch  # the app "crashed" here: nothing was accepted

    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(window.reception.scan_panel.pages()) == 2, timeout=30000)
    assert "khôi phục 2 trang" in window.reception.status_label.text()


@pytest.mark.slow
def test_pages_are_read_while_the_clerk_works_and_the_dossier_becomes_searchable(
        qtbot, desk, clerk, tasks, tmp_path, fixed_clock):
    from desk_app.services.fulltext import search
    from tests.conftest import make_page_image

    fixed_clock(datetime(2026, 3, 10, 9, 0))
    page = tmp_path / "Tờ khai" / "trang 1.png"
    make_page_image(page, "")
    from PIL import Image, ImageDraw, ImageFont
    from resources import resource_path

    image = Image.open(page)
    font = ImageFont.truetype(str(resource_path("fonts", "LiberationSerif-Regular.ttf")), 56)
    ImageDraw.Draw(image).text((150, 400), "Họ và tên: Đặng Thị Hường", font=font, fill="black")
    image.save(page, dpi=(150, 150))

    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    panel = window.reception
    panel.scan_panel.insert_from_files([page])
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == 1, timeout=30000)
    page_id = panel.scan_panel.pages()[0].page_id
    qtbot.waitUntil(lambda: panel.scan_panel.page_status(page_id).startswith("Đã đọc"), timeout=60000)

    panel.picker.search.setText("2.000884")
    type_text(panel.applicant_name, "Đặng Thị Hường")
    with qtbot.waitSignal(panel.dossierAccepted, timeout=30000):
        panel.accept_dossier()
    qtbot.waitUntil(lambda: len(search(desk.sessions, clerk, "dang thi huong")) == 1, timeout=30000)


def test_scanning_the_id_card_qr_fills_the_applicant_and_the_registry_remembers_them(qtbot, desk, clerk, tasks):
    from desk_app.services.registry import CitizenRegistry
    from scanning.id_card.qr_text import parse_card_qr

    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    panel = window.reception
    type_text(panel.address, "Xóm Bến, xã Hòa An")  # typed by the clerk: the card must not overwrite it
    card = parse_card_qr("001099012345|123456789|Nguyễn Văn An|15031999|Nam|Phường Ba Đình, Hà Nội|20042021")
    panel.identify.cardScanned.emit(card)
    assert panel.applicant_name.text() == "Nguyễn Văn An" and panel.id_number.text() == "001099012345"
    assert panel.address.text() == "Xóm Bến, xã Hòa An"
    # (Wait for the background save, then look once: a registry read is audited, i.e. it writes too.)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10000)
    assert CitizenRegistry(desk.sessions, clerk).get("001099012345") is not None

    # Next visit: typing the name without diacritics and Enter finds the citizen.
    panel.reset_form()
    # (keyClicks would type faster than any person — the field would take it for a QR reader burst.)
    panel.identify.setText("nguyen van an")
    qtbot.keyClick(panel.identify, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.id_number.text() == "001099012345", timeout=10000)
    assert panel.address.text() == "Phường Ba Đình, Hà Nội"
    from desk_app.storage.identity_models import Citizen
    from desk_app.storage.models import AuditEntry

    with desk.sessions() as session:
        actions = [(a.action, a.entity_id) for a in session.scalars(select(AuditEntry).where(AuditEntry.entity == "citizen"))]
        citizen = str(session.scalar(select(Citizen.id).where(Citizen.id_number == "001099012345")))
    # The audit names the citizen by the registry row, never by the ID number.
    assert ("citizen.card_read", citizen) in actions and ("citizen.search", citizen) in actions
    assert not any(entity == "001099012345" for _action, entity in actions)


@pytest.mark.slow
def test_birth_registration_e_form_is_prefilled_from_the_card_and_kept_with_the_dossier(
        qtbot, desk, clerk, tasks, page_files, fixed_clock):
    from scanning.id_card.qr_text import parse_card_qr

    fixed_clock(datetime(2026, 3, 10, 9, 0))  # in office hours: no out-of-hours reason asked
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    panel = window.reception
    panel.picker.search.setText("1.001193")
    qtbot.waitUntil(lambda: panel.eform.field_count() > 0, timeout=10000)
    assert panel.eform_box.isVisibleTo(panel)

    card = parse_card_qr("038190004567||Lê Thị Thu Trang|02091990|Nữ|Thôn Yên Vực, xã Hòa An, Thanh Hóa|15062022")
    panel.identify.cardScanned.emit(card)
    qtbot.waitUntil(lambda: panel._prefill is not None
                    and panel._prefill.values().get("declarant_name") == "Lê Thị Thu Trang", timeout=10000)
    # The card also fills the declarant's residence; the clerk confirms what is marked for review.
    assert panel._prefill.values()["declarant_residence"] == "Thôn Yên Vực, xã Hòa An, Thanh Hóa"
    assert panel._prefill.fields["declarant_name"].source == "id_card"  # provenance kept, not "typed"

    panel.scan_panel.insert_from_files(page_files)
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == 2, timeout=30000)
    # The relationship guessed from the card ("Mẹ") waits for the clerk: the accept refuses and says so.
    assert panel.eform.unconfirmed_keys()
    panel.accept_dossier()
    assert "Chưa xác nhận" in panel.status_label.text()
    qtbot.keyClick(panel.eform.field_widget("declarant_name").lineEdit(), Qt.Key_Return,
                   Qt.ControlModifier | Qt.ShiftModifier)  # confirm every yellow value
    assert not panel.eform.unconfirmed_keys()
    with qtbot.waitSignal(panel.dossierAccepted, timeout=30000) as accepted:
        panel.accept_dossier()
    with desk.sessions() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == accepted.args[0]))
    assert dossier.form_data["declarant_name"] == "Lê Thị Thu Trang"
