"""The small keyboard-only dialogs of the counter decisions (NĐ 61/2018 Đ17–18, DOMAIN.md §1.1).

* :class:`IncompleteDialog` — «Yêu cầu bổ sung» (Mẫu 02): every component with its state; the clerk
  ticks (Space) each missing or wrong one and types what is required and why — all defects at once.
* :class:`RefusalDialog` — «Từ chối tiếp nhận» (Mẫu 03): the reason typed (focused), common reasons
  to tick.
* :class:`OutsideHoursDialog` — receiving outside office hours or on a non-working day: the clerk
  confirms with a reason (OK stays disabled until one is typed).

Enter confirms, Esc cancels. The dialogs only collect text; the panel files the dossier.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.text import nfc

_REQUIREMENT, _REASON, _NAME = Qt.UserRole, Qt.UserRole + 1, Qt.UserRole + 2


@dataclass(frozen=True)
class ComponentState:
    """A component of the dossier as the clerk sees it at the counter."""

    name: str
    handed_in: bool  # ticked in the panel's component list
    required: bool


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    ok = buttons.button(QDialogButtonBox.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    ok.setAutoDefault(True)
    buttons.button(QDialogButtonBox.Cancel).setText(cancel_text)
    buttons.button(QDialogButtonBox.Cancel).setAutoDefault(False)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class IncompleteDialog(QDialog):
    """Mẫu 02: tick every missing or wrong component, with the requirement and the reason."""

    def __init__(self, components: list[ComponentState], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incompleteDialog")
        self.setWindowTitle(self.tr("Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)"))
        help_label = QLabel(self.tr(
            "Đánh dấu (phím cách) mọi thành phần còn thiếu hoặc chưa đúng, rồi ghi yêu cầu và lý do "
            "(Tab). Mẫu 02 liệt kê tất cả trong một lần."))
        help_label.setWordWrap(True)
        self.list = QListWidget(objectName="defectList")
        self.list.setWordWrap(True)
        for component in components:
            self._add_item(component.name, self._state_text(component),
                           checked=component.required and not component.handed_in,
                           requirement="" if component.handed_in else self.tr("Nộp bổ sung giấy tờ này"),
                           reason="" if component.handed_in else self.tr("Chưa có trong hồ sơ"))
        self._add_item(self.tr("Giấy tờ khác"), self.tr("ghi rõ trong yêu cầu"), checked=False)
        self.requirement = QLineEdit(objectName="defectRequirement")
        self.requirement.setPlaceholderText(self.tr("Ví dụ: bản sao có chứng thực"))
        self.reason = QLineEdit(objectName="defectReason")
        self.reason.setPlaceholderText(self.tr("Ví dụ: chỉ có bản chụp"))
        fields = QFormLayout()
        fields.addRow(self.tr("Yêu cầu bổ sung, hoàn thiện:"), self.requirement)
        fields.addRow(self.tr("Lý do:"), self.reason)
        self.buttons = _buttons(self, self.tr("Lập Mẫu 02 (Enter)"), self.tr("Hủy (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(help_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(fields)
        layout.addWidget(self.buttons)

        self.list.currentItemChanged.connect(self._load_current)
        self.list.itemChanged.connect(lambda _item: self._update_ok())
        self.requirement.textEdited.connect(lambda text: self._store(_REQUIREMENT, text))
        self.reason.textEdited.connect(lambda text: self._store(_REASON, text))
        first_ticked = next((i for i in range(self.list.count())
                             if self.list.item(i).checkState() == Qt.Checked), 0)
        self.list.setCurrentRow(first_ticked)
        self._load_current(self.list.currentItem())
        self._update_ok()
        self.list.setFocus()
        self.resize(640, 460)

    def _state_text(self, component: ComponentState) -> str:
        if component.handed_in:
            return self.tr("đã nộp")
        return self.tr("chưa nộp") if component.required else self.tr("không bắt buộc, chưa nộp")

    def _add_item(self, name: str, state: str, *, checked: bool, requirement: str = "", reason: str = "") -> None:
        item = QListWidgetItem(f"{name} — {state}")
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
        item.setData(_NAME, name)
        item.setData(_REQUIREMENT, requirement)
        item.setData(_REASON, reason)
        self.list.addItem(item)

    def _load_current(self, item: QListWidgetItem | None, _previous=None) -> None:  # noqa: ANN001
        for field, role in ((self.requirement, _REQUIREMENT), (self.reason, _REASON)):
            field.setText(item.data(role) if item is not None else "")
            field.setEnabled(item is not None)

    def _store(self, role: int, text: str) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        item.setData(role, text)
        if text.strip() and item.checkState() != Qt.Checked:
            item.setCheckState(Qt.Checked)  # typing a requirement means the component is defective
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.defects()))

    def defects(self) -> list[dict]:
        """The ticked components as Mẫu 02 items: component, requirement, reason."""
        items = []
        for index in range(self.list.count()):
            item = self.list.item(index)
            if item.checkState() == Qt.Checked:
                items.append({"component": nfc(item.data(_NAME)), "requirement": nfc(item.data(_REQUIREMENT) or ""),
                              "reason": nfc(item.data(_REASON) or "")})
        return items

    def accept(self) -> None:
        if self.defects():
            super().accept()


class RefusalDialog(QDialog):
    """Mẫu 03: the reasons for refusing the dossier at the counter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusalDialog")
        self.setWindowTitle(self.tr("Từ chối tiếp nhận hồ sơ (Mẫu 03)"))
        self.reason = QLineEdit(objectName="refusalReason")
        self.reason.setPlaceholderText(self.tr("Lý do từ chối tiếp nhận"))
        self.common = QListWidget(objectName="refusalCommon")
        self.common.setWordWrap(True)
        for text in (self.tr("Thủ tục hành chính không thuộc thẩm quyền giải quyết của cơ quan"),
                     self.tr("Hồ sơ đã được giải quyết hoặc đang được giải quyết theo quy định"),
                     self.tr("Người nộp không phải người có yêu cầu và không có giấy ủy quyền hợp lệ"),
                     self.tr("Nội dung yêu cầu trái với quy định của pháp luật")):
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.common.addItem(item)
        self.common.setCurrentRow(0)
        self.buttons = _buttons(self, self.tr("Lập Mẫu 03 (Enter)"), self.tr("Hủy (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Lý do (nhập, hoặc Tab rồi đánh dấu lý do thường gặp bằng phím cách):")))
        layout.addWidget(self.reason)
        layout.addWidget(self.common, 1)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(lambda _text: self._update_ok())
        self.common.itemChanged.connect(lambda _item: self._update_ok())
        self._update_ok()
        self.reason.setFocus()
        self.resize(600, 340)

    def reasons(self) -> list[str]:
        ticked = [self.common.item(i).text() for i in range(self.common.count())
                  if self.common.item(i).checkState() == Qt.Checked]
        typed = nfc(self.reason.text())
        return [nfc(t) for t in ticked] + ([typed] if typed else [])

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.reasons()))

    def accept(self) -> None:
        if self.reasons():
            super().accept()


class OutsideHoursDialog(QDialog):
    """Receiving outside office hours: confirm, with the reason recorded in the history and audit."""

    def __init__(self, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outsideHoursDialog")
        self.setWindowTitle(self.tr("Tiếp nhận ngoài giờ làm việc"))
        text = QLabel(explanation, objectName="outsideHoursText")
        text.setWordWrap(True)
        self.reason = QLineEdit(objectName="outsideHoursReason")
        self.reason.setPlaceholderText(self.tr("Lý do tiếp nhận ngoài giờ (bắt buộc)"))
        self.buttons = _buttons(self, self.tr("Tiếp nhận ngoài giờ"), self.tr("Hủy (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(QLabel(self.tr("Lý do:")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(
            lambda _t: self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.reason_text())))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.reason.setFocus()
        self.resize(520, 200)

    def reason_text(self) -> str:
        return nfc(self.reason.text())

    def accept(self) -> None:
        if self.reason_text():
            super().accept()
