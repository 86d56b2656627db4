"""Roles and what each may do. Checked in services, so the CLI and the GUI obey the same rules."""

from __future__ import annotations

from desk_app.errors import DeskError

from enum import Enum


class Role(str, Enum):
    CLERK = "clerk"            # cán bộ một cửa at the counter
    POSTAL = "postal"          # nhân viên bưu điện doing public-postal reception
    SUPERVISOR = "supervisor"  # lãnh đạo / giám sát: end-of-day reconciliation, reports
    ADMIN = "admin"            # quản trị: users, settings

    @property
    def label_vi(self) -> str:
        return {
            "clerk": "Cán bộ tiếp nhận",
            "postal": "Nhân viên bưu chính",
            "supervisor": "Giám sát",
            "admin": "Quản trị viên",
        }[self.value]


class Permission(str, Enum):
    RECEIVE_DOSSIER = "receive_dossier"    # intake and counter decisions (accept / incomplete / refuse)
    VIEW_DOSSIERS = "view_dossiers"        # search, open, reprint forms of stored dossiers
    HANDLE_DOSSIER = "handle_dossier"      # after the receipt: supplement, apology, stop, result, return
    OVERRIDE_DEADLINE = "override_deadline"  # a late apology, with a written reason (supervisor)
    RECONCILE = "reconcile"
    MANAGE_USERS = "manage_users"          # accounts: create, disable, reset passwords, change roles
    VIEW_AUDIT = "view_audit"              # the audit log and its integrity (supervisor, admin)
    IMPORT_DATA = "import_data"            # bulk loads such as the provincial citizen data (admin)
    COLLECT_POSTAL = "collect_postal"      # collect a dossier at the post office / the citizen's home (postal)
    HANDOVER_POSTAL = "handover_postal"    # receive postal items at the desk, send results by post (clerk)
    DELIVER_POSTAL = "deliver_postal"      # record delivery attempts and deliveries of results by post


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset({Permission.RECEIVE_DOSSIER, Permission.VIEW_DOSSIERS, Permission.HANDLE_DOSSIER,
                           Permission.HANDOVER_POSTAL, Permission.DELIVER_POSTAL}),
    Role.POSTAL: frozenset({Permission.RECEIVE_DOSSIER, Permission.VIEW_DOSSIERS, Permission.COLLECT_POSTAL,
                            Permission.DELIVER_POSTAL}),
    Role.SUPERVISOR: frozenset({Permission.VIEW_DOSSIERS, Permission.HANDLE_DOSSIER,
                                Permission.OVERRIDE_DEADLINE, Permission.RECONCILE, Permission.VIEW_AUDIT}),
    Role.ADMIN: frozenset(Permission),
}


class PermissionDeniedError(DeskError, PermissionError):
    """The signed-in user may not do this; the message is meant for the user."""


def require(role: str | Role, permission: Permission) -> None:
    role = Role(role)
    if permission not in _GRANTS[role]:
        raise PermissionDeniedError(f"Vai trò «{role.label_vi}» không được phép thực hiện thao tác này.")
