"""Public-postal reception (channel 3): the postal workspace and the clerk's hand-over screen."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PostalWorkspace(QWidget):
    def __init__(self, desk, tasks, identity, events, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent, objectName="postalWorkspace")
        self.desk, self.tasks, self.user, self.events = desk, tasks, identity, events
        QVBoxLayout(self).addWidget(QLabel(self.tr("Thu gom hồ sơ qua bưu chính công ích")))


class HandoverScreen(QWidget):
    def __init__(self, desk, tasks, identity, events, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent, objectName="handoverScreen")
        self.desk, self.tasks, self.user, self.events = desk, tasks, identity, events
        QVBoxLayout(self).addWidget(QLabel(self.tr("Nhận hồ sơ từ nhân viên bưu chính")))
