"""Postal laptops whose transfer files this desk accepts, for the administrator (Shift+F12; docs/POSTAL.md).

Each change is one call into ``desk_app.services.postal_transfer`` (MANAGE_USERS checked there, audited
there) on the database lane. Keyboard first: the list has the focus, ↑/↓ choose a device,

- Ctrl+N registers a laptop: its name, its public key (pasted, or Ctrl+O to take it from a transfer file the
  laptop wrote), the fingerprint shown as the key is typed, and a tick that the administrator compared it
  with the one on the laptop's screen (the only proof the key is the laptop's); Enter saves, Esc cancels;
- Ctrl+D stops accepting the chosen laptop's files (lost, retired), or registers it again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QLineEdit, QWidget

from desk_app.services import postal_transfer
from desk_app.text import nfc
from ui.admin_list import AdminList, FormDialog, InputProblem
from ui.operations import run_op
from ui.shortcuts import add_shortcut

COLUMNS = (
    QT_TRANSLATE_NOOP("DeviceAdmin", "Tên máy"),
    QT_TRANSLATE_NOOP("DeviceAdmin", "Dấu vân tay"),
    QT_TRANSLATE_NOOP("DeviceAdmin", "Đăng ký lúc"),
    QT_TRANSLATE_NOOP("DeviceAdmin", "Trạng thái"),
)


class RegisterDeviceDialog(FormDialog):
    def __init__(self, tasks, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(QCoreApplication.translate("DeviceAdmin", "Đăng ký máy bưu chính"), parent)
        self.setObjectName("registerDeviceDialog")
        self.tasks = tasks
        self.file_dialog: QFileDialog | None = None
        self.name = QLineEdit(self, objectName="deviceName")
        self.key = QLineEdit(self, objectName="devicePublicKey")
        self.key.setPlaceholderText(self.tr("dán khóa công khai, hoặc Ctrl+O: lấy từ tệp bưu gửi"))
        self.fingerprint = QLabel("", self, objectName="deviceFingerprint")
        self.fingerprint.setStyleSheet("font-family: monospace; font-size: 14pt")
        self.compared = QCheckBox(self.tr("Tôi đã so dấu vân tay này với màn hình của máy bưu chính"), self,
                                  objectName="deviceCompared")
        self.form.addRow(self.tr("Tên máy"), self.name)
        self.form.addRow(self.tr("Khóa công khai"), self.key)
        self.form.addRow(self.tr("Dấu vân tay"), self.fingerprint)
        self.form.addRow(self.compared)
        self.key.textChanged.connect(self._show_fingerprint)
        add_shortcut(QKeySequence("Ctrl+O"), self, self.ask_file, context=Qt.WidgetWithChildrenShortcut)
        self.name.setFocus()

    def _show_fingerprint(self, text: str) -> None:
        self.fingerprint.setText(postal_transfer.fingerprint_of(text) if text.strip() else "")
        self.compared.setChecked(False)   # a new key must be compared again

    def ask_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Chọn tệp bưu gửi do máy bưu chính xuất"), str(Path.home()),
                             "Tệp bưu gửi (*.zip)")
        dialog.setObjectName("deviceBundleDialog")
        dialog.setOption(QFileDialog.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.ExistingFile)
        dialog.fileSelected.connect(self.take_from_file)
        dialog.finished.connect(lambda _r: (self.activateWindow(), self.compared.setFocus()))
        self.file_dialog = dialog
        dialog.open()

    def take_from_file(self, path: str) -> None:
        run_op(self, self.tasks, lambda: postal_transfer.public_key_in_bundle(Path(path)), self.key.setText,
               title=self.tr("Chưa lấy được khóa từ tệp"))

    def check(self) -> None:
        if not nfc(self.name.text()).strip():
            raise InputProblem(self.tr("Hãy đặt tên cho máy bưu chính."))
        if not self.fingerprint.text():
            raise InputProblem(self.tr("Khóa công khai chưa đúng: hãy dán cả dòng, hoặc lấy từ tệp bưu gửi (Ctrl+O)."))
        if not self.compared.isChecked():
            raise InputProblem(self.tr("Hãy so dấu vân tay với màn hình máy bưu chính rồi đánh dấu ô xác nhận."))


class DeviceAdmin(AdminList):
    def __init__(self, desk, tasks, user, events=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(
            desk, tasks, user, parent=parent,
            title=QCoreApplication.translate("DeviceAdmin", "Máy bưu chính được gửi tệp bưu gửi"),
            hint=QCoreApplication.translate("DeviceAdmin", "Ctrl+N: đăng ký máy · Ctrl+D: thu hồi / đăng ký lại"),
            columns=[QCoreApplication.translate("DeviceAdmin", c) for c in COLUMNS], widths=(320, 220, 160),
            names=("deviceAdmin", "devicesTable", "devicesStatus"),
            shortcuts=(("Ctrl+N", "register"), ("Ctrl+D", "toggle")))

    @property
    def devices(self) -> list:
        return self.rows

    def fetch(self) -> list:
        return postal_transfer.trusted_devices(self.desk, self.user)

    def cells(self, d) -> tuple[str, ...]:  # noqa: ANN001
        state = self.tr("đã thu hồi %1").replace("%1", f"{d.revoked_at:%d/%m/%Y}") if d.revoked_at \
            else self.tr("được nhận tệp")
        return (d.name, d.fingerprint, f"{d.enrolled_at:%d/%m/%Y %H:%M}" if d.enrolled_at else "", state)

    def key(self, d) -> str:  # noqa: ANN001
        return d.fingerprint

    def register(self) -> None:
        desk, who = self.desk, self.user
        dialog = RegisterDeviceDialog(self.tasks, self)

        def save() -> None:
            name, key = dialog.name.text(), dialog.key.text()
            self.change(lambda: postal_transfer.trust_device(desk, who, key, name),
                        lambda view: self.tr("Đã đăng ký máy «%1» (%2).").replace("%1", view.name)
                        .replace("%2", view.fingerprint),
                        title=self.tr("Đăng ký máy bưu chính"))

        self.open_dialog(dialog, save)

    def toggle(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        desk, who = self.desk, self.user
        if chosen.revoked_at is None:
            self.change(lambda: postal_transfer.revoke_device(desk, who, chosen.fingerprint),
                        lambda view: self.tr("Đã thu hồi đăng ký máy «%1»: tệp của máy này không "
                                             "được nhận nữa.").replace("%1", view.name),
                        title=self.tr("Thu hồi đăng ký"))
        else:
            self.change(lambda: postal_transfer.trust_device(desk, who, chosen.public_key, chosen.name),
                        lambda view: self.tr("Đã đăng ký lại máy «%1».").replace("%1", view.name),
                        title=self.tr("Đăng ký máy bưu chính"))
