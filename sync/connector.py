"""The desk's side of the provincial link: an interface, and the HTTP adapter for the sandbox protocol.

A province whose LGSP speaks a different dialect gets another :class:`ProvincialConnector`
implementation; the worker only knows this interface.
"""

from __future__ import annotations

import hashlib
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from sync import protocol as p

DEFAULT_PART_SIZE = 1024 * 1024


@dataclass(frozen=True)
class ChangeBatch:
    changes: list[dict]
    cursor: str


class ProvincialConnector(ABC):
    """What the worker needs from a provincial system. Every method raises p.NetworkFailure or p.Rejected."""

    @abstractmethod
    def ping(self) -> bool:
        """True when the provincial system answers in its own protocol (not a captive portal)."""

    @abstractmethod
    def upload_file(self, sha256: str, size: int, path: Path, key: str) -> None:
        """Make sure the server holds the file *sha256* complete and hash-checked (resumes partial uploads)."""

    @abstractmethod
    def push_dossiers(self, records: list[dict], key: str, updating: bool = False) -> list[dict]:
        """DongBoHoSoMC for several records: one result ``{MaHoSo, error_code, message[, missing]}`` each.

        A record the server already holds unchanged must come back as success (content idempotency)."""

    @abstractmethod
    def push_history(self, entries: list[dict], key: str) -> p.Reply:
        """CapNhatTienDoHoSoMC for at most p.HISTORY_CHUNK entries."""

    @abstractmethod
    def pull_changes(self, cursor: str, limit: int = 100) -> ChangeBatch:
        """Status changes, supplement requests and results after *cursor*."""

    def close(self) -> None:  # noqa: B027 - optional
        """Release connections."""


class HttpConnector(ProvincialConnector):
    """JSON over HTTP(S) with ``httpx``; files go up in parts, each part and the whole checked by SHA-256."""

    def __init__(self, base_url: str, agency_id: str, timeout: float = 30.0,
                 part_size: int = DEFAULT_PART_SIZE, max_connections: int = 8,
                 transport: httpx.BaseTransport | None = None, quick_retries: int = 2) -> None:
        self.agency_id = agency_id
        self.quick_retries = quick_retries
        self.part_size = int(part_size)
        self.client = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            transport=transport, headers={"User-Agent": "desk-app-sync"})

    # -- plumbing --

    def _request(self, method: str, url: str, **kwargs: Any) -> p.Reply:
        """One protocol request; a dropped connection, a 5xx or a non-protocol page is tried again at once
        (every request is idempotent) up to ``quick_retries`` times — a timeout is not, the link is slow."""
        for attempt in range(self.quick_retries + 1):
            try:
                return p.parse_reply(self.client.request(method, url, **kwargs))
            except httpx.TimeoutException as exc:
                raise p.NetworkFailure(f"Quá thời gian chờ máy chủ tỉnh ({type(exc).__name__}).") from exc
            except httpx.HTTPError as exc:
                failure = p.NetworkFailure(f"Mất kết nối tới máy chủ tỉnh ({type(exc).__name__}: {exc}).")
                failure.__cause__ = exc
            except p.NetworkFailure as exc:
                failure = exc
            if attempt == self.quick_retries:
                raise failure
        raise AssertionError("unreachable")

    def _post_service(self, service: str, data: list[dict], key: str, updating: bool) -> p.Reply:
        body = p.envelope(service, self.agency_id, data, updating)
        return self._request("POST", f"/api/v1/{service}", content=p.canonical_json(body),
                             headers={"content-type": "application/json", p.IDEMPOTENCY_HEADER: key})

    # -- interface --

    def ping(self) -> bool:
        try:
            self._request("GET", "/api/v1/ping")
        except p.SyncError:
            return False
        return True

    def file_status(self, sha256: str) -> dict:
        return self._request("GET", f"/api/v1/files/{sha256}").data or {}

    def upload_file(self, sha256: str, size: int, path: Path, key: str) -> None:
        part_count = max(1, math.ceil(size / self.part_size))
        received: set[int] = set()
        if part_count > 1:
            # Resume: ask which parts the server already holds (a small file is simply sent again).
            status = self.file_status(sha256)
            if status.get("complete"):
                return
            if int(status.get("part_size") or 0) == self.part_size:
                received = {int(i) for i in status.get("parts", [])}
        if part_count == 1:
            # One part: its hash is the file's hash, so one digest checks the archive copy and the transfer.
            chunk = Path(path).read_bytes()
            if hashlib.sha256(chunk).hexdigest() != sha256:
                raise p.Rejected(f"Tệp {sha256[:12]}… trong kho của quầy đã hỏng (mã băm không khớp).",
                                 p.INVALID_DATA)
            data = self._put_part(sha256, size, 0, chunk, key, part_sha=sha256)
            if not data.get("complete") or data.get("sha256", sha256) != sha256:
                raise p.NetworkFailure(f"Máy chủ chưa xác nhận tệp {sha256[:12]}…; sẽ gửi lại.")
            return
        whole = hashlib.sha256()
        data = {}
        with open(path, "rb") as handle:
            for index in range(part_count):
                chunk = handle.read(self.part_size)
                whole.update(chunk)
                if index in received:
                    continue
                data = self._put_part(sha256, size, index, chunk, key)
                if data.get("complete"):
                    break
            if not data.get("complete"):
                # All parts sent yet not complete: hash the rest locally, then ask the server.
                while chunk := handle.read(self.part_size):
                    whole.update(chunk)
        if not data.get("complete") and whole.hexdigest() != sha256:
            raise p.Rejected(f"Tệp {sha256[:12]}… trong kho của quầy đã hỏng (mã băm không khớp).", p.INVALID_DATA)
        if not data.get("complete"):
            data = self.file_status(sha256)
            if not data.get("complete"):
                raise p.NetworkFailure(f"Máy chủ chưa nhận đủ các phần của tệp {sha256[:12]}…; sẽ gửi tiếp.")
        if data.get("sha256", sha256) != sha256:
            raise p.NetworkFailure("Máy chủ xác nhận một tệp khác với tệp đã gửi.")

    def _put_part(self, sha256: str, size: int, index: int, chunk: bytes, key: str,
                  part_sha: str | None = None) -> dict:
        headers = {p.PART_SHA_HEADER: part_sha or hashlib.sha256(chunk).hexdigest(), p.FILE_SIZE_HEADER: str(size),
                   p.PART_SIZE_HEADER: str(self.part_size), p.IDEMPOTENCY_HEADER: f"{key}:{sha256}:{index}",
                   "content-type": "application/octet-stream"}
        try:
            reply = self._request("PUT", f"/api/v1/files/{sha256}/parts/{index}", content=chunk, headers=headers)
        except p.Rejected as exc:
            if exc.error_code == p.FILE_HASH_MISMATCH:
                raise p.NetworkFailure(str(exc)) from exc
            raise
        return reply.data or {}

    def push_dossier(self, record: dict, key: str, updating: bool = False) -> p.Reply:
        """One record; a refusal raises p.Rejected."""
        return self._post_service(p.SERVICE_DOSSIER, [record], key, updating)

    def push_dossiers(self, records: list[dict], key: str, updating: bool = False) -> list[dict]:
        try:
            reply = self._post_service(p.SERVICE_DOSSIER, records, key, updating)
            data, code, message = reply.data, p.OK, ""
        except p.Conflict:
            raise
        except p.Rejected as exc:
            data, code, message = exc.data, exc.error_code, str(exc)
        results = data.get("results") if isinstance(data, dict) else None
        if isinstance(results, list) and len(results) == len(records) and all(
                isinstance(r, dict) and isinstance(r.get("error_code"), int) for r in results):
            return results
        if code == p.OK and isinstance(data, dict):
            return [{"MaHoSo": r.get("MaHoSo"), "error_code": p.OK, "message": ""} for r in records]
        if code != p.OK:
            # A refusal of the whole request: it applies to every record.
            missing = data.get("missing", []) if isinstance(data, dict) else []
            return [{"MaHoSo": r.get("MaHoSo"), "error_code": code, "message": message, "missing": missing}
                    for r in records]
        raise p.NotProtocolReply("Trả lời đồng bộ hồ sơ không có kết quả từng hồ sơ.")

    def push_history(self, entries: list[dict], key: str) -> p.Reply:
        if len(entries) > p.HISTORY_CHUNK:
            raise ValueError("history goes up in chunks of at most 10 entries")
        return self._post_service(p.SERVICE_HISTORY, entries, key, False)

    def pull_changes(self, cursor: str, limit: int = 100) -> ChangeBatch:
        reply = self._request("GET", "/api/v1/changes",
                              params={"MaDinhDanhDV": self.agency_id, "since": cursor or "0", "limit": limit})
        data = reply.data or {}
        changes = data.get("changes")
        if not isinstance(changes, list):
            raise p.NotProtocolReply("Danh sách thay đổi từ tỉnh không đúng định dạng.")
        return ChangeBatch(changes, str(data.get("cursor", cursor)))

    def close(self) -> None:
        self.client.close()
