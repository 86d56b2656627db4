"""The procedure's whole e-form, edited in place with the keyboard.

Every field of the schema is shown, grouped as on the paper (người yêu cầu, người được khai sinh, mẹ,
cha, …), each an editable combo box with, beside it, where its value came from and how sure the
pre-fill is. Keys (docs/EFORMS.md):

- Tab / Shift+Tab move through the fields and on out of the form (no Tab trap);
- F4 or Alt+↓ opens the field's list: the other candidate values (with their source), the allowed
  options and the usual suggestions; Enter picks one;
- a value marked yellow must be confirmed: Enter in the field confirms it and moves to the next one
  still to confirm; Ctrl+Shift+Enter confirms every yellow value at once (after reading them);
- typing in a field makes it the clerk's value («Nhập tay»), never replaced by a later pre-fill.

The core decides the values (:mod:`desk_app.eforms.prefill`); this widget only shows them, keeps what
the clerk typed or confirmed, and says what is still missing (:meth:`EformEditor.check_ready`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk_app.eforms.prefill import ORIGIN_LABEL
from desk_app.eforms.schema import FieldSpec, FormSchema
from desk_app.text import nfc
from ui.shortcuts import add_shortcut

REVIEW_STYLE = "background: #fff3b0;"     # yellow: to be confirmed
PROBLEM_STYLE = "background: #f8d0d0;"    # red: not a valid value
VALUE_ROLE = Qt.ItemDataRole.UserRole
ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 1
CONFIDENCE_ROLE = Qt.ItemDataRole.UserRole + 2
#: Which schema source a displayed origin stands for (the dossier keeps the schema's source names).
_SOURCE_OF_ORIGIN = {"cccd_qr": "id_card", "cccd_chip": "id_card", "cccd_mrz": "id_card", "cccd_wedge": "id_card",
                     "population_db": "registry", "registry": "registry", "previous_dossier": "registry",
                     "reused_document": "reused_document", "ocr": "form_extraction", "derived": "derived",
                     "relation": "derived", "settings": "settings", "clerk": "clerk", "draft": "clerk",
                     "default": "default"}


@dataclass
class _Row:
    spec: FieldSpec
    group: str
    combo: QComboBox
    status: QLabel
    origin: str = ""
    source: str = ""
    confidence: float | None = None
    provenance: str = ""
    needs_confirm: bool = False
    confirmed: bool = False
    locked: bool = False     # typed, chosen or confirmed by the clerk: a new pre-fill never replaces it
    edited: bool = False     # changed by the clerk since the last pre-fill was asked for
    problem: str = ""
    alternatives: list = field(default_factory=list)

    @property
    def value(self) -> str:
        return nfc(self.combo.currentText())

    @property
    def pending(self) -> bool:
        """Marked for confirmation and not confirmed yet (an empty field has nothing to confirm)."""
        return self.needs_confirm and not self.confirmed and bool(self.value)


class EformEditor(QWidget):
    """All fields of one procedure's e-form; see the module docstring for the keys."""

    changed = Signal()          # a value, its source or its confirmation changed (drafts save on it)
    valuesChanged = Signal()    # the same, under the name ui/reception_draft.py listens for
    allConfirmed = Signal()     # the last value waiting for confirmation was confirmed
    refreshWanted = Signal()    # a value that decides other values changed (an ID number, a relationship)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changed.connect(self.valuesChanged)
        self.schema: FormSchema | None = None
        self._rows: dict[str, _Row] = {}
        self._filling = False
        self.summary = QLabel(objectName="eformSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.keys_help = QLabel(self.tr("Enter: xác nhận trường vàng · Ctrl+Shift+Enter: xác nhận tất cả · "
                                        "F4 hoặc Alt+↓: giá trị khác · Tab: trường tiếp theo"))
        self.keys_help.setWordWrap(True)
        self.keys_help.setStyleSheet("color: #555;")
        self.scroll = QScrollArea(objectName="eformScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setMinimumHeight(220)   # a few fields in view even when the column around it scrolls too
        self._body: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.keys_help)
        for keys in ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"):
            add_shortcut(QKeySequence(keys), self, self.confirm_all, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    # -- building ------------------------------------------------------------------------------
    def set_schema(self, schema: FormSchema | None) -> None:
        """Show the fields of *schema* (empty), or nothing for None. Same schema again: kept as is."""
        if schema is not None and self.schema is not None and schema.procedure == self.schema.procedure and self._rows:
            return
        self.schema = schema
        self._rows = {}
        body = QWidget()
        body.setObjectName("eformBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 12)  # room under the last field when it is scrolled to
        if schema is not None:
            for title, specs in schema.groups():
                box = QGroupBox(title)
                grid = QGridLayout(box)
                grid.setColumnStretch(1, 1)
                for index, spec in enumerate(specs):
                    row = self._make_row(spec, title)
                    label = QLabel(spec.label + (" (*)" if spec.required else "") + ":")
                    label.setBuddy(row.combo)
                    label.setWordWrap(True)
                    grid.addWidget(label, index, 0)
                    grid.addWidget(row.combo, index, 1)
                    grid.addWidget(row.status, index, 2)
                column.addWidget(box)
        column.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.hide()
            old.setParent(None)   # out of the focus chain now, not at the next event loop
            old.deleteLater()
        self.scroll.setWidget(body)   # built whole first: the scroll area sizes it from its layout
        self._body = body
        # Widgets put in a window go to the end of its Tab order: the fields go back right after the last
        # widget before the form (the Tab order can only be set once they are in the window).
        previous: QWidget | None = self._focusable_before()
        for row in self._rows.values():
            if previous is not None:
                QWidget.setTabOrder(previous, row.combo)
            previous = row.combo
        self._refresh_summary()

    def _focusable_before(self) -> QWidget | None:
        """The last widget Tab reaches before this form: the fields go right after it in the Tab order (widgets
        made later are otherwise put at the end of the window's order)."""
        widget = self.previousInFocusChain()
        for _ in range(2000):
            if widget is None or widget is self:
                return None
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not self.isAncestorOf(widget):
                return widget
            widget = widget.previousInFocusChain()
        return None

    def _make_row(self, spec: FieldSpec, group: str) -> _Row:
        combo = QComboBox()
        combo.setObjectName(f"eform_{spec.key}")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.setAccessibleName(f"{group}: {spec.label}")
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        plain = list(dict.fromkeys(spec.options + spec.suggestions))
        completer = QCompleter(QStringListModel(plain, combo), combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        combo.setCompleter(completer)
        status = QLabel()
        status.setObjectName(f"eformSource_{spec.key}")
        status.setTextFormat(Qt.TextFormat.PlainText)
        status.setStyleSheet("color: #444;")
        row = _Row(spec, group, combo, status)
        self._fill_list(row, [])
        combo.setEditText("")
        combo.lineEdit().textEdited.connect(lambda _text, r=row: self._typed(r))
        combo.lineEdit().editingFinished.connect(lambda r=row: self._edit_finished(r))
        combo.activated.connect(lambda index, r=row: self._picked(r, index))
        combo.installEventFilter(self)
        combo.lineEdit().installEventFilter(self)
        self._rows[spec.key] = row
        self._style(row)
        return row

    def _fill_list(self, row: _Row, alternatives: Iterable) -> None:
        """The field's list (F4): other candidates with their source, then options and suggestions."""
        combo, text = row.combo, row.combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        seen: set[str] = set()
        for cand in alternatives:
            if cand.value in seen:
                continue
            seen.add(cand.value)
            label = ORIGIN_LABEL.get(cand.origin, cand.origin_label) if cand.origin else cand.origin_label
            combo.addItem(f"{cand.value}   — {label}, {cand.confidence:.0%}")
            index = combo.count() - 1
            combo.setItemData(index, cand.value, VALUE_ROLE)
            combo.setItemData(index, cand.origin or cand.source, ORIGIN_ROLE)
            combo.setItemData(index, cand.confidence, CONFIDENCE_ROLE)
            combo.setItemData(index, cand.provenance, Qt.ItemDataRole.ToolTipRole)
        for option in row.spec.options + row.spec.suggestions:
            if option in seen:
                continue
            seen.add(option)
            combo.addItem(option)
            combo.setItemData(combo.count() - 1, option, VALUE_ROLE)
        combo.setCurrentIndex(-1)
        combo.setEditText(text)
        combo.blockSignals(False)

    # -- showing a pre-fill --------------------------------------------------------------------
    def show_result(self, result) -> None:  # noqa: ANN001 - desk_app.eforms.prefill.PrefillResult
        """Show a pre-fill. What the clerk typed, chose or confirmed stays; the rest takes the new values."""
        if self.schema is None or result.procedure != self.schema.procedure:
            return
        self._filling = True
        try:
            for key, row in self._rows.items():
                filled = result.fields.get(key)
                alternatives = list(filled.alternatives) if filled else []
                if row.locked:
                    if filled is not None and filled.value != row.value and filled.source != "clerk":
                        alternatives.insert(0, _as_candidate(filled))
                    self._fill_list(row, alternatives)
                    continue
                self._fill_list(row, alternatives)
                if filled is None:
                    row.combo.setEditText("")
                    row.origin, row.source, row.confidence, row.provenance = "", "", None, ""
                    row.needs_confirm = row.confirmed = False
                    continue
                same = filled.value == row.value
                row.combo.setEditText(filled.value)
                row.origin = filled.origin or _default_origin(filled.source)
                row.source = filled.source
                row.confidence = filled.confidence
                row.provenance = filled.provenance
                row.needs_confirm = filled.needs_review
                row.confirmed = row.confirmed and same
        finally:
            self._filling = False
        self._validate()
        # No ``changed`` here: a pre-fill is not the clerk's change (drafts pick its values up on their own
        # look-over; a save per pre-fill would race the window being closed).

    # -- the clerk's actions -------------------------------------------------------------------
    def _typed(self, row: _Row) -> None:
        if self._filling:
            return
        row.origin, row.source, row.confidence, row.provenance = "clerk", "clerk", 1.0, self.tr("Cán bộ nhập")
        row.locked = True
        row.confirmed = True
        row.edited = True
        self._validate(row)
        self.changed.emit()
        self._check_all_confirmed()

    def _dependents(self, row: _Row) -> list[_Row]:
        """Fields computed from this one (the date in words from the date of birth, …)."""
        out = []
        for other in self._rows.values():
            rule = other.spec.derive or {}
            sources = rule.get("from") or []
            if row.spec.key in ([sources] if isinstance(sources, str) else sources):
                out.append(other)
        return out

    def _decides_others(self, row: _Row) -> bool:
        """An ID number (the registry knows that person), a relationship (who is who on the form), or a value
        other fields are computed from."""
        schema = self.schema
        return schema is not None and (row.spec.type == "id_number" or bool(row.spec.relation_by_gender)
                                       or row.spec.key in {rule["field"] for rule in schema.same_person}
                                       or bool(self._dependents(row)))

    def _changed_by_clerk(self, row: _Row) -> None:
        """A value others depend on changed: what was computed from it is computed again (unless typed)."""
        for other in self._dependents(row):
            if other.origin not in ("clerk", "draft"):
                other.locked = other.confirmed = False
        if self._decides_others(row):
            self.refreshWanted.emit()

    def _edit_finished(self, row: _Row) -> None:
        if row.edited:
            row.edited = False
            self._changed_by_clerk(row)

    def _picked(self, row: _Row, index: int) -> None:
        value = row.combo.itemData(index, VALUE_ROLE)
        if value is None:
            return
        row.combo.setEditText(value)
        origin = row.combo.itemData(index, ORIGIN_ROLE)
        confidence = row.combo.itemData(index, CONFIDENCE_ROLE)
        if origin:
            row.origin, row.source = origin, _SOURCE_OF_ORIGIN.get(origin, origin)
            row.confidence = confidence
            row.provenance = row.combo.itemData(index, Qt.ItemDataRole.ToolTipRole) or ""
        else:  # an option of the form: the clerk's choice
            row.origin, row.source, row.confidence, row.provenance = "clerk", "clerk", 1.0, self.tr("Cán bộ chọn")
        row.locked = row.confirmed = True
        self._validate(row)
        self.changed.emit()
        self._check_all_confirmed()
        self._changed_by_clerk(row)

    def confirm(self, key: str) -> None:
        """The clerk checked this value against the paper (Enter in the field)."""
        row = self._rows[key]
        if row.value and not row.confirmed:
            row.confirmed = True
            row.locked = True
            self._style(row)
            self._refresh_summary()
            self.changed.emit()
            self._check_all_confirmed()

    def confirm_all(self) -> None:
        """Ctrl+Shift+Enter: every value waiting for confirmation is confirmed (the clerk has read them)."""
        pending = [row for row in self._rows.values() if row.pending]
        for row in pending:
            row.confirmed = row.locked = True
            self._style(row)
        if pending:
            self._refresh_summary()
            self.changed.emit()
            self._check_all_confirmed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        row = self._row_of(watched)
        if row is not None:
            if event.type() == QEvent.Type.FocusIn:
                self._scroll_to(row.combo)
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                plain = mods == Qt.KeyboardModifier.NoModifier
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                        mods == Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier:
                    self.confirm_all()  # (the shortcut takes it first when the window is active)
                    return True
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and not row.combo.view().isVisible():
                    self._enter(row)
                    return True
                if event.key() == Qt.Key.Key_F4 and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                    row.combo.showPopup()
                    return True
        return super().eventFilter(watched, event)

    def _row_of(self, widget: QObject) -> _Row | None:
        for row in self._rows.values():
            if widget is row.combo or widget is row.combo.lineEdit():
                return row
        return None

    def _enter(self, row: _Row) -> None:
        """Enter: confirm this value, then go to the next value still waiting (or the next field)."""
        self.confirm(row.spec.key)
        rows = list(self._rows.values())
        after = rows[rows.index(row) + 1:] + rows[:rows.index(row)]
        target = next((r for r in after if r.pending), None)
        if target is None:
            position = rows.index(row)
            target = rows[position + 1] if position + 1 < len(rows) else None
        if target is not None:
            target.combo.setFocus(Qt.FocusReason.TabFocusReason)
            target.combo.lineEdit().selectAll()

    def _check_all_confirmed(self) -> None:
        if not self.unconfirmed_keys():
            self.allConfirmed.emit()

    # -- state ---------------------------------------------------------------------------------
    def field_count(self) -> int:
        return len(self._rows)

    def field_widget(self, key: str) -> QComboBox:
        return self._rows[key].combo

    def value(self, key: str) -> str:
        return self._rows[key].value

    def origin_label(self, key: str) -> str:
        row = self._rows[key]
        return ORIGIN_LABEL.get(row.origin, row.origin) if row.origin else ""

    def eform_values(self) -> dict[str, str]:
        """Every non-empty value, by field key (what the dossier keeps; drafts save it)."""
        return {key: row.value for key, row in self._rows.items() if row.value}

    def eform_sources(self) -> dict[str, str]:
        """Where each value came from, as schema source names (``id_card``, ``registry``, ``clerk``, …)."""
        return {key: (_SOURCE_OF_ORIGIN.get(row.origin, row.source) or "clerk")
                for key, row in self._rows.items() if row.value}

    def typed_values(self) -> dict[str, str]:
        """Values the clerk typed, chose or confirmed: the next pre-fill takes them as given."""
        return {key: row.value for key, row in self._rows.items() if row.locked and row.value}

    def set_eform_values(self, values: dict[str, str], confirmed: Iterable[str] | None = None) -> None:
        """Restore values (a draft after a crash). A value equal to what the pre-fill shows keeps its source and
        state; any other comes back as «Bản nháp», yellow, to be confirmed again (one Ctrl+Shift+Enter), unless
        its key is in *confirmed*. Unknown keys are ignored."""
        sure = set(confirmed or ())
        self._filling = True
        try:
            for key, value in values.items():
                row = self._rows.get(key)
                value = nfc(str(value or ""))
                if row is None or (value == row.value and key not in sure):
                    continue
                row.combo.setEditText(value)
                row.origin, row.source, row.confidence, row.provenance = "draft", "clerk", None, self.tr("Bản nháp")
                row.needs_confirm = True
                row.confirmed = row.locked = key in sure
        finally:
            self._filling = False
        self._validate()
        self.changed.emit()

    def unconfirmed_keys(self) -> list[str]:
        """Fields whose value is marked for confirmation and not confirmed yet, in form order."""
        return [key for key, row in self._rows.items() if row.pending]

    def missing_required(self) -> list[str]:
        return [key for key, row in self._rows.items() if row.spec.required and not row.value]

    def problems(self) -> dict[str, str]:
        """Values that are not valid (format, options), by key; empty required fields are not listed here."""
        if self.schema is None:
            return {}
        problems = self.schema.validate(self.eform_values())
        return {key: text for key, text in problems.items() if self._rows[key].value}

    def check_ready(self) -> str | None:
        """Before accepting: None when the form can go, else the message to show; focus goes to the first field
        to fix. Values waiting for confirmation and invalid values stop the accept; empty fields do not (the
        paper may be incomplete: that is the Mẫu 02 decision)."""
        pending = self.unconfirmed_keys()
        if pending:
            self._focus(pending[0])
            names = ", ".join(self._name(k) for k in pending)
            return self.tr("Chưa xác nhận %1 giá trị tờ khai (tô vàng): %2. Đối chiếu với giấy tờ rồi nhấn Enter tại "
                           "từng trường, hoặc Ctrl+Shift+Enter để xác nhận tất cả.").replace(
                "%1", str(len(pending))).replace("%2", names)
        problems = self.problems()
        if problems:
            first = next(iter(problems))
            self._focus(first)
            return self.tr("Tờ khai có giá trị chưa đúng: %1").replace("%1", " ".join(problems.values()))
        return None

    def _name(self, key: str) -> str:
        row = self._rows[key]
        return f"«{row.spec.label}» ({row.group})"

    def _focus(self, key: str) -> None:
        combo = self._rows[key].combo
        self._scroll_to(combo)
        combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _scroll_to(self, combo: QComboBox) -> None:
        """The whole field in view, with a little of what is around it (ensureWidgetVisible only looks at the
        text cursor of an editable combo box)."""
        if self._body is None or not self._body.isAncestorOf(combo):
            return
        centre = combo.mapTo(self._body, combo.rect().center())
        self.scroll.ensureVisible(centre.x(), centre.y(), 20, combo.height() // 2 + 24)

    # -- look ----------------------------------------------------------------------------------
    def _validate(self, only: _Row | None = None) -> None:
        problems = self.problems()
        for row in [only] if only is not None else self._rows.values():
            row.problem = problems.get(row.spec.key, "")
            self._style(row)
        self._refresh_summary()

    def _style(self, row: _Row) -> None:
        line = row.combo.lineEdit()
        if row.problem:
            line.setStyleSheet(PROBLEM_STYLE)
        elif row.pending:
            line.setStyleSheet(REVIEW_STYLE)
        else:
            line.setStyleSheet("")
        parts = []
        if row.value and row.origin:
            parts.append(ORIGIN_LABEL.get(row.origin, row.origin))
            if row.confidence is not None and row.origin not in ("clerk", "draft"):
                parts.append(f"{row.confidence:.0%}")
        if row.pending:
            parts.append(self.tr("cần xác nhận"))
        elif row.needs_confirm and row.confirmed and row.value:
            parts.append(self.tr("đã xác nhận"))
        if row.problem:
            parts.append(row.problem)
        row.status.setText(" · ".join(parts))
        tip = row.provenance
        if row.spec.hint:
            tip = (tip + "\n" if tip else "") + row.spec.hint
        row.combo.setToolTip(tip)
        row.status.setToolTip(tip)

    def _refresh_summary(self) -> None:
        if self.schema is None:
            self.summary.clear()
            return
        filled = sum(1 for row in self._rows.values() if row.value)
        text = self.tr("%1 — %2/%3 trường có giá trị").replace("%1", self.schema.title).replace(
            "%2", str(filled)).replace("%3", str(len(self._rows)))
        pending = len(self.unconfirmed_keys())
        if pending:
            text += self.tr("; %1 giá trị cần xác nhận").replace("%1", str(pending))
        missing = len(self.missing_required())
        if missing:
            text += self.tr("; %1 trường bắt buộc còn trống").replace("%1", str(missing))
        self.summary.setText(text)


def _default_origin(source: str) -> str:
    return {"id_card": "cccd_qr", "form_extraction": "ocr"}.get(source, source)


def _as_candidate(filled):  # noqa: ANN001, ANN202 - a FilledField offered as an alternative
    from desk_app.eforms.prefill import Candidate

    return Candidate(filled.value, filled.source, filled.confidence, filled.provenance, filled.origin)
