"""Counter reception as the older call sites know it: a thin layer over :mod:`desk_app.services.intake`.

``accept_dossier(desk, who, request)`` files an :class:`~desk_app.services.intake.IntakeSession`
(``IntakeRequest`` is the same class) with the decision it carries; new code calls ``finish()`` directly.
"""

from __future__ import annotations

from datetime import datetime

from desk_app.desk import Desk
from desk_app.security.identity import Identity
from desk_app.services.intake import (  # noqa: F401 - re-exported for the call sites of this module
    ComponentEntry,
    IntakeError,
    IntakeOutcome,
    IntakeSession,
    StoredPage,
    store_pages,
    store_spooled_pages,
)

IntakeRequest = IntakeSession
AcceptedDossier = IntakeOutcome


def accept_dossier(desk: Desk, who: Identity, request: IntakeSession,
                   received_at: datetime | None = None) -> IntakeOutcome:
    return request.finish(desk, who, at=received_at)
