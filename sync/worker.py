"""The outbox worker: drains due rows to the provincial system, then pulls changes back.

One pass (``desk-app sync``): requeue stale claims, send everything due — each item's files first
(several items at once, resumable parts), then, once its files are confirmed, its record in a
DongBoHoSoMC request grouping up to 10 items and their history in chunks of 10 — retry rows that
failed while the link was down as soon as a request succeeds again, then pull. ``run_forever``
repeats passes, probes the link while rows wait out a back-off (so they go at once when it returns),
and wakes early on :meth:`SyncWorker.wake`.
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from desk_app import clock
from desk_app.desk import Desk
from sync import outbox, protocol as p
from sync.connector import ProvincialConnector
from sync.pull import PullReport, apply_changes, read_cursor

log = logging.getLogger(__name__)


def precise_now() -> datetime:
    """The app clock, but with sub-second precision: back-off delays may be shorter than a second."""
    if clock._clock is not None:  # tests that freeze the app clock freeze this one too
        return clock.now_local()
    return datetime.now(clock.VIETNAM).replace(tzinfo=None)


@dataclass
class WorkerConfig:
    concurrency: int = 4
    batch_size: int = 16
    settle_batch: int = 16              # finished items recorded per transaction
    group_size: int = 10                # records per DongBoHoSoMC request (history: 10 entries a chunk)
    backoff: outbox.Backoff = field(default_factory=outbox.Backoff)
    lease_seconds: float = 300.0        # a claim older than this is considered abandoned
    poll_seconds: float = 15.0          # forever: time between passes when idle
    probe_seconds: float = 10.0         # forever: how often to check whether the link came back
    rounds_per_pass: int = 20           # release-and-retry rounds within one pass
    pull: bool = True
    now: Callable[[], datetime] = field(default=lambda: precise_now())


@dataclass
class PassReport:
    acknowledged: int = 0
    failed_network: int = 0
    failed_rejected: int = 0
    requeued: int = 0
    pulled: PullReport = field(default_factory=PullReport)
    link_up: bool | None = None
    errors: list[str] = field(default_factory=list)
    due: int = 0                    # rows due when the pass started (after requeue and release)
    released: int = 0               # rows whose old back-off was cut short because the link is back
    pending: int = 0                # rows still to go when the pass ended (due, or waiting out a back-off)
    auth_required: bool = False     # the province refused the desk's credentials (401/403)

    def summary_vi(self) -> str:
        text = (f"Đã gửi {self.acknowledged}; lỗi mạng {self.failed_network}; bị từ chối {self.failed_rejected}; "
                f"nhận từ tỉnh {self.pulled.applied} thay đổi; khôi phục {self.requeued} mục bị treo.")
        if self.auth_required:
            text += " Máy chủ tỉnh không chấp nhận xác thực của quầy: cần kiểm tra tài khoản kết nối/chứng thư số."
        return text

    @property
    def sent_nothing_while_due(self) -> bool:
        """Rows were waiting to go and none went: the one-shot ``desk-app sync`` must not report success."""
        return self.acknowledged == 0 and (self.due > 0 or self.pending > 0)


class SyncWorker:
    def __init__(self, desk: Desk, connector: ProvincialConnector, config: WorkerConfig | None = None,
                 identity: str | None = None) -> None:
        self.desk = desk
        self.connector = connector
        self.config = config or WorkerConfig()
        self.identity = identity or outbox.worker_identity()
        self._wake = threading.Event()
        self._rng = random.Random()
        self.link_up: bool | None = None

    # -- one item: files; then a group of items: records and history --

    def _upload(self, item: outbox.ClaimedItem, confirmed: list[str]) -> None:
        """Send the item's files; *confirmed* collects those the server confirmed (kept on failure too)."""
        for f in item.payload["snapshot"]["files"]:
            if f["sha256"] in item.confirmed:
                continue
            path = self.desk.archive.path_for(f["sha256"])
            if not path.is_file():
                raise p.Rejected(f"Tệp {f['sha256'][:12]}… không còn trong kho của quầy.", p.INVALID_DATA)
            self.connector.upload_file(f["sha256"], int(f["size"]), path, item.key)
            confirmed.append(f["sha256"])

    @staticmethod
    def _group_key(items: list[outbox.ClaimedItem], purpose: str) -> str:
        """Idempotency key of a grouped request: same members and purpose → same key (and same content)."""
        joined = "|".join(sorted(i.key for i in items)) + "#" + purpose
        return "g-" + hashlib.sha256(joined.encode("ascii")).hexdigest()[:40]

    def _finish_group(self, group: list[outbox.ClaimedItem]) -> dict[int, Exception | None]:
        """Records of items whose files are confirmed (one DongBoHoSoMC), then their history in chunks of 10.

        A transport failure raises (the whole group is retried; the server recognises what it already
        holds); a refusal of one record fails that item only."""
        outcome: dict[int, Exception | None] = {}
        accepted: list[outbox.ClaimedItem] = []
        # The group key ignores order, so the content must too: members always go in key order.
        group = sorted(group, key=lambda i: i.key)
        creates = [i for i in group if i.action == "dossier.create"]
        updates = [i for i in group if i.action != "dossier.create"]
        for items, updating in ((creates, False), (updates, True)):
            if not items:
                continue
            results = self.connector.push_dossiers([i.payload["snapshot"]["record"] for i in items],
                                                   self._group_key(items, "record"), updating)
            again = []
            for item, result in zip(items, results):
                code = result.get("error_code")
                if code == p.OK:
                    accepted.append(item)
                elif code == p.ALREADY_EXISTS and not updating:
                    again.append(item)  # created by another path (TDV behaviour): send as an update
                elif code == p.MISSING_FILES:
                    hashes = [str(x) for x in result.get("missing") or []] or [
                        f["sha256"] for f in item.payload["snapshot"]["files"]]
                    outbox.forget_files(self.desk.sessions, hashes)
                    outcome[item.id] = p.NetworkFailure(
                        f"Tỉnh chưa có đủ tệp của hồ sơ; sẽ gửi lại tệp. ({result.get('message', '')})")
                else:
                    outcome[item.id] = p.Rejected(str(result.get("message") or f"Tỉnh từ chối (mã {code})"),
                                                  int(code or p.INVALID_DATA))
            if again:
                results = self.connector.push_dossiers([i.payload["snapshot"]["record"] for i in again],
                                                       self._group_key(again, "record-update"), True)
                for item, result in zip(again, results):
                    if result.get("error_code") == p.OK:
                        accepted.append(item)
                    else:
                        outcome[item.id] = p.Rejected(str(result.get("message")), int(result.get("error_code") or 1))
        accepted.sort(key=lambda i: i.key)
        entries = [entry for item in accepted for entry in item.payload["snapshot"]["history"]]
        for number, chunk in enumerate(p.chunks(entries, p.HISTORY_CHUNK)):
            self.connector.push_history(chunk, self._group_key(accepted, f"history:{number}"))
        for item in accepted:
            outcome[item.id] = None
        return outcome

    def _settle(self, done: list[tuple[outbox.ClaimedItem, Exception | None, list[str]]],
                report: PassReport) -> bool:
        """Record finished items in one transaction; True if any was acknowledged."""
        outcomes = []
        for item, error, confirmed in done:
            if error is not None and not isinstance(error, p.SyncError):
                # A bug or a local I/O problem: keep the row, retry later, and say what happened.
                log.error("unexpected error while sending outbox item %s", item.id, exc_info=error)
                error = p.NetworkFailure(f"Lỗi tại quầy khi gửi: {type(error).__name__}: {error}")
            if error is not None:
                report.errors.append(f"{item.dossier_code}: {error}")
            outcomes.append(outbox.Outcome(item.id, error, confirmed))
        states = outbox.settle(self.desk.sessions, self.identity, outcomes, self.config.backoff,
                               self.config.now(), self._rng)
        acknowledged = states.count(outbox.ACKNOWLEDGED)
        report.acknowledged += acknowledged
        report.failed_network += states.count(outbox.FAILED_NETWORK)
        report.failed_rejected += states.count(outbox.FAILED_REJECTED)
        if acknowledged or outbox.FAILED_REJECTED in states:
            self.link_up = True  # the province answered in its own protocol
        return acknowledged > 0

    # -- passes --

    def push(self, report: PassReport, stop: threading.Event | None = None) -> None:
        """Keep ``concurrency`` jobs in flight: file uploads per item, then records and history per group
        of up to 10 items; claim ahead, and write results in batches."""
        cfg = self.config
        stopping = lambda: stop is not None and stop.is_set()  # noqa: E731
        with ThreadPoolExecutor(max_workers=cfg.concurrency, thread_name_prefix="sync-send") as pool:
            for _round in range(cfg.rounds_per_pass):
                progressed = False
                uploads: dict = {}   # future → (item, confirmed)
                groups: dict = {}    # future → [(item, confirmed)]
                ready: list = []     # files confirmed, record not yet sent
                done: list = []      # (item, error, confirmed) waiting to be written
                exhausted = False
                while True:
                    if not exhausted and not stopping() and len(uploads) < cfg.concurrency * 2:
                        items = outbox.claim_due(self.desk.sessions, self.identity, cfg.batch_size, cfg.now())
                        exhausted = not items
                        for item in items:
                            confirmed: list[str] = []
                            uploads[pool.submit(self._upload, item, confirmed)] = (item, confirmed)
                    while len(ready) >= cfg.group_size or (ready and not uploads):
                        members, ready = ready[:cfg.group_size], ready[cfg.group_size:]
                        groups[pool.submit(self._finish_group, [m[0] for m in members])] = members
                    if not uploads and not groups:
                        break
                    finished, _ = wait([*uploads, *groups], return_when=FIRST_COMPLETED)
                    for future in finished:
                        if future in uploads:
                            item, confirmed = uploads.pop(future)
                            if future.exception() is None:
                                ready.append((item, confirmed))
                            else:
                                done.append((item, future.exception(), confirmed))
                            continue
                        members = groups.pop(future)
                        error = future.exception()
                        results = {} if error is not None else future.result()
                        for item, confirmed in members:
                            done.append((item, error if error is not None else results.get(item.id), confirmed))
                    if any(isinstance(entry[1], p.AuthenticationRequired) for entry in done):
                        # The credentials are refused: every further request would be too. Stop claiming.
                        report.auth_required = exhausted = True
                    # Results are written in groups (one commit each); a crash before the commit only
                    # means those items are sent again, which the server recognises.
                    if len(done) >= cfg.settle_batch or not (uploads or groups):
                        progressed = self._settle(done, report) or progressed
                        done = []
                if done:
                    progressed = self._settle(done, report) or progressed
                # Something went through, so the link works: rows that failed meanwhile go again now, and
                # the next step of a dossier (which waits for the previous one) has become due.
                if stopping() or not progressed:
                    break
                if outbox.waiting_count(self.desk.sessions) == 0 and \
                        outbox.due_count(self.desk.sessions, cfg.now()) == 0:
                    break
                outbox.release_waiting(self.desk.sessions, cfg.now())

    def pull(self, report: PassReport, max_batches: int = 50) -> None:
        cursor = read_cursor(self.desk.sessions)
        for _ in range(max_batches):
            batch = self.connector.pull_changes(cursor)
            if not batch.changes and batch.cursor == cursor:
                break
            part = apply_changes(self.desk.sessions, batch.changes, batch.cursor)
            report.pulled.applied += part.applied
            report.pulled.duplicates += part.duplicates
            report.pulled.refused += part.refused
            report.pulled.unknown += part.unknown
            report.pulled.notifications.extend(part.notifications)
            if not batch.changes:
                break
            cursor = batch.cursor
        self.link_up = True

    def _release_if_link_back(self, report: PassReport) -> None:
        """Rows waiting out a back-off go now if the province answers — unless this worker already knows
        the link is up (then their back-off is about them, not about the link). A fresh process (one-shot
        ``desk-app sync``, a restart after a crash) does not know, so it asks."""
        if self.link_up is True or not outbox.waiting_count(self.desk.sessions):
            return
        if self.connector.ping():
            self.link_up = True
            report.released = outbox.release_waiting(self.desk.sessions, self.config.now())
        else:
            self.link_up = False
            failure = getattr(self.connector, "last_ping_failure", None)
            report.errors.append(str(failure or "Máy chủ tỉnh chưa trả lời."))
            report.auth_required = report.auth_required or isinstance(failure, p.AuthenticationRequired)

    def run_pass(self, stop: threading.Event | None = None) -> PassReport:
        report = PassReport()
        report.requeued = outbox.requeue_stale(self.desk.sessions, self.config.lease_seconds, self.config.now())
        self._release_if_link_back(report)
        report.due = outbox.due_count(self.desk.sessions, self.config.now())
        self.push(report, stop)
        if self.config.pull and not (stop and stop.is_set()):
            try:
                self.pull(report)
            except p.NetworkFailure as exc:
                self.link_up = False
                report.errors.append(str(exc))
            except p.Rejected as exc:
                report.errors.append(f"Tỉnh từ chối yêu cầu lấy thay đổi: {exc}")
        if report.failed_network and not report.acknowledged:
            self.link_up = False
        report.pending = (outbox.due_count(self.desk.sessions, self.config.now())
                          + outbox.waiting_count(self.desk.sessions))
        report.link_up = self.link_up
        return report

    def wake(self) -> None:
        """Run the next pass now (after "send now", a new dossier, or the link coming back)."""
        self._wake.set()

    def send_now(self, item_id: int, user=None) -> str:  # noqa: ANN001
        state = outbox.send_now(self.desk.sessions, item_id, user, self.config.now())
        self.wake()
        return state

    def run_forever(self, stop: threading.Event, on_pass: Callable[[PassReport], None] | None = None) -> None:
        """Passes until *stop* is set; the in-flight batch finishes first, so a clean stop leaves no "sending"."""
        while not stop.is_set():
            report = self.run_pass(stop)
            if on_pass is not None:
                on_pass(report)
            next_pass = time.monotonic() + self.config.poll_seconds
            while not stop.is_set() and time.monotonic() < next_pass:
                self._wake.wait(min(self.config.probe_seconds, max(0.0, next_pass - time.monotonic())))
                if self._wake.is_set():
                    self._wake.clear()
                    break
                if self.link_up is False and outbox.waiting_count(self.desk.sessions):
                    if self.connector.ping():
                        # The link is back: waiting rows go now instead of after their back-off.
                        self.link_up = True
                        outbox.release_waiting(self.desk.sessions, self.config.now())
                        break
                elif outbox.due_count(self.desk.sessions, self.config.now()):
                    break
