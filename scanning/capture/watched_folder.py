"""Scan-to-folder: take the files an office scanner (or a colleague) drops into a folder.

Rules, so that nothing is lost or taken twice:
- a file is taken only when it is *stable*: same size and modification time over ``stable_seconds``
  (scanners write in bursts), non-empty, and readable as pages;
- taking is journalled by content hash (``đã nhận/nhật-ký.jsonl``, fsync'd) and the file is moved into
  ``đã nhận/`` under its SHA-256 name, so the scan folder only ever shows what is still to come;
- a file whose bytes were already taken is a duplicate (scanner re-sent it): it is not taken again;
- delivery is at-least-once with stable page ids (derived from the hash), so a consumer that stores by
  page id (``SpoolBatch.add_page``) gets exactly-once: a claim that crashed before its pages were
  stored is delivered again on the next start;
- a stable file that cannot be read as pages (damaged, not a page format, hostile: read in a child process
  with a time and memory limit, see :mod:`scanning.untrusted`) is moved to ``không đọc được/`` with the
  reason journalled, never deleted, and the next file is taken: one bad file never blocks the inbox;
- a stable empty (0-byte) file is left where it is and reported; a one-shot pass does not wait for it.
Polling (not inotify) because scan folders are often network shares where change notification is
unreliable; one ``scandir`` every half second costs nothing.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scanning.capture.base import (
    CaptureBatch,
    CapturedPage,
    CaptureError,
    CaptureOptions,
    CaptureSource,
    DeviceInfo,
)
from scanning.durable import append_json_line, fsync_dir, make_private_dir
from scanning.file_import import PageImportError, read_page_images
from scanning.spool import read_journal
from scanning.vntime import local_now

TAKEN_DIR = "đã nhận"
REJECTED_DIR = "không đọc được"
JOURNAL = "nhật-ký.jsonl"
SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf", ".bmp", ".webp"}
_PAGE_NS = uuid.UUID("6f1d3c9e-6a4b-4e0e-9d55-0b7f1d2c3a41")   # namespace for page ids from file hashes


def page_id_for(sha256: str, index: int) -> str:
    return uuid.uuid5(_PAGE_NS, f"{sha256}:{index}").hex


@dataclass(frozen=True)
class TakenFile:
    sha256: str
    original_name: str
    path: Path             # where the file now lives (inside ``đã nhận``)
    imported: tuple = field(default=(), compare=False, repr=False)   # pages decoded when the file was checked

    def pages(self) -> list[CapturedPage]:
        """The file's pages with stable ids (the same file always gives the same ids)."""
        imported = self.imported or read_page_images(self.path)
        many = len(imported) > 1
        return [CapturedPage(p.data, p.media_type, p.width, p.height, p.dpi,
                             f"{self.original_name} (trang {i})" if many else self.original_name,
                             page_id_for(self.sha256, i))
                for i, p in enumerate(imported, start=1)]


@dataclass
class PollResult:
    taken: list[TakenFile] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)          # original names
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (original name, Vietnamese reason)
    waiting: int = 0                                               # files seen but not yet stable
    empty: list[str] = field(default_factory=list)                 # stable 0-byte files, left in place


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class WatchedFolder:
    """The folder and its journal. ``poll()`` is one pass; call it every ``poll_interval`` seconds."""

    MAX_PER_POLL = 8   # bounds the memory of one pass (a dropped 100-page PDF is decoded when taken)

    def __init__(self, folder: Path, *, stable_seconds: float = 2.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise CaptureError(f"Thư mục nhận bản quét «{self.folder}» không tồn tại hoặc không phải thư mục.")
        self.taken_dir = make_private_dir(self.folder / TAKEN_DIR)
        self.journal = self.taken_dir / JOURNAL
        self.stable_seconds = stable_seconds
        self.clock = clock
        self._seen: dict[str, tuple[int, int, float]] = {}   # name → (size, mtime_ns, since)
        self._lock = threading.Lock()

    # -- journal ---------------------------------------------------------------------------------
    def _state(self) -> tuple[dict[str, dict], set[str]]:
        claimed: dict[str, dict] = {}
        delivered: set[str] = set()
        for event in read_journal(self.journal):
            if event.get("event") == "claimed":
                claimed[event["sha256"]] = event
            elif event.get("event") == "rejected":   # a claimed file that could not be delivered after all
                claimed.pop(event.get("sha256", ""), None)
            elif event.get("event") == "delivered":
                delivered.add(event["sha256"])
        return claimed, delivered

    def _log(self, **event) -> None:
        event["at"] = local_now().isoformat(timespec="seconds")
        append_json_line(self.journal, event)

    def pending(self) -> list[TakenFile]:
        """Files claimed but not delivered (the app stopped in between): deliver these first."""
        claimed, delivered = self._state()
        result = []
        for sha, event in claimed.items():
            if sha in delivered:
                continue
            stored = self.taken_dir / event["stored"]
            original = self.folder / event["original"]
            if not stored.exists() and original.exists() and _sha256(original) == sha:
                os.replace(original, stored)   # crashed between journalling and moving: finish the move
                fsync_dir(self.taken_dir)
                fsync_dir(self.folder)
            if stored.exists():
                result.append(TakenFile(sha, _nfc(event["original"]), stored))
        return result

    def mark_delivered(self, taken: TakenFile) -> None:
        """Call after every page of *taken* is durably stored by the consumer."""
        with self._lock:
            self._log(event="delivered", sha256=taken.sha256)

    def reject_taken(self, taken: TakenFile, reason: str) -> None:
        """A claimed file whose pages cannot be read after all (e.g. re-read after a crash): set aside."""
        with self._lock:
            if taken.path.exists():
                self._move_to_rejected(taken.path, taken.original_name)
            self._log(event="rejected", sha256=taken.sha256, original=taken.original_name, reason=reason)

    def _move_to_rejected(self, path: Path, original: str) -> Path:
        rejected_dir = make_private_dir(self.folder / REJECTED_DIR)
        target = rejected_dir / f"{uuid.uuid4().hex[:8]}-{original}"
        os.replace(path, target)
        fsync_dir(rejected_dir)
        fsync_dir(path.parent)
        return target

    # -- scanning the folder ---------------------------------------------------------------------
    def poll(self) -> PollResult:
        with self._lock:
            return self._poll()

    def _poll(self) -> PollResult:
        result = PollResult()
        now = self.clock()
        present = set()
        try:
            entries = sorted(os.scandir(self.folder), key=lambda e: e.name)
        except OSError as exc:
            raise CaptureError(f"Không đọc được thư mục nhận bản quét «{self.folder}»: {exc.strerror or exc}") from exc
        for entry in entries:
            name = entry.name
            if name.startswith((".", "~$")) or Path(name).suffix.lower() not in SUFFIXES:
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue   # vanished between listing and stat
            present.add(name)
            size, mtime = stat.st_size, stat.st_mtime_ns
            previous = self._seen.get(name)
            if previous is None or previous[:2] != (size, mtime):
                self._seen[name] = (size, mtime, now)
                result.waiting += 1
                continue
            if now - previous[2] < self.stable_seconds or len(result.taken) >= self.MAX_PER_POLL:
                result.waiting += 1
                continue
            if size == 0:
                # Stable but empty: the scanner gave up or has not started writing. Left in place (taken
                # once it fills up), reported, and not waited for: ``watch --once`` must end.
                result.empty.append(_nfc(name))
                continue
            self._take(Path(entry.path), result)
            self._seen.pop(name, None)
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return result

    def _take(self, path: Path, result: PollResult) -> None:
        original = _nfc(path.name)
        try:
            with open(path, "rb"):
                pass   # still locked by the writer (Windows shares): try again on the next pass
            sha = _sha256(path)
        except OSError:
            result.waiting += 1
            return
        claimed, _ = self._state()
        if sha in claimed:
            # Same bytes already taken: the stored copy is identical, so dropping this one loses nothing.
            self._log(event="duplicate", sha256=sha, original=original)
            path.unlink(missing_ok=True)
            fsync_dir(self.folder)
            result.duplicates.append(original)
            return
        try:
            imported = tuple(read_page_images(path))
        except PageImportError as exc:   # damaged or hostile (see scanning.untrusted): set aside, go on
            self._move_to_rejected(path, path.name)
            self._log(event="rejected", sha256=sha, original=original, reason=str(exc))
            result.rejected.append((original, str(exc)))
            return
        stored = self.taken_dir / f"{sha}{path.suffix.lower()}"
        self._log(event="claimed", sha256=sha, original=path.name, stored=stored.name)
        os.replace(path, stored)
        fsync_dir(self.taken_dir)
        fsync_dir(self.folder)
        result.taken.append(TakenFile(sha, original, stored, imported))


class WatchedFolderSource(CaptureSource):
    """A scan folder as a capture source: a batch yields pages as stable files appear.

    With ``once=True`` the batch ends when the folder holds no more files to take (``desk-app watch --once``);
    otherwise it runs until cancelled or ``max_pages``.
    """

    kind = "folder"

    def __init__(self, folder: Path, *, stable_seconds: float = 2.0, poll_interval: float = 0.5,
                 once: bool = False, clock: Callable[[], float] = time.monotonic) -> None:
        self.watched = WatchedFolder(folder, stable_seconds=stable_seconds, clock=clock)
        self.poll_interval = poll_interval
        self.once = once
        self.rejected: list[tuple[str, str]] = []
        self.empty: set[str] = set()     # stable 0-byte files seen (left in the folder)

    def discover(self) -> list[DeviceInfo]:
        return [DeviceInfo(str(self.watched.folder), f"Thư mục quét {self.watched.folder}", "folder")]

    def start_batch(self, options: CaptureOptions | None = None) -> WatchedFolderBatch:
        return WatchedFolderBatch(self, options or CaptureOptions())


class WatchedFolderBatch(CaptureBatch):
    def __init__(self, source: WatchedFolderSource, options: CaptureOptions) -> None:
        super().__init__()
        self.source = source
        self.options = options

    def __iter__(self) -> Iterator[CapturedPage]:
        watched = self.source.watched
        count = 0
        queue = list(watched.pending())
        while not self.cancelled:
            if not queue:
                result = watched.poll()
                self.source.rejected.extend(result.rejected)
                self.source.empty.update(result.empty)
                queue.extend(result.taken)
                if not queue:
                    if self.source.once and result.waiting == 0:
                        return
                    self._cancelled.wait(self.source.poll_interval)
                    continue
            taken = queue.pop(0)
            try:
                pages = taken.pages()
            except PageImportError as exc:   # a claimed file that no longer reads: set aside, go on
                watched.reject_taken(taken, str(exc))
                self.source.rejected.append((taken.original_name, str(exc)))
                continue
            for page in pages:
                yield page          # resumes only after the consumer has stored the page
                count += 1
            watched.mark_delivered(taken)
            if self.options.max_pages and count >= self.options.max_pages:
                return
