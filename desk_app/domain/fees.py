"""Fee rules of a procedure (phí / lệ phí) as data, and the fee quote printed on the receipt.

A rule comes from the procedure catalog (so it carries the effective dates of its procedure version);
:func:`compute_fee` turns a rule plus what the citizen asks for into an amount in đồng and a
human-readable breakdown. Amounts are whole đồng (int) everywhere: fees never have fractions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping

from desk_app.domain.status import Channel  # the one channel enum (a postal filing is charged as in person)
from desk_app.text import nfc


class FeeError(ValueError):
    """Bad fee data or request; the message is Vietnamese and meant for the clerk."""


class FeeKind(str, Enum):
    FREE = "free"
    FLAT = "flat"                      # fixed amount per case (or per copy, see FeeRule.per_copy)
    PER_PAGE_TIERS = "per_page_tiers"  # chứng thực bản sao: price per page decreasing by tier, capped per copy
    BY_CHANNEL = "by_channel"          # cư trú: cheaper when filed online


class FeeType(str, Enum):
    """Phí and lệ phí are different revenues (Luật Phí và lệ phí 2015) and are printed differently on the biên lai."""

    PHI = "phi"
    LE_PHI = "le_phi"

    @property
    def label_vi(self) -> str:
        return "Phí" if self is FeeType.PHI else "Lệ phí"


# ---------------------------------------------------------------------------------------------------------
# Money formatting
# ---------------------------------------------------------------------------------------------------------

def format_vnd(amount: int) -> str:
    """``2000`` -> ``"2.000 đ"`` (Vietnamese thousands separator is the dot); the one money format of the app."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + " đ"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUP_NAMES = ("", " nghìn", " triệu")  # groups of three digits below one tỷ
_TY = 1_000_000_000


def _read_triple(n: int, leading: bool) -> str:
    """Read 0..999. A non-leading group is read in full ("không trăm lẻ năm") as on bank receipts."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("lẻ")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 4 and tens >= 2:
            words.append("tư")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def _read_below_ty(n: int, leading: bool) -> str:
    groups = [n // 1_000_000, n // 1000 % 1000, n % 1000]  # triệu, nghìn, units
    parts: list[str] = []
    for index, value in enumerate(groups):
        if value == 0:
            continue  # "một triệu năm trăm": empty groups are not read
        parts.append(_read_triple(value, leading and not parts) + _GROUP_NAMES[2 - index])
    return " ".join(parts)


def _read_number(n: int, leading: bool = True) -> str:
    if n >= _TY:  # above a tỷ the count of tỷ is read recursively ("một nghìn tỷ")
        head = _read_number(n // _TY, leading) + " tỷ"
        rest = n % _TY
        return head + (" " + _read_below_ty(rest, leading=False) if rest else "")
    return _read_below_ty(n, leading)


def amount_in_words_vi(amount: int) -> str:
    """Amount as written on a receipt: ``105000`` -> ``"Một trăm lẻ năm nghìn đồng"``."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise FeeError("Số tiền phải là số nguyên đồng")
    if amount < 0:
        raise FeeError("Số tiền không được âm")
    words = "không" if amount == 0 else _read_number(amount)
    return words[0].upper() + words[1:] + " đồng"


# ---------------------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Exemption:
    """A named reason for not paying, e.g. ``Exemption("ho_ngheo", "Người thuộc hộ nghèo")``."""

    code: str
    name: str


@dataclass(frozen=True)
class PageTier:
    """From page ``from_page`` (1-based) onwards, each page costs ``per_page`` đồng."""

    from_page: int
    per_page: int


def _require_int(value: Any, what: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FeeError(f"{what} phải là số nguyên (đồng), nhận được {value!r}")
    if value < minimum:
        raise FeeError(f"{what} phải ≥ {minimum}, nhận được {value}")
    return value


_KIND_KEYS = {
    FeeKind.FREE: set(),
    FeeKind.FLAT: {"amount", "per_copy"},
    FeeKind.PER_PAGE_TIERS: {"tiers", "cap_per_copy"},
    FeeKind.BY_CHANNEL: {"in_person", "online"},
}
_COMMON_KEYS = {"kind", "fee_type", "exemptions", "basis", "note"}


@dataclass(frozen=True)
class FeeRule:
    """How much a procedure costs. Only the fields of its ``kind`` are meaningful."""

    kind: FeeKind
    fee_type: FeeType | None = None          # None only for FREE
    amount: int = 0                          # FLAT
    per_copy: bool = False                   # FLAT: amount per copy (bản) rather than per case (việc)
    tiers: tuple[PageTier, ...] = ()         # PER_PAGE_TIERS, sorted by from_page, first from page 1
    cap_per_copy: int | None = None          # PER_PAGE_TIERS
    in_person: int = 0                       # BY_CHANNEL (postal is charged as in person)
    online: int = 0                          # BY_CHANNEL
    exemptions: tuple[Exemption, ...] = ()
    basis: str = ""                          # legal basis, e.g. "TT 226/2016/TT-BTC"
    note: str = ""                           # shown to staff, e.g. "Đăng ký quá hạn thu theo NQ HĐND tỉnh"

    def __post_init__(self) -> None:
        if self.kind is not FeeKind.FREE and self.fee_type is None:
            raise FeeError(f"Quy tắc phí loại '{self.kind.value}' phải ghi rõ là phí hay lệ phí (fee_type)")
        if self.kind is FeeKind.FLAT:
            _require_int(self.amount, "Mức thu (amount)")
        elif self.kind is FeeKind.PER_PAGE_TIERS:
            self._check_tiers()
        elif self.kind is FeeKind.BY_CHANNEL:
            _require_int(self.in_person, "Mức thu nộp trực tiếp (in_person)")
            _require_int(self.online, "Mức thu nộp trực tuyến (online)")
        codes = [e.code for e in self.exemptions]
        if len(codes) != len(set(codes)):
            raise FeeError("Quy tắc phí có lý do miễn bị trùng mã")

    def _check_tiers(self) -> None:
        if not self.tiers:
            raise FeeError("Quy tắc phí theo trang phải có ít nhất một bậc (tiers)")
        if self.tiers[0].from_page != 1:
            raise FeeError("Bậc phí đầu tiên phải bắt đầu từ trang 1")
        for tier in self.tiers:
            _require_int(tier.from_page, "Trang bắt đầu của bậc (from_page)", minimum=1)
            _require_int(tier.per_page, "Mức thu mỗi trang (per_page)")
        for before, after in zip(self.tiers, self.tiers[1:]):
            if after.from_page <= before.from_page:
                raise FeeError("Các bậc phí phải có trang bắt đầu tăng dần")
        if self.cap_per_copy is not None:
            _require_int(self.cap_per_copy, "Mức thu tối đa mỗi bản (cap_per_copy)", minimum=1)

    # -- (de)serialisation: the catalog stores rules as JSON; a dossier may keep a snapshot ----------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], exemption_names: Mapping[str, str] | None = None) -> "FeeRule":
        """Build a rule from catalog JSON; raises FeeError (a ValueError) with a Vietnamese message.

        ``exemptions`` entries are either ``{"code": ..., "name": ...}`` or a bare code looked up in
        ``exemption_names`` (the catalog's shared list, so the legal wording is written once).
        """
        if not isinstance(data, Mapping):
            raise FeeError("Quy tắc phí phải là một đối tượng JSON")
        try:
            kind = FeeKind(data["kind"])
        except KeyError:
            raise FeeError("Quy tắc phí thiếu trường 'kind'") from None
        except ValueError:
            allowed = ", ".join(k.value for k in FeeKind)
            raise FeeError(f"Loại quy tắc phí '{data['kind']}' không hợp lệ (chỉ nhận: {allowed})") from None
        unknown = set(data) - _COMMON_KEYS - _KIND_KEYS[kind]
        if unknown:
            raise FeeError(f"Quy tắc phí loại '{kind.value}' có trường không dùng được: {', '.join(sorted(unknown))}")
        for key in _KIND_KEYS[kind] - {"per_copy", "cap_per_copy"}:
            if key not in data:
                raise FeeError(f"Quy tắc phí loại '{kind.value}' thiếu trường '{key}'")

        fee_type = None
        if data.get("fee_type") is not None:
            try:
                fee_type = FeeType(data["fee_type"])
            except ValueError:
                raise FeeError(f"fee_type '{data['fee_type']}' không hợp lệ (chỉ nhận: phi, le_phi)") from None

        tiers = ()
        if kind is FeeKind.PER_PAGE_TIERS:
            if not isinstance(data["tiers"], list):
                raise FeeError("tiers phải là một danh sách bậc phí")
            try:
                tiers = tuple(PageTier(t["from_page"], t["per_page"]) for t in data["tiers"])
            except (KeyError, TypeError):
                raise FeeError("Mỗi bậc phí phải có 'from_page' và 'per_page'") from None

        return cls(
            kind=kind,
            fee_type=fee_type,
            amount=data.get("amount", 0),
            per_copy=bool(data.get("per_copy", False)),
            tiers=tiers,
            cap_per_copy=data.get("cap_per_copy"),
            in_person=data.get("in_person", 0),
            online=data.get("online", 0),
            exemptions=_parse_exemptions(data.get("exemptions", []), exemption_names or {}),
            basis=nfc(data.get("basis")),
            note=nfc(data.get("note")),
        )

    def to_dict(self) -> dict[str, Any]:
        """Inverse of :meth:`from_dict` (exemptions written in full, so the snapshot stands alone)."""
        out: dict[str, Any] = {"kind": self.kind.value}
        if self.fee_type is not None:
            out["fee_type"] = self.fee_type.value
        if self.kind is FeeKind.FLAT:
            out["amount"] = self.amount
            if self.per_copy:
                out["per_copy"] = True
        elif self.kind is FeeKind.PER_PAGE_TIERS:
            out["tiers"] = [{"from_page": t.from_page, "per_page": t.per_page} for t in self.tiers]
            if self.cap_per_copy is not None:
                out["cap_per_copy"] = self.cap_per_copy
        elif self.kind is FeeKind.BY_CHANNEL:
            out["in_person"], out["online"] = self.in_person, self.online
        if self.exemptions:
            out["exemptions"] = [{"code": e.code, "name": e.name} for e in self.exemptions]
        if self.basis:
            out["basis"] = self.basis
        if self.note:
            out["note"] = self.note
        return out

    def exemption(self, code: str) -> Exemption:
        for item in self.exemptions:
            if item.code == code:
                return item
        allowed = ", ".join(f"{e.code} ({e.name})" for e in self.exemptions) or "không có"
        raise FeeError(f"Lý do miễn '{code}' không áp dụng cho thủ tục này; các lý do được miễn: {allowed}")

    def describe_vi(self) -> str:
        """One line for the procedure screen, e.g. "10.000 đ/việc"."""
        if self.kind is FeeKind.FREE:
            return "Không thu phí, lệ phí"
        if self.kind is FeeKind.FLAT:
            return f"{format_vnd(self.amount)}/{'bản' if self.per_copy else 'việc'}"
        if self.kind is FeeKind.BY_CHANNEL:
            return f"{format_vnd(self.in_person)} nộp trực tiếp; {format_vnd(self.online)} nộp trực tuyến"
        parts = [
            f"{format_vnd(t.per_page)}/trang" if t.from_page == 1 else f"từ trang {t.from_page}: {format_vnd(t.per_page)}/trang"
            for t in self.tiers
        ]
        if self.cap_per_copy is not None:
            parts.append(f"tối đa {format_vnd(self.cap_per_copy)}/bản")
        return "; ".join(parts)


def _parse_exemptions(items: Any, names: Mapping[str, str]) -> tuple[Exemption, ...]:
    if not isinstance(items, list):
        raise FeeError("exemptions phải là một danh sách")
    result = []
    for item in items:
        if isinstance(item, str):
            if item not in names:
                raise FeeError(f"Lý do miễn '{item}' chưa được khai báo trong danh sách lý do miễn")
            result.append(Exemption(item, nfc(names[item])))
        elif isinstance(item, Mapping) and item.get("code") and item.get("name"):
            result.append(Exemption(str(item["code"]), nfc(item["name"])))
        else:
            raise FeeError(f"Lý do miễn không hợp lệ: {item!r} (cần mã hoặc {{code, name}})")
    return tuple(result)


# ---------------------------------------------------------------------------------------------------------
# Computing a quote
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FeeRequest:
    """What the citizen asks for. ``pages`` counts pages of the original (per copy); one request = one case."""

    pages: int = 1
    copies: int = 1
    channel: Channel = Channel.IN_PERSON
    exemption: str | None = None  # code of an exemption listed by the rule

    def __post_init__(self) -> None:
        if isinstance(self.pages, bool) or not isinstance(self.pages, int) or self.pages < 0:
            raise FeeError(f"Số trang phải là số nguyên không âm, nhận được {self.pages!r}")
        if isinstance(self.copies, bool) or not isinstance(self.copies, int) or self.copies < 1:
            raise FeeError(f"Số bản phải là số nguyên từ 1 trở lên, nhận được {self.copies!r}")
        try:
            object.__setattr__(self, "channel", Channel(self.channel))
        except ValueError:
            raise FeeError(
                f"Kênh nộp {self.channel!r} không hợp lệ (1: trực tiếp, 2: trực tuyến, 3: bưu chính công ích)"
            ) from None


@dataclass(frozen=True)
class FeeQuote:
    amount: int                       # đồng to collect
    lines: tuple[str, ...]            # Vietnamese breakdown for the receipt / screen
    fee_type: FeeType | None = None   # phí or lệ phí (None when nothing is charged by rule)
    exempt_reason: str | None = None  # name of the exemption applied, if any
    exemption_code: str | None = None

    @property
    def amount_in_words(self) -> str:
        return amount_in_words_vi(self.amount)


def compute_fee(rule: FeeRule, request: FeeRequest | None = None) -> FeeQuote:
    """Amount to collect for one case under ``rule``.

    A FREE rule charges nothing whatever the exemption (there is nothing to waive). For other rules an
    exemption must be one the rule lists, so a typo cannot silently waive a fee.
    """
    request = request or FeeRequest()
    if rule.kind is FeeKind.FREE:
        return FeeQuote(0, ("Không thu phí, lệ phí",), rule.fee_type)
    if request.exemption is not None:
        exemption = rule.exemption(request.exemption)
        label = rule.fee_type.label_vi.lower()
        return FeeQuote(0, (f"Miễn {label}: {exemption.name}",), rule.fee_type, exemption.name, exemption.code)

    if rule.kind is FeeKind.FLAT:
        amount, lines = _flat(rule, request)
    elif rule.kind is FeeKind.BY_CHANNEL:
        amount, lines = _by_channel(rule, request)
    else:
        amount, lines = _per_page(rule, request)
    return FeeQuote(amount, tuple(lines), rule.fee_type)


def _flat(rule: FeeRule, request: FeeRequest) -> tuple[int, list[str]]:
    if not rule.per_copy:
        return rule.amount, [f"Mức thu mỗi việc: {format_vnd(rule.amount)}"]
    total = rule.amount * request.copies
    return total, [f"{request.copies} bản × {format_vnd(rule.amount)} = {format_vnd(total)}"]


def _by_channel(rule: FeeRule, request: FeeRequest) -> tuple[int, list[str]]:
    if request.channel is Channel.ONLINE:
        return rule.online, [f"{Channel.ONLINE.label_vi}: {format_vnd(rule.online)}"]
    suffix = " (tính như nộp trực tiếp)" if request.channel is Channel.POSTAL else ""
    return rule.in_person, [f"{request.channel.label_vi}{suffix}: {format_vnd(rule.in_person)}"]


def _per_page(rule: FeeRule, request: FeeRequest) -> tuple[int, list[str]]:
    if request.pages < 1:
        raise FeeError("Số trang của bản chính phải từ 1 trở lên để tính phí theo trang")
    lines: list[str] = []
    per_copy = 0
    for index, tier in enumerate(rule.tiers):
        last_of_tier = rule.tiers[index + 1].from_page - 1 if index + 1 < len(rule.tiers) else request.pages
        first, last = tier.from_page, min(last_of_tier, request.pages)
        if first > last:
            break
        count = last - first + 1
        subtotal = count * tier.per_page
        per_copy += subtotal
        pages = f"Trang {first}" if first == last else f"Trang {first}–{last}"
        lines.append(f"{pages}: {count} × {format_vnd(tier.per_page)} = {format_vnd(subtotal)}")
    if rule.cap_per_copy is not None and per_copy > rule.cap_per_copy:
        lines.append(f"Mức thu tối đa mỗi bản: {format_vnd(rule.cap_per_copy)} (thay cho {format_vnd(per_copy)})")
        per_copy = rule.cap_per_copy
    total = per_copy * request.copies
    if request.copies > 1:
        lines.append(f"{request.copies} bản × {format_vnd(per_copy)} = {format_vnd(total)}")
    return total, lines
