"""Content-addressed file archive: every scanned page, PDF and receipt is stored once, named by SHA-256.

Order of operations that keeps references honest: the file is written (temp + fsync + rename) *before*
the database row that refers to it is committed. A crash in between leaves an unreferenced file, which
:meth:`FileArchive.orphans` finds and :meth:`FileArchive.remove_orphans` cleans up; it can never leave a
row pointing at a file that is not there.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable

from desk_app.errors import DeskError
from scanning.durable import fsync_dir, make_private_dir

_CHUNK = 1024 * 1024


class ArchiveError(DeskError, OSError):
    """A stored file is missing or does not match its hash."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    path: Path


class FileArchive:
    def __init__(self, root: Path) -> None:
        self.root = make_private_dir(root)   # folders 0700; files are created 0600 (mkstemp)
        self._incoming = make_private_dir(self.root / "incoming")

    def path_for(self, sha256: str) -> Path:
        """Two levels of folders keep any one folder small: ab/cd/abcd…"""
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def store_bytes(self, data: bytes) -> StoredFile:
        import io

        return self.store_stream(io.BytesIO(data))

    def store_file(self, source: Path) -> StoredFile:
        with open(source, "rb") as handle:
            return self.store_stream(handle)

    def store_stream(self, stream: BinaryIO) -> StoredFile:
        """Copy *stream* into the archive durably; returns its hash. Storing the same bytes twice is a no-op."""
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self._incoming, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path_for(sha)
            if final.exists():
                Path(tmp_name).unlink()
            else:
                make_private_dir(final.parent)
                os.replace(tmp_name, final)
                fsync_dir(final.parent)
            return StoredFile(sha, size, final)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def read_bytes(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        if not path.is_file():
            raise ArchiveError(f"Không tìm thấy tệp lưu trữ {sha256}")
        return path.read_bytes()

    def verify(self, sha256: str) -> bool:
        """True when the stored bytes still hash to their name (detects disk corruption)."""
        path = self.path_for(sha256)
        if not path.is_file():
            return False
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha256

    def all_hashes(self) -> set[str]:
        return {
            p.name
            for p in self.root.glob("??/??/*")
            if p.is_file() and len(p.name) == 64
        }

    def orphans(self, referenced: Iterable[str], older_than_seconds: float = 3600) -> set[str]:
        """Stored files no database row refers to, old enough not to belong to a transaction in flight."""
        cutoff = time.time() - older_than_seconds
        referenced = set(referenced)
        return {
            sha for sha in self.all_hashes() - referenced
            if self.path_for(sha).stat().st_mtime < cutoff
        }

    def remove_orphans(self, referenced: Iterable[str], older_than_seconds: float = 3600) -> int:
        removed = 0
        for sha in self.orphans(referenced, older_than_seconds):
            self.path_for(sha).unlink(missing_ok=True)
            removed += 1
        # Leftover partial writes from a crash mid-copy.
        for part in self._incoming.glob("*.part"):
            if part.stat().st_mtime < time.time() - older_than_seconds:
                part.unlink(missing_ok=True)
        return removed
