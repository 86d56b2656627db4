"""A private CUPS scheduler with a cups-pdf queue, for tests that print for real.

:class:`PrivateCups` writes its own ``cupsd.conf`` / ``cups-files.conf`` in a temporary folder,
starts ``cupsd -f`` on a free loopback port and adds a cups-pdf queue whose PDFs land in
``output_dir``. cups-pdf reads its per-queue settings only from ``/etc/cups/cups-pdf-<name>.conf``
(path compiled in), so that one file is written there with a unique name and removed on stop.
cups-pdf must run as root (it changes file ownership): the backend is mode 0700, so cupsd runs it
as root, and the spool/temp folders are world-writable with the sticky bit (mode 1777).
"""

from __future__ import annotations

import grp
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_ETC = Path("/etc/cups")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateCups:
    def __init__(self, queue: str = "desk-pdf") -> None:
        # Filters run as user lp: every folder on the way to the spool must be traversable by it,
        # which pytest's private tmp folders (mode 0700) are not.
        self.root = Path(tempfile.mkdtemp(prefix="desk-cups-"))
        os.chmod(self.root, 0o755)
        self.port = free_port()
        self.queue = queue
        self.instance = f"desktest{uuid.uuid4().hex[:10]}"
        self.output_dir = self.root / "pdf-out"
        self.process: subprocess.Popen | None = None
        self._instance_conf = CUPS_ETC / f"cups-pdf-{self.instance}.conf"

    @property
    def server(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _write_config(self) -> None:
        conf = self.root / "etc"
        dirs = {name: self.root / name for name in ("spool", "tmp", "cache", "state", "log", "cups-pdf-spool")}
        for path in [conf, self.output_dir, *dirs.values()]:
            path.mkdir(parents=True, exist_ok=True)
        for name in ("tmp", "cups-pdf-spool"):
            os.chmod(dirs[name], 0o1777)
        os.chmod(self.output_dir, 0o1777)
        # The scheduler's own layout: spool readable by group lp (filters), state/cache private.
        lp_gid = grp.getgrnam("lp").gr_gid
        os.chown(dirs["spool"], 0, lp_gid)
        os.chmod(dirs["spool"], 0o710)
        for name in ("cache", "state", "log"):
            os.chmod(dirs[name], 0o755)
        (conf / "ppd").mkdir(exist_ok=True)
        (conf / "cupsd.conf").write_text(
            f"Listen 127.0.0.1:{self.port}\n"
            "LogLevel info\n"
            "MaxLogSize 0\n"
            "Browsing No\n"
            "DefaultAuthType None\n"
            "WebInterface No\n"
            "JobRetryLimit 0\n"
            f"Printcap {self.root}/printcap\n"
            "PreserveJobHistory Yes\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n"
            "  <Limit All>\n    Order deny,allow\n    Allow all\n  </Limit>\n"
            "</Policy>\n",
            encoding="utf-8",
        )
        (conf / "cups-files.conf").write_text(
            f"ServerRoot {conf}\n"
            f"RequestRoot {dirs['spool']}\n"
            f"TempDir {dirs['tmp']}\n"
            f"CacheDir {dirs['cache']}\n"
            f"StateDir {dirs['state']}\n"
            f"AccessLog {dirs['log']}/access_log\n"
            f"ErrorLog {dirs['log']}/error_log\n"
            f"PageLog {dirs['log']}/page_log\n"
            "User lp\nGroup lp\nSystemGroup root\n"
            "Sandboxing Relaxed\n",
            encoding="utf-8",
        )
        self._instance_conf.write_text(
            f"Out {self.output_dir}\n"
            f"AnonDirName {self.output_dir}\n"
            f"Spool {dirs['cups-pdf-spool']}\n"
            f"Log {dirs['log']}\n"
            "LogType 3\n"
            "Grp root\n"
            "UserUMask 0000\n"
            "Label 0\n",
            encoding="utf-8",
        )

    def start(self, timeout: float = 20.0) -> PrivateCups:
        if shutil.which("cupsd") is None and not Path("/usr/sbin/cupsd").exists():
            raise RuntimeError("cupsd chưa được cài (apt: cups cups-pdf cups-client cups-bsd)")
        self._write_config()
        conf = self.root / "etc"
        cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
        self.process = subprocess.Popen(
            [cupsd, "-f", "-c", str(conf / "cupsd.conf"), "-s", str(conf / "cups-files.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"cupsd dừng ngay: {self.process.stderr.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError("cupsd không mở cổng kịp thời")
        subprocess.run(
            ["lpadmin", "-h", self.server, "-p", self.queue, "-E", "-v", f"cups-pdf:/{self.instance}",
             "-P", str(CUPS_PDF_PPD), "-o", "printer-error-policy=abort-job"],
            check=True, capture_output=True, timeout=30,
        )
        subprocess.run(["lpadmin", "-h", self.server, "-d", self.queue], check=True, capture_output=True, timeout=30)
        return self

    def error_log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None
        self._instance_conf.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)
