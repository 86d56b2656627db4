"""The postal screens' boxes for what happens between the device, the post office and the desk.

:class:`DeviceTransferBox` (postal workspace): **Ctrl+Shift+E** writes the items collected on this device
to a transfer file for the desk (a file dialog asks where, e.g. a USB stick); the list «Phí phải hoàn trả»
shows fees of items the desk sent back or refused: **Enter** on one records that the post office gave the
money back to the citizen.

:class:`DeskTransferBox` (clerk's hand-over screen): **Ctrl+Shift+I** imports a transfer file from a postal
employee's device (all items or none, never twice); the list «Kết quả chờ gửi qua bưu chính» shows the
results ready for citizens who chose the post: **Enter** on one puts its code into «Gửi kết quả qua bưu
chính» and moves to the S10 field.

File dialogs are Qt's own (not the platform's) so they follow the app's language and the keyboard.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from desk_app.clock import now_local
from desk_app.domain.fees import format_vnd
from desk_app.services import postal, postal_transfer
from ui.shortcuts import add_shortcut
from ui.operations import run_op

_FILTER = "Tệp bưu gửi (*.zip)"


def _back(widget, focus) -> None:  # noqa: ANN001
    """After the file dialog: the main window active again and the keyboard where the work goes on."""
    widget.window().activateWindow()
    focus()


def _file_dialog(parent, title: str, saving: bool, start: Path) -> QFileDialog:  # noqa: ANN001
    dialog = QFileDialog(parent, title, str(start), _FILTER)
    dialog.setObjectName("postalTransferDialog")
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptSave if saving else QFileDialog.AcceptOpen)
    dialog.setFileMode(QFileDialog.AnyFile if saving else QFileDialog.ExistingFile)
    dialog.setDefaultSuffix("zip")
    return dialog


class DeviceTransferBox(QGroupBox):
    """On the postal employee's device: export to the desk, and the refunds still owed to citizens."""

    exported = Signal(str)   # the transfer file written
    refunded = Signal(str)   # the S10 whose fee was given back

    def __init__(self, workspace) -> None:  # noqa: ANN001 - ui.postal_workspace.PostalWorkspace
        super().__init__(workspace.tr("Chuyển sang Bộ phận Một cửa · hoàn phí"))
        self.setObjectName("deviceTransferBox")
        self.workspace = workspace
        self.dialog: QFileDialog | None = None
        self.refunds = QListWidget(objectName="refundList")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Ctrl+Shift+E: xuất các bưu gửi ra tệp để chuyển sang máy của Bộ phận "
                                        "Một cửa")))
        # What the desk's administrator compares when registering this laptop (its files are signed).
        self.fingerprint = QLabel("", objectName="thisDeviceFingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        layout.addWidget(self.fingerprint)
        layout.addWidget(QLabel(self.tr("Phí phải hoàn trả cho công dân (Enter: đã hoàn trả)")))
        layout.addWidget(self.refunds)
        self.refunds.itemActivated.connect(self.record_refund)
        add_shortcut(QKeySequence("Ctrl+Shift+E"), workspace, self.ask_export, context=Qt.WidgetWithChildrenShortcut)

    def refresh(self) -> None:
        ws = self.workspace
        desk, who = ws.desk, ws.user
        run_op(self, ws.tasks, lambda: postal.refunds_pending(desk, who), self._show_refunds, show_failure=False)
        if not self.fingerprint.text():
            run_op(self, ws.tasks, lambda: postal_transfer.this_device(desk), self._show_device, show_failure=False)

    def _show_device(self, view) -> None:  # noqa: ANN001 - postal_transfer.DeviceView
        self.fingerprint.setText(self.tr("Dấu vân tay của máy này: %1 · khóa công khai: %2")
                                 .replace("%1", view.fingerprint).replace("%2", view.public_key))

    def _show_refunds(self, refunds: list) -> None:
        self.refunds.clear()
        for r in refunds:
            item = QListWidgetItem(f"{r.s10} · {r.applicant_name} · {format_vnd(r.amount)}")
            item.setData(Qt.UserRole, r.s10)
            self.refunds.addItem(item)

    def ask_export(self) -> None:
        ws = self.workspace
        start = Path(ws.desk.folder) / "postal" / f"buu-gui-{now_local():%Y%m%d-%H%M}.zip"
        self.dialog = _file_dialog(self, self.tr("Lưu tệp bưu gửi để chuyển sang Bộ phận Một cửa"), True, start)
        self.dialog.fileSelected.connect(self.export_to)
        self.dialog.finished.connect(lambda _r: _back(self, ws.focus_start))
        self.dialog.open()

    def export_to(self, path: str) -> None:
        ws = self.workspace
        desk, who, target = ws.desk, ws.user, Path(path)

        def done(outcome) -> None:  # noqa: ANN001
            ws.status_label.setText(self.tr("Đã xuất %1 bưu gửi ra tệp %2. Mã kiểm tra: %3.")
                                    .replace("%1", str(len(outcome.s10s))).replace("%2", outcome.path.name)
                                    .replace("%3", outcome.sha256[:12]))
            ws.refresh()
            self.exported.emit(str(outcome.path))

        run_op(self, ws.tasks, lambda: postal_transfer.export_items(desk, who, target, at=now_local()), done,
               title=self.tr("Chưa xuất được tệp bưu gửi"))

    def record_refund(self, item: QListWidgetItem) -> None:
        ws = self.workspace
        desk, who, s10 = ws.desk, ws.user, item.data(Qt.UserRole)

        def done(view) -> None:  # noqa: ANN001
            ws.status_label.setText(self.tr("Đã ghi nhận hoàn trả %1 cho bưu gửi %2.")
                                    .replace("%1", format_vnd(view.amount)).replace("%2", view.s10))
            self.refresh()
            self.refunds.setFocus()
            self.refunded.emit(view.s10)

        run_op(self, ws.tasks, lambda: postal.record_refund(desk, who, s10, at=now_local()), done,
               title=self.tr("Chưa ghi nhận được hoàn trả"))


class DeskTransferBox(QGroupBox):
    """At the desk: import a device's transfer file; the results waiting to go out by post."""

    imported = Signal(int)  # how many new items

    def __init__(self, screen) -> None:  # noqa: ANN001 - ui.postal_workspace.HandoverScreen
        super().__init__(screen.tr("Tệp từ máy bưu chính · kết quả chờ gửi"))
        self.setObjectName("deskTransferBox")
        self.screen = screen
        self.dialog: QFileDialog | None = None
        self.waiting = QListWidget(objectName="waitingForPost")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Ctrl+Shift+I: nhập tệp bưu gửi từ máy của nhân viên bưu chính")))
        layout.addWidget(QLabel(self.tr("Kết quả và thông báo chờ gửi qua bưu chính (Enter: đưa vào lô gửi)")))
        layout.addWidget(self.waiting)
        self.waiting.itemActivated.connect(self.use_waiting)
        add_shortcut(QKeySequence("Ctrl+Shift+I"), screen, self.ask_import, context=Qt.WidgetWithChildrenShortcut)

    def refresh(self) -> None:
        sc = self.screen
        desk, who = sc.desk, sc.user
        run_op(self, sc.tasks, lambda: postal.results_waiting_for_post(desk, who), self._show_waiting,
               show_failure=False)

    def _show_waiting(self, waiting: list) -> None:
        self.waiting.clear()
        for w in waiting:
            text = f"{w.dossier_code} · {w.applicant_name} · {w.delivery_address}"
            if w.form:   # a notice of a postal dossier not accepted, not a result
                text = self.tr("%1 và hồ sơ giấy · ").replace("%1", w.form) + text
            if w.fee_unpaid:
                text += self.tr(" · còn phí chưa thu")
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, w.dossier_code)
            self.waiting.addItem(item)

    def use_waiting(self, item: QListWidgetItem) -> None:
        box = self.screen.send_box
        box.code.setText(item.data(Qt.UserRole))
        box.s10.setFocus()

    def ask_import(self) -> None:
        sc = self.screen
        self.dialog = _file_dialog(self, self.tr("Chọn tệp bưu gửi từ máy bưu chính"), False, Path.home())
        self.dialog.fileSelected.connect(self.import_from)
        self.dialog.finished.connect(lambda _r: _back(self, sc.focus_start))
        self.dialog.open()

    def import_from(self, path: str) -> None:
        sc = self.screen
        desk, who, source = sc.desk, sc.user, Path(path)

        def done(outcome) -> None:  # noqa: ANN001
            text = self.tr("Đã nhập %1 bưu gửi từ %2.").replace("%1", str(len(outcome.imported))) \
                .replace("%2", outcome.origin or source.name)
            if outcome.already_present:
                text += " " + self.tr("%1 bưu gửi đã có từ trước, không nhập lại.").replace(
                    "%1", str(len(outcome.already_present)))
            sc.status_label.setText(text)
            _back(self, sc.scan.setFocus)
            self.imported.emit(len(outcome.imported))

        run_op(self, sc.tasks, lambda: postal_transfer.import_bundle(desk, who, source), done,
               title=self.tr("Chưa nhập được tệp bưu gửi"))
