"""Counter reception as the older call sites know it: a thin layer over :mod:`desk_app.services.intake`.

``accept_dossier(desk, who, request)`` files an :class:`~desk_app.services.intake.IntakeSession`
(``IntakeRequest`` is the same class) with the decision it carries; new code calls ``finish()`` directly.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

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
from desk_app.storage.models import Dossier

IntakeRequest = IntakeSession
AcceptedDossier = IntakeOutcome


def accept_dossier(desk: Desk, who: Identity, request: IntakeSession,
                   received_at: datetime | None = None) -> IntakeOutcome:
    return request.finish(desk, who, at=received_at)


def dossiers_received_on(desk: Desk, day) -> list[Dossier]:  # noqa: ANN001
    """Today's list: dossiers received on *day*, newest first."""
    start = datetime.combine(day, datetime.min.time())
    end = datetime.combine(day, datetime.max.time())
    with desk.sessions() as session:
        rows = session.scalars(
            select(Dossier).where(Dossier.received_at.between(start, end)).order_by(Dossier.received_at.desc(),
                                                                                   Dossier.id.desc())
        ).all()
        return list(rows)
