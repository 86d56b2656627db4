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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.services import postal_transfer
from desk_app.text import nfc
from ui.operations import run_op
from ui.shortcuts import add_shortcut
from ui.user_admin import InputProblem, _Dialog

COLUMNS = (
    QT_TRANSLATE_NOOP("DeviceAdmin", "Tên máy"),
    QT_TRANSLATE_NOOP("DeviceAdmin", "Dấu vân tay"),
    QT_TRANSLATE_NOOP("DeviceAdmin", "Đăng ký lúc"),
    QT_TRANSLATE_NOOP("DeviceAdmin", "Trạng thái"),
)


class RegisterDeviceDialog(_Dialog):
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


class DeviceAdmin(QWidget):
    changed = Signal(object)      # the DeviceView after a change
    loaded = Signal(list)

    def __init__(self, desk, tasks, user, events=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("deviceAdmin")
        self.desk, self.tasks, self.user = desk, tasks, user
        self.devices: list = []
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Máy bưu chính được gửi tệp bưu gửi"), self)
        title.setStyleSheet("font-weight: bold; font-size: 14pt")
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("Ctrl+N: đăng ký máy · Ctrl+D: thu hồi / đăng ký lại"), self))
        self.table = QTableWidget(0, len(COLUMNS), self, objectName="devicesTable")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("DeviceAdmin", c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((320, 220, 160)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.status = QLabel("", self, objectName="devicesStatus")
        self.status.setTextFormat(Qt.PlainText)
        layout.addWidget(self.status)
        for keys, slot in (("Ctrl+N", self.register), ("Ctrl+D", self.toggle)):
            add_shortcut(QKeySequence(keys), self, slot, context=Qt.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.table)
        self.reload()

    def focus_start(self) -> None:
        self.table.setFocus()

    def reload(self, select: str | None = None) -> None:
        desk, who = self.desk, self.user
        run_op(self, self.tasks, lambda: postal_transfer.trusted_devices(desk, who),
               lambda devices: self._show(devices, select), title=self.tr("Máy bưu chính"))

    def _show(self, devices: list, select: str | None) -> None:
        self.devices = devices
        self.table.setRowCount(len(devices))
        for row, d in enumerate(devices):
            state = self.tr("đã thu hồi %1").replace("%1", f"{d.revoked_at:%d/%m/%Y}") if d.revoked_at \
                else self.tr("được nhận tệp")
            cells = (d.name, d.fingerprint, f"{d.enrolled_at:%d/%m/%Y %H:%M}" if d.enrolled_at else "", state)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        prints = [d.fingerprint for d in devices]
        if devices:
            self.table.setCurrentCell(prints.index(select) if select in prints else 0, 0)
        self.loaded.emit(devices)

    def current(self):  # noqa: ANN201
        row = self.table.currentRow()
        return self.devices[row] if 0 <= row < len(self.devices) else None

    def _back_to_list(self) -> None:
        self.window().activateWindow()
        self.table.setFocus()

    def _done(self, view, message: str) -> None:  # noqa: ANN001
        self.status.setText(message)
        self.changed.emit(view)
        self.reload(select=view.fingerprint)
        self._back_to_list()

    def register(self) -> None:
        desk, who = self.desk, self.user
        dialog = RegisterDeviceDialog(self.tasks, self)
        self.dialog = dialog

        def save() -> None:
            name, key = dialog.name.text(), dialog.key.text()
            run_op(self, self.tasks, lambda: postal_transfer.trust_device(desk, who, key, name),
                   lambda view: self._done(view, self.tr("Đã đăng ký máy «%1» (%2).").replace("%1", view.name)
                                           .replace("%2", view.fingerprint)),
                   title=self.tr("Đăng ký máy bưu chính"))

        dialog.accepted.connect(save)
        dialog.finished.connect(lambda _r: self._back_to_list())
        dialog.open()
        dialog.activateWindow()

    def toggle(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        desk, who = self.desk, self.user
        if chosen.revoked_at is None:
            run_op(self, self.tasks, lambda: postal_transfer.revoke_device(desk, who, chosen.fingerprint),
                   lambda view: self._done(view, self.tr("Đã thu hồi đăng ký máy «%1»: tệp của máy này không "
                                                         "được nhận nữa.").replace("%1", view.name)),
                   title=self.tr("Thu hồi đăng ký"))
        else:
            run_op(self, self.tasks, lambda: postal_transfer.trust_device(desk, who, chosen.public_key, chosen.name),
                   lambda view: self._done(view, self.tr("Đã đăng ký lại máy «%1».").replace("%1", view.name)),
                   title=self.tr("Đăng ký máy bưu chính"))
