"""One keyboard-only dialog per lifecycle action of a stored dossier (opened from the dossier view).

Every dialog: fields in Tab order, **Ctrl+Enter** (or Enter on a one-line field) confirms, **Esc** cancels.
The core call (``desk_app.services.lifecycle``) runs in the background through the *run* callable the
dossier view passes in (``ui.operations.run_op``: a refusal is shown in the standard box); the refusal
(a rule of NĐ 61/2018, a missing scan) also stays written inside the dialog, which stays open so the
clerk can fix it. On success the dialog closes with ``outcome`` set; the
dossier view then shows the right form, refreshes itself and announces that dossiers changed.

Pages (the citizen's extra papers, a signed withdrawal request, a paper result, an authorisation)
are captured in the dialog with :class:`~ui.page_capture.PageCapture` (F8 scanner, Ctrl+O files) and
archived inside the action's background job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCheckBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.desk import Desk
from desk_app.domain.fees import format_vnd
from desk_app.errors import user_errors
from desk_app.security.roles import Permission, PermissionDeniedError, require
from desk_app.services import lifecycle
from desk_app.services.dossier_book import DossierView
from desk_app.services.intake import store_spooled_pages
from desk_app.text import nfc
from ui.shortcuts import add_shortcut
from ui.focus import focus_first_empty_when_shown
from ui.page_capture import PageCapture
from ui.tasks import TaskRunner

#: run(parent, job, on_done, on_error): runs a core call in the background and shows a failure the standard way
#: (the dossier view's :func:`ui.operations.run_op`)
Runner = Callable[[QWidget, Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]], None]


@dataclass
class ActionContext:
    desk: Desk
    tasks: TaskRunner
    who: Any  # the signed-in identity
    view: DossierView
    run: Runner
    fee_due: int = 0  # fee still to collect (return)

    @property
    def code(self) -> str:
        return self.view.summary.code


class InputProblem(Exception):
    """A field the clerk must fill before the action is sent to the core."""


class ActionDialog(QDialog):
    """Base: a title, an explanation, the action's fields, an error line, Confirm / Cancel."""

    action = ""
    succeeded = Signal(object)

    def __init__(self, context: ActionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.outcome: Any = None
        self.running = False
        self.setObjectName(f"{self.action}Dialog")
        self.setModal(True)
        summary = context.view.summary
        self.about = QLabel(self.tr("Hồ sơ %1 — %2 — %3").replace("%1", summary.code)
                            .replace("%2", summary.applicant).replace("%3", summary.procedure_name),
                            objectName="actionAbout", wordWrap=True)
        self.form = QFormLayout()
        self.error = QLabel(objectName="actionError", wordWrap=True)
        self.error.setStyleSheet("color: #b00000;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("Xác nhận (Ctrl+Enter)"))
        self.ok_button.setObjectName("actionConfirm")
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Hủy (Esc)"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.about)
        self.layout_.addLayout(self.form)
        self._required: list[tuple[QWidget, str]] = []   # fields marked (*): checked before the core call
        self.build()
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            add_shortcut(QKeySequence(key), self, self.submit)
        self.resize(640, self.sizeHint().height())

    # -- to override --------------------------------------------------------------------------
    def build(self) -> None:
        """Add the action's fields to ``self.form`` (or ``self.layout_``)."""

    def job(self) -> Callable[[], Any]:
        """Read the fields (UI thread) and return the core call to run in the background."""
        raise NotImplementedError

    def refused(self, exc: Exception) -> None:
        """The core refused: show why (a dialog may offer more, e.g. the supervisor's override)."""
        self.show_error(str(exc) if isinstance(exc, user_errors()) else
                        self.tr("Lỗi không mong muốn: %1").replace("%1", str(exc)))

    def done_ok(self, outcome: Any) -> None:
        """After success, before the dialog closes."""

    # -- flow ---------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().showEvent(event)
        focus_first_empty_when_shown(self)   # the first empty field, never the Confirm button

    def submit(self) -> None:
        if self.running:
            return  # never send the same action twice
        for field, label in self._required:
            text = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
            if not field.isHidden() and field.isEnabled() and not text.strip():
                self.show_error(self.tr("Hãy nhập «%1».").replace("%1", label.replace("(*)", "").rstrip(": ")))
                field.setFocus(Qt.OtherFocusReason)
                return
        try:
            call = self.job()
        except InputProblem as problem:
            self.show_error(str(problem))
            return
        self._set_running(True)
        self.error.hide()
        self.context.run(self, call, self._succeeded, self._failed)

    def _succeeded(self, outcome: Any) -> None:
        self._set_running(False)
        self.outcome = outcome
        self.done_ok(outcome)
        self.succeeded.emit(outcome)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_running(False)
        self.refused(exc)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.ok_button.setEnabled(not running)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def line(self, name: str, label: str, text: str = "", placeholder: str = "") -> QLineEdit:
        field = QLineEdit(text, objectName=name, placeholderText=placeholder)
        self.form.addRow(label, field)
        if "(*)" in label:
            self._required.append((field, label))
        return field

    def lines(self, name: str, label: str, placeholder: str = "") -> QPlainTextEdit:
        field = QPlainTextEdit(objectName=name, placeholderText=placeholder, tabChangesFocus=True)
        field.setFixedHeight(96)
        self.form.addRow(label, field)
        if "(*)" in label:
            self._required.append((field, label))
        return field

    @staticmethod
    def text_lines(field: QPlainTextEdit) -> list[str]:
        return [nfc(line) for line in field.toPlainText().splitlines() if nfc(line)]


class _CaptureDialog(ActionDialog):
    """An action with scanned pages: they are discarded when the dialog is cancelled."""

    capture_title = ""
    pages_required = True

    def add_capture(self) -> PageCapture:
        self.capture = PageCapture(self.context.desk, self.context.tasks, self.capture_title, self)
        self.layout_.addWidget(self.capture, 1)
        return self.capture

    def spooled_pages(self) -> list:
        if self.capture.busy:
            raise InputProblem(self.tr("Máy quét đang chạy; hãy chờ quét xong (Esc trong danh sách trang để dừng)."))
        pages = self.capture.pages()
        if self.pages_required and not self.capture.isHidden() and not pages:
            raise InputProblem(self.tr("Hãy quét (F8) hoặc thêm tệp (Ctrl+O) các trang giấy tờ trước."))
        return pages

    def done_ok(self, outcome: Any) -> None:
        self.capture.finish(self.context.code)

    def reject(self) -> None:
        if self.running:
            return  # the action is being recorded; wait for its answer
        self.capture.discard()
        super().reject()


# --------------------------------------------------------------------------- the actions


class ForwardDialog(ActionDialog):
    action = "forward"

    def build(self) -> None:
        self.setWindowTitle(self.tr("Chuyển hồ sơ cho cán bộ xử lý"))
        self.note = self.line("forwardNote", self.tr("Ghi chú:"),
                              placeholder=self.tr("Không bắt buộc, ví dụ: chuyển Văn phòng - Thống kê"))

    def job(self) -> Callable[[], Any]:
        desk, who, code, note = self.context.desk, self.context.who, self.context.code, nfc(self.note.text())
        return lambda: lifecycle.forward(desk, who, code, note)


class _CellEditors(QStyledItemDelegate):
    """Component names are offered as the clerk types in the first column."""

    def __init__(self, names: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.names = names

    def createEditor(self, parent, option, index):  # noqa: N802, ANN001, ANN201
        editor = super().createEditor(parent, option, index)
        if index.column() == 0 and isinstance(editor, QLineEdit) and self.names:
            completer = QCompleter(self.names, editor)
            completer.setCaseSensitivity(Qt.CaseInsensitive)
            completer.setFilterMode(Qt.MatchContains)
            editor.setCompleter(completer)
        return editor


class DefectTable(QTableWidget):
    """Mẫu 02 lists every defect at once: F2 edits a cell, Tab moves on, Ctrl+N adds a row, Ctrl+Del removes one."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(3, 3, parent)
        self.setObjectName("defectTable")
        self.setHorizontalHeaderLabels([self.tr("Thành phần hồ sơ"), self.tr("Nội dung cần bổ sung, hoàn thiện"),
                                        self.tr("Lý do")])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.setItemDelegate(_CellEditors(names, self))
        self.setEditTriggers(QTableWidget.DoubleClicked | QTableWidget.EditKeyPressed | QTableWidget.AnyKeyPressed)
        self.setTabKeyNavigation(True)
        add_shortcut(QKeySequence("Ctrl+N"), self, self.add_row, context=Qt.WidgetWithChildrenShortcut)
        add_shortcut(QKeySequence("Ctrl+Del"), self, self.remove_row, context=Qt.WidgetWithChildrenShortcut)
        self.setCurrentCell(0, 0)

    def is_empty(self) -> bool:
        """No defect typed yet (where a dialog's focus starts: ui/focus.py)."""
        return not any(self.item(row, column) is not None and self.item(row, column).text().strip()
                       for row in range(self.rowCount()) for column in range(self.columnCount()))

    def add_row(self) -> None:
        self.commit_editor()
        self.insertRow(self.rowCount())
        self.setCurrentCell(self.rowCount() - 1, 0)
        self.setFocus()

    def remove_row(self) -> None:
        self.commit_editor()
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
        if self.rowCount() == 0:
            self.insertRow(0)
        self.setCurrentCell(min(max(row, 0), self.rowCount() - 1), 0)

    def commit_editor(self) -> None:
        """Keep what is being typed in the open cell (Ctrl+Enter while editing)."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.NoHint)

    def defects(self) -> list[dict]:
        self.commit_editor()
        rows = []
        for row in range(self.rowCount()):
            cells = [nfc(self.item(row, column).text()) if self.item(row, column) else "" for column in range(3)]
            if any(cells):
                rows.append({"component": cells[0], "requirement": cells[1], "reason": cells[2]})
        return rows


class SupplementDialog(ActionDialog):
    action = "supplement"

    def build(self) -> None:
        self.setWindowTitle(self.tr("Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)"))
        hint = QLabel(self.tr("Liệt kê MỘT LẦN tất cả giấy tờ cần bổ sung. F2 sửa ô, Tab sang ô sau, "
                              "Ctrl+N thêm dòng, Ctrl+Del xóa dòng."), wordWrap=True)
        self.layout_.addWidget(hint)
        self.table = DefectTable([name for name, _count in self.context.view.components], self)
        self.layout_.addWidget(self.table, 1)
        note_row = QFormLayout()
        self.note = QLineEdit(objectName="supplementNote")
        note_row.addRow(self.tr("Ghi chú:"), self.note)
        self.layout_.addLayout(note_row)
        self.table.setFocus()

    def job(self) -> Callable[[], Any]:
        defects = self.table.defects()
        if not defects:
            raise InputProblem(self.tr("Hãy ghi ít nhất một giấy tờ cần bổ sung (thành phần hoặc nội dung)."))
        desk, who, code, note = self.context.desk, self.context.who, self.context.code, nfc(self.note.text())
        return lambda: lifecycle.request_supplement(desk, who, code, defects, note)


class ResumeDialog(_CaptureDialog):
    action = "resume"

    def build(self) -> None:
        self.setWindowTitle(self.tr("Nhận hồ sơ bổ sung"))
        self.capture_title = self.tr("Giấy tờ công dân bổ sung (F8 quét, Ctrl+O thêm từ tệp)")
        self.note = self.line("resumeNote", self.tr("Ghi chú:"))
        self.add_capture()
        self.layout_.addWidget(QLabel(self.tr("Thời hạn giải quyết tính lại từ lúc nhận đủ hồ sơ; công dân nhận "
                                              "giấy hẹn mới (Mẫu 01)."), wordWrap=True))

    def job(self) -> Callable[[], Any]:
        spooled = self.spooled_pages()
        desk, who, code, note = self.context.desk, self.context.who, self.context.code, nfc(self.note.text())
        return lambda: lifecycle.resume(desk, who, code, store_spooled_pages(desk, spooled), note)


def default_new_due(desk: Desk, due: datetime | None) -> datetime | None:
    """The next working day after the due date, at the same time of day."""
    if due is None:
        return None
    return datetime.combine(desk.calendar.next_working_day(due.date()), due.time())


def may_override(who: Any) -> bool:
    """Whether the signed-in role may issue a late apology (the core checks again)."""
    try:
        require(getattr(who, "role", ""), Permission.OVERRIDE_DEADLINE)
    except (PermissionDeniedError, ValueError):
        return False
    return True


class DateField(QDateEdit):
    """A date typed as dd/MM/yyyy (←/→ between day, month, year; ↑/↓ change); Tab goes to the next field."""

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt API
        return QWidget.focusNextPrevChild(self, next_)


class ApologyDialog(ActionDialog):
    action = "apologize"

    def build(self) -> None:
        self.setWindowTitle(self.tr("Xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)"))
        desk, view = self.context.desk, self.context.view
        due = view.summary.due_at
        self.agency = self.line("apologyAgency", self.tr("Cơ quan giải quyết:"), desk.settings.agency_name)
        self.reason = self.line("apologyReason", self.tr("Lý do chậm trả kết quả (*):"))
        self.new_date = DateField(objectName="apologyNewDate", calendarPopup=True, displayFormat="dd/MM/yyyy")
        proposed = default_new_due(desk, due)
        if proposed is not None:
            self.new_date.setDate(QDate(proposed.year, proposed.month, proposed.day))
            self.new_date.setMinimumDate(QDate(due.year, due.month, due.day).addDays(1))
        self.form.addRow(self.tr("Ngày hẹn trả mới:"), self.new_date)
        self.signer = self.line("apologySigner", self.tr("Họ tên thủ trưởng ký phiếu (*):"))
        self.override = QLineEdit(objectName="apologyOverride")
        self.override_label = QLabel(self.tr("Lý do lập muộn (người giám sát):"))
        self.form.addRow(self.override_label, self.override)
        self.override.hide()
        self.override_label.hide()
        if due is not None:
            self.layout_.addWidget(QLabel(self.tr("Hẹn trả hiện tại: %1. Phiếu xin lỗi phải lập chậm nhất 01 ngày "
                                                  "làm việc trước ngày hẹn trả, và chỉ một lần.")
                                          .replace("%1", f"{due:%H:%M %d/%m/%Y}"), wordWrap=True))
        self.reason.setFocus()

    def new_due(self) -> datetime:
        due = self.context.view.summary.due_at
        chosen = self.new_date.date().toPython()
        return datetime.combine(chosen, due.time() if due else time(17, 0))

    def job(self) -> Callable[[], Any]:
        desk, who, code = self.context.desk, self.context.who, self.context.code
        agency, reason, signer = nfc(self.agency.text()), nfc(self.reason.text()), nfc(self.signer.text())
        override = nfc(self.override.text()) if not self.override.isHidden() else ""
        if not self.override.isHidden() and not override:
            raise InputProblem(self.tr("Hãy ghi lý do lập phiếu xin lỗi muộn (được ghi vào nhật ký)."))
        new_due = self.new_due()
        return lambda: lifecycle.apologize(desk, who, code, processing_agency=agency, reason=reason,
                                           new_due=new_due, signer_name=signer, override_reason=override)

    def refused(self, exc: Exception) -> None:
        super().refused(exc)
        late = isinstance(exc, lifecycle.LifecycleError) and "chậm nhất 01 ngày làm việc" in str(exc)
        if late and may_override(self.context.who) and self.override.isHidden():
            self.override_label.show()
            self.override.show()
            self.show_error(str(exc) + "\n" + self.tr(
                "Bạn có quyền giám sát: ghi lý do lập muộn rồi xác nhận lại (Ctrl+Enter)."))
            self.override.setFocus()


class StopDialog(ActionDialog):
    action = "stop"

    def build(self) -> None:
        self.setWindowTitle(self.tr("Thông báo dừng giải quyết hồ sơ"))
        self.reasons = self.lines("stopReasons", self.tr("Lý do (mỗi dòng một lý do) (*):"))
        self.reasons.setFocus()

    def job(self) -> Callable[[], Any]:
        reasons = self.text_lines(self.reasons)
        if not reasons:
            raise InputProblem(self.tr("Hãy nêu lý do dừng giải quyết."))
        desk, who, code = self.context.desk, self.context.who, self.context.code
        return lambda: lifecycle.stop(desk, who, code, reasons)


class WithdrawDialog(_CaptureDialog):
    action = "withdraw"

    def build(self) -> None:
        self.setWindowTitle(self.tr("Công dân rút hồ sơ"))
        self.capture_title = self.tr("Đơn đề nghị rút hồ sơ có chữ ký của công dân (F8 quét, Ctrl+O thêm từ tệp)")
        self.reason = self.line("withdrawReason", self.tr("Lý do:"), self.tr("Công dân đề nghị rút hồ sơ"))
        self.add_capture()

    def job(self) -> Callable[[], Any]:
        spooled = self.spooled_pages()
        desk, who, code, reason = self.context.desk, self.context.who, self.context.code, nfc(self.reason.text())
        return lambda: lifecycle.withdraw(desk, who, code, reason, store_spooled_pages(desk, spooled))


class ResultDialog(_CaptureDialog):
    action = "result"

    def build(self) -> None:
        self.setWindowTitle(self.tr("Nhận kết quả giải quyết (bản giấy)"))
        self.capture_title = self.tr("Kết quả giấy được số hóa (F8 quét, Ctrl+O thêm từ tệp)")
        self.documents = self.lines("resultDocuments", self.tr("Giấy tờ kết quả (mỗi dòng một giấy) (*):"),
                                    self.tr("Ví dụ: Giấy khai sinh (bản chính)"))
        self.add_capture()
        self.documents.setFocus()

    def job(self) -> Callable[[], Any]:
        documents = self.text_lines(self.documents)
        if not documents:
            raise InputProblem(self.tr("Hãy ghi tên giấy tờ kết quả."))
        spooled = self.spooled_pages()
        desk, who, code = self.context.desk, self.context.who, self.context.code
        return lambda: lifecycle.record_result(desk, who, code, documents, store_spooled_pages(desk, spooled))


class ReturnDialog(_CaptureDialog):
    action = "return"

    def build(self) -> None:
        self.setWindowTitle(self.tr("Trả kết quả cho công dân"))
        self.capture_title = self.tr("Giấy ủy quyền (F8 quét, Ctrl+O thêm từ tệp)")
        summary = self.context.view.summary
        if self.context.view.results:
            self.layout_.addWidget(QLabel(self.tr("Kết quả: %1").replace("%1", "; ".join(self.context.view.results)),
                                          wordWrap=True, objectName="returnResults"))
        self.receiver = self.line("returnReceiver", self.tr("Họ tên người nhận (*):"), summary.applicant)
        self.receiver_id = self.line("returnReceiverId", self.tr("Số định danh người nhận (*):"), summary.id_number)
        self.receiver_id.setMaxLength(12)
        self.fee = QCheckBox(objectName="returnCollectFee")
        if self.context.fee_due:
            self.fee.setText(self.tr("Thu phí, lệ phí còn nợ: %1 (tiền mặt)").replace("%1", format_vnd(self.context.fee_due)))
            self.fee.setChecked(True)
            self.form.addRow("", self.fee)
        self.authorisation_note = QLabel(self.tr("Người nhận không phải chủ hồ sơ: kiểm tra và quét giấy ủy quyền."),
                                         objectName="returnAuthorisationNote", wordWrap=True)
        self.layout_.addWidget(self.authorisation_note)
        self.add_capture()
        self.receiver_id.textChanged.connect(self._update_authorisation)
        self._update_authorisation()
        self.receiver.setFocus()

    def _update_authorisation(self) -> None:
        applicant_id = self.context.view.summary.id_number
        typed = self.receiver_id.text().replace(" ", "")
        other = not applicant_id or (bool(typed) and typed != applicant_id)
        self.authorisation_note.setVisible(bool(applicant_id) and other)
        self.capture.setVisible(other)
        self.pages_required = bool(applicant_id)

    def job(self) -> Callable[[], Any]:
        name, id_number = nfc(self.receiver.text()), nfc(self.receiver_id.text())
        if not name or not id_number:
            raise InputProblem(self.tr("Hãy nhập họ tên và số định danh của người nhận kết quả."))
        spooled = self.spooled_pages() if not self.capture.isHidden() else []
        collect = self.fee.isChecked()
        desk, who, code = self.context.desk, self.context.who, self.context.code
        return lambda: lifecycle.return_result(
            desk, who, code, receiver_name=name, receiver_id_number=id_number,
            authorisation_pages=store_spooled_pages(desk, spooled) if spooled else None, collect_fee=collect)


DIALOGS: dict[str, type[ActionDialog]] = {
    "forward": ForwardDialog,
    "supplement": SupplementDialog,
    "resume": ResumeDialog,
    "apologize": ApologyDialog,
    "stop": StopDialog,
    "withdraw": WithdrawDialog,
    "result": ResultDialog,
    "return": ReturnDialog,
}

#: the form shown after each action (None: none)
FORM_AFTER: dict[str, str | None] = {
    "forward": None,
    "supplement": "supplement",
    "resume": "receipt",
    "apologize": "apology",
    "stop": "stop",
    "withdraw": "withdrawal",
    "result": None,
    "return": "return-slip",
}

