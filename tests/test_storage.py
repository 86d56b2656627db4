"""Storage: migrations from the first revision, WAL mode, archive durability and crash consistency."""

import os
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import inspect, select, text

from desk_app.services.maintenance import check_archive, referenced_hashes
from desk_app.storage.archive import FileArchive
from desk_app.storage.db import make_engine, schema_is_current, upgrade_database
from desk_app.storage.models import Dossier, OutboxItem, Page


def test_migrations_apply_on_an_empty_database_and_are_idempotent(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'trống.sqlite3'}")
    upgrade_database(engine)
    upgrade_database(engine)  # a second run changes nothing
    assert schema_is_current(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"users", "dossiers", "dossier_components", "pages", "stored_files", "status_changes",
            "audit_log", "outbox", "sequence_counters", "alembic_version"} <= tables
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_archive_names_files_by_hash_and_stores_each_once(tmp_path):
    archive = FileArchive(tmp_path / "kho tệp")
    first = archive.store_bytes("Giấy chứng sinh".encode())
    second = archive.store_bytes("Giấy chứng sinh".encode())
    assert first.sha256 == second.sha256 and len(first.sha256) == 64
    assert first.path.name == first.sha256
    assert archive.all_hashes() == {first.sha256}
    assert archive.verify(first.sha256)
    first.path.write_bytes(b"corrupted")
    assert not archive.verify(first.sha256)


def test_failed_transaction_after_writing_a_file_leaves_no_reference(desk, clerk, page_files):
    from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages

    pages = store_pages(desk, page_files)
    with pytest.raises(Exception):
        # An unknown procedure makes the use case fail after the files are already archived.
        accept_dossier(desk, clerk, IntakeRequest("9.999999", "Lê Văn Đức", pages=pages, outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ"))
    with desk.sessions() as session:
        assert session.scalars(select(Page)).all() == []
    report = check_archive(desk, orphan_age_seconds=0)
    assert report.dangling == [] and report.orphans_removed == 2
    assert desk.archive.all_hashes() == set()


KILLED_INTAKE = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from desk_app.desk import Desk
    from desk_app.services.reception import store_pages
    from desk_app.storage.models import Page, StoredFileRecord, Dossier
    desk = Desk.open(Path(sys.argv[1]))
    pages = store_pages(desk, [Path(sys.argv[2])])
    session = desk.sessions()
    session.begin()
    session.add(StoredFileRecord(sha256=pages[0].sha256, size=pages[0].size, media_type="image/png"))
    session.flush()
    os.kill(os.getpid(), 9)   # power cut between writing the file and committing
""")


@pytest.mark.slow
def test_process_killed_between_file_write_and_commit_loses_nothing_and_dangles_nothing(
        desk, data_folder, page_files):
    result = subprocess.run([sys.executable, "-c", KILLED_INTAKE, str(data_folder), str(page_files[0])],
                            capture_output=True, text=True, timeout=120, cwd=os.getcwd())
    assert result.returncode == -9, result.stderr
    # After the "power cut": the file is on disk, the database refers to nothing missing.
    assert len(desk.archive.all_hashes()) == 1
    assert referenced_hashes(desk) == set()
    report = check_archive(desk, orphan_age_seconds=0)
    assert report.dangling == [] and report.orphans_removed == 1


def test_accepted_dossier_commits_with_its_outbox_row(desk, clerk, page_files):
    from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages

    accepted = accept_dossier(desk, clerk, IntakeRequest("1.001193", "Trần Thị Hồng Nhung",
                                                         pages=store_pages(desk, page_files), outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ"))
    with desk.sessions() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == accepted.code))
        outbox = session.scalars(select(OutboxItem).where(OutboxItem.dossier_id == dossier.id)).all()
    assert [o.action for o in outbox] == ["dossier.create"] and outbox[0].state == "ready"
    assert all(desk.archive.exists(sha) for sha in referenced_hashes(desk))


def test_migrations_form_a_single_line_that_matches_the_models(tmp_path):
    """One head after the merge revision, and no difference between migrations and models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from desk_app.storage.db import alembic_config
    from desk_app.storage.models import Base
    import desk_app.storage.forms_models, desk_app.storage.identity_models  # noqa: E401, F401
    import desk_app.storage.ocr_models, desk_app.storage.sync_models  # noqa: E401, F401
    import desk_app.storage.day_models, desk_app.storage.postal_models  # noqa: E401, F401

    url = f"sqlite:///{tmp_path / 'lược đồ.sqlite3'}"
    assert len(ScriptDirectory.from_config(alembic_config(url)).get_heads()) == 1
    engine = make_engine(url)
    upgrade_database(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    # FTS5 shadow tables of the full-text index are created by hand and are not models.
    # FTS5 virtual tables (ocr_fts, dossier_fts) are made by the migrations; SQLAlchemy cannot describe them.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.split("_fts")[0] in ("ocr", "dossier")
                                    and "_fts" in d[1].name)]
    assert diff == []


def test_revision_ids_fit_alembic_version_on_postgresql():
    """alembic_version.version_num is VARCHAR(32) on PostgreSQL: a longer id fails there only (seen in CI)."""
    from alembic.script import ScriptDirectory

    from desk_app.storage.db import alembic_config

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    too_long = [r.revision for r in script.walk_revisions() if len(r.revision) > 32]
    assert too_long == []
