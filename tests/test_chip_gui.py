"""At the counter: «đặt thẻ lên đầu đọc» — a birth registration whose parents' names come from the mother's chip.

Real PC/SC underneath (private pcscd, vpcd, virtual chip); the clerk works from the keyboard and the
test counts the keys pressed.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk_app.storage.models import AuditEntry, Dossier
from tests.chip_issuer import MOTHER, chip_image, make_authority
from tests.chip_pcsc import chip_reader  # noqa: F401 - fixture
from ui.main_window import MainWindow


class Keyboard:
    """Key presses sent to the focused widget, counted (the figure the issue asks for)."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot, self.count = qtbot, 0

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(QApplication.focusWidget(), text)
        self.count += len(text)

    def press(self, key, modifiers=Qt.NoModifier) -> None:  # noqa: ANN001
        self.qtbot.keyClick(QApplication.focusWidget(), key, modifiers)
        self.count += 1


@pytest.mark.slow
def test_birth_registration_with_the_parents_names_from_the_mothers_chip(qtbot, desk, clerk, tasks, chip_reader,  # noqa: F811
                                                                         page_files, fixed_clock):
    fixed_clock(datetime(2026, 3, 10, 9, 0))
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    panel = window.reception
    keys = Keyboard(qtbot)

    # The procedure, by its code, from the keyboard.
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())
    keys.type("1.001193")
    keys.press(Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.eform.field_count() > 0, timeout=10000)

    # The mother puts her card on the reader: the chip needs its key, asked once (no MRZ scanned yet).
    chip_reader.insert(chip_image(MOTHER, make_authority()))
    qtbot.waitUntil(lambda: panel.chip_card.key_edit.hasFocus(), timeout=15000)
    keys.type("001190012345 12/03/1990 12/03/2030")
    with qtbot.waitSignal(panel.chip_card.cardRead, timeout=30000) as read:
        keys.press(Qt.Key_Return)
    reading = read.args[0]
    assert reading.source == "chip" and reading.mother_name == "Lê Thị Lựu"
    assert not panel.chip_card.photo.pixmap().isNull()   # the photo beside the citizen
    assert "chưa được xác minh với CSCA" in panel.chip_card.status.text()   # no CSCA installed at this desk
    assert panel.applicant_name.text() == "Nguyễn Thị Hương" and panel.id_number.text() == "001190012345"

    # The e-form: the mother from her chip, the father from the spouse named on it (to be confirmed).
    qtbot.waitUntil(lambda: panel._prefill is not None
                    and panel._prefill.values().get("mother_name") == "Nguyễn Thị Hương", timeout=10000)
    values = panel._prefill.values()
    assert values["mother_id_number"] == "001190012345" and values["mother_birth_year"] == "1990"
    assert values["father_name"] == "Trần Đức Mạnh"
    assert panel._prefill.fields["father_name"].needs_review
    assert panel._prefill.fields["mother_name"].confidence >= 0.99

    panel.scan_panel.insert_from_files(page_files)
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == 2, timeout=30000)
    panel.eform.field_widget("declarant_name").lineEdit().setFocus()
    keys.press(Qt.Key_Return, Qt.ControlModifier | Qt.ShiftModifier)   # confirm every yellow value
    assert not panel.eform.unconfirmed_keys()
    with qtbot.waitSignal(panel.dossierAccepted, timeout=30000) as accepted:
        keys.press(Qt.Key_Return, Qt.ControlModifier)
    with desk.sessions() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == accepted.args[0]))
        chip_reads = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "citizen.chip_read")))
    assert dossier.form_data["mother_name"] == "Nguyễn Thị Hương"
    assert dossier.form_data["father_name"] == "Trần Đức Mạnh"
    assert [row.username for row in chip_reads] == ["tuyet.nguyen"]
    print(f"\nkeys pressed for the birth registration with the mother's chip: {keys.count}")
    # 8 (procedure code) + 1 + 34 (the chip key, asked once) + 1 + 1 (confirm) + 1 (accept).
    assert keys.count == 46
    panel.chip_card.shutdown()


def test_a_qr_scan_opens_the_chip_without_any_key_typed(qtbot, desk, clerk, tasks, chip_reader):  # noqa: F811
    from scanning.id_card.qr_text import parse_card_qr

    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    panel = window.reception
    # QR of the front: number, name, birth and issue dates — the expiry follows from the birth date (40 years).
    panel.identify.cardScanned.emit(parse_card_qr(
        "001190012345|172345678|Nguyễn Thị Hương|12031990|Nữ|Số 12 ngõ 5 phố Hoàng Hoa Thám, phường Ngọc Hà, "
        "thành phố Hà Nội|20042021"))
    with qtbot.waitSignal(panel.chip_card.cardRead, timeout=30000) as read:
        chip_reader.insert(chip_image(MOTHER, make_authority()))
    assert read.args[0].spouse_name == "Trần Đức Mạnh"
    assert not panel.chip_card.key_edit.isVisible()
    panel.chip_card.shutdown()


def test_a_tampered_chip_is_refused_at_the_counter(qtbot, desk, clerk, tasks, chip_reader):  # noqa: F811
    from scanning.id_card.chip.access_key import AccessKey

    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    panel = window.reception
    panel.chip_card.use_key(AccessKey.from_id(MOTHER.id_number, MOTHER.dob, MOTHER.expiry))
    chip_reader.insert(chip_image(MOTHER, make_authority(), tamper_dg13=True))
    qtbot.waitUntil(lambda: "không khớp với chữ ký số" in panel.chip_card.status.text(), timeout=30000)
    assert panel.applicant_name.text() == ""
    panel.chip_card.shutdown()


def test_the_mrz_typed_by_a_document_reader_opens_the_chip(qtbot, desk, clerk, tasks, chip_reader):  # noqa: F811
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    panel = window.reception
    for line in MOTHER.mrz_lines():   # an MRZ reader types the three lines of the back, Enter after each
        panel.identify.codeScanned.emit(line)
    assert "vùng MRZ" in panel.chip_card.status.text()
    with qtbot.waitSignal(panel.chip_card.cardRead, timeout=30000) as read:
        chip_reader.insert(chip_image(MOTHER, make_authority()))
    assert read.args[0].full_name == "Nguyễn Thị Hương"
    assert panel.id_number.text() == "001190012345"
    panel.chip_card.shutdown()
