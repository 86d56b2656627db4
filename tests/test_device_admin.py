"""Registering postal laptops, for the administrator, keyboard only (Shift+F12; docs/POSTAL.md): the key taken
from a transfer file the laptop wrote, the fingerprint compared, the laptop's files then imported; revoked,
its files refused; a clerk's identity refused by the same core calls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.security.roles import PermissionDeniedError
from desk_app.services import postal_transfer
from tests.qt_helpers import focused, type_text
from tests.test_gui_dossier_book import inside, open_window
from tests.test_postal_transfer import _collect, _export, postal_laptop, postman_here  # noqa: F401 - fixture


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


@pytest.fixture
def laptop(tmp_path, migrated_database):
    """A postal laptop the desk has not registered (the `device` fixture registers its own)."""
    opened = postal_laptop(tmp_path / "Máy xách tay mới", migrated_database)
    yield opened
    opened.close()


@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)])
def test_admin_registers_a_laptop_from_its_file_and_revokes_it(qtbot, laptop, desk, admin, clerk, postman_here,
                                                               tasks, tmp_path, size):
    from desk_app.services import postal

    _collect(laptop, tmp_path, 0, "Phạm Quốc Đạt", "038096001234")
    bundle = _export(laptop, tmp_path).path
    with pytest.raises(postal.PostalError, match="chưa đăng ký"):
        postal_transfer.import_bundle(desk, clerk, bundle)
    with pytest.raises(PermissionDeniedError):
        postal_transfer.trusted_devices(desk, clerk)
    shown = postal_transfer.this_device(laptop)          # what the laptop's screen shows

    window = open_window(qtbot, desk, tasks, admin, size)
    assert "Máy bưu chính (Shift+F12)" in [window.tabs.tabText(i) for i in range(window.tabs.count())]
    press(qtbot, Qt.Key_F12, Qt.ShiftModifier)
    screen = window.device_admin
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is screen and inside(screen.table))
    assert screen.table.rowCount() == 0

    # Ctrl+N: name, then Ctrl+O takes the key from the file the laptop wrote.
    press(qtbot, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.isVisible() and inside(screen.dialog.name))
    dialog = screen.dialog
    type_text(dialog.name, "Máy xách tay Bưu điện xã Hòa An")
    press(qtbot, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: dialog.file_dialog is not None and dialog.file_dialog.isVisible())
    chooser = dialog.file_dialog
    name_field = chooser.findChild(type(dialog.name), "fileNameEdit")
    name_field.setText(str(bundle))
    qtbot.keyClick(name_field, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.fingerprint.text() == shown.fingerprint, timeout=10000)
    assert dialog.key.text() == shown.public_key
    # Enter before ticking the comparison: refused, said in the dialog.
    qtbot.waitUntil(lambda: inside(dialog))
    dialog.compared.setFocus()
    qtbot.waitUntil(lambda: inside(dialog.compared))
    press(qtbot, Qt.Key_Return)
    assert dialog.isVisible() and "so dấu vân tay" in dialog.problem.text()
    press(qtbot, Qt.Key_Space)
    assert dialog.compared.isChecked()
    with qtbot.waitSignal(screen.changed, timeout=10000):
        press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1 and inside(screen.table), timeout=10000)
    assert screen.table.item(0, 1).text() == shown.fingerprint
    assert postal_transfer.import_bundle(desk, clerk, bundle).imported

    # Ctrl+D: the laptop is lost — its files are refused from now on; Ctrl+D again registers it back.
    with qtbot.waitSignal(screen.changed, timeout=10000):
        press(qtbot, Qt.Key_D, Qt.ControlModifier)
    qtbot.waitUntil(lambda: screen.table.item(0, 3) is not None and "thu hồi" in screen.table.item(0, 3).text())
    assert inside(screen.table)
    again = _export(laptop, tmp_path, again=True).path
    with pytest.raises(postal.PostalError, match="thu hồi"):
        postal_transfer.import_bundle(desk, clerk, again)
    with qtbot.waitSignal(screen.changed, timeout=10000):
        press(qtbot, Qt.Key_D, Qt.ControlModifier)
    qtbot.waitUntil(lambda: screen.table.item(0, 3) is not None and "thu hồi" not in screen.table.item(0, 3).text())
    window.close()
