"""Pages and components on the counter screen: the glue between the procedure, the page list and the fee.

* The chosen procedure's components are numbered in «Thành phần hồ sơ» ("1. Tờ khai …"): the digit the
  clerk presses on the page list (``ui/scan_panel.py``) to say which paper a page is.
* Each component line says how many pages it has, or that it has none yet (required papers in colour);
  a component that receives a page is ticked as brought.
* «Số trang bản chính» follows the pages (``page_components.fee_pages``) until the clerk types a value.
* The first scanned page whose title names a declaration ("TỜ KHAI ĐĂNG KÝ KHAI SINH") suggests the
  procedure: offered on Alt+0 in the picker, never chosen by itself.

All of it is computation on the UI thread over short texts (no files, no database).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from desk_app.catalog.procedures import PaperKind
from desk_app.clock import now_local
from desk_app.services.page_components import (
    ComponentSlot,
    component_page_counts,
    fee_pages,
    slots_for,
    suggest_procedures,
)

_MISSING = QColor("#a33b00")
SUGGEST_FROM_PAGES = 3   # the declaration is one of the first sheets handed over


def _form_title(code: str) -> str | None:
    try:
        from desk_app.services.eform_prefill import schema_for

        schema = schema_for(code)
    except Exception:  # noqa: BLE001 - a broken schema must not break the counter
        return None
    return schema.title if schema is not None else None


class CounterPages(QObject):
    def __init__(self, panel) -> None:  # noqa: ANN001 - ui.reception_panel.ReceptionPanel
        super().__init__(panel)
        self.panel = panel
        self.slots: list[ComponentSlot] = []
        self._fee_manual = False
        self._setting_fee = False
        scan = panel.scan_panel
        scan.install_capture_shortcuts(panel)   # F8 / Insert from anywhere on the counter screen
        panel.picker.attach(panel.tasks, panel.user, scope=panel, events=panel.events)
        panel.picker.procedureChosen.connect(self.procedure_changed)
        scan.assignmentsChanged.connect(self.refresh)
        scan.pagesChanged.connect(self.refresh)
        scan.pageTextRead.connect(lambda *_: self.suggest())
        panel.fee_pages.valueChanged.connect(self._fee_edited)
        self.procedure_changed(panel.procedure)

    # -- procedure ---------------------------------------------------------------------------
    def procedure_changed(self, procedure) -> None:  # noqa: ANN001
        self.slots = slots_for(procedure, _form_title(procedure.code) if procedure is not None else None)
        self.panel.scan_panel.set_components(self.slots)
        self.refresh()

    # -- the components list and the fee pages ----------------------------------------------------
    def refresh(self) -> None:
        panel, scan = self.panel, self.panel.scan_panel
        pages = scan.page_infos()
        assignments = scan.page_assignments()
        counts = component_page_counts(self.slots, pages, assignments)
        by_code = {slot.code: slot for slot in self.slots}
        for row in range(panel.components.count()):
            item = panel.components.item(row)
            component = item.data(Qt.UserRole)
            slot = by_code.get(getattr(component, "code", None))
            if slot is None:
                continue
            count = counts.get(slot.code, 0)
            if component.paper_kind is PaperKind.XUAT_TRINH or component.shown_only:
                state = self.tr("xuất trình, không số hóa") if not count else \
                    self.tr("%1 trang").replace("%1", str(count))
            elif count:
                state = self.tr("%1 trang").replace("%1", str(count))
            else:
                state = self.tr("chưa có trang")
            item.setText(f"{slot.number}. {component.name} — {state}")
            missing = not count and component.required and component.paper_kind is not PaperKind.XUAT_TRINH \
                and not component.shown_only
            item.setForeground(QBrush(_MISSING) if missing else QBrush())
            if count and item.checkState() != Qt.Checked:
                item.setCheckState(Qt.Checked)   # a page of it is here: the paper was brought
        if not pages:
            self._fee_manual = False   # the next citizen: the fee pages follow the pages again
            panel.picker.set_suggestion(None)
        if not self._fee_manual:
            self._set_fee(fee_pages(self.slots, pages, assignments) if pages else 1)

    def _set_fee(self, value: int) -> None:
        spin = self.panel.fee_pages
        if spin.value() != value:
            self._setting_fee = True
            try:
                spin.setValue(value)
            finally:
                self._setting_fee = False

    def _fee_edited(self, _value: int) -> None:
        if not self._setting_fee and self.panel.scan_panel.pages():
            self._fee_manual = True   # the clerk typed the count: it is theirs from now on

    # -- the procedure from the declaration's title ------------------------------------------------
    def suggest(self) -> None:
        """The declaration is among the first sheets: only the first pages with text are looked at."""
        panel, scan = self.panel, self.panel.scan_panel
        today = now_local().date()
        looked = 0
        for page in scan.page_infos():
            if looked >= SUGGEST_FROM_PAGES:
                return
            if page.text is None:
                return   # an earlier page is still being read: it decides first
            if page.blank or not page.text.strip():
                continue
            looked += 1
            found = suggest_procedures(panel.desk.catalog, today, page.text, limit=1)
            if found:
                procedure = found[0]
                if panel.picker.suggestion() is not procedure:
                    panel.picker.set_suggestion(procedure)
                    if panel.picker.current() is None or panel.picker.current().code != procedure.code:
                        panel.status_label.setText(
                            self.tr("Tờ khai đã quét là «%1»: nhấn Alt+0 để chọn thủ tục này.")
                            .replace("%1", procedure.name))
                return


def wire_counter_pages(panel) -> CounterPages:  # noqa: ANN001
    """Called once by the reception panel after it is built."""
    return CounterPages(panel)
