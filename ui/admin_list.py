"""What the administrator's list screens share (accounts F12, postal laptops Shift+F12).

A titled table that keeps the focus, ↑/↓ to choose a row, Ctrl+letter shortcuts acting only inside the
screen, a status line saying what the last change did, and small form dialogs (Enter saves after the
dialog's own checks, Esc cancels) that give the focus back to the list when they close. Loading and every
change run on the database lane through :func:`ui.operations.run_op`; the subclass says what to load,
how a row reads and which key names a row.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from ui.operations import run_op
from ui.shortcuts import add_shortcut


class InputProblem(DeskError):
    """What the administrator typed does not make sense (shown in the dialog, nothing is saved)."""


class FormDialog(QDialog):
    """A small form; Enter saves (after checking what can be checked here), Esc cancels."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.problem = QLabel("", self, objectName="userDialogProblem")
        self.problem.setStyleSheet("color: #b91c1c")
        self.problem.setWordWrap(True)
        self.layout_.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(QCoreApplication.translate("FormDialog", "Lưu (Enter)"))
        buttons.button(QDialogButtonBox.Cancel).setText(QCoreApplication.translate("FormDialog", "Huỷ (Esc)"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)

    def check(self) -> None:  # raises InputProblem
        pass

    def _accept(self) -> None:
        try:
            self.check()
        except InputProblem as exc:
            self.problem.setText(str(exc))
            return
        self.accept()


class AdminList(QWidget):
    """The list screen; subclasses give :meth:`fetch`, :meth:`cells` and :meth:`key`."""

    changed = Signal(object)      # the view of the row after a change
    loaded = Signal(list)

    def __init__(self, desk, tasks, user, *, title: str, hint: str, columns: list[str],  # noqa: ANN001
                 widths: tuple[int, ...], names: tuple[str, str, str],
                 shortcuts: tuple[tuple[str, str], ...], parent: QWidget | None = None) -> None:
        """*names*: object names of the screen, its table and its status line (tests and styles find them);
        *shortcuts*: (keys, name of the method they call)."""
        super().__init__(parent)
        screen_name, table_name, status_name = names
        self.setObjectName(screen_name)
        self.desk, self.tasks, self.user = desk, tasks, user
        self.rows: list = []
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(title, self)
        heading.setStyleSheet("font-weight: bold; font-size: 14pt")
        layout.addWidget(heading)
        layout.addWidget(QLabel(hint, self))
        self.table = QTableWidget(0, len(columns), self, objectName=table_name)
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.status = QLabel("", self, objectName=status_name)
        self.status.setTextFormat(Qt.PlainText)
        layout.addWidget(self.status)
        for keys, method in shortcuts:
            add_shortcut(QKeySequence(keys), self, getattr(self, method), context=Qt.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.table)
        self._title = title
        self.reload()

    # What a subclass says -------------------------------------------------------------------------

    def fetch(self) -> list:
        """The rows, read on the database lane (permission-checked and audited by the service)."""
        raise NotImplementedError

    def cells(self, row) -> tuple[str, ...]:  # noqa: ANN001
        raise NotImplementedError

    def key(self, row) -> str:  # noqa: ANN001
        """What names a row across reloads (the selection follows it)."""
        raise NotImplementedError

    # The list ---------------------------------------------------------------------------------------

    def focus_start(self) -> None:
        self.table.setFocus()

    def reload(self, select: str | None = None) -> None:
        run_op(self, self.tasks, self.fetch, lambda rows: self._show(rows, select), title=self._title)

    def _show(self, rows: list, select: str | None) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, text in enumerate(self.cells(row)):
                self.table.setItem(number, column, QTableWidgetItem(text))
        keys = [self.key(row) for row in rows]
        if rows:
            self.table.setCurrentCell(keys.index(select) if select in keys else 0, 0)
        self.loaded.emit(rows)

    def current(self):  # noqa: ANN201
        number = self.table.currentRow()
        return self.rows[number] if 0 <= number < len(self.rows) else None

    # Changes ----------------------------------------------------------------------------------------

    def open_dialog(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _r: self._back_to_list())
        dialog.open()
        dialog.activateWindow()

    def change(self, work: Callable[[], object], message: Callable[[object], str], title: str) -> None:
        """Run one change on the database lane; then say what it did, reload and select its row."""
        run_op(self, self.tasks, work, lambda view: self._done(view, message(view)), title=title)

    def _back_to_list(self) -> None:
        self.window().activateWindow()
        self.table.setFocus()

    def _done(self, view, message: str) -> None:  # noqa: ANN001
        self.status.setText(message)
        self.changed.emit(view)
        self.reload(select=self.key(view))
        self._back_to_list()
