"""Printing form PDFs from the GUI: Qt print preview, the Qt print dialog, and direct CUPS printing.

* :func:`paint_pdf` draws every page of a PDF onto a QPrinter (page size and orientation taken from
  the PDF, so an A5 receipt stays A5 and the A4-landscape book stays landscape);
* :class:`FormPrinting` — the three ways to print, all off the UI thread where Qt allows it:
  ``preview()`` (QPrintPreviewDialog: painting happens when the dialog asks), ``print_with_dialog()``
  (QPrintDialog, then painting in the work lane — QPainter on a QPrinter is allowed in a worker
  thread), and ``print_direct()`` (the headless :mod:`desk_app.printing` module, job followed until
  completed, in the work lane). Results come back as the ``printed`` / ``failed`` signals.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QToolBar, QToolButton

from desk_app.printing import CupsPrinter, PrintError, media_for_pdf
from ui.shortcuts import add_shortcut
from ui.tasks import TaskRunner

__all__ = ["FormPrinting", "configure_printer", "paint_pdf"]

_PAGE_SIZES = {"A5": QPageSize.PageSizeId.A5, "A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3}


def configure_printer(printer: QPrinter, pdf_path: Path) -> None:
    """Set the printer's paper and orientation from the PDF's first page (media set per job)."""
    media, landscape = media_for_pdf(Path(pdf_path))
    size_id = _PAGE_SIZES.get(media)
    if size_id is not None:
        printer.setPageSize(QPageSize(size_id))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF already has its margins
    printer.setDocName(Path(pdf_path).stem)


def paint_pdf(pdf_path: Path, printer: QPrinter, dpi: int = 300) -> int:
    """Render each PDF page and paint it on *printer*; returns the number of pages painted.

    Safe in a worker thread: it uses its own QPdfDocument and QPainter.
    """
    document = QPdfDocument()
    document.load(str(pdf_path))
    if document.status() != QPdfDocument.Status.Ready:
        raise PrintError(f"Không mở được tệp PDF để in: {pdf_path}")
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("Không bắt đầu in được (máy in không sẵn sàng).")
    try:
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points: QSizeF = document.pagePointSize(index)
            image = document.render(index, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
            target = painter.viewport()
            painter.setWindow(0, 0, image.width(), image.height())
            painter.setViewport(target)
            painter.drawImage(0, 0, image)
        return document.pageCount()
    finally:
        painter.end()
        document.close()


class FormPrinting(QObject):
    """Print one PDF (a form) from a widget; results via ``printed(message)`` / ``failed(message)``."""

    printed = Signal(str)
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, cups: CupsPrinter | None = None, queue: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.cups = cups or CupsPrinter()
        self.queue = queue
        self.preview_dialog: QPrintPreviewDialog | None = None
        self._printer: QPrinter | None = None

    # -- preview ---------------------------------------------------------------------------------------
    def preview(self, pdf_path: Path, parent_widget=None) -> QPrintPreviewDialog:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, pdf_path)
        dialog = QPrintPreviewDialog(printer, parent_widget)
        dialog.setWindowTitle(self.tr("Xem trước bản in"))
        dialog.paintRequested.connect(lambda p: paint_pdf(Path(pdf_path), p, dpi=150))
        self._printer = printer  # the dialog does not own it
        self.preview_dialog = dialog
        self._labelled_print_action(dialog, Path(pdf_path))
        QDialog.open(dialog)  # QPrintPreviewDialog.open() is the (receiver, member) overload in PySide6
        return dialog

    def _labelled_print_action(self, dialog: QPrintPreviewDialog, pdf_path: Path) -> None:
        """Printing from the preview: a text button «In… (Ctrl+P)» with the focus, Ctrl+P, and the toolbar's
        unlabelled printer icon given a label — all three open the print dialog (painting off the UI thread)."""
        def print_it() -> None:
            self.print_with_dialog(pdf_path, dialog)

        label = self.tr("In… (Ctrl+P)")
        toolbar = dialog.findChild(QToolBar)
        names = {QCoreApplication.translate("QPrintPreviewDialog", "Print"), "Print"}
        action = next((a for a in toolbar.actions() if a.text() in names), None) if toolbar is not None else None
        if action is not None:
            action.triggered.disconnect()   # Qt's own handler prints on the UI thread
            action.triggered.connect(print_it)
            action.setText(label)
            action.setToolTip(label)
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        buttons = QDialogButtonBox(dialog)
        buttons.setObjectName("previewButtons")
        print_button = QPushButton(label, objectName="previewPrint")
        buttons.addButton(print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Đóng (Esc)"))
        buttons.rejected.connect(dialog.reject)
        print_button.clicked.connect(print_it)
        if dialog.layout() is not None:
            dialog.layout().addWidget(buttons)
        add_shortcut(QKeySequence(QKeySequence.StandardKey.Print), dialog, print_it)
        print_button.setDefault(True)
        print_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.preview_print_button = print_button

    # -- print dialog ----------------------------------------------------------------------------------
    def print_with_dialog(self, pdf_path: Path, parent_widget=None) -> QPrintDialog:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, pdf_path)
        if self.queue:
            printer.setPrinterName(self.queue)
        dialog = QPrintDialog(printer, parent_widget)
        dialog.setWindowTitle(self.tr("In biểu mẫu"))
        self._printer = printer

        def accepted() -> None:
            self.tasks.run_work(lambda: paint_pdf(Path(pdf_path), printer),
                                lambda pages: self.printed.emit(self.tr("Đã gửi %1 trang tới máy in.")
                                                                .replace("%1", str(pages))),
                                lambda exc: self.failed.emit(str(exc)))

        # accepted(QPrinter*) is the overload PySide6 connects to: take (and ignore) the printer.
        dialog.accepted.connect(lambda *_printer: accepted())
        QDialog.open(dialog)  # QPrintDialog.open() is the (receiver, member) overload: TypeError without args
        return dialog

    # -- direct ----------------------------------------------------------------------------------------
    def print_direct(self, pdf_path: Path, title: str, timeout: float = 120.0) -> None:
        """Straight to the configured (or default) CUPS queue; waits for the job in the work lane."""
        cups, queue = self.cups, self.queue

        def work() -> str:
            job = cups.print_and_wait(Path(pdf_path), title=title, printer=queue, timeout=timeout)
            return f"{job.printer}:{job.job_id}:{job.media}"

        def done(result: str) -> None:
            printer, job_id, media = result.rsplit(":", 2)
            self.printed.emit(self.tr("Đã in xong trên «%1» (lệnh in %2, khổ %3).")
                              .replace("%1", printer).replace("%2", job_id).replace("%3", media))

        self.tasks.run_work(work, done, lambda exc: self.failed.emit(str(exc)))
