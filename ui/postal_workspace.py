"""Public-postal reception (channel 3): the postal workspace and the clerk's hand-over screen.

:class:`PostalWorkspace` (post-office staff, F2): pick the procedure (type, ↓, Enter), tick the papers
against the published component list (Space, then Enter), identify the citizen (scan the CCCD QR into
«Nhận diện công dân»), Tab through the fields, **F8** scan / **Ctrl+O** add page files, scan the item's
S10 label with the USB barcode reader (it types the code and Enter), fee and postal charge, result by post
(Space) with the delivery address, then **Ctrl+Enter**: the item is stored *in transit* and the Phiếu gửi
hồ sơ is shown to print (Ctrl+P, two copies, both sign). The list on the right shows the items in transit.

:class:`HandoverScreen` (clerks, F5): name and ID of the postal employee, then scan each S10 (Enter): the
item comes up with its first page; in the list **A** accept, **B** incomplete (what is missing), **T**
refuse (reason), Del remove; the fees handed over; **Ctrl+Enter** signs the Biên bản giao nhận (all items
filed at that moment, channel 3) and shows it to print.

Return by post: **Ctrl+R** in the hand-over screen goes to «Gửi kết quả qua bưu chính» (scan the dossier
code, Enter, the return item's S10, Enter; **Ctrl+Shift+G** hands the batch over; with a returned item's S10 typed, **Ctrl+Shift+U** records it back at the desk after
two failed invitations); **Ctrl+R** in the postal
workspace goes to «Phát kết quả» (S10, Enter, a note; **Ctrl+Shift+K** not delivered; with the signed
delivery note scanned (F8 / Ctrl+O) and the receiver's name and ID, **Ctrl+Shift+D** delivered).

Between an offline postal device and the desk (ui/postal_transfer_boxes.py): **Ctrl+Shift+E** in the postal
workspace exports the items to a transfer file, **Ctrl+Shift+I** in the hand-over screen imports it; the
refunds owed for items sent back and the results waiting to go out by post are listed there.

Everything touching the database or files runs through :func:`ui.operations.run_op` / the work lane.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.catalog.procedures import Procedure
from desk_app.clock import now_local
from desk_app.domain.fees import FeeRequest, compute_fee, format_vnd
from desk_app.domain.status import Channel
from desk_app.services import postal
from desk_app.services.intake import ComponentEntry, Decision, IntakeSession, store_spooled_pages
from desk_app.text import nfc
from scanning.durable import atomic_write_bytes
from ui.shortcuts import add_shortcut
from ui.chip_watch import ChipCardBox
from ui.identity_widgets import IdentifyField
from ui.operations import run_op
from ui.page_capture import PageCapture
from ui.receipt_preview import ReceiptPreview
from ui.reception_panel import ProcedurePicker

MAX_AMOUNT = 100_000_000


def _money_box(name: str) -> QSpinBox:
    box = QSpinBox(objectName=name)
    box.setRange(0, MAX_AMOUNT)
    box.setSingleStep(1000)
    box.setSuffix(" đ")
    box.setGroupSeparatorShown(True)
    return box


def _back_to(widget: QWidget, focus) -> None:  # noqa: ANN001
    """After a preview or a dialog: the main window active again, the keyboard where the work goes on."""
    widget.window().activateWindow()
    focus()


def _pdf_file(desk, name: str, data: bytes) -> Path:  # noqa: ANN001
    path = Path(desk.folder) / "postal" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)
    return path


class PostalWorkspace(QWidget):
    """The postal employee's collection screen and the items in transit."""

    itemCollected = Signal(str)  # the S10 of the item just stored in transit

    def __init__(self, desk, tasks, identity, events, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent, objectName="postalWorkspace")
        self.desk, self.tasks, self.user, self.events = desk, tasks, identity, events
        self.procedure: Procedure | None = None
        self.preview: ReceiptPreview | None = None
        self._busy = False

        self.picker = ProcedurePicker(desk)
        self.picker.procedureChosen.connect(self._set_procedure)
        self.picker.procedureConfirmed.connect(lambda _p: self.checklist.setFocus())
        self.checklist = QListWidget(objectName="componentChecklist")
        self.checklist.setWordWrap(True)
        self.checklist.itemActivated.connect(lambda _item: self.identify.setFocus())

        self.identify = IdentifyField()
        self.identify.setObjectName("postalIdentify")
        self.identify.cardScanned.connect(self.use_card)
        self.identify.scanProblem.connect(lambda text: self.status_label.setText(text))  # card read cut short or doubtful
        # A chip CCCD placed on the PC/SC reader is read in the background (ui/chip_watch.py).
        self.chip_card = ChipCardBox(desk, tasks, identity)
        self.chip_card.cardRead.connect(self.use_card)
        self.applicant_name = QLineEdit(objectName="postalApplicantName")
        self.id_number = QLineEdit(objectName="postalIdNumber")
        self.id_number.setMaxLength(12)
        self.address = QLineEdit(objectName="postalAddress")
        self.phone = QLineEdit(objectName="postalPhone")
        self.capture = PageCapture(desk, tasks)
        # This workspace's keys act in the workspace only (an administrator's window has the counter too).
        window_keys = {QKeySequence("F8"), QKeySequence("Insert"), QKeySequence("Ctrl+O")}
        for shortcut in self.capture.findChildren(QShortcut):
            if shortcut.parent() is self.capture or shortcut.key() in window_keys:
                shortcut.setEnabled(False)
        self.s10 = QLineEdit(objectName="s10Field")
        self.s10.setPlaceholderText(self.tr("Quét mã vạch trên nhãn bưu gửi (ví dụ EB123456785VN)"))
        self.s10.setMaxLength(13)
        self.fee = _money_box("postalFee")
        self.charge = _money_box("postalCharge")
        self.by_post = QCheckBox(self.tr("Nhận kết quả qua bưu chính"), objectName="returnByPost")
        self.delivery = QLineEdit(objectName="deliveryAddress")
        self.delivery.setPlaceholderText(self.tr("Địa chỉ nhận kết quả"))
        self.delivery.setEnabled(False)
        self.by_post.toggled.connect(self._by_post_toggled)
        self.collect_button = QPushButton(self.tr("Thu gom, in Phiếu gửi (Ctrl+Enter)"), objectName="collectButton")
        self.collect_button.clicked.connect(self.collect)
        self.status_label = QLabel(objectName="postalStatus")
        self.status_label.setWordWrap(True)
        self.transit = QTreeWidget(objectName="transitList")
        self.transit.setHeaderLabels([self.tr("Số hiệu"), self.tr("Thu gom lúc"), self.tr("Thủ tục"),
                                      self.tr("Trang"), self.tr("Phí thu hộ"), self.tr("Cước")])
        self.transit.setRootIsDecorated(False)

        form_box = QGroupBox(self.tr("Người gửi hồ sơ"))
        form = QFormLayout(form_box)
        form.addRow(self.tr("Nhận diện công dân:"), self.identify)
        form.addRow(self.tr("Chip CCCD:"), self.chip_card)
        form.addRow(self.tr("Họ và tên (*):"), self.applicant_name)
        form.addRow(self.tr("Số định danh cá nhân:"), self.id_number)
        form.addRow(self.tr("Địa chỉ:"), self.address)
        form.addRow(self.tr("Số điện thoại:"), self.phone)
        item_box = QGroupBox(self.tr("Bưu gửi"))
        item_form = QFormLayout(item_box)
        item_form.addRow(self.tr("Số hiệu bưu gửi (S10):"), self.s10)
        item_form.addRow(self.tr("Phí, lệ phí thu hộ:"), self.fee)
        item_form.addRow(self.tr("Cước dịch vụ bưu chính:"), self.charge)
        item_form.addRow(self.by_post)
        item_form.addRow(self.tr("Địa chỉ nhận kết quả:"), self.delivery)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Thủ tục hành chính")))
        left.addWidget(self.picker)
        left.addWidget(QLabel(self.tr("Thành phần hồ sơ (Space: đã kiểm đủ, Enter: tiếp)")))
        left.addWidget(self.checklist)
        left.addWidget(form_box)
        middle = QVBoxLayout()
        middle.addWidget(self.capture, 1)
        middle.addWidget(item_box)
        middle.addWidget(self.collect_button)
        middle.addWidget(self.status_label)
        self.delivery_box = DeliveryBox(self)
        right_delivery = self.delivery_box
        add_shortcut(QKeySequence("Ctrl+R"), self, self.delivery_box.s10.setFocus, context=Qt.WidgetWithChildrenShortcut)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Bưu gửi đang chuyển")))
        right.addWidget(self.transit)
        right.addWidget(right_delivery)
        from ui.postal_transfer_boxes import DeviceTransferBox

        self.transfer_box = DeviceTransferBox(self)
        right.addWidget(self.transfer_box)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(middle, 3)
        layout.addLayout(right, 2)
        for first, second in ((self.picker.search, self.checklist), (self.checklist, self.identify),
                              (self.identify, self.applicant_name), (self.applicant_name, self.id_number),
                              (self.id_number, self.address), (self.address, self.phone),
                              (self.phone, self.capture.scan_panel.list), (self.capture.scan_panel.list, self.s10),
                              (self.s10, self.fee), (self.fee, self.charge), (self.charge, self.by_post),
                              (self.by_post, self.delivery), (self.delivery, self.collect_button)):
            QWidget.setTabOrder(first, second)
        self.s10.returnPressed.connect(self.fee.setFocus)
        context = Qt.WidgetWithChildrenShortcut
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            add_shortcut(QKeySequence(key), self, self.collect, context=context)
        add_shortcut(QKeySequence("F8"), self, lambda: self.capture.scan_panel.start_scan(), context=context)
        add_shortcut(QKeySequence("Ctrl+O"), self, lambda: self.capture.add_files(), context=context)
        add_shortcut(QKeySequence("Insert"), self, lambda: self.capture.add_files(), context=context)
        self._set_procedure(self.picker.current())
        self.refresh()

    # -- keyboard start ----------------------------------------------------------------------
    def focus_start(self) -> None:
        self.picker.search.setFocus()

    def _by_post_toggled(self, on: bool) -> None:
        self.delivery.setEnabled(on)
        if on and not self.delivery.text().strip():
            self.delivery.setText(self.address.text())

    def _set_procedure(self, procedure: Procedure | None) -> None:
        self.procedure = procedure
        self.checklist.clear()
        if procedure is None:
            return
        for component in procedure.components:
            if component.shown_only:
                continue
            item = QListWidgetItem(component.name + ("" if component.required else self.tr(" (nếu có)")))
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            item.setData(Qt.UserRole, component.required)
            self.checklist.addItem(item)
        if self.checklist.count():
            self.checklist.setCurrentRow(0)
        fee = compute_fee(procedure.fee_rule, FeeRequest(channel=int(Channel.POSTAL)))
        self.fee.setValue(fee.amount)

    def use_card(self, card) -> None:  # noqa: ANN001 - scanning.id_card.qr_text.CardQrData
        for widget, value in ((self.applicant_name, card.full_name), (self.id_number, card.id_number),
                              (self.address, card.place_of_residence or "")):
            if value and not widget.text().strip():
                widget.setText(nfc(value))
        if getattr(card, "source", "") != "chip":
            self.chip_card.remember_card(card)   # the QR's dates open the chip placed next
        self.status_label.setText(self.tr("Đã đọc thẻ căn cước %1.").replace("%1", card.id_number))
        self.capture.scan_panel.list.setFocus()

    def refresh(self, *_args) -> None:  # noqa: ANN002
        desk, who = self.desk, self.user
        run_op(self, self.tasks, lambda: postal.items_in_transit(desk, who), self._show_transit, show_failure=False)
        self.transfer_box.refresh()

    def _show_transit(self, items: list) -> None:
        self.transit.clear()
        for item in items:
            row = QTreeWidgetItem([item.s10, f"{item.collected_at:%d/%m %H:%M}", item.procedure_name,
                                   str(item.pages), format_vnd(item.fee_collected), format_vnd(item.postal_charge)])
            row.setData(0, Qt.UserRole, item.s10)
            self.transit.addTopLevelItem(row)

    def transit_codes(self) -> list[str]:
        return [self.transit.topLevelItem(i).data(0, Qt.UserRole) for i in range(self.transit.topLevelItemCount())]

    # -- collection --------------------------------------------------------------------------
    def _problems(self) -> list[str]:
        problems = []
        if self.procedure is None:
            problems.append(self.tr("Hãy chọn thủ tục hành chính."))
        missing = [self.checklist.item(i).text() for i in range(self.checklist.count())
                   if self.checklist.item(i).data(Qt.UserRole) and self.checklist.item(i).checkState() != Qt.Checked]
        if missing:
            problems.append(self.tr("Chưa kiểm đủ giấy tờ: %1. Hãy hướng dẫn công dân bổ sung trước khi gửi.")
                            .replace("%1", "; ".join(missing)))
        if self.capture.count() == 0:
            problems.append(self.tr("Hãy quét giấy tờ (F8) hoặc thêm tệp ảnh (Ctrl+O)."))
        if self.capture.busy:
            problems.append(self.tr("Máy quét đang chạy; hãy chờ quét xong."))
        if not self.s10.text().strip():
            problems.append(self.tr("Hãy quét số hiệu bưu gửi trên nhãn."))
        return problems

    def collect(self) -> None:
        if self._busy:
            return
        problems = self._problems()
        if problems:
            self.status_label.setText("\n".join(problems))
            from ui.operations import show_error
            from desk_app.errors import DeskError

            show_error(self, DeskError("\n".join(problems)))
            return
        desk, who, spooled = self.desk, self.user, self.capture.pages()
        procedure = self.procedure
        components = [ComponentEntry.from_catalog(c) for c in procedure.components if c.required and not c.shown_only]
        values = dict(name=self.applicant_name.text(), id_number=self.id_number.text(), address=self.address.text(),
                      phone=self.phone.text(), s10=self.s10.text(), fee=self.fee.value(), charge=self.charge.value(),
                      by_post=self.by_post.isChecked(), delivery=self.delivery.text())

        def job():  # noqa: ANN202
            intake = IntakeSession(procedure_code=procedure.code, applicant_name=values["name"],
                                   applicant_id_number=values["id_number"], applicant_address=values["address"],
                                   applicant_phone=values["phone"], components=components,
                                   pages=store_spooled_pages(desk, spooled))
            outcome = postal.collect(desk, who, intake, values["s10"], fee_collected=values["fee"],
                                     postal_charge=values["charge"], return_by_post=values["by_post"],
                                     delivery_address=values["delivery"], at=now_local())
            return outcome, _pdf_file(desk, f"phieu-gui-{outcome.s10}.pdf", outcome.slip_pdf)

        self._busy = True
        self.collect_button.setEnabled(False)
        run_op(self, self.tasks, job, self._collected, on_failure=self._failed,
               title=self.tr("Chưa thu gom được hồ sơ"))

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False
        self.collect_button.setEnabled(True)

    def _collected(self, result) -> None:  # noqa: ANN001
        outcome, path = result
        self._busy = False
        self.collect_button.setEnabled(True)
        self.capture.finish(outcome.s10)
        self.clear()
        self.status_label.setText(self.tr("Đã ghi nhận bưu gửi %1 (đang chuyển).").replace("%1", outcome.s10))
        self.refresh()
        self.itemCollected.emit(outcome.s10)
        self.preview = ReceiptPreview(path, outcome.s10, self, tasks=self.tasks)
        self.preview.setWindowTitle(self.tr("Phiếu gửi hồ sơ %1").replace("%1", outcome.s10))
        self.preview.finished.connect(lambda _result: self._back(self.focus_start))
        self.preview.open()

    def _back(self, focus) -> None:  # noqa: ANN001
        _back_to(self, focus)

    def clear(self) -> None:
        self.chip_card.forget()
        for widget in (self.identify, self.applicant_name, self.id_number, self.address, self.phone, self.s10,
                       self.delivery):
            widget.clear()
        self.by_post.setChecked(False)
        self.charge.setValue(0)
        self.picker.clear_choice()   # no procedure for the next one (also when the search was empty)
        self._set_procedure(self.picker.current())


# --------------------------------------------------------------------------- hand-over at the desk


@dataclass
class _Row:
    view: postal.ItemView
    decision: Decision = Decision.ACCEPT
    defects: list = field(default_factory=list)
    reasons: list = field(default_factory=list)


class _ReasonDialog(QDialog):
    """One line per field, Enter confirms: what is missing (Mẫu 02) or why it is refused (Mẫu 03)."""

    def __init__(self, title: str, labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postalReasonDialog")
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.fields = []
        for label in labels:
            line = QLineEdit()
            form.addRow(label, line)
            self.fields.append(line)
        for line, following in zip(self.fields, self.fields[1:]):
            line.returnPressed.connect(following.setFocus)
        self.fields[-1].returnPressed.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        for button in buttons.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        # Enter moves from one line to the next (returnPressed); only the last one confirms.
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            return
        super().keyPressEvent(event)

    def values(self) -> list[str]:
        return [nfc(f.text()) for f in self.fields]


class HandoverScreen(QWidget):
    """The receiving clerk counts the postal items with the postal employee and signs the record."""

    handedOver = Signal(int)  # the hand-over record's number

    def __init__(self, desk, tasks, identity, events, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent, objectName="handoverScreen")
        self.desk, self.tasks, self.user, self.events = desk, tasks, identity, events
        self.rows: list[_Row] = []
        self.preview: ReceiptPreview | None = None
        self.dialog: _ReasonDialog | None = None
        self._busy = False
        self.employee = QLineEdit(objectName="postalEmployee")
        self.employee_id = QLineEdit(objectName="postalEmployeeId")
        self.unit = QLineEdit(objectName="postalUnit")
        self.unit.setPlaceholderText(self.tr("Bưu điện %1").replace("%1", desk.settings.place_name))
        self.scan = QLineEdit(objectName="handoverScan")
        self.scan.setPlaceholderText(self.tr("Quét số hiệu bưu gửi (S10), Enter"))
        self.scan.returnPressed.connect(self.look_up)
        self.items = QTreeWidget(objectName="handoverItems")
        self.items.setHeaderLabels([self.tr("Số hiệu"), self.tr("Người gửi"), self.tr("Thủ tục"), self.tr("Trang"),
                                    self.tr("Phí thu hộ"), self.tr("Quyết định")])
        self.items.setRootIsDecorated(False)
        self.items.currentItemChanged.connect(lambda _item, _prev: self._show_page())
        self.page = QLabel(objectName="handoverPage")
        self.page.setMinimumSize(220, 300)
        self.page.setAlignment(Qt.AlignCenter)
        self.fees = _money_box("feesHandedOver")
        self.expected = QLabel(objectName="feesExpected")
        self.sign_button = QPushButton(self.tr("Ký biên bản giao nhận (Ctrl+Enter)"), objectName="signHandover")
        self.sign_button.clicked.connect(self.sign)
        self.status_label = QLabel(objectName="handoverStatus")
        self.status_label.setWordWrap(True)

        parties = QGroupBox(self.tr("Bên giao (nhân viên bưu chính)"))
        form = QFormLayout(parties)
        form.addRow(self.tr("Họ và tên (*):"), self.employee)
        form.addRow(self.tr("Số định danh / mã nhân viên (*):"), self.employee_id)
        form.addRow(self.tr("Đơn vị:"), self.unit)
        form.addRow(QLabel(self.tr("Bên nhận: %1 (%2)").replace("%1", identity.full_name)
                           .replace("%2", identity.username)))
        left = QVBoxLayout()
        left.addWidget(parties)
        left.addWidget(self.scan)
        left.addWidget(QLabel(self.tr("A: tiếp nhận · B: chưa đầy đủ (Mẫu 02) · T: từ chối (Mẫu 03) · Del: bỏ")))
        left.addWidget(self.items, 1)
        fee_row = QHBoxLayout()
        fee_row.addWidget(QLabel(self.tr("Tiền phí, lệ phí bàn giao:")))
        fee_row.addWidget(self.fees)
        fee_row.addWidget(self.expected)
        left.addLayout(fee_row)
        left.addWidget(self.sign_button)
        left.addWidget(self.status_label)
        self.send_box = SendResultsBox(self)
        left.addWidget(self.send_box)
        from ui.postal_transfer_boxes import DeskTransferBox

        self.transfer_box = DeskTransferBox(self)
        left.addWidget(self.transfer_box)
        events.dossiersChanged.connect(lambda _codes: self.transfer_box.refresh())
        self.transfer_box.refresh()
        add_shortcut(QKeySequence("Ctrl+R"), self, self.send_box.code.setFocus, context=Qt.WidgetWithChildrenShortcut)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.page, 2)
        for first, second in ((self.employee, self.employee_id), (self.employee_id, self.unit),
                              (self.unit, self.scan), (self.scan, self.items), (self.items, self.fees),
                              (self.fees, self.sign_button)):
            QWidget.setTabOrder(first, second)
        self.employee.returnPressed.connect(self.employee_id.setFocus)
        self.employee_id.returnPressed.connect(self.scan.setFocus)
        self.unit.returnPressed.connect(self.scan.setFocus)
        context = Qt.WidgetWithChildrenShortcut
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            add_shortcut(QKeySequence(key), self, self.sign, context=context)
        for key, action in (("A", lambda: self.decide(Decision.ACCEPT)), ("B", lambda: self.decide(Decision.INCOMPLETE)),
                            ("T", lambda: self.decide(Decision.REFUSE)), ("Del", self.remove_current)):
            add_shortcut(QKeySequence(key), self.items, action, context=Qt.WidgetShortcut)
        self._update_expected()

    def focus_start(self) -> None:
        (self.scan if self.employee.text().strip() and self.employee_id.text().strip() else self.employee).setFocus()

    # -- scanning items ----------------------------------------------------------------------
    def look_up(self) -> None:
        code = self.scan.text().strip()
        if not code:
            return
        desk, who = self.desk, self.user
        run_op(self, self.tasks, lambda: postal.item_by_s10(desk, who, code), self._found,
               title=self.tr("Không nhận được bưu gửi"))

    def _found(self, view: postal.ItemView) -> None:
        self.scan.clear()
        if any(r.view.s10 == view.s10 for r in self.rows):
            self.status_label.setText(self.tr("Bưu gửi %1 đã có trong danh sách.").replace("%1", view.s10))
            return
        if view.state != "in_transit":
            self.status_label.setText(self.tr("Bưu gửi %1 đã được bàn giao trước đây.").replace("%1", view.s10))
            return
        self.rows.append(_Row(view))
        self._render()
        self.items.setCurrentItem(self.items.topLevelItem(len(self.rows) - 1))
        self.status_label.setText(self.tr("Đã nhận bưu gửi %1: %2 trang.").replace("%1", view.s10)
                                  .replace("%2", str(view.pages)))
        self.scan.setFocus()

    def _label(self, row: _Row) -> str:
        return {Decision.ACCEPT: self.tr("Tiếp nhận (Mẫu 01)"), Decision.INCOMPLETE: self.tr("Chưa đầy đủ (Mẫu 02)"),
                Decision.REFUSE: self.tr("Từ chối (Mẫu 03)")}[row.decision]

    def _render(self) -> None:
        current = self.items.indexOfTopLevelItem(self.items.currentItem()) if self.items.currentItem() else -1
        self.items.clear()
        for row in self.rows:
            v = row.view
            self.items.addTopLevelItem(QTreeWidgetItem([v.s10, v.applicant_name, v.procedure_name, str(v.pages),
                                                        format_vnd(v.fee_collected), self._label(row)]))
        if 0 <= current < len(self.rows):
            self.items.setCurrentItem(self.items.topLevelItem(current))
        self._update_expected()

    def _update_expected(self) -> None:
        total = sum(r.view.fee_collected for r in self.rows if r.decision is Decision.ACCEPT)
        self.fees.setValue(total)
        self.expected.setText(self.tr("(theo các hồ sơ tiếp nhận: %1)").replace("%1", format_vnd(total)))

    def _current(self) -> _Row | None:
        item = self.items.currentItem()
        index = self.items.indexOfTopLevelItem(item) if item is not None else -1
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _show_page(self) -> None:
        row = self._current()
        if row is None or not row.view.page_hashes:
            self.page.clear()
            return
        path = self.desk.archive.path_for(row.view.page_hashes[0])
        size = self.page.size()
        self.tasks.run_work(lambda: QImage(str(path)).scaled(size, Qt.KeepAspectRatio, Qt.SmoothTransformation),
                            lambda image: self.page.setPixmap(QPixmap.fromImage(image)))

    def decide(self, decision: Decision) -> None:
        row = self._current()
        if row is None:
            return
        if decision is Decision.ACCEPT:
            row.decision, row.defects, row.reasons = decision, [], []
            self._render()
            return
        labels = ([self.tr("Giấy tờ:"), self.tr("Yêu cầu:"), self.tr("Lý do:")] if decision is Decision.INCOMPLETE
                  else [self.tr("Lý do từ chối:")])
        title = (self.tr("Hồ sơ %1 chưa đầy đủ (Mẫu 02)") if decision is Decision.INCOMPLETE
                 else self.tr("Từ chối hồ sơ %1 (Mẫu 03)")).replace("%1", row.view.s10)
        self.dialog = _ReasonDialog(title, labels, self)

        def done(result: int) -> None:
            values = self.dialog.values()
            if result == QDialog.Accepted and values[0]:
                row.decision = decision
                if decision is Decision.INCOMPLETE:
                    row.defects = [{"component": values[0], "requirement": values[1], "reason": values[2]}]
                else:
                    row.reasons = [values[0]]
                self._render()
            _back_to(self, self.items.setFocus)

        self.dialog.finished.connect(done)
        self.dialog.open()

    def remove_current(self) -> None:
        row = self._current()
        if row is not None:
            self.rows.remove(row)
            self._render()

    # -- signing -----------------------------------------------------------------------------
    def sign(self) -> None:
        if self._busy:
            return
        desk, who = self.desk, self.user
        items = [postal.HandoverItem(r.view.s10, r.decision, list(r.defects), list(r.reasons)) for r in self.rows]
        employee, employee_id, unit = self.employee.text(), self.employee_id.text(), self.unit.text()
        fees = self.fees.value()

        def job():  # noqa: ANN202
            outcome = postal.handover(desk, who, postal_employee=employee, postal_employee_id=employee_id,
                                      postal_unit=unit, items=items, fees_handed_over=fees, at=now_local())
            return outcome, _pdf_file(desk, f"bien-ban-giao-nhan-{outcome.handover_id:04d}.pdf", outcome.pdf)

        self._busy = True
        self.sign_button.setEnabled(False)
        run_op(self, self.tasks, job, self._signed, on_failure=self._failed, events=self.events,
               changed=lambda result: [i.code for i in result[0].items],
               title=self.tr("Chưa ký được biên bản giao nhận"))

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False
        self.sign_button.setEnabled(True)

    def _signed(self, result) -> None:  # noqa: ANN001
        outcome, path = result
        self._busy = False
        self.sign_button.setEnabled(True)
        self.rows = []
        self._render()
        self.page.clear()
        accepted = sum(1 for i in outcome.items if i.decision is Decision.ACCEPT)
        self.status_label.setText(self.tr("Biên bản số %1: %2 hồ sơ, %3 tiếp nhận.")
                                  .replace("%1", f"{outcome.handover_id:04d}").replace("%2", str(len(outcome.items)))
                                  .replace("%3", str(accepted)))
        self.handedOver.emit(outcome.handover_id)
        self.preview = ReceiptPreview(path, f"{outcome.handover_id:04d}", self, tasks=self.tasks)
        self.preview.setWindowTitle(self.tr("Biên bản giao nhận hồ sơ số %1").replace("%1", f"{outcome.handover_id:04d}"))
        self.preview.finished.connect(lambda _result: _back_to(self, self.scan.setFocus))
        self.preview.open()


# --------------------------------------------------------------------------- return by post


class DeliveryBox(QGroupBox):
    """The postal employee reports a result delivery: scan the return item's S10, then
    **Ctrl+Shift+K** not delivered (an invitation left; the second two working days after the first) or, with
    the delivery note signed by the citizen scanned into the page frame, the receiver's name and ID and
    **Ctrl+Shift+D** delivered (the dossier is returned, status 10)."""

    reported = Signal(str, str)  # S10, "attempt" | "delivered"

    def __init__(self, workspace: PostalWorkspace) -> None:
        super().__init__(workspace.tr("Phát kết quả qua bưu chính"))
        self.setObjectName("deliveryBox")
        self.workspace = workspace
        self.s10 = QLineEdit(objectName="deliveryS10")
        self.s10.setPlaceholderText(self.tr("Số hiệu bưu gửi trả kết quả"))
        self.note = QLineEdit(objectName="deliveryNote")
        self.receiver = QLineEdit(objectName="deliveryReceiver")
        self.receiver_id = QLineEdit(objectName="deliveryReceiverId")
        self.receiver_id.setMaxLength(12)
        form = QFormLayout(self)
        form.addRow(self.tr("Số hiệu (S10):"), self.s10)
        form.addRow(self.tr("Ghi chú (không phát được):"), self.note)
        form.addRow(self.tr("Người nhận:"), self.receiver)
        form.addRow(self.tr("Số định danh người nhận:"), self.receiver_id)
        form.addRow(QLabel(self.tr("Ctrl+Shift+K: không phát được · Ctrl+Shift+D: đã phát (quét phiếu phát đã ký)")))
        self.s10.returnPressed.connect(self.note.setFocus)
        self.note.returnPressed.connect(self.receiver.setFocus)
        self.receiver.returnPressed.connect(self.receiver_id.setFocus)
        context = Qt.WidgetWithChildrenShortcut
        add_shortcut(QKeySequence("Ctrl+Shift+K"), self, self.attempt, context=context)
        add_shortcut(QKeySequence("Ctrl+Shift+D"), self, self.delivered, context=context)

    def attempt(self) -> None:
        desk, who, code, note = self.workspace.desk, self.workspace.user, self.s10.text(), self.note.text()
        run_op(self, self.workspace.tasks, lambda: postal.record_attempt(desk, who, code, at=now_local(), note=note),
               lambda count: self._done(code, "attempt", self.tr("Bưu gửi %1: mời nhận lần %2 không thành công.")
                                        .replace("%2", str(count))),
               events=self.workspace.events, title=self.tr("Chưa ghi nhận được"))

    def delivered(self) -> None:
        ws = self.workspace
        desk, who, code = ws.desk, ws.user, self.s10.text()
        name, id_number, spooled = self.receiver.text(), self.receiver_id.text(), ws.capture.pages()

        def job():  # noqa: ANN202
            pages = store_spooled_pages(desk, spooled)
            return postal.record_delivered(desk, who, code, receiver_name=name, receiver_id_number=id_number,
                                           signature_pages=pages, at=now_local())

        def done(dossier_code: str) -> None:
            ws.capture.finish(f"delivery:{dossier_code}")
            self._done(code, "delivered", self.tr("Bưu gửi %1: đã phát (hồ sơ %2).").replace("%2", dossier_code))

        run_op(self, ws.tasks, job, done, events=ws.events, changed=lambda c: [c],
               title=self.tr("Chưa ghi nhận được"))

    def _done(self, code: str, kind: str, message: str) -> None:
        self.workspace.status_label.setText(message.replace("%1", code.strip().upper()))
        for widget in (self.s10, self.note, self.receiver, self.receiver_id):
            widget.clear()
        self.s10.setFocus()
        self.reported.emit(code.strip().upper(), kind)


class SendResultsBox(QGroupBox):
    """Results ready for citizens who chose the post: scan the dossier code (the Mẫu 01 QR), Enter, scan
    the return item's S10, Enter (one line each); **Ctrl+Shift+G** hands them to the postal employee named
    above, one batch."""

    sent = Signal(int)  # batch number
    undeliveredRecorded = Signal(str)  # the dossier code whose result is back at the desk

    def __init__(self, screen: HandoverScreen) -> None:
        super().__init__(screen.tr("Gửi kết quả qua bưu chính"))
        self.setObjectName("sendResultsBox")
        self.screen = screen
        self.pairs: list[tuple[str, str]] = []
        self.code = QLineEdit(objectName="sendCode")
        self.code.setPlaceholderText(self.tr("Mã hồ sơ (quét mã QR trên giấy hẹn)"))
        self.s10 = QLineEdit(objectName="sendS10")
        self.s10.setPlaceholderText(self.tr("Số hiệu bưu gửi trả kết quả"))
        self.list = QListWidget(objectName="sendList")
        form = QFormLayout(self)
        form.addRow(self.tr("Mã hồ sơ:"), self.code)
        form.addRow(self.tr("Số hiệu (S10):"), self.s10)
        form.addRow(self.list)
        form.addRow(QLabel(self.tr("Ctrl+Shift+G: giao kết quả cho nhân viên bưu chính · Ctrl+Shift+U: kết quả "
                                   "bưu chính chuyển hoàn (số hiệu S10)")))
        self.code.returnPressed.connect(self.s10.setFocus)
        self.s10.returnPressed.connect(self.add)
        add_shortcut(QKeySequence("Ctrl+Shift+G"), self, self.send, context=Qt.WidgetWithChildrenShortcut)
        add_shortcut(QKeySequence("Ctrl+Shift+U"), self, self.undelivered, context=Qt.WidgetWithChildrenShortcut)

    def add(self) -> None:
        code, s10 = self.code.text().strip().upper(), self.s10.text().strip().upper()
        if code and s10:
            self.pairs.append((code, s10))
            self.list.addItem(f"{code} → {s10}")
        self.code.clear()
        self.s10.clear()
        self.code.setFocus()

    def undelivered(self) -> None:
        """The post brought a result back after two failed invitations: the citizen collects it at the desk."""
        sc = self.screen
        desk, who, s10 = sc.desk, sc.user, self.s10.text()

        def done(code: str) -> None:
            self.s10.clear()
            sc.status_label.setText(self.tr("Kết quả hồ sơ %1 đã về Bộ phận Một cửa; công dân nhận tại quầy.")
                                    .replace("%1", code))
            self.code.setFocus()
            self.undeliveredRecorded.emit(code)

        run_op(self, sc.tasks, lambda: postal.record_undelivered(desk, who, s10, at=now_local()), done,
               events=sc.events, changed=lambda c: [c], title=self.tr("Chưa ghi nhận được"))

    def send(self) -> None:
        sc = self.screen
        desk, who, employee, pairs = sc.desk, sc.user, sc.employee.text(), list(self.pairs)

        def done(batch: int) -> None:
            self.pairs = []
            self.list.clear()
            sc.status_label.setText(self.tr("Đã giao %1 kết quả cho bưu chính (lô %2).")
                                    .replace("%1", str(len(pairs))).replace("%2", str(batch)))
            self.code.setFocus()
            self.sent.emit(batch)

        run_op(self, sc.tasks, lambda: postal.send_results(desk, who, postal_employee=employee, items=pairs,
                                                           at=now_local()),
               done, events=sc.events, changed=lambda _b: [c for c, _s in pairs],
               title=self.tr("Chưa giao được kết quả"))
