"""Read the values written after the printed labels of a scanned paper declaration.

Steps: erase the dotted leader lines ("……") that follow each label (they make tesseract invent
letters), OCR the page once with word boxes (``-l vie``, TSV), find each printed label of the form's
schema in paper order (fuzzy, diacritic-insensitive: labels repeat — "Dân tộc", "Nơi cư trú" — so the
order settles which is which), take the words to the right of the label as the value, normalise it
by field type, then re-read the value's crop on its own as a second opinion.

Confidence is deliberately pessimistic: a value is "high confidence" (≥ :data:`HIGH_CONFIDENCE`) only
when both readings agree, every word is confident, the label matched well and the value passes its
type check; otherwise it is returned low so the clerk confirms it. Empty fields are left out.
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
from PIL import Image, ImageOps

from resources import RESOURCES_DIR
from scanning.untrusted import UntrustedFileError, load_image

HIGH_CONFIDENCE = 0.9


class FormExtractionError(ValueError):
    """The image or the form schema cannot be used (message in Vietnamese)."""


@dataclass
class ExtractionResult:
    values: dict[str, str] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)

    def needs_review(self) -> list[str]:
        return [k for k, c in self.confidence.items() if c < HIGH_CONFIDENCE]


@dataclass
class _Word:
    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9 ]+", "", stripped)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _schema_fields(procedure: str) -> list[dict]:
    matches = sorted((RESOURCES_DIR / "forms").glob(f"{procedure}_*.json")) if re.fullmatch(
        r"[0-9.]+", procedure or "") else []
    if not matches:
        raise FormExtractionError(f"Chưa có mẫu tờ khai cho thủ tục «{procedure}».")
    return [f for f in json.loads(matches[0].read_text(encoding="utf-8"))["fields"] if f.get("label")]


# --- image preparation ---------------------------------------------------------------------------

def erase_dotted_leaders(gray: np.ndarray) -> np.ndarray:
    """Paint white every run of ≥ 5 small, evenly spaced blobs on one baseline (a dotted leader).

    Diacritic dots (the dot under "ạ", over "i") are never five in a row at an even pitch.
    """
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = [i for i in range(1, count)
             if stats[i, cv2.CC_STAT_WIDTH] <= 9 and stats[i, cv2.CC_STAT_HEIGHT] <= 9
             and stats[i, cv2.CC_STAT_AREA] <= 60]
    rows: dict[int, list[int]] = {}
    for i in small:
        rows.setdefault(int(centroids[i][1]) // 6, []).append(i)
    out = gray.copy()
    for members in rows.values():
        members.sort(key=lambda i: centroids[i][0])
        run = [members[0]] if members else []
        for prev, cur in itertools.pairwise(members):
            gap = centroids[cur][0] - centroids[prev][0]
            if 5 <= gap <= 30 and abs(centroids[cur][1] - centroids[prev][1]) <= 4:
                run.append(cur)
            else:
                _paint(out, stats, run)
                run = [cur]
        _paint(out, stats, run)
    return out


def _paint(image: np.ndarray, stats: np.ndarray, run: list[int]) -> None:
    if len(run) < 5:
        return
    for i in run:
        x, y, w, h = stats[i, 0], stats[i, 1], stats[i, 2], stats[i, 3]
        image[max(0, y - 1):y + h + 1, max(0, x - 1):x + w + 1] = 255


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


def _match_label(line: list[_Word], label: str) -> tuple[float, int]:
    """(similarity, number of words the label spans) of the start of *line* against *label*."""
    target = _fold(label)
    n_label = len(label.split())
    best = (0.0, 0)
    for n in range(max(1, n_label - 2), min(len(line), n_label + 2) + 1):
        head = _fold(" ".join(w.text for w in line[:n]))
        score = difflib.SequenceMatcher(None, head, target).ratio()
        if score > best[0]:
            best = (score, n)
    return best


_LEADER = re.compile(r"^[\s.…·,:;_\-–—'\"`|]+|[\s.…·,:;_\-–—'\"`|]+$")


def _clean_value(text: str) -> str:
    text = _nfc(text)
    text = re.sub(r"(?<=\S)\.{2,}.*$", "", text)  # a leader resumed after the value
    text = _LEADER.sub("", text)
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


def _fix_address(value: str) -> str:
    """Respell comma-separated parts that are province names read with wrong diacritics."""
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
    return ", ".join(fixed)


def _normalise(spec: dict, value: str) -> tuple[str, bool]:
    """(normalised value, passes the type check)."""
    kind = spec.get("type", "text")
    if kind == "date":
        match = re.search(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", value)
        if not match:
            return value, False
        try:
            parsed = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            return value, False
        return parsed.strftime("%d/%m/%Y"), True
    if kind == "year":
        digits = re.sub(r"\D", "", value)
        return digits, bool(re.fullmatch(r"(18|19|20|21)\d\d", digits))
    if kind == "id_number":
        digits = re.sub(r"[\s.]", "", value)
        return digits, bool(re.fullmatch(r"\d{12}|\d{9}", digits))
    if kind == "integer":
        digits = re.sub(r"\D", "", value)
        ok = bool(digits) and (spec.get("maximum") is None or int(digits) <= spec["maximum"])
        return digits, ok
    known = spec.get("options") or spec.get("suggestions") or []
    if known and kind not in ("gender", "choice"):
        # A known word read without (or with wrong) diacritics: "Me" → "Mẹ", "Viet Nam" → "Việt Nam".
        matches = [option for option in known if _fold(option) == _fold(value)]
        if len(matches) == 1:
            return matches[0], True
    if kind in ("gender", "choice") and spec.get("options"):
        folded = _fold(value)
        for option in spec["options"]:
            if _fold(option) == folded:
                return option, True
        return value, False
    if kind == "name":
        return value, bool(value) and not re.search(r"[\d@#$%^&*=+<>/\\|]", value)
    if "," in value or spec["key"].endswith(("_residence", "_hometown", "_birthplace", "signed_at")):
        value = _fix_address(value)
    # Free text: reject values that are mostly symbols (a misread leader or smudge).
    letters = sum(ch.isalnum() for ch in value)
    return value, letters >= max(1, len(value.replace(" ", "")) * 0.8)


def _second_opinion(page: Image.Image, words: list[_Word], pad: int = 6) -> str:
    left = min(w.left for w in words) - pad
    top = min(w.top for w in words) - pad
    right = max(w.right for w in words) + pad
    bottom = max(w.top + w.height for w in words) + pad
    crop = page.crop((max(0, left), max(0, top), min(page.width, right), min(page.height, bottom)))
    # A different scale gives tesseract different pixels: agreement then means something.
    crop = crop.resize((round(crop.width * 1.5), round(crop.height * 1.5)), Image.Resampling.LANCZOS)
    crop = ImageOps.expand(crop, border=18, fill=255)
    lines = _ocr_words(crop, psm=7)
    return _clean_value(" ".join(w.text for line in lines for w in line))


def extract_fields(image: str | Path | Image.Image, procedure: str) -> ExtractionResult:
    """Values and confidences (0..1) of the fields of *procedure* found on the scanned *image*."""
    specs = _schema_fields(procedure)
    if isinstance(image, Image.Image):
        pil = image
    else:
        try:
            pil = load_image(image)   # JPEG/PNG/TIFF only, size checked before decoding
        except UntrustedFileError as exc:
            raise FormExtractionError(str(exc)) from exc
    gray = np.asarray(ImageOps.grayscale(pil))
    page = Image.fromarray(erase_dotted_leaders(gray))
    lines = _ocr_words(page)
    result = ExtractionResult()
    cursor = 0
    for spec in specs:
        found = None
        # Look a few lines ahead only: labels come in paper order, and a missed label must not
        # make the search jump onto a later field's identical label.
        for index in range(cursor, min(len(lines), cursor + 4)):
            score, span = _match_label(lines[index], spec["label"])
            if score >= 0.75:
                found = (index, score, span)
                break
        if found is None:
            continue
        index, score, span = found
        cursor = index + 1
        value_words = lines[index][span:]
        raw = _clean_value(" ".join(w.text for w in value_words))
        if not raw:
            continue
        value, type_ok = _normalise(spec, raw)
        if not value:
            continue
        word_conf = min(w.conf for w in value_words) / 100
        second, _ = _normalise(spec, _second_opinion(page, value_words))
        agree = second == value
        confidence = min(score, word_conf if word_conf > 0 else 0.5)
        if not agree:
            confidence = min(confidence, 0.5)
        if not type_ok:
            confidence = min(confidence, 0.3)
        if word_conf < 0.93:
            # Misread diacritics ("Nội" → "Nôi") come out at 0.90–0.92 while clean words read ≥ 0.94.
            confidence = min(confidence, 0.7)
        result.values[spec["key"]] = value
        result.confidence[spec["key"]] = round(max(0.0, min(1.0, confidence)), 3)
    return result
