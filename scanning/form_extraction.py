"""Read the values written on a scanned paper declaration, following the form's printed structure.

The printed form is described by the procedure's e-form schema (``resources/forms/*.json``): each
field's ``label``, and under ``paper`` what differs on paper — the printed label when it is shorter
than the schema's, the footnote ``marker`` printed after it ("(5)"), the table ``column`` of a
two-column form ("Bên nữ"), ``boxes`` for a "Có ☐ / Không ☐" choice, a printed ``suffix`` ("bản")
and a ``format`` for values the form splits ("ngày … tháng … năm …").

Steps (issue 14):

1. clean the page: deskew, find the check boxes (and measure their ink), then erase boxes, table
   rules and dotted leaders, which make tesseract invent letters;
2. OCR the page once with word boxes and rebuild visual rows (cells of one table row join);
3. find each label in paper order — anywhere on a row, several per row — fuzzy and
   diacritic-insensitive, markers glued or not;
4. a value is the words between its label and the next label on the same row (or the row's end, or
   its table cell), plus the next row when the value ran to the right edge and that row has no label;
5. remove markers, leaders and stray punctuation, then normalise and validate by field type;
6. decide whether the reader is *sure*: the type check passes, the label matched well, every word is
   confident and an independent re-read of the value's crop agrees. Anything else is returned as
   *unsure* — shown to the clerk for confirmation, never filled silently.

The core stays free of Qt; tesseract runs in this process (callers isolate it, see
``desk_app/commands/identity.py``).
"""

from __future__ import annotations

import difflib
import itertools
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from resources import RESOURCES_DIR
from scanning.form_page import sheet_of
from scanning.untrusted import UntrustedFileError, load_image

HIGH_CONFIDENCE = 0.9
_UNSURE_CAP = 0.6          # an unsure value never reaches the pre-fill's review threshold (0.85)
_LABEL_MIN = 0.8           # folded similarity for a label to count as found
_WORD_CONF_SURE = 0.88     # tesseract word confidence (0..1) every word of a sure value needs


class FormExtractionError(ValueError):
    """The image or the form schema cannot be used (message in Vietnamese)."""


@dataclass
class ExtractionResult:
    values: dict[str, str] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    sure: dict[str, bool] = field(default_factory=dict)   # False: show yellow, the clerk confirms it
    photographed: bool = False   # read from a photo of the sheet: nothing in it is sure

    def needs_review(self) -> list[str]:
        return [k for k in self.values if not self.sure.get(k, False) or self.confidence.get(k, 0) < HIGH_CONFIDENCE]


@dataclass
class _Word:
    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    cut: bool = False   # split off a glued token at a guessed place ("Hưngày" → "Hư" + "ngày")

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass
class _Box:
    """A printed check box and how much ink is inside it."""

    left: int
    top: int
    side: int
    ink: float

    @property
    def marked(self) -> bool:
        return self.ink >= 0.1


@dataclass
class _Spec:
    key: str
    label: str
    kind: str
    schema: dict
    marker: str = ""
    column: str = ""
    boxes: bool = False
    suffix: str = ""
    format: str = ""
    variants: tuple[str, ...] = ()   # other printings of the label (the e-form's own wording)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9 ]+", "", stripped)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _schema(procedure: str) -> dict:
    matches = sorted((RESOURCES_DIR / "forms").glob(f"{procedure}_*.json")) if re.fullmatch(
        r"[0-9.]+", procedure or "") else []
    if not matches:
        raise FormExtractionError(f"Chưa có mẫu tờ khai cho thủ tục «{procedure}».")
    return json.loads(matches[0].read_text(encoding="utf-8"))


def _specs(procedure: str) -> list[_Spec]:
    specs: list[_Spec] = []
    for f in _schema(procedure)["fields"]:
        paper = f.get("paper") or {}
        label = paper.get("label") or f.get("label")
        if not label or "form_extraction" not in f.get("sources", ["form_extraction"]):
            continue
        specs.append(_Spec(f["key"], label, f.get("type", "text"), f, paper.get("marker", ""),
                           paper.get("column", ""), bool(paper.get("boxes")), paper.get("suffix", ""),
                           paper.get("format", ""),
                           tuple(v for v in (f.get("label"),) if v and v != label and not paper.get("column"))))
    # Paper order where it differs from the e-form's ("Đề nghị cấp bản sao" is printed above "Làm tại").
    for f in _schema(procedure)["fields"]:
        before = (f.get("paper") or {}).get("before")
        moving = next((s for s in specs if s.key == f["key"]), None)
        if before and moving is not None and any(s.key == before for s in specs):
            specs.remove(moving)
            specs.insert(next(i for i, s in enumerate(specs) if s.key == before), moving)
    return specs


# --- image preparation ---------------------------------------------------------------------------

def erase_dotted_leaders(gray: np.ndarray, lone_dots_out: list[tuple[float, float]] | None = None) -> np.ndarray:
    """Paint white every run of ≥ 5 small, evenly spaced blobs on one baseline (a dotted leader),
    and then the lone dots left on that baseline between typed words (stock typed over its leader).
    *lone_dots_out*, when given, receives the (x, y) of those lone dots: where a value was typed over
    its leader.

    Diacritic dots (the dot under "ạ", over "i") are never five in a row at an even pitch, and a lone
    dot is only erased when no letter stands right above it.
    """
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    scale = max(1.0, gray.shape[1] / 2480)   # sizes below are for an A4 page at 300 dpi
    reach = max(8, round(gray.shape[1] / 250))   # about 0.3 of a 13 pt letter
    small = [i for i in range(1, count)
             if stats[i, cv2.CC_STAT_WIDTH] <= 9 * scale and stats[i, cv2.CC_STAT_HEIGHT] <= 9 * scale
             and stats[i, cv2.CC_STAT_AREA] <= 60 * scale * scale
             and stats[i, cv2.CC_STAT_HEIGHT] <= 1.5 * stats[i, cv2.CC_STAT_WIDTH] + 1   # a comma is taller
             and not _letter_above(ink, stats[i], reach)]
    rows: dict[int, list[int]] = {}
    for i in small:
        rows.setdefault(int(centroids[i][1]) // 6, []).append(i)
    out = gray.copy()
    paper = _paper(gray)     # paint the paper's own grey: white specks on grey paper upset tesseract
    baselines: list[float] = []
    dots: list[int] = []
    for members in rows.values():
        members.sort(key=lambda i: centroids[i][0])
        run = [members[0]] if members else []
        for prev, cur in itertools.pairwise(members):
            gap = centroids[cur][0] - centroids[prev][0]
            if 5 <= gap <= 30 * scale and abs(centroids[cur][1] - centroids[prev][1]) <= 4:
                run.append(cur)
            else:
                if _paint(out, stats, run, paper):
                    baselines.append(float(np.median([centroids[i][1] for i in run])))
                    dots.extend(run)
                run = [cur]
        if _paint(out, stats, run, paper):
            baselines.append(float(np.median([centroids[i][1] for i in run])))
            dots.extend(run)
    if not dots:
        return out
    dot_w = float(np.median(stats[dots, cv2.CC_STAT_WIDTH]))
    dot_h = float(np.median(stats[dots, cv2.CC_STAT_HEIGHT]))
    for i in small:
        y = centroids[i][1]
        w, h = stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]
        # Only dots like the leader's own: a comma is taller than wide and reaches below the line.
        if w > dot_w * 1.5 + 1 or h > dot_h * 1.4 + 1 or not any(abs(y - b) <= 2.5 for b in baselines):
            continue
        x, top = stats[i, 0], stats[i, 1]
        out[max(0, top - 1):top + stats[i, 3] + 1, max(0, x - 1):x + w + 1] = paper
        if lone_dots_out is not None and i not in dots:
            lone_dots_out.append((float(centroids[i][0]), float(y)))
    return out


def _paper(gray: np.ndarray) -> int:
    return int(np.percentile(gray, 90))


def _letter_above(ink: np.ndarray, stat: np.ndarray, reach: int) -> bool:
    """Ink right above a dot: the dot of "ạ", "ệ", "ị" — never part of a leader."""
    x, top, w = stat[0], stat[1], stat[2]
    above = ink[max(0, top - reach):max(0, top - 1), x:x + w]
    return bool(above.size and above.max() > 0)


def _paint(image: np.ndarray, stats: np.ndarray, run: list[int], paper: int) -> bool:
    if len(run) < 5:
        return False
    for i in run:
        x, y, w, h = stats[i, 0], stats[i, 1], stats[i, 2], stats[i, 3]
        image[max(0, y - 1):y + h + 1, max(0, x - 1):x + w + 1] = paper
    return True


def find_check_boxes(gray: np.ndarray) -> list[_Box]:
    """Printed square boxes (about 2.5–6 mm a side) with the share of their inside that is inked."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    dpi = gray.shape[1] / 8.27
    lo, hi = 0.09 * dpi, 0.25 * dpi
    # Keep only horizontal and vertical strokes: the pen's diagonal cross then no longer joins the
    # box outline to the ink around it.
    k = max(5, round(lo * 0.9))
    straight = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    straight |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    contours, _ = cv2.findContours(straight, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    found: list[_Box] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (lo <= w <= hi and lo <= h <= hi and 0.8 <= w / h <= 1.25):
            continue
        if any(abs(b.left - x) < w * 0.5 and abs(b.top - y) < h * 0.5 for b in found):
            continue      # the inner contour of the same box
        # A printed box has four straight inked sides ("O", "D", "Đ", "Q" are round somewhere), each
        # within the outer quarter of the outline (a pen stroke may overshoot a corner).
        cell = straight[y:y + h, x:x + w] > 0
        band_x, band_y = max(2, w // 4), max(2, h // 4)
        cols, rows = cell.mean(axis=0), cell.mean(axis=1)
        if min(cols[:band_x].max(), cols[-band_x:].max(), rows[:band_y].max(), rows[-band_y:].max()) < 0.8:
            continue
        # Where those sides meet there is ink: "D" is straight on three sides but has no right corners.
        xl, xr = int(np.argmax(cols[:band_x])), w - band_x + int(np.argmax(cols[-band_x:]))
        yt, yb = int(np.argmax(rows[:band_y])), h - band_y + int(np.argmax(rows[-band_y:]))
        r = max(2, w // 12)
        if min(cell[max(0, cy - r):cy + r + 1, max(0, cx - r):cx + r + 1].mean()
               for cy in (yt, yb) for cx in (xl, xr)) < 0.15:
            continue
        # …and thin ones: the stems of a bold "H" or "Đ" are as straight but thick.
        thin = max(3, round(0.15 * w))
        if max((cols[:band_x] >= 0.8).sum(), (cols[-band_x:] >= 0.8).sum(),
               (rows[:band_y] >= 0.8).sum(), (rows[-band_y:] >= 0.8).sum()) > thin:
            continue
        inset = max(2, round(w * 0.2))
        inside = ink[y + inset:y + h - inset, x + inset:x + w - inset]
        found.append(_Box(x, y, max(w, h), float(inside.mean() / 255) if inside.size else 0.0))
    return found


def _erase_rules(gray: np.ndarray) -> np.ndarray:
    """Table rules and box outlines away: long thin horizontal or vertical ink."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    length = max(40, gray.shape[1] // 12)
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    lines |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    lines = cv2.dilate(lines, np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[lines > 0] = _paper(gray)
    return out


def _column_edges(gray: np.ndarray) -> list[int]:
    """x of the long vertical rules of a table (empty on forms without one)."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    length = max(60, gray.shape[0] // 20)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    columns = np.flatnonzero(vertical.max(axis=0) > 0)
    edges: list[int] = []
    for x in columns:
        if not edges or x - edges[-1] > 10:
            edges.append(int(x))
    return edges


def _deskew(gray: np.ndarray) -> np.ndarray:
    try:
        from scanning.cleanup import deskew
    except ImportError:   # the clean-up module is optional here: a straight scan reads as well
        return gray
    try:
        rotated, _angle = deskew(gray)
    except (ValueError, IndexError):   # a strip too short to measure its skew: read it as it is
        return gray
    return rotated


# --- OCR ----------------------------------------------------------------------------------------

def _ocr_words(image: Image.Image, psm: int = 4) -> list[list[_Word]]:
    """Words grouped into text lines, in reading order."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang="vie", config=f"--psm {psm}",
                                     output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for i, text in enumerate(data["text"]):
        text = _nfc(text or "")
        if not text or float(data["conf"][i]) < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(_Word(text, float(data["conf"][i]), data["left"][i], data["top"][i],
                                               data["width"][i], data["height"][i]))
    ordered = sorted(lines.values(), key=lambda ws: (min(w.top for w in ws), min(w.left for w in ws)))
    return [sorted(ws, key=lambda w: w.left) for ws in ordered]


def _visual_rows(lines: list[list[_Word]]) -> list[list[_Word]]:
    """Join tesseract lines that sit on one printed row (the cells of a table row, a split line)."""
    rows: list[list[_Word]] = []
    for line in lines:
        top, bottom = min(w.top for w in line), max(w.bottom for w in line)
        mid = (top + bottom) / 2
        for row in rows:
            r_top = np.median([w.top for w in row])
            r_bottom = np.median([w.bottom for w in row])
            if r_top <= mid <= r_bottom and not _overlaps_x(row, line):
                row.extend(line)
                row.sort(key=lambda w: w.left)
                break
        else:
            rows.append(list(line))
    rows.sort(key=lambda ws: float(np.median([w.top for w in ws])))
    return rows


def _overlaps_x(row: list[_Word], line: list[_Word]) -> bool:
    return any(a.left < b.right and b.left < a.right for a in row for b in line)


_MARKER_SPLIT = re.compile(r"(\(\d{1,2}\)|:)")


def _split_glued(words: list[_Word]) -> list[_Word]:
    """Split tokens at markers, colons and glued commas ("trú(2):Ấp" → "trú", "(2)", ":", "Ấp"), boxes
    shared by length."""
    out: list[_Word] = []
    for w in words:
        parts = [q for p in _MARKER_SPLIT.split(w.text) if p
                 for q in re.split(r"(?<=,)(?=[^\W\d_])|(?<=[^\W\d_]{2})(?=ngày$)", p) if q]
        # "Bình,ngày" and "Bìnhngày" (comma lost) → "Bình," / "Bình" and the "ngày" of the date line
        if len(parts) <= 1:
            out.append(w)
            continue
        total = sum(len(p) for p in parts)
        x = w.left
        for k, part in enumerate(parts):
            width = max(1, round(w.width * len(part) / total))
            # Without a comma between them, where the place ends and "ngày" starts is a guess: a
            # place ending in "ng" typed up against the printed "ngày" reads "Hưngày" as well.
            cut = part[-1:].isalpha() and k + 1 < len(parts) and parts[k + 1] == "ngày"
            out.append(_Word(part, w.conf, x, w.top, width, w.height, cut))
            x += width
    return out


# --- finding labels ------------------------------------------------------------------------------

@dataclass
class _Found:
    spec: _Spec
    row: int
    start: int     # index of the label's first word in the row
    end: int       # index after the label (and its marker and colon)
    score: float


def _is_marker(text: str) -> bool:
    return bool(re.fullmatch(r"\(?\d{1,2}\)|\(\d{1,2}\)?", text))


def _match_at(row: list[_Word], index: int, target: str, n_label: int) -> tuple[float, int]:
    best = (0.0, 0)
    for n in range(max(1, n_label - 1), n_label + 2):
        chunk = [w.text for w in row[index:index + n] if not _is_marker(w.text) and w.text != ":"]
        if not chunk or index + n > len(row):
            continue
        head = _fold(" ".join(chunk))
        score = difflib.SequenceMatcher(None, head, target).ratio()
        if score > best[0]:
            best = (score, n)
    return best


def _label_end(row: list[_Word], end: int) -> int:
    """Skip the marker and colon printed after a label."""
    while end < len(row) and (_is_marker(row[end].text) or row[end].text in (":", ".", "…", "-", "–", ";")):
        end += 1
    return end


def _outranks(other: tuple[float, int], other_label_words: int, mine: tuple[float, int], label_words: int) -> bool:
    """Whether another label (its score and the words it spans here) fits this place better than
    this one. A label spanning fewer of the words does not outrank a clear match of more of them:
    "Ngày," alone is the signing date's "ngày", but "Ngày, tháng, nămsin-" is the birth date's label."""
    (other_score, other_n), (score, n) = other, mine
    if other_score >= score and other_label_words > label_words:
        return True           # of two labels that fit alike, the longer one is the label
    return other_score > score and not (other_n < n and score >= 0.9)


def _best_label_at(row: list[_Word], index: int, spec: _Spec, labels: dict[str, int],
                   min_words: int = 1) -> tuple[float, int]:
    """(score, words) of *spec*'s label (any printing) starting at *index*; 0 when another label of
    the form fits there as well or better ("Họ, chữ đệm, tên người mẹ" is not "… tên người yêu cầu",
    and "Họ, chữ đệm, tên" loses to the longer label that starts the same way)."""
    best = (0.0, 0)
    own = {_fold(label) for label in (spec.label, *spec.variants)}
    for label in (spec.label, *spec.variants):
        target, n_label = _fold(label), len(label.split())
        if n_label < min_words:
            continue
        score, n = _match_at(row, index, target, n_label)
        if score < _LABEL_MIN or score < best[0] - 1e-9 or (score <= best[0] + 1e-9 and n <= best[1]):
            continue      # of two printings that fit equally, the longer one is the label
        if any(_outranks(_match_at(row, index, other, n_other), n_other, (score, n), n_label)
               for other, n_other in labels.items() if other not in own):
            continue
        best = (score, n)
    return best


def _find_labels(rows: list[list[_Word]], specs: list[_Spec], column_start: int) -> list[_Found]:
    found: list[_Found] = []
    labels = {_fold(label): len(label.split()) for s in specs for label in (s.label, *s.variants)}
    cursor = (0, 0)
    column_cursor: dict[str, tuple[int, int]] = {}
    for spec in specs:
        start = column_cursor.get(spec.column, (column_start, 0)) if spec.column else cursor
        hit = None
        # Labels come in paper order: look a few rows ahead only, so a missed label never makes the
        # search jump onto a later field's identical label ("Dân tộc", "Nơi cư trú").
        for r in range(start[0], min(len(rows), start[0] + 5)):
            first = start[1] if r == start[0] else 0
            for i in range(first, len(rows[r])):
                score, n = _best_label_at(rows[r], i, spec, labels)
                if score and (hit is None or score > hit.score + 0.05):
                    hit = _Found(spec, r, i, _label_end(rows[r], i + n), score)
                    if score >= 0.97:
                        break
            if hit is not None:
                break
        if hit is None:
            continue
        found.append(hit)
        if spec.column:
            column_cursor[spec.column] = (hit.row + 1, 0)
            cursor = max(cursor, (hit.row + 1, 0))
        else:
            cursor = (hit.row, hit.end)
    return found + _find_out_of_order(rows, specs, found, labels)


def _find_out_of_order(rows: list[list[_Word]], specs: list[_Spec], found: list[_Found],
                       labels: dict[str, int]) -> list[_Found]:
    """Labels a province's printing puts elsewhere ("Làm tại" above the copies line): a clear match
    anywhere not already taken, nearest to where the field's neighbour in the form was found."""
    taken = {(f.row, i) for f in found for i in range(f.start, f.end)}
    keys = [s.key for s in specs]
    rows_of = {f.spec.key: f.row for f in found}
    extra: list[_Found] = []
    for spec in specs:
        if spec.key in rows_of or spec.column:
            continue
        before = [rows_of[k] for k in keys[:keys.index(spec.key)] if k in rows_of]
        near = before[-1] if before else 0
        best = None
        for r, row in enumerate(rows):
            for i in range(len(row)):
                if (r, i) in taken:
                    continue
                # A one-word printing ("ngày") out of its place is more likely part of a value.
                score, n = _best_label_at(row, i, spec, labels, min_words=2)
                if score >= 0.9 and not any((r, j) in taken for j in range(i, i + n)):
                    rank = (abs(r - near), -score)
                    if best is None or rank < best[0]:
                        best = (rank, _Found(spec, r, i, _label_end(row, i + n), score))
        if best is not None:
            hit = best[1]
            extra.append(hit)
            rows_of[spec.key] = hit.row
            taken.update((hit.row, i) for i in range(hit.start, hit.end))
    return extra


# --- values --------------------------------------------------------------------------------------

_EDGE_JUNK = re.compile(r"^[\s.…·,:;_\-–—'\"“”‘’`|!~*]+|[\s.…·,;:_\-–—'\"“”‘’`|!~*]+$")


# Specks and leader dots typed over, read inside a value as punctuation no field's value has: an
# apostrophe inside a word ("T'TXH"), a colon standing alone ("về : TTXH"), a full stop between a
# lower-case word and a number ("cấp ngày. 23/09/2025", "25/03/2001. đến ngày"), an underscore after
# a word, an identity number run into the word after it. They are dropped (a space put back), but
# what the speck was (a mark of a letter?) is not known, so such a value is never sure.
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’‘`](?=[^\W\d_])")
_LONE_COLON = re.compile(r"(?<=\S)\s+:\s+(?=\S)")
_STOP_BEFORE_NUMBER = re.compile(r"\b([^\W\d_]{3,})\.(?=\s+\d)")
_STOP_AFTER_NUMBER = re.compile(r"(?<=\d)\.(?=\s+([^\W\d_]+))")
_TRAILING_BAR = re.compile(r"(?<=[^\W\d_])_+(?=\s)")                  # "do_ Cục": a leader's underscore
_GLUED_TO_NUMBER = re.compile(r"(?<=\d{9})(?=[^\W\d_A-ZĐ]{2,}\b)")      # "081195568603do Cục": space lost


def _drop_specks(text: str) -> str:
    text = _INNER_APOSTROPHE.sub("", text)
    text = _LONE_COLON.sub(" ", text)
    text = _GLUED_TO_NUMBER.sub(" ", _TRAILING_BAR.sub("", text))
    text = _STOP_BEFORE_NUMBER.sub(lambda m: m.group(1) if m.group(1).islower() else m.group(0), text)
    return _STOP_AFTER_NUMBER.sub(lambda m: "" if m.group(1).islower() else ".", text)


def _had_specks(raw: str) -> bool:
    raw = _nfc(raw)
    return _drop_specks(raw) != raw


def _clean_value(text: str) -> str:
    """Leaders, markers and stray punctuation out of a value as read."""
    text = _nfc(text)
    text = re.sub(r"^\s*:?\s*\(\s*\d{1,2}\s*\)\s*:?", "", text)         # "(5)1990", ": (1) Ủy ban…"
    text = re.sub(r"^\s*\d?\)\s*", "", text)                            # ") Ủy ban…": the marker's tail
    text = re.sub(r":+(?=,)", "", text)                                   # "Bản Lướt:," a stray colon
    text = re.sub(r"[.…·]{2,}", " ", text)                                # leaders left between words
    text = re.sub(r"(?<=[^\W\d_])\.(?=[^\W\d_])", " ", text)             # ".Ủy.ban.nhân." typed over dots
    text = re.sub(r"(?<=[^\W\d_])\.(?=\s+[^\W\d_A-ZÀ-ỸĐ])", "", text)    # "nhân. dân": no sentence ends here
    text = re.sub(r"(?<=\s)\.+(?=[^\W\d_])", "", text)                    # "Yên .Thường": a leader dot
    # "xã. Ngũ Hiệp": a value is one phrase; only abbreviations ("Tp. Hồ Chí Minh") keep their dot.
    text = re.sub(r"\b(?!(?:Tp|TP|tp|Tx|TX|tx|TT|Q|P|ThS|TS|BS)\.)([^\W\d_]+)\.(?=\s+[A-ZÀ-ỸĐ])", r"\1", text)
    text = re.sub(r"(?:(?<=\s)|^)[.…·|_~'`\"]+(?=\s|$)", " ", text)      # lone dots and bars
    text = _drop_specks(text)
    text = _EDGE_JUNK.sub("", " ".join(text.split()))
    return " ".join(text.split())


def _province_names() -> dict[str, str]:
    """Folded province name → catalogue spelling ("ha noi" → "Hà Nội"), for address endings."""
    data = json.loads((RESOURCES_DIR / "identity" / "province_codes.json").read_text(encoding="utf-8"))
    names = {}
    for full in data["provinces"].values():
        short = re.sub(r"^(Tỉnh|Thành phố)\s+", "", full)
        names[_fold(short)] = short
    return names


_PROVINCES: dict[str, str] | None = None


def _fix_address(value: str, separate: bool = False) -> str:
    """Respell comma-separated parts that are province names read with wrong diacritics; with
    *separate* (a residence, a home town) also the level words and lost commas of the address."""
    global _PROVINCES
    if _PROVINCES is None:
        _PROVINCES = _province_names()
    parts = [p.strip() for p in value.split(",")]
    fixed = []
    for part in parts:
        prefix = re.match(r"^(Tỉnh|Thành phố|Tp\.?)\s+", part, flags=re.IGNORECASE)
        body = part[prefix.end():] if prefix else part
        spelled = _PROVINCES.get(_fold(body))
        fixed.append((prefix.group(0) if prefix else "") + spelled if spelled else part)
    value = ", ".join(fixed)
    return _separate_units(value) if separate else value


_PROVINCE_LEVEL = {"thanh pho": "Thành phố", "tinh": "tỉnh", "tp": "Thành phố"}


def _nearest(folded: str, spellings: dict[str, str], min_length: int = 4) -> str | None:
    """The spelling whose folded form is *folded* or, for words of *min_length* letters or more, the
    only one a single letter away."""
    if folded in spellings:
        return spellings[folded]
    if len(folded) < min_length:
        return None
    near = [v for k, v in spellings.items() if abs(len(k) - len(folded)) <= 1 and _edit_distance(k, folded) <= 1]
    return near[0] if len(near) == 1 else None
_COMMUNE_LEVEL = {"xa": "Xã", "phuong": "Phường"}


def _unglue_level(word: str) -> list[str]:
    """"XãVin" → "Xã", "Vin"; anything else as it is."""
    for cut in range(2, min(len(word) - 1, 7)):
        if _fold(word[:cut]) in _COMMUNE_LEVEL and word[0].isupper() and word[cut].isupper():
            return [word[:cut], word[cut:]]
    return [word]


def _separate_units(value: str) -> str:
    """A residence is written "thôn/xóm, xã/phường, tỉnh/thành phố": a province of the catalogue at
    the end gets its level word respelled ("tịnh Thái Nguyên" → "tỉnh Thái Nguyên") and the commas a
    handwritten value lost before the commune's and the province's level word are put back."""
    words = value.replace(",", " , ").split()
    for k in range(1, 5):
        if k >= len(words):
            break
        spelled = _PROVINCES.get(_fold(" ".join(words[-k:])))
        head = words[:-k]
        levels = [(n, _nearest(_fold(" ".join(head[-n:])), _PROVINCE_LEVEL, min_length=3)) for n in (2, 1)
                  if len(head) >= n and "," not in head[-n:]]
        if not spelled and any(unit for _, unit in levels):
            # After a level word a province one letter off is still the catalogue's ("Căn Tha").
            spelled = _nearest(_fold(" ".join(words[-k:])), _PROVINCES, min_length=5)
        if not spelled:
            continue
        for n, unit in levels:
            if unit:
                head = head[:-n]
                level = unit if unit != "tỉnh" else ("Tỉnh" if words[len(head)][:1].isupper() else "tỉnh")
                words = head + ([","] if head and head[-1] != "," else []) + [level, *spelled.split()]
                break
        break
    # "XãVin": the level word glued to the commune's name.
    words = [part for word in words for part in _unglue_level(word)]
    out: list[str] = []
    for k, word in enumerate(words):
        level = _COMMUNE_LEVEL.get(_fold(word))
        named = k + 1 < len(words) and words[k + 1][:1].isupper()        # "Xã Tam Đa", not "Phường Xa"
        if level and named and out and out[-1] != "," and word[:1].isupper() \
                and _fold(out[-1]) not in _COMMUNE_LEVEL:
            out += [",", level]     # "Xâ" → "Xã": a commune's level word, capitalised as on the form
        elif word == "," and out and _fold(out[-1]) in _COMMUNE_LEVEL and k + 1 < len(words) \
                and words[k + 1][:1].isupper() and len(out) > 1 and out[-2] == ",":
            continue                # "…, Xã, Bảo Lạc": no comma between the level word and the name
        else:
            out.append(word)
    return " ".join(out).replace(" ,", ",")


def _respell_lead(value: str, leads) -> str:
    """A value that starts with the form's standard wording ("Ủy ban nhân dân" of the addressee), read
    a letter or a mark off, gets that wording back, and the commune's level word after it its marks."""
    words = value.split()
    for lead in leads:
        n, target = len(lead.split()), _fold(lead)
        if len(words) > n and _edit_distance(_fold(" ".join(words[:n])), target) <= max(1, len(target) // 6):
            rest = words[n:]
            level = _COMMUNE_LEVEL.get(_fold(rest[0]))
            if level and rest[0][:1].isupper():
                rest[0] = level
            return " ".join([lead, *rest])
    return value


_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                                   "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9"})


# Vietnamese family names (general knowledge, not from any test material). A name's first word read
# with the letters of one of them but other marks ("Đỉnh" for Đinh, "Thần" for Thân, "Khống" for
# Khổng) is a tone mark misread, and the readers tend to share that mistake.
_SURNAMES = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trương Lâm Mai Trịnh
Lương Đào Cao Tạ Hà Tô Chu La Quách Thái Kiều Khổng Thân Triệu Lưu Tôn Mạc Ông Kim Từ Vương Châu Khúc
Doãn Phùng Tăng Lại Âu Giang Hứa Lục Nông Quan Tiêu Mạnh Đàm Diệp Nghiêm Lò Lù Sầm Bế Ma Vi Hầu Trình
Phó Thạch Danh Kha Ninh Ung Bạch Cù Đồng Đường Khương Lã Mã Mẫn Nhan Phí Tống Thi Thiều Viên Cấn Chế
Chử Đậu Giáp Hàn Hạ Lỗ Mông Bạc Bành Biện Cung Diêm Hán Hoa Khuất Liễu Lường Lèo Mạch Ngũ Ngụy Quản
Sái Sùng Tào Tòng Trưng Ứng Vy Vàng Giàng Thào Mùa Lữ Lư Văn Quang Phương Luyện Khiếu Lăng Lạc Tiết
""".split())
_SURNAMES_BY_FOLD: dict[str, list[str]] = {}
for _name in sorted(_SURNAMES):
    _SURNAMES_BY_FOLD.setdefault(_fold(_name), []).append(_name)


def _misread_surname(word: str) -> str | None:
    """The family name *word* was most likely meant as, when it has a known one's letters but not its
    marks and only one known family name has those letters; else None (a known name, an unknown one,
    or one written in capitals)."""
    if word in _SURNAMES or not (word[:1].isupper() and word[1:].islower()):
        return None
    near = _SURNAMES_BY_FOLD.get(_fold(word), [])
    return near[0] if len(near) == 1 else None


def _normalise(spec: dict, value: str, marker: str = "", fmt: str = "") -> tuple[str, bool]:
    """(normalised value, passes the type check)."""
    normal, ok = _normalise_as_read(spec, value, marker, fmt)
    if not ok and spec.get("type") in ("date", "year", "integer", "id_number"):
        # "I" for 1, "O" for 0: a repaired number is offered, never taken as sure.
        repaired, repaired_ok = _normalise_as_read(spec, value.translate(_DIGIT_LOOKALIKES), marker, fmt)
        if repaired_ok:
            return repaired, False
    return normal, ok


def _normalise_as_read(spec: dict, value: str, marker: str = "", fmt: str = "") -> tuple[str, bool]:
    kind = spec.get("type", "text")
    if fmt == "signed_date":
        # Day, month and year with one word between them ("tháng", "năm" — handwritten, often
        # misread) and perhaps a stray comma or leader dot: the three numbers make the date.
        match = re.search(r"(\d{1,2})[\s,.]*[^\W\d]{1,6}[\s,.]*(\d{1,2})[\s,.]*[^\W\d]{1,4}[\s,.]*(\d{4})", value)
        if not match:
            return value, False
        try:
            day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            return value, False
        return f"ngày {day.day} tháng {day.month} năm {day.year}", True
    if kind == "date":
        match = re.search(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", value)
        if not match:
            return value, False
        try:
            parsed = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            return value, False
        # Anything around the date ("sinh 07/03/2026 lúc") means the reader cut the field wrongly.
        return parsed.strftime("%d/%m/%Y"), value.strip() == match.group(0).strip() and 1880 <= parsed.year <= 2100
    if kind == "year":
        digits = re.sub(r"\D", "", value)
        bare = marker.strip("()")
        # "(5)1990" read as "51990": the footnote marker lost its brackets. Drop it, but as a guess.
        if bare and len(digits) == 4 + len(bare) and digits.startswith(bare):
            return digits[len(bare):], False
        return digits, bool(re.fullmatch(r"(18|19|20|21)\d\d", digits)) and digits == value.strip()
    if kind == "id_number":
        digits = re.sub(r"[\s.]", "", value)
        return digits, bool(re.fullmatch(r"\d{12}|\d{9}", digits))
    if kind == "integer":
        digits = re.sub(r"\D", "", value)
        if not digits:
            return value, False
        number = int(digits)
        ok = (digits == re.sub(r"\s", "", value) and (spec.get("maximum") is None or number <= spec["maximum"])
              and (spec.get("minimum") is None or number >= spec["minimum"]))
        return str(number), ok
    known = spec.get("options") or spec.get("suggestions") or []
    if kind in ("gender", "choice") and spec.get("options"):
        folded = _fold(value)
        for option in spec["options"]:
            if _fold(option) == folded:
                return option, True
        return value, False
    if known:
        # A known word read without (or with wrong) diacritics: "Me" → "Mẹ", "Viet Nam" → "Việt Nam".
        matches = [option for option in known if _fold(option) == _fold(value)]
        if len(matches) == 1:
            return matches[0], True
        if spec["key"].endswith(("_ethnicity", "_nationality")):
            return value, False   # the lists are complete: anything else is a misreading
    if kind == "name":
        words = value.split()
        ok = bool(words) and all(w[:1].isupper() and w.isalpha() for w in words)
        surname = _misread_surname(words[0]) if words else None
        if surname:
            return " ".join([surname, *words[1:]]), False   # respelled, but only ever a guess
        return value, ok
    value = _respell_lead(value, (spec.get("paper") or {}).get("lead") or ())
    if spec.get("pattern") and not re.fullmatch(spec["pattern"], value):
        return value, False
    if "," in value or spec["key"].endswith(("_residence", "_hometown", "_birthplace", "signed_at")):
        value = _fix_address(value, separate=spec["key"].endswith(("_residence", "_hometown")))
    # Free text: reject values that are mostly symbols (a misread leader or smudge).
    letters = sum(ch.isalnum() for ch in value)
    return value, letters >= max(1, len(value.replace(" ", "")) * 0.8)


def _crop(page: Image.Image, words: list[_Word], pad: int = 6) -> Image.Image:
    left = min(w.left for w in words) - pad
    top = min(w.top for w in words) - pad
    right = max(w.right for w in words) + pad
    bottom = max(w.bottom for w in words) + pad
    return page.crop((max(0, left), max(0, top), min(page.width, right), min(page.height, bottom)))


def _second_opinions(page: Image.Image, reads: dict[str, list[list[_Word]]]) -> dict[str, str]:
    """Every value's crops re-read at another scale, stacked on one strip: one tesseract run for the
    page instead of one per field. Different pixels, so agreement with the page reading means something."""
    crops: list[tuple[str, Image.Image]] = []
    for key, pieces in reads.items():
        for words in pieces:
            crop = _crop(page, words)
            crops.append((key, crop.resize((round(crop.width * 1.5), round(crop.height * 1.5)),
                                           Image.Resampling.LANCZOS)))
    if not crops:
        return {}
    gap = 40
    width = max(c.width for _, c in crops) + 2 * gap
    height = sum(c.height + gap for _, c in crops) + gap
    strip = Image.new("L", (width, height), _paper(np.asarray(page)))
    spans: list[tuple[str, int, int]] = []
    y = gap
    for key, crop in crops:
        strip.paste(crop, (gap, y))
        spans.append((key, y, y + crop.height))
        y += crop.height + gap
    texts: dict[str, list[str]] = {key: [] for key in reads}
    for line in _ocr_words(strip, psm=6):
        for word in line:
            middle = word.top + word.height / 2
            owner = next((key for key, top, bottom in spans if top - gap / 2 <= middle < bottom + gap / 2), None)
            if owner is not None:
                texts[owner].append(word.text)
    return {key: _clean_value(" ".join(words)) for key, words in texts.items()}


@dataclass
class _Read:
    pieces: list[list[_Word]]      # the value's words, one list per printed row
    raw: str


def _value_words(rows: list[list[_Word]], hit: _Found, found: list[_Found], edges: list[int],
                 columns: dict[str, tuple[int, int]], right_margin: int, labelled: set[int],
                 left_margin: float = float("inf")) -> _Read:
    row = rows[hit.row]
    if hit.spec.column and hit.spec.column in columns:
        lo, hi = columns[hit.spec.column]
        pieces = [[w for w in row if lo <= (w.left + w.right) / 2 < hi]]
        # The cell goes on in the rows below until the next labelled row.
        r = hit.row + 1
        while r < len(rows) and r not in labelled and r <= hit.row + 3:
            more = [w for w in rows[r] if lo <= (w.left + w.right) / 2 < hi]
            if more:
                pieces.append(more)
            r += 1
    else:
        later = [f.start for f in found if f.row == hit.row and f.start >= hit.end and f is not hit]
        stop = min(later) if later else len(row)
        words = row[hit.end:stop]
        pieces = [words]
        # Wrapped onto the next row: the value ran to the right edge, the next row has no label.
        if not later and words and hit.spec.kind in ("text", "name") and not hit.spec.suffix \
                and words[-1].right >= right_margin and hit.row + 1 < len(rows) and hit.row + 1 not in labelled \
                and rows[hit.row + 1][0].left <= left_margin:   # a continuation starts at the margin
            pieces.append(rows[hit.row + 1])
    pieces = [[w for w in p] for p in pieces if p]
    if hit.spec.suffix:
        pieces = [[w for w in p if _fold(w.text) != _fold(hit.spec.suffix)] for p in pieces]
        pieces = [p for p in pieces if p]
    raw = " ".join(w.text for p in pieces for w in p)
    return _Read(pieces, raw)


def _boxes_on_row(hit: _Found, rows: list[list[_Word]], boxes: list[_Box]) -> list[_Box]:
    row = rows[hit.row]
    top = min(w.top for w in row)
    bottom = max(w.bottom for w in row)
    label_right = row[hit.end - 1].right if hit.end else row[0].left
    return sorted((b for b in boxes if top - b.side <= b.top + b.side / 2 <= bottom + b.side
                   and b.left > label_right), key=lambda b: b.left)


def _read_boxes(hit: _Found, rows: list[list[_Word]], boxes: list[_Box]) -> tuple[str | None, bool]:
    """(the marked option, sure) for a "Có ☐, Không ☐" field."""
    mine = _boxes_on_row(hit, rows, boxes)
    options = hit.spec.schema.get("options") or []
    if not mine or len(mine) < len(options):
        return None, False
    mine = mine[:len(options)]
    marked = [option for option, box in zip(options, mine) if box.marked]
    if len(marked) == 1:
        clear = all(b.ink < 0.04 or b.marked for b in mine)   # a smudge between the two: ask
        return marked[0], clear
    if len(marked) > 1:
        return max(zip(options, mine), key=lambda ob: ob[1].ink)[0], False
    return None, False


def _columns(rows: list[list[_Word]], specs: list[_Spec], edges: list[int]) -> tuple[dict[str, tuple[int, int]], int]:
    """x range of each table column by its header ("Bên nữ"), and the header's row."""
    names = sorted({s.column for s in specs if s.column})
    if not names:
        return {}, 0
    ranges: dict[str, tuple[int, int]] = {}
    header_row = 0
    for r, row in enumerate(rows):
        for name in names:
            target, n = _fold(name), len(name.split())
            for i in range(len(row)):
                score, span = _match_at(row, i, target, n)
                if score >= 0.85:
                    centre = (row[i].left + row[i + span - 1].right) / 2
                    left = max([e for e in edges if e < centre], default=0)
                    right = min([e for e in edges if e > centre], default=10**6)
                    ranges[name] = (left, right)
                    header_row = r
                    break
        if len(ranges) == len(names):
            break
    if len(ranges) != len(names):
        return {}, 0
    if not edges:   # no rules found: split between the headers
        centres = sorted(((lo + hi) / 2, n) for n, (lo, hi) in ranges.items())
        for k, (c, name) in enumerate(centres):
            lo = (centres[k - 1][0] + c) / 2 if k else c - (centres[1][0] - c) / 2
            hi = (centres[k + 1][0] + c) / 2 if k + 1 < len(centres) else 10**6
            ranges[name] = (int(lo), int(hi))
    return ranges, header_row


def _printed_rows(rows: list[list[_Word]], specs: list[_Spec]) -> set[int]:
    """Rows of printed text that are no field: the sentence a field is ``followed_by`` on the form
    ("Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:") and any row ending in a colon. A value
    that ran to the right edge must not take them in as its second line."""
    sentences = [_fold(s.schema["paper"]["followed_by"]) for s in specs
                 if (s.schema.get("paper") or {}).get("followed_by")]
    printed = set()
    for r, row in enumerate(rows):
        line = _fold(" ".join(w.text for w in row))
        if row[-1].text.endswith(":") or any(
                difflib.SequenceMatcher(None, line[:len(t) + 4], t).ratio() >= 0.8 for t in sentences):
            printed.add(r)
    return printed


def _may_be_cut_short(rows: list[list[_Word]], hit: _Found, found: list[_Found], read: _Read,
                      labelled: set[int]) -> bool:
    """A value ending its row, with a row below it that no label, printed sentence or continuation
    claims, while more labels follow further down: that row is most likely the value's second line
    (not taken because it did not start at the margin, or the first line stopped short of the edge),
    so the value read may be cut short."""
    if hit.spec.column or hit.spec.format or hit.spec.kind not in ("text", "name"):
        return False
    if any(f.row == hit.row and f.start >= hit.end for f in found if f is not hit):
        return False      # cut by the next label on its row
    below = hit.row + (2 if len(read.pieces) > 1 else 1)
    return below < len(rows) and below not in labelled and any(r > below for r in labelled)


def _may_have_swallowed(specs: list[_Spec], found: list[_Found]) -> set[str]:
    """Fields whose value runs to the row's end while the label printed after them was not found:
    the value may have swallowed that label and its value ("Sơn, ngày 24 …" read "Sơmgày 24 …")."""
    keys = {f.spec.key for f in found}
    plain = [s for s in specs if not s.column]
    suspects = set()
    for hit in found:
        if hit.spec.column or hit.spec not in plain:
            continue
        following = plain[plain.index(hit.spec) + 1:plain.index(hit.spec) + 2]
        ends_row = not any(f.row == hit.row and f.start >= hit.end for f in found if f is not hit)
        if following and following[0].key not in keys and ends_row:
            suspects.add(hit.spec.key)
    return suspects


def _label_took_more(row: list[_Word], hit: _Found) -> bool:
    """The label's last word read longer than the printed label's ("cầuLê", "ngày24": the colon or the
    space before the value lost): the start of the value went into the label, and the value read
    lacks it while the re-reads of its crop agree."""
    words = [w.text for w in row[hit.start:hit.end] if not _is_marker(w.text) and w.text != ":"]
    printed = [_fold(label.split()[-1]) for label in (hit.spec.label, *hit.spec.variants)]
    last = _fold(words[-1]) if words else ""
    return bool(last) and not any(last == p for p in printed) and any(
        p and last.startswith(p) for p in printed)


def _ambiguous_repeats(specs: list[_Spec], found: list[_Found]) -> set[str]:
    """Fields whose printed label the form repeats ("Dân tộc" of the child, the mother, the father)
    while one of those printings was not found: the search then took a later one for the missing
    field's (the father's ethnicity returned as the mother's), so which field a value belongs to is
    not known for any of them."""
    groups: dict[tuple[str, str], list[str]] = {}
    for spec in specs:
        groups.setdefault((_fold(spec.label), spec.column), []).append(spec.key)
    keys = {f.spec.key for f in found}
    return {key for members in groups.values() if len(members) > 1 and not set(members) <= keys
            for key in members}


# A comma, dot or semicolon with more of the value after it: where a leader dot may have stayed.
_INNER_PUNCTUATION = re.compile(r"[,.;:](?=\s*\S)")


def _typed_over_leader(words: list[_Word], lone_dots: list[tuple[float, float]]) -> bool:
    """Whether leader dots were found between the value's own words (the value typed over its leader,
    not just followed by it): every reader then sees a dot the eraser left as the value's own
    punctuation, all in the same way."""
    if not words:
        return False
    left, right = min(w.left for w in words), max(w.right for w in words)
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    return any(left < x < right and top <= y <= bottom + 4 for x, y in lone_dots)


def _third_opinion_agrees(page: Image.Image, hit: _Found, read: _Read, value: str) -> bool:
    """Two tesseract readings can share a mistake ("Khổng" → "Khống", "quỵ" → "quy"); the other
    engine, a different network, must read the same value too before it is sure."""
    from scanning import handwriting

    if not handwriting.available():
        return True
    texts = []
    for words in read.pieces:
        crop = _crop(page, words, pad=max(6, (max(w.bottom for w in words) - min(w.top for w in words)) // 4))
        texts.append(handwriting.read_line(crop))
    again, _ = _normalise(hit.spec.schema, _clean_value(" ".join(texts)), hit.spec.marker, hit.spec.format)
    return again == value


def _value_boxes(rows: list[list[_Word]], hit: _Found, found: list[_Found], read: _Read,
                 page_width: int) -> list[tuple[int, int, int, int]]:
    """Where the value is written: its words' boxes, or the empty stretch after the label."""
    if read.pieces:
        return [(min(w.left for w in p), min(w.top for w in p), max(w.right for w in p), max(w.bottom for w in p))
                for p in read.pieces]
    row = rows[hit.row]
    later = [f.start for f in found if f.row == hit.row and f.start >= hit.end and f is not hit]
    left = row[hit.end - 1].right if hit.end else row[0].left
    right = row[min(later)].left if later else page_width - 10
    return [(left, min(w.top for w in row), right, max(w.bottom for w in row))] if right - left > 20 else []


# What a value of each type can be written with: the network then cannot read an open "0" as "o".
_ALLOWED = {"date": "0123456789/. ", "year": "0123456789 ", "integer": "0123456789 ",
            "id_number": "0123456789 "}


# Log-likelihood lead the best answer needs over the next: right choices led by 16–64 on dev pages,
# the wrong ones (a crop that missed half of "Gia Rai") by 6–8.
_CHOICE_GAP = 12.0


def _closed_set(spec: _Spec) -> tuple[list[str], bool]:
    """(the answers a field can have, whether the list is complete): the form's options for a
    gender or a choice, the 54 official ethnic groups, the nationalities the schema suggests (not
    complete: a foreign spouse's nationality is written too)."""
    schema = spec.schema
    if spec.kind in ("gender", "choice") and schema.get("options"):
        return list(schema["options"]), True
    if spec.key.endswith("_ethnicity") and schema.get("suggestions"):
        return list(schema["suggestions"]), True
    if spec.key.endswith("_nationality") and schema.get("suggestions"):
        return list(schema["suggestions"]), False
    return [], False


def _closed_choice(spec: _Spec, crops: list[Image.Image], free: str) -> str | None:
    """The answer of a closed-set field the handwriting most likely says (CTC scores of every answer
    against the network's frames), or None. From an incomplete list only an answer that the free
    reading nearly spells (a letter in three off at most, marks aside) is taken: anything else may be an answer
    the list lacks."""
    from scanning import handwriting

    choices, complete = _closed_set(spec)
    if not choices or len(crops) != 1:
        return None
    choice, gap = handwriting.best_choice(crops[0], choices)
    if choice is None or gap < _CHOICE_GAP:
        return None     # two answers fit about as well (or the crop missed part of the word)
    if not complete and _edit_distance(_fold(free), _fold(choice)) > max(1, len(_fold(choice)) // 3):
        return None
    return choice


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _read_handwriting(page: Image.Image, rows: list[list[_Word]], found: list[_Found],
                      reads: dict[str, tuple[_Found, _Read]], result: ExtractionResult,
                      never_sure: set[str] = frozenset()) -> None:
    """Values tesseract could not vouch for, re-read by the handwriting recogniser.

    Its reading replaces tesseract's when that one fails its type check or was read with little
    confidence (handwriting); the value is sure only when both engines read the same valid value.
    """
    from scanning import handwriting

    if not handwriting.available():
        return
    for key, (hit, read) in reads.items():
        if result.sure.get(key):
            continue
        boxes = _value_boxes(rows, hit, found, read, page.width)
        if not boxes:
            continue
        crops, theirs = [], []     # each crop, and tesseract's reading of it
        pieces = read.pieces if len(read.pieces) == len(boxes) else [[] for _ in boxes]
        for (left, top, right, bottom), piece in zip(boxes, pieces):
            pad = max(6, (bottom - top) // 4)
            crop = page.crop((max(0, left - pad), max(0, top - pad), min(page.width, right + pad),
                              min(page.height, bottom + pad)))
            dark = np.asarray(crop.convert("L")) < 0.6 * _paper(np.asarray(crop.convert("L")))
            if dark.mean() < 0.01:
                continue    # a blank field (its leader erased): the network would invent a word
            inked = np.flatnonzero(dark.sum(axis=0) >= 2)      # blank paper either side cut off
            crops.append(crop.crop((max(0, int(inked[0]) - pad), 0, min(crop.width, int(inked[-1]) + 1 + pad),
                                    crop.height)))
            theirs.append(_clean_value(" ".join(w.text for w in piece)))
        if not crops:
            continue
        allowed = None if hit.spec.format else _ALLOWED.get(hit.spec.kind)
        readings = [handwriting.read_line_with(crop, [other] if other else [], allowed)
                    for crop, other in zip(crops, theirs)]
        free = _clean_value(" ".join(own for own, _ in readings))
        # The network's own reading is the independent opinion; the value shown is the reading
        # its frames support best, tesseract's words taken where they fit better.
        read_freely, ok = _normalise(hit.spec.schema, free, hit.spec.marker, hit.spec.format)
        read_freely = read_freely if ok else None
        shown = _clean_value(" ".join(best for _, best in readings))
        value, ok = _normalise(hit.spec.schema, shown, hit.spec.marker, hit.spec.format)
        # A family name respelled from its misread marks is shown (never sure: not ok), not dropped.
        respelled = hit.spec.kind == "name" and bool(shown) and _misread_surname(shown.split()[0]) is not None
        choice = _closed_choice(hit.spec, crops, free)
        if choice is not None:
            value, ok = choice, True
        if not value or not (ok or respelled):
            continue
        words = [w for p in read.pieces for w in p]
        tess_conf = float(np.mean([w.conf for w in words])) / 100 if words else 0.0
        current = result.values.get(key)
        current_ok = current is not None and _normalise(hit.spec.schema, current, "", hit.spec.format)[1]
        if current == value:
            # Sure only when tesseract and the network's free reading give it: a choice scored
            # against a closed list always names some answer, so it is no evidence on its own.
            result.sure[key] = hit.score >= 0.85 and key not in never_sure and read_freely == value
            result.confidence[key] = round(min(hit.score, 0.92), 3) if result.sure[key] else result.confidence[key]
        elif current is None or not current_ok or tess_conf < 0.7:
            result.values[key] = value
            result.sure[key] = False
            result.confidence[key] = 0.4


def extract_fields(image: str | Path | Image.Image, procedure: str) -> ExtractionResult:
    """Values, confidences (0..1) and sure flags of the fields of *procedure* on the scanned *image*."""
    specs = _specs(procedure)
    if isinstance(image, Image.Image):
        pil = image
    else:
        try:
            pil = load_image(image)   # JPEG/PNG/TIFF only, size checked before decoding
        except UntrustedFileError as exc:
            raise FormExtractionError(str(exc)) from exc
    # A photographed sheet is cut out of the frame, squared, evenly lit and brought to scan size first.
    sheet = sheet_of(pil)
    gray = _deskew(sheet.grey)
    boxes = find_check_boxes(gray)
    edges = _column_edges(gray)
    clean = _erase_rules(gray)
    # Boxes stay on the page: a "D" can pass for a box, and only the boxes right of a choice's label
    # on its row are ever read (the OCR's guess at a crossed box there is never used).
    lone_dots: list[tuple[float, float]] = []
    page = Image.fromarray(erase_dotted_leaders(clean, lone_dots))
    # psm 6 (one uniform block): the layout analysis of psm 3/4 drops whole rows of a form as "image".
    rows = _visual_rows([_split_glued(line) for line in _ocr_words(page, psm=6)])
    result = ExtractionResult(photographed=sheet.photographed)
    if not rows:
        return result
    columns, header_row = _columns(rows, specs, edges)
    found = _find_labels(rows, specs, header_row + 1 if columns else 0)
    labelled = {f.row for f in found} | _printed_rows(rows, specs)
    if columns:
        labelled.add(header_row)     # "Thông tin | Bên nữ | Bên nam": printed, no value's second line
    text_right = max(w.right for row in rows for w in row)
    right_margin = text_right - gray.shape[1] * 0.2   # a value wraps when its next word did not fit
    left_margin = float(np.percentile([row[0].left for row in rows], 25)) + gray.shape[1] * 0.03
    pending: dict[str, tuple[_Found, _Read, str, float, float]] = {}
    reads: dict[str, tuple[_Found, _Read]] = {}
    never_sure = _may_have_swallowed(specs, found) | _ambiguous_repeats(specs, found)
    for hit in found:
        spec = hit.spec
        if spec.boxes and _boxes_on_row(hit, rows, boxes):
            value, sure = _read_boxes(hit, rows, boxes)
            if value is not None:
                result.values[spec.key] = value
                result.sure[spec.key] = sure
                result.confidence[spec.key] = 0.97 if sure else 0.5
            continue
        # (a form printed without boxes has the choice written out: read as text)
        read = _value_words(rows, hit, found, edges, columns, right_margin, labelled, left_margin)
        reads[spec.key] = (hit, read)
        if _may_be_cut_short(rows, hit, found, read, labelled):
            never_sure.add(spec.key)
        raw = _clean_value(read.raw)
        if not raw:
            continue
        value, type_ok = _normalise(spec.schema, raw, spec.marker, spec.format)
        if not value:
            continue
        words = [w for p in read.pieces for w in p]
        word_conf = min(w.conf for w in words) / 100 if words else 0.0
        confidence = min(hit.score, word_conf if word_conf > 0 else 0.5)
        result.values[spec.key] = value
        result.sure[spec.key] = False
        result.confidence[spec.key] = round(max(0.0, min(_UNSURE_CAP, confidence)), 3)
        if _typed_over_leader(words, lone_dots) and _INNER_PUNCTUATION.search(value):
            never_sure.add(spec.key)   # a leader dot left between two typed words reads as a comma
        if _had_specks(read.raw):
            never_sure.add(spec.key)   # a speck dropped from inside it may have been part of a letter
        if _label_took_more(rows[hit.row], hit):
            never_sure.add(spec.key)
        if any(w.cut for w in words):
            never_sure.add(spec.key)   # its end was guessed inside one read token: letters may be lost
        if type_ok and hit.score >= 0.85 and word_conf >= _WORD_CONF_SURE and spec.key not in never_sure:
            pending[spec.key] = (hit, read, value, confidence, word_conf)
    # Sure only when the independent re-read of the crop gives the same value.
    second = _second_opinions(page, {key: item[1].pieces for key, item in pending.items()})
    for key, (hit, _read, value, confidence, _conf) in pending.items():
        again, _ = _normalise(hit.spec.schema, second.get(key, ""), hit.spec.marker, hit.spec.format)
        if again == value and _third_opinion_agrees(page, hit, _read, value):
            result.sure[key] = True
            result.confidence[key] = round(max(0.0, min(1.0, confidence)), 3)
    _read_handwriting(page, rows, found, reads, result, never_sure)
    _split_swallowed_date(specs, result)
    if result.photographed:
        _nothing_sure(result)
    return result


def _nothing_sure(result: ExtractionResult) -> None:
    """Read from a photo: blur and uneven light make all the readings misread a tone mark alike, and a
    sheet not found keeps its perspective (a table read across its columns) — every value is for the
    clerk to confirm (dev photos: 4 wrong values of 82 were sure before)."""
    for key in result.values:
        result.sure[key] = False
        result.confidence[key] = min(result.confidence.get(key, 0.0), _UNSURE_CAP)


# "…, ngày 24 tháng 11 năm 2026" at the end of the place; "ngày" may be glued to it ("Lươngngày") or
# misread ("này").
_DATE_TAIL = re.compile(r"[\s,.;:]*(?:ng\w{1,3}\b|\bn\w{0,2}y\b)?[\s.,:]*(\d{1,2}[\s,.]*[^\W\d]{1,6}[\s,.]*\d{1,2}"
                        r"[\s,.]*[^\W\d]{1,4}[\s,.]*\d{4})\W*$", flags=re.IGNORECASE)


def _split_swallowed_date(specs: list[_Spec], result: ExtractionResult) -> None:
    """"Làm tại: Xã Thạch Thất, ngày 24 tháng 11 năm 2026" with the label "ngày" not found: the
    place swallowed the date. Both are split back apart, and both stay unsure."""
    plain = [s for s in specs if not s.column]
    for k, spec in enumerate(plain):
        if spec.format != "signed_date" or spec.key in result.values or k == 0:
            continue
        before = plain[k - 1].key
        match = _DATE_TAIL.search(result.values.get(before, ""))
        if not match or match.start() == 0:
            continue
        signed, ok = _normalise(spec.schema, match.group(1), spec.marker, spec.format)
        if not ok:
            continue
        result.values[spec.key], result.sure[spec.key], result.confidence[spec.key] = signed, False, 0.4
        result.values[before] = _clean_value(result.values[before][:match.start()])
        result.sure[before] = False
        result.confidence[before] = min(result.confidence.get(before, 0.4), _UNSURE_CAP)
