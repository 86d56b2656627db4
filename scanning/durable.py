"""Files that must survive a power cut: temp file in the same folder, fsync, atomic rename, fsync the folder.

The one implementation for the whole app (the core uses it too; scanning may not import the core).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


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
    path.parent.mkdir(parents=True, exist_ok=True)
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
    with open(path, "ab") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())
    if new:
        fsync_dir(path.parent)
