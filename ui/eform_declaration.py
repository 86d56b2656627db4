"""The scanned declaration, read into the e-form while the clerk goes on.

Once the procedure is chosen and a scanned page is its declaration — the page the clerk (or the automatic
assignment) put under the declaration component, else the first page whose OCR text carries the form's
title («TỜ KHAI ĐĂNG KÝ KHAI SINH») — :func:`scanning.form_extraction.extract_fields` reads that page in a
child process (time and memory limits, as ``desk-app extract-form``) on the work lane; the result goes to
:meth:`ui.reception_panel.ReceptionPanel.use_declaration`. Values the reader is sure of fill the form;
unsure ones are yellow suggestions (docs/EFORMS.md). A page that cannot be read only leaves a line in the
status: the clerk types the values.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject

from desk_app.services.eform_prefill import extraction_inputs
from desk_app.text import fold

log = logging.getLogger(__name__)
_DECLARATION_WORDS = ("to khai", "don de nghi", "don dang ky", "phieu yeu cau", "giay de nghi")


def read_declaration(path: str | Path, procedure: str):  # noqa: ANN201 - scanning.form_extraction result
    """extract_fields on one page image, isolated in a child process (work lane; never the UI thread)."""
    from scanning.form_extraction import FormExtractionError, extract_fields
    from scanning.untrusted import run_isolated

    return run_isolated(extract_fields, str(path), procedure, label=Path(path).name, error=FormExtractionError,
                        passthrough=(FormExtractionError,))


class DeclarationReader(QObject):
    """Watches the counter's pages and procedure; reads the declaration page once per (procedure, page)."""

    def __init__(self, panel, reader=read_declaration) -> None:  # noqa: ANN001 - ui.reception_panel.ReceptionPanel
        super().__init__(panel)
        self.panel = panel
        self.reader = reader
        self._done: tuple[str, str] | None = None     # (procedure, page id) read or being read
        scan = panel.scan_panel
        scan.pageTextRead.connect(lambda *_: self.check())
        for name in ("assignmentsChanged", "pagesChanged"):
            signal = getattr(scan, name, None)
            if signal is not None:
                signal.connect(lambda *_: self.check())
        panel.picker.procedureChosen.connect(lambda *_: self.check())

    def declaration_page(self):  # noqa: ANN201 - scanning.spool.SpooledPage | None
        panel = self.panel
        schema = panel.eform.schema
        if schema is None or panel.procedure is None:
            return None
        pages = {page.page_id: page for page in panel.scan_panel.pages()}
        assignments = panel.scan_panel.page_assignments() if hasattr(panel.scan_panel, "page_assignments") else {}
        slots = getattr(getattr(panel, "counter_pages", None), "slots", []) or []
        declaration_codes = {slot.code for slot in slots if fold(slot.name).startswith(_DECLARATION_WORDS)}
        for page_id, code in assignments.items():
            if code in declaration_codes and page_id in pages and not pages[page_id].blank:
                return pages[page_id]
        title = fold(schema.title)
        for info in panel.scan_panel.page_infos():
            if info.text and not info.blank and title in fold(info.text) and info.page_id in pages:
                return pages[info.page_id]
        return None

    def check(self) -> None:
        panel = self.panel
        page = self.declaration_page()
        if page is None or panel.procedure is None:
            return
        key = (panel.procedure.code, page.page_id)
        if key == self._done:
            return
        self._done = key
        code, path, reader = panel.procedure.code, page.path, self.reader

        def done(result) -> None:  # noqa: ANN001
            if panel.procedure is None or panel.procedure.code != code or self._done != key:
                return   # the clerk moved on to another procedure or page meanwhile
            panel.use_declaration(result, code)
            read = extraction_inputs(result)
            if getattr(result, "photographed", False):
                text = self.tr("Đã đọc ảnh chụp tờ khai: %1 giá trị, tất cả là ô vàng cần đối chiếu với giấy "
                               "(ảnh chụp không đủ tin cậy để tự điền).")
            else:
                text = self.tr("Đã đọc tờ khai đã quét: %1 giá trị; ô vàng cần đối chiếu.")
            panel.status_label.setText(text.replace("%1", str(len(read))))

        def failed(exc: Exception) -> None:
            log.info("declaration not read: %s", exc)
            if self._done == key:
                panel.status_label.setText(self.tr("Không đọc được tờ khai đã quét (%1); hãy nhập các trường.")
                                           .replace("%1", str(exc)))

        panel.tasks.run_work(lambda: reader(path, code), done, failed)

    def reset(self) -> None:
        self._done = None
