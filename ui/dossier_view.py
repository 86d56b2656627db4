"""One stored dossier, whole: header, timeline, pages per component, e-form values with their sources,
payments, upload state, results, forms to print again, and the actions allowed in its current status.

Keyboard (while the dossier view has the focus — a letter typed anywhere else does nothing here):
each allowed action is one letter, shown on its button — **B** yêu cầu bổ sung, **N** nhận bổ sung,
**X** xin lỗi, **D** dừng, **R** rút, **K** nhận kết quả, **T** trả kết quả, **C** chuyển xử lý — and opens
a keyboard-only dialog (``ui/action_dialogs.py``). **Alt+1…4** jump to the timeline, pages, e-form and
payments sections; in the pages **Space** shows a page large; in the forms list **Enter** (or **Ctrl+P**
anywhere in the view) opens the print preview; **Esc** goes back to the search results; a digit (the QR
reader typing the next citizen's Mẫu 01) starts a new search with it.

Everything is read in the background (``dossier_book.show`` on the database lane, thumbnails from the
archive on the work lane); an action runs through the dossier view's operation runner, then the right
form is previewed, the view refreshed and ``dossiersChanged`` announced.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.desk import Desk
from desk_app.domain.fees import format_vnd
from desk_app.errors import user_errors
from desk_app.services import dossier_book
from desk_app.services.dossier_book import DossierView
from ui.shortcuts import add_shortcut
from ui.action_dialogs import DIALOGS, FORM_AFTER, ActionContext, ActionDialog
from ui.operations import DossierEvents, run_op
from ui.receipt_preview import ReceiptPreview
from ui.tasks import TaskRunner

#: action key → the one letter that opens it (shown on the button)
ACTION_KEYS: dict[str, str] = {
    "supplement": "B",
    "resume": "N",
    "apologize": "X",
    "stop": "D",
    "withdraw": "R",
    "result": "K",
    "return": "T",
    "forward": "C",
}
THUMB = QSize(110, 150)
LARGE = 1600
_SHA = Qt.UserRole


def _thumbnail(path, size: QSize) -> QImage:  # noqa: ANN001 - a Path; runs on the work lane
    from PIL import Image

    with Image.open(path) as image:
        image.draft("RGB", (size.width() * 2, size.height() * 2))
        image.thumbnail((size.width(), size.height()))
        rgb = image.convert("RGB")
    return QImage(rgb.tobytes(), rgb.width, rgb.height, rgb.width * 3, QImage.Format_RGB888).copy()


def _when(value) -> str:  # noqa: ANN001
    return value.strftime("%H:%M %d/%m/%Y") if value else ""


class PageViewer(QDialog):
    """One page large (Space or Esc closes, ←/→ or PgUp/PgDn move through the dossier's pages)."""

    def __init__(self, desk: Desk, tasks: TaskRunner, pages: list, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageViewer")
        self.desk, self.tasks, self.pages, self.index = desk, tasks, pages, index
        self.image = QLabel(alignment=Qt.AlignCenter, objectName="pageImage")
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.image)
        self.caption = QLabel(objectName="pageCaption")
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.caption)
        for key, step in ((Qt.Key_Right, 1), (Qt.Key_PageDown, 1), (Qt.Key_Left, -1), (Qt.Key_PageUp, -1)):
            add_shortcut(QKeySequence(key), self, lambda s=step: self.move(s))
        add_shortcut(QKeySequence(Qt.Key_Space), self, self.accept)
        self.loaded = False
        self.resize(900, 1000)
        self.show_page()

    def move(self, step: int) -> None:
        target = self.index + step
        if 0 <= target < len(self.pages):
            self.index = target
            self.show_page()

    def show_page(self) -> None:
        page = self.pages[self.index]
        self.loaded = False
        self.caption.setText(self.tr("Trang %1/%2 — %3 — %4").replace("%1", str(self.index + 1))
                             .replace("%2", str(len(self.pages))).replace("%3", page.component or page.kind)
                             .replace("%4", page.source_name))
        self.image.setText(self.tr("Đang mở trang…"))
        path, index = self.desk.archive.path_for(page.sha256), self.index

        def shown(image: QImage) -> None:
            if index == self.index:
                self.image.setPixmap(QPixmap.fromImage(image))
                self.loaded = True

        self.tasks.run_work(lambda: _thumbnail(path, QSize(LARGE, LARGE)), shown,
                            lambda exc: self.image.setText(str(exc)))


class DossierViewPanel(QWidget):
    loaded = Signal(object)         # DossierView
    closeRequested = Signal()       # Esc: back to the search results
    actionDone = Signal(str, str)   # code, action key (after the core accepted it)
    previewShown = Signal(object)   # ReceiptPreview
    searchTyped = Signal(str)       # a digit typed here: the start of the next dossier code (QR reader)

    def __init__(self, desk: Desk, tasks: TaskRunner, who: Any, events: DossierEvents | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierView")
        self.events = events
        self.setFocusPolicy(Qt.StrongFocus)
        self.desk, self.tasks, self.who = desk, tasks, who
        self.code = ""
        self.view: DossierView | None = None
        self.fee_due = 0
        self.dialog: ActionDialog | None = None
        self.preview: ReceiptPreview | None = None
        self.viewer: PageViewer | None = None
        self._generation = 0
        self._loading = False
        self._message = ""
        self._focus_before: QWidget | None = None
        self._build()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = QLabel(objectName="dossierHeader", wordWrap=True, textFormat=Qt.RichText)
        self.header.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status_label = QLabel(objectName="dossierStatus", wordWrap=True)

        self.action_buttons: dict[str, QPushButton] = {}
        self.action_shortcuts: dict[str, QShortcut] = {}
        labels = {
            "forward": self.tr("Chuyển xử lý"),
            "resume": self.tr("Nhận bổ sung"),
            "supplement": self.tr("Yêu cầu bổ sung (Mẫu 02)"),
            "apologize": self.tr("Xin lỗi, hẹn lại (Mẫu 04)"),
            "stop": self.tr("Dừng giải quyết"),
            "withdraw": self.tr("Rút hồ sơ"),
            "result": self.tr("Nhận kết quả"),
            "return": self.tr("Trả kết quả"),
        }
        actions_box = QGroupBox(self.tr("Thao tác (một phím khi đang xem hồ sơ)"))
        grid = QGridLayout(actions_box)
        for index, action in enumerate(dossier_book.ACTION_LABELS):
            letter = ACTION_KEYS[action]
            button = QPushButton(f"{letter} · {labels[action]}", objectName=f"action_{action}")
            button.setFocusPolicy(Qt.NoFocus)  # the letter is the keyboard path
            button.setToolTip(self.tr("Phím %1").replace("%1", letter))
            button.clicked.connect(lambda _=False, a=action: self.start_action(a))
            button.hide()
            grid.addWidget(button, index // 4, index % 4)
            self.action_buttons[action] = button
            shortcut = add_shortcut(QKeySequence(letter), self, lambda a=action: self.start_action(a),
                                 context=Qt.WidgetWithChildrenShortcut)
            shortcut.setEnabled(False)
            self.action_shortcuts[action] = shortcut
        self.no_actions = QLabel(self.tr("Không có thao tác nào ở trạng thái này."), objectName="noActions")
        grid.addWidget(self.no_actions, 2, 0, 1, 4)

        self.timeline = self._table("timeline", [self.tr("Thời điểm"), self.tr("Diễn biến"), self.tr("Người thực hiện")])
        self.pages = QListWidget(objectName="dossierPages")
        self.pages.setViewMode(QListWidget.IconMode)
        self.pages.setIconSize(THUMB)
        self.pages.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 52))
        self.pages.setResizeMode(QListWidget.Adjust)
        self.pages.setMovement(QListWidget.Static)
        self.pages.setWordWrap(True)
        self.pages.setSelectionMode(QAbstractItemView.SingleSelection)
        add_shortcut(QKeySequence(Qt.Key_Space), self.pages, self.show_page_large, context=Qt.WidgetShortcut)
        self.pages.itemActivated.connect(lambda _item: self.show_page_large())
        self.components = QLabel(objectName="componentsSummary", wordWrap=True)
        pages_tab = QWidget()
        pages_layout = QVBoxLayout(pages_tab)
        pages_layout.addWidget(self.components)
        pages_layout.addWidget(self.pages, 1)
        pages_layout.addWidget(QLabel(self.tr("Space: xem trang cỡ lớn")))
        self.eform = self._table("eformValues", [self.tr("Trường"), self.tr("Giá trị"), self.tr("Nguồn")])
        self.money = self._table("moneyAndSync", [self.tr("Mục"), self.tr("Nội dung")])

        self.sections = QTabWidget(objectName="dossierSections")
        self.sections.addTab(self.timeline, self.tr("Diễn biến (Alt+1)"))
        self.sections.addTab(pages_tab, self.tr("Trang giấy tờ (Alt+2)"))
        self.sections.addTab(self.eform, self.tr("Tờ khai điện tử (Alt+3)"))
        self.sections.addTab(self.money, self.tr("Phí, kết quả, đồng bộ (Alt+4)"))
        focus_of = [self.timeline, self.pages, self.eform, self.money]
        for index, widget in enumerate(focus_of):
            add_shortcut(QKeySequence(f"Alt+{index + 1}"), self, lambda i=index, w=widget: self._open_section(i, w),
                      context=Qt.WidgetWithChildrenShortcut)

        self.forms = QListWidget(objectName="formsList")
        self.forms.itemActivated.connect(lambda _item: self.preview_selected_form())
        forms_box = QGroupBox(self.tr("In lại biểu mẫu (Enter / Ctrl+P)"))
        QVBoxLayout(forms_box).addWidget(self.forms)
        add_shortcut(QKeySequence.StandardKey.Print, self, self.preview_selected_form,
                  context=Qt.WidgetWithChildrenShortcut)
        add_shortcut(QKeySequence(Qt.Key_Escape), self, self.closeRequested.emit, context=Qt.WidgetWithChildrenShortcut)
        # The next citizen's Mẫu 01 scanned while a dossier is shown: its first digit starts a new search.
        for digit in "0123456789":
            add_shortcut(QKeySequence(digit), self, lambda d=digit: self.searchTyped.emit(d),
                      context=Qt.WidgetWithChildrenShortcut)

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.sections)
        splitter.addWidget(forms_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        top = QHBoxLayout()
        top.addWidget(self.header, 3)
        top.addWidget(actions_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        self.setTabOrder(self.timeline, self.forms)

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), objectName=name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        if len(headers) == 3:
            header.setSectionResizeMode(1, QHeaderView.Stretch)
            header.setStretchLastSection(False)
        return table

    def _open_section(self, index: int, widget: QWidget) -> None:
        self.sections.setCurrentIndex(index)
        widget.setFocus()

    # -- loading -------------------------------------------------------------------------------
    def open_code(self, code: str, message: str = "") -> None:
        """Show dossier *code* (read in the background); *message* is shown once it is there."""
        if self.view is None or self.view.summary.code != code:
            # Another dossier: nothing of the one shown before may be acted on meanwhile.
            self.view = None
            for action, shortcut in self.action_shortcuts.items():
                shortcut.setEnabled(False)
                self.action_buttons[action].hide()
            self.status_label.setText(self.tr("Đang mở hồ sơ %1…").replace("%1", code))
        self.code = code
        self._message = message
        self._loading = True
        self._generation += 1
        generation = self._generation
        desk, who = self.desk, self.who

        def job() -> tuple[DossierView, dict, int]:
            from desk_app.services.eform_prefill import schema_for
            from desk_app.services.payments import current_payment

            view = dossier_book.show(desk, who, code)
            schema = schema_for(view.summary.procedure_code) if view.form_values else None
            labels = {spec.key: spec.label for spec in schema.fields} if schema else {}
            payment = current_payment(desk, view.summary.code) if view.fee_amount else None
            fee_due = view.fee_amount if view.fee_amount and not (payment and payment.paid) else 0
            return view, labels, fee_due

        def done(result: tuple[DossierView, dict, int]) -> None:
            if generation == self._generation:
                self._loading = False
                self._show(*result)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                self._loading = False
                self.status_label.setText(str(exc) if isinstance(exc, user_errors()) else
                                          self.tr("Không mở được hồ sơ: %1").replace("%1", str(exc)))
                self.status_label.setStyleSheet("color: #b00000;")

        self.tasks.run_db(job, done, failed)

    def refresh(self, message: str = "") -> None:
        """Read the dossier again (after a change); a read already under way (started after the change
        was committed: the hub announces it then) is not repeated, it shows *message* too."""
        if not self.code:
            return
        if self._loading:
            self._message = message or self._message
            return
        self.open_code(self.code, message)

    def _show(self, view: DossierView, labels: dict, fee_due: int) -> None:
        self.view, self.fee_due = view, fee_due
        self.code = view.summary.code
        s = view.summary
        slip = (self.tr("Giấy hẹn (Mẫu 01): nhận %1, hẹn trả %2").replace("%1", _when(view.slip_received_at))
                .replace("%2", _when(view.slip_due_at)) if view.slip_due_at else self.tr("Chưa có giấy hẹn"))
        e = html.escape
        rows = [
            f"<b style='font-size:14pt'>{e(s.code)}</b> — <b>{e(s.status_label)}</b>"
            + (" — <span style='color:#8a5a00'>" + e(self.tr("ĐÀO TẠO")) + "</span>" if view.training else ""),
            e(self.tr("Chủ hồ sơ: %1")).replace("%1", f"<b>{e(s.applicant)}</b>")
            + (f" ({e(s.id_number)})" if s.id_number else "") + (f" — {e(view.address)}" if view.address else ""),
            e(self.tr("Thủ tục: %1").replace("%1", f"{s.procedure_code} {s.procedure_name}")),
            e(self.tr("Nhận: %1 — Hẹn trả: %2").replace("%1", _when(s.received_at)).replace("%2", _when(s.due_at) or "—")),
            e(slip),
        ]
        if view.returned:
            rows.append(e(self.tr("Đã trả: %1").replace("%1", view.returned)))
        self.header.setText("<br>".join(rows))
        self.status_label.setStyleSheet("")
        self.status_label.setText(self._message)

        for action, button in self.action_buttons.items():
            allowed = action in view.actions
            button.setVisible(allowed)
            self.action_shortcuts[action].setEnabled(allowed)
        self.no_actions.setVisible(not view.actions)

        self._fill(self.timeline, [(_when(t.at), t.what, t.who) for t in view.timeline])
        self.timeline.resizeRowsToContents()
        self.timeline.scrollToBottom()
        self.components.setText("; ".join(f"{name}: {count}" for name, count in view.components))
        self._fill(self.eform, [(labels.get(key, key), str(value), self._source(view.form_sources.get(key, "")))
                                for key, value in view.form_values.items()])
        money = [(self.tr("Phí, lệ phí"), format_vnd(view.fee_amount) if view.fee_amount else self.tr("Không thu"))]
        if fee_due:
            money.append((self.tr("Còn phải thu"), format_vnd(fee_due)))
        money += [(self.tr("Thu phí"), line) for line in view.payments]
        money += [(self.tr("Kết quả"), line) for line in view.results]
        if view.returned:
            money.append((self.tr("Trả kết quả"), view.returned))
        states = {"ready": self.tr("chờ gửi"), "sending": self.tr("đang gửi"), "acknowledged": self.tr("tỉnh đã nhận"),
                  "failed": self.tr("lỗi, sẽ gửi lại"), "dead": self.tr("cần xử lý")}
        money += [(self.tr("Đồng bộ: %1").replace("%1", action), states.get(state, state) + (f" — {error}" if error else ""))
                  for action, state, error in view.uploads]
        self._fill(self.money, money)

        self.forms.clear()
        from desk_app.services.forms import FORM_KINDS

        for kind in view.forms:
            if kind in FORM_KINDS:
                item = QListWidgetItem(FORM_KINDS[kind])
                item.setData(Qt.UserRole, kind)
                self.forms.addItem(item)
        if self.forms.count():
            self.forms.setCurrentRow(0)
        self._show_pages(view)
        self.loaded.emit(view)

    def _source(self, source: str) -> str:
        labels = {"id_card": self.tr("Thẻ căn cước"), "registry": self.tr("Sổ công dân"),
                  "reused_document": self.tr("Giấy tờ đã số hóa"), "form_extraction": self.tr("Tờ khai giấy"),
                  "derived": self.tr("Suy ra"), "settings": self.tr("Cấu hình"), "clerk": self.tr("Cán bộ nhập"),
                  "default": self.tr("Mặc định"), "previous_dossier": self.tr("Hồ sơ trước")}
        return labels.get(source, source)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        if rows:
            table.setCurrentCell(0, 0)

    def _show_pages(self, view: DossierView) -> None:
        kinds = {"intake": self.tr("tiếp nhận"), "supplement": self.tr("bổ sung"), "result": self.tr("kết quả"),
                 "withdrawal": self.tr("đơn rút"), "authorisation": self.tr("ủy quyền")}
        self.pages.clear()
        for number, page in enumerate(view.pages, start=1):
            item = QListWidgetItem(f"{number}. {page.component or kinds.get(page.kind, page.kind)}")
            item.setToolTip(f"{page.source_name} ({kinds.get(page.kind, page.kind)})")
            item.setData(_SHA, page.sha256)
            self.pages.addItem(item)
        if self.pages.count():
            self.pages.setCurrentRow(0)
        archive, generation = self.desk.archive, self._generation
        shas = list(dict.fromkeys(p.sha256 for p in view.pages))

        def job() -> dict[str, QImage]:
            images = {}
            for sha in shas:
                try:
                    images[sha] = _thumbnail(archive.path_for(sha), THUMB)
                except Exception:  # noqa: BLE001 - a missing or unreadable file shows as a blank tile
                    continue
            return images

        def done(images: dict[str, QImage]) -> None:
            if generation != self._generation:
                return
            for row in range(self.pages.count()):
                item = self.pages.item(row)
                image = images.get(item.data(_SHA))
                if image is not None:
                    item.setIcon(QPixmap.fromImage(image))

        if shas:
            self.tasks.run_work(job, done)

    # -- pages and forms -----------------------------------------------------------------------
    def show_page_large(self) -> None:
        if self.view is None or self.pages.currentRow() < 0:
            return
        self._focus_before = self.pages
        self._dispose(self.viewer)
        self.viewer = PageViewer(self.desk, self.tasks, list(self.view.pages), self.pages.currentRow(), self)
        self.viewer.finished.connect(lambda _result: self.take_focus_back())
        self.viewer.open()

    def selected_form(self) -> str:
        item = self.forms.currentItem()
        return item.data(Qt.UserRole) if item is not None else ""

    def preview_selected_form(self) -> None:
        kind = self.selected_form()
        if kind:
            self._focus_before = QApplication.focusWidget()
            self.preview_form(kind)

    def preview_form(self, kind: str) -> None:
        """Write the form (background) and open the print preview."""
        from desk_app.services.forms import FORM_KINDS, FormRequest, write_form

        if kind not in FORM_KINDS:
            self.status_label.setText(self.tr("Biểu mẫu «%1» chưa có trong phiên bản này.").replace("%1", kind))
            return
        desk, who, code = self.desk, self.who, self.code

        def shown(path) -> None:  # noqa: ANN001
            self._dispose(self.preview)
            self.preview = ReceiptPreview(path, code, self, tasks=self.tasks)
            self.preview.setWindowTitle(f"{FORM_KINDS[kind]} — {code}")
            self.preview.finished.connect(lambda _result: self.take_focus_back())
            self.preview.open()
            self.previewShown.emit(self.preview)

        run_op(self, self.tasks, lambda: write_form(desk, FormRequest(kind, (code,)), who=who), shown,
               title=self.tr("Chưa lập được biểu mẫu"))

    # -- actions -------------------------------------------------------------------------------
    def run(self, parent: QWidget, job, on_done, on_error) -> None:  # noqa: ANN001
        """Run an action of this dossier: the standard operation (error box, ``dossiersChanged``)."""
        code = self.code
        run_op(parent, self.tasks, job, on_done, on_failure=on_error, events=self.events, changed=lambda _r: [code])

    def start_action(self, action: str) -> None:
        view = self.view
        if view is None or action not in view.actions or (self.dialog is not None and self.dialog.isVisible()):
            return
        context = ActionContext(self.desk, self.tasks, self.who, view, self.run, self.fee_due)
        self._dispose(self.dialog)
        self.dialog = DIALOGS[action](context, self)
        self._focus_before = QApplication.focusWidget()
        self.dialog.succeeded.connect(lambda outcome, a=action: self._action_done(a, outcome))
        self.dialog.finished.connect(lambda _result: self.take_focus_back())
        self.dialog.open()

    @staticmethod
    def _dispose(dialog: QDialog | None) -> None:
        """A finished dialog of this view is deleted when the next one of its kind opens."""
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def take_focus_back(self) -> None:
        """A dialog or preview of this view closed: the view (and its window) has the keyboard again."""
        for dialog in (self.dialog, self.preview, self.viewer):
            if dialog is not None and dialog.isVisible():
                return  # another one is still open (the form preview after an action): it keeps the focus
        if not self.isVisible():
            return
        self.window().activateWindow()
        before = self._focus_before
        target = before if before is not None and self.isAncestorOf(before) and before.isVisible() else self.timeline
        target.setFocus()

    def _action_done(self, action: str, outcome: Any) -> None:
        code = self.code
        messages = {
            "forward": self.tr("Đã chuyển hồ sơ cho cán bộ xử lý."),
            "supplement": self.tr("Đã yêu cầu bổ sung; thời hạn giải quyết tạm dừng."),
            "resume": self.tr("Đã nhận hồ sơ bổ sung; hẹn trả mới: %1."),
            "apologize": self.tr("Đã lập phiếu xin lỗi và hẹn lại ngày trả kết quả."),
            "stop": self.tr("Đã dừng giải quyết hồ sơ."),
            "withdraw": self.tr("Công dân đã rút hồ sơ."),
            "result": self.tr("Đã nhận kết quả giải quyết; có thể báo công dân đến nhận."),
            "return": self.tr("Đã trả kết quả cho công dân."),
        }
        text = messages[action]
        if action == "resume" and outcome is not None:
            text = text.replace("%1", _when(outcome))
        self.refresh(text)
        kind = FORM_AFTER.get(action)
        if kind:
            self.preview_form(kind)
        self.actionDone.emit(code, action)
