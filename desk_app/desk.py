"""The desk: everything a use case needs (settings, database, archive, catalog, calendar), built once.

The GUI, the CLI and the tests all open a :class:`Desk` and call services with it; there is no global.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desk_app.catalog.procedures import ProcedureCatalog
from desk_app.config import Settings, data_dir
from desk_app.domain.calendar import OfficeHours, WorkingCalendar
from desk_app.storage.archive import FileArchive
from desk_app.storage.db import make_engine, make_session_factory, upgrade_database
from scanning.durable import make_private, make_private_dir
from scanning.spool import Spool


# Folders of the data folder that hold citizens' data (docs/SECURITY.md, "Dữ liệu lưu trữ").
_PRIVATE_SUBFOLDERS = ("files", "spool", "receipts", "forms", "signing", "sandbox")


def _private_data_folder(folder: Path) -> None:
    """The data folder is 0700 and its known sub-folders too (folders made by an older version included)."""
    make_private_dir(folder)
    make_private(folder)
    for name in _PRIVATE_SUBFOLDERS:
        if (folder / name).is_dir():
            make_private(folder / name)


@dataclass
class Desk:
    settings: Settings
    folder: Path
    engine: Engine
    sessions: sessionmaker[Session]
    archive: FileArchive
    catalog: ProcedureCatalog
    calendar: WorkingCalendar
    office_hours: OfficeHours

    @classmethod
    def open(cls, folder: Path | None = None, settings: Settings | None = None,
             upgrade: bool = True) -> "Desk":
        folder = Path(folder) if folder else data_dir()
        _private_data_folder(folder)
        settings = settings or Settings.load(folder)
        engine = make_engine(settings.database_url_or_default(folder))
        if upgrade:
            upgrade_database(engine)
        return cls(
            settings=settings,
            folder=folder,
            engine=engine,
            sessions=make_session_factory(engine),
            archive=FileArchive(folder / "files"),
            catalog=ProcedureCatalog.load_for_desk(folder),
            calendar=WorkingCalendar.load(),
            office_hours=OfficeHours.from_config({
                "sessions": settings.office_sessions,
                "saturday_morning_reception": settings.saturday_morning_reception,
            }),
        )

    @property
    def spool(self) -> Spool:
        """Captured pages wait here (durably) until their dossier is accepted."""
        return Spool(self.folder / "spool")

    @property
    def receipts_dir(self) -> Path:
        return make_private_dir(self.folder / "receipts")

    def close(self) -> None:
        self.engine.dispose()
