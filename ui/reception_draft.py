"""Nothing typed at the counter is lost: the reception panel's state saved as a draft, and brought back.

:func:`attach_reception_draft` (called by the main window for the counter) makes a
:class:`ReceptionDraft` that

* collects the panel's state (procedure, applicant fields, result by post, fee counts, components
  ticked, e-form values and page→component assignment when the panel offers them, the spool batch of
  the scanned pages, the draft id of the intake) on the UI thread — a few dozen widget reads — and
  saves it through :func:`desk_app.services.drafts.save_draft` on the database lane, half a second
  after the last change (and on a 1.5 s look-over for changes no signal announced, and when the app
  quits); an unchanged state is not saved again;
* at sign-in, reads back the user's draft and the pages *this user* scanned that were never filed
  (``Spool.recover(owner)``), in one background job, and restores them; another user signing in at the
  same desk gets neither;
* clears the draft when the dossier is filed, and on Ctrl+N («Hồ sơ mới»), which first asks for a
  confirmation when there is something to lose, then empties the form and puts the keyboard in the
  first field.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import isValid

from desk_app.clock import now_local
from desk_app.errors import DeskError
from desk_app.services import drafts

log = logging.getLogger(__name__)

DEBOUNCE_MS = 500     # a save follows half a second after the last change
LOOK_OVER_MS = 1500   # changes no signal announced (a draft id given at filing, an editor added later)

#: The panel's text fields, by attribute name (also their key in the draft).
TEXT_FIELDS = ("identify", "applicant_name", "id_number", "address", "phone", "email", "submitter",
               "delivery_address")


def spool_owner(user: Any) -> str:
    """Who scanned a batch, as recorded in the spool: the account, not the sign-in session."""
    return f"user:{getattr(user, 'user_id', None) or user.id}"


def _first(obj: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        value = getattr(obj, name, None)
        if callable(value):
            return value
    return None


def _provider(panel: QWidget, getter: str, setter: str) -> tuple[Any, Any]:
    """The panel's (getter, setter) for an optional part, on the panel itself or on the widget holding it."""
    for holder in (panel, getattr(panel, "eform_editor", None), getattr(panel, "eform", None),
                   getattr(panel, "scan_panel", None)):
        if holder is None:
            continue
        get, put = _first(holder, (getter,)), _first(holder, (setter,))
        if get is not None:
            return get, put
    return None, None


def collect_state(panel: QWidget) -> dict[str, Any]:
    """The reception panel's state as plain JSON values (UI thread)."""
    fields = {}
    for name in TEXT_FIELDS:
        widget = getattr(panel, name, None)
        if widget is not None and hasattr(widget, "text"):
            fields[name] = widget.text()
    components = []
    box = getattr(panel, "components", None)
    for index in range(box.count() if box is not None else 0):
        item = box.item(index)
        component = item.data(Qt.UserRole)
        components.append([getattr(component, "code", ""), getattr(component, "name", item.text()),
                           item.checkState() == Qt.Checked])
    state: dict[str, Any] = {
        "v": drafts.STATE_VERSION,
        "procedure": panel.procedure.code if getattr(panel, "procedure", None) is not None else "",
        "search": panel.picker.search.text(),
        "fields": fields,
        "result_by_post": panel.result_by_post.isChecked(),
        "fee_pages": panel.fee_pages.value(),
        "fee_copies": panel.fee_copies.value(),
        "components": components,
        "intake_id": getattr(panel, "_intake_id", None) or "",
        "outside_hours_reason": getattr(panel, "_outside_hours_reason", "") or "",
    }
    get, _put = _provider(panel, "eform_values", "set_eform_values")
    if get is not None:
        state["eform"] = dict(get() or {})
        unconfirmed = getattr(getattr(get, "__self__", None), "unconfirmed_keys", None)
        if callable(unconfirmed):
            waiting = set(unconfirmed())
            state["eform_confirmed"] = sorted(k for k in state["eform"] if k not in waiting)
    # With their source, and with the pages the clerk put under no component (digit 0): a plain code list
    # would lose those, and the automatic assignment would take the page back after a restore.
    get, _put = _provider(panel, "page_assignment_details", "set_page_assignments")
    if get is not None:
        state["page_assignments"] = {str(k): {"code": v.code, "source": v.source}
                                     for k, v in (get() or {}).items()}
    else:
        get, _put = _provider(panel, "page_assignments", "set_page_assignments")
        if get is not None:
            state["page_assignments"] = {str(k): (v if isinstance(v, (str, dict)) else str(v))
                                         for k, v in (get() or {}).items()}
    scan = getattr(panel, "scan_panel", None)
    batch = scan.batch if scan is not None else None
    state["batch"] = batch.id if batch is not None else ""
    state["pages"] = len(scan.pages()) if scan is not None else 0
    return state


def has_content(state: dict[str, Any]) -> bool:
    """Whether the form holds anything the clerk would lose (a confirmation is asked before clearing)."""
    return bool(state.get("procedure") or any(str(v).strip() for v in state.get("fields", {}).values())
                or state.get("pages") or state.get("result_by_post")
                or any(str(v).strip() for v in (state.get("eform") or {}).values() if not isinstance(v, dict)))


class ReceptionDraft(QObject):
    """Saves the counter's form as the signed-in user's draft, restores it, clears it (see module doc)."""

    saved = Signal(int)        # the draft's revision after a save (0: the draft was cleared)
    restored = Signal(bool)    # the start-up restore finished (True: something came back)
    cleared = Signal()         # Ctrl+N emptied the form

    def __init__(self, panel: QWidget, *, debounce_ms: int = DEBOUNCE_MS, look_over_ms: int = LOOK_OVER_MS) -> None:
        super().__init__(panel)
        self.panel = panel
        self.desk, self.tasks, self.user = panel.desk, panel.tasks, panel.user
        self.active = False          # saving starts once the restore is done (never over a draft not yet read)
        self._restoring = False
        self._in_flight = False
        self._again = False
        self._last_payload: str | None = None
        self._warned = False
        self.confirm_box: QMessageBox | None = None
        # The pages this user scans are recorded as theirs: after a crash they come back to them only.
        if getattr(panel, "scan_panel", None) is not None:
            panel.scan_panel.spool = self.desk.spool.owned_by(spool_owner(self.user))
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.save_now)
        self._look_over = QTimer(self, interval=look_over_ms)
        self._look_over.timeout.connect(self.save_now)
        self._watch_changes()
        shortcut = QShortcut(QKeySequence("Ctrl+N"), panel)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_dossier)
        self.new_shortcut = shortcut
        if hasattr(panel, "dossierFiled"):
            panel.dossierFiled.connect(self._filed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.save_now)

    # -- watching ------------------------------------------------------------------------------
    def _watch_changes(self) -> None:
        panel = self.panel
        for name in TEXT_FIELDS:
            widget = getattr(panel, name, None)
            if widget is not None and hasattr(widget, "textChanged"):
                widget.textChanged.connect(self.changed)
        panel.result_by_post.toggled.connect(self.changed)
        panel.fee_pages.valueChanged.connect(self.changed)
        panel.fee_copies.valueChanged.connect(self.changed)
        panel.picker.procedureChosen.connect(self.changed)
        panel.components.itemChanged.connect(self.changed)
        scan = getattr(panel, "scan_panel", None)
        for signal_name in ("pagesChanged", "assignmentsChanged"):
            signal = getattr(scan, signal_name, None)
            if signal is not None:
                signal.connect(self.changed)
        for holder in (panel, getattr(panel, "eform_editor", None), getattr(panel, "eform", None)):
            for signal_name in ("eformChanged", "valuesChanged", "valueChanged"):
                signal = getattr(holder, signal_name, None) if holder is not None else None
                if signal is not None and hasattr(signal, "connect"):
                    signal.connect(self.changed)

    def _alive(self) -> bool:
        """Whether this object and its panel still exist (a background job may end after the window)."""
        return isValid(self) and isValid(self.panel)

    def changed(self, *_args: Any) -> None:
        if self.active and not self._restoring:
            self._debounce.start()

    # -- saving --------------------------------------------------------------------------------
    def save_now(self) -> None:
        """Save the form as it is now, if it changed since the last save (database lane)."""
        if not self._alive() or not self.active or self._restoring:
            return
        try:
            state = collect_state(self.panel)
            payload = drafts.encode_state(state)
        except DeskError as exc:
            self._warn(str(exc))
            return
        except RuntimeError:  # the panel's widgets are already gone (window closing)
            return
        if payload == self._last_payload:
            return
        if self._in_flight:
            self._again = True   # saved as soon as the save in flight is done (one writer, in order)
            return
        self._in_flight, self._last_payload = True, payload
        desk, user = self.desk, self.user
        if has_content(state):
            intake_id, batch_id = state.get("intake_id", ""), state.get("batch", "")

            def job() -> int:
                return drafts.save_draft(desk, user, state, intake_id=intake_id, batch_id=batch_id)
        else:
            def job() -> int:
                drafts.discard_draft(desk, user)
                return 0

        self.tasks.run_db(job, self._saved, self._save_failed)

    def _saved(self, revision: int) -> None:
        if not self._alive():
            return
        self._in_flight = False
        self._warned = False
        self.saved.emit(revision)
        if self._again:
            self._again = False
            self.save_now()

    def _save_failed(self, exc: Exception) -> None:
        if not self._alive():
            return
        self._in_flight = False
        self._last_payload = None   # tried again at the next change or look-over
        log.warning("draft not saved: %s", exc)
        self._warn(str(exc) if isinstance(exc, DeskError) else type(exc).__name__)

    def _warn(self, why: str) -> None:
        if self._warned:
            return
        self._warned = True
        label = getattr(self.panel, "status_label", None)
        if label is not None:
            label.setText(self.tr("Chưa lưu được bản nháp hồ sơ đang tiếp nhận (%1); thông tin vẫn còn trên "
                                  "màn hình.").replace("%1", why))

    # -- restoring -----------------------------------------------------------------------------
    def start(self) -> None:
        """Read back this user's draft and unfiled scanned pages (one background job), then restore them."""
        desk, user, owner = self.desk, self.user, spool_owner(self.user)

        def job() -> tuple[drafts.Draft | None, list]:
            batches = desk.spool.recover(owner)
            return drafts.load_draft(desk, user), batches

        def failed(exc: Exception) -> None:
            log.warning("draft not read back: %s", exc)
            if not self._alive():
                return
            self._begin_saving()
            self.restored.emit(False)

        self.tasks.run_db(job, lambda result: self._restore(*result), failed)

    def _begin_saving(self) -> None:
        self.active = True
        self._look_over.start()

    def _restore(self, draft: drafts.Draft | None, batches: list) -> None:
        if not self._alive():
            return
        panel = self.panel
        scan = getattr(panel, "scan_panel", None)
        restored = False
        self._restoring = True
        try:
            state = draft.state if draft is not None else {}
            # The pages: the draft's own batch, else the newest this user left unfiled; never over a
            # batch the clerk has already started since.
            if batches and scan is not None and scan.batch is None:
                wanted = state.get("batch") or (draft.batch_id if draft else "")
                batch = next((b for b in batches if b.id == wanted), batches[-1])
                panel.resume_batch(batch)
                restored = True
            if draft is not None:
                self._apply(state)
                restored = True
        except (RuntimeError, DeskError, KeyError, TypeError, ValueError) as exc:
            log.warning("draft not restored whole: %s", exc)
        finally:
            self._restoring = False
        if draft is not None:
            label = getattr(panel, "status_label", None)
            if label is not None:
                label.setText(self.tr("Đã khôi phục hồ sơ đang tiếp nhận dở (lưu lúc %1).")
                              .replace("%1", draft.saved_at.strftime("%H:%M %d/%m/%Y")))
            self._last_payload = None
        self._begin_saving()
        self.restored.emit(restored)

    def _apply(self, state: dict[str, Any]) -> None:
        panel = self.panel
        code = state.get("procedure") or ""
        if code:
            try:
                procedure = self.desk.catalog.get(code, now_local().date())
            except (DeskError, KeyError, LookupError, ValueError):
                procedure = None
            if procedure is not None:
                choose = getattr(panel.picker, "choose", None)
                if callable(choose):
                    choose(procedure)
                else:
                    panel.picker.search.setText(code)
                    for row in range(panel.picker.list.count()):
                        item = panel.picker.list.item(row)
                        if getattr(item.data(Qt.UserRole), "code", None) == code:
                            panel.picker.list.setCurrentRow(row)
                            break
                if getattr(panel, "procedure", None) is None or panel.procedure.code != code:
                    panel._set_procedure(procedure)
        fields = state.get("fields") or {}
        panel.result_by_post.setChecked(bool(state.get("result_by_post")))
        for name in TEXT_FIELDS:
            widget = getattr(panel, name, None)
            if widget is not None and name in fields and hasattr(widget, "setText"):
                widget.setText(str(fields[name]))
        for name in ("fee_pages", "fee_copies"):
            if isinstance(state.get(name), int):
                getattr(panel, name).setValue(state[name])
        ticks = state.get("components") or []
        box = panel.components
        for index in range(min(box.count(), len(ticks))):
            item, (code_, name_, checked) = box.item(index), ticks[index]
            component = item.data(Qt.UserRole)
            if getattr(component, "code", "") == code_ and getattr(component, "name", item.text()) == name_ \
                    and item.flags() & Qt.ItemIsUserCheckable:
                item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
        if state.get("intake_id"):
            panel._intake_id = state["intake_id"]
        if state.get("outside_hours_reason"):
            panel._outside_hours_reason = state["outside_hours_reason"]
        self._apply_parts(state)
        self._focus_first_empty()

    def _apply_parts(self, state: dict[str, Any], attempts: int = 40) -> None:
        """E-form values and page assignment, once the e-form's pre-fill (background) has come back."""
        if not self._alive():
            return
        if attempts > 0 and self.tasks.busy:
            QTimer.singleShot(100, lambda: self._apply_parts(state, attempts - 1))
            return
        restoring, self._restoring = self._restoring, True
        try:
            for key, getter, setter in (("eform", "eform_values", "set_eform_values"),
                                        ("page_assignments", "page_assignments", "set_page_assignments")):
                _get, put = _provider(self.panel, getter, setter)
                if put is None or not state.get(key):
                    continue
                if key == "eform" and "eform_confirmed" in state:
                    try:
                        put(dict(state[key]), confirmed=list(state["eform_confirmed"]))
                        continue
                    except TypeError:   # an editor without confirmations
                        pass
                put(dict(state[key]))
        except (RuntimeError, DeskError, KeyError, TypeError, ValueError) as exc:
            log.warning("draft parts not restored: %s", exc)
        finally:
            self._restoring = restoring

    def _focus_first_empty(self) -> None:
        panel = self.panel
        if getattr(panel, "procedure", None) is None:
            panel.picker.search.setFocus()
            return
        for name in ("applicant_name", "id_number", "address", "phone"):
            widget = getattr(panel, name, None)
            if widget is not None and not widget.text().strip():
                widget.setFocus()
                return
        panel.applicant_name.setFocus()

    # -- clearing ------------------------------------------------------------------------------
    def _filed(self, *_args: Any) -> None:
        """The dossier is filed (and the form cleared by the panel): its draft goes."""
        desk, user = self.desk, self.user
        self._debounce.stop()
        self._last_payload = None
        self.tasks.run_db(lambda: drafts.discard_draft(desk, user) and 0, self._saved, self._save_failed)

    def new_dossier(self) -> None:
        """Ctrl+N: empty the form for the next citizen (after a confirmation when something would be lost)."""
        panel = self.panel
        if getattr(panel, "_filing", False):
            return
        if getattr(getattr(panel, "scan_panel", None), "scanning", False):
            label = getattr(panel, "status_label", None)
            if label is not None:
                label.setText(self.tr("Máy quét đang chạy; hãy dừng quét (Esc) trước khi nhận hồ sơ mới."))
            return
        try:
            state = collect_state(panel)
        except RuntimeError:
            return
        if not has_content(state):
            self._clear()
            return
        box = QMessageBox(QMessageBox.Question, self.tr("Hồ sơ mới"),
                          self.tr("Xóa toàn bộ thông tin đã nhập và các trang đã quét của hồ sơ đang tiếp nhận "
                                  "để nhận hồ sơ mới?"), QMessageBox.NoButton, panel.window())
        box.setObjectName("newDossierConfirm")
        was_in = QApplication.focusWidget()
        clear = box.addButton(self.tr("Xóa và nhận hồ sơ mới"), QMessageBox.DestructiveRole)
        keep = box.addButton(self.tr("Quay lại hồ sơ đang nhập"), QMessageBox.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.confirm_box = box

        def finished(_result: int) -> None:
            self.confirm_box = None
            box.deleteLater()
            if box.clickedButton() is clear:
                self._clear()
            else:  # back where the clerk was typing
                panel.window().activateWindow()
                if was_in is not None:
                    try:
                        was_in.setFocus()
                    except RuntimeError:   # that widget is gone
                        panel.picker.search.setFocus()

        box.finished.connect(finished)
        box.open()
        keep.setFocus()

    def _clear(self) -> None:
        panel = self.panel
        self._restoring = True
        try:
            scan = getattr(panel, "scan_panel", None)
            if scan is not None and scan.batch is not None:
                scan.finish_batch("")   # the clerk threw these pages away on purpose
            panel.reset_form()
            clear_choice = getattr(panel.picker, "clear_choice", None)
            if callable(clear_choice) and getattr(panel, "procedure", None) is not None:
                clear_choice()
            label = getattr(panel, "status_label", None)
            if label is not None:
                label.setText(self.tr("Hồ sơ mới: hãy chọn thủ tục."))
        finally:
            self._restoring = False
        desk, user = self.desk, self.user
        self._debounce.stop()
        self._last_payload = None
        self.tasks.run_db(lambda: drafts.discard_draft(desk, user) and 0, self._saved, self._save_failed)
        panel.window().activateWindow()
        panel.picker.search.setFocus()
        self.cleared.emit()


def attach_reception_draft(panel: QWidget) -> ReceptionDraft:
    """Drafts for the counter: restore the signed-in user's draft now, save every change from then on."""
    draft = ReceptionDraft(panel)
    panel.draft = draft
    draft.start()
    return draft
