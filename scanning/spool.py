"""Crash-safe spool for captured pages: nothing the scanner delivered is lost before it reaches a dossier.

Layout (one folder per batch)::

    <root>/<batch uuid>/journal.jsonl      one JSON event per line, fsync'd after each append
    <root>/<batch uuid>/<page uuid>.png    page images, written temp → fsync → rename → fsync(dir)

A page file is durable *and* journalled before ``add_page`` returns, and callers announce a page to
the clerk only after that, so a power cut or a crash can lose at most the page being transferred.
``Spool.recover()`` (at start-up) returns every batch whose pages were never attached to a dossier;
the journal tolerates a torn last line, and a page file renamed just before a crash but not yet
journalled is picked up too.

A batch records who scanned it (``Spool.owned_by(owner)``, the signed-in account): ``recover(owner)``
gives a user back only the pages they scanned; another user's pending batches stay untouched on disk.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from scanning.capture.base import CapturedPage
from scanning.durable import append_json_line, atomic_write_bytes, fsync_dir, make_private_dir
from scanning.vntime import local_now

JOURNAL = "journal.jsonl"
EMPTY_BATCH_GRACE_SECONDS = 60  # recover(owner) leaves a younger empty batch alone (a scan just starting)
_EXT = {"image/png": ".png", "image/jpeg": ".jpg"}
_MEDIA = {v: k for k, v in _EXT.items()}


class SpoolError(ValueError):
    """The spool folder cannot be used; the message is Vietnamese."""


def read_journal(path: Path) -> list[dict]:
    """Events of a JSON-lines journal; a torn or garbled line (crash mid-append) is skipped."""
    events = []
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return events
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            event = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(event, dict):
            events.append(event)
    return events


@dataclass(frozen=True)
class SpooledPage:
    page_id: str
    path: Path
    sha256: str
    media_type: str
    width: int
    height: int
    dpi: int
    source_name: str
    rotation: int = 0        # clockwise degrees the clerk asked for: 0, 90, 180, 270
    blank: bool = False      # marked blank by the clerk (or the clean-up's detector), kept, never dropped


class SpoolBatch:
    """One capture batch; thread-safe (the capture worker adds, the UI reads)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.id = folder.name
        self._lock = threading.Lock()
        self._pages: dict[str, SpooledPage] = {}
        self._order: list[str] = []
        self.source = ""
        self.created_at = ""
        self.owner = ""  # who scanned it ("" in batches made before owners were recorded)
        self.attached_to: str | None = None
        self._load()

    # -- reading ---------------------------------------------------------------------------------
    def _load(self) -> None:
        journal = self.folder / JOURNAL
        removed: set[str] = set()
        layout: list[dict] | None = None
        for event in read_journal(journal):
            kind = event.get("event")
            if kind == "batch":
                self.source = event.get("source", "")
                self.created_at = event.get("created_at", "")
                self.owner = str(event.get("owner", "") or "")
            elif kind == "page" and (self.folder / event.get("file", "")).is_file():
                page = SpooledPage(event["page_id"], self.folder / event["file"], event["sha256"],
                                   event["media_type"], event["width"], event["height"], event["dpi"],
                                   event.get("source_name", ""))
                if page.page_id not in self._pages:
                    self._order.append(page.page_id)
                self._pages[page.page_id] = page
            elif kind == "removed":
                removed.add(event.get("page_id", ""))
            elif kind == "layout":
                layout = event.get("pages", [])
            elif kind == "attached":
                self.attached_to = event.get("reference", "")
        # A page renamed into place just before a crash, whose journal line never made it.
        for path in sorted(self.folder.iterdir(), key=lambda p: p.stat().st_mtime_ns) if self.folder.is_dir() else []:
            if path.name.startswith(".") or path.suffix not in _MEDIA or path.stem in self._pages:
                continue
            self._adopt_orphan(path)
        if layout is not None:
            self._apply_layout(layout)
        self._order = [pid for pid in self._order if pid not in removed]

    def _adopt_orphan(self, path: Path) -> None:
        from scanning.untrusted import UntrustedFileError, open_image

        try:
            with open_image(path, formats=("JPEG", "PNG")) as image:
                width, height = image.size
                dpi = image.info.get("dpi", (0, 0))[0] or 0
        except (OSError, ValueError, UntrustedFileError):
            return   # not a complete image: nothing usable was captured
        data = path.read_bytes()
        page = SpooledPage(path.stem, path, hashlib.sha256(data).hexdigest(), _MEDIA[path.suffix], width, height,
                           int(round(float(dpi))), "trang khôi phục")
        self._pages[page.page_id] = page
        self._order.append(page.page_id)

    def _apply_layout(self, layout: list[dict]) -> None:
        order = []
        for entry in layout:
            pid = entry.get("page_id")
            if pid in self._pages and pid not in order:
                self._pages[pid] = replace(self._pages[pid], rotation=int(entry.get("rotation", 0)) % 360,
                                           blank=bool(entry.get("blank", False)))
                order.append(pid)
        # Pages captured after the last layout was saved keep their capture order at the end.
        self._order = order + [pid for pid in self._order if pid not in order]

    def pages(self) -> list[SpooledPage]:
        with self._lock:
            return [self._pages[pid] for pid in self._order]

    def page(self, page_id: str) -> SpooledPage:
        with self._lock:
            return self._pages[page_id]

    # -- writing ---------------------------------------------------------------------------------
    def add_page(self, page: CapturedPage) -> SpooledPage:
        """Store *page* durably and journal it; idempotent for a page with a stable ``page_id``."""
        page_id = page.page_id or uuid.uuid4().hex
        with self._lock:
            if page_id in self._pages:
                return self._pages[page_id]
        ext = _EXT.get(page.media_type)
        if ext is None:
            raise SpoolError(f"Định dạng ảnh «{page.media_type}» không lưu được vào hàng đợi quét.")
        path = self.folder / f"{page_id}{ext}"
        atomic_write_bytes(path, page.data)
        spooled = SpooledPage(page_id, path, hashlib.sha256(page.data).hexdigest(), page.media_type, page.width,
                              page.height, page.dpi, page.source_name)
        with self._lock:
            append_json_line(self.folder / JOURNAL, {
                "event": "page", "page_id": page_id, "file": path.name, "sha256": spooled.sha256,
                "media_type": page.media_type, "width": page.width, "height": page.height, "dpi": page.dpi,
                "source_name": page.source_name, "captured_at": local_now().isoformat(timespec="seconds")})
            self._pages[page_id] = spooled
            self._order.append(page_id)
        return spooled

    def save_layout(self, pages: list[SpooledPage]) -> None:
        """Record the clerk's order, rotations and blank marks (pages left out count as removed)."""
        keep = {p.page_id for p in pages}
        with self._lock:
            for pid in self._order:
                if pid not in keep:
                    append_json_line(self.folder / JOURNAL, {"event": "removed", "page_id": pid})
            append_json_line(self.folder / JOURNAL, {"event": "layout", "pages": [
                {"page_id": p.page_id, "rotation": p.rotation, "blank": p.blank} for p in pages]})
            for p in pages:
                if p.page_id in self._pages:
                    self._pages[p.page_id] = replace(self._pages[p.page_id], rotation=p.rotation, blank=p.blank)
            self._order = [p.page_id for p in pages if p.page_id in self._pages]

    def mark_attached(self, reference: str) -> None:
        """The pages are now in the archive (e.g. dossier *reference*); the spooled copies can go."""
        with self._lock:
            append_json_line(self.folder / JOURNAL, {"event": "attached", "reference": reference})
            self.attached_to = reference
        shutil.rmtree(self.folder, ignore_errors=True)

    def discard(self) -> None:
        """The clerk threw the whole batch away on purpose."""
        self.mark_attached("")


class Spool:
    def __init__(self, root: Path, owner: str = "") -> None:
        self.root = Path(root)
        self.owner = owner  # recorded in every batch this spool opens
        try:
            make_private_dir(self.root)
        except OSError as exc:
            raise SpoolError(f"Không tạo được thư mục lưu tạm trang quét «{self.root}»: {exc.strerror or exc}") from exc

    def owned_by(self, owner: str) -> "Spool":
        """The same spool, opening batches recorded as scanned by *owner* (e.g. ``user:7``)."""
        return Spool(self.root, owner)

    def open_batch(self, source: str = "") -> SpoolBatch:
        folder = make_private_dir(self.root / uuid.uuid4().hex)
        fsync_dir(self.root)
        event = {"event": "batch", "source": source, "created_at": local_now().isoformat(timespec="seconds")}
        if self.owner:
            event["owner"] = self.owner
        append_json_line(folder / JOURNAL, event)
        return SpoolBatch(folder)

    def batch(self, batch_id: str) -> SpoolBatch:
        folder = self.root / batch_id
        if not folder.is_dir():
            raise SpoolError(f"Không tìm thấy lượt quét «{batch_id}» trong thư mục lưu tạm.")
        return SpoolBatch(folder)

    def recover(self, owner: str | None = None) -> list[SpoolBatch]:
        """Batches with captured pages never attached to a dossier (oldest first); tidies the rest.

        With *owner* (at sign-in), only that user's batches with pages are returned; batches with pages
        scanned by someone else, or before owners were recorded, are left as they are for their owner.
        Attached batches go whoever made them; empty ones once they are a minute old (a batch the user
        has just opened for a scan that started with the window is not pulled from under it). Without
        *owner*: every pending batch, and everything else tidied (call before any batch is opened).
        One app runs per data folder (ui/single_instance.py).
        """
        pending = []
        now = time.time()
        for folder in sorted((p for p in self.root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime_ns):
            batch = SpoolBatch(folder)
            if owner is not None:
                empty_and_old = not batch.pages() and now - folder.stat().st_mtime > EMPTY_BATCH_GRACE_SECONDS
                if batch.attached_to is not None or empty_and_old:
                    shutil.rmtree(folder, ignore_errors=True)
                elif batch.owner == owner and batch.pages():
                    for tmp in folder.glob(".*.tmp"):
                        tmp.unlink(missing_ok=True)   # half-written page: the scanner never finished it
                    pending.append(batch)
                continue
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)   # half-written page: the scanner never finished it
            if batch.attached_to is not None or not batch.pages():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                pending.append(batch)
        return pending
