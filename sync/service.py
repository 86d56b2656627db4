"""Wiring shared by the CLI and the GUI: which endpoint to use, how to authenticate, a worker ready to run.

With no provincial endpoint configured the desk is in training mode: the bundled sandbox runs in a
child process on a free loopback port, with its store in the data folder (``sandbox/``) and freshly
generated credentials that only this desk process knows.

Outside training the endpoint must be ``https://`` and the desk must authenticate: an account
(``provincial_client_id``, secret from ``$DESK_APP_PROVINCIAL_SECRET`` or a 0600 file) and/or a client
certificate (``provincial_client_cert``/``provincial_client_key``).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.config import Settings
from desk_app.desk import Desk
from sync.connector import DEFAULT_PART_SIZE, ClientCredentials, HttpConnector, LinkConfigError, LinkSecurity
from sync.worker import SyncWorker, WorkerConfig

if TYPE_CHECKING:  # the sandbox (FastAPI, uvicorn) is imported only when training mode starts it
    from sync.sandbox.server import SandboxProcess

CLIENT_ID_ENV = "DESK_APP_PROVINCIAL_CLIENT_ID"
CLIENT_SECRET_ENV = "DESK_APP_PROVINCIAL_SECRET"
KEY_PASSPHRASE_ENV = "DESK_APP_PROVINCIAL_KEY_PASSPHRASE"


@dataclass
class SyncSession:
    worker: SyncWorker
    endpoint: str
    sandbox: SandboxProcess | None = None

    def close(self) -> None:
        self.worker.connector.close()
        if self.sandbox is not None:
            self.sandbox.stop()


def start_training_sandbox(desk: Desk, step_seconds: float = 60.0) -> SandboxProcess:
    from sync.sandbox.server import SandboxProcess

    sandbox = SandboxProcess(desk.folder / "sandbox", step_seconds=step_seconds)
    try:
        sandbox.wait_ready()
    except BaseException:
        sandbox.stop()
        raise
    return sandbox


def _secret_from_file(path_text: str) -> str:
    path = Path(path_text)
    try:
        mode = path.stat().st_mode
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise LinkConfigError(f"Tệp mật khẩu kết nối «{path}» (provincial_client_secret_file) để tài khoản "
                                  f"khác đọc được; hãy đặt quyền 600 (chmod 600) rồi thử lại.")
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise LinkConfigError(f"Không đọc được tệp mật khẩu kết nối «{path}»: {exc.strerror or exc}") from exc


def link_security(settings: Settings, training: bool | None = None, env: dict | None = None) -> LinkSecurity:
    """The desk's credentials and trusted roots from the settings and the environment (the secret and the
    key passphrase only from the environment or a private file, never from settings.json)."""
    env = os.environ if env is None else env
    training = settings.training if training is None else training
    client_id = env.get(CLIENT_ID_ENV) or settings.provincial_client_id
    secret = env.get(CLIENT_SECRET_ENV, "")
    if client_id and not secret and settings.provincial_client_secret_file:
        secret = _secret_from_file(settings.provincial_client_secret_file)
    if client_id and not secret:
        raise LinkConfigError(f"Có tài khoản kết nối «{client_id}» nhưng thiếu mật khẩu: đặt biến môi trường "
                              f"{CLIENT_SECRET_ENV} hoặc provincial_client_secret_file trong cấu hình.")
    security = LinkSecurity(
        credentials=ClientCredentials(client_id, secret) if client_id else None,
        token_url=settings.provincial_token_url, ca_bundle=settings.provincial_ca_bundle,
        client_cert=settings.provincial_client_cert, client_key=settings.provincial_client_key,
        key_password=env.get(KEY_PASSPHRASE_ENV) or None, allow_loopback_http=training,
        proxy=settings.provincial_proxy)
    if not training and not security.authenticates:
        raise LinkConfigError(
            "Chưa cấu hình xác thực với máy chủ tỉnh: cần tài khoản kết nối (provincial_client_id và mật khẩu "
            f"trong {CLIENT_SECRET_ENV}) hoặc chứng thư số của quầy (provincial_client_cert, provincial_client_key).")
    return security


def connector_for(desk: Desk, endpoint: str, sandbox: SandboxProcess | None = None, timeout: float = 30.0,
                  part_size: int = DEFAULT_PART_SIZE, max_connections: int = 8) -> HttpConnector:
    security = sandbox.link_security() if sandbox is not None else link_security(desk.settings)
    return HttpConnector(endpoint, desk.settings.agency_id, timeout=timeout, part_size=part_size,
                         max_connections=max_connections, security=security)


def open_sync(desk: Desk, endpoint: str | None = None, config: WorkerConfig | None = None,
              timeout: float = 30.0, part_size: int = DEFAULT_PART_SIZE) -> SyncSession:
    endpoint = endpoint or desk.settings.provincial_endpoint
    config = config or WorkerConfig()
    sandbox = None
    if not endpoint:
        sandbox = start_training_sandbox(desk)
        endpoint = sandbox.url
    try:
        connector = connector_for(desk, endpoint, sandbox, timeout, part_size, max(2, config.concurrency))
    except BaseException:
        if sandbox is not None:
            sandbox.stop()
        raise
    return SyncSession(SyncWorker(desk, connector, config), endpoint, sandbox)
