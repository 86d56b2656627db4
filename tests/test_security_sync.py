"""Issue 13, findings 3, 11 and the sandbox items of 12: each attack on the provincial link, tried for real.

* an ``http://`` endpoint outside training; no credential, a forged token, a wrong secret (401);
* a fake server that says "success" to everything (nothing may count as received);
* ``SSL_CERT_FILE`` pointing at an attacker's CA (a local TLS server with a certificate made here);
* a 150 MB reply (streamed by a local server; the desk stops reading at the cap);
* the sandbox's admin routes without the admin token, the sandbox on ``--host 0.0.0.0``;
* crashes: 16 dead claimants then a healthy link, a one-shot sync that cannot send, and (slow) 20 kill -9
  of ``desk-app sync`` during uploads followed by one sync that sends everything exactly once.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import random
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import psutil
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import func, select

from desk_app.clock import now_local
from desk_app.config import Settings, SettingsError
from desk_app.desk import Desk
from desk_app.storage.models import OutboxItem
from desk_app.storage.sync_models import SyncedFile
from sync import outbox, protocol as p
from sync.connector import ClientCredentials, HttpConnector, LinkConfigError, LinkSecurity
from sync.outbox import Backoff
from sync.sandbox.server import SandboxHostError, SandboxProcess, check_host, free_port
from sync.service import CLIENT_ID_ENV, CLIENT_SECRET_ENV, link_security
from sync.worker import SyncWorker, WorkerConfig
from tests.test_sync_e2e import assert_on_server_exactly_once, make_dossiers, signed_in_clerk

ROOT = Path(__file__).resolve().parents[1]
AGENCY = "000.00.31.H56"
_agencies = iter(range(40, 99))


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    server = SandboxProcess(tmp_path_factory.mktemp("máy chủ tỉnh") / "sandbox", step_seconds=3600)
    server.wait_ready()
    yield server
    server.stop()


@pytest.fixture
def sync_desk(data_folder):
    desk = Desk.open(data_folder, Settings(agency_id=f"000.00.{next(_agencies):02d}.H56"))
    yield desk
    desk.close()


@pytest.fixture
def sync_clerk(sync_desk):
    return signed_in_clerk(sync_desk)


def run_cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desk_app", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


# --- certificates and small local servers ----------------------------------------------------

class Authority:
    """A certificate authority made for the test, issuing server and client certificates."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = dt.datetime.now(dt.timezone.utc)
        self.cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                     .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                                  content_commitment=False, key_encipherment=False,
                                                  data_encipherment=False, key_agreement=False,
                                                  encipher_only=False, decipher_only=False), critical=True)
                     .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
                     .sign(self.key, hashes.SHA256()))
        self.path = folder / f"{name}-ca.pem"
        self.path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, name: str, server: bool = True) -> tuple[Path, Path]:
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.timezone.utc)
        builder = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
                   .issuer_name(self.cert.subject).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                                  critical=False)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH if server
                                                         else ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False))
        if server:
            builder = builder.add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False)
        cert = builder.sign(self.key, hashes.SHA256())
        cert_path, key_path = self.folder / f"{name}.pem", self.folder / f"{name}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        return cert_path, key_path


def send_json(handler: BaseHTTPRequestHandler, body: dict, status: int = 200) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


class LocalServer:
    """A threaded HTTP(S) server on 127.0.0.1 answering every request with ``respond(handler, body)``."""

    def __init__(self, respond, tls: ssl.SSLContext | None = None) -> None:  # noqa: ANN001
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.requests.append(f"{self.command} {self.path}")
                respond(self, body)

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)


def answer_ping(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
    if handler.path == "/oauth2/token":
        send_json(handler, {"access_token": "t", "token_type": "Bearer", "expires_in": 3600})
    else:
        send_json(handler, p.reply(data={"server": "tỉnh"}))


def server_tls(cert: Path, key: Path, client_ca: Path | None = None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    if client_ca is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cafile=client_ca)
    return context


# --- 1. only https outside training --------------------------------------------------------------

def test_an_http_endpoint_is_refused_outside_training_at_settings_load_and_in_the_connector(
        data_folder, sync_desk, sync_clerk):
    (data_folder / "settings.json").write_text(json.dumps({"provincial_endpoint": "http://lgsp.daklak.gov.vn/api"}),
                                               encoding="utf-8")
    with pytest.raises(SettingsError, match="https://"):
        Settings.load(data_folder)
    result = run_cli("sync")
    assert result.returncode != 0 and "https://" in result.stderr and "Traceback" not in result.stderr

    for url, training in (("http://10.1.2.3:8080", False), ("http://127.0.0.1:8765", False),
                          ("http://192.168.1.50:8765", True), ("ftp://tinh.gov.vn", False),
                          ("https://desk:secret@tinh.gov.vn", False)):
        with pytest.raises(LinkConfigError):
            HttpConnector(url, AGENCY, security=LinkSecurity(allow_loopback_http=training))
    HttpConnector("https://lgsp.daklak.gov.vn/api", AGENCY).close()             # https: fine
    HttpConnector("http://127.0.0.1:8765", AGENCY,
                  security=LinkSecurity(allow_loopback_http=True)).close()       # training sandbox: fine

    # A training desk told to send to a machine on the network over http: refused, in Vietnamese.
    sync_desk.settings.save(data_folder)
    make_dossiers(sync_desk, sync_clerk, 1, pages=1, size=500)
    result = run_cli("sync", "--endpoint", "http://192.168.1.50:8765")
    assert result.returncode != 0 and "https://" in result.stderr and "Traceback" not in result.stderr
    assert outbox.counts(sync_desk.sessions)[outbox.READY] == 1

    # Outside training the desk must be able to authenticate.
    with pytest.raises(LinkConfigError, match="xác thực"):
        link_security(Settings(provincial_endpoint="https://lgsp.daklak.gov.vn/api"), env={})
    with pytest.raises(LinkConfigError, match=CLIENT_SECRET_ENV):
        link_security(Settings(provincial_endpoint="https://lgsp.daklak.gov.vn/api",
                               provincial_client_id="xa-hoa-an"), env={})
    secret_file = data_folder / "mật khẩu kết nối"
    secret_file.write_text("bí-mật\n", encoding="utf-8")
    secret_file.chmod(0o644)
    settings = Settings(provincial_endpoint="https://lgsp.daklak.gov.vn/api", provincial_client_id="xa-hoa-an",
                        provincial_client_secret_file=str(secret_file))
    with pytest.raises(LinkConfigError, match="chmod 600"):
        link_security(settings, env={})
    secret_file.chmod(0o600)
    security = link_security(settings, env={})
    assert security.credentials == ClientCredentials("xa-hoa-an", "bí-mật") and not security.allow_loopback_http
    assert "bí-mật" not in repr(security)


# --- 2. authentication required ----------------------------------------------------------------

def test_the_sandbox_refuses_requests_without_a_valid_token_and_the_desk_treats_401_as_needs_sign_in(
        sandbox, sync_desk, sync_clerk):
    record = {"MaHoSo": "X-1"}
    body = p.canonical_json(p.envelope(p.SERVICE_DOSSIER, AGENCY, [record]))
    for headers in ({}, {"Authorization": "Bearer gia-mao"}, {"Authorization": f"Bearer {sandbox.auth.admin_token}"}):
        reply = httpx.post(f"{sandbox.url}/api/v1/{p.SERVICE_DOSSIER}", content=body, headers={
            "content-type": "application/json", p.IDEMPOTENCY_HEADER: "k-1", **headers})
        assert reply.status_code == 401 and reply.json()["error_code"] == p.UNAUTHORIZED
    assert httpx.get(f"{sandbox.url}/api/v1/ping").status_code == 401
    wrong = httpx.post(f"{sandbox.url}/oauth2/token", data={"grant_type": "client_credentials"},
                       auth=(sandbox.auth.client_id, "đoán-mò"))
    assert wrong.status_code == 401 and "access_token" not in wrong.text

    make_dossiers(sync_desk, sync_clerk, 2, pages=1, size=2000, seed=2)
    for security in (LinkSecurity(allow_loopback_http=True),                       # no credential at all
                     sandbox.link_security(credentials=ClientCredentials(sandbox.auth.client_id, "sai"))):
        connector = HttpConnector(sandbox.url, sync_desk.settings.agency_id, security=security)
        with pytest.raises(p.AuthenticationRequired):
            connector.push_dossiers([record], "k-2")
        assert not connector.ping() and "xác thực" in connector.last_ping_error
        worker = SyncWorker(sync_desk, connector, WorkerConfig(backoff=Backoff(base=0.01, cap=0.1)))
        report = worker.run_pass()
        connector.close()
        assert report.acknowledged == 0 and report.auth_required and worker.link_up is False
        assert "xác thực" in report.summary_vi()
        items = outbox.list_items(sync_desk.sessions)
        assert {i.state for i in items} == {outbox.FAILED_NETWORK}  # waits for the credentials: not rejected
        assert all("xác thực" in i.last_error for i in items)
        outbox.release_waiting(sync_desk.sessions)

    # The right credentials: a token is fetched once, renewed when it expires and when the server refuses it.
    connector = sandbox.connector(sync_desk.settings.agency_id)
    assert connector.ping() and connector.tokens.fetched == 1
    connector.tokens.token = "da-bi-thu-hoi"                      # the server no longer knows this token: 401
    assert connector.ping() and connector.tokens.fetched == 2
    connector.tokens.expires = time.monotonic() - 1               # expired: renewed before the request
    assert connector.ping() and connector.tokens.fetched == 3
    worker = SyncWorker(sync_desk, connector, WorkerConfig(backoff=Backoff(base=0.01, cap=0.1)))
    assert worker.run_pass().acknowledged == 2
    connector.close()


def test_a_client_certificate_authenticates_the_desk_over_mutual_tls(tmp_path, sync_desk, sync_clerk):
    province = Authority(tmp_path, "ca-tinh")
    desks = Authority(tmp_path, "ca-quay")
    server_cert, server_key = province.issue("may-chu-tinh")
    desk_cert, desk_key = desks.issue("quay-hoa-an", server=False)
    sandbox = SandboxProcess(tmp_path / "sandbox-tls", step_seconds=3600, tls={
        "tls_cert": str(server_cert), "tls_key": str(server_key), "client_ca": str(desks.path)})
    try:
        sandbox.wait_ready()
        make_dossiers(sync_desk, sync_clerk, 2, pages=2, size=3000, seed=4)
        with_cert = LinkSecurity(ca_bundle=str(province.path), client_cert=str(desk_cert), client_key=str(desk_key))
        connector = HttpConnector(sandbox.url, sync_desk.settings.agency_id, security=with_cert)
        assert connector.ping(), connector.last_ping_error
        assert SyncWorker(sync_desk, connector, WorkerConfig(pull=False)).run_pass().acknowledged == 2
        connector.close()
        without = HttpConnector(sandbox.url, sync_desk.settings.agency_id,
                                security=LinkSecurity(ca_bundle=str(province.path)))
        assert not without.ping()  # the handshake fails: no certificate, no access
        without.close()
    finally:
        sandbox.stop()


# --- 3. a fake server -------------------------------------------------------------------------------

def test_a_fake_server_that_answers_success_to_everything_gets_nothing_marked_received(sync_desk, sync_clerk):
    def always_success(handler: BaseHTTPRequestHandler, body: bytes) -> None:
        if handler.path.startswith("/oauth2/token"):
            send_json(handler, {"access_token": "t", "token_type": "Bearer", "expires_in": 3600})
            return
        data: dict = {"complete": True}
        if p.SERVICE_DOSSIER in handler.path:  # as generous as a fake can be: one "success" per record
            data["results"] = [{"MaHoSo": r.get("MaHoSo"), "error_code": p.OK, "message": "Thành công"}
                               for r in json.loads(body)["data"]]
        send_json(handler, p.reply(data=data))

    make_dossiers(sync_desk, sync_clerk, 5, pages=2, size=4000, seed=5)
    with LocalServer(always_success) as fake:
        connector = HttpConnector(fake.url, sync_desk.settings.agency_id, security=LinkSecurity(
            credentials=ClientCredentials("quay", "x"), allow_loopback_http=True))
        worker = SyncWorker(sync_desk, connector, WorkerConfig(backoff=Backoff(base=0.01, cap=0.1)))
        report = worker.run_pass()
        connector.close()
    assert any("PUT" in r for r in fake.requests)
    assert report.acknowledged == 0 and report.failed_network == 5
    counts = outbox.counts(sync_desk.sessions)
    assert counts[outbox.ACKNOWLEDGED] == 0 and counts[outbox.FAILED_NETWORK] == 5
    assert all("chưa coi là" in i.last_error for i in outbox.list_items(sync_desk.sessions))
    with sync_desk.sessions() as session:  # no file counts as held by the province either
        assert session.scalar(select(func.count()).select_from(SyncedFile)) == 0


# --- 4. trusted roots from the settings, never from the environment ------------------------------

def test_ssl_cert_file_pointing_at_an_attackers_ca_does_not_replace_the_trusted_roots(tmp_path, monkeypatch):
    attacker = Authority(tmp_path, "ca-ke-tan-cong")
    province = Authority(tmp_path, "ca-tinh")
    with LocalServer(answer_ping, server_tls(*attacker.issue("may-chu-gia"))) as fake, \
            LocalServer(answer_ping, server_tls(*province.issue("may-chu-tinh"))) as real:
        monkeypatch.setenv("SSL_CERT_FILE", str(attacker.path))
        monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(attacker.path))
        # The attack is real: a client that trusts the environment accepts the attacker's server.
        assert httpx.get(f"{fake.url}/api/v1/ping").status_code == 200
        reached = len(fake.requests)

        credentials = ClientCredentials("quay", "x")
        for security in (LinkSecurity(credentials=credentials),                            # system roots
                         LinkSecurity(credentials=credentials, ca_bundle=str(province.path))):  # the province's
            connector = HttpConnector(fake.url, AGENCY, security=security)
            assert not connector.ping()
            assert "chứng thư" in connector.last_ping_error
            with pytest.raises(p.NetworkFailure, match="chứng thư"):
                connector.pull_changes("0")
            connector.close()
        assert len(fake.requests) == reached  # not one request of the desk reached the attacker's server

        connector = HttpConnector(real.url, AGENCY, security=LinkSecurity(credentials=credentials,
                                                                          ca_bundle=str(province.path)))
        assert connector.ping(), connector.last_ping_error  # the roots named in the settings are trusted
        connector.close()
        with pytest.raises(LinkConfigError, match="provincial_ca_bundle"):
            HttpConnector(real.url, AGENCY, security=LinkSecurity(ca_bundle=str(tmp_path / "không-có.pem")))


# --- 5. replies are capped -------------------------------------------------------------------------

HUGE = 150 * 1024 * 1024


def _streamer(announce_length: bool, state: dict):  # noqa: ANN202
    block = b"A" * (1024 * 1024)

    def respond(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if announce_length:
            handler.send_header("Content-Length", str(HUGE))
        else:
            handler.send_header("Connection", "close")  # the body runs until the connection closes
        handler.end_headers()
        try:
            handler.wfile.write(b'{"error_code": 0, "message": "", "data": "')
            while state["sent"] < HUGE:
                handler.wfile.write(block)
                state["sent"] += len(block)
        except OSError:
            pass  # the desk hung up
        handler.close_connection = True

    return respond


@pytest.mark.parametrize("announce_length", [False, True], ids=["streamed", "content-length"])
def test_a_150_mb_reply_is_cut_off_at_the_cap_and_never_held_in_memory(announce_length):
    state = {"sent": 0}
    with LocalServer(_streamer(announce_length, state)) as server:
        connector = HttpConnector(server.url, AGENCY, security=LinkSecurity(allow_loopback_http=True))
        tracemalloc.start()
        try:
            with pytest.raises(p.ReplyTooLarge) as refused:
                connector.pull_changes("0")
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            connector.close()
    assert isinstance(refused.value, p.NetworkFailure)          # a transport failure: retried later, never data
    assert "byte" in str(refused.value)
    assert peak < 40 * 1024 * 1024, peak                        # the cap is 8 MB; 150 MB never arrives
    assert state["sent"] < 48 * 1024 * 1024, state["sent"]      # the desk stopped reading (socket buffers aside)
    assert len(server.requests) == 1                            # and did not ask again at once


# --- 6. the sandbox's admin routes and its address ---------------------------------------------------

def test_the_sandbox_admin_routes_need_the_admin_token(sandbox):
    client_token = sandbox.client_headers()
    for method, path, body in (("GET", "/admin/faults", None), ("POST", "/admin/faults", {"drop": 1.0}),
                               ("GET", "/admin/stats", None), ("POST", "/admin/advance", {}),
                               ("PUT", "/bench/raw/x.bin", None)):
        for headers in ({}, client_token, {"Authorization": "Bearer doan-mo"}):
            reply = httpx.request(method, f"{sandbox.url}{path}", json=body, headers=headers)
            assert reply.status_code == 401, (method, path, headers)
    assert sandbox.set_faults(drop=0.0)["drop"] == 0.0  # with the admin token
    assert httpx.get(f"{sandbox.url}/admin/faults", headers=sandbox.admin_headers).json()["drop"] == 0.0
    assert httpx.get(f"{sandbox.url}/openapi.json").status_code == 200  # the API description stays readable


def test_the_sandbox_refuses_a_non_loopback_host_unless_explicitly_allowed(tmp_path):
    port = free_port()
    result = run_cli("sandbox-server", "--port", str(port), "--host", "0.0.0.0", "--data", str(tmp_path / "sb"),
                     timeout=60)
    assert result.returncode == 2 and "--allow-remote" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    for host in ("0.0.0.0", "::", "192.168.1.20", "may-chu.local"):
        with pytest.raises(SandboxHostError):
            check_host(host)
    assert check_host("0.0.0.0", allow_remote=True) == "0.0.0.0"
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        assert check_host(host) == host

    # Started by hand (no credentials handed over): it makes its own, in a file only its owner reads,
    # and still requires them.
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, "-m", "desk_app", "sandbox-server", "--port", str(port),
                                "--data", str(tmp_path / "sb")], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"{url}/api/v1/ping", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        assert answer.status_code == 401
        saved = tmp_path / "sb" / "credentials.json"
        assert saved.stat().st_mode & 0o777 == 0o600
        account = json.loads(saved.read_text(encoding="utf-8"))
        connector = HttpConnector(url, AGENCY, security=LinkSecurity(
            credentials=ClientCredentials(account["client_id"], account["client_secret"]), allow_loopback_http=True))
        assert connector.ping(), connector.last_ping_error
        connector.close()
        assert httpx.get(f"{url}/admin/stats").status_code == 401
        assert httpx.get(f"{url}/admin/stats", headers={
            "Authorization": f"Bearer {account['admin_token']}"}).status_code == 200
    finally:
        process.terminate()
        process.wait(30)


# --- 7. sync after crashes -------------------------------------------------------------------------

def test_sixteen_crashed_claims_do_not_count_as_attempts_and_one_sync_sends_all_thirty(
        sandbox, sync_desk, sync_clerk, data_folder):
    sync_desk.settings.save(data_folder)
    codes = make_dossiers(sync_desk, sync_clerk, 30, pages=1, size=3000, seed=16)
    host = socket.gethostname()
    for cycle in range(16):
        # A worker claims everything due, then is killed (-9) before it can answer for any of it.
        victim = subprocess.Popen(["sleep", "60"])
        try:
            claimant = f"{host}:{victim.pid}:{int(psutil.Process(victim.pid).create_time())}"
            claimed = outbox.claim_due(sync_desk.sessions, claimant, 30)
            failed = claimed[:10] if cycle == 7 else []
            for item in failed:  # this run did reach the send while the link was down: a real failed attempt
                assert outbox.fail(sync_desk.sessions, item.id, claimant, p.NetworkFailure("Mất mạng"), [],
                                   Backoff()) == outbox.FAILED_NETWORK
        finally:
            victim.send_signal(signal.SIGKILL)
            victim.wait()
        assert outbox.requeue_stale(sync_desk.sessions, lease_seconds=300) == len(claimed) - len(failed)
    with sync_desk.sessions() as session:
        rows = session.scalars(select(OutboxItem)).all()
        attempts = sorted(r.attempts for r in rows)
        waiting = [r for r in rows if r.state == outbox.FAILED_NETWORK]
    assert attempts == [0] * 20 + [1] * 10  # only the recorded failures count
    # Their back-off is the first one (about a minute), not an hour — and still running.
    assert len(waiting) == 10 and all(r.next_attempt_at > now_local() + dt.timedelta(seconds=20)
                                      for r in waiting)

    # The link is healthy: one one-shot sync sends all 30, without waiting out the back-off.
    result = run_cli("sync", "--endpoint", sandbox.url, "--no-pull", env=sandbox.client_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã gửi 30" in result.stdout
    assert outbox.counts(sync_desk.sessions)[outbox.ACKNOWLEDGED] == 30
    with sync_desk.sessions() as session:
        assert sorted(session.scalars(select(OutboxItem.attempts))) == [1] * 20 + [2] * 10
    assert_on_server_exactly_once(sync_desk, sandbox, codes)


def test_a_one_shot_sync_that_sends_nothing_while_items_wait_exits_non_zero(
        sandbox, sync_desk, sync_clerk, data_folder):
    sync_desk.settings.save(data_folder)
    make_dossiers(sync_desk, sync_clerk, 2, pages=1, size=1000, seed=21)
    down = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = run_cli("sync", "--endpoint", down, "--no-pull", env=sandbox.client_env())
    assert result.returncode == 1 and "không gửi được mục nào trong 2 mục" in result.stderr
    assert "Traceback" not in result.stderr
    # Now both wait out a back-off and none is due; the link is still down: still a failure, not "0 sent, fine".
    assert outbox.due_count(sync_desk.sessions) == 0 and outbox.waiting_count(sync_desk.sessions) == 2
    result = run_cli("sync", "--endpoint", down, "--no-pull", env=sandbox.client_env())
    assert result.returncode == 1 and "không gửi được mục nào" in result.stderr
    # Refused credentials: the same, and it says so.
    result = run_cli("sync", "--endpoint", sandbox.url, "--no-pull",
                     env={CLIENT_ID_ENV: sandbox.auth.client_id, CLIENT_SECRET_ENV: "sai-mật-khẩu"})
    assert result.returncode == 1 and "xác thực" in result.stderr + result.stdout
    # And once the link works, the same command sends both at once and succeeds.
    result = run_cli("sync", "--endpoint", sandbox.url, "--no-pull", env=sandbox.client_env())
    assert result.returncode == 0 and "Đã gửi 2" in result.stdout, result.stdout + result.stderr


@pytest.mark.slow
def test_kill_9_of_the_sync_worker_20_times_then_one_sync_sends_everything_once_within_one_backoff(
        sandbox, sync_desk, sync_clerk, data_folder):
    sync_desk.settings.save(data_folder)
    rng = random.Random(13)
    codes = make_dossiers(sync_desk, sync_clerk, 6, pages=2, size=60_000, seed=130)
    env = {"DESK_APP_DATA_DIR": str(data_folder), **sandbox.client_env()}
    # The real back-off (60 s): a row that fails while the worker is killed around it waits a minute.
    command = ["sync", "--endpoint", sandbox.url, "--part-size", "32768", "--no-pull", "--quiet",
               "--concurrency", "3"]
    # Faulty enough that some rows fail for real (three 503s in a row) and wait out the 60 s back-off, and
    # slow enough (a quarter of the replies 0.4 s late) that a worker is still sending when it is killed,
    # however fast the machine.
    sandbox.set_faults(http_5xx=0.3, slow=0.25, slow_seconds=0.4, seed=13)
    killed = 0
    try:
        for round_number in range(20):
            codes += make_dossiers(sync_desk, sync_clerk, 1, pages=2, size=60_000, seed=300 + round_number)
            before = outbox.counts(sync_desk.sessions)
            settled = before[outbox.ACKNOWLEDGED] + before[outbox.FAILED_NETWORK]
            process = subprocess.Popen([sys.executable, "-m", "desk_app", *command], cwd=ROOT,
                                       env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            # Even rounds: as soon as rows are claimed (mid-upload). Odd rounds: once some results were
            # written (mid-record, between acknowledgements and failures). Events, not fixed delays.
            deadline = time.monotonic() + 30
            while process.poll() is None and time.monotonic() < deadline:
                now = outbox.counts(sync_desk.sessions)
                if (now[outbox.SENDING] > 0 if round_number % 2 == 0
                        else now[outbox.ACKNOWLEDGED] + now[outbox.FAILED_NETWORK] != settled):
                    break
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.3))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                killed += 1
            process.wait()
    finally:
        sandbox.set_faults(http_5xx=0.0, slow=0.0)
    assert killed >= 15
    # The clerk goes on receiving after the last crash: the final sync always has work (on a quiet machine
    # the killed workers may have sent everything before it), besides whatever the kills left behind.
    codes += make_dossiers(sync_desk, sync_clerk, 2, pages=2, size=60_000, seed=400)
    with sync_desk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxItem)) == len(codes)
    assert outbox.counts(sync_desk.sessions)[outbox.ACKNOWLEDGED] < len(codes)
    started = time.monotonic()
    result = run_cli(*command, env=env)  # the same command, once, with the real 60 s back-off
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert elapsed < 60, elapsed  # within one back-off period
    assert outbox.counts(sync_desk.sessions)[outbox.ACKNOWLEDGED] == len(codes)
    assert_on_server_exactly_once(sync_desk, sandbox, codes)
