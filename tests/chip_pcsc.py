"""A private pcscd with vsmartcard's virtual reader (vpcd), and virtual CCCD chips placed on it and lifted off.

The daemon gets its own reader configuration (vpcd listening on a free port) and its own socket
(``PCSCLITE_CSOCK_NAME``, read by pcscd and by libpcsclite in the test process), so it never meets a
system pcscd. A card is a child process (:mod:`tests.chip_virtual_card`) that connects to vpcd: the
reader sees the card arrive; killing the process is the card leaving the reader.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import atexit

import pytest

from tests.chip_issuer import write_image

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
CARD_SCRIPT = Path(__file__).with_name("chip_virtual_card.py")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(condition, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class PrivatePcscd:
    def __init__(self) -> None:
        if not VPCD_DRIVER.exists() or shutil.which("pcscd") is None:
            raise AssertionError("pcscd / vsmartcard-vpcd missing: run scripts/setup-system.sh")
        # The socket's folder is fixed by tests/conftest.py (PCSCLITE_CSOCK_NAME), one per test process.
        wanted = os.environ.get("PCSCLITE_CSOCK_NAME")
        self.root = Path(wanted).parent if wanted else Path(tempfile.mkdtemp(prefix="desk-pcsc-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        self.socket_path = self.root / "pcscd.comm"
        self.process: subprocess.Popen | None = None
        self.card: subprocess.Popen | None = None
        self.reader_name = ""

    def start(self) -> None:
        config = self.root / "reader.conf"
        config.write_text(f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:{self.port}\n'
                          f"LIBPATH {VPCD_DRIVER}\nCHANNELID {self.port}\n", encoding="ascii")
        # pcscd 1.9 always listens on /run/pcscd/pcscd.comm (only the client library reads
        # PCSCLITE_CSOCK_NAME): in a private mount namespace our folder is bound over /run/pcscd, so the
        # daemon's socket appears in our folder and a system pcscd, if any, is left alone.
        os.environ["PCSCLITE_CSOCK_NAME"] = str(self.socket_path)
        daemon = f"mount --bind {self.root} /run/pcscd && exec pcscd --foreground --config {config} --error"
        unshare = ["unshare", "--mount", "--propagation", "private"]
        if os.geteuid() != 0:
            unshare.insert(1, "--map-root-user")
        Path("/run/pcscd").mkdir(exist_ok=True) if os.geteuid() == 0 else None
        self.process = self._spawn([*unshare, "sh", "-c", daemon])
        if self.process.poll() is not None:
            # No mount namespace here (a container without CAP_SYS_ADMIN): run on the standard socket,
            # reached through a link at our socket's path, unless a system pcscd already owns it.
            standard = Path("/run/pcscd/pcscd.comm")
            if standard.exists():
                raise AssertionError("cannot isolate pcscd (unshare refused) and a system pcscd is running: "
                                     + (self.root / "pcscd.log").read_text(errors="replace"))
            self.process = self._spawn(["pcscd", "--foreground", "--config", str(config), "--error"], standard)
            if self.process.poll() is None:
                self.socket_path.unlink(missing_ok=True)
                self.socket_path.symlink_to(standard)
        if self.process.poll() is not None:
            raise AssertionError("pcscd did not start: " + (self.root / "pcscd.log").read_text(errors="replace"))
        from scanning.id_card.chip.transport import list_readers

        def reader_listed() -> bool:
            try:
                self.reader_name = list_readers()[0]
                return True
            except Exception:  # noqa: BLE001 - the reader appears a moment after the socket
                return False

        _wait(reader_listed, 10, "the vpcd reader")

    def _spawn(self, command: list[str], socket: Path | None = None) -> subprocess.Popen:
        """Start *command* and wait for its socket (ours unless given) or its exit."""
        socket = socket or self.socket_path
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(self.root / "pcscd.log", "ab"),
                                   start_new_session=True)
        _wait(lambda: socket.exists() or process.poll() is not None, 10, "pcscd socket")
        return process

    def insert(self, image: dict, tmp: Path | None = None) -> None:
        """Place a chip built from *image* on the reader and wait until PC/SC sees it."""
        from scanning.id_card.chip.transport import card_present

        self.remove()
        path = write_image((tmp or self.root) / f"card-{time.monotonic_ns()}.json", image)
        self.card = subprocess.Popen([sys.executable, str(CARD_SCRIPT), str(path), "--port", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=open(self.root / "card.log", "ab"))
        _wait(lambda: card_present(self.reader_name) or self.card.poll() is not None, 15, "the card on the reader")
        if self.card.poll() is not None:
            raise AssertionError("virtual card exited: " + (self.root / "card.log").read_text(errors="replace"))

    def remove(self) -> None:
        from scanning.id_card.chip.transport import card_present

        if self.card is not None:
            if self.card.poll() is None:
                self.card.terminate()
                self.card.wait(5)
            self.card = None
            _wait(lambda: not card_present(self.reader_name), 10, "the card to leave the reader")

    def stop(self) -> None:
        try:
            self.remove()
        finally:
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
            shutil.rmtree(self.root, ignore_errors=True)


_shared: PrivatePcscd | None = None


def shared_pcscd() -> PrivatePcscd:
    """One daemon per test process: libpcsclite reads the socket name once, at its first call."""
    global _shared
    if _shared is None:
        daemon = PrivatePcscd()
        daemon.start()
        atexit.register(daemon.stop)
        _shared = daemon
    return _shared


@pytest.fixture
def chip_reader(tmp_path):
    """The virtual reader, empty at the start and emptied again after the test."""
    daemon = shared_pcscd()
    daemon.remove()
    daemon.tmp = tmp_path
    yield daemon
    daemon.remove()
