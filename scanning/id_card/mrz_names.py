"""The name line of a Vietnamese card's MRZ, read back from one or several OCR readings.

Line 3 of a TD1 zone is ``SURNAME<<GIVEN<NAMES`` padded with '<' to 30 cells, the Vietnamese name in
capitals without its marks. Names carry no check digit, so what settles a doubtful cell here is the
language: every name part is a Vietnamese syllable, and the line has one fixed shape. The syllables are
generated from the spelling rules (onset × rhyme, with the c/k, g/gh, ng/ngh, qu and gi/y rules), not
taken from any list of names.

:func:`decode_name` takes the line as read on the fixed 30-cell grid by one or more OCR passes and chooses,
cell by cell, among what the passes saw there and the known tesseract confusions in OCR-B ('<' read as
K, C, S, E …; I read as L), the reading that disagrees least with the passes while every part is a
syllable and the line has the TD1 shape. It never invents a letter no pass saw (a lost letter stays
lost and the caller reports it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

LINE = 30
# What tesseract makes of a '<' filler in OCR-B, and letters it swaps for one another.
FILLER_MISREADS = "KCSELXZ"
LETTER_CONFUSIONS = {"L": "I", "I": "L", "J": "I", "H": "N", "N": "H", "U": "V", "V": "U", "O": "Q", "Q": "O"}

# Spelling of Vietnamese syllables with the marks removed (ă, â → A; ê → E; ô, ơ → O; ư → U; đ → D).
_ONSETS = ("", "B", "C", "CH", "D", "G", "GH", "GI", "H", "K", "KH", "L", "M", "N", "NG", "NGH", "NH", "P",
           "PH", "QU", "R", "S", "T", "TH", "TR", "V", "X")
_OPEN_RHYMES = ("A", "E", "I", "O", "U", "Y", "AI", "AO", "AU", "AY", "EO", "EU", "IA", "IU", "OI", "UA", "UI",
                "UU", "UY", "OA", "OE", "UE", "IEU", "YEU", "UOI", "UOU", "OAI", "OAO", "OAY", "OEO", "UAY", "UYA",
                "UYU")
_CLOSED = {   # nucleus → the final consonants it takes
    "A": ("C", "CH", "M", "N", "NG", "NH", "P", "T"),
    "E": ("C", "CH", "M", "N", "NG", "NH", "P", "T"),
    "I": ("CH", "M", "N", "NH", "P", "T"),
    "O": ("C", "M", "N", "NG", "P", "T"),
    "U": ("C", "M", "N", "NG", "P", "T"),
    "IE": ("C", "M", "N", "NG", "P", "T"),
    "YE": ("M", "N", "T"),
    "UO": ("C", "M", "N", "NG", "P", "T"),
    "OA": ("C", "CH", "M", "N", "NG", "NH", "P", "T"),
    "OE": ("N", "T"),
    "UA": ("N", "NG", "T"),
    "UE": ("CH", "NH"),
    "UY": ("CH", "N", "NH", "T"),
    "UYE": ("N", "T"),
    "Y": ("CH", "N", "NH", "T"),     # only after qu: quých, quỳnh (elsewhere spelt uy-)
}
_RHYMES = _OPEN_RHYMES + tuple(n + f for n, finals in _CLOSED.items() for f in finals)

# Common family names (unaccented), used only to prefer one reading over an otherwise equal one.
_SURNAMES = frozenset(
    "NGUYEN TRAN LE PHAM HOANG HUYNH PHAN VU VO DANG BUI DO HO NGO DUONG LY DINH TRUONG DAO DOAN LAM MAI "
    "TRINH LUONG CAO LUU HA TA THAI CHAU QUACH TON KIEU KHUC ONG LA TANG VUONG".split())


def _allowed(onset: str, rhyme: str) -> bool:
    front = rhyme[0] in "EI"                      # e, ê, i: spelt k-, gh-, ngh- before them
    if rhyme.startswith("YE"):                    # yên, yêu … only alone or after the u of qu/uy
        return onset in ("", "QU")
    if onset in ("K", "GH", "NGH"):
        return front or (onset == "K" and rhyme == "Y")
    if onset in ("C", "NG") and (front or rhyme[0] == "Y"):
        return False
    if onset == "G" and (rhyme[0] in "EY"):
        return False                              # ghe, ghê; a g before i is the gi- onset
    if onset == "QU":
        return rhyme[0] in "AEIY" or rhyme in ("OC", "ONG")   # the u is the glide: qua, quê, quy, quốc
    if rhyme[0] == "Y" and len(rhyme) > 1:
        return False                              # -ynh, -yt … are spelt uy- except after qu
    if onset == "GI":
        return rhyme[0] not in "IY"
    if onset == "" and rhyme.startswith("IE"):
        return False                              # written yê- without an onset
    if onset and rhyme.startswith("UA") and len(rhyme) > 2 and rhyme[2] in "NT":
        return onset not in ("QU",)
    return True


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every unaccented spelling the rules allow (a little more than the language uses, never less)."""
    found = {o + r for o in _ONSETS for r in _RHYMES if _allowed(o, r)}
    found.update({"GI", "GIN", "GIT", "GIP", "GIENG"})   # gì, gìn, gịt, gịp, giếng: g before i
    return frozenset(found)


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    return frozenset(s[:i] for s in syllables() for i in range(1, len(s) + 1))


def is_syllable(token: str) -> bool:
    """Whether *token* (ASCII capitals) is the unaccented spelling of a Vietnamese syllable."""
    return token in syllables()


@dataclass(frozen=True)
class NameReading:
    surname: str          # parts joined by spaces
    given: str
    line: str             # the 30-cell line chosen
    cost: float           # disagreement with the readings (0: every reading saw exactly this)
    changed: tuple[tuple[str, str], ...]   # (token as first read, as chosen) where they differ


def _cell_options(cells: list[str]) -> dict[str, float]:
    """Choices for one cell, each with its cost: how much the readings disagree with it."""
    seen = set(cells)
    options = set(seen)
    if seen & set(FILLER_MISREADS):
        options.add("<")
    options.update(LETTER_CONFUSIONS[c] for c in seen if c in LETTER_CONFUSIONS)
    costs = {}
    for choice in options:
        cost = 0.0
        for read in cells:
            if read == choice:
                continue
            if choice == "<" and read in FILLER_MISREADS:
                cost += 0.6
            elif LETTER_CONFUSIONS.get(read) == choice:
                cost += 0.8
            else:
                cost += 1.0
        costs[choice] = cost
    return costs


# States of the line: in a surname part, one filler after it, in a given name, one filler after it, the
# padding. A second filler after the surname opens the given names; after a given name it starts the padding.
_SUR, _SUR_GAP, _GIVEN_START, _GIVEN, _GIVEN_GAP, _PAD = range(6)


def decode_name(readings: list[str]) -> NameReading | None:
    """The likeliest name line given several 30-cell readings of it, or None when no reading of the
    cells makes a well-formed line of syllables."""
    readings = [r for r in readings if len(r) == LINE]
    if not readings:
        return None
    columns = [_cell_options([r[i] for r in readings]) for i in range(LINE)]
    valid, prefixes = syllables(), _prefixes()
    # state key → (cost, text so far); the key holds the unfinished token so equal futures merge.
    beam: dict[tuple[int, str, int], tuple[float, str]] = {(_SUR, "", 0): (0.0, "")}
    for options in columns:
        nxt: dict[tuple[int, str, int], tuple[float, str]] = {}
        for (state, token, parts), (cost, text) in beam.items():
            for ch, add in options.items():
                key = _step(state, token, parts, ch, valid, prefixes)
                if key is None:
                    continue
                total = cost + add
                if key not in nxt or total < nxt[key][0]:
                    nxt[key] = (total, text + ch)
        beam = nxt
        if not beam:
            return None
    finals = []
    for (state, token, _parts), (cost, text) in beam.items():
        # A name that fills the whole line was cut by the issuer: its last part may be a stub.
        if state in (_GIVEN_GAP, _PAD) or (state == _GIVEN and token):
            finals.append((cost, text))
    if not finals:
        return None

    def score(item: tuple[float, str]) -> float:
        surname = item[1].split("<<", 1)[0]
        return item[0] - (0.3 if surname in _SURNAMES else 0.0)

    cost, line = min(finals, key=score)
    surname, _, given = line.partition("<<")
    surname_parts = surname.split("<")
    given_parts = [p for p in given.split("<") if p]
    first = readings[0]
    changed = tuple((before, after) for before, after in _changed_tokens(first, line))
    return NameReading(" ".join(surname_parts), " ".join(given_parts), line, cost, changed)


def _step(state: int, token: str, parts: int, ch: str, valid: frozenset[str],
          prefixes: frozenset[str]) -> tuple[int, str, int] | None:
    """The state after cell *ch*, or None when the line can no longer be well formed."""
    if ch == "<":
        if state == _SUR:
            return (_SUR_GAP, "", parts) if token in valid else None
        if state == _SUR_GAP:
            return (_GIVEN_START, "", parts)
        if state == _GIVEN:
            return (_GIVEN_GAP, "", parts) if token in valid else None
        if state in (_GIVEN_GAP, _PAD):
            return (_PAD, "", parts)
        return None                                  # a third filler between surname and given names
    if not ch.isalpha():
        return None
    if state == _PAD:
        return None
    word = token + ch if state in (_SUR, _GIVEN) else ch
    if word not in prefixes:
        return None                                  # the start of no syllable
    if state in (_SUR, _SUR_GAP):
        return (_SUR, word, parts + (state == _SUR_GAP))
    return (_GIVEN, word, parts)


def _changed_tokens(first: str, chosen: str) -> list[tuple[str, str]]:
    """Runs of cells (between fillers of the first reading) whose letters were changed."""
    out = []
    i = 0
    while i < LINE:
        if first[i] == "<" and chosen[i] == "<":
            i += 1
            continue
        j = i
        while j < LINE and not (first[j] == "<" and chosen[j] == "<"):
            j += 1
        if first[i:j] != chosen[i:j]:
            before = first[i:j].strip("<")
            after = " ".join(p for p in chosen[i:j].split("<") if p)
            out.append((before or "<", after or "<"))
        i = j
    return out
