"""Encrypted backups (issue 13, "What must exist" §4): round trip, wrong passphrase, tampering, modes."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from desk_app.cli import main

PASSPHRASE = "Trăng-rằm-tháng-Tám-sáng-tỏ"
CITIZEN = "Nguyễn Thị Ánh Tuyết 038096001234".encode("utf-8")


@pytest.fixture
def filled_desk(desk, data_folder):
    """A desk with a database row, an archived page and settings (what a backup must carry)."""
    from desk_app.config import Settings

    page = desk.archive.store_bytes(b"PAGE:" + CITIZEN * 200)
    Settings(agency_name="UBND XÃ KIỂM THỬ").save(data_folder)
    with sqlite3.connect(data_folder / "desk.sqlite3") as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS kiem_thu (ten TEXT)")
        connection.execute("INSERT INTO kiem_thu VALUES (?)", (CITIZEN.decode("utf-8"),))
    return page


def _backup(tmp_path, monkeypatch, passphrase: str = PASSPHRASE) -> Path:
    monkeypatch.setenv("DESK_APP_BACKUP_PASSPHRASE", passphrase)
    out = tmp_path / "USB sao lưu"
    assert main(["backup", "--to", str(out)]) == 0
    (backup,) = out.iterdir()
    return backup


def _modes(root: Path) -> set[tuple[str, int]]:
    return {("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode)) for p in [root, *root.rglob("*")]}


def test_backup_and_restore_round_trip(filled_desk, tmp_path, monkeypatch, capsys):
    backup = _backup(tmp_path, monkeypatch)
    assert backup.suffix == ".deskbak" and stat.S_IMODE(backup.stat().st_mode) == 0o600
    raw = backup.read_bytes()
    assert CITIZEN not in raw and b"SQLite format 3" not in raw and b"settings.json" not in raw   # encrypted

    target = tmp_path / "Khôi phục" / "dữ liệu"
    assert main(["restore", str(backup), "--to", str(target)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().err
    with sqlite3.connect(target / "desk.sqlite3") as connection:
        assert connection.execute("SELECT ten FROM kiem_thu").fetchall() == [(CITIZEN.decode("utf-8"),)]
        assert connection.execute("SELECT count(*) FROM alembic_version").fetchone()[0] >= 1
    restored_page = target / "files" / filled_desk.sha256[:2] / filled_desk.sha256[2:4] / filled_desk.sha256
    assert restored_page.read_bytes() == filled_desk.path.read_bytes()
    assert "UBND XÃ KIỂM THỬ" in (target / "settings.json").read_text(encoding="utf-8")
    assert _modes(target) <= {("dir", 0o700), ("file", 0o600)}
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]   # no staging left behind

    from desk_app.desk import Desk

    restored = Desk.open(target)   # a working desk
    try:
        assert restored.archive.verify(filled_desk.sha256)
        assert restored.settings.agency_name == "UBND XÃ KIỂM THỬ"
    finally:
        restored.close()


def test_a_wrong_passphrase_restores_nothing(filled_desk, tmp_path, monkeypatch, capsys):
    backup = _backup(tmp_path, monkeypatch)
    monkeypatch.setenv("DESK_APP_BACKUP_PASSPHRASE", "Trăng-rằm-tháng-Giêng-mờ")
    target = tmp_path / "khôi phục"
    assert main(["restore", str(backup), "--to", str(target)]) == 2
    assert "Mật khẩu sao lưu không đúng" in capsys.readouterr().err
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("where", ["body", "last", "cut", "extra"])
def test_a_tampered_or_cut_backup_restores_nothing(filled_desk, tmp_path, monkeypatch, capsys, where):
    backup = _backup(tmp_path, monkeypatch)
    data = bytearray(backup.read_bytes())
    if where == "body":
        data[len(data) // 2] ^= 0x01          # one bit in the middle
    elif where == "last":
        data[-1] ^= 0x80                      # the last tag
    elif where == "cut":
        del data[-100:]                       # copied only in part
    else:
        data += b"\x00\x00\x00\x20" + bytes(32)   # a record appended
    backup.write_bytes(bytes(data))
    target = tmp_path / "khôi phục"
    assert main(["restore", str(backup), "--to", str(target)]) == 2
    err = capsys.readouterr().err
    assert "đã bị sửa đổi hoặc hỏng" in err and "Không có gì được khôi phục" in err
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_restore_refuses_a_folder_in_use_unless_forced(filled_desk, tmp_path, monkeypatch, capsys):
    backup = _backup(tmp_path, monkeypatch)
    target = tmp_path / "đang dùng"
    target.mkdir()
    (target / "ghi chú.txt").write_text("dữ liệu đang có", encoding="utf-8")
    assert main(["restore", str(backup), "--to", str(target)]) == 2
    assert "không trống" in capsys.readouterr().err and (target / "ghi chú.txt").exists()

    assert main(["restore", str(backup), "--to", str(target), "--force"]) == 0
    assert (target / "desk.sqlite3").is_file() and not (target / "ghi chú.txt").exists()
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith("đang dùng.truoc-khoi-phuc-")]
    assert (aside / "ghi chú.txt").read_text(encoding="utf-8") == "dữ liệu đang có"   # moved, never deleted


def test_backup_needs_a_real_passphrase_and_never_takes_it_from_the_command_line(filled_desk, tmp_path,
                                                                                  monkeypatch, capsys):
    monkeypatch.setenv("DESK_APP_BACKUP_PASSPHRASE", "ngắn")
    assert main(["backup", "--to", str(tmp_path / "ra")]) == 2
    assert "ít nhất 12 ký tự" in capsys.readouterr().err
    monkeypatch.delenv("DESK_APP_BACKUP_PASSPHRASE")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["backup", "--to", str(tmp_path / "ra")]) == 2
    assert "DESK_APP_BACKUP_PASSPHRASE" in capsys.readouterr().err
    assert not (tmp_path / "ra").exists() or not list((tmp_path / "ra").iterdir())


def test_a_backup_taken_while_the_desk_writes_is_consistent(filled_desk, desk, data_folder, tmp_path, monkeypatch):
    from desk_app.services.backup import DecryptingReader, backup_desk

    # An open write transaction (uncommitted) is not in the snapshot; committed WAL content is.
    writer = sqlite3.connect(data_folder / "desk.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO kiem_thu VALUES ('chưa lưu')")
    try:
        result = backup_desk(data_folder, tmp_path / "ra", PASSPHRASE)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    import tarfile

    with open(result.path, "rb") as handle:
        with tarfile.open(fileobj=DecryptingReader(handle, PASSPHRASE), mode="r|") as tar:
            names = []
            for member in tar:
                names.append(member.name)
                if member.name == "desk.sqlite3":
                    copy = tmp_path / "bản chụp.sqlite3"
                    copy.write_bytes(tar.extractfile(member).read())
    assert names[:2] == ["BACKUP-INFO.json", "desk.sqlite3"] and "settings.json" in names
    with sqlite3.connect(copy) as connection:
        assert [r[0] for r in connection.execute("SELECT ten FROM kiem_thu")] == [CITIZEN.decode("utf-8")]
    assert os.stat(result.path).st_size == result.size
