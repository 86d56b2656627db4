"""Handwritten Vietnamese text lines read by AsterOCR (issue 14 §3).

Citizens fill declarations by hand; tesseract reads Dancing-Script-like handwriting at ~100 % CER on
field crops, AsterOCR at ~45 % (docs/PERFORMANCE.md, "Handwritten field crops"). The recogniser is a
CTC network shipped as ONNX weights inside the ``asterocr`` wheel (MIT); it is always loaded from the
wheel's own file — the package's fallback that downloads weights from a model hub is never reached.

Lines wider than the network's 256 time steps (1024 px at its 32 px input height) are cut between
words and read piece by piece.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

import numpy as np
from PIL import Image

_MAX_WIDTH = 1000          # px at the network's 32 px height; its position encoding stops at 1024
_lock = threading.Lock()
_reader = None


def available() -> bool:
    """True when the recogniser and its bundled weights are installed."""
    return _weights() is not None


def _weights() -> Path | None:
    try:
        import asterocr
    except ImportError:
        return None
    path = Path(asterocr.__file__).resolve().parent / "assets" / "asternet.onnx"
    return path if path.is_file() else None


def _load():
    global _reader
    with _lock:
        if _reader is None:
            weights = _weights()
            if weights is None:
                raise RuntimeError("Chưa cài bộ đọc chữ viết tay (gói asterocr).")
            from asterocr import AsterOCR

            _reader = AsterOCR(model_path=str(weights), backend="onnx", enable_telemetry=False)
        return _reader


def split_wide(line: Image.Image, max_width: int = _MAX_WIDTH) -> list[Image.Image]:
    """Pieces of *line* narrow enough for the network, cut at the emptiest column near each cut."""
    scaled = line.width * 32 / max(1, line.height)
    parts = int(scaled // max_width) + 1
    if parts == 1:
        return [line]
    ink = (np.asarray(line.convert("L")) < 140).sum(axis=0)
    cuts, step = [0], line.width / parts
    for k in range(1, parts):
        lo, hi = int(step * k - step * 0.2), int(step * k + step * 0.2)
        cuts.append(lo + int(np.argmin(ink[lo:hi])))
    cuts.append(line.width)
    return [line.crop((a, 0, b, line.height)) for a, b in zip(cuts, cuts[1:]) if b - a > 4]


def read_line(image: Image.Image) -> str:
    """The text of one handwritten line (NFC)."""
    reader = _load()
    rgb = image.convert("RGB")
    text = " ".join(reader.predict(piece) for piece in split_wide(rgb))
    return unicodedata.normalize("NFC", " ".join(text.split()))
