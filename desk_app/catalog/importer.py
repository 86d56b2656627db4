"""Import a province's published procedure list (national TTHC record structure) into the desk's catalog.

The input is the structure in which the national TTHC database (Cơ sở dữ liệu quốc gia về TTHC,
csdl.dichvucong.gov.vn) hands out one procedure (the ``LayThuTuc`` record of the national portal's
sharing service; see resources/catalog/README.md, "Importing a province's list", for the fields and
where the structure comes from)::

    {"MATTHC": "1.001193", "TENTTHC": "…", "CAPTHUCHIEN": [{"CAPTHUCHIEN": "3"}],   # 3 = cấp xã
     "LINHVUCTHUCHIEN": [{"MALINHVUC": "…", "TENLINHVUC": "Hộ tịch"}],
     "COQUANTHUCHIEN": [{"MADONVI": "…", "TENDONVI": "UBND cấp xã"}],
     "CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày làm việc",
                           "MOTA": "…", "PHILEPHI": [{"MAPHILEPHI": "LEPHI", "SOTIEN": 15000, "DONVI": "Đồng"}]}]}],
     "THANHPHANHOSO": [{"TRUONGHOP": "…", "GIAYTO": [{"MAGIAYTO": "…", "TENGIAYTO": "…",
                        "SOBANCHINH": 1, "SOBANSAO": 0, "TENMAUDON": "…"}]}],
     "CANCUPHAPLY": [{"SOVANBAN": "…", "TENVANBAN": "…"}], "MUCDO": "Toàn trình",
     "NGAYHIEULUC": "2025-07-01", "NGAYHETHIEULUC": null, "TRANGTHAI": 1}

A file is a JSON list of such records, or an object with the records under ``result`` / ``data`` (as the
sharing service answers) and optionally ``NGAYHIEULUC`` / ``QUYETDINHCONGBO`` for every record.

Every record is validated and mapped to the app's catalog format (resources/catalog/README.md); one bad
record and nothing is written. The result goes to ``<data folder>/catalog/procedures.json`` (atomic write),
where :meth:`ProcedureCatalog.load_for_desk` lays it over the shipped catalog. :func:`diff_catalogs`
compares it with the previous import.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desk_app.catalog.procedures import (
    IMPORTED_CATALOG_DIR,
    IMPORTED_CATALOG_FILE,
    SUPPORTED_FORMAT,
    CatalogError,
    ProcedureCatalog,
)
from desk_app.clock import now_local
from desk_app.text import fold, nfc

_CODE_RE = re.compile(r"^\d\.\d{6}$")
_DMY_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
MAX_FILE_BYTES = 64 * 1024 * 1024

# KENH of CACHTHUCTHUCHIEN (as the national portal numbers the channels).
CHANNEL_IN_PERSON, CHANNEL_ONLINE, CHANNEL_POSTAL = 1, 2, 3

# DONVITINH of THOIGIAN, folded → the app's time unit.
_UNITS = {
    "ngay lam viec": "working_days",
    "ngay": "calendar_days",
    "ngay ke tu ngay nhan du ho so hop le": "calendar_days",
    "gio lam viec": "working_hours",
    "gio": "working_hours",
    "trong ngay": "same_day",
    "ngay lam viec (trong ngay)": "same_day",
}

# CAPTHUCHIEN codes of the national record.
_LEVEL_CODES = {"0": "Cấp Bộ", "1": "Cấp Tỉnh", "2": "Cấp Huyện", "3": "Cấp Xã"}

# Fields of one mapped version compared by the diff, with their Vietnamese labels.
DIFF_FIELDS = {
    "name": "tên", "field": "lĩnh vực", "authority": "cơ quan thực hiện", "components": "thành phần hồ sơ",
    "time_limit": "thời hạn", "fee": "phí, lệ phí", "effective_from": "ngày hiệu lực",
    "effective_to": "ngày hết hiệu lực", "notes": "ghi chú", "legal_basis": "căn cứ pháp lý",
    "form_key": "biểu mẫu điện tử", "cutoff": "giờ nhận hồ sơ",
}


class CatalogImportError(CatalogError):
    """The province's file cannot be imported; the message names the record, its position and the field."""


@dataclass
class ImportDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)   # code -> changed field keys

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def lines_vi(self, names: dict[str, str]) -> list[str]:
        out = [f"Thêm {len(self.added)}, bỏ {len(self.removed)}, thay đổi {len(self.changed)} thủ tục."]
        out += [f"+ {code} {names.get(code, '')}".rstrip() for code in self.added]
        out += [f"- {code} {names.get(code, '')}".rstrip() for code in self.removed]
        for code, keys in self.changed.items():
            labels = ", ".join(DIFF_FIELDS.get(k, k) for k in keys)
            out.append(f"~ {code} {names.get(code, '')}: {labels}")
        return out


@dataclass
class ImportResult:
    catalog_data: dict[str, Any]        # the app-format catalog (format_version 1)
    diff: ImportDiff
    skipped: list[str]                  # "code: reason" of records left out (not commune level, not published)
    source_sha256: str
    target: Path
    written: bool = False

    @property
    def count(self) -> int:
        return len(self.catalog_data["procedures"])

    def names(self) -> dict[str, str]:
        return {p["code"]: p["versions"][-1]["name"] for p in self.catalog_data["procedures"]}


# ---------------------------------------------------------------------------------------------------------
# Reading the province's file
# ---------------------------------------------------------------------------------------------------------

def read_records(path: Path) -> tuple[list[Any], dict[str, Any]]:
    """The records of the file and the file-level defaults (``NGAYHIEULUC``, ``QUYETDINHCONGBO``)."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".xls", ".xlsx"):
        raise CatalogImportError(f"Tệp {path.name}: chưa hỗ trợ bảng tính CSV/Excel (chưa có tài liệu công bố về các "
                                 "cột); hãy dùng tệp JSON theo cấu trúc của CSDL quốc gia về thủ tục hành chính.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CatalogImportError(f"Tệp {path.name} quá lớn ({size // 1024 ** 2} MB) để là danh mục thủ tục.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CatalogImportError(f"Không tìm thấy tệp danh mục cần nhập: {path}") from None
    except IsADirectoryError:
        raise CatalogImportError(f"«{path}» là thư mục, không phải tệp danh mục.") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogImportError(f"Tệp {path.name} không phải JSON UTF-8 hợp lệ: {exc}") from None
    defaults: dict[str, Any] = {}
    if isinstance(data, dict):
        defaults = {k: data[k] for k in ("NGAYHIEULUC", "QUYETDINHCONGBO") if k in data}
        for key in ("result", "data", "RESULT", "DATA"):
            if key in data:
                data = data[key]
                break
        else:
            raise CatalogImportError(f"Tệp {path.name}: không thấy danh sách thủ tục (khóa 'result' hoặc 'data').")
    if not isinstance(data, list) or not data:
        raise CatalogImportError(f"Tệp {path.name}: danh sách thủ tục phải là một mảng JSON không rỗng.")
    return data, defaults


# ---------------------------------------------------------------------------------------------------------
# Mapping one record
# ---------------------------------------------------------------------------------------------------------

class _Record:
    """One record being mapped; :meth:`fail` names it by position and code."""

    def __init__(self, index: int, data: Any) -> None:
        self.index = index
        self.data = data
        code = data.get("MATTHC") if isinstance(data, dict) else None
        self.code = nfc(code) if isinstance(code, str) else ""

    def fail(self, field_name: str, problem: str) -> CatalogImportError:
        who = f"mã {self.code}" if self.code else "chưa có mã"
        return CatalogImportError(f"Bản ghi thứ {self.index} ({who}), trường '{field_name}': {problem}")

    def text(self, key: str, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not nfc(value):
            raise self.fail(key, "phải là chuỗi văn bản không rỗng")
        return nfc(value)

    def items(self, key: str, required: bool = True) -> list[dict[str, Any]]:
        value = self.data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, "phải là một danh sách không rỗng")
        for position, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                raise self.fail(f"{key}[{position}]", "mỗi phần tử phải là một đối tượng JSON")
        return value


def _int(record: _Record, where: str, value: Any, minimum: int = 0) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise record.fail(where, f"phải là số nguyên ≥ {minimum}, nhận được {value!r}")
    return value


def _date(record: _Record, key: str, value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        match = _DMY_RE.match(text)
        try:
            if match:
                return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise record.fail(key, f"ngày {value!r} không đúng định dạng YYYY-MM-DD hoặc DD/MM/YYYY")


def _levels(record: _Record) -> list[str]:
    value = record.data.get("CAPTHUCHIEN")
    if value is None:
        raise record.fail("CAPTHUCHIEN", "thiếu cấp thực hiện (ví dụ \"Cấp Xã\")")
    items = value if isinstance(value, list) else [value]
    levels = []
    for item in items:
        if isinstance(item, dict):   # the national record: [{"CAPTHUCHIEN": "3", "MOTACOQUANTHUCHIEN": …}]
            item = item.get("TENCAP") or item.get("CAPTHUCHIEN")
        if isinstance(item, int) and not isinstance(item, bool):
            item = str(item)
        if isinstance(item, str) and item.strip() in _LEVEL_CODES:
            item = _LEVEL_CODES[item.strip()]
        if not isinstance(item, str) or not nfc(item):
            raise record.fail("CAPTHUCHIEN", "mỗi cấp thực hiện phải là chuỗi văn bản, ví dụ \"Cấp Xã\"")
        levels.append(nfc(item))
    return levels


def _is_commune(levels: list[str]) -> bool:
    return any(re.search(r"\b(xa|phuong|thi tran|dac khu)\b", fold(level)) for level in levels)


def _field(record: _Record) -> dict[str, str]:
    domains = record.items("LINHVUCTHUCHIEN")
    first = domains[0]
    name = first.get("TENLINHVUC")
    if not isinstance(name, str) or not nfc(name):
        raise record.fail("LINHVUCTHUCHIEN[1].TENLINHVUC", "thiếu tên lĩnh vực")
    code = first.get("MALINHVUC")
    slug = "_".join(re.findall(r"[a-z0-9]+", fold(name))) or "khac"
    return {"code": nfc(code) if isinstance(code, str) and nfc(code) else slug, "name": nfc(name)}


def _authority(record: _Record) -> str:
    agencies = record.items("COQUANTHUCHIEN")
    names = []
    for position, agency in enumerate(agencies, start=1):
        name = agency.get("TENDONVI")
        if not isinstance(name, str) or not nfc(name):
            raise record.fail(f"COQUANTHUCHIEN[{position}].TENDONVI", "thiếu tên cơ quan thực hiện")
        names.append(nfc(name))
    return "; ".join(dict.fromkeys(names))


def _components(record: _Record) -> list[dict[str, Any]]:
    cases = record.items("THANHPHANHOSO")
    several_cases = len(cases) > 1
    components: list[dict[str, Any]] = []
    for case_no, case in enumerate(cases, start=1):
        case_name = nfc(case.get("TRUONGHOP")) if isinstance(case.get("TRUONGHOP"), str) else ""
        papers = case.get("GIAYTO")
        if not isinstance(papers, list) or not papers:
            raise record.fail(f"THANHPHANHOSO[{case_no}].GIAYTO", "mỗi trường hợp phải có ít nhất một giấy tờ")
        for paper_no, paper in enumerate(papers, start=1):
            where = f"THANHPHANHOSO[{case_no}].GIAYTO[{paper_no}]"
            if not isinstance(paper, dict):
                raise record.fail(where, "phải là một đối tượng JSON")
            name = paper.get("TENGIAYTO")
            if not isinstance(name, str) or not nfc(name):
                raise record.fail(f"{where}.TENGIAYTO", "thiếu tên giấy tờ")
            originals = _int(record, f"{where}.SOBANCHINH", paper.get("SOBANCHINH", 0))
            copies = _int(record, f"{where}.SOBANSAO", paper.get("SOBANSAO", 0))
            notes = []
            if originals and copies:
                kind, quantity = "ban_chinh", originals
                notes.append(f"kèm {copies} bản sao")
            elif originals:
                kind, quantity = "ban_chinh", originals
            elif copies:
                kind, quantity = "ban_sao", copies
            else:
                kind, quantity = "xuat_trinh", 1     # 0 bản chính, 0 bản sao: shown at the desk
            form = paper.get("TENMAUDON")
            if isinstance(form, str) and nfc(form):
                notes.append(f"mẫu: {nfc(form)}")
            if several_cases and case_name:
                notes.append(f"trường hợp: {case_name}")
            required = paper.get("BATBUOC")
            if required is None:
                required = not several_cases or case_no == 1
            elif not isinstance(required, bool):
                raise record.fail(f"{where}.BATBUOC", f"phải là true/false, nhận được {required!r}")
            item: dict[str, Any] = {"code": f"TP{len(components) + 1}", "name": nfc(name),
                                    "required": required, "paper_kind": kind}
            if quantity != 1:
                item["quantity"] = quantity
            if notes:
                item["note"] = "; ".join(notes)
            components.append(item)
    return components


def _channels(record: _Record) -> dict[int, dict[str, Any]]:
    """First THOIGIAN entry of each channel (KENH), which carries the time limit and the fee."""
    out: dict[int, dict[str, Any]] = {}
    for position, way in enumerate(record.items("CACHTHUCTHUCHIEN"), start=1):
        channel = _int(record, f"CACHTHUCTHUCHIEN[{position}].KENH", way.get("KENH"), minimum=1)
        if channel not in (CHANNEL_IN_PERSON, CHANNEL_ONLINE, CHANNEL_POSTAL):
            raise record.fail(f"CACHTHUCTHUCHIEN[{position}].KENH",
                              f"kênh {channel} không hợp lệ (1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích)")
        times = way.get("THOIGIAN")
        if not isinstance(times, list) or not times or not isinstance(times[0], dict):
            raise record.fail(f"CACHTHUCTHUCHIEN[{position}].THOIGIAN", "thiếu thời hạn giải quyết")
        entry = dict(times[0], _where=f"CACHTHUCTHUCHIEN[{position}].THOIGIAN[1]")
        if not entry.get("PHILEPHI") and way.get("PHILEPHI"):   # some exports put the fees on the channel
            entry["PHILEPHI"], entry["_where"] = way["PHILEPHI"], f"CACHTHUCTHUCHIEN[{position}]"
        out.setdefault(channel, entry)
    return out


def _time_limit(record: _Record, entry: dict[str, Any]) -> dict[str, Any]:
    where = entry["_where"]
    amount = entry.get("THOIGIANGIAIQUYET")
    if isinstance(amount, float) and not amount.is_integer():
        raise record.fail(f"{where}.THOIGIANGIAIQUYET", f"thời hạn {amount} không phải số nguyên; hãy ghi theo giờ làm việc")
    amount = _int(record, f"{where}.THOIGIANGIAIQUYET", amount)
    unit_text = entry.get("DONVITINH")
    if not isinstance(unit_text, str) or fold(unit_text) not in _UNITS:
        allowed = "Ngày làm việc, Ngày, Giờ làm việc, Trong ngày"
        raise record.fail(f"{where}.DONVITINH", f"đơn vị thời hạn {unit_text!r} không nhận ra (chỉ nhận: {allowed})")
    unit = _UNITS[fold(unit_text)]
    if amount == 0 or unit == "same_day":
        return {"amount": 0, "unit": "same_day"}
    return {"amount": amount, "unit": unit}


def _fee_entries(record: _Record, entry: dict[str, Any]) -> list[dict[str, Any]]:
    fees = entry.get("PHILEPHI") or []
    if not isinstance(fees, list):
        raise record.fail(f"{entry['_where']}.PHILEPHI", "phải là một danh sách phí, lệ phí")
    out = []
    for position, fee in enumerate(fees, start=1):
        where = f"{entry['_where']}.PHILEPHI[{position}]"
        if not isinstance(fee, dict):
            raise record.fail(where, "phải là một đối tượng JSON")
        amount = _int(record, f"{where}.SOTIEN", fee.get("SOTIEN", 0))
        unit = fold(fee.get("DONVI") or "dong").replace(" ", "")
        money, _, per = unit.partition("/")
        if money not in ("dong", "vnd", "d", "vnđ") or per not in ("", "ban", "trang", "lan", "truonghop", "hoso"):
            raise record.fail(f"{where}.DONVI", f"đơn vị tiền {fee.get('DONVI')!r} không nhận ra "
                              "(chỉ nhận: Đồng, Đồng/bản, Đồng/trang, Đồng/lần, Đồng/hồ sơ)")
        kind_text = fold(str(fee.get("LOAIPHILEPHI") or fee.get("MAPHILEPHI") or ""))
        if kind_text.replace(" ", "") in ("lephi", "2"):
            fee_type = "le_phi"
        elif kind_text.replace(" ", "") in ("phi", "1"):
            fee_type = "phi"
        elif amount == 0:
            fee_type = None
        else:
            raise record.fail(f"{where}.MAPHILEPHI", "phải ghi rõ là phí (PHI) hay lệ phí (LEPHI)")
        note = nfc(fee.get("MOTA")) if isinstance(fee.get("MOTA"), str) else ""
        out.append({"amount": amount, "fee_type": fee_type, "note": note, "per": per})
    return out


def _fee(record: _Record, channels: dict[int, dict[str, Any]]) -> dict[str, Any]:
    in_person = _fee_entries(record, channels[CHANNEL_IN_PERSON])
    online = _fee_entries(record, channels[CHANNEL_ONLINE]) if CHANNEL_ONLINE in channels else None
    notes = [f["note"] for f in in_person + (online or []) if f["note"]]
    if len([f for f in in_person if f["amount"]]) > 1:
        notes.append("Có nhiều mức thu theo trường hợp; mức thu mặc định là mức đầu tiên, kiểm tra lại khi thu.")
    first = next((f for f in in_person if f["amount"]), None)
    first_online = next((f for f in (online or []) if f["amount"]), None)
    note = " ".join(dict.fromkeys(notes))
    if first is None and first_online is None:
        rule: dict[str, Any] = {"kind": "free"}
    elif online is not None and (first_online or {}).get("amount", 0) != (first or {}).get("amount", 0):
        fee_type = (first or first_online)["fee_type"]
        rule = {"kind": "by_channel", "fee_type": fee_type, "in_person": (first or {}).get("amount", 0),
                "online": (first_online or {}).get("amount", 0)}
    elif first["per"] == "trang":
        rule = {"kind": "per_page_tiers", "fee_type": first["fee_type"],
                "tiers": [{"from_page": 1, "per_page": first["amount"]}]}
    else:
        rule = {"kind": "flat", "fee_type": first["fee_type"], "amount": first["amount"]}
        if first["per"] == "ban":
            rule["per_copy"] = True
    if note:
        rule["note"] = note
    return rule


def _legal_basis(record: _Record) -> list[str]:
    out = []
    for position, doc in enumerate(record.items("CANCUPHAPLY", required=False), start=1):
        number = nfc(doc.get("SOVANBAN")) if isinstance(doc.get("SOVANBAN"), str) else ""
        title = nfc(doc.get("TENVANBAN")) if isinstance(doc.get("TENVANBAN"), str) else ""
        text = " — ".join(part for part in (number, title) if part)
        if not text:
            raise record.fail(f"CANCUPHAPLY[{position}]", "thiếu số và tên văn bản")
        out.append(text)
    return out


def _online_level(record: _Record) -> str:
    value = record.data.get("MUCDO")
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise record.fail("MUCDO", f"mức độ dịch vụ công {value!r} không hợp lệ")
    text = nfc(str(value))
    return f"mức độ {text}" if text.isdigit() else text


def map_record(record: _Record, defaults: dict[str, Any], default_from: date | None,
               shipped: ProcedureCatalog | None) -> dict[str, Any]:
    """One national record → ``{"code", "version"}`` of the app's catalog format."""
    if not _CODE_RE.match(record.code):
        raise record.fail("MATTHC", f"mã thủ tục {record.data.get('MATTHC')!r} không đúng dạng 'x.xxxxxx' (ví dụ 1.001193)")
    name = record.text("TENTTHC")
    start = _date(record, "NGAYHIEULUC", record.data.get("NGAYHIEULUC"))
    start = start or _date(record, "NGAYHIEULUC", defaults.get("NGAYHIEULUC")) or default_from
    if start is None:
        raise record.fail("NGAYHIEULUC", "thiếu ngày có hiệu lực (trong bản ghi, ở đầu tệp, hoặc --from khi nhập)")
    end = _date(record, "NGAYHETHIEULUC", record.data.get("NGAYHETHIEULUC"))
    if end is not None and end < start:
        raise record.fail("NGAYHETHIEULUC", f"ngày hết hiệu lực {end.isoformat()} trước ngày có hiệu lực {start.isoformat()}")
    channels = _channels(record)
    if CHANNEL_IN_PERSON not in channels:
        raise record.fail("CACHTHUCTHUCHIEN", "thiếu cách thực hiện trực tiếp (KENH 1), nơi Bộ phận Một cửa nhận hồ sơ")
    in_person = channels[CHANNEL_IN_PERSON]
    version: dict[str, Any] = {
        "effective_from": start.isoformat(),
        "effective_to": end.isoformat() if end else None,
        "name": name,
        "field": _field(record),
        "authority": _authority(record),
        "components": _components(record),
        "time_limit": _time_limit(record, in_person),
        "fee": _fee(record, channels),
    }
    notes = []
    if isinstance(in_person.get("MOTA"), str) and nfc(in_person["MOTA"]):
        notes.append(nfc(in_person["MOTA"]))
    level = _online_level(record)
    if level:
        notes.append(f"Dịch vụ công trực tuyến: {level}.")
    decision = record.data.get("QUYETDINHCONGBO") or defaults.get("QUYETDINHCONGBO")
    if isinstance(decision, str) and nfc(decision):
        notes.append(f"Công bố tại {nfc(decision)}.")
    if notes:
        version["notes"] = " ".join(notes)
    basis = _legal_basis(record)
    if basis:
        version["legal_basis"] = basis
    # What the national record does not carry (the app's e-form, the afternoon cut-off) is kept from the
    # shipped catalog, so an imported birth registration still opens the birth e-form.
    if shipped is not None:
        known = shipped.versions(record.code)
        if known:
            latest = known[-1]
            if latest.form_key:
                version["form_key"] = latest.form_key
            if latest.cutoff:
                version["cutoff"] = latest.cutoff.strftime("%H:%M")
            if latest.fee_rule.exemptions and "exemptions" not in version["fee"]:
                version["fee"]["exemptions"] = [{"code": e.code, "name": e.name} for e in latest.fee_rule.exemptions]
            # Page tiers with a cap per copy (chứng thực bản sao) cannot be written in the national record.
            if latest.fee_rule.kind.value == "per_page_tiers" and version["fee"]["kind"] == "per_page_tiers":
                version["fee"] = latest.fee_rule.to_dict()
    return {"code": record.code, "version": version}


# ---------------------------------------------------------------------------------------------------------
# The whole import
# ---------------------------------------------------------------------------------------------------------

def imported_catalog_path(folder: Path) -> Path:
    return Path(folder) / IMPORTED_CATALOG_DIR / IMPORTED_CATALOG_FILE


def build_catalog(records: list[Any], defaults: dict[str, Any] | None = None, default_from: date | None = None,
                  shipped: ProcedureCatalog | None = None, all_levels: bool = False,
                  source_name: str = "") -> tuple[dict[str, Any], list[str]]:
    """Validate and map every record; the app-format catalog and the records left out (with why)."""
    defaults = defaults or {}
    by_code: dict[str, list[dict[str, Any]]] = {}
    positions: dict[str, int] = {}
    skipped: list[str] = []
    for index, data in enumerate(records, start=1):
        record = _Record(index, data)
        if not isinstance(data, dict):
            raise record.fail("(bản ghi)", "phải là một đối tượng JSON")
        mapped = map_record(record, defaults, default_from, shipped)
        status = data.get("TRANGTHAI")
        if status is not None and str(status).strip() not in ("1", "True", "true"):
            skipped.append(f"{record.code}: không ở trạng thái công khai (TRANGTHAI={status})")
            continue
        levels = _levels(record)
        if not all_levels and not _is_commune(levels):
            skipped.append(f"{record.code}: cấp thực hiện {', '.join(levels)}, không phải cấp xã")
            continue
        by_code.setdefault(record.code, []).append(mapped["version"])
        positions.setdefault(record.code, index)
        # Each record must load on its own (same checks and messages as the shipped catalog).
        try:
            ProcedureCatalog.from_dict(_wrap({record.code: [mapped["version"]]}, source_name))
        except CatalogError as exc:
            raise record.fail("(ánh xạ)", str(exc)) from None
    if not by_code:
        raise CatalogImportError("Tệp không có thủ tục cấp xã nào để nhập.")
    catalog = _wrap({code: sorted(v, key=lambda x: x["effective_from"]) for code, v in sorted(by_code.items())},
                    source_name)
    try:
        ProcedureCatalog.from_dict(catalog)   # versions of one code must not overlap
    except CatalogError as exc:
        code = next((c for c in by_code if c in str(exc)), "")
        where = f"Bản ghi thứ {positions[code]} (mã {code})" if code else "Tệp danh mục"
        raise CatalogImportError(f"{where}: {exc}") from None
    return catalog, skipped


def _wrap(by_code: dict[str, list[dict[str, Any]]], source_name: str) -> dict[str, Any]:
    description = "Danh mục thủ tục hành chính cấp xã nhập từ danh mục công bố của tỉnh"
    if source_name:
        description += f" (tệp {source_name})"
    return {"format_version": SUPPORTED_FORMAT, "description": description, "exemptions": {},
            "procedures": [{"code": code, "versions": versions} for code, versions in by_code.items()]}


def diff_catalogs(previous: dict[str, Any] | None, current: dict[str, Any]) -> ImportDiff:
    """Added, removed and changed procedures (with the fields that changed) between two app-format catalogs."""
    def index(data: dict[str, Any] | None) -> dict[str, list[dict[str, Any]]]:
        if not data:
            return {}
        return {p["code"]: p["versions"] for p in data.get("procedures", []) if isinstance(p, dict) and "code" in p}

    before, after = index(previous), index(current)
    diff = ImportDiff(added=sorted(set(after) - set(before)), removed=sorted(set(before) - set(after)))
    for code in sorted(set(before) & set(after)):
        old_versions, new_versions = before[code], after[code]
        changed: list[str] = []
        for key in DIFF_FIELDS:
            if [v.get(key) for v in old_versions] != [v.get(key) for v in new_versions]:
                changed.append(key)
        if changed:
            diff.changed[code] = changed
    return diff


def read_previous(folder: Path) -> dict[str, Any] | None:
    path = imported_catalog_path(folder)
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None   # an unreadable previous import: everything shows as added


def prepare_import(source: Path, folder: Path, default_from: date | None = None,
                   all_levels: bool = False) -> ImportResult:
    """Read, validate, map and diff; nothing is written (see :func:`write_import`)."""
    source = Path(source)
    records, defaults = read_records(source)
    catalog, skipped = build_catalog(records, defaults, default_from, ProcedureCatalog.load(), all_levels,
                                     source.name)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return ImportResult(catalog_data=catalog, diff=diff_catalogs(read_previous(folder), catalog),
                        skipped=skipped, source_sha256=digest, target=imported_catalog_path(folder))


def write_import(result: ImportResult) -> Path:
    """Write the imported catalog atomically (old file or complete new one, never half), with a log line."""
    from scanning.durable import append_json_line, atomic_write_bytes

    payload = json.dumps(result.catalog_data, ensure_ascii=False, indent=1) + "\n"
    ProcedureCatalog.from_dict(json.loads(payload))   # what is written must load
    try:
        atomic_write_bytes(result.target, payload.encode("utf-8"))
    except OSError as exc:
        raise CatalogImportError(f"Không ghi được danh mục vào «{result.target}» ({exc.strerror or exc}); "
                                 "danh mục cũ vẫn giữ nguyên.") from None
    try:
        append_json_line(result.target.parent / "imports.jsonl", {
            "at": now_local().isoformat(timespec="seconds"), "sha256": result.source_sha256,
            "procedures": result.count, "added": len(result.diff.added), "removed": len(result.diff.removed),
            "changed": len(result.diff.changed),
        })
    except OSError:
        pass   # the log line is a convenience; the import itself is complete and audited
    result.written = True
    return result.target
