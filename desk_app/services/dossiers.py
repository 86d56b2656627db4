"""Finding a stored dossier by its code: one lookup and one "not found" message for every use case."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import LoaderOption

from desk_app.errors import DeskError
from desk_app.storage.models import Dossier


class DossierNotFoundError(DeskError, LookupError):
    pass


def find_dossier(session: Session, code: str, *options: LoaderOption) -> Dossier:
    """The dossier with *code* (case and surrounding spaces ignored), loading *options* with it."""
    dossier = session.scalar(select(Dossier).where(Dossier.code == code.strip().upper()).options(*options))
    if dossier is None:
        raise DossierNotFoundError(f"Không tìm thấy hồ sơ có mã «{code}».")
    return dossier
