"""The workspaces of the main window, composed by the signed-in user's role.

One row per workspace: its key, its Vietnamese title (translated in the ``MainWindow`` context), the
shortcuts it would like (the first one not already taken is bound, so an administrator who sees every
workspace still gets one key each), the roles that see it, the window attribute that holds it (tests
and the window use ``window.reception``, ``window.book`` …; ``None`` when the role does not get it),
and a factory building the widget from the main window.

Hiding a workspace is only convenience: every service checks the permission itself
(``desk_app.security.identity.authorize``), so the CLI and the GUI obey the same rules.

Other areas add their workspace here (one row each); the order of the table is the order of the tabs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from desk_app.security.roles import Role

if TYPE_CHECKING:  # pragma: no cover
    from ui.main_window import MainWindow

ALL_ROLES = frozenset(Role)
CLERK, POSTAL, SUPERVISOR, ADMIN = Role.CLERK, Role.POSTAL, Role.SUPERVISOR, Role.ADMIN


@dataclass(frozen=True)
class Workspace:
    key: str
    title: str                       # Vietnamese, marked for translation in the "MainWindow" context
    shortcuts: tuple[str, ...]       # preferred keys, the first free one is bound
    roles: frozenset[Role]
    factory: Callable[["MainWindow"], QWidget]
    attribute: str | None = None     # the MainWindow attribute that holds the widget

    def visible_to(self, role: str | Role) -> bool:
        return Role(role) in self.roles


def _reception(window: "MainWindow") -> QWidget:
    from ui.reception_panel import ReceptionPanel

    return ReceptionPanel(window.desk, window.tasks, window.user, events=window.events)


def _today(window: "MainWindow") -> QWidget:
    from ui.today_list import TodayList

    return TodayList(window.desk, window.tasks, window.user)


def _postal(window: "MainWindow") -> QWidget:
    from ui.postal_workspace import PostalWorkspace

    return PostalWorkspace(window.desk, window.tasks, window.user, window.events)


def _handover(window: "MainWindow") -> QWidget:
    from ui.postal_workspace import HandoverScreen

    return HandoverScreen(window.desk, window.tasks, window.user, window.events)


def _supervisor(window: "MainWindow") -> QWidget:
    from ui.supervisor_day import SupervisorDay

    return SupervisorDay(window.desk, window.tasks, window.user, window.events)


def _book(window: "MainWindow") -> QWidget:
    from ui.dossier_book import DossierBook

    return DossierBook(window.desk, window.tasks, window.user, window.events)


def _due(window: "MainWindow") -> QWidget:
    from ui.due_list import DueList

    return DueList(window.desk, window.tasks, window.user, window.events)


def _audit(window: "MainWindow") -> QWidget:
    from ui.audit_viewer import AuditViewer

    return AuditViewer(window.desk, window.tasks, window.user, window.events)


def _users(window: "MainWindow") -> QWidget:
    from ui.user_admin import UserAdmin

    return UserAdmin(window.desk, window.tasks, window.user, window.events)


def _devices(window: "MainWindow") -> QWidget:
    from ui.device_admin import DeviceAdmin

    return DeviceAdmin(window.desk, window.tasks, window.user, window.events)


WORKSPACES: list[Workspace] = [
    Workspace("reception", QT_TRANSLATE_NOOP("MainWindow", "Tiếp nhận hồ sơ"), ("F2",),
              frozenset({CLERK, ADMIN}), _reception, "reception"),
    Workspace("postal", QT_TRANSLATE_NOOP("MainWindow", "Bưu chính công ích"), ("F2", "Ctrl+F2"),
              frozenset({POSTAL, ADMIN}), _postal, "postal"),
    Workspace("supervisor", QT_TRANSLATE_NOOP("MainWindow", "Đối soát cuối ngày"), ("F2", "F9"),
              frozenset({SUPERVISOR, ADMIN}), _supervisor, "supervisor_day"),
    Workspace("today", QT_TRANSLATE_NOOP("MainWindow", "Hồ sơ hôm nay"), ("F3",),
              frozenset({CLERK, ADMIN}), _today, "today"),
    Workspace("book", QT_TRANSLATE_NOOP("MainWindow", "Sổ hồ sơ"), ("F4",),
              ALL_ROLES, _book, "book"),
    Workspace("handover", QT_TRANSLATE_NOOP("MainWindow", "Nhận hồ sơ từ bưu điện"), ("F5",),
              frozenset({CLERK, ADMIN}), _handover, "handover"),
    Workspace("due", QT_TRANSLATE_NOOP("MainWindow", "Hạn xử lý"), ("F7",),
              frozenset({CLERK, SUPERVISOR, ADMIN}), _due, "due_list"),
    Workspace("audit", QT_TRANSLATE_NOOP("MainWindow", "Nhật ký truy cập"), ("F11", "Ctrl+F11"),
              frozenset({SUPERVISOR, ADMIN}), _audit, "audit_viewer"),
    Workspace("users", QT_TRANSLATE_NOOP("MainWindow", "Tài khoản người dùng"), ("F12", "Ctrl+F12"),
              frozenset({ADMIN}), _users, "user_admin"),
    Workspace("devices", QT_TRANSLATE_NOOP("MainWindow", "Máy bưu chính"), ("Shift+F12",),
              frozenset({ADMIN}), _devices, "device_admin"),
]

#: roles that see the upload queue to the province (F6, added by ui.sync_integration.attach_sync)
QUEUE_ROLES = frozenset({CLERK, SUPERVISOR, ADMIN})


def workspaces_for(role: str | Role) -> list[Workspace]:
    """The workspaces *role* sees, in tab order."""
    return [w for w in WORKSPACES if w.visible_to(role)]


def register(workspace: Workspace, *, before: str | None = None) -> None:
    """Add (or replace, by key) a workspace; *before* puts it ahead of the workspace with that key."""
    for index, existing in enumerate(WORKSPACES):
        if existing.key == workspace.key:
            WORKSPACES[index] = workspace
            return
    keys = [w.key for w in WORKSPACES]
    WORKSPACES.insert(keys.index(before) if before in keys else len(WORKSPACES), workspace)
