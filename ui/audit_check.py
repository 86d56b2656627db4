"""At start-up, check the audit chain in the background and show a break to supervisors and admins.

The check reads the whole log on the work lane (reads do not wait for the database lane); whether the
signed-in user may see the result is decided by the security layer (``VIEW_AUDIT``: supervisor, admin),
not by the window. A clerk is not shown the message, but the break stays in the log for the supervisor.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.security.audit import ChainReport, verify_chain
from desk_app.security.identity import Identity
from desk_app.security.roles import Permission
from ui.tasks import TaskRunner


def _check(desk, who: Identity) -> tuple[ChainReport, bool]:  # noqa: ANN001
    from desk_app.security.access import authorized

    report = verify_chain(desk.sessions)
    try:
        authorized(desk.sessions, who, Permission.VIEW_AUDIT)  # read only: nothing written beside the counter
        allowed = True
    except PermissionError:
        allowed = False
    return report, allowed


class AuditCheck(QObject):
    """One start-up check; ``report`` holds the result, ``box`` the warning shown (if any)."""

    checked = Signal(object)  # the ChainReport

    def __init__(self, window: QWidget, desk, tasks: TaskRunner, who: Identity) -> None:  # noqa: ANN001
        super().__init__(window)
        self.window = window
        self.report: ChainReport | None = None
        self.box: QMessageBox | None = None
        tasks.run_work(lambda: _check(desk, who), self._done, lambda _exc: None)

    def _done(self, result: tuple[ChainReport, bool]) -> None:
        report, allowed = result
        self.report = report
        if not report.ok and allowed:
            self.box = QMessageBox(QMessageBox.Warning, self.tr("Nhật ký hệ thống bị can thiệp"),
                                   report.message() + "\n\n" + self.tr(
                                       "Hãy báo ngay cho lãnh đạo và không sửa cơ sở dữ liệu; "
                                       "kiểm tra lại bằng lệnh «desk-app audit verify»."),
                                   QMessageBox.Ok, self.window)
            self.box.setObjectName("auditBreakBox")
            self.box.open()
        self.checked.emit(report)


def check_audit_chain(window: QWidget, desk, tasks: TaskRunner, who: Identity) -> AuditCheck:  # noqa: ANN001
    """Start the check for *window* (kept as ``window.audit_check``)."""
    window.audit_check = AuditCheck(window, desk, tasks, who)
    return window.audit_check
