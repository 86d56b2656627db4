"""Shows a form PDF (the receipt first) right after acceptance, inside the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout


class ReceiptPreview(QDialog):
    def __init__(self, pdf_path: Path, dossier_code: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setWindowTitle(self.tr("Giấy tiếp nhận hồ sơ %1").replace("%1", dossier_code))
        self.pdf_path = Path(pdf_path)
        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("Đóng (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Tệp: %1").replace("%1", str(self.pdf_path)), textInteractionFlags=Qt.TextSelectableByMouse))
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(620, 820)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()
