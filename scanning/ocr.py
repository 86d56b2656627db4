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
from dataclasses import asdict, dataclass, field, replace

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
        line_confidence = np.mean([max(w.confidence, 0) for w in line_words])
        if line_confidence < _MIN_LINE_CONFIDENCE:
            continue
        line_kept = []
        for w in line_words:
            if _NOISE_MARK.match(w.text) and w.confidence < 30:
                continue
            if w.confidence >= _MIN_WORD_CONFIDENCE:
                line_kept.append(w)
            elif _plain_word(w, line_confidence):
                line_kept.append(replace(w, text=w.text.strip(_GAP_MARKS)))
        chars = "".join(w.text for w in line_kept)
        alnum = sum(ch.isalnum() for ch in chars)
        if not alnum or (len(chars) >= 3 and alnum <= 0.5 * len(chars)):
            continue   # strokes of a signature read as "⁄ ˆ N /", a lone "-": no words at all
        kept += line_kept
    return kept


def _plain_word(word: OcrWord, line_confidence: float) -> bool:
    """A word of letters that tesseract doubted only because it read it together with a neighbour across
    a column gap ("DÂN CỘNG" of two header blocks side by side), on an otherwise confident line."""
    core = word.text.strip(_GAP_MARKS)
    if line_confidence < 75 or len(core) < 2:
        return False
    if core.isalpha():
        return True
    # A document number ("157/TTr-UBND" read "157/TI-UBND", confidence 11) is doubted as a whole for one
    # letter; dropping it loses the whole number. Garbage from specks is short and has no digits.
    alnum = sum(ch.isalnum() for ch in core)
    return len(core) >= 4 and alnum >= 0.6 * len(core) and any(ch.isdigit() for ch in core)


# What tesseract appends to a word at the edge of a column gap ("GAI_").
_GAP_MARKS = "_|"


def _segments(words: list[OcrWord], gap: float) -> list[list[OcrWord]]:
    """Tesseract's lines, each cut where two words are further apart than *gap* (two columns that
    tesseract joined into one line: the issuing body and the national motto side by side)."""
    return [segment for line in _line_groups(words) for segment in _split_line(line, gap)]


def _box(segment: list[OcrWord]) -> tuple[int, int, int, int]:
    return (min(w.left for w in segment), min(w.top for w in segment),
            max(w.left + w.width for w in segment), max(w.top + w.height for w in segment))


def _largest_gap(intervals: list[tuple[float, float]]) -> tuple[float, float]:
    """(size, position) of the widest empty stretch between the merged *intervals* (size 0 if none)."""
    best = (0.0, 0.0)
    intervals = sorted(intervals)
    reach = intervals[0][1]
    for start, end in intervals[1:]:
        if start > reach and start - reach > best[0]:
            best = (start - reach, (start + reach) / 2)
        reach = max(reach, end)
    return best


def _xy_cut(segments: list[list[OcrWord]], column_gap: float) -> list[tuple[list[OcrWord], bool]]:
    """Segments in reading order (recursive XY-cut at the widest gap), each with "starts a new column".

    A gap between columns must be at least *column_gap* wide and run the whole height of the region;
    rows are cut at the widest blank band. Two blocks side by side (the header of an official letter,
    "Nơi nhận" beside the signature) are thus read one after the other, not line by line across.
    """
    if len(segments) <= 1:
        return [(s, False) for s in segments]
    boxes = [_box(s) for s in segments]
    # Diacritics and descenders make neighbouring lines' boxes touch: compare their cores.
    rows = [(top + 0.2 * (bottom - top), bottom - 0.2 * (bottom - top)) for _l, top, _r, bottom in boxes]
    columns = [(left, right) for left, _t, right, _b in boxes]
    row_gap, row_at = _largest_gap(rows)
    col_gap, col_at = _largest_gap(columns)
    left = [s for s, b in zip(segments, boxes) if (b[0] + b[2]) / 2 < col_at]
    right = [s for s, b in zip(segments, boxes) if (b[0] + b[2]) / 2 >= col_at]
    if col_gap >= column_gap and col_gap > row_gap and _side_by_side(left, right):
        ordered = _xy_cut(left, column_gap)
        tail = _xy_cut(right, column_gap)
        if tail:
            tail[0] = (tail[0][0], True)
        return ordered + tail
    if row_gap > 0:
        top = [s for s, r in zip(segments, rows) if (r[0] + r[1]) / 2 < row_at]
        bottom = [s for s, r in zip(segments, rows) if (r[0] + r[1]) / 2 >= row_at]
        return _xy_cut(top, column_gap) + _xy_cut(bottom, column_gap)
    # Overlapping rows and no column gap: top to bottom, then left to right.
    order = sorted(range(len(segments)), key=lambda i: (boxes[i][1], boxes[i][0]))
    return [(segments[i], False) for i in order]


def _side_by_side(left: list[list[OcrWord]], right: list[list[OcrWord]]) -> bool:
    """Whether two groups stand beside each other (their heights overlap by half the shorter one), as
    columns do — not a short last line of a paragraph above the next paragraph's indented first line."""
    if not left or not right:
        return False
    top_l, bottom_l = min(_box(s)[1] for s in left), max(_box(s)[3] for s in left)
    top_r, bottom_r = min(_box(s)[1] for s in right), max(_box(s)[3] for s in right)
    overlap = min(bottom_l, bottom_r) - max(top_l, top_r)
    return overlap >= 0.5 * min(bottom_l - top_l, bottom_r - top_r)


def reading_order(words: list[OcrWord]) -> list[tuple[list[OcrWord], bool]]:
    """Lines of words in reading order, each with "a new block starts here"."""
    if not words:
        return []
    heights = sorted(w.height for w in words if len(w.text) > 1) or sorted(w.height for w in words)
    height = float(heights[len(heights) // 2])
    gap = 1.5 * height   # far wider than any word space, even in justified lines
    segments = _segments(words, gap)
    ordered = _xy_cut(segments, gap)
    out = []
    previous_block = None
    for number, (segment, new_column) in enumerate(ordered):
        block = segment[0].block
        out.append((segment, new_column or (previous_block is not None and block != previous_block)))
        previous_block = block
    return out


def tsv_words(tsv: str) -> list[OcrWord]:
    """Every word of tesseract's TSV output, NFC, in tesseract's order (nothing dropped yet)."""
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
    return words


def assemble(words: list[OcrWord]) -> tuple[list[OcrWord], str]:
    """Graphics dropped, lines in reading order (:func:`reading_order`): the words and the page text.

    Each output line gets its own line number, so the PDF text layer never joins words of two columns.
    """
    words = _drop_graphics(words)
    lines: list[str] = []
    ordered_words: list[OcrWord] = []
    for number, (segment, new_block) in enumerate(reading_order(words), start=1):
        if new_block and lines:
            lines.append("")
        lines.append(" ".join(w.text for w in segment))
        ordered_words += [OcrWord(w.text, w.left, w.top, w.width, w.height, w.confidence, w.block, w.paragraph,
                                  number) for w in segment]
    return ordered_words, "\n".join(lines)


def parse_tsv(tsv: str) -> tuple[list[OcrWord], str]:
    """Words and reading-order text from tesseract's TSV output."""
    return assemble(tsv_words(tsv))


_REREAD_BELOW = 60.0
_MAX_REREADS = 6


def _reread_joined_columns(image: np.ndarray, words: list[OcrWord], dpi: int, language: str,
                           timeout: float) -> list[OcrWord]:
    """Read again, alone, the doubtful parts of lines that tesseract ran across two columns.

    When two blocks stand side by side ("Nơi nhận" in 11 pt beside the signer's 13 pt block) tesseract
    may treat them as one line and misread the smaller part ("- Như trên;" → "“NUUNENE", confidence 0).
    Such a part, cut out on its own and read as one line, comes back right.
    """
    if not words:
        return words
    heights = sorted(w.height for w in words if len(w.text) > 1) or sorted(w.height for w in words)
    gap = 1.5 * float(heights[len(heights) // 2])
    out: list[OcrWord] = []
    rereads = 0
    for segment_group in _line_groups(words):
        segments = _split_line(segment_group, gap)
        if len(segments) < 2:
            out += segment_group
            continue
        for segment in segments:
            confidence = float(np.mean([max(w.confidence, 0) for w in segment]))
            if confidence >= _REREAD_BELOW or rereads >= _MAX_REREADS:
                out += segment
                continue
            rereads += 1
            left, top, right, bottom = _box(segment)
            pad = max(4, (bottom - top) // 3)
            x0, y0 = max(0, left - pad), max(0, top - pad)
            crop = image[y0:bottom + pad, x0:right + pad]
            try:
                again = tsv_words(_run(["-l", language, "--psm", "7", "--dpi", str(dpi or 300),
                                        "-c", "tessedit_do_invert=0", "tsv"], crop, timeout))
            except OcrError:
                again = []
            mean_again = float(np.mean([max(w.confidence, 0) for w in again])) if again else 0.0
            if mean_again <= confidence:
                out += segment
                continue
            first = segment[0]
            out += [OcrWord(w.text, w.left + x0, w.top + y0, w.width, w.height, w.confidence, first.block,
                            first.paragraph, first.line) for w in again]
    return out


_MAX_MARK_REREADS = 4


def _base_letters(text: str) -> str:
    """The letters without their diacritics ("CHỦ" → "CHU", "đã" → "da"), for comparing two readings."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _detached_marks(words: list[OcrWord]) -> list[tuple[int, int]]:
    """(mark, word) index pairs: a diacritic that tesseract cut off its letter and put on another line.

    A hook or a dot of a bold heading letter ("CHỦ" in the signer's block, beside the smaller "Nơi nhận"
    lines) can end up as a "word" of its own on the neighbouring line — read as "`", ">", "s" — while the
    letter below loses it. Such a mark is tiny, stands alone on its line and touches the top or the bottom
    of a word of another line.
    """
    if not words:
        return []
    heights = sorted(w.height for w in words if len(w.text) > 1) or sorted(w.height for w in words)
    height = float(heights[len(heights) // 2])
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, w in enumerate(words):
        lines.setdefault((w.block, w.paragraph, w.line), []).append(i)
    pairs = []
    for i, mark in enumerate(words):
        if len(mark.text) > 2 or mark.height > 0.45 * height or mark.width > 0.6 * height:
            continue
        key = (mark.block, mark.paragraph, mark.line)
        if any(max(words[j].left - (mark.left + mark.width), mark.left - (words[j].left + words[j].width))
               < 1.5 * height for j in lines[key] if j != i):
            continue
        centre = mark.left + mark.width / 2
        for j, word in enumerate(words):
            if (word.block, word.paragraph, word.line) == key or not word.left <= centre <= word.left + word.width:
                continue
            above = word.top - (mark.top + mark.height)
            below = mark.top - (word.top + word.height)
            if -0.2 * height <= above <= 0.25 * height or -0.2 * height <= below <= 0.25 * height:
                pairs.append((i, j))
                break
    return pairs


def _reattach_marks(image: np.ndarray, words: list[OcrWord], dpi: int, language: str,
                    timeout: float) -> list[OcrWord]:
    """Detached diacritics (:func:`_detached_marks`) dropped as words; the letter they belong to read again
    together with its mark, and the new reading kept when it has the same letters ("CHU" → "CHỦ")."""
    pairs = _detached_marks(words)
    if not pairs:
        return words
    fixed: dict[int, OcrWord] = {}
    for mark_index, word_index in pairs[:_MAX_MARK_REREADS]:
        mark, word = words[mark_index], words[word_index]
        left, top = min(mark.left, word.left), min(mark.top, word.top)
        right = max(mark.left + mark.width, word.left + word.width)
        bottom = max(mark.top + mark.height, word.top + word.height)
        pad_y, pad_x = max(4, word.height // 3), max(2, word.height // 10)   # not into the next word
        x0, y0 = max(0, left - pad_x), max(0, top - pad_y)
        crop = image[y0:bottom + pad_y, x0:right + pad_x]
        try:
            again = tsv_words(_run(["-l", language, "--psm", "7", "--dpi", str(dpi or 300),
                                    "-c", "tessedit_do_invert=0", "tsv"], crop, timeout))
        except OcrError:
            continue
        text = "".join(w.text for w in again)
        confidence = min((w.confidence for w in again), default=0.0)
        if text != word.text and _base_letters(text) == _base_letters(word.text) and confidence >= 50:
            fixed[word_index] = replace(word, text=text, confidence=confidence)
    marks = {mark_index for mark_index, _word in pairs}
    return [fixed.get(i, w) for i, w in enumerate(words) if i not in marks]


def _line_groups(words: list[OcrWord]) -> list[list[OcrWord]]:
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault((word.block, word.paragraph, word.line), []).append(word)
    return list(lines.values())


def _split_line(line_words: list[OcrWord], gap: float) -> list[list[OcrWord]]:
    line_words = sorted(line_words, key=lambda w: w.left)
    # A speck of show-through read as "_" or "." alone in the gap between two columns is no word.
    kept = []
    for i, word in enumerate(line_words):
        if _NOISE_MARK.match(word.text) and 0 < i < len(line_words) - 1:
            previous, following = line_words[i - 1], line_words[i + 1]
            if following.left - (previous.left + previous.width) > gap:
                continue
        kept.append(word)
    line_words = kept or line_words
    segments = [[line_words[0]]]
    for word in line_words[1:]:
        previous = segments[-1][-1]
        if word.left - (previous.left + previous.width) > gap:
            segments.append([])
        segments[-1].append(word)
    return segments


def recognise(image: np.ndarray, dpi: int = 300, language: str = DEFAULT_LANGUAGE, psm: int = 3,
              timeout: float = DEFAULT_TIMEOUT, ink_only: bool = True) -> OcrPage:
    """OCR one page image (grey or BGR array).

    With *ink_only* (the default) a grey page is first reduced to its ink
    (:func:`scanning.cleanup.suppress_background`): show-through and grey haze otherwise become dots
    and stray letters, and bridge the gap between two columns. Parts of lines run across two columns
    that came back doubtful are read again on their own (:func:`_reread_joined_columns`); a diacritic
    that tesseract cut off its letter is read again with it (:func:`_reattach_marks`).
    """
    started = time.perf_counter()
    if ink_only and image.ndim == 2:
        from scanning.cleanup import suppress_background

        image = suppress_background(image, dpi)
    args = ["-l", language, "--psm", str(psm), "--dpi", str(dpi or 300), "-c", "tessedit_do_invert=0", "tsv"]
    words = tsv_words(_run(args, image, timeout))
    words = _reread_joined_columns(image, words, dpi, language, timeout)
    words = _reattach_marks(image, words, dpi, language, timeout)
    words, text = assemble(words)
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
