"""The supervisor's day (F2 for the supervisor role): reconcile a day, explain each problem, count the cash,
close the day (signed report shown in the preview), reopen with a reason. Keyboard first:

- the date field has the focus; Enter (or F5) reconciles the chosen day;
- ↑/↓ in the report; Enter (or E) on a problem opens «Giải trình», Enter saves it;
- Ctrl+M cash count per denomination (Tab between notes, Enter saves);
- Ctrl+K closes the day (every problem explained) and shows the signed report; Esc closes the preview;
- Ctrl+Shift+R reopens a closed day with a written reason;
- Ctrl+I the QĐ 766 indicators of a period (ui/supervisor_indicators.py);
- Ctrl+B the tracking book (Sổ theo dõi hồ sơ) of a day or a period, in the preview (print, PDF kept);
- Ctrl+Shift+Y the year-end close of the tracking book (the year typed, last year by default; the signed
  book with its closing line is shown in the preview).

Every core call goes through :func:`ui.operations.run_op` (the database lane); the UI thread never waits.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import now_local
from desk_app.services.reconciliation import DENOMINATIONS, METHOD_LABELS, SECTION_LABELS, SECTIONS
from ui.shortcuts import add_shortcut
from ui.operations import run_op

PROBLEM_ROLE = Qt.UserRole + 1


def _vnd(amount: int | None) -> str:
    return "—" if amount is None else f"{amount:,}".replace(",", ".") + " đ"


class TextDialog(QDialog):
    """One line of text (an explanation, a reason); Enter saves, Esc cancels."""

    def __init__(self, title: str, prompt: str, context: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorTextDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        if context:
            shown = QLabel(context, self)
            shown.setTextFormat(Qt.PlainText)
            shown.setWordWrap(True)
            layout.addWidget(shown)
        layout.addWidget(QLabel(prompt, self))
        self.edit = QLineEdit(self, objectName="supervisorText")
        self.edit.setMinimumWidth(480)
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Lưu (Enter)"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Huỷ (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def text(self) -> str:
        return self.edit.text().strip()


class CashDialog(QDialog):
    """The cash counted, per denomination: Tab between notes, the total follows, Enter saves."""

    def __init__(self, expected: int, counts: dict[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cashDialog")
        self.setWindowTitle(self.tr("Kiểm đếm tiền mặt"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Đã xác nhận thu bằng tiền mặt: %1").replace("%1", _vnd(expected)), self))
        form = QFormLayout()
        self.spins: dict[int, QSpinBox] = {}
        for value in DENOMINATIONS:
            spin = QSpinBox(self, objectName=f"cash{value}")
            spin.setRange(0, 100000)
            spin.setValue(counts.get(value, 0))
            spin.valueChanged.connect(self._update)
            form.addRow(f"{value:,}".replace(",", ".") + " đ", spin)
            self.spins[value] = spin
        layout.addLayout(form)
        self.total_label = QLabel(self, objectName="cashTotal")
        layout.addWidget(self.total_label)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Lưu (Enter)"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Huỷ (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update()
        self.spins[DENOMINATIONS[0]].setFocus()
        self.spins[DENOMINATIONS[0]].selectAll()

    def counts(self) -> dict[int, int]:
        return {v: s.value() for v, s in self.spins.items() if s.value()}

    def _update(self) -> None:
        total = sum(v * n for v, n in self.counts().items())
        self.total_label.setText(self.tr("Tổng kiểm đếm: %1").replace("%1", _vnd(total)))


class PeriodDialog(QDialog):
    """A period (from, to): Tab between the dates, Enter confirms, Esc cancels."""

    def __init__(self, title: str, start: date, end: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodDialog")
        self.setWindowTitle(title)
        layout = QFormLayout(self)
        self.start_edit = QDateEdit(QDate(start.year, start.month, start.day), self, objectName="periodFrom")
        self.end_edit = QDateEdit(QDate(end.year, end.month, end.day), self, objectName="periodTo")
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
        layout.addRow(self.tr("Từ ngày"), self.start_edit)
        layout.addRow(self.tr("đến ngày"), self.end_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Xem sổ (Enter)"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Huỷ (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.start_edit.setFocus()

    def period(self) -> tuple[date, date]:
        return self.start_edit.date().toPython(), self.end_edit.date().toPython()


class SupervisorDay(QWidget):
    """Reconciliation and day close of one office day."""

    #: emitted after each report is shown (tests and the main window follow it)
    reportShown = Signal(object)
    dayClosed = Signal(object)

    def __init__(self, desk, tasks, user, events=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("supervisorDay")
        self.desk, self.tasks, self.user, self.events = desk, tasks, user, events
        self.report = None
        self.dialog: QDialog | None = None
        self.preview = None
        self.open_days: list[date] = []
        self.indicators_dialog = None

        layout = QVBoxLayout(self)
        self.open_days_label = QLabel(self, objectName="openDays")
        self.open_days_label.setWordWrap(True)
        self.open_days_label.setStyleSheet("color: #9a3412; font-weight: bold;")
        self.open_days_label.hide()
        layout.addWidget(self.open_days_label)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Ngày đối soát:"), self))
        self.date_edit = QDateEdit(self, objectName="dayEdit")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        today = now_local().date()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        row.addWidget(self.date_edit)
        self.reconcile_button = QPushButton(self.tr("Đối soát (Enter, F5)"), self, objectName="reconcile")
        self.cash_button = QPushButton(self.tr("Kiểm đếm tiền mặt (Ctrl+M)"), self, objectName="cashCount")
        self.explain_button = QPushButton(self.tr("Giải trình (E)"), self, objectName="explain")
        self.close_button = QPushButton(self.tr("Khoá sổ ngày (Ctrl+K)"), self, objectName="closeDay")
        self.reopen_button = QPushButton(self.tr("Mở lại ngày (Ctrl+Shift+R)"), self, objectName="reopenDay")
        self.indicators_button = QPushButton(self.tr("Chỉ số QĐ 766 (Ctrl+I)"), self, objectName="indicators")
        self.year_button = QPushButton(self.tr("Khóa sổ năm (Ctrl+Shift+Y)"), self, objectName="closeBookYear")
        for button in (self.reconcile_button, self.cash_button, self.explain_button, self.close_button,
                       self.reopen_button, self.indicators_button, self.year_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel(self, objectName="daySummary")
        self.summary.setTextFormat(Qt.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget(self, objectName="dayReport")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Mục / vấn đề"), self.tr("Giải trình")])
        self.tree.setColumnWidth(0, 640)
        self.tree.setWordWrap(True)
        layout.addWidget(self.tree, 1)

        self.reconcile_button.clicked.connect(self.reconcile)
        self.cash_button.clicked.connect(self.open_cash)
        self.explain_button.clicked.connect(self.explain_current)
        self.close_button.clicked.connect(self.close_day)
        self.reopen_button.clicked.connect(self.reopen_day)
        self.indicators_button.clicked.connect(self.open_indicators)
        self.year_button.clicked.connect(self.close_book_year)
        self.tree.itemActivated.connect(lambda item, _col: self.explain_current())
        for key, slot in (("F5", self.reconcile), ("Ctrl+M", self.open_cash), ("Ctrl+K", self.close_day),
                          ("Ctrl+Shift+R", self.reopen_day), ("Ctrl+I", self.open_indicators),
                          ("Ctrl+B", self.open_tracking_book), ("Ctrl+Shift+Y", self.close_book_year)):
            add_shortcut(QKeySequence(key), self, slot, context=Qt.WidgetWithChildrenShortcut)
        add_shortcut(QKeySequence("E"), self.tree, self.explain_current, context=Qt.WidgetShortcut)
        self.date_edit.installEventFilter(self)
        self._refresh_buttons()
        self.check_open_days()

    # ------------------------------------------------------------------ helpers

    def eventFilter(self, obj, event):  # noqa: ANN001, N802
        from PySide6.QtCore import QEvent

        if obj is self.date_edit and event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.reconcile()
            return True
        return super().eventFilter(obj, event)

    def _back_to_tree(self) -> None:
        """After a dialog: the window gets the keyboard back, on the report."""
        self.window().activateWindow()
        self.tree.setFocus()

    def focus_start(self) -> None:
        self.date_edit.setFocus()

    def day(self) -> date:
        return self.date_edit.date().toPython()

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def _refresh_buttons(self) -> None:
        report = self.report
        self.cash_button.setEnabled(report is not None and not report.closed)
        self.explain_button.setEnabled(report is not None and not report.closed and bool(report.problems))
        self.close_button.setEnabled(report is not None and not report.closed)
        self.reopen_button.setEnabled(report is not None and report.closed)

    def check_open_days(self) -> None:
        """Days left open before today (shown at the next start)."""
        from desk_app.services.day_close import days_left_open

        run_op(self, self.tasks, lambda: days_left_open(self.desk), self._show_open_days, show_failure=False)

    def _show_open_days(self, days: list[date]) -> None:
        self.open_days = list(days)
        if days:
            listed = ", ".join(f"{d:%d/%m/%Y}" for d in days[:10])
            self.open_days_label.setText(self.tr("Ngày chưa khoá sổ: %1").replace("%1", listed))
            self.open_days_label.show()
        else:
            self.open_days_label.hide()

    # ------------------------------------------------------------------ reconcile and show

    def reconcile(self, then_select: str | None = None) -> None:
        from desk_app.services.reconciliation import reconcile

        day = self.day()
        self.reconcile_button.setEnabled(False)
        run_op(self, self.tasks, lambda: reconcile(self.desk, self.user, day),
               lambda report: self._show(report, then_select),
               on_failure=lambda _exc: self.reconcile_button.setEnabled(True))

    def _show(self, report, then_select: str | None = None) -> None:  # noqa: ANN001
        self.report = report
        self.reconcile_button.setEnabled(True)
        state = self.tr("ĐÃ KHOÁ SỔ") if report.closed else self.tr("chưa khoá sổ")
        cash = report.cash
        self.summary.setText(
            self.tr("Ngày %1 (%2): %3 hồ sơ, %4 trang; tiền mặt đã thu %5, kiểm đếm %6; %7 vấn đề, %8 chưa giải trình.")
            .replace("%1", f"{report.day:%d/%m/%Y}").replace("%2", state).replace("%3", str(report.dossiers))
            .replace("%4", str(report.pages)).replace("%5", _vnd(cash.expected)).replace("%6", _vnd(cash.counted))
            .replace("%7", str(len(report.problems))).replace("%8", str(len(report.unexplained))))
        self.tree.clear()
        figures = {
            "dossiers": [", ".join(f"{k}: {v}" for k, v in sorted(report.by_decision.items())) or "—"],
            "sequences": [f"{r.label}: {r.first or '—'}–{r.last or '—'}, {r.used}; "
                          + (self.tr("bỏ trống: %1").replace("%1", ", ".join(map(str, r.gaps))) if r.gaps else "")
                          for r in [*report.code_runs, report.book_run]],
            "money": [f"{METHOD_LABELS.get(m, m)}: {_vnd(t.confirmed_amount)} ({t.confirmed_count}); "
                      + self.tr("biên lai %1, huỷ %2, chờ %3").replace("%1", str(len(t.numbers_issued)))
                      .replace("%2", str(len(t.numbers_cancelled))).replace("%3", str(len(t.numbers_pending)))
                      for m, t in report.methods.items()],
            "uploads": [", ".join(f"{k}: {v}" for k, v in report.uploads.items())],
        }
        select_item = None
        first_problem = None
        for section in SECTIONS:
            problems = report.section_problems(section)
            open_count = sum(1 for p in problems if not p.explained)
            top = QTreeWidgetItem([f"{SECTION_LABELS[section]} — "
                                   + self.tr("%1 vấn đề, %2 chưa giải trình").replace("%1", str(len(problems)))
                                   .replace("%2", str(open_count)), ""])
            self.tree.addTopLevelItem(top)
            for line in figures[section]:
                QTreeWidgetItem(top, [line, ""])
            for problem in problems:
                item = QTreeWidgetItem(top, [problem.message,
                                             f"{problem.explanation} — {problem.explained_by}" if problem.explained
                                             else self.tr("CHƯA GIẢI TRÌNH")])
                item.setData(0, PROBLEM_ROLE, problem.id)
                item.setToolTip(0, problem.id)
                if first_problem is None and not problem.explained:
                    first_problem = item
                if problem.id == then_select:
                    select_item = item
            top.setExpanded(True)
        target = select_item or first_problem
        if target is not None:
            self.tree.setCurrentItem(target)
        self._refresh_buttons()
        if not any(w is not None and w.isVisible() for w in (self.dialog, self.preview)):
            self._back_to_tree()
        self.reportShown.emit(report)

    # ------------------------------------------------------------------ explain

    def current_problem(self):  # noqa: ANN201
        item = self.tree.currentItem()
        problem_id = item.data(0, PROBLEM_ROLE) if item is not None else None
        if not problem_id or self.report is None:
            return None
        return self.report.problem(problem_id)

    def explain_current(self) -> None:
        problem = self.current_problem()
        if problem is None or self.report is None or self.report.closed:
            return
        dialog = TextDialog(self.tr("Giải trình"), self.tr("Lời giải trình (lưu vào biên bản đối soát):"),
                            problem.message, self)
        dialog.edit.setText(problem.explanation)
        self.dialog = dialog
        day = self.day()

        def save() -> None:
            from desk_app.services.reconciliation import explain

            text = dialog.text()
            run_op(self, self.tasks, lambda: explain(self.desk, self.user, day, problem.id, text),
                   lambda _p: self._after_explain(problem.id))

        dialog.accepted.connect(save)
        dialog.finished.connect(lambda _r: self._back_to_tree())
        dialog.open()
        dialog.edit.setFocus()

    def _after_explain(self, problem_id: str) -> None:
        self.reconcile(then_select=None)

    # ------------------------------------------------------------------ cash

    def open_cash(self) -> None:
        if self.report is None or self.report.closed:
            return
        dialog = CashDialog(self.report.cash.expected, self.report.cash.denominations, self)
        self.dialog = dialog
        day = self.day()

        def save() -> None:
            from desk_app.services.reconciliation import record_cash_count

            counts = dialog.counts()
            run_op(self, self.tasks, lambda: record_cash_count(self.desk, self.user, day, counts),
                   lambda _c: self.reconcile())

        dialog.accepted.connect(save)
        dialog.finished.connect(lambda _r: self._back_to_tree())
        dialog.open()
        dialog.spins[DENOMINATIONS[0]].setFocus()

    # ------------------------------------------------------------------ close and reopen

    def close_day(self) -> None:
        from desk_app.services.day_close import close_day

        if self.report is None or self.report.closed:
            return
        day = self.day()
        self.close_button.setEnabled(False)
        run_op(self, self.tasks, lambda: close_day(self.desk, self.user, day), self._closed,
               on_failure=lambda _exc: self._refresh_buttons())

    def _closed(self, result) -> None:  # noqa: ANN001
        from ui.receipt_preview import ReceiptPreview

        self.dayClosed.emit(result)
        preview = ReceiptPreview(result.pdf_path, f"{result.day:%d/%m/%Y}", self, tasks=self.tasks)
        preview.setWindowTitle(self.tr("Biên bản đối soát ngày %1").replace("%1", f"{result.day:%d/%m/%Y}"))
        self.preview = preview
        preview.finished.connect(lambda _r: self._back_to_tree())
        preview.open()
        self.reconcile()
        self.check_open_days()

    def reopen_day(self) -> None:
        from desk_app.services.day_close import reopen_day

        if self.report is None or not self.report.closed:
            return
        dialog = TextDialog(self.tr("Mở lại ngày đã khoá sổ"), self.tr("Lý do mở lại (ghi vào nhật ký):"),
                            parent=self)
        self.dialog = dialog
        day = self.day()

        def save() -> None:
            reason = dialog.text()
            run_op(self, self.tasks, lambda: reopen_day(self.desk, self.user, day, reason),
                   lambda _r: (self.reconcile(), self.check_open_days()))

        dialog.accepted.connect(save)
        dialog.finished.connect(lambda _r: self._back_to_tree())
        dialog.open()
        dialog.edit.setFocus()

    # ------------------------------------------------------------------ indicators

    def open_indicators(self) -> None:
        from ui.supervisor_indicators import IndicatorsDialog

        dialog = IndicatorsDialog(self.desk, self.tasks, self.user, self)
        day = self.day()
        dialog.set_period(day.replace(day=1), day)
        self.indicators_dialog = dialog
        dialog.finished.connect(lambda _r: self._back_to_tree())
        dialog.open()
        dialog.start_edit.setFocus()

    # ------------------------------------------------------------------ tracking book

    def open_tracking_book(self) -> None:
        day = self.day()
        dialog = PeriodDialog(self.tr("Sổ theo dõi hồ sơ"), day, day, self)
        self.dialog = dialog

        def show() -> None:
            from desk_app.services.forms import FormRequest, write_form

            start, end = dialog.period()
            run_op(self, self.tasks,
                   lambda: write_form(self.desk, FormRequest("tracking-book", start=start, end=end), who=self.user),
                   lambda path: self._show_book(path, start, end))

        dialog.accepted.connect(show)
        dialog.finished.connect(lambda _r: self._back_to_tree())
        dialog.open()
        dialog.activateWindow()
        dialog.start_edit.setFocus()

    def close_book_year(self) -> None:
        from desk_app.services.day_close import close_book_year

        last_year = now_local().year - 1
        dialog = TextDialog(self.tr("Khóa sổ theo dõi hồ sơ cả năm"),
                            self.tr("Năm của sổ (sau khi khóa không ghi thêm, không sửa được):"), parent=self)
        dialog.edit.setText(str(last_year))
        dialog.edit.selectAll()
        self.dialog = dialog

        def save() -> None:
            text = dialog.text()
            if not text.isdigit() or len(text) != 4:
                from ui.operations import show_message

                show_message(self, self.tr("Năm phải gồm 4 chữ số, ví dụ %1.").replace("%1", str(last_year)))
                return
            year = int(text)
            run_op(self, self.tasks, lambda: close_book_year(self.desk, self.user, year),
                   lambda result: self._show_book(result.pdf_path, date(year, 1, 1), date(year, 12, 31)))

        dialog.accepted.connect(save)
        dialog.finished.connect(lambda _r: self._back_to_tree())
        dialog.open()
        dialog.edit.setFocus()

    def _show_book(self, path, start: date, end: date) -> None:  # noqa: ANN001
        from ui.receipt_preview import ReceiptPreview

        span = f"{start:%d/%m/%Y}" + (f" – {end:%d/%m/%Y}" if end != start else "")
        preview = ReceiptPreview(path, span, self, tasks=self.tasks)
        preview.setWindowTitle(self.tr("Sổ theo dõi hồ sơ %1").replace("%1", span))
        self.preview = preview
        preview.finished.connect(lambda _r: self._back_to_tree())
        preview.open()

