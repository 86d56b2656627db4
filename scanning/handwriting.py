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

import difflib
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
    ext = np.array([blank] + [x for c in labels for x in (c, blank)])
    size = len(ext)
    neg = -np.inf
    # A letter may follow the letter two states back directly unless both are the same letter.
    skip = np.zeros(size, bool)
    skip[2:] = (ext[2:] != blank) & (ext[2:] != ext[:-2])
    skip[1] = True                                   # from the junk before straight to the first letter
    emit = frames[:, ext]
    before, after = filler[0], neg                   # the junk states before and after the text
    alpha = np.full(size, neg)
    alpha[0], alpha[1] = emit[0, 0], emit[0, 1]
    for t in range(1, len(frames)):
        one = np.concatenate(([before], alpha[:-1]))
        two = np.where(skip, np.concatenate(([neg, before], alpha[:-2])), neg)
        after = np.logaddexp(after, np.logaddexp(alpha[-1], alpha[-2])) + filler[t]
        before = before + filler[t]
        alpha = np.logaddexp(np.logaddexp(alpha, one), two) + emit[t]
    return float(np.logaddexp.reduce([alpha[-1], alpha[-2], after]))


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


def read_line_with(image: Image.Image, alternatives: list[str], allowed: str | None = None) -> tuple[str, str]:
    """(the network's own reading of a one-piece line, the reading its frames support best).

    The second is the own reading, another engine's reading of the same line (tesseract's), or the
    own reading with single words of the other swapped in, whichever the network finds likeliest
    (CTC): a word tesseract got right and the network's best path missed is taken, a garbled one is
    not. The own reading alone stays the independent opinion.
    """
    pieces = split_wide(image.convert("RGB"))
    if len(pieces) > 1:
        own = read_line(image, allowed)
        return own, own
    frames, classes = _log_probs(pieces[0])
    own = unicodedata.normalize("NFC", " ".join(_greedy(frames, classes, allowed).split()))
    return own, best_supported(frames, classes, own, alternatives)


def best_supported(frames: np.ndarray, classes: dict[str, int], own: str, alternatives: list[str]) -> str:
    """Of *own* and *alternatives* — and *own* with single words of an alternative swapped in — the
    reading with the highest CTC likelihood under *frames*."""
    best, score = own, ctc_log_likelihood(frames, classes, own) if own else float("-inf")
    for other in alternatives:
        other = unicodedata.normalize("NFC", " ".join(other.split()))
        if not other or other == best:
            continue
        other_score = ctc_log_likelihood(frames, classes, other)
        if other_score > score:
            best, score = other, other_score
            continue
        mine, theirs = best.split(), other.split()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, mine, theirs).get_opcodes():
            if tag != "replace" or i2 - i1 != j2 - j1:
                continue
            for i, j in zip(range(i1, i2), range(j1, j2)):
                trial = [*mine[:i], theirs[j], *mine[i + 1:]]
                trial_score = ctc_log_likelihood(frames, classes, " ".join(trial))
                if trial_score > score:
                    mine, score = trial, trial_score
        best = " ".join(mine)
    return best


def read_line(image: Image.Image, allowed: str | None = None) -> str:
    """The text of one handwritten line (NFC); with *allowed*, only those characters are read (digits
    and "/" for a date: a "0" written open is then not an "o")."""
    rgb = image.convert("RGB")
    texts = []
    for piece in split_wide(rgb):
        frames, classes = _log_probs(piece)
        texts.append(_greedy(frames, classes, allowed))
    return unicodedata.normalize("NFC", " ".join(" ".join(texts).split()))
