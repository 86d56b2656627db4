"""Which paper each scanned page is: pages belong to the procedure's components (thành phần hồ sơ).

Qt-free; the scan panel and the counter screen call it on the UI thread (pure computation on short
texts, no files, no database).

* :func:`slots_for` turns a procedure's components into numbered :class:`ComponentSlot` objects (the
  number is the digit key the clerk presses on the page list; 0 removes the assignment).
* :func:`match_component` says which component a page is from its OCR text: a title line near the
  top of the page ("TỜ KHAI ĐĂNG KÝ KHAI SINH", "GIẤY CHỨNG SINH") that matches a component's name
  or the procedure's e-form title, diacritics and OCR slips tolerated. Only the first lines of the
  page count: a declaration *mentions* "giấy tờ tùy thân" in its body, which must not make it one.
* :func:`auto_assign` assigns every page the clerk has not assigned by hand: matched pages to their
  component, an unmatched page that follows an assigned one to the same component (the second page
  of a two-page declaration has no title). The clerk's own assignments always win.
* :func:`suggest_procedures` reads the declaration's title and proposes the procedure it belongs to.
* :func:`fee_pages` counts "Số trang bản chính" for per-page fees (chứng thực bản sao: pages of the
  original, per copy) from the pages and their components; :func:`component_page_counts` tells the
  clerk which components still have no page.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from desk_app.catalog.procedures import Component, PaperKind, Procedure, ProcedureCatalog
from desk_app.text import fold, nfc

TITLE_LINES = 12          # only this many non-empty lines from the top of a page can hold its title
LINE_SIMILARITY = 0.84    # fuzzy title match (OCR slips: "TỜ KHAl ĐĂNG KỶ KHAI SlNH")
MIN_PHRASE_WORDS = 2      # "Giấy" alone names nothing
SUGGESTION_MARGIN = 0.03
MAX_DIGIT = 9             # digit keys 1–9 assign; 0 removes

# Sources of an assignment (shown to the clerk next to the page).
BY_CLERK = "clerk"
BY_TITLE = "title"
BY_CONTINUATION = "continuation"

_CUT = re.compile(r"\(|\btheo mau\b|\bco chu ky\b|\bneu\b|\btruong hop\b|;|:")


@dataclass(frozen=True)
class ComponentSlot:
    """One component as the page list numbers it."""

    number: int               # 1-based; the digit key
    code: str                 # catalog code ("TP1"), kept with the page and sent as MaThanhPhanHoSo
    name: str
    paper_kind: PaperKind = PaperKind.BAN_CHINH
    phrases: tuple[str, ...] = ()   # folded title phrases that identify a page of this component

    @property
    def short_name(self) -> str:
        """The name up to its first parenthesis (what fits under a thumbnail)."""
        head = nfc(self.name.split("(")[0]).rstrip(" ,;:")
        return head or self.name


@dataclass(frozen=True)
class Assignment:
    code: str
    source: str = BY_CLERK    # BY_CLERK | BY_TITLE | BY_CONTINUATION


@dataclass(frozen=True)
class PageInfo:
    """What the assignment needs to know of a page, in the clerk's order."""

    page_id: str
    text: str | None = None   # OCR text, None while the page is still being read
    blank: bool = False


def _phrases_of(name: str) -> list[str]:
    """Folded phrases naming a component: the name's head, and each alternative of "A hoặc B"."""
    folded = fold(name)
    head = _CUT.split(folded, maxsplit=1)[0]
    phrases = []
    for part in re.split(r"\bhoac\b|,|/", head):
        words = part.split()
        if len(words) >= MIN_PHRASE_WORDS:
            phrases.append(" ".join(words))
    return phrases


def _is_declaration(name: str) -> bool:
    return fold(name).startswith("to khai")


def slots_for(procedure: Procedure | None, form_title: str | None = None) -> list[ComponentSlot]:
    """The procedure's components, numbered for the digit keys; *form_title* (the e-form's title,
    e.g. "Tờ khai đăng ký khai sinh") identifies the declaration component too."""
    if procedure is None:
        return []
    slots = []
    title_used = False
    for number, component in enumerate(procedure.components, start=1):
        phrases = _phrases_of(component.name)
        if form_title and not title_used and _is_declaration(component.name):
            phrases.insert(0, fold(form_title))
            title_used = True
        slots.append(ComponentSlot(number, component.code, component.name, component.paper_kind,
                                   tuple(dict.fromkeys(phrases))))
    return slots


def _title_lines(text: str) -> list[str]:
    lines = []
    for line in (text or "").splitlines():
        folded = fold(re.sub(r"[^\w\s]", " ", line))
        if len(folded) >= 4:
            lines.append(folded)
        if len(lines) >= TITLE_LINES:
            break
    return lines


def _phrase_score(phrase: str, lines: Sequence[str]) -> float:
    """How well *phrase* is a title line (1.0 exact); a line counts when the phrase is most of it."""
    best = 0.0
    for index, line in enumerate(lines):
        candidates = [line]
        if index + 1 < len(lines):
            candidates.append(f"{line} {lines[index + 1]}")   # a title wrapped over two lines
        for candidate in candidates:
            if candidate == phrase:
                return 1.0
            if phrase in candidate and len(phrase) >= 0.6 * len(candidate):
                best = max(best, 0.97)
                continue
            # ratio() ≤ 2·min(len)/(sum of len): most lines are far too long or short to be the title.
            if 2 * min(len(phrase), len(candidate)) < max(LINE_SIMILARITY, best) * (len(phrase) + len(candidate)):
                continue
            matcher = difflib.SequenceMatcher(None, phrase, candidate, autojunk=False)
            if matcher.quick_ratio() < max(LINE_SIMILARITY, best):
                continue
            ratio = matcher.ratio()
            if ratio >= LINE_SIMILARITY:
                best = max(best, ratio)
    return best


def match_component(slots: Sequence[ComponentSlot], text: str | None) -> ComponentSlot | None:
    """The component whose title the page's OCR text starts with, or None."""
    return _match_cached(tuple(slots), text or "")


@functools.lru_cache(maxsize=2048)
def _match_cached(slots: tuple[ComponentSlot, ...], text: str) -> ComponentSlot | None:
    # Cached: the page list re-assigns every page at each change (order, blank mark, a page read).
    lines = _title_lines(text)
    if not lines:
        return None
    best, best_score = None, 0.0
    for slot in slots:
        for phrase in slot.phrases:
            score = _phrase_score(phrase, lines)
            if score > best_score:
                best, best_score = slot, score
    return best


def auto_assign(slots: Sequence[ComponentSlot], pages: Sequence[PageInfo],
                current: Mapping[str, Assignment]) -> dict[str, Assignment]:
    """Every page's assignment: the clerk's kept, the others (re)computed from the OCR text.

    Blank pages are never assigned automatically. A page still being read keeps what it had.
    """
    codes = {slot.code for slot in slots}
    result: dict[str, Assignment] = {}
    previous: Assignment | None = None
    for page in pages:
        mine = current.get(page.page_id)
        if mine is not None and mine.source == BY_CLERK:
            assignment = mine if mine.code in codes else None
        elif page.blank:
            assignment = None
        elif page.text is None:
            assignment = mine if mine is not None and mine.code in codes else None
        else:
            slot = match_component(slots, page.text)
            if slot is not None:
                assignment = Assignment(slot.code, BY_TITLE)
            elif previous is not None and page.text.strip():
                assignment = Assignment(previous.code, BY_CONTINUATION)
            else:
                assignment = None
        if assignment is not None:
            result[page.page_id] = assignment
        previous = assignment if not page.blank else previous
    return result


def component_page_counts(slots: Sequence[ComponentSlot], pages: Sequence[PageInfo],
                          assignments: Mapping[str, Assignment | str]) -> dict[str, int]:
    """Non-blank pages per component code (every slot present, 0 = no page yet)."""
    counts = {slot.code: 0 for slot in slots}
    for page in pages:
        assigned = assignments.get(page.page_id)
        code = assigned.code if isinstance(assigned, Assignment) else assigned
        if code in counts and not page.blank:
            counts[code] += 1
    return counts


def fee_pages(slots: Sequence[ComponentSlot], pages: Sequence[PageInfo],
              assignments: Mapping[str, Assignment | str]) -> int:
    """"Số trang bản chính" for the per-page fee: the non-blank pages of the originals.

    Pages assigned to an original (bản chính) count; a photocopy brought to be certified (bản chụp)
    and papers only shown do not. Until any page is assigned to an original, every non-blank page
    counts (the pages the clerk scanned are what the citizen brought). At least 1.
    """
    originals = {slot.code for slot in slots if slot.paper_kind in (PaperKind.BAN_CHINH, PaperKind.BAN_DIEN_TU)}
    counts = component_page_counts(slots, pages, assignments)
    assigned_originals = sum(n for code, n in counts.items() if code in originals)
    if assigned_originals:
        return assigned_originals
    return max(1, sum(1 for page in pages if not page.blank))


def missing_components(procedure: Procedure, counts: Mapping[str, int]) -> list[Component]:
    """Required paper components (to digitise) that have no page yet."""
    return [c for c in procedure.components
            if c.required and not c.shown_only and c.paper_kind is not PaperKind.XUAT_TRINH
            and counts.get(c.code, 0) == 0]


# -- the procedure from the declaration's title -----------------------------------------------

@functools.lru_cache(maxsize=1)
def _form_titles() -> dict[str, str]:
    """Procedure code → e-form title, for the procedures that have an e-form schema (read once)."""
    try:
        from desk_app.eforms.schema import available_procedures, load_schema
    except ImportError:  # pragma: no cover - the e-form package is part of the app
        return {}
    titles = {}
    for code in available_procedures():
        try:
            titles[code] = load_schema(code).title
        except Exception:  # noqa: BLE001 - a broken schema must not stop the suggestion
            continue
    return titles


def suggest_procedures(catalog: ProcedureCatalog, on: date, text: str | None,
                       form_titles: Mapping[str, str] | None = None, limit: int = 3) -> list[Procedure]:
    """Procedures in force on *on* whose declaration title starts the page *text* (best first).

    The e-form titles count first ("Tờ khai đăng ký khai sinh" → 1.001193), then the declaration
    components of every procedure ("Tờ khai liên thông …"). Empty when nothing matches well.
    Cached per (catalog, day, text): about 30 ms for a hundred procedures, once per page.
    """
    if form_titles is None:
        return list(_suggest_cached(catalog, on, text or "", limit))
    return _suggest(catalog, on, text, form_titles, limit)


@functools.lru_cache(maxsize=256)
def _suggest_cached(catalog: ProcedureCatalog, on: date, text: str, limit: int) -> tuple[Procedure, ...]:
    return tuple(_suggest(catalog, on, text, None, limit))


def _suggest(catalog: ProcedureCatalog, on: date, text: str | None, form_titles: Mapping[str, str] | None,
             limit: int) -> list[Procedure]:
    lines = _title_lines(text or "")
    if not lines:
        return []
    titles = _form_titles() if form_titles is None else form_titles
    scored: dict[str, tuple[float, int, Procedure]] = {}
    for order, procedure in enumerate(catalog.active_on(on)):
        phrases = []
        if procedure.code in titles:
            phrases.append((fold(titles[procedure.code]), 1.0))
        for component in procedure.components:
            if _is_declaration(component.name):
                phrases.extend((p, 0.99) for p in _phrases_of(component.name))
        best = 0.0
        for phrase, weight in phrases:
            best = max(best, _phrase_score(phrase, lines) * weight)
        if best > 0:
            scored[procedure.code] = (best, order, procedure)
    ranked = sorted(scored.values(), key=lambda item: (-item[0], item[1]))
    if not ranked:
        return []
    top = ranked[0][0]   # a near miss ("khai tử" for "khai sinh") is no suggestion next to an exact title
    return [procedure for score, _order, procedure in ranked[:limit] if score >= top - SUGGESTION_MARGIN]


def assignments_to_codes(assignments: Mapping[str, Assignment]) -> dict[str, str]:
    return {page_id: a.code for page_id, a in assignments.items()}


def component_index_by_code(codes: Iterable[str]) -> dict[str, int]:
    """Position of each component code in the dossier's component list (for ``StoredPage.component_index``)."""
    return {code: index for index, code in enumerate(codes) if code}


def digit_slot(slots: Sequence[ComponentSlot], digit: int) -> ComponentSlot | None:
    """The slot a digit key names (1-based), None for 0 or a digit beyond the list."""
    if 1 <= digit <= min(MAX_DIGIT, len(slots)):
        return slots[digit - 1]
    return None
