"""Shows a form PDF (the receipt first) right after acceptance, inside the app, and prints it.

Buttons: "In ngay" (Ctrl+P) sends the PDF straight to the desk's printer (CUPS, media set from the
PDF: A5 receipt, A4 lists); "In…" opens the Qt print dialog; "Xem trước bản in" the Qt print preview.
Printing runs in the work lane; the result shows in the dialog's status line. Opened from the main
window (which has the desk and the signed-in user) it also shows the :class:`PaymentBar`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.fees import format_vnd
from desk_app.printing import CupsPrinter
from ui.shortcuts import add_shortcut
from ui.geometry import fit_to_screen
from ui.printing import FormPrinting
from ui.tasks import TaskRunner


class PaymentBar(QWidget):
    """Fee of the dossier: record it as cash or transfer (pending), then confirm the money arrived.

    Confirmation is a separate, deliberate click by the signed-in user (audited by the service); a
    transfer needs the bank statement's reference. "In biên lai" writes the fee receipt and previews it.
    """

    def __init__(self, desk, tasks: TaskRunner, user, code: str, printing: FormPrinting,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentBar")
        self.desk, self.tasks, self.user, self.code, self.printing = desk, tasks, user, code, printing
        self.payment = None
        self.fee = 0
        self.status = QLabel(self.tr("Đang tải thông tin phí, lệ phí…"), objectName="paymentStatus")
        self.method = QComboBox(objectName="paymentMethod")
        self.method.addItem(self.tr("Tiền mặt"), "cash")
        self.method.addItem(self.tr("Chuyển khoản (VietQR)"), "transfer")
        self.reference = QLineEdit(objectName="paymentReference",
                                   placeholderText=self.tr("Số tham chiếu trên sao kê (chuyển khoản)"))
        self.open_button = QPushButton(self.tr("Ghi nhận khoản thu"), objectName="paymentOpen")
        self.confirm_button = QPushButton(self.tr("Xác nhận đã thu tiền"), objectName="paymentConfirm")
        self.receipt_button = QPushButton(self.tr("In biên lai"), objectName="paymentReceipt")
        self.open_button.clicked.connect(self.open_payment)
        self.confirm_button.clicked.connect(self.confirm)
        self.receipt_button.clicked.connect(self.print_fee_receipt)
        row = QHBoxLayout()
        for widget in (self.method, self.reference, self.open_button, self.confirm_button, self.receipt_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self._set_enabled(False, False)
        self.refresh()

    def _set_enabled(self, can_open: bool, can_confirm: bool) -> None:
        self.method.setEnabled(can_open)
        self.open_button.setEnabled(can_open)
        self.reference.setEnabled(can_confirm)
        self.confirm_button.setEnabled(can_confirm)
        self.receipt_button.setEnabled(self.payment is not None)

    def _run(self, fn) -> None:
        self._set_enabled(False, False)
        self.status.setStyleSheet("")
        self.tasks.run_db(fn, self._show, self._error)

    def refresh(self) -> None:
        from desk_app.services.payments import current_payment
        from desk_app.services.receipts import load_dossier

        desk, code = self.desk, self.code
        self._run(lambda: (load_dossier(desk, code).fee_amount, current_payment(desk, code)))

    def open_payment(self) -> None:
        from desk_app.services.payments import open_payment

        desk, user, code, method = self.desk, self.user, self.code, self.method.currentData()
        self._run(lambda: (None, open_payment(desk, user, code, method)))

    def confirm(self) -> None:
        from desk_app.services.payments import confirm_payment

        if self.payment is None:
            return
        desk, user, pid, ref = self.desk, self.user, self.payment.id, self.reference.text()
        self._run(lambda: (None, confirm_payment(desk, user, pid, ref)))

    def print_fee_receipt(self) -> None:
        from desk_app.services.forms import FormRequest, write_form

        desk, user, code = self.desk, self.user, self.code
        self.tasks.run_db(lambda: write_form(desk, FormRequest("fee-receipt", (code,)), who=user),
                          lambda path: self.printing.preview(path, self.window()), self._error)

    def _show(self, result) -> None:
        fee, payment = result
        if fee is not None:
            self.fee = fee
        self.payment = payment
        if self.fee <= 0 and payment is None:
            self.status.setText(self.tr("Hồ sơ không phải nộp phí, lệ phí."))
            self._set_enabled(False, False)
        elif payment is None:
            self.status.setText(self.tr("Phí, lệ phí %1: chưa ghi nhận khoản thu.").replace("%1", format_vnd(self.fee)))
            self._set_enabled(True, False)
        elif payment.paid:
            self.status.setText(self.tr("Biên lai số %1: %2, đã thu (xác nhận bởi %3).")
                                .replace("%1", payment.receipt_number).replace("%2", format_vnd(payment.amount))
                                .replace("%3", payment.confirmed_by))
            self._set_enabled(False, False)
        else:
            self.method.setCurrentIndex(max(0, self.method.findData(payment.method)))
            self.status.setText(self.tr("Biên lai số %1: %2, chờ xác nhận đã thu tiền.")
                                .replace("%1", payment.receipt_number).replace("%2", format_vnd(payment.amount)))
            self._set_enabled(True, True)

    def _error(self, exc: Exception) -> None:
        self.status.setText(str(exc))
        self.status.setStyleSheet("color: #b00000;")
        self._set_enabled(self.payment is None or not self.payment.paid,
                          self.payment is not None and not self.payment.paid)


class ReceiptPreview(QDialog):
    def __init__(self, pdf_path: Path, dossier_code: str, parent=None, *,
                 tasks: TaskRunner | None = None, cups: CupsPrinter | None = None,
                 queue: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setWindowTitle(self.tr("Giấy tiếp nhận hồ sơ %1").replace("%1", dossier_code))
        self.pdf_path = Path(pdf_path)
        self.dossier_code = dossier_code
        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        # The main window owns the task lanes and the desk; reuse them when opened from it.
        tasks = tasks or getattr(parent, "tasks", None) or TaskRunner(self)
        desk = getattr(parent, "desk", None)
        if queue is None and desk is not None:
            queue = desk.settings.printer_name
        self.printing = FormPrinting(tasks, cups, queue, self)
        self.printing.printed.connect(self._show_status)
        self.printing.failed.connect(lambda message: self._show_status(message, error=True))

        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("Đóng (Esc)"))
        self.print_button = QPushButton(self.tr("In ngay (Ctrl+P)"), objectName="printNow")
        self.print_dialog_button = QPushButton(self.tr("In…"), objectName="printDialog")
        self.preview_button = QPushButton(self.tr("Xem trước bản in"), objectName="printPreview")
        for button in (self.print_button, self.print_dialog_button, self.preview_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_now)
        self.print_dialog_button.clicked.connect(lambda: self.printing.print_with_dialog(self.pdf_path, self))
        self.preview_button.clicked.connect(lambda: self.printing.preview(self.pdf_path, self))
        add_shortcut(QKeySequence.StandardKey.Print, self, self.print_now)

        self.status = QLabel("", objectName="printStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Tệp: %1").replace("%1", str(self.pdf_path)),
                                textInteractionFlags=Qt.TextSelectableByMouse))
        # A provisional or missing holiday calendar makes the printed due date uncertain: say so here.
        from desk_app.services.intake import calendar_warnings  # the calendar is in memory: no I/O

        notes = calendar_warnings(desk) if desk is not None else []
        self.calendar_warning = QLabel("\n".join(notes), objectName="calendarWarning", wordWrap=True)
        self.calendar_warning.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.calendar_warning.setVisible(bool(notes))
        layout.addWidget(self.calendar_warning)
        layout.addWidget(self.view, 1)
        # Fees are collected at the counter right after the receipt, so the payment step sits here.
        user = getattr(parent, "user", None)
        self.payment_bar = (PaymentBar(desk, tasks, user, dossier_code, self.printing, self)
                            if desk is not None and user is not None else None)
        if self.payment_bar is not None:
            layout.addWidget(self.payment_bar)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        fit_to_screen(self, 620, 820)   # never taller than the screen: the buttons stay reachable

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def print_now(self) -> None:
        self.print_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Đang in…"))
        self.printing.print_direct(self.pdf_path, self.tr("Giấy tiếp nhận %1").replace("%1", self.dossier_code))

    def _show_status(self, message: str, error: bool = False) -> None:
        self.print_button.setEnabled(True)
        self.status.setStyleSheet("color: #b00000;" if error else "")
        self.status.setText(message)
