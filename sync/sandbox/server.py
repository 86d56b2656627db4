"""Running the sandbox: in this process (``serve``) or as a child process on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import uvicorn

from sync.sandbox.app import create_app
from sync.sandbox.faults import FaultSettings


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def serve(folder: Path, port: int, host: str = "127.0.0.1", faults: FaultSettings | None = None,
          step_seconds: float = 60.0, log_level: str = "warning") -> None:
    asgi, _app = create_app(Path(folder), faults, step_seconds)
    config = uvicorn.Config(asgi, host=host, port=port, log_level=log_level, access_log=False,
                            timeout_graceful_shutdown=2)
    uvicorn.Server(config).run()


class SandboxProcess:
    """The sandbox in a child process (``desk-app sandbox-server``); stopped with :meth:`stop`."""

    def __init__(self, folder: Path, port: int | None = None, faults: list[str] | None = None,
                 step_seconds: float = 60.0) -> None:
        self.folder = Path(folder)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "desk_app", "sandbox-server", "--port", str(self.port),
                "--data", str(self.folder), "--step-seconds", str(step_seconds)]
        for fault in faults or []:
            args += ["--fault", fault]
        self.folder.mkdir(parents=True, exist_ok=True)
        self._log = open(self.folder / "sandbox.log", "ab")
        self.process = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT,
                                        env={**os.environ, "PYTHONUNBUFFERED": "1"})

    def wait_ready(self, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Máy chủ thử nghiệm dừng ngay khi khởi động (mã {self.process.returncode}); "
                                   f"xem {self.folder / 'sandbox.log'}")
            try:
                if httpx.get(f"{self.url}/admin/faults", timeout=1.0).status_code == 200:
                    return self.url
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"Máy chủ thử nghiệm không trả lời sau {timeout:.0f} giây")

    def admin(self, path: str, **body) -> dict:  # noqa: ANN003
        response = httpx.post(f"{self.url}/admin/{path}", json=body, timeout=30.0)
        response.raise_for_status()
        return response.json()

    def set_faults(self, **switches: float) -> dict:
        return self.admin("faults", **switches)

    def stats(self, verify: bool = False) -> dict:
        response = httpx.get(f"{self.url}/admin/stats", params={"verify": verify}, timeout=120.0)
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
