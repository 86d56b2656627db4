"""The counter screen: choose the procedure, enter the applicant, add pages, decide.

Keyboard path (no mouse needed): type in «Tìm thủ tục», ↓/Enter to pick, Tab through the applicant
fields, F8 to scan (or Ctrl+O to add page files), then one of the three counter decisions (NĐ 61/2018
Đ17–18): Ctrl+Enter accept (Mẫu 01), Ctrl+Shift+B incomplete (Mẫu 02, every defect at once),
Ctrl+Shift+T refuse (Mẫu 03). The form becomes one :class:`~desk_app.services.intake.IntakeSession`
whose draft id is kept until the form is cleared, so a retry after a failure never files twice.
Filing and writing the form run in the background through :func:`ui.operations.run_op`; the panel
shows progress and stays responsive.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.catalog.procedures import Procedure
from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.eforms.id_card import from_qr
from desk_app.errors import DeskError
from desk_app.services.eform_prefill import prefill_for_applicant, schema_for
from desk_app.services.forms import FormRequest, write_form
from desk_app.services.intake import (
    ComponentEntry,
    Decision,
    IntakeOutcome,
    IntakeSession,
    calendar_warnings,
    outside_hours_text,
    store_spooled_pages,
)
from desk_app.services.intake_ocr import ArchivedPage, IntakeOcr
from desk_app.services.lifecycle import work_clock
from desk_app.services.receipts import write_receipt_for
from desk_app.services.registry import CitizenRegistry
from desk_app.storage.models import User
from desk_app.text import nfc
from scanning.spool import SpoolBatch
from ui.shortcuts import add_shortcut
from ui.capture_sources import capture_options, capture_source_factory
from ui.chip_watch import ChipCardBox
from ui.counter_dialogs import ComponentState, IncompleteDialog, OutsideHoursDialog, RefusalDialog
from ui.eform_editor import EformEditor
from ui.identity_widgets import IdentifyField
from ui.operations import DossierEvents, run_op, show_message
from ui.scan_panel import ScanPanel
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ProcedurePicker(QWidget):
    """Search box + list; diacritic-insensitive ("khai sinh" = "khai sinh", "ket hon" = "kết hôn").

    A procedure is chosen only by the clerk, visibly: typing highlights the best match (shown under the
    box), ↓/↑ move, Alt+0 takes the procedure suggested from the scanned declaration's title, Alt+1…Alt+5
    the desk's most received procedures. Nothing is chosen when the form opens or is cleared, and a
    search that matches nothing leaves no procedure (an accept then says to choose one).
    """

    procedureChosen = Signal(object)   # the chosen procedure changed (None: no procedure)
    procedureConfirmed = Signal(object)  # Enter: the clerk moves on to the applicant

    QUICK_KEYS = 5

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._chosen: Procedure | None = None
        self._suggested: Procedure | None = None
        self._frequent: list[Procedure] = []
        self._shortcuts: list[QShortcut] = []
        self._tasks = None
        self._who = None
        self.search = QLineEdit()
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(self.tr("Tìm thủ tục theo tên hoặc mã (ví dụ: khai sinh, 2.000815)"))
        self.chosen_label = QLabel(objectName="procedureChosen")
        self.chosen_label.setTextFormat(Qt.PlainText)
        self.chosen_label.setWordWrap(True)
        self.quick_label = QLabel(objectName="quickProcedures")
        self.quick_label.setTextFormat(Qt.PlainText)
        self.quick_label.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("procedureList")
        self.list.setMinimumHeight(90)
        self.list.setWordWrap(True)
        # Not a Tab stop: Qt makes the first row current when a list gets the focus, so tabbing past it
        # would choose a procedure the clerk never picked. ↓/↑ in the search box move in the list.
        self.list.setFocusPolicy(Qt.ClickFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.quick_label)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self._refilter)
        self.search.returnPressed.connect(self._choose_current)
        self.list.itemActivated.connect(lambda _item: self._choose_current())
        self.list.currentItemChanged.connect(lambda item, _prev: self._emit(item))
        self.search.installEventFilter(self)
        self.install_shortcuts(self)
        self._refilter("")
        self._show_chosen()
        self._show_quick()

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt API
        # ↓/↑ in the search box move through the list without leaving the keyboard.
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() in (Qt.Key_Down, Qt.Key_Up):
            step = 1 if event.key() == Qt.Key_Down else -1
            row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
            if self.list.count():
                self.list.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def _refilter(self, text: str) -> None:
        today = now_local().date()
        procedures = self.desk.catalog.search(text, today) if text.strip() else self.desk.catalog.active_on(today)
        self.list.blockSignals(True)   # one change signal after the refill, not one per cleared row
        self.list.clear()
        for procedure in procedures:
            item = QListWidgetItem(f"{procedure.code} — {procedure.name}")
            item.setToolTip(procedure.name)
            item.setData(Qt.UserRole, procedure)
            self.list.addItem(item)
        if text.strip() and self.list.count():
            self.list.setCurrentRow(0)  # the best match of what the clerk typed, highlighted and named below
        else:
            self.list.setCurrentRow(-1)  # nothing typed or nothing found: no procedure
        self.list.blockSignals(False)
        self._emit(self.list.currentItem())

    def _emit(self, item: QListWidgetItem | None) -> None:
        procedure = item.data(Qt.UserRole) if item is not None else None
        if procedure is self._chosen:
            return
        self._chosen = procedure
        self._show_chosen()
        self.procedureChosen.emit(procedure)

    def _show_chosen(self) -> None:
        procedure = self._chosen
        if procedure is None:
            self.chosen_label.setText(self.tr("Chưa chọn thủ tục."))
            self.chosen_label.setStyleSheet("color: #8a4b00;")
        else:
            self.chosen_label.setText(self.tr("Đã chọn: %1 — %2").replace("%1", procedure.code)
                                      .replace("%2", procedure.name))
            self.chosen_label.setStyleSheet("font-weight: bold;")

    def _choose_current(self) -> None:
        item = self.list.currentItem()
        self._emit(item)
        if item is not None:
            self.procedureConfirmed.emit(item.data(Qt.UserRole))

    def current(self) -> Procedure | None:
        return self._chosen

    # -- choosing without typing ------------------------------------------------------------------
    def choose(self, procedure: Procedure | None) -> None:
        """Choose *procedure* as if the clerk had typed its code (shown in the box and the list)."""
        if procedure is None:
            self.clear_choice()
            return
        if self.search.text() == procedure.code:
            self._refilter(procedure.code)
        else:
            self.search.setText(procedure.code)

    def clear_choice(self) -> None:
        """The next citizen: no procedure until the clerk chooses one."""
        if self.search.text():
            self.search.clear()
        else:
            self._refilter("")

    def quick_procedures(self) -> dict[int, Procedure]:
        """Alt+digit → procedure: 0 the suggestion from the declaration, 1… the most received."""
        quick = {}
        if self._suggested is not None:
            quick[0] = self._suggested
        for number, procedure in enumerate(self._frequent[:self.QUICK_KEYS], start=1):
            quick[number] = procedure
        return quick

    def choose_quick(self, number: int) -> None:
        """Alt+digit. From the search box or the list it also confirms (on to the applicant, like Enter);
        from anywhere else the focus stays where the clerk is."""
        procedure = self.quick_procedures().get(number)
        if procedure is not None:
            in_picker = self.search.hasFocus() or self.list.hasFocus()
            self.choose(procedure)
            if in_picker:
                self.procedureConfirmed.emit(procedure)

    def set_suggestion(self, procedure: Procedure | None) -> None:
        """The procedure the scanned declaration's title names (offered on Alt+0, never chosen by itself)."""
        self._suggested = procedure
        self._show_quick()

    def suggestion(self) -> Procedure | None:
        return self._suggested

    def set_frequent(self, codes: list[str]) -> None:
        today = now_local().date()
        by_code = {p.code: p for p in self.desk.catalog.active_on(today)}
        self._frequent = [by_code[c] for c in codes if c in by_code][:self.QUICK_KEYS]
        self._show_quick()

    def _show_quick(self) -> None:
        lines = []
        if self._suggested is not None:
            lines.append(self.tr("Alt+0: %1 (theo tiêu đề tờ khai đã quét)").replace("%1", self._suggested.name))
        if self._frequent:
            lines.append(" · ".join(f"Alt+{n}: {p.name}" for n, p in enumerate(self._frequent, start=1)))
        self.quick_label.setText("\n".join(lines))
        self.quick_label.setVisible(bool(lines))

    def install_shortcuts(self, scope: QWidget) -> None:
        """Alt+0…Alt+5 act while the focus is anywhere in *scope* (the counter screen)."""
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._shortcuts = []
        for number in range(self.QUICK_KEYS + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), scope)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self.choose_quick(n))
            self._shortcuts.append(shortcut)

    def attach(self, tasks: TaskRunner, who, scope: QWidget | None = None,  # noqa: ANN001 - Identity
               events: DossierEvents | None = None) -> None:
        """Load the desk's most received procedures in the background, again after each filing."""
        self._tasks, self._who = tasks, who
        if scope is not None:
            self.install_shortcuts(scope)
        if events is not None:
            events.dossiersChanged.connect(lambda *_: self.reload_frequent())
        self.reload_frequent()

    def reload_frequent(self) -> None:
        if self._tasks is None:
            return
        from desk_app.services.frequent_procedures import frequent_procedures

        desk, who, today = self.desk, self._who, now_local().date()
        self._tasks.run_db(lambda: frequent_procedures(desk, who, today, self.QUICK_KEYS), self.set_frequent,
                           lambda exc: log.info("frequent procedures not loaded: %s", exc))


class ReceptionPanel(QWidget):
    dossierAccepted = Signal(str, str)  # dossier code, receipt PDF path (the accept decision)
    dossierFiled = Signal(str, str, str)  # dossier code, form kind (receipt|supplement|refusal), PDF path

    def __init__(self, desk: Desk, tasks: TaskRunner, user: User, parent: QWidget | None = None, *,
                 events: DossierEvents | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.tasks = tasks
        self.user = user
        self.events = events if events is not None else DossierEvents(self)
        self.procedure: Procedure | None = None
        self._intake_id: str | None = None  # the draft being filed; kept until the form is cleared
        self._unprinted: IntakeOutcome | None = None  # filed, but its form could not be written yet
        self._outside_hours_reason = ""
        self._filing = False

        self.picker = ProcedurePicker(desk)
        self.picker.procedureChosen.connect(self._set_procedure)
        self.picker.procedureConfirmed.connect(lambda _p: self.identify.setFocus())

        # Identify first: a CCCD QR read by a USB reader (or a search in the citizen registry) fills the form.
        self.identify = IdentifyField()
        self.identify.setObjectName("identify")
        self.identify.cardScanned.connect(self.use_card)
        self.identify.scanProblem.connect(self._card_scan_problem)
        # A chip CCCD placed on the PC/SC reader is read in the background (ui/chip_watch.py).
        self.chip_card = ChipCardBox(desk, tasks, user)
        self.chip_card.cardRead.connect(self.use_chip_card)
        self.identify.codeScanned.connect(self.chip_card.use_scanned_text)   # an MRZ reader's lines
        self.identify.searchRequested.connect(self.look_up_citizen)
        self.registry = CitizenRegistry(desk.sessions, user)
        self.applicant_name = QLineEdit(objectName="applicantName")
        self.id_number = QLineEdit(objectName="idNumber")
        self.id_number.setMaxLength(12)
        self.address = QLineEdit(objectName="address")
        self.phone = QLineEdit(objectName="phone")
        self.email = QLineEdit(objectName="email")
        self.submitter = QLineEdit(objectName="submitter")
        self.submitter.setPlaceholderText(self.tr("Để trống nếu chủ hồ sơ tự nộp"))
        # Where the citizen receives the result (Mẫu 01 «Nhận kết quả tại»; docs/POSTAL.md).
        self.result_by_post = QCheckBox(self.tr("Nhận kết quả qua bưu chính công ích"), objectName="resultByPost")
        self.delivery_address = QLineEdit(objectName="deliveryAddress")
        self.delivery_address.setPlaceholderText(self.tr("Địa chỉ nhận kết quả qua bưu chính"))
        self.delivery_address.setEnabled(False)
        self.result_by_post.toggled.connect(self._result_by_post_toggled)
        applicant_box = QGroupBox(self.tr("Người nộp hồ sơ"))
        form = QFormLayout(applicant_box)
        form.addRow(self.tr("Nhận diện công dân:"), self.identify)
        form.addRow(self.tr("Chip CCCD:"), self.chip_card)
        form.addRow(self.tr("Họ và tên chủ hồ sơ (*):"), self.applicant_name)
        form.addRow(self.tr("Số định danh cá nhân:"), self.id_number)
        form.addRow(self.tr("Địa chỉ:"), self.address)
        form.addRow(self.tr("Số điện thoại:"), self.phone)
        form.addRow(self.tr("Email:"), self.email)
        form.addRow(self.tr("Người nộp thay:"), self.submitter)
        form.addRow(self.result_by_post)
        form.addRow(self.tr("Địa chỉ nhận kết quả:"), self.delivery_address)

        # The procedure's whole e-form, pre-filled and edited in place (ui/eform_editor.py, docs/EFORMS.md).
        self.eform = EformEditor()
        self.eform.setObjectName("eform")
        self.eform.refreshWanted.connect(lambda: self.refresh_eform())  # an ID or relationship typed: fill again
        self.eform_box = QGroupBox(self.tr("Tờ khai điện tử (điền sẵn — ô vàng cần xác nhận)"))
        QVBoxLayout(self.eform_box).addWidget(self.eform)
        self.eform_box.hide()
        self._card = None          # the ID card read at the desk (CardReading), if any
        self._prefill = None       # the last pre-fill result for the chosen procedure
        self._declaration = None   # what the form extraction read on the scanned declaration, if any
        self.components = QListWidget(objectName="components")
        self.components.setWordWrap(True)
        self.fee_pages = QSpinBox(objectName="feePages")
        self.fee_pages.setRange(1, 10000)
        self.fee_copies = QSpinBox(objectName="feeCopies")
        self.fee_copies.setRange(1, 1000)
        components_box = QGroupBox(self.tr("Thành phần hồ sơ"))
        components_layout = QVBoxLayout(components_box)
        components_layout.addWidget(self.components)
        fee_row = QHBoxLayout()
        fee_row.addWidget(QLabel(self.tr("Số trang bản chính:")))
        fee_row.addWidget(self.fee_pages)
        fee_row.addWidget(QLabel(self.tr("Số bản sao:")))
        fee_row.addWidget(self.fee_copies)
        components_layout.addLayout(fee_row)
        # E-form fields that follow these counts (chứng thực: «Số trang của bản chính») are filled again
        # once the counts settle: pages arrive one by one, so the refresh waits for a pause.
        self._counts_timer = QTimer(self, singleShot=True, interval=400)
        self._counts_timer.timeout.connect(self._counts_changed)
        self.fee_pages.valueChanged.connect(lambda *_: self._counts_timer.start())
        self.fee_copies.valueChanged.connect(lambda *_: self._counts_timer.start())

        # Pages are cleaned up and read while the clerk goes on; the panel shows each page's status.
        self.ocr = IntakeOcr(desk)
        self.destroyed.connect(lambda *_: self.ocr.close())
        self.scan_panel = ScanPanel(desk.spool, tasks, source_factory=capture_source_factory(desk.settings),
                                    options=capture_options(desk.settings), ocr_status_provider=self.ocr.submit)
        self.scan_panel.setObjectName("scanPanel")
        self.progress = QProgressBar(objectName="progress")
        self.progress.setRange(0, 0)  # busy indicator
        self.progress.hide()
        pages_box = QGroupBox(self.tr("Trang đã số hóa (F8 quét, Ctrl+O thêm từ tệp)"))
        pages_layout = QVBoxLayout(pages_box)
        pages_layout.addWidget(self.scan_panel, 1)
        pages_layout.addWidget(self.progress)

        self.due_label = QLabel(objectName="dueLabel")
        self.due_label.setWordWrap(True)
        self.due_label.setTextFormat(Qt.PlainText)  # never HTML: names come from citizens and QR codes
        self.incomplete_button = QPushButton(self.tr("Yêu cầu bổ sung (Ctrl+Shift+B)"), objectName="incompleteButton")
        self.incomplete_button.clicked.connect(self.request_supplement)
        self.refuse_button = QPushButton(self.tr("Từ chối (Ctrl+Shift+T)"), objectName="refuseButton")
        self.refuse_button.clicked.connect(self.refuse_dossier)
        self.accept_button = QPushButton(self.tr("Tiếp nhận hồ sơ (Ctrl+Enter)"), objectName="acceptButton")
        self.accept_button.clicked.connect(self.accept_dossier)
        self.status_label = QLabel(objectName="statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.PlainText)

        # Left: who and what (procedure, applicant, e-form). Right: the paper (components, scanned pages),
        # where the scanned pages get most of the room.
        self.picker.list.setMaximumHeight(130)
        self.components.setMaximumHeight(130)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Thủ tục hành chính:")))
        left.addWidget(self.picker)
        left.addWidget(applicant_box)
        left.addWidget(self.eform_box, 1)
        left.addStretch(0)
        right = QVBoxLayout()
        right.addWidget(components_box)
        right.addWidget(pages_box, 1)
        # At 1280×720 the left column is taller than the window: it scrolls (Tab scrolls to the field),
        # the decision buttons below stay in view; the splitter is remembered with the window (ui/geometry.py).
        left_widget = QWidget(objectName="receptionLeft")
        left_widget.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        left_scroll = QScrollArea(objectName="receptionLeftScroll", widgetResizable=True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # Tab goes to the fields, not to the scroll area
        left_scroll.setWidget(left_widget)
        right_widget = QWidget(objectName="receptionRight")
        right_widget.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)
        self.columns = QSplitter(Qt.Orientation.Horizontal, objectName="receptionColumns")
        self.columns.addWidget(left_scroll)
        self.columns.addWidget(right_widget)
        self.columns.setChildrenCollapsible(False)
        self.columns.setStretchFactor(0, 1)
        self.columns.setStretchFactor(1, 1)
        self.columns.setSizes([580, 420])   # who and the e-form get the wider side (until the clerk drags it)
        # Scrolled to (Tab does it), the e-form shows several fields at once, not a sliver.
        self.eform_box.setMinimumHeight(300)
        columns = QHBoxLayout()
        columns.addWidget(self.columns)
        bottom = QHBoxLayout()
        bottom.addWidget(self.due_label, 1)
        bottom.addWidget(self.incomplete_button)
        bottom.addWidget(self.refuse_button)
        bottom.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(bottom)

        add_shortcut(QKeySequence("Ctrl+O"), self, lambda: self.scan_panel.insert_from_files())
        # The counter decisions act only while the focus is in this panel.
        for keys, slot in (("Ctrl+Return", self.accept_dossier), ("Ctrl+Enter", self.accept_dossier),
                           ("Ctrl+Shift+B", self.request_supplement), ("Ctrl+Shift+T", self.refuse_dossier)):
            # (setContext: PySide ignores a ``context=`` keyword, which made these window-wide.)
            add_shortcut(QKeySequence(keys), self, slot).setContext(Qt.WidgetWithChildrenShortcut)
        # The due label says when the clock starts (cut-off, out of hours): it follows the time of day.
        self.due_timer = QTimer(self, interval=30_000)
        self.due_timer.timeout.connect(self.update_due_label)
        self.due_timer.start()
        self._set_procedure(self.picker.current())
        from ui.counter_pages import wire_counter_pages  # pages ↔ components ↔ fee pages, Alt+0…5, F8 here

        self.counter_pages = wire_counter_pages(self)
        from ui.eform_declaration import DeclarationReader  # the scanned declaration read into the e-form

        self.declaration_reader = DeclarationReader(self)

    # -- procedure ---------------------------------------------------------------------------
    def _set_procedure(self, procedure: Procedure | None) -> None:
        self.procedure = procedure
        self.components.clear()
        if procedure is None:
            self.due_label.clear()
            return
        for component in procedure.components:
            item = QListWidgetItem(component.name)
            item.setToolTip(component.name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if component.required else Qt.Unchecked)
            item.setData(Qt.UserRole, component)
            self.components.addItem(item)
        self.update_due_label()
        self.refresh_eform()

    def update_due_label(self) -> None:
        """The time limit, the expected due date and, before filing, when the clock starts.

        After the procedure's cut-off (15:00) or outside office hours the clerk sees here, before
        accepting, that the time limit is counted from the next working moment. Only the calendar and
        catalog in memory are read.
        """
        procedure = self.procedure
        if procedure is None:
            self.due_label.clear()
            return
        now = now_local()
        text = self.tr("Thời hạn giải quyết: %1").replace("%1", procedure.time_limit.describe_vi())
        try:
            due = work_clock(self.desk).due(now, procedure.time_limit, procedure.cutoff)
            text += self.tr(" — hẹn trả dự kiến %1").replace("%1", due.strftime("%H:%M %d/%m/%Y"))
        except Exception:  # noqa: BLE001 - a calendar gap must not break the form; the filing reports it
            pass
        try:
            calendar = set(calendar_warnings(self.desk, now))
            notices = [n for n in IntakeSession(procedure_code=procedure.code).notices(self.desk, now)
                       if n not in calendar]
        except DeskError as exc:
            notices = [str(exc)]
        if notices:
            text += "\n" + "\n".join(notices)
        self.due_label.setText(text)
        self.due_label.setStyleSheet("color: #8a4b00; font-weight: bold;" if notices else "")

    # -- citizen identity ------------------------------------------------------------------------
    def use_card(self, card) -> None:  # noqa: ANN001 - scanning.id_card.qr_text.CardQrData
        """Fill the applicant from the ID card's QR; what the clerk already typed is never overwritten."""
        self._fill_applicant(card.full_name, card.id_number, card.place_of_residence or "")
        reliable = getattr(card, "reliable", True)
        # A keyboard-reader text that failed the payload checks is only a suggestion: low confidence
        # in the e-form (to be confirmed) and never recorded in the citizen registry.
        self._card = from_qr(card, source="qr" if reliable else "keyboard")
        self.refresh_eform()
        if reliable:
            self.chip_card.remember_card(self._card)   # the QR's dates open the chip placed next
        if reliable:
            registry = self.registry
            # The registry audits the card read itself (citizen.card_read, by registry row).
            run_op(self, self.tasks, lambda: registry.upsert_from_card(card))
            self.status_label.setText(self.tr("Đã đọc thẻ căn cước %1.").replace("%1", card.id_number))

    def use_chip_card(self, reading) -> None:  # noqa: ANN001 - desk_app.services.chip_reading.ChipCardReading
        """Fill the applicant and the e-form from the chip (the read already recorded and audited it)."""
        self._fill_applicant(reading.full_name, reading.id_number, reading.place_of_residence or "")
        self._card = reading
        self.refresh_eform()
        self.status_label.setText(self.tr("Đã đọc chip CCCD %1.").replace("%1", reading.id_number))

    def _card_scan_problem(self, text: str) -> None:
        """A card burst cut short or not trustworthy: say so (the identify field kept the clerk's text)."""
        self.status_label.setText(text)
        show_message(self, text, self.tr("Đọc thẻ căn cước"))

    def look_up_citizen(self, text: str) -> None:
        """Enter in the identify field: find the citizen by ID number or name (diacritics optional)."""
        registry = self.registry
        query = nfc(text)

        def job():  # noqa: ANN202 - each registry read is audited by the registry (citizen.read / .search)
            record = registry.get(query) if query.isdigit() else None
            return [record] if record else registry.search(query, limit=5)

        run_op(self, self.tasks, job, self._citizens_found)

    def _citizens_found(self, records: list) -> None:
        if len(records) == 1:
            record = records[0]
            self._fill_applicant(record.full_name, record.id_number, record.place_of_residence)
            self.refresh_eform()
            self.status_label.setText(self.tr("Đã điền thông tin công dân %1 từ dữ liệu đã có.")
                                      .replace("%1", record.full_name))
            self.applicant_name.setFocus()
        elif records:
            self.status_label.setText(self.tr("Có %1 công dân phù hợp: %2. Hãy nhập số định danh.")
                                      .replace("%1", str(len(records)))
                                      .replace("%2", "; ".join(f"{r.full_name} ({r.id_number})" for r in records)))
        else:
            self.status_label.setText(self.tr("Không tìm thấy công dân; hãy nhập thông tin."))
            self.applicant_name.setFocus()

    def _fill_applicant(self, name: str, id_number: str, address: str) -> None:
        for field, value in ((self.applicant_name, name), (self.id_number, id_number), (self.address, address)):
            if value and not field.text().strip():
                field.setText(nfc(value))

    def use_declaration(self, extraction, procedure_code: str | None = None) -> None:  # noqa: ANN001
        """What the form extraction (scanning.form_extraction) read on the scanned declaration of *procedure_code*
        (default: the chosen procedure): unsure values come as yellow suggestions (ui/eform_declaration.py)."""
        code = procedure_code or (self.procedure.code if self.procedure else None)
        self._declaration = (code, extraction) if code else None
        self.refresh_eform()

    def refresh_eform(self) -> None:
        """Pre-fill the procedure's e-form in the background from the card, the registry, earlier dossiers,
        the scanned declaration and what the clerk typed in the form (never replaced)."""
        schema = schema_for(self.procedure.code) if self.procedure else None
        self.eform_box.setVisible(schema is not None)
        self._prefill = None
        self.eform.set_schema(schema)
        if schema is None:
            return
        desk, card, user = self.desk, self._card, self.user
        typed = self.eform.typed_values()
        # A declaration read for another procedure has other fields: never mapped onto this one.
        declaration = self._declaration[1] if self._declaration and self._declaration[0] == schema.procedure else None
        applicant = {"full_name": nfc(self.applicant_name.text()), "place_of_residence": nfc(self.address.text())}
        if card is not None:
            # Values the card itself put in the fields keep the card as their source, not the clerk.
            applicant = {attr: value for attr, value in applicant.items()
                         if value != nfc(getattr(card, attr, "") or "")}

        counts = self.desk_counts()

        def show(result) -> None:  # noqa: ANN001
            if self.procedure is not None and self.procedure.code == schema.procedure:
                self._prefill = result
                self.eform.show_result(result)

        run_op(self, self.tasks, lambda: prefill_for_applicant(desk, user, schema, card, applicant, typed=typed,
                                                               extraction=declaration, desk_counts=counts), show)

    def desk_counts(self) -> dict[str, int]:
        """Counts the e-form may follow: copies asked for, and the originals' pages once there is something
        to count (pages scanned, or a count the clerk typed) — an untouched 1 is no count at all."""
        counts = {"copies": self.fee_copies.value()}
        if self.scan_panel.pages() or self.fee_pages.value() > 1:
            counts["pages"] = self.fee_pages.value()
        return counts

    def _counts_changed(self) -> None:
        schema = self.eform.schema
        if schema is not None and any((spec.derive or {}).get("rule") == "desk_count" for spec in schema.fields):
            self.refresh_eform()

    # -- pages -------------------------------------------------------------------------------
    def resume_batch(self, batch: SpoolBatch) -> None:
        """Show pages captured before a crash so the clerk can finish that dossier."""
        self.scan_panel.load_batch(batch)
        self.status_label.setText(self.tr("Đã khôi phục %1 trang quét chưa được tiếp nhận.")
                                  .replace("%1", str(len(batch.pages()))))

    # -- the counter decision ------------------------------------------------------------------
    def build_session(self, decision: Decision = Decision.ACCEPT, defects: list[dict] | None = None,
                      reasons: list[str] | None = None) -> IntakeSession:
        """Read the form (UI thread) into the intake session; the draft id lives until the form is cleared."""
        if self._intake_id is None:
            self._intake_id = IntakeSession().intake_id
        components = []
        for index in range(self.components.count()):
            item = self.components.item(index)
            if item.checkState() == Qt.Checked:
                components.append(ComponentEntry.from_catalog(item.data(Qt.UserRole)))
        eform_on = self.eform.schema is not None
        return IntakeSession(
            procedure_code=self.procedure.code if self.procedure else "",
            applicant_name=nfc(self.applicant_name.text()),
            applicant_id_number=nfc(self.id_number.text()),
            applicant_address=nfc(self.address.text()),
            applicant_phone=nfc(self.phone.text()),
            applicant_email=nfc(self.email.text()),
            submitter_name=nfc(self.submitter.text()),
            components=components,
            pages=[],  # filled in the background from the spooled pages
            form_values=self.eform.eform_values() if eform_on else {},
            form_sources=self.eform.eform_sources() if eform_on else {},
            fee_pages=self.fee_pages.value(),
            fee_copies=self.fee_copies.value(),
            decision=decision,
            defects=list(defects or []),
            reasons=list(reasons or []),
            outside_hours_reason=self._outside_hours_reason,
            intake_id=self._intake_id,
            return_by_post=self.result_by_post.isChecked(),
            delivery_address=nfc(self.delivery_address.text()) if self.result_by_post.isChecked() else "",
        )

    def _result_by_post_toggled(self, on: bool) -> None:
        self.delivery_address.setEnabled(on)
        if on and not self.delivery_address.text().strip():
            self.delivery_address.setText(self.address.text())

    def accept_dossier(self) -> None:
        """Ctrl+Enter: accept the dossier (Mẫu 01, the due date starts running).

        Refused while an e-form value waits for confirmation or is invalid: the message names the fields
        and the focus goes to the first."""
        if self._ready():
            problem = self.eform.check_ready() if self.eform_box.isVisibleTo(self) else None
            if problem:
                self.status_label.setText(problem)
                return
            self._confirm_hours_then_file(Decision.ACCEPT)

    def request_supplement(self) -> None:
        """Ctrl+Shift+B: the dossier is incomplete — list every defect at once (Mẫu 02)."""
        if not self._ready():
            return
        states = []
        for index in range(self.components.count()):
            item = self.components.item(index)
            component = item.data(Qt.UserRole)
            states.append(ComponentState(component.name, item.checkState() == Qt.Checked, component.required))
        dialog = IncompleteDialog(states, self)
        dialog.accepted.connect(lambda: self._confirm_hours_then_file(Decision.INCOMPLETE, defects=dialog.defects()))
        self._open_dialog(dialog)

    def refuse_dossier(self) -> None:
        """Ctrl+Shift+T: refuse the dossier at the counter, with the reasons (Mẫu 03)."""
        if not self._ready():
            return
        dialog = RefusalDialog(self)
        dialog.accepted.connect(lambda: self._confirm_hours_then_file(Decision.REFUSE, reasons=dialog.reasons()))
        self._open_dialog(dialog)

    def _open_dialog(self, dialog) -> None:  # noqa: ANN001
        # Window-modal, never exec(): the event loop keeps running; closing it returns to the form.
        dialog.finished.connect(lambda _result: self.window().activateWindow())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _ready(self) -> bool:
        if self._filing:
            return False  # a previous decision is still being filed: never submit twice
        if self._unprinted is not None:
            # Filed already, only its form failed: any decision key writes that form again.
            self._filed(self._unprinted)
            return False
        if self.procedure is None:
            text = self.tr("Hãy chọn thủ tục hành chính trước.")
            suggested = self.picker.suggestion()
            if suggested is not None:   # the scanned declaration's title named one: say which key takes it
                text += " " + self.tr("Tờ khai đã quét là «%1»: Alt+0 để chọn.").replace("%1", suggested.name)
            self._show_message(text)
            return False
        if self.scan_panel.scanning:
            self._show_message(self.tr("Máy quét đang chạy; hãy chờ quét xong (hoặc Esc để dừng)."))
            return False
        return True

    def _confirm_hours_then_file(self, decision: Decision, **details) -> None:  # noqa: ANN003
        """Outside office hours or on a non-working day the clerk confirms with a reason first."""
        self.update_due_label()  # the acceptance-time notices as of now (cut-off, hours), in front of the clerk
        now = now_local()
        try:
            open_now = work_clock(self.desk).is_reception_open(now)
        except DeskError:
            open_now = False
        if open_now or self._outside_hours_reason:
            self._file(self.build_session(decision, **details))
            return
        dialog = OutsideHoursDialog(outside_hours_text(self.desk, now), self)

        def confirmed() -> None:
            self._outside_hours_reason = dialog.reason_text()
            self._file(self.build_session(decision, **details))

        dialog.accepted.connect(confirmed)
        self._open_dialog(dialog)

    def _file(self, session: IntakeSession) -> None:
        """Archive the pages, file the dossier (idempotent per draft), then write and show the form."""
        spooled = self.scan_panel.pages()
        page_components = self.scan_panel.page_assignments()  # page → component code (MaThanhPhanHoSo)
        desk, user, ocr, registry = self.desk, self.user, self.ocr, self.registry
        self._busy(True, self.tr("Đang lưu hồ sơ…"))

        def job() -> IntakeOutcome:
            session.pages = store_spooled_pages(desk, spooled, page_components)
            outcome = session.finish(desk, user)
            if not outcome.already_filed:
                ocr.index_dossier(outcome.id, [ArchivedPage(s.page_id, p.sha256)
                                               for s, p in zip(spooled, session.pages)])
                if session.applicant_id_number:
                    # Remembered for the citizen's next visit, with the dossier as provenance; a convenience
                    # that never holds up the filed dossier.
                    try:
                        registry.record_values(session.applicant_id_number, {
                            "full_name": session.applicant_name, "place_of_residence": session.applicant_address,
                            "phone": session.applicant_phone, "email": session.applicant_email,
                        }, source="previous_dossier", source_ref=outcome.code)
                    except DeskError as exc:
                        log.info("citizen not remembered after %s: %s", outcome.code, exc)
            return outcome

        run_op(self, self.tasks, job, self._filed, on_failure=lambda _exc: self._busy(False),
               events=self.events, changed=lambda outcome: [outcome.code], title=self._failure_title())

    def _filed(self, outcome: IntakeOutcome) -> None:
        """The dossier is in the database: write its form (Mẫu 01, 02 or 03)."""
        desk, user, code, kind = self.desk, self.user, outcome.code, outcome.form_kind
        self._unprinted = outcome
        self._busy(True)
        self.status_label.setText(self.tr("Đã lưu hồ sơ %1; đang lập biểu mẫu…").replace("%1", code))

        def write() -> Path:
            if kind == "receipt":
                return write_receipt_for(desk, code, who=user)
            return write_form(desk, FormRequest(kind, (code,)), who=user)

        def failed(_exc: BaseException) -> None:
            self._busy(False)
            # The form stays as it is (same draft): the same key again prints without filing twice.
            self.status_label.setText(self.tr("Hồ sơ %1 đã được lưu nhưng chưa lập được biểu mẫu. Nhấn lại phím "
                                              "tắt vừa dùng để lập lại (không tạo hồ sơ mới).").replace("%1", code))

        run_op(self, self.tasks, write, lambda path: self._form_written(outcome, path), on_failure=failed,
               title=self._failure_title())

    def _form_written(self, outcome: IntakeOutcome, path: Path) -> None:
        unconfirmed = self.eform.unconfirmed_keys() if self.eform_box.isVisible() else []
        self._busy(False)
        self.scan_panel.finish_batch(outcome.code)
        self.reset_form()
        if outcome.form_kind == "receipt":
            text = self.tr("Đã tiếp nhận hồ sơ %1, hẹn trả %2.").replace("%1", outcome.code).replace(
                "%2", outcome.due_at.strftime("%H:%M %d/%m/%Y") if outcome.due_at else "")
        elif outcome.form_kind == "supplement":
            text = self.tr("Hồ sơ %1: đã lập phiếu yêu cầu bổ sung, hoàn thiện (Mẫu 02).").replace("%1", outcome.code)
        else:
            text = self.tr("Hồ sơ %1: đã lập phiếu từ chối tiếp nhận (Mẫu 03).").replace("%1", outcome.code)
        if unconfirmed:
            text += self.tr(" Lưu ý: %1 trường tờ khai chưa được xác nhận.").replace("%1", str(len(unconfirmed)))
        self.status_label.setText(text)
        if outcome.form_kind == "receipt":
            self.dossierAccepted.emit(outcome.code, str(path))
        self.dossierFiled.emit(outcome.code, outcome.form_kind, str(path))

    def reset_form(self) -> None:
        self._card = None
        self.chip_card.forget()
        self._prefill = None
        self._declaration = None
        self._intake_id = None  # the next citizen is a new draft
        self._unprinted = None
        self._outside_hours_reason = ""
        self.eform.set_schema(None)
        for field in (self.identify, self.applicant_name, self.id_number, self.address, self.phone, self.email, self.submitter):
            field.clear()
        self.result_by_post.setChecked(False)
        self.delivery_address.clear()
        self.fee_pages.setValue(1)
        self.fee_copies.setValue(1)
        self.picker.clear_choice()   # no procedure for the next one (also when the search was empty)
        self.picker.search.setFocus()

    # -- feedback ----------------------------------------------------------------------------
    def _busy(self, busy: bool, message: str = "") -> None:
        self._filing = busy
        self.progress.setVisible(busy)
        for button in (self.accept_button, self.incomplete_button, self.refuse_button):
            button.setEnabled(not busy)
        self.scan_panel.setEnabled(not busy)
        if message:
            self.status_label.setText(message)

    def _failure_title(self) -> str:
        return self.tr("Chưa lưu được hồ sơ")

    def _show_message(self, text: str) -> None:
        self.status_label.setText(text)
        show_message(self, text, self._failure_title())
