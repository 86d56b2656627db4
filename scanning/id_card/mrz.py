"""Machine-readable zone (ICAO 9303 TD1, 3 lines × 30) on the back of a Vietnamese ID card.

Three steps: :func:`find_mrz_zone` deskews the image and crops the three MRZ text lines (dense, wide,
evenly spaced text bands, the lowest such triple); :func:`ocr_mrz` reads them with tesseract restricted
to ``A–Z 0–9 <``; :func:`parse_td1` puts the characters back into the fixed TD1 layout and uses the
7-3-1 check digits to undo OCR confusions (O/0, I/1, B/8, S/5, …). Layout for Vietnam (DOMAIN.md §5.3):

    line 1  ID VNM <doc no. = last 9 digits of the ID> <check> <12-digit ID> << <check>
    line 2  <birth YYMMDD><check><M|F><expiry YYMMDD><check>VNM<<<<<<<<<<<<composite check>
    line 3  SURNAME<<GIVEN<NAMES
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from scanning.id_card.mrz_names import FILLER_MISREADS as _FILLER_MISREADS
from scanning.id_card.mrz_names import LETTER_CONFUSIONS as _LETTER_CONFUSIONS
from scanning.id_card.mrz_names import decode_name, is_syllable
from scanning.vntime import local_today

LINE = 30
WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_TO_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "U": "0", "C": "0", "I": "1", "L": "1", "J": "1",
                           "T": "7", "Z": "2", "S": "5", "G": "6", "B": "8", "A": "4", "E": "8", "Y": "4"})
_TO_LETTER = str.maketrans({"0": "O", "1": "I", "2": "Z", "4": "A", "5": "S", "6": "G", "7": "T", "8": "B"})
# Digits tesseract confuses with one another in OCR-B, tried when a check digit fails.
_DIGIT_CONFUSIONS = {"0": "869", "1": "74", "2": "7", "3": "859", "4": "16", "5": "63", "6": "5084", "7": "12",
                     "8": "0365", "9": "083"}


class MrzNotFoundError(ValueError):
    """No machine-readable zone could be located or read in the image."""


def check_digit(text: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1 repeating; digits as is, A=10 … Z=35, '<' = 0."""
    total = 0
    for i, ch in enumerate(text):
        if ch.isdigit():
            value = int(ch)
        elif "A" <= ch <= "Z":
            value = ord(ch) - ord("A") + 10
        else:
            value = 0
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


@dataclass
class MrzData:
    lines: tuple[str, str, str]
    document_number: str
    id_number: str
    dob: date | None
    sex: str | None  # "Nam" | "Nữ"
    expiry: date | None
    nationality: str
    surname: str
    given_names: str
    checks: dict[str, bool]
    corrections: list[str] = field(default_factory=list)
    # Names carry no check digit: a filler read as a letter ("TRAN THANHKLINH") cannot be caught by the
    # checks, so a name read from the MRZ is always to be compared with the card by the clerk.
    name_doubts: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> tuple[str, ...]:
        """Fields the clerk must compare with the card: always the name (no check digit, no diacritics)."""
        return ("full_name",)

    @property
    def valid(self) -> bool:
        """Every check digit (document, ID, birth, expiry, composite) holds."""
        return bool(self.checks) and all(self.checks.values())

    @property
    def full_name(self) -> str:
        return " ".join(f"{self.surname} {self.given_names}".split())


def _yymmdd(text: str, century: int | None, today: date) -> date | None:
    if not re.fullmatch(r"\d{6}", text):
        return None
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
    if century is None:
        century = 1900 if 2000 + yy > today.year else 2000
    try:
        return date(century + yy, mm, dd)
    except ValueError:
        return None


def _digits(text: str) -> str:
    return text.upper().translate(_TO_DIGIT)


def _clean(line: str) -> str:
    return re.sub(r"[^A-Z0-9<]", "", line.upper().replace("«", "<").replace(" ", ""))


def _line1_fields(line: str) -> tuple[str, str, str, str, str]:
    """(prefix, doc, doc check, id, id check) from a line whose '<' runs may have been misread."""
    line = _clean(line)
    start = line.find("VN", 0, 9)
    head, body = (line[:start + 3], line[start + 3:]) if start >= 0 else (line[:5], line[5:])
    digits = _digits(body)
    # Document number, its check and the ID are 22 digits in a row; the ID check digit ends the line.
    run = re.match(r"[0-9]{22}", digits)
    core = run.group(0) if run else digits[:22].ljust(22, "<")
    last = digits[-1] if len(digits) > 22 else "<"
    return head, core[:9], core[9], core[10:22], last


def _line2_fields(line: str) -> tuple[str, str, str, str, str, str, str]:
    line = _clean(line)
    dob, dob_c, sex = _digits(line[0:6]), _digits(line[6:7]), line[7:8]
    sex = {"H": "M", "N": "M", "P": "F", "E": "F"}.get(sex, sex)
    rest = line[8:]
    if sum(ch.isdigit() for ch in _digits(rest[:7])) >= 5:
        exp, exp_c = _digits(rest[:6]), _digits(rest[6:7])
    else:
        # No expiry (cards issued after 58 are valid for life): fillers, often misread as K or C.
        exp, exp_c = "<<<<<<", "<"
    composite = _digits(line[-1:]) if len(line) > 18 else "<"
    return dob, dob_c, sex, exp, exp_c, "VNM", composite


def _name_fields(line: str) -> tuple[str, str]:
    line = _clean(line).translate(_TO_LETTER)
    # Everything after the first run of three fillers is filler ('<' is often misread as K, C or S).
    end = line.find("<<<", line.find("<<") + 2 if "<<" in line else 0)
    if end >= 0:
        line = line[:end]
    parts = [p for p in line.split("<<") if p.strip("<")]
    surname = parts[0].replace("<", " ").strip() if parts else ""
    given = " ".join(p.replace("<", " ").strip() for p in parts[1:])
    return surname, " ".join(given.split())


def is_vietnamese_syllable(token: str) -> bool:
    """Whether *token* (ASCII capitals) can be a Vietnamese syllable once its diacritics are removed."""
    return is_syllable(token)


def _token_fixes(token: str) -> list[str]:
    """One-edit readings of a token that make every part a syllable, likeliest first."""
    options: list[str] = []
    if len(token) > 1 and token[-1] in _FILLER_MISREADS and is_vietnamese_syllable(token[:-1]):
        options.append(token[:-1])                               # the first filler after the name
    for i in range(1, len(token) - 1):
        if token[i] in _FILLER_MISREADS:                         # the '<' between two names
            left, right = token[:i], token[i + 1:]
            if is_vietnamese_syllable(left) and is_vietnamese_syllable(right):
                options.append(f"{left} {right}")
    for i in range(1, len(token)):                               # two names with the filler dropped
        left, right = token[:i], token[i:]
        if len(left) > 1 and len(right) > 1 and is_vietnamese_syllable(left) and is_vietnamese_syllable(right):
            options.append(f"{left} {right}")
    for i, ch in enumerate(token):
        alt = _LETTER_CONFUSIONS.get(ch)
        if alt and is_vietnamese_syllable(token[:i] + alt + token[i + 1:]):
            options.append(token[:i] + alt + token[i + 1:])
    return options


def _segment(token: str) -> str | None:
    """*token* cut into Vietnamese syllables, dropping letters that stand where fillers were
    ("DUCKKIMCKIENC" → "DUC KIM KIEN"); None when no such cut exists. Fewest dropped letters win."""
    best: list[tuple[float, list[str]] | None] = [None] * (len(token) + 1)
    best[0] = (0.0, [])
    for end in range(1, len(token) + 1):
        options = []
        for start in range(max(0, end - 8), end):
            if best[start] is None:
                continue
            cost, parts = best[start]
            if is_vietnamese_syllable(token[start:end]):
                options.append((cost + 0.01, parts + [token[start:end]]))
            if end == start + 1 and token[start] in _FILLER_MISREADS:
                options.append((cost + 1, parts))
        best[end] = min(options, key=lambda o: o[0]) if options else None
    if best[-1] is None or not best[-1][1]:
        return None
    return " ".join(best[-1][1])


def review_name(surname: str, given: str) -> tuple[str, str, list[str]]:
    """(surname, given names, doubts): a token that cannot be a Vietnamese syllable is fixed when exactly
    one likeliest edit makes it one (the fix is reported), and reported as doubtful otherwise."""
    doubts: list[str] = []

    def fix(part: str) -> str:
        out = []
        for token in part.split():
            if is_vietnamese_syllable(token):
                out.append(token)
                continue
            options = _token_fixes(token)
            if not options:
                segmented = _segment(token)
                options = [segmented] if segmented else []
            if options:
                out.append(options[0])
                doubts.append(f"họ tên: «{token}» đọc thành «{options[0]}»")
            else:
                out.append(token)
                doubts.append(f"họ tên: «{token}» không giống một tiếng Việt")
        return " ".join(out)

    return fix(surname), fix(given), doubts


def _name_cells(line: str) -> str | None:
    """Line 3 on its 30-cell grid: digits read as their look-alike letters, missing end fillers restored."""
    cells = _clean(line).translate(_TO_LETTER)
    return cells.ljust(LINE, "<") if len(cells) <= LINE else None


def _change_doubts(changed: tuple[tuple[str, str], ...]) -> list[str]:
    # Letters in the padding turned back into fillers change no name part: not worth the clerk's time.
    return [f"họ tên: «{before}» đọc thành «{after}»" for before, after in changed if after != "<"]


def read_name(readings: list[str]) -> tuple[str, str, list[str]]:
    """(surname, given names, doubts) from one or more readings of line 3, the first being the main one.

    The readings are put together cell by cell (:func:`scanning.id_card.mrz_names.decode_name`); a line
    that no choice makes well formed falls back to fixing the first reading token by token.
    """
    cells = [c for c in (_name_cells(r) for r in readings) if c is not None]
    decoded = decode_name(cells) if cells and cells[0] == _name_cells(readings[0]) else None
    if decoded is not None:
        doubts = _change_doubts(decoded.changed)
        return decoded.surname, decoded.given, doubts
    surname, given, doubts = review_name(*_name_fields(readings[0]))
    if _clean(readings[0]).startswith("<"):   # a surname never starts with a filler: its first letter was lost
        doubts.append("họ tên: mất chữ cái đầu của họ")
    return surname, given, doubts


def _single_fixes(value: str, check: str) -> list[tuple[str, str]]:
    """Ways to change one character of value+check (digit confusions only) so that the check holds."""
    fixes: list[tuple[str, str]] = []
    joined = value + check
    for i, ch in enumerate(joined):
        for alt in _DIGIT_CONFUSIONS.get(ch, ""):
            candidate = joined[:i] + alt + joined[i + 1:]
            if check_digit(candidate[:-1]) == candidate[-1]:
                fixes.append((candidate[:-1], candidate[-1]))
    return fixes


def _candidates(value: str, check: str) -> list[tuple[str, str]]:
    if value.isdigit() and check_digit(value) == check:
        return [(value, check)]
    return _single_fixes(value, check) if value.isdigit() and check.isdigit() else []


def _agree(read: str, rebuilt: str) -> int:
    return sum(a == b for a, b in zip(read, rebuilt))


def parse_td1(lines: list[str] | tuple[str, ...], today: date | None = None) -> MrzData:
    """Parse three TD1 lines (as OCR'd), correcting confusions that the check digits can settle."""
    if len(lines) != 3:
        raise MrzNotFoundError("Vùng MRZ phải có đúng 3 dòng.")
    today = today or local_today()
    _prefix, doc, doc_c, id12, id_c = _line1_fields(lines[0])
    dob, dob_c, sex, exp, exp_c, nat, composite = _line2_fields(lines[1])
    surname, given, doubts = read_name([lines[2]])

    # Candidate values per checked field; the document number must equal the ID's last nine digits,
    # so each can also be rebuilt from the other.
    doc_cands = _candidates(doc, doc_c)
    id_cands = _candidates(id12, id_c)
    # A rebuilt value must still look like what was read there: after a dropped digit the two fields are
    # shifted, and a rebuilt ID can then hold its check digit by chance (seen: 064… read as 040…).
    if id12.isdigit() and len(id12) == 12 and _agree(doc, id12[3:]) >= 7:
        rebuilt = id12[3:]
        doc_cands += [(rebuilt, c) for c in {check_digit(rebuilt)} if c == doc_c]
    if doc.isdigit() and len(doc) == 9 and id12[:3].isdigit() and _agree(id12, id12[:3] + doc) >= 10:
        rebuilt = id12[:3] + doc
        id_cands += [(rebuilt, c) for c in {check_digit(rebuilt)} if c == id_c]
    dob_cands = _candidates(dob, dob_c)
    exp_cands = [(exp, exp_c)] if exp == "<<<<<<" else _candidates(exp, exp_c)

    chosen = None
    solutions = set()
    for (d, dc), (i, ic), (b, bc), (e, ec) in itertools.product(
            set(doc_cands), set(id_cands), set(dob_cands), set(exp_cands)):
        if d != i[3:] or b[:2] != i[4:6]:
            continue
        line1 = f"IDVNM{d}{dc}{i}<<{ic}"
        line2 = f"{b}{bc}{sex}{e}{ec}VNM{'<' * 11}"
        if check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]) == composite:
            solutions.add((d, dc, i, ic, b, bc, e, ec))
    corrections: list[str] = []
    if not solutions and composite.isdigit() and doc == id12[3:] and (doc, doc_c) in doc_cands \
            and (id12, id_c) in id_cands and (dob, dob_c) in dob_cands and (exp, exp_c) in exp_cands:
        # Every field holds its own check digit as read: a composite digit that is one look-alike away
        # from the expected one is the misread character (seen: 4 read as 6).
        expected = check_digit(f"{doc}{doc_c}{id12}<<{id_c}" + f"{dob}{dob_c}" + f"{exp}{exp_c}" + "<" * 11)
        if expected in _DIGIT_CONFUSIONS.get(composite, ""):
            corrections.append(f"số kiểm tra tổng hợp: {composite} → {expected}")
            composite = expected
    if len(solutions) == 1:
        chosen = solutions.pop()
        for name, before, after in zip(("số giấy tờ", "số định danh", "ngày sinh", "ngày hết hạn"),
                                       (doc + doc_c, id12 + id_c, dob + dob_c, exp + exp_c),
                                       (chosen[0] + chosen[1], chosen[2] + chosen[3], chosen[4] + chosen[5],
                                        chosen[6] + chosen[7])):
            if before != after:
                corrections.append(f"{name}: {before} → {after}")
        doc, doc_c, id12, id_c, dob, dob_c, exp, exp_c = chosen

    # No check digit covers the sex letter, but the ID's fourth digit (century and sex: even for men, odd
    # for women; Thông tư 59/2021/TT-BCA) is covered twice: a sex letter that disagrees was misread.
    if id12.isdigit() and len(id12) == 12 and check_digit(id12) == id_c:
        from_id = "F" if int(id12[3]) % 2 else "M"
        if sex != from_id:
            corrections.append(f"giới tính: {sex} → {from_id} (theo số định danh)")
            sex = from_id
    line1 = f"IDVNM{doc}{doc_c}{id12}<<{id_c}"
    line2 = f"{dob}{dob_c}{sex}{exp}{exp_c}{nat}{'<' * 11}{composite}"
    composite_input = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    checks = {
        "document_number": check_digit(doc) == doc_c,
        "id_number": check_digit(id12) == id_c,
        "dob": check_digit(dob) == dob_c,
        "expiry": exp == "<<<<<<" or check_digit(exp) == exp_c,
        "composite": len(line1) == LINE and len(line2) == LINE and check_digit(composite_input) == composite,
        "layout": doc == id12[3:] and sex in ("M", "F"),
    }
    century = None
    if id12.isdigit() and len(id12) == 12:
        century = 1900 + 100 * (int(id12[3]) // 2)
    line3 = (surname.replace(" ", "<") + "<<" + given.replace(" ", "<")).ljust(LINE, "<")[:LINE]
    return MrzData(
        lines=(line1, line2, line3), document_number=doc, id_number=id12,
        dob=_yymmdd(dob, century, today), sex={"M": "Nam", "F": "Nữ"}.get(sex),
        expiry=_yymmdd(exp, 2000, today) if exp != "<<<<<<" else None, nationality=nat,
        surname=surname, given_names=given, checks=checks, corrections=corrections,
        name_doubts=doubts)


def format_td1(id_number: str, dob: date, sex: str, expiry: date | None, surname: str, given: str) -> list[str]:
    """The three TD1 lines of a Vietnamese card (for test cards and the benchmark corpus)."""
    doc = id_number[3:]
    line1 = f"IDVNM{doc}{check_digit(doc)}{id_number}<<{check_digit(id_number)}"
    b = dob.strftime("%y%m%d")
    e = expiry.strftime("%y%m%d") if expiry else "<<<<<<"
    ec = check_digit(e) if expiry else "<"
    sx = "M" if sex == "Nam" else "F"
    body = f"{b}{check_digit(b)}{sx}{e}{ec}VNM{'<' * 11}"
    line2 = body + check_digit(line1[5:30] + body[0:7] + body[8:15] + body[18:29])
    name = surname.replace(" ", "<") + "<<" + given.replace(" ", "<")
    return [line1, line2, name.ljust(LINE, "<")[:LINE]]


# --- locating the zone -------------------------------------------------------------------------

def _otsu(pixels: np.ndarray) -> int:
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    cum = np.cumsum(hist)
    cum_mean = np.cumsum(hist * np.arange(256))
    mean = cum_mean[-1] / total
    between = (mean * cum - cum_mean) ** 2 / np.maximum(cum * (total - cum), 1)
    return int(np.argmax(between))


def _dark_mask(gray: Image.Image) -> np.ndarray:
    # Local threshold so glare or shadow on part of the card does not hide the text.
    radius = max(6, min(gray.size) // 30)
    local = np.asarray(gray.filter(ImageFilter.BoxBlur(radius)), dtype=np.int16)
    pixels = np.asarray(gray, dtype=np.int16)
    return pixels < np.minimum(local - 12, _otsu(np.asarray(gray)) + 20)


def _skew_angle(gray: Image.Image) -> float:
    small = gray.copy()
    small.thumbnail((700, 700))
    mask = Image.fromarray((_dark_mask(small) * 255).astype(np.uint8))
    best, best_score = 0.0, -1.0
    for angle in np.arange(-6.0, 6.01, 0.5):
        rows = np.asarray(mask.rotate(float(angle), resample=Image.Resampling.BILINEAR), dtype=np.float32)
        score = float(np.var(rows.sum(axis=1)))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def _bands(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Text bands as (top, bottom, left, right): rows with many dark/light transitions."""
    width = mask.shape[1]
    transitions = np.abs(np.diff(mask.astype(np.int8), axis=1)).sum(axis=1)
    text_rows = transitions > max(12, width * 0.03)
    bands = []
    start = None
    for y, is_text in enumerate(list(text_rows) + [False]):
        if is_text and start is None:
            start = y
        elif not is_text and start is not None:
            if y - start >= 4:
                cols = np.where(mask[start:y].any(axis=0))[0]
                # Ignore stray marks: keep columns in the dense part of the band.
                dense = np.where(mask[start:y].sum(axis=0) > 0)[0]
                if len(cols):
                    bands.append((start, y, int(dense.min()), int(dense.max())))
            start = None
    return bands


def _card_region(gray: Image.Image) -> Image.Image:
    """Crop to the bright card when it lies on a darker table (phone photo); scans pass unchanged."""
    pixels = np.asarray(gray)
    bright = pixels > _otsu(pixels)
    rows = np.where(bright.mean(axis=1) > 0.2)[0]
    cols = np.where(bright.mean(axis=0) > 0.2)[0]
    if len(rows) < gray.height * 0.15 or len(cols) < gray.width * 0.15:
        return gray
    pad = max(4, gray.width // 100)
    return gray.crop((max(0, int(cols[0]) - pad), max(0, int(rows[0]) - pad),
                      min(gray.width, int(cols[-1]) + pad), min(gray.height, int(rows[-1]) + pad)))


def find_mrz_zone(gray: Image.Image) -> Image.Image:
    """Deskew *gray* and crop the lowest triple of wide, evenly spaced, equal-height text bands."""
    gray = _card_region(gray)
    angle = _skew_angle(gray)
    if angle:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    mask = _dark_mask(gray)
    bands = [b for b in _bands(mask) if b[3] - b[2] > gray.width * 0.3]
    best = None
    for a, b, c in zip(bands, bands[1:], bands[2:]):
        heights = [x[1] - x[0] for x in (a, b, c)]
        widths = [x[3] - x[2] for x in (a, b, c)]
        gaps = [b[0] - a[1], c[0] - b[1]]
        if max(heights) > 1.8 * min(heights) or max(widths) > 1.35 * min(widths):
            continue
        if max(gaps) > 1.5 * max(heights) or max(gaps) > 3 * max(1, min(gaps)) + 4:
            continue
        best = (a, b, c)  # keep the lowest: the MRZ ends the card
    if best is None:
        raise MrzNotFoundError("Không tìm thấy vùng MRZ (3 dòng mã máy đọc) trên mặt sau thẻ.")
    top, bottom = best[0][0], best[2][1]
    left = min(x[2] for x in best)
    right = max(x[3] for x in best)
    pad = max(6, (bottom - top) // 6)
    return gray.crop((max(0, left - pad), max(0, top - pad), min(gray.width, right + pad),
                      min(gray.height, bottom + pad)))


# --- OCR ---------------------------------------------------------------------------------------

def _tesseract_boxes(image: Image.Image, psm: int = 6) -> list[tuple[str, float, float, float]]:
    """(char, x centre, y centre, height) of every symbol tesseract read, y growing downwards."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # eng is only a glyph model here: the whitelist removes every character an MRZ cannot hold,
    # and OCR-B's digits and capitals are close to the sans shapes eng was trained on.
    config = (f"--psm {psm} -c tessedit_char_whitelist={WHITELIST} -c load_system_dawg=0 "
              "-c load_freq_dawg=0")
    boxes = []
    for row in pytesseract.image_to_boxes(image, lang="eng", config=config).splitlines():
        parts = row.split(" ")
        if len(parts) >= 5 and len(parts[0]) == 1:
            left, bottom, right, top = map(int, parts[1:5])
            boxes.append((parts[0], (left + right) / 2, image.height - (bottom + top) / 2, float(top - bottom)))
    return boxes


def _group_lines(boxes: list[tuple[str, float, float, float]]) -> list[list[tuple[str, float, float, float]]]:
    if not boxes:
        return []
    height = sorted(b[3] for b in boxes)[len(boxes) // 2]
    lines: list[list] = []
    for box in sorted(boxes, key=lambda b: b[2]):
        if lines and box[2] - lines[-1][-1][2] < 0.6 * height:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b[1]) for line in lines if len(line) >= 10]


def _text_lines(lines: list[list[tuple[str, float, float, float]]]) -> list[str]:
    return ["".join(b[0] for b in line) for line in lines]


def _positional_lines(lines: list[list[tuple[str, float, float, float]]]) -> list[str] | None:
    """Put each symbol in its cell of the fixed 30-column grid.

    MRZ text is fixed-pitch and left-aligned, and lines 1–2 always start and end with a printed
    character, so they give the grid; a '<' that tesseract split into "<K" or dropped is then
    settled by position instead of by count.
    """
    if len(lines) < 3:
        return None
    anchors = [line for line in lines[-3:-1] if len(line) >= 24]
    if not anchors:
        return None
    pitch = sum((line[-1][1] - line[0][1]) / (LINE - 1) for line in anchors) / len(anchors)
    origin = sum(line[0][1] for line in anchors) / len(anchors)
    if pitch <= 0:
        return None
    coeffs = np.array([0.0, 1 / pitch, -origin / pitch])
    # A little perspective left after rectifying makes the pitch drift along the line (half a cell by the
    # middle on some photos): a line read as exactly 30 symbols gives each cell's position, and the cell
    # of a position is then fitted as a quadratic of x.
    exact = [line for line in anchors if len(line) == LINE]
    if exact:
        xs = np.array([b[1] for line in exact for b in line], dtype=np.float64)
        cols = np.array([j for line in exact for j in range(LINE)], dtype=np.float64)
        fitted = np.polyfit(xs, cols, 2)
        if np.abs(np.polyval(fitted, xs) - cols).max() < 0.35:
            coeffs = fitted
    out = []
    for line in lines[-3:]:
        cells: list[str] = [""] * LINE
        places = [round(float(np.polyval(coeffs, b[1]))) for b in line]
        if len(places) > 1 and -2 <= places[0] < 0 and places[1] >= 1:
            places[0] = 0   # every line starts in cell 0; a box widened by a speck left of it strays out
        for (ch, _x, _y, _h), idx in zip(line, places):
            if 0 <= idx < LINE and (not cells[idx] or ch == "<"):
                cells[idx] = ch
        out.append("".join(c or "<" for c in cells))
    return out


def _prepare(zone: Image.Image, line_height: int, threshold: bool) -> Image.Image:
    scale = line_height * 3.6 / max(1, zone.height)
    image = zone.resize((max(1, round(zone.width * scale)), max(1, round(zone.height * scale))),
                        Image.Resampling.LANCZOS)
    image = ImageOps.autocontrast(image, cutoff=1)
    if threshold:
        mask = _dark_mask(image)
        image = Image.fromarray(np.where(mask, 0, 255).astype(np.uint8))
    return ImageOps.expand(image, border=20, fill=255)


_PASSES = ((24, False), (32, False), (40, False), (20, False), (52, False), (28, True))


def ocr_mrz(zone: Image.Image, today: date | None = None, patience: int | None = None) -> MrzData:
    """OCR a cropped zone, trying a few scales; the first fully valid read wins.

    Each OCR pass yields two readings — tesseract's own line text and the same symbols placed on the
    fixed 30-column grid — and the grid reading is preferred when both hold every check digit. The name
    line has no check digit: when the first valid reading's name is not a clean line of Vietnamese
    syllables, two more passes are made and the name is chosen cell by cell over every pass's grid
    reading (:func:`scanning.id_card.mrz_names.decode_name`).
    """
    best: MrzData | None = None
    valid: MrzData | None = None
    extra_passes = 0
    name_readings: list[str] = []
    for number, (line_height, threshold) in enumerate(_PASSES):
        if patience is not None and number >= patience and not _promising(best):
            break   # nothing like an MRZ so far (the zone upside down, or not a zone): try elsewhere
        if valid is not None:
            # Check digits hold but a name part is no Vietnamese syllable: a couple more looks at it.
            extra_passes += 1
            if extra_passes > 2:
                break
        lines = _group_lines(_tesseract_boxes(_prepare(zone, line_height, threshold)))
        if len(lines) < 3:
            continue
        positional = _positional_lines(lines)
        for candidate in (positional, _text_lines(lines)[-3:]):
            if candidate is None:
                continue
            try:
                data = parse_td1(candidate, today)
            except (MrzNotFoundError, IndexError):
                continue
            if candidate is positional and sum(data.checks.values()) >= 3:
                name_readings.append(candidate[2])   # on the grid: comparable cell by cell between passes
            if data.valid:
                if not data.name_doubts and not _name_ends_on_a_filler_look_alike(data):
                    return data
                valid = valid or data
            if best is None or sum(data.checks.values()) > sum(best.checks.values()):
                best = data
    if valid is not None:
        return _with_name(valid, name_readings)
    if best is None:
        raise MrzNotFoundError("Không đọc được 3 dòng MRZ trên mặt sau thẻ.")
    return best


def _name_ends_on_a_filler_look_alike(data: MrzData) -> bool:
    """A name part ends in a letter that a filler is often read as, and is a syllable without it
    ("THOAC" for THOA<): both readings are Vietnamese, so other passes must settle the cell."""
    parts = f"{data.surname} {data.given_names}".split()
    return any(p[-1] in _FILLER_MISREADS and len(p) > 1 and is_syllable(p[:-1]) for p in parts)


def _with_name(data: MrzData, readings: list[str]) -> MrzData:
    """*data* with its name taken from every grid reading of line 3, the passes outvoting one another."""
    cells = [c for c in (_name_cells(r) for r in readings) if c is not None]
    decoded = decode_name(cells) if len(cells) >= 2 else None
    if decoded is None:
        return data    # no well-formed line from the passes together: the valid reading's own name stays
    doubts = _change_doubts(decoded.changed)
    if any(c != decoded.line for c in cells):
        doubts.append("họ tên: các lần đọc khác nhau, đã chọn cách đọc hợp lệ")
    return replace(data, surname=decoded.surname, given_names=decoded.given, name_doubts=doubts,
                   lines=(data.lines[0], data.lines[1], decoded.line))


def _promising(data: MrzData | None) -> bool:
    """At least one of the check digits over numbers holds: the reading is of a real MRZ."""
    return data is not None and any(data.checks.get(k) for k in ("document_number", "id_number", "dob"))


def _best(a: MrzData | None, b: MrzData | None) -> MrzData | None:
    if a is None or b is None:
        return a or b
    return b if sum(b.checks.values()) > sum(a.checks.values()) else a


def _read_view(gray: Image.Image, today: date | None, patience: int | None = None,
               is_zone: bool = False) -> MrzData | None:
    try:
        return ocr_mrz(find_mrz_zone(gray), today, patience)
    except MrzNotFoundError:
        pass
    if not is_zone:
        return None
    try:   # the zone cut out along its three lines: the band finder may miss a line of thin chevrons
        return ocr_mrz(gray, today, patience)
    except MrzNotFoundError:
        return None


def read_mrz(image: Image.Image | str | Path, today: date | None = None) -> MrzData:
    """Locate, OCR and check the MRZ of a card-back image (a photo at an angle, a scan, upside down).

    The card is found and straightened first (:mod:`scanning.id_card.card_finder`); its two upright
    candidates (0° and 180°) are read, the likelier first, and the first fully valid reading wins. The
    image as given is the last resort (a tight crop of the zone alone).
    """
    from scanning.id_card.card_finder import card_views, mrz_band

    if not isinstance(image, Image.Image):
        from scanning.untrusted import load_image

        image = load_image(image)   # JPEG/PNG/TIFF only, size checked before decoding
    rgb = image.convert("RGB")
    if max(rgb.size) > 3000:
        rgb.thumbnail((3000, 3000))
    colour = np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1])
    best: MrzData | None = None
    for view in card_views(colour):
        data = _read_view(Image.fromarray(mrz_band(view)), today, patience=2, is_zone=view.zone)
        if data is not None and data.valid:
            return data
        best = _best(best, data)
    gray = ImageOps.grayscale(image)
    if max(gray.size) > 2400:
        gray.thumbnail((2400, 2400))
    best = _best(best, _read_view(gray, today))
    if best is None:
        raise MrzNotFoundError("Không tìm thấy vùng MRZ (3 dòng mã máy đọc) trên mặt sau thẻ.")
    return best
