"""Files that must survive a power cut: temp file in the same folder, fsync, atomic rename, fsync the folder.

The one implementation for the whole app (the core uses it too; scanning may not import the core).
Everything written here holds citizens' data, so files are created readable by the desk's own account
only (0600) and folders it creates are 0700, whatever the umask (docs/SECURITY.md).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


FILE_MODE = 0o600
DIR_MODE = 0o700


def make_private_dir(folder: str | os.PathLike[str]) -> Path:
    """Create *folder* and any missing parents with mode 0700; existing folders are left as they are."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        _chmod(path, DIR_MODE)   # mkdir's mode is filtered by the umask; chmod is not
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)   # raises the right error (a file in the way)
    return folder


def make_private(path: str | os.PathLike[str]) -> None:
    """Tighten an existing file (0600) or folder (0700) of the desk's data; no-op where modes do not exist."""
    path = Path(path)
    _chmod(path, DIR_MODE if path.is_dir() else FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    if os.name != "posix":
        return   # Windows: the data folder's ACL (the user's profile) protects it
    try:
        os.chmod(path, mode)
    except OSError:
        pass   # a network share that does not keep modes: nothing more to do here


def fsync_dir(folder: Path) -> None:
    """Make a rename in *folder* durable (directories cannot be opened on Windows: no-op there)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace *path* with *data*: after a crash it is either the old file or the complete new one."""
    path = Path(path)
    make_private_dir(path.parent)
    # mkstemp creates the file 0600: the new file never exists with wider permissions, even for a moment.
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return path


def append_json_line(path: Path, record: dict) -> None:
    """Append one JSON line and fsync; a crash leaves at most a torn last line (ignored on read)."""
    new = not path.exists()
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)
    with os.fdopen(fd, "ab") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())
    if new:
        fsync_dir(path.parent)
