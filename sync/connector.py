"""The desk's side of the provincial link: an interface, and the HTTP adapter for the sandbox protocol.

A province whose LGSP speaks a different dialect gets another :class:`ProvincialConnector`
implementation; the worker only knows this interface.

The link is guarded here (docs/SECURITY.md, "Đường truyền tới tỉnh"):

* only ``https://`` endpoints; plain ``http://`` only to this machine (loopback) in training mode;
* the trusted roots are the ones in the settings (``provincial_ca_bundle``), else the operating
  system's (OpenSSL's compiled-in paths) or certifi's — never ``$SSL_CERT_FILE``, ``$SSL_CERT_DIR``
  or ``$REQUESTS_CA_BUNDLE``: an explicit :class:`ssl.SSLContext`, and ``trust_env=False``;
* the desk authenticates with a bearer token from the token endpoint (OAuth 2 client credentials,
  refreshed before it expires and on a 401), or a client certificate (mutual TLS), or both;
* replies are streamed and never read past a cap (:data:`protocol.MAX_REPLY_BYTES`);
* an acknowledgement counts only with proof: the server echoes the SHA-256 of each file and of
  each record (and of each history entry) it holds.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import math
import ssl
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from desk_app.errors import DeskError
from sync import protocol as p

DEFAULT_PART_SIZE = 1024 * 1024
TOKEN_PATH = "/oauth2/token"


class LinkConfigError(DeskError):
    """The provincial link is configured in a way that would not be safe (message in Vietnamese)."""


@dataclass(frozen=True)
class ClientCredentials:
    """The account the office was given for this desk (OAuth 2 client credentials)."""

    client_id: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class LinkSecurity:
    """How the desk proves who it is and whom it trusts. Either ``credentials`` (bearer tokens) or a
    client certificate (``client_cert`` + ``client_key``, mutual TLS) or both."""

    credentials: ClientCredentials | None = None
    token_url: str | None = None            # default: <endpoint>/oauth2/token
    ca_bundle: str | None = None            # PEM file or folder; default: the system's roots (or certifi)
    client_cert: str | None = None          # PEM certificate (chain) of the desk
    client_key: str | None = None           # its private key (PEM); None = in the certificate file
    key_password: str | None = field(default=None, repr=False)
    allow_loopback_http: bool = False       # training mode: the bundled sandbox on this machine
    proxy: str | None = None                # e.g. http://proxy.xa.local:3128 (the environment is ignored)
    max_reply_bytes: int = p.MAX_REPLY_BYTES

    @property
    def authenticates(self) -> bool:
        return self.credentials is not None or bool(self.client_cert)


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_endpoint(url: str, allow_loopback_http: bool = False, what: str = "máy chủ tỉnh") -> str:
    """The URL if the desk may talk to it, else :class:`LinkConfigError` saying why (in Vietnamese)."""
    try:
        parts = urlsplit(str(url).strip())
        host = parts.hostname or ""
    except ValueError as exc:
        raise LinkConfigError(f"Địa chỉ {what} «{url}» không hợp lệ: {exc}") from exc
    if not host:
        raise LinkConfigError(f"Địa chỉ {what} «{url}» không hợp lệ (thiếu tên máy chủ).")
    if parts.username or parts.password:
        raise LinkConfigError(f"Địa chỉ {what} không được chứa tên đăng nhập hay mật khẩu; "
                              f"hãy khai báo tài khoản kết nối trong cấu hình.")
    if parts.scheme == "https":
        return str(url).strip()
    if parts.scheme == "http":
        if allow_loopback_http and is_loopback(host):
            return str(url).strip()
        if allow_loopback_http:
            raise LinkConfigError(f"Chế độ đào tạo chỉ dùng http:// tới máy chủ thử nghiệm trên chính máy này "
                                  f"(127.0.0.1); «{url}» phải dùng https://.")
        raise LinkConfigError(f"Địa chỉ {what} «{url}» dùng http:// (không mã hoá, không xác minh máy chủ): "
                              f"chỉ chấp nhận https:// để gửi dữ liệu công dân.")
    raise LinkConfigError(f"Địa chỉ {what} «{url}» phải bắt đầu bằng https://.")


def _load_default_roots(context: ssl.SSLContext) -> None:
    """The operating system's trusted roots as OpenSSL was built to find them — not the paths named by
    $SSL_CERT_FILE / $SSL_CERT_DIR — else certifi's bundle."""
    paths = ssl.get_default_verify_paths()
    loaded = False
    if paths.openssl_cafile and Path(paths.openssl_cafile).is_file():
        context.load_verify_locations(cafile=paths.openssl_cafile)
        loaded = True
    if paths.openssl_capath and Path(paths.openssl_capath).is_dir():
        context.load_verify_locations(capath=paths.openssl_capath)
    if not loaded:
        import certifi

        context.load_verify_locations(cafile=certifi.where())


def tls_context(security: LinkSecurity) -> ssl.SSLContext:
    """An explicit client context: certificate and host name always checked, TLS 1.2 or later."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # check_hostname and CERT_REQUIRED by default
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        if security.ca_bundle:
            bundle = Path(security.ca_bundle)
            if bundle.is_dir():
                context.load_verify_locations(capath=str(bundle))
            else:
                context.load_verify_locations(cafile=str(bundle))
        else:
            _load_default_roots(context)
    except (OSError, ssl.SSLError) as exc:
        raise LinkConfigError(f"Không đọc được chứng thư gốc tin cậy của tỉnh «{security.ca_bundle}» "
                              f"(provincial_ca_bundle): {exc}") from exc
    if security.client_cert:
        try:
            context.load_cert_chain(security.client_cert, security.client_key or None,
                                    password=security.key_password)
        except (OSError, ssl.SSLError) as exc:
            raise LinkConfigError(f"Không dùng được chứng thư số của quầy «{security.client_cert}» "
                                  f"(provincial_client_cert / provincial_client_key): {exc}") from exc
    return context


def _read_capped(response: httpx.Response, cap: int, deadline: float) -> bytes:
    """The body, read as it comes and never past *cap* bytes (nor past *deadline*, a slow drip)."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        # Compressed replies are not accepted: a few kilobytes could unpack to gigabytes.
        raise p.NotProtocolReply(f"Máy chủ trả dữ liệu nén «{encoding}» dù quầy không yêu cầu; chưa coi là đã gửi.")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap:
        raise p.ReplyTooLarge(f"Trả lời của máy chủ quá lớn ({int(length):,} byte, tối đa {cap:,}); "
                              f"không đọc, chưa coi là đã gửi.")
    body = bytearray()
    for chunk in response.iter_raw(64 * 1024):
        if len(body) + len(chunk) > cap:
            raise p.ReplyTooLarge(f"Trả lời của máy chủ vượt quá {cap:,} byte; đã ngừng đọc, chưa coi là đã gửi.")
        body += chunk
        if time.monotonic() > deadline:
            raise p.NetworkFailure("Máy chủ trả lời quá chậm (nhỏ giọt); đã ngừng đọc, sẽ thử lại.")
    return bytes(body)


def _untrusted_certificate(exc: BaseException) -> p.UntrustedServer | None:
    """The failure to report when *exc* comes from a server certificate the desk does not trust."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return p.UntrustedServer(
                f"Không xác minh được chứng thư TLS của máy chủ tỉnh ({seen.verify_message}): có thể không phải "
                f"máy chủ tỉnh thật; không gửi gì. Kiểm tra provincial_ca_bundle trong cấu hình.")
        seen = seen.__cause__ or seen.__context__
    return None


class _BearerTokens:
    """OAuth 2 client-credentials tokens: fetched when needed, renewed before expiry or after a 401."""

    def __init__(self, client: httpx.Client, token_url: str, credentials: ClientCredentials,
                 timeout: float) -> None:
        self.client, self.token_url, self.credentials, self.timeout = client, token_url, credentials, timeout
        self.lock = threading.Lock()
        self.token: str | None = None
        self.expires = 0.0
        self.generation = 0
        self.fetched = 0  # tokens obtained (tests, diagnostics)

    def current(self) -> tuple[str, int]:
        with self.lock:
            if self.token is None or time.monotonic() >= self.expires:
                self._fetch()
            return self.token or "", self.generation

    def invalidate(self, generation: int) -> None:
        """The server refused the token of *generation*: the next request fetches a new one."""
        with self.lock:
            if self.generation == generation:
                self.token = None

    def _fetch(self) -> None:
        who = self.credentials.client_id
        try:
            with self.client.stream("POST", self.token_url, data={"grant_type": "client_credentials"},
                                    auth=(who, self.credentials.secret),
                                    headers={"Accept": "application/json"}) as response:
                status = response.status_code
                if status in (400, 401, 403):
                    raise p.AuthenticationRequired(
                        f"Máy chủ tỉnh từ chối xác thực tài khoản kết nối «{who}» (HTTP {status}); cần kiểm tra "
                        f"lại tài khoản/mật khẩu kết nối của quầy. Chưa mục nào được coi là đã gửi.")
                p.check_status(status)
                body = _read_capped(response, p.MAX_TOKEN_REPLY_BYTES, time.monotonic() + self.timeout * 4)
        except httpx.TimeoutException as exc:
            raise p.NetworkFailure(f"Quá thời gian chờ máy chủ cấp phiên đăng nhập ({type(exc).__name__}).") from exc
        except httpx.HTTPError as exc:
            raise _untrusted_certificate(exc) or p.NetworkFailure(
                f"Không lấy được phiên đăng nhập với máy chủ tỉnh ({type(exc).__name__}: {exc}).") from exc
        try:
            reply = json.loads(body)
            token = reply["access_token"]
            kind = str(reply.get("token_type", "bearer")).lower()
            lifetime = float(reply.get("expires_in", 300))
        except (ValueError, TypeError, KeyError) as exc:
            raise p.NotProtocolReply("Trả lời cấp phiên đăng nhập không đúng định dạng OAuth 2.") from exc
        if not isinstance(token, str) or not token or kind != "bearer" or lifetime <= 0:
            raise p.NotProtocolReply("Trả lời cấp phiên đăng nhập không có mã truy cập hợp lệ.")
        self.token = token
        # Renew a little early, so a request never leaves with a token about to expire.
        self.expires = time.monotonic() + max(1.0, lifetime - min(60.0, lifetime / 10))
        self.generation += 1
        self.fetched += 1


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


def check_record_proof(record: dict, result: dict) -> None:
    """A record counts as received only if the server echoes the SHA-256 of the record it stored
    (its canonical JSON) and of every file the record references."""
    code = record.get("MaHoSo", "")
    files = {str(f.get("TepDinhKemId")) for f in record.get("TaiLieuNop") or [] if not f.get("IsDeleted")}
    echoed = result.get("files_sha256")
    held = {str(x) for x in echoed} if isinstance(echoed, list) else set()
    if result.get("record_sha256") != p.body_digest(record) or not files <= held:
        raise p.UnprovenAcknowledgement(
            f"Máy chủ báo đã nhận hồ sơ {code} nhưng không chứng minh đang giữ đúng hồ sơ và {len(files)} tệp "
            f"(mã băm SHA-256 không khớp hoặc thiếu); chưa coi là tỉnh đã nhận, sẽ gửi lại.")


class HttpConnector(ProvincialConnector):
    """JSON over HTTP(S) with ``httpx``; files go up in parts, each part and the whole checked by SHA-256.

    *security* says how the desk authenticates and whom it trusts; without it only ``https://`` with
    the system's roots and no credential (the server will answer 401)."""

    def __init__(self, base_url: str, agency_id: str, timeout: float = 30.0,
                 part_size: int = DEFAULT_PART_SIZE, max_connections: int = 8,
                 transport: httpx.BaseTransport | None = None, quick_retries: int = 2,
                 security: LinkSecurity | None = None) -> None:
        self.security = security or LinkSecurity()
        self.base_url = check_endpoint(base_url, self.security.allow_loopback_http).rstrip("/")
        self.agency_id = agency_id
        self.quick_retries = quick_retries
        self.part_size = int(part_size)
        self.timeout = float(timeout)
        self.max_reply_bytes = int(self.security.max_reply_bytes)
        self.last_ping_error = ""
        self.last_ping_failure: p.SyncError | None = None
        verify: ssl.SSLContext | bool = tls_context(self.security)
        self.client = httpx.Client(
            base_url=self.base_url, timeout=httpx.Timeout(timeout), verify=verify, trust_env=False,
            proxy=self.security.proxy or None, follow_redirects=False,
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            transport=transport, headers={"User-Agent": "desk-app-sync", "Accept-Encoding": "identity"})
        self.tokens: _BearerTokens | None = None
        if self.security.credentials is not None:
            token_url = self.security.token_url or self.base_url + TOKEN_PATH
            check_endpoint(token_url, self.security.allow_loopback_http, "máy chủ cấp phiên đăng nhập")
            self.tokens = _BearerTokens(self.client, token_url, self.security.credentials, self.timeout)

    # -- plumbing --

    def _exchange(self, method: str, url: str, kwargs: dict) -> p.Reply:
        """One request with the current token; a 401 renews the token and tries once more."""
        for renewed in (False, True):
            headers = dict(kwargs.get("headers") or {})
            generation = 0
            if self.tokens is not None:
                token, generation = self.tokens.current()
                headers["Authorization"] = f"Bearer {token}"
            with self.client.stream(method, url, **{**kwargs, "headers": headers}) as response:
                if response.status_code == 401 and self.tokens is not None and not renewed:
                    self.tokens.invalidate(generation)
                    continue
                p.check_status(response.status_code)
                body = _read_capped(response, self.max_reply_bytes, time.monotonic() + self.timeout * 4)
                return p.parse_body(response.status_code, response.headers.get("content-type", ""), body)
        raise AssertionError("unreachable")

    def _request(self, method: str, url: str, **kwargs: Any) -> p.Reply:
        """One protocol request; a dropped connection, a 5xx or a non-protocol page is tried again at once
        (every request is idempotent) up to ``quick_retries`` times — a timeout is not, the link is slow;
        nor are a refused credential, an untrusted certificate or an oversized reply."""
        for attempt in range(self.quick_retries + 1):
            try:
                return self._exchange(method, url, kwargs)
            except httpx.TimeoutException as exc:
                raise p.NetworkFailure(f"Quá thời gian chờ máy chủ tỉnh ({type(exc).__name__}).") from exc
            except httpx.HTTPError as exc:
                untrusted = _untrusted_certificate(exc)
                if untrusted is not None:
                    raise untrusted from exc
                failure = p.NetworkFailure(f"Mất kết nối tới máy chủ tỉnh ({type(exc).__name__}: {exc}).")
                failure.__cause__ = exc
            except (p.AuthenticationRequired, p.ReplyTooLarge, p.UntrustedServer):
                raise
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
        """True when the province answers in its own protocol *and* accepts the desk's credentials."""
        try:
            self._request("GET", "/api/v1/ping")
        except p.SyncError as exc:
            self.last_ping_failure, self.last_ping_error = exc, str(exc)
            return False
        self.last_ping_failure, self.last_ping_error = None, ""
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
            if not data.get("complete") or data.get("sha256") != sha256:
                raise p.UnprovenAcknowledgement(
                    f"Máy chủ chưa xác nhận tệp {sha256[:12]}… bằng mã băm của nó; chưa coi là đã nhận, sẽ gửi lại.")
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
        if data.get("sha256") != sha256:
            raise p.UnprovenAcknowledgement(
                f"Máy chủ không xác nhận tệp {sha256[:12]}… bằng đúng mã băm của nó; chưa coi là đã nhận.")

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
            for record, result in zip(records, results):
                if result["error_code"] == p.OK:
                    check_record_proof(record, result)
            return results
        if code != p.OK:
            # A refusal of the whole request: it applies to every record.
            missing = data.get("missing", []) if isinstance(data, dict) else []
            return [{"MaHoSo": r.get("MaHoSo"), "error_code": code, "message": message, "missing": missing}
                    for r in records]
        # "Success" without a result per record proves nothing (a fake or misrouted server says that).
        raise p.UnprovenAcknowledgement(
            "Máy chủ báo thành công nhưng không trả kết quả và mã băm của từng hồ sơ; chưa coi là tỉnh đã nhận.")

    def push_history(self, entries: list[dict], key: str) -> p.Reply:
        if len(entries) > p.HISTORY_CHUNK:
            raise ValueError("history goes up in chunks of at most 10 entries")
        reply = self._post_service(p.SERVICE_HISTORY, entries, key, False)
        echoed = reply.data.get("digests") if isinstance(reply.data, dict) else None
        if echoed != [p.body_digest(entry) for entry in entries]:
            raise p.UnprovenAcknowledgement(
                "Máy chủ báo đã nhận tiến trình xử lý nhưng không trả đúng mã băm của từng bước; chưa coi là đã nhận.")
        return reply

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
