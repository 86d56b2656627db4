"""E-form schemas (``resources/forms/<procedure>_*.json``) and validation of filled values.

A schema lists the fields of one declaration in paper order with type, required flag, validation
and the sources allowed to fill each (see resources/forms/README-eforms.md). Validation returns
Vietnamese messages per field; it never changes values.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from desk_app.domain.personal_id import check_id
from desk_app.eforms.derive import parse_date
from desk_app.errors import DeskError
from desk_app.text import fold, nfc
from resources import RESOURCES_DIR

FIELD_TYPES = {"text", "name", "date", "year", "id_number", "gender", "choice", "integer"}
GENERAL_GROUP = "Thông tin chung"
SIGNING_GROUP = "Nơi, ngày làm tờ khai"
SIGNING_KEYS = {"signed_at", "signed_date", "copies_requested", "copies_count"}
SOURCES = {"id_card", "registry", "reused_document", "form_extraction", "derived", "settings", "clerk"}


class FormSchemaError(DeskError):
    pass


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: str = "text"
    required: bool = False
    sources: tuple[str, ...] = ("clerk",)
    person: str | None = None
    attr: str | None = None
    pattern: str | None = None
    options: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: str | None = None
    derive: dict[str, Any] | None = None
    setting: str | None = None
    suggestions: tuple[str, ...] = ()  # offered in the field's list (F4), any other value allowed
    group: str | None = None  # the section heading; by default the person's label, else "Thông tin chung"
    relation_by_gender: dict[str, str] | None = None  # applicant's gender → relationship suggested
    hint: str = ""  # shown under the field (e.g. the expected format)


@dataclass(frozen=True)
class FormSchema:
    procedure: str
    title: str
    fields: tuple[FieldSpec, ...]
    persons: dict[str, str] = field(default_factory=dict)
    same_person: tuple[dict[str, Any], ...] = ()
    document_roles: dict[str, dict[str, str]] = field(default_factory=dict)
    form: str = ""

    def group_of(self, spec: FieldSpec) -> str:
        """The heading a field is shown under: explicit ``group``, else its person's label."""
        if spec.group:
            return spec.group
        if spec.person and spec.person in self.persons:
            return self.persons[spec.person]
        if spec.key in SIGNING_KEYS:
            return SIGNING_GROUP
        role = next((r for r in self.persons if spec.key.startswith(r + "_")), None)
        return self.persons[role] if role else GENERAL_GROUP

    def groups(self) -> list[tuple[str, list[FieldSpec]]]:
        """Fields by heading, headings in the order they first appear (paper order)."""
        out: dict[str, list[FieldSpec]] = {}
        for spec in self.fields:
            out.setdefault(self.group_of(spec), []).append(spec)
        return list(out.items())

    def field(self, key: str) -> FieldSpec:
        for spec in self.fields:
            if spec.key == key:
                return spec
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        return [spec.key for spec in self.fields]

    def validate(self, values: dict[str, str]) -> dict[str, str]:
        """Problems per field key (Vietnamese); an empty dict means the form can be accepted."""
        problems: dict[str, str] = {}
        for spec in self.fields:
            message = _check_value(spec, nfc(values.get(spec.key)))
            if message:
                problems[spec.key] = message
        return problems


def _check_value(spec: FieldSpec, value: str) -> str | None:
    if not value:
        return f"Chưa nhập «{spec.label}»." if spec.required else None
    if spec.type == "date" and parse_date(value) is None:
        return f"«{spec.label}» phải là ngày dạng dd/mm/yyyy."
    if spec.type == "year" and not (re.fullmatch(r"\d{4}", value) and 1880 <= int(value) <= 2300):
        return f"«{spec.label}» phải là năm gồm 4 chữ số."
    if spec.type == "integer":
        if not re.fullmatch(r"\d+", value):
            return f"«{spec.label}» phải là số."
        if (spec.minimum is not None and int(value) < spec.minimum) or (
                spec.maximum is not None and int(value) > spec.maximum):
            return f"«{spec.label}» phải trong khoảng {spec.minimum}–{spec.maximum}."
    if spec.type == "id_number":
        result = check_id(value)
        if not result.ok:
            return result.problems[0] if result.problems else "Số định danh không hợp lệ."
    if spec.type in ("gender", "choice") and spec.options and fold(value) not in {fold(o) for o in spec.options}:
        return f"«{spec.label}» phải là một trong: {', '.join(spec.options)}."
    if spec.type == "name" and re.search(r"\d", value):
        return f"«{spec.label}» không được chứa chữ số."
    if spec.pattern and not re.fullmatch(spec.pattern, value):
        return f"«{spec.label}» không đúng định dạng."
    return None


def _spec(data: dict[str, Any], path: str) -> FieldSpec:
    spec = FieldSpec(
        key=data["key"], label=nfc(data.get("label", "")), type=data.get("type", "text"),
        required=bool(data.get("required", False)), sources=tuple(data.get("sources", ["clerk"])),
        person=data.get("person"), attr=data.get("attr"), pattern=data.get("pattern"),
        options=tuple(nfc(o) for o in data.get("options", [])), minimum=data.get("minimum"),
        maximum=data.get("maximum"), default=data.get("default"), derive=data.get("derive"),
        setting=data.get("setting"), suggestions=tuple(nfc(o) for o in data.get("suggestions", [])),
        group=nfc(data["group"]) if data.get("group") else None,
        relation_by_gender={nfc(k): nfc(v) for k, v in data["relation_by_gender"].items()}
        if data.get("relation_by_gender") else None, hint=nfc(data.get("hint", "")))
    if not spec.label:
        raise FormSchemaError(f"{path}: trường «{spec.key}» thiếu nhãn.")
    if spec.type not in FIELD_TYPES:
        raise FormSchemaError(f"{path}: trường «{spec.key}» có kiểu «{spec.type}» không hỗ trợ.")
    unknown = set(spec.sources) - SOURCES
    if unknown:
        raise FormSchemaError(f"{path}: trường «{spec.key}» có nguồn không hỗ trợ: {', '.join(sorted(unknown))}.")
    return spec


@cache
def load_schema(procedure: str) -> FormSchema:
    """The schema of *procedure* (e.g. "1.001193"); raises :class:`FormSchemaError` if there is none."""
    folder = RESOURCES_DIR / "forms"
    matches = sorted(folder.glob(f"{procedure}_*.json")) if re.fullmatch(r"[0-9.]+", procedure or "") else []
    if not matches:
        raise FormSchemaError(f"Chưa có mẫu tờ khai điện tử cho thủ tục «{procedure}».")
    path = matches[0]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        fields = tuple(_spec(item, path.name) for item in data["fields"])
        keys = [f.key for f in fields]
        if len(set(keys)) != len(keys):
            raise FormSchemaError(f"{path.name}: khóa trường bị trùng.")
        return FormSchema(procedure=data["procedure"], title=nfc(data["title"]), fields=fields,
                          persons=data.get("persons", {}), same_person=tuple(data.get("same_person", [])),
                          document_roles=data.get("document_roles", {}), form=data.get("form", ""))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # ValueError covers a JSON syntax error; KeyError/TypeError a missing or mistyped part.
        raise FormSchemaError(f"Mẫu tờ khai «{path.name}» bị lỗi, không dùng được ({type(exc).__name__}: {exc}).") \
            from exc


def available_procedures() -> list[str]:
    return sorted(p.name.split("_", 1)[0] for p in (RESOURCES_DIR / "forms").glob("*_*.json"))
