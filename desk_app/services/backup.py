"""Encrypted backups of a desk's data (``desk-app backup`` / ``desk-app restore``).

What is in a backup: a consistent snapshot of the SQLite database (SQLite's online backup API, taken
while the app may be running), the file archive ``files/`` (scanned pages, PDFs; named by SHA-256) and
``settings.json``, in a tar stream, encrypted with a passphrase. Spool, receipts (printable again from
the database), logs and the training signing key are not included.

Encryption (authenticated, streamed: a backup of many gigabytes never sits in memory):

- key: scrypt (n = 2^17, r = 8, p = 1; 128 MiB, about half a second) of the NFC passphrase and a random
  16-byte salt, 32 bytes, for AES-256-GCM;
- header: magic ``DESKBAK\\x01``, the scrypt parameters, the salt, a random 7-byte nonce prefix, and a
  16-byte key check (the GCM tag of an empty message), so a wrong passphrase is told apart from damage;
- body: records of at most 1 MiB of plaintext, each ``length (4 bytes) + AES-GCM ciphertext``; the nonce
  is ``prefix ‖ record number (4 bytes) ‖ last-record flag (1 byte)`` and the header is the associated
  data of every record (the STREAM construction), so a changed, removed, reordered or appended byte,
  and a cut-off file, are all detected.

Restore decrypts into a private staging folder beside the target and moves it into place only after the
last record checked out and the database passed ``PRAGMA quick_check``: a wrong passphrase or a
tampered file restores nothing. Every folder is 0700 and every file 0600.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
import sqlite3
import struct
import tarfile
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from desk_app.errors import DeskError
from scanning.durable import FILE_MODE, fsync_dir, make_private, make_private_dir

MAGIC = b"DESKBAK\x01"
SUFFIX = ".deskbak"
CHUNK = 1024 * 1024
_TAG = 16
_KDF_SCRYPT = 1
SCRYPT_LOG2_N = 17
SCRYPT_R = 8
SCRYPT_P = 1
_HEADER = struct.Struct(">8sBBBB16s7s")     # magic, kdf, log2(n), r, p, salt, nonce prefix
_CHECK_COUNTER = 0xFFFFFFFF                 # nonce of the key check; records count up from 0
MIN_PASSPHRASE = 12
INFO_NAME = "BACKUP-INFO.json"
DATABASE_NAME = "desk.sqlite3"
SETTINGS_NAME = "settings.json"


class BackupError(DeskError):
    """A backup or restore that cannot be done; the message is Vietnamese."""


class WrongPassphraseError(BackupError):
    pass


class TamperedBackupError(BackupError):
    pass


def check_passphrase(passphrase: str) -> str:
    passphrase = unicodedata.normalize("NFC", passphrase or "")
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(f"Mật khẩu sao lưu phải có ít nhất {MIN_PASSPHRASE} ký tự (nên là một câu dễ nhớ). "
                          f"Hãy giữ mật khẩu ở nơi an toàn, tách khỏi tệp sao lưu: mất mật khẩu là mất bản sao lưu.")
    return passphrase


def _derive(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not (14 <= log2_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16):
        raise BackupError("Tệp sao lưu có tham số mã hóa không hợp lệ (tệp hỏng hoặc bị sửa).")
    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(
        unicodedata.normalize("NFC", passphrase).encode("utf-8"))


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter(io.RawIOBase):
    """A write-only stream: plaintext in, the encrypted backup format out to *sink*."""

    def __init__(self, sink: BinaryIO, passphrase: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        super().__init__()
        salt, self._prefix = secrets.token_bytes(16), secrets.token_bytes(7)
        key = _derive(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
        self._aead = AESGCM(key)
        head = _HEADER.pack(MAGIC, _KDF_SCRYPT, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, salt, self._prefix)
        check = self._aead.encrypt(_nonce(self._prefix, _CHECK_COUNTER, True), b"", head)
        self._header = head + check
        self._sink = sink
        self._sink.write(self._header)
        self._buffer = bytearray()
        self._counter = 0
        self._finished = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # noqa: ANN001
        self._buffer += data
        while len(self._buffer) > CHUNK:   # keep at least one byte back: the last record is written by finish()
            self._record(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _record(self, plaintext: bytes, last: bool) -> None:
        if self._counter >= _CHECK_COUNTER:
            raise BackupError("Bản sao lưu quá lớn.")
        sealed = self._aead.encrypt(_nonce(self._prefix, self._counter, last), plaintext, self._header)
        self._sink.write(len(sealed).to_bytes(4, "big") + sealed)
        self._counter += 1

    def finish(self) -> None:
        if not self._finished:
            self._record(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._finished = True


class DecryptingReader(io.RawIOBase):
    """A read-only stream of the plaintext of a backup; every byte it returns has been authenticated."""

    def __init__(self, source: BinaryIO, passphrase: str, name: str = "tệp sao lưu") -> None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        super().__init__()
        self._name = name
        self._source = source
        self._invalid_tag = InvalidTag
        raw = source.read(_HEADER.size + _TAG)
        if len(raw) < _HEADER.size + _TAG or raw[:8] != MAGIC:
            raise BackupError(f"Tệp «{name}» không phải là tệp sao lưu của desk-app (hoặc đã hỏng phần đầu).")
        magic, kdf, log2_n, r, p, salt, self._prefix = _HEADER.unpack(raw[:_HEADER.size])
        if kdf != _KDF_SCRYPT:
            raise BackupError(f"Tệp sao lưu «{name}» dùng cách mã hóa không biết (tệp hỏng hoặc bị sửa).")
        self._aead = AESGCM(_derive(passphrase, salt, log2_n, r, p))
        self._header = raw
        try:
            self._aead.decrypt(_nonce(self._prefix, _CHECK_COUNTER, True), raw[_HEADER.size:], raw[:_HEADER.size])
        except InvalidTag:
            raise WrongPassphraseError(f"Mật khẩu sao lưu không đúng (hoặc phần đầu tệp «{name}» đã bị sửa). "
                                       f"Không có gì được khôi phục.") from None
        self._counter = 0
        self._plain = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def _tampered(self, detail: str) -> TamperedBackupError:
        return TamperedBackupError(f"Tệp sao lưu «{self._name}» đã bị sửa đổi hoặc hỏng ({detail}). "
                                   f"Không có gì được khôi phục.")

    def _next_record(self) -> None:
        size_bytes = self._source.read(4)
        if not size_bytes:
            raise self._tampered("thiếu phần cuối: tệp bị cắt ngắn hoặc chép chưa xong")
        if len(size_bytes) < 4:
            raise self._tampered("phần cuối không đầy đủ")
        size = int.from_bytes(size_bytes, "big")
        if not _TAG <= size <= CHUNK + _TAG:
            raise self._tampered(f"độ dài phần {self._counter + 1} không hợp lệ")
        sealed = self._source.read(size)
        if len(sealed) < size:
            raise self._tampered("thiếu phần cuối: tệp bị cắt ngắn")
        for last in (False, True):
            try:
                plain = self._aead.decrypt(_nonce(self._prefix, self._counter, last), sealed, self._header)
            except self._invalid_tag:
                continue
            self._counter += 1
            if last:
                if self._source.read(1):
                    raise self._tampered("có dữ liệu lạ sau phần cuối")
                self._done = True
            self._plain += plain
            return
        raise self._tampered(f"phần dữ liệu thứ {self._counter + 1} không xác thực được")

    def readinto(self, buffer) -> int:  # noqa: ANN001
        while not self._plain and not self._done:
            self._next_record()
        count = min(len(buffer), len(self._plain))
        buffer[:count] = self._plain[:count]
        self._plain = self._plain[count:]
        return count

    def drain(self) -> None:
        """Read (and authenticate) to the end, so a cut-off or extended file is refused."""
        while not self._done:
            self._next_record()
        self._plain = b""


# ------------------------------------------------------------------------------------------ backup

@dataclass
class BackupResult:
    path: Path
    size: int
    files: int
    database_bytes: int


def _sqlite_path(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("Cơ sở dữ liệu trong bộ nhớ không sao lưu được.")
    return Path(parsed.database)


def _snapshot(database: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (online backup API: committed data, WAL included)."""
    if not database.is_file():
        raise BackupError(f"Không thấy cơ sở dữ liệu «{database}»; hãy chạy «desk-app init» trước.")
    source = sqlite3.connect(str(database), timeout=30)
    try:
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")   # one self-contained file
        finally:
            copy.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Không chụp được cơ sở dữ liệu để sao lưu: {exc}") from exc
    finally:
        source.close()


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> None:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = FILE_MODE
    with open(path, "rb") as handle:
        tar.addfile(info, handle)


def backup_desk(folder: Path, out_dir: Path, passphrase: str, *, database_url: str | None = None,
                agency_id: str = "", when=None) -> BackupResult:  # noqa: ANN001
    """Write an encrypted backup of the data folder *folder* into *out_dir*; returns where it is."""
    from desk_app import __version__
    from desk_app.clock import now_local
    from desk_app.config import SETTINGS_FILE, Settings

    passphrase = check_passphrase(passphrase)
    folder = Path(folder)
    if database_url is None:
        database_url = Settings.load(folder).database_url_or_default(folder)
    database = _sqlite_path(database_url)
    if database is None:
        raise BackupError("Cơ sở dữ liệu của quầy là PostgreSQL: hãy sao lưu nó trên máy chủ (pg_dump, mã hóa); "
                          "lệnh này sao lưu cơ sở dữ liệu SQLite của quầy cùng các tệp.")
    when = when or now_local()
    out_dir = make_private_dir(out_dir)
    final = out_dir / f"desk-app-backup-{when:%Y%m%d-%H%M%S}{SUFFIX}"
    staging = Path(tempfile.mkdtemp(prefix=".sao-luu-", dir=folder))   # 0700, on the data's own disk
    fd, tmp_name = tempfile.mkstemp(dir=out_dir, prefix=f".{final.name}.", suffix=".tmp")   # 0600
    try:
        snapshot = staging / DATABASE_NAME
        _snapshot(database, snapshot)
        archive = folder / "files"
        pages = sorted(p for p in archive.rglob("*") if p.is_file() and p.parent.name != "incoming"
                       and not p.name.startswith(".")) if archive.is_dir() else []
        info = {"format": 1, "app_version": __version__, "created_at": when.isoformat(timespec="seconds"),
                "agency_id": agency_id, "files": len(pages), "database": DATABASE_NAME,
                "database_bytes": snapshot.stat().st_size}
        with os.fdopen(fd, "wb") as sink:
            writer = EncryptingWriter(sink, passphrase)
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                data = json.dumps(info, ensure_ascii=False, indent=1).encode("utf-8")
                member = tarfile.TarInfo(INFO_NAME)
                member.size, member.mode, member.mtime = len(data), FILE_MODE, int(when.timestamp())
                tar.addfile(member, io.BytesIO(data))
                _add_file(tar, snapshot, DATABASE_NAME)
                settings = folder / SETTINGS_FILE
                if settings.is_file():
                    _add_file(tar, settings, SETTINGS_NAME)
                for page in pages:
                    _add_file(tar, page, "files/" + page.relative_to(archive).as_posix())
            writer.finish()
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(tmp_name, final)
        fsync_dir(out_dir)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BackupResult(final, final.stat().st_size, len(pages), info["database_bytes"])


# ----------------------------------------------------------------------------------------- restore

@dataclass
class RestoreResult:
    folder: Path
    files: int
    info: dict = field(default_factory=dict)
    moved_aside: Path | None = None
    warnings: list[str] = field(default_factory=list)


def _member_path(root: Path, name: str) -> Path:
    """Where a tar member may go: only the backup's own names, never outside *root*."""
    pure = PurePosixPath(name)
    parts = pure.parts
    allowed_top = parts and (name in (INFO_NAME, DATABASE_NAME, SETTINGS_NAME) or parts[0] == "files")
    if (not allowed_top or pure.is_absolute() or any(p in ("", ".", "..") for p in parts)
            or "\\" in name or "\x00" in name):
        raise TamperedBackupError(f"Tệp sao lưu chứa tên không hợp lệ «{name[:80]}»; không khôi phục.")
    return root.joinpath(*parts)


def _extract(reader: DecryptingReader, root: Path) -> tuple[int, dict]:
    files, info = 0, {}
    with tarfile.open(fileobj=reader, mode="r|") as tar:
        for member in tar:
            if member.isdir():
                make_private_dir(_member_path(root, member.name))
                continue
            if not member.isfile():
                raise TamperedBackupError(f"Tệp sao lưu chứa mục không phải tệp thường «{member.name[:80]}».")
            target = _member_path(root, member.name)
            make_private_dir(target.parent)
            source = tar.extractfile(member)
            with open(target, "xb", opener=lambda p, f: os.open(p, f, FILE_MODE)) as out:
                shutil.copyfileobj(source, out, CHUNK)
                out.flush()
                os.fsync(out.fileno())
            if member.name == INFO_NAME:
                try:
                    info = json.loads(target.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    info = {}
            elif member.name.startswith("files/"):
                files += 1
    reader.drain()
    return files, info


def restore_backup(backup_file: Path, target: Path, passphrase: str, *, force: bool = False, when=None) -> RestoreResult:  # noqa: ANN001
    """Restore *backup_file* into the folder *target* (which must be empty or absent, unless *force*:
    then its old content is moved aside to ``<target>.truoc-khoi-phuc-<time>``, never deleted)."""
    from desk_app.clock import now_local

    backup_file, target = Path(backup_file), Path(target)
    if not backup_file.is_file():
        raise BackupError(f"Không thấy tệp sao lưu «{backup_file}».")
    if target.exists() and not target.is_dir():
        raise BackupError(f"«{target}» không phải là thư mục.")
    occupied = target.is_dir() and any(target.iterdir())
    if occupied and not force:
        raise BackupError(f"Thư mục «{target}» không trống; không khôi phục đè lên dữ liệu đang có. Hãy chọn một "
                          f"thư mục trống, hoặc thêm --force (dữ liệu cũ sẽ được chuyển sang một thư mục bên cạnh, "
                          f"không bị xóa).")
    parent = make_private_dir(target.resolve().parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.khoi-phuc-", dir=parent))
    try:
        with open(backup_file, "rb") as source:
            reader = DecryptingReader(io.BufferedReader(source, CHUNK), passphrase, backup_file.name)
            try:
                files, info = _extract(reader, staging)
            except tarfile.TarError as exc:   # authentic bytes that are not our tar: not made by desk-app
                raise BackupError(f"Tệp sao lưu «{backup_file.name}» không đúng định dạng ({exc}).") from exc
        database = staging / DATABASE_NAME
        if not database.is_file():
            raise BackupError(f"Tệp sao lưu «{backup_file.name}» không chứa cơ sở dữ liệu.")
        connection = sqlite3.connect(str(database))
        try:
            state = connection.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.Error as exc:
            state = str(exc)
        finally:
            connection.close()
        if state != "ok":
            raise BackupError(f"Cơ sở dữ liệu trong bản sao lưu bị hỏng ({state}).")
        make_private(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    moved_aside = None
    if target.is_dir():
        if any(target.iterdir()):
            stamp = (when or now_local()).strftime("%Y%m%d-%H%M%S")
            moved_aside = target.with_name(f"{target.name}.truoc-khoi-phuc-{stamp}")
            os.replace(target, moved_aside)
        else:
            target.rmdir()
    os.replace(staging, target)
    fsync_dir(parent)
    result = RestoreResult(target, files, info, moved_aside)
    settings = target / SETTINGS_NAME
    if settings.is_file():
        try:
            url = json.loads(settings.read_text(encoding="utf-8")).get("database_url")
        except (OSError, ValueError, AttributeError):
            url = None
        if url:
            result.warnings.append(f"settings.json có database_url riêng; cơ sở dữ liệu đã khôi phục nằm ở "
                                   f"«{target / DATABASE_NAME}»: hãy sửa database_url nếu cần.")
    return result
