"""Handwritten Vietnamese text lines read by AsterOCR (issue 14 §3).

Citizens fill declarations by hand; tesseract reads Dancing-Script-like handwriting at ~100 % CER on
field crops, AsterOCR at ~45 % (docs/PERFORMANCE.md, "Handwritten field crops"). The recogniser is a
CTC network shipped as ONNX weights inside the ``asterocr`` wheel (MIT); it is always loaded from the
wheel's own file — the package's fallback that downloads weights from a model hub is never reached.

Lines wider than the network's 256 time steps (1024 px at its 32 px input height) are cut between
words and read piece by piece.

For a field with a closed set of answers (gender, ethnicity, nationality) :func:`best_choice` scores
every answer against the network's per-frame probabilities (CTC forward pass) instead of reading
freely: a badly formed letter then only has to look more like one answer than like the others, and
the gap between the two best answers says how clear the choice is.
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


def _log_probs(image: Image.Image) -> tuple[np.ndarray, dict[str, int]]:
    """Per-frame log probabilities (frames × classes) of one line piece, and the class of each char."""
    reader = _load()
    out = reader.session.run([reader.output_name], {reader.input_name: reader.preprocess_image(image.convert("RGB"))})[0]
    frames = out[:, 0, :] if out.shape[1] == 1 else out[0]
    # Log-softmax again: harmless when the network already gives log probabilities.
    frames = frames - np.logaddexp.reduce(frames, axis=1, keepdims=True)
    return frames, {ch: i for i, ch in reader.vocab.idx2char.items()}


# What may stand around an answer on the line: leader dots left over, a comma, spaces.
_JUNK = " .,:;-_'\"…"


def ctc_log_likelihood(frames: np.ndarray, classes: dict[str, int], text: str, blank: int = 0) -> float:
    """log P(text | frames) under CTC, allowing junk (dots, spaces) before and after the text.

    Returns -inf when *text* has a character the network cannot write or needs more frames than there are.
    """
    labels = [classes.get(ch) for ch in text]
    if not labels or any(c is None for c in labels):
        return float("-inf")
    junk = [classes[ch] for ch in _JUNK if ch in classes]
    filler = np.logaddexp.reduce(frames[:, [blank, *junk]], axis=1)     # a junk frame emits blank or junk
    ext = [blank]
    for c in labels:
        ext += [c, blank]
    n, s = len(frames), len(ext)
    neg = float("-inf")
    # States: 0 = junk before, 1..s = the CTC states of the text, s+1 = junk after.
    alpha = np.full(s + 2, neg)
    alpha[0] = filler[0]
    alpha[1] = frames[0, ext[0]]
    alpha[2] = frames[0, ext[1]]
    for t in range(1, n):
        prev = alpha
        alpha = np.full(s + 2, neg)
        alpha[0] = prev[0] + filler[t]
        for k in range(s):
            label = ext[k]
            total = prev[k + 1]
            if k >= 1:
                total = np.logaddexp(total, prev[k])
            else:
                total = np.logaddexp(total, prev[0])
            if k == 1:
                total = np.logaddexp(total, prev[0])          # straight from the junk to the first letter
            if k >= 2 and label != blank and label != ext[k - 2]:
                total = np.logaddexp(total, prev[k - 1])
            alpha[k + 1] = total + frames[t, label]
        alpha[s + 1] = np.logaddexp(prev[s + 1], np.logaddexp(prev[s], prev[s - 1])) + filler[t]
    return float(np.logaddexp.reduce([alpha[s], alpha[s - 1], alpha[s + 1]]))


def best_choice(image: Image.Image, choices: list[str]) -> tuple[str | None, float]:
    """(the answer the handwriting most likely says, log-likelihood gap to the next best answer).

    Only for short lines (one piece for the network); ``(None, 0.0)`` when the line is too wide or no
    answer can be written by the network.
    """
    if not choices or len(split_wide(image)) > 1:
        return None, 0.0
    frames, classes = _log_probs(image)
    scored = sorted(((ctc_log_likelihood(frames, classes, c), c) for c in dict.fromkeys(choices)), reverse=True)
    if scored[0][0] == float("-inf"):
        return None, 0.0
    gap = scored[0][0] - scored[1][0] if len(scored) > 1 else float("inf")
    return unicodedata.normalize("NFC", scored[0][1]), gap


def _greedy(frames: np.ndarray, classes: dict[str, int], allowed: str | None) -> str:
    """Best class per frame (only *allowed* characters and the blank), repeats and blanks collapsed."""
    if allowed is not None:
        keep = [0, *sorted({classes[ch] for ch in allowed if ch in classes})]
        masked = np.full_like(frames, -np.inf)
        masked[:, keep] = frames[:, keep]
        frames = masked
    names = {i: ch for ch, i in classes.items()}
    out, prev = [], -1
    for idx in np.argmax(frames, axis=1):
        idx = int(idx)
        if idx != prev and idx != 0:
            out.append(names.get(idx, ""))
        prev = idx
    return "".join(out)


def read_line(image: Image.Image, allowed: str | None = None) -> str:
    """The text of one handwritten line (NFC); with *allowed*, only those characters are read (digits
    and "/" for a date: a "0" written open is then not an "o")."""
    rgb = image.convert("RGB")
    texts = []
    for piece in split_wide(rgb):
        frames, classes = _log_probs(piece)
        texts.append(_greedy(frames, classes, allowed))
    return unicodedata.normalize("NFC", " ".join(" ".join(texts).split()))
