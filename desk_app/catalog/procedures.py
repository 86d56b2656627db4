"""Catalog of administrative procedures (TTHC) handled at the desk, versioned by effective date.

The catalog is data (``resources/catalog/procedures.json``, see its README): provinces publish their own
lists and the law changes, so nothing here is hard-coded. A dossier keeps the version in force on the
day it was received, hence every lookup takes a date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Mapping

from desk_app.domain.fees import FeeRule
from desk_app.domain.time_limits import TimeLimit, TimeUnit
from desk_app.text import fold, nfc
from resources import resource_path

DEFAULT_CATALOG_PARTS = ("catalog", "procedures.json")
# Where an office's imported catalog lives, inside the data folder (see desk_app/catalog/importer.py).
IMPORTED_CATALOG_DIR = "catalog"
IMPORTED_CATALOG_FILE = "procedures.json"
SUPPORTED_FORMAT = 1

_CODE_RE = re.compile(r"^\d\.\d{6}$")          # national TTHC code, e.g. 1.001193
_CUTOFF_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class CatalogError(ValueError):
    """The catalog file is unreadable or inconsistent (message in Vietnamese, naming procedure and field)."""


class UnknownProcedureError(LookupError):
    """No procedure with this code is in force on the requested date."""


class PaperKind(str, Enum):
    BAN_CHINH = "ban_chinh"      # original
    BAN_SAO = "ban_sao"          # certified copy (bản sao có chứng thực / cấp từ sổ gốc)
    BAN_CHUP = "ban_chup"        # plain photocopy / photo
    XUAT_TRINH = "xuat_trinh"    # only shown to the officer, not filed
    BAN_DIEN_TU = "ban_dien_tu"  # electronic document (e.g. e-Giấy chứng sinh signed by the hospital)

    @property
    def label_vi(self) -> str:
        return {
            PaperKind.BAN_CHINH: "Bản chính",
            PaperKind.BAN_SAO: "Bản sao",
            PaperKind.BAN_CHUP: "Bản chụp",
            PaperKind.XUAT_TRINH: "Xuất trình",
            PaperKind.BAN_DIEN_TU: "Bản điện tử",
        }[self]


@dataclass(frozen=True)
class Component:
    """One paper of the dossier (thành phần hồ sơ)."""

    code: str                 # "TP1", unique within the procedure version
    name: str
    required: bool
    paper_kind: PaperKind
    quantity: int = 1
    shown_only: bool = False  # shown at the desk and handed back: nothing to digitise
    note: str = ""


@dataclass(frozen=True)
class Procedure:
    """One version of a procedure, valid from ``effective_from`` to ``effective_to`` (both inclusive)."""

    code: str
    name: str
    field_code: str
    field_name: str
    authority: str
    components: tuple[Component, ...]
    time_limit: TimeLimit
    cutoff: time | None       # dossiers received after this time count from the next working day
    fee_rule: FeeRule
    form_key: str | None      # e-form family; the form registry picks the form version by date
    effective_from: date
    effective_to: date | None  # None = still in force
    notes: str = ""
    legal_basis: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()  # codes this procedure replaced (shown when an old code is looked up)

    def in_force_on(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def component(self, code: str) -> Component:
        for item in self.components:
            if item.code == code:
                return item
        raise KeyError(f"Thủ tục {self.code} không có thành phần hồ sơ {code}")

    @property
    def validity_vi(self) -> str:
        end = _vi_date(self.effective_to) if self.effective_to else "nay"
        return f"từ {_vi_date(self.effective_from)} đến {end}"


def _vi_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


# ---------------------------------------------------------------------------------------------------------
# Catalog
# ---------------------------------------------------------------------------------------------------------

class ProcedureCatalog:
    """All versions of all procedures; lookups are always "as of" a date."""

    def __init__(self, procedures: list[Procedure]) -> None:
        by_code: dict[str, list[Procedure]] = {}
        for proc in procedures:
            by_code.setdefault(proc.code, []).append(proc)
        for code, versions in by_code.items():
            versions.sort(key=lambda p: p.effective_from)
            _check_no_overlap(code, versions)
        self._by_code = by_code

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ProcedureCatalog":
        """Read and validate the catalog (default: the one shipped in ``resources/catalog``)."""
        try:
            path = Path(path) if path is not None else resource_path(*DEFAULT_CATALOG_PARTS)
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CatalogError(f"Không tìm thấy tệp danh mục thủ tục: {path or '/'.join(DEFAULT_CATALOG_PARTS)}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CatalogError(f"Tệp danh mục thủ tục {path.name} không phải JSON UTF-8 hợp lệ: {exc}") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> "ProcedureCatalog":
        return cls(_parse_catalog(data))

    @classmethod
    def load_for_desk(cls, folder: str | Path | None) -> "ProcedureCatalog":
        """The shipped catalog with the office's imported list laid over it (``<data folder>/catalog``).

        An import (``desk-app catalog import``, :mod:`desk_app.catalog.importer`) takes over each code it
        lists from the import's first effective date on; older shipped versions of that code stay for
        dossiers received earlier, and shipped codes the import does not list stay as they are.
        """
        shipped = cls.load()
        if folder is None:
            return shipped
        imported_path = Path(folder) / IMPORTED_CATALOG_DIR / IMPORTED_CATALOG_FILE
        if not imported_path.is_file():
            return shipped
        return shipped.overlaid_with(cls.load(imported_path))

    def overlaid_with(self, imported: "ProcedureCatalog") -> "ProcedureCatalog":
        """This catalog with *imported* taking over every code it lists, from its first effective date."""
        procedures: list[Procedure] = []
        for code, versions in self._by_code.items():
            newer = imported._by_code.get(code)
            if not newer:
                procedures.extend(versions)
                continue
            start = newer[0].effective_from
            for proc in versions:
                if proc.effective_from >= start:
                    continue  # replaced by the import
                if proc.effective_to is None or proc.effective_to >= start:
                    proc = replace(proc, effective_to=start - timedelta(days=1))
                procedures.append(proc)
        for versions in imported._by_code.values():
            procedures.extend(versions)
        return ProcedureCatalog(procedures)

    # -- lookups ----------------------------------------------------------------------------------------

    def get(self, code: str, on: date) -> Procedure:
        code = nfc(code)
        versions = self._by_code.get(code)
        if not versions:
            raise UnknownProcedureError(f"Không có thủ tục mã {code} trong danh mục")
        for proc in versions:
            if proc.in_force_on(on):
                return proc
        spans = "; ".join(p.validity_vi for p in versions)
        message = f"Thủ tục {code} ({versions[-1].name}) không có hiệu lực vào ngày {_vi_date(on)} (hiệu lực {spans})"
        successors = [p.code for p in self.active_on(on) if code in p.replaces]
        if successors:
            message += f"; thay thế bởi thủ tục {', '.join(successors)}"
        raise UnknownProcedureError(message)

    def versions(self, code: str) -> list[Procedure]:
        """Every version of ``code``, oldest first (empty if unknown)."""
        return list(self._by_code.get(nfc(code), []))

    def codes(self) -> list[str]:
        return sorted(self._by_code)

    def active_on(self, on: date) -> list[Procedure]:
        """Procedures in force on ``on``, sorted by field then name (diacritic-insensitive)."""
        active = [p for versions in self._by_code.values() for p in versions if p.in_force_on(on)]
        return sorted(active, key=_display_order)

    def search(self, text: str, on: date) -> list[Procedure]:
        """Procedures in force on ``on`` matching a code ("1.001193", "2.0008") or name words.

        Name matching folds diacritics and đ, and each query word may be the start of a word
        ("ket hon", "chứng thực", "khai s"), so it works as the user types. Field names match too
        ("hộ tịch" lists the whole field). Code matches come first, then whole-phrase name matches.
        """
        query = fold(text)
        active = self.active_on(on)
        if not query:
            return active
        words = query.split()
        ranked = []
        for order, proc in enumerate(active):
            rank = _match_rank(proc, query, words)
            if rank is not None:
                ranked.append((rank, order, proc))
        return [proc for _, _, proc in sorted(ranked, key=lambda item: item[:2])]


def _display_order(proc: Procedure) -> tuple[str, str, str]:
    return fold(proc.field_name), fold(proc.name), proc.code


def _match_rank(proc: Procedure, query: str, words: list[str]) -> int | None:
    if proc.code == query:
        return 0
    if proc.code.startswith(query):
        return 1
    name = fold(proc.name)
    if f" {query}" in f" {name}":
        return 2
    name_words = name.split()
    if all(any(w.startswith(q) for w in name_words) for q in words):
        return 3
    field_words = fold(proc.field_name).split()
    if all(any(w.startswith(q) for w in field_words) for q in words):
        return 4
    return None


def _check_no_overlap(code: str, versions: list[Procedure]) -> None:
    for before, after in zip(versions, versions[1:]):
        if before.effective_to is None or before.effective_to >= after.effective_from:
            raise CatalogError(
                f"Thủ tục {code}: hai phiên bản chồng lấn thời gian hiệu lực "
                f"({before.validity_vi} và {after.validity_vi})"
            )


# ---------------------------------------------------------------------------------------------------------
# Parsing and validation of the JSON file
# ---------------------------------------------------------------------------------------------------------

_PROCEDURE_KEYS = {"code", "versions"}
_VERSION_REQUIRED = {"effective_from", "name", "field", "authority", "components", "time_limit", "fee"}
_VERSION_OPTIONAL = {"effective_to", "cutoff", "form_key", "notes", "legal_basis", "replaces"}
_COMPONENT_REQUIRED = {"code", "name", "required", "paper_kind"}
_COMPONENT_OPTIONAL = {"quantity", "shown_only", "note"}


class _Where:
    """Location in the file used in error messages ("thủ tục 1.001193, phiên bản từ 2025-07-01")."""

    def __init__(self, text: str) -> None:
        self.text = text

    def fail(self, field: str, problem: str) -> CatalogError:
        return CatalogError(f"Danh mục thủ tục — {self.text}, trường '{field}': {problem}")


def _parse_catalog(data: Any) -> list[Procedure]:
    top = _Where("tệp danh mục")
    if not isinstance(data, dict):
        raise top.fail("(gốc)", "phải là một đối tượng JSON")
    if data.get("format_version") != SUPPORTED_FORMAT:
        raise top.fail("format_version", f"chỉ hỗ trợ phiên bản định dạng {SUPPORTED_FORMAT}, nhận được {data.get('format_version')!r}")
    exemption_names = data.get("exemptions", {})
    if not isinstance(exemption_names, dict) or not all(isinstance(v, str) for v in exemption_names.values()):
        raise top.fail("exemptions", "phải là một đối tượng {mã: tên lý do miễn}")
    entries = data.get("procedures")
    if not isinstance(entries, list) or not entries:
        raise top.fail("procedures", "phải là một danh sách thủ tục không rỗng")

    procedures: list[Procedure] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        where = _Where(f"thủ tục thứ {index}")
        if not isinstance(entry, dict):
            raise where.fail("(mục)", "phải là một đối tượng JSON")
        code = nfc(entry.get("code")) if isinstance(entry.get("code"), str) else ""
        if not _CODE_RE.match(code):
            raise where.fail("code", f"mã thủ tục {entry.get('code')!r} không đúng dạng 'x.xxxxxx' (ví dụ 1.001193)")
        where = _Where(f"thủ tục {code}")
        if code in seen:
            raise where.fail("code", "mã thủ tục bị khai báo hai lần; gộp các phiên bản vào một mục")
        seen.add(code)
        _reject_unknown(entry, _PROCEDURE_KEYS, where)
        versions = entry.get("versions")
        if not isinstance(versions, list) or not versions:
            raise where.fail("versions", "phải có ít nhất một phiên bản")
        for version in versions:
            procedures.append(_parse_version(code, version, exemption_names, where))
    return procedures


def _parse_version(code: str, data: Any, exemption_names: Mapping[str, str], where: _Where) -> Procedure:
    if not isinstance(data, dict):
        raise where.fail("versions", "mỗi phiên bản phải là một đối tượng JSON")
    start = _parse_date(data.get("effective_from"), "effective_from", where, required=True)
    where = _Where(f"{where.text}, phiên bản từ {start.isoformat()}")
    _reject_unknown(data, _VERSION_REQUIRED | _VERSION_OPTIONAL, where)
    missing = sorted(_VERSION_REQUIRED - set(data))
    if missing:
        raise where.fail(missing[0], "thiếu trường bắt buộc")
    end = _parse_date(data.get("effective_to"), "effective_to", where, required=False)
    if end is not None and end < start:
        raise where.fail("effective_to", f"ngày hết hiệu lực {end.isoformat()} trước ngày bắt đầu {start.isoformat()}")

    field = data["field"]
    if not isinstance(field, dict) or not _text(field.get("code")) or not _text(field.get("name")):
        raise where.fail("field", "phải có dạng {\"code\": ..., \"name\": ...} (mã và tên lĩnh vực)")

    time_limit = _parse_time_limit(data["time_limit"], where)
    try:
        fee_rule = FeeRule.from_dict(data["fee"], exemption_names)
    except (TypeError, ValueError) as exc:
        raise where.fail("fee", str(exc)) from None

    return Procedure(
        code=code,
        name=_required_text(data, "name", where),
        field_code=_text(field["code"]),
        field_name=_text(field["name"]),
        authority=_required_text(data, "authority", where),
        components=_parse_components(data["components"], where),
        time_limit=time_limit,
        cutoff=_parse_cutoff(data.get("cutoff"), where),
        fee_rule=fee_rule,
        form_key=_optional_text(data, "form_key", where),
        effective_from=start,
        effective_to=end,
        notes=_optional_text(data, "notes", where) or "",
        legal_basis=_text_list(data, "legal_basis", where),
        replaces=_text_list(data, "replaces", where),
    )


def _parse_time_limit(value: Any, where: _Where) -> TimeLimit:
    units = {u.value for u in TimeUnit}
    if not isinstance(value, dict) or value.get("unit") not in units:
        unit = value.get("unit") if isinstance(value, dict) else value
        raise where.fail("time_limit", f"đơn vị thời hạn {unit!r} không hợp lệ (chỉ nhận: {', '.join(sorted(units))})")
    amount = value.get("amount", 0)
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise where.fail("time_limit", f"số lượng thời hạn phải là số nguyên, nhận được {amount!r}")
    try:
        return TimeLimit.from_dict(value)
    except ValueError as exc:
        raise where.fail("time_limit", str(exc)) from None


def _parse_components(items: Any, where: _Where) -> tuple[Component, ...]:
    if not isinstance(items, list) or not items:
        raise where.fail("components", "phải có ít nhất một thành phần hồ sơ")
    components: list[Component] = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise where.fail(f"components[{index}]", "phải là một đối tượng JSON")
        label = _text(item.get("code")) or f"thứ {index}"
        here = _Where(f"{where.text}, thành phần {label}")
        _reject_unknown(item, _COMPONENT_REQUIRED | _COMPONENT_OPTIONAL, here)
        missing = sorted(_COMPONENT_REQUIRED - set(item))
        if missing:
            raise here.fail(missing[0], "thiếu trường bắt buộc")
        try:
            kind = PaperKind(item["paper_kind"])
        except ValueError:
            allowed = ", ".join(k.value for k in PaperKind)
            raise here.fail("paper_kind", f"loại giấy tờ {item['paper_kind']!r} không hợp lệ (chỉ nhận: {allowed})") from None
        quantity = item.get("quantity", 1)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise here.fail("quantity", f"số lượng phải là số nguyên ≥ 1, nhận được {quantity!r}")
        # A paper that is only shown is never filed, so it cannot be "not shown only".
        shown_only = item.get("shown_only", kind is PaperKind.XUAT_TRINH)
        if kind is PaperKind.XUAT_TRINH and shown_only is False:
            raise here.fail("shown_only", "giấy tờ 'xuat_trinh' luôn chỉ xuất trình (shown_only phải là true)")
        for flag, value in (("required", item["required"]), ("shown_only", shown_only)):
            if not isinstance(value, bool):
                raise here.fail(flag, f"phải là true/false, nhận được {value!r}")
        components.append(
            Component(
                code=_required_text(item, "code", here),
                name=_required_text(item, "name", here),
                required=item["required"],
                paper_kind=kind,
                quantity=quantity,
                shown_only=shown_only,
                note=_optional_text(item, "note", here) or "",
            )
        )
    codes = [c.code for c in components]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise where.fail("components", f"mã thành phần bị trùng: {', '.join(duplicates)}")
    return tuple(components)


def _parse_date(value: Any, key: str, where: _Where, required: bool) -> date | None:
    if value is None:
        if required:
            raise where.fail(key, "thiếu ngày (định dạng YYYY-MM-DD)")
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise where.fail(key, f"ngày {value!r} không đúng định dạng YYYY-MM-DD") from None


def _parse_cutoff(value: Any, where: _Where) -> time | None:
    if value is None:
        return None
    match = _CUTOFF_RE.match(value) if isinstance(value, str) else None
    if not match:
        raise where.fail("cutoff", f"giờ {value!r} không đúng định dạng HH:MM (ví dụ \"15:00\")")
    return time(int(match.group(1)), int(match.group(2)))


def _reject_unknown(data: Mapping[str, Any], allowed: set[str], where: _Where) -> None:
    # Catches typos such as "efective_to", which would otherwise silently mean "still in force".
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise where.fail(unknown[0], f"trường không được hỗ trợ (các trường hợp lệ: {', '.join(sorted(allowed))})")


def _text(value: Any) -> str:
    return nfc(value) if isinstance(value, str) else ""


def _required_text(data: Mapping[str, Any], key: str, where: _Where) -> str:
    value = _text(data.get(key))
    if not value:
        raise where.fail(key, "phải là chuỗi văn bản không rỗng")
    return value


def _optional_text(data: Mapping[str, Any], key: str, where: _Where) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise where.fail(key, f"phải là chuỗi văn bản hoặc null, nhận được {value!r}")
    return nfc(value) or None


def _text_list(data: Mapping[str, Any], key: str, where: _Where) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise where.fail(key, "phải là danh sách chuỗi văn bản")
    return tuple(nfc(v) for v in value)

