"""Start-up checks that keep the archive and the database consistent after a crash or power cut."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desk_app.desk import Desk
from desk_app.storage.models import Page, StoredFileRecord


@dataclass(frozen=True)
class ArchiveReport:
    dangling: list[str]        # referenced by the database but missing on disk (must never happen)
    orphans_removed: int       # on disk but referenced by nothing (left by an interrupted intake)


def referenced_hashes(desk: Desk) -> set[str]:
    with desk.sessions() as session:
        return set(session.scalars(select(StoredFileRecord.sha256))) | set(
            session.scalars(select(Page.file_sha256)))


def check_archive(desk: Desk, orphan_age_seconds: float = 3600) -> ArchiveReport:
    """List dangling references and remove old unreferenced files.

    Files younger than *orphan_age_seconds* are kept: they may belong to a dossier the clerk is still
    entering (pages are archived before the dossier is accepted).
    """
    referenced = referenced_hashes(desk)
    dangling = sorted(sha for sha in referenced if not desk.archive.exists(sha))
    removed = desk.archive.remove_orphans(referenced, orphan_age_seconds)
    return ArchiveReport(dangling, removed)
