"""Running the sandbox: in this process (``serve``) or as a child process on a free loopback port.

The sandbox listens on this machine only (127.0.0.1, ::1, localhost) unless ``allow_remote`` is given
explicitly, and always requires authentication (:mod:`sync.sandbox.auth`).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import uvicorn

from scanning.child_processes import child_env
from desk_app.errors import DeskError
from sync.sandbox.app import create_app
from sync.sandbox.auth import SandboxAuth
from sync.sandbox.faults import FaultSettings


class SandboxHostError(DeskError):
    """The sandbox was asked to listen beyond this machine without ``--allow-remote``."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def check_host(host: str, allow_remote: bool = False) -> str:
    """*host* if the sandbox may listen there: loopback only, unless explicitly allowed."""
    loopback = host.lower() in ("localhost", "localhost.")
    if not loopback:
        try:
            loopback = ipaddress.ip_address(host.strip("[]")).is_loopback
        except ValueError:
            loopback = False
    if loopback or allow_remote:
        return host
    raise SandboxHostError(
        f"Máy chủ thử nghiệm chỉ nghe trên chính máy này (127.0.0.1, ::1, localhost); «{host}» sẽ mở nó ra "
        f"mạng cho bất kỳ ai. Nếu thật sự cần, thêm --allow-remote (và nên dùng --tls-cert/--tls-key).")


def serve(folder: Path, port: int, host: str = "127.0.0.1", faults: FaultSettings | None = None,
          step_seconds: float = 60.0, log_level: str = "warning", auth: SandboxAuth | None = None,
          allow_remote: bool = False, tls_cert: str | None = None, tls_key: str | None = None,
          client_ca: str | None = None) -> None:
    """Serve until stopped. With *tls_cert*/*tls_key* over HTTPS; with *client_ca* too, every client must
    present a certificate signed by it (mutual TLS), which then authenticates the protocol routes."""
    check_host(host, allow_remote)
    auth = auth or SandboxAuth.generate()
    tls: dict = {}
    if tls_cert:
        tls = {"ssl_certfile": tls_cert, "ssl_keyfile": tls_key}
        if client_ca:
            tls.update(ssl_ca_certs=client_ca, ssl_cert_reqs=ssl.CERT_REQUIRED)
            auth.client_certificates = True
    asgi, _app = create_app(Path(folder), faults, step_seconds, auth=auth)
    config = uvicorn.Config(asgi, host=host, port=port, log_level=log_level, access_log=False,
                            timeout_graceful_shutdown=2, **tls)
    uvicorn.Server(config).run()


class SandboxProcess:
    """The sandbox in a child process (``desk-app sandbox-server``); stopped with :meth:`stop`.

    Credentials are generated here (or given as *auth*) and reach the child through its environment;
    :meth:`link_security` gives the desk's side, :attr:`admin_headers` the trainer's/tests' side."""

    def __init__(self, folder: Path, port: int | None = None, faults: list[str] | None = None,
                 step_seconds: float = 60.0, auth: SandboxAuth | None = None, token_seconds: float = 3600.0,
                 tls: dict[str, str] | None = None) -> None:
        self.folder = Path(folder)
        self.port = port or free_port()
        self.auth = auth or SandboxAuth.generate(token_seconds)
        self.tls = tls or {}
        self.url = f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "desk_app", "sandbox-server", "--port", str(self.port),
                "--data", str(self.folder), "--step-seconds", str(step_seconds),
                "--token-seconds", str(self.auth.token_seconds)]
        for fault in faults or []:
            args += ["--fault", fault]
        for name in ("tls_cert", "tls_key", "client_ca"):
            if self.tls.get(name):
                args += [f"--{name.replace('_', '-')}", str(self.tls[name])]
        self.folder.mkdir(parents=True, exist_ok=True)
        self._log = open(self.folder / "sandbox.log", "ab")
        self.process = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT,
                                        env={**os.environ, "PYTHONUNBUFFERED": "1", **self.auth.env(),
                                             **child_env()})  # ends with this process (kill -9 too)

    # -- credentials --

    @property
    def admin_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.auth.admin_token}"}

    @property
    def credentials(self):  # noqa: ANN201 - sync.connector.ClientCredentials
        from sync.connector import ClientCredentials

        return ClientCredentials(self.auth.client_id, self.auth.client_secret)

    def link_security(self, **overrides):  # noqa: ANN003, ANN201 - sync.connector.LinkSecurity
        """What the desk needs to talk to this sandbox (training mode: loopback http allowed)."""
        from sync.connector import LinkSecurity

        return LinkSecurity(**{"credentials": self.credentials, "allow_loopback_http": True, **overrides})

    def client_env(self) -> dict[str, str]:
        """Environment for a ``desk-app sync --endpoint <url>`` child talking to this sandbox."""
        from sync.service import CLIENT_ID_ENV, CLIENT_SECRET_ENV

        return {CLIENT_ID_ENV: self.auth.client_id, CLIENT_SECRET_ENV: self.auth.client_secret}

    def client_headers(self) -> dict[str, str]:
        """A fresh bearer token for hand-made protocol requests (tests that play a desk by hand)."""
        response = httpx.post(f"{self.url}/oauth2/token", data={"grant_type": "client_credentials"},
                              auth=(self.auth.client_id, self.auth.client_secret), timeout=30.0, trust_env=False)
        response.raise_for_status()
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    def connector(self, agency_id: str, **options):  # noqa: ANN003, ANN201 - sync.connector.HttpConnector
        from sync.connector import HttpConnector

        return HttpConnector(self.url, agency_id, security=self.link_security(), **options)

    # -- life --

    def wait_ready(self, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Máy chủ thử nghiệm dừng ngay khi khởi động (mã {self.process.returncode}); "
                                   f"xem {self.folder / 'sandbox.log'}")
            if self.tls:
                # Over TLS (maybe mutual): listening is enough; the callers bring their own certificates.
                try:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1.0):
                        return self.url
                except OSError:
                    pass
            else:
                try:
                    if httpx.get(f"{self.url}/admin/faults", headers=self.admin_headers, timeout=1.0,
                                 trust_env=False).status_code == 200:
                        return self.url
                except httpx.HTTPError:
                    pass
            time.sleep(0.05)
        raise TimeoutError(f"Máy chủ thử nghiệm không trả lời sau {timeout:.0f} giây")

    def admin(self, path: str, **body) -> dict:  # noqa: ANN003
        response = httpx.post(f"{self.url}/admin/{path}", json=body, headers=self.admin_headers, timeout=30.0,
                              trust_env=False)
        response.raise_for_status()
        return response.json()

    def set_faults(self, **switches: float) -> dict:
        return self.admin("faults", **switches)

    def stats(self, verify: bool = False) -> dict:
        response = httpx.get(f"{self.url}/admin/stats", params={"verify": verify}, headers=self.admin_headers,
                             timeout=120.0, trust_env=False)
        response.raise_for_status()
        return response.json()

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
