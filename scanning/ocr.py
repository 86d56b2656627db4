"""Vietnamese OCR with tesseract (``-l vie``): text, word boxes and confidence per page.

Tesseract runs as a subprocess with ``OMP_THREAD_LIMIT=1`` — one page per process, parallelism comes
from running several pages at once (see :mod:`scanning.pipeline`). A tesseract crash or hang raises
:class:`OcrError` for that page only. Results are plain dataclasses that pickle across processes.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import time
import unicodedata
from dataclasses import asdict, dataclass, field

import cv2
import numpy as np

DEFAULT_LANGUAGE = "vie"
DEFAULT_TIMEOUT = 180.0


class OcrError(ValueError):
    """Tesseract could not read a page; the message is for the clerk."""


@dataclass(frozen=True)
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    block: int
    paragraph: int
    line: int


@dataclass
class OcrPage:
    text: str                                  # NFC, lines in reading order, blank line between blocks
    words: list[OcrWord] = field(default_factory=list)
    mean_confidence: float = 0.0               # 0–100, mean over words (0 when no words)
    width: int = 0
    height: int = 0
    dpi: int = 0
    seconds: float = 0.0
    language: str = DEFAULT_LANGUAGE

    def to_dict(self, with_words: bool = True) -> dict:
        data = asdict(self)
        if not with_words:
            data.pop("words")
        return data

    def rescaled(self, factor: float, width: int, height: int, dpi: int) -> OcrPage:
        """The same result with word boxes in an image *factor* times larger (OCR ran on a reduced copy)."""
        words = [OcrWord(w.text, int(round(w.left * factor)), int(round(w.top * factor)),
                         int(round(w.width * factor)), int(round(w.height * factor)),
                         w.confidence, w.block, w.paragraph, w.line) for w in self.words]
        return OcrPage(self.text, words, self.mean_confidence, width, height, dpi, self.seconds, self.language)

    @classmethod
    def from_dict(cls, data: dict) -> OcrPage:
        words = [OcrWord(**w) for w in data.get("words", [])]
        return cls(**{**data, "words": words})


def tesseract_path() -> str:
    path = shutil.which("tesseract")
    if not path:
        raise OcrError("Chưa cài tesseract-ocr (gói tesseract-ocr, tesseract-ocr-vie, tesseract-ocr-osd).")
    return path


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # parallelism comes from processes; OpenMP threads only fight them
    return env


def _pnm_bytes(image: np.ndarray) -> bytes:
    """PGM/PPM in memory: cheaper to write than PNG and read by tesseract's leptonica from stdin."""
    ok, encoded = cv2.imencode(".pgm" if image.ndim == 2 else ".ppm", image)
    if not ok:
        raise OcrError("Không mã hóa được ảnh để nhận dạng.")
    return encoded.tobytes()


def _run(args: list[str], image: np.ndarray, timeout: float) -> str:
    try:
        done = subprocess.run([tesseract_path(), "stdin", "stdout", *args], input=_pnm_bytes(image),
                              capture_output=True, timeout=timeout, env=_environment(), check=False)
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"Nhận dạng chữ quá thời gian ({int(timeout)} giây).") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError("Tesseract lỗi khi nhận dạng trang: " + (message[-1] if message else f"mã {done.returncode}"))
    return done.stdout.decode("utf-8", "replace")


# A signature, a seal or a ruled line read as letters gives a line of low confidence, or isolated words
# of near-zero confidence; real print, even from poor copies, scores far higher (measured on the
# benchmark corpus: real words > 60, garbage < 40).
_MIN_LINE_CONFIDENCE = 50.0
_MIN_WORD_CONFIDENCE = 25.0
_NOISE_MARK = re.compile(r"^[\W_]+$")


def _drop_graphics(words: list[OcrWord]) -> list[OcrWord]:
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault((word.block, word.paragraph, word.line), []).append(word)
    kept = []
    for line_words in lines.values():
        if np.mean([max(w.confidence, 0) for w in line_words]) < _MIN_LINE_CONFIDENCE:
            continue
        kept += [w for w in line_words if w.confidence >= _MIN_WORD_CONFIDENCE
                 and not (_NOISE_MARK.match(w.text) and w.confidence < 30)]
    return kept


def parse_tsv(tsv: str) -> tuple[list[OcrWord], str]:
    """Words and reading-order text from tesseract's TSV output."""
    words: list[OcrWord] = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if row.get("level") != "5":
            continue
        text = unicodedata.normalize("NFC", (row.get("text") or "").strip())
        if not text:
            continue
        words.append(OcrWord(text, int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]),
                             float(row["conf"]), int(row["block_num"]), int(row["par_num"]), int(row["line_num"])))
    words = _drop_graphics(words)
    lines: list[str] = []
    previous_block, previous_key = None, None
    for word in words:
        key = (word.block, word.paragraph, word.line)
        if key != previous_key:
            if previous_block is not None and word.block != previous_block:
                lines.append("")
            lines.append(word.text)
            previous_key, previous_block = key, word.block
        else:
            lines[-1] += " " + word.text
    return words, "\n".join(lines)


def recognise(image: np.ndarray, dpi: int = 300, language: str = DEFAULT_LANGUAGE, psm: int = 3,
              timeout: float = DEFAULT_TIMEOUT) -> OcrPage:
    """OCR one page image (grey or BGR array)."""
    started = time.perf_counter()
    args = ["-l", language, "--psm", str(psm), "--dpi", str(dpi or 300), "-c", "tessedit_do_invert=0", "tsv"]
    words, text = parse_tsv(_run(args, image, timeout))
    confidences = [w.confidence for w in words if w.confidence >= 0]
    return OcrPage(text=text, words=words,
                   mean_confidence=float(np.mean(confidences)) if confidences else 0.0,
                   width=int(image.shape[1]), height=int(image.shape[0]), dpi=dpi,
                   seconds=time.perf_counter() - started, language=language)


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_orientation(image: np.ndarray, dpi: int = 300, timeout: float = 60.0) -> tuple[int, float]:
    """Clockwise degrees (0/90/180/270) that make the page upright, and tesseract's confidence.

    Uses tesseract OSD (``--psm 0``, traineddata ``osd``) on a copy reduced to about 150 dpi, which is
    plenty for orientation and several times faster. A page with too little text gives (0, 0.0).
    """
    scale = min(1.0, 150 / (dpi or 300))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    try:
        out = _run(["--psm", "0", "--dpi", str(int((dpi or 300) * scale))], small, timeout)
    except OcrError:  # tesseract fails OSD on pages with too few letters: orientation simply unknown
        return 0, 0.0
    rotate = _OSD_ROTATE.search(out)
    confidence = _OSD_CONFIDENCE.search(out)
    if not rotate:
        return 0, 0.0
    return int(rotate.group(1)) % 360, float(confidence.group(1)) if confidence else 0.0
