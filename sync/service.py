"""Wiring shared by the CLI and the GUI: which endpoint to use, and a worker ready to run.

With no provincial endpoint configured the desk is in training mode: the bundled sandbox runs in a
child process on a free loopback port, with its store in the data folder (``sandbox/``).
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.desk import Desk
from sync.connector import DEFAULT_PART_SIZE, HttpConnector
from sync.sandbox.server import SandboxProcess
from sync.worker import SyncWorker, WorkerConfig


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
    sandbox = SandboxProcess(desk.folder / "sandbox", step_seconds=step_seconds)
    sandbox.wait_ready()
    return sandbox


def open_sync(desk: Desk, endpoint: str | None = None, config: WorkerConfig | None = None,
              timeout: float = 30.0, part_size: int = DEFAULT_PART_SIZE) -> SyncSession:
    endpoint = endpoint or desk.settings.provincial_endpoint
    sandbox = None
    if not endpoint:
        sandbox = start_training_sandbox(desk)
        endpoint = sandbox.url
    config = config or WorkerConfig()
    connector = HttpConnector(endpoint, desk.settings.agency_id, timeout=timeout, part_size=part_size,
                              max_connections=max(2, config.concurrency))
    return SyncSession(SyncWorker(desk, connector, config), endpoint, sandbox)
