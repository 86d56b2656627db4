"""Pre-fill engine: merge what we know into an e-form, with provenance and confidence per field.

Sources, each allowed per field by the schema: the ID card read at the desk, the citizen registry
(values from earlier dossiers, the clerk or provincial data), documents digitised in earlier dossiers,
fields extracted from the scanned paper declaration, desk settings, and values derived from other
fields. Rules:

- a value the clerk typed is never replaced: other candidates only appear as alternatives;
- the most confident candidate wins; two sources agreeing raise confidence, two confident sources
  disagreeing send the field to review, as does anything under :data:`REVIEW_BELOW` or failing
  validation — the GUI highlights those for the clerk to confirm;
- persons, not fields, are merged first: when the relationship says the declarant is the father, the
  declarant's card fills the father's fields too (``same_person`` in the schema).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk_app.clock import now_local
from desk_app.domain.personal_id import check_id, gender_from_id
from desk_app.eforms.derive import (
    birth_year_from_id,
    date_in_words,
    format_date,
    id_doc_text,
    parse_date,
    signed_date_text,
)
from desk_app.eforms.schema import FieldSpec, FormSchema, load_schema
from desk_app.text import fold, nfc

REVIEW_BELOW = 0.85
#: A declaration value the OCR is not sure of is only a suggestion: at most this confident, always reviewed.
UNSURE_CEILING = 0.6
_REGISTRY_CONFIDENCE = {"clerk": 0.95, "id_card": 0.95, "provincial": 0.9, "previous_dossier": 0.88}
_SOURCE_LABEL = {"id_card": "Thẻ căn cước", "registry": "Sổ công dân", "reused_document": "Giấy tờ đã số hóa",
                 "form_extraction": "Tờ khai giấy", "derived": "Suy ra", "settings": "Cấu hình", "clerk": "Cán bộ nhập",
                 "default": "Mặc định"}
#: Where a value came from, as the clerk reads it next to the field (finer than the schema's ``sources``).
ORIGIN_LABEL = {"cccd_qr": "Thẻ CCCD (mã QR)", "cccd_chip": "Chip CCCD", "cccd_mrz": "Thẻ CCCD (MRZ)",
                "cccd_wedge": "Thẻ CCCD (máy đọc QR)", "population_db": "CSDL dân cư",
                "registry": "Sổ công dân", "previous_dossier": "Hồ sơ trước", "reused_document": "Giấy tờ đã số hóa",
                "ocr": "Tờ khai (OCR)", "derived": "Suy ra", "relation": "Theo quan hệ", "settings": "Cấu hình",
                "clerk": "Nhập tay", "draft": "Bản nháp", "default": "Mặc định"}
_DEFAULT_ORIGIN = {"id_card": "cccd_qr", "registry": "registry", "reused_document": "reused_document",
                   "form_extraction": "ocr", "derived": "derived", "settings": "settings", "clerk": "clerk",
                   "default": "default"}


@dataclass(frozen=True)
class Candidate:
    value: str
    source: str
    confidence: float
    provenance: str = ""
    origin: str = ""        # a key of ORIGIN_LABEL; defaults from *source*
    unsure: bool = False    # the reader itself flagged the value as a guess (OCR "sure" = False)

    @property
    def origin_label(self) -> str:
        origin = self.origin or _DEFAULT_ORIGIN.get(self.source, self.source)
        return ORIGIN_LABEL.get(origin, origin)


@dataclass
class FilledField:
    key: str
    value: str
    source: str
    confidence: float
    provenance: str
    needs_review: bool = False
    alternatives: list[Candidate] = field(default_factory=list)
    origin: str = ""

    @property
    def source_label(self) -> str:
        return _SOURCE_LABEL.get(self.source, self.source)

    @property
    def origin_label(self) -> str:
        origin = self.origin or _DEFAULT_ORIGIN.get(self.source, self.source)
        return ORIGIN_LABEL.get(origin, origin)


@dataclass
class PrefillResult:
    procedure: str
    fields: dict[str, FilledField]
    missing: list[str]
    problems: dict[str, str]

    def values(self) -> dict[str, str]:
        return {key: f.value for key, f in self.fields.items()}

    def review_keys(self) -> list[str]:
        return [key for key, f in self.fields.items() if f.needs_review]

    def prefilled_share(self, total: int) -> float:
        """Share of the form's fields filled by anything but the clerk's typing."""
        auto = sum(1 for f in self.fields.values() if f.source != "clerk")
        return auto / total if total else 0.0


@dataclass
class PrefillInputs:
    card: Any | None = None  # desk_app.eforms.id_card.CardReading
    card_role: str = "declarant"
    records: dict[str, Any] = field(default_factory=dict)  # role → services.registry.CitizenRecord
    documents: list[Any] = field(default_factory=list)  # services.registry.ReusableDocument
    # key → (value, confidence) or (value, confidence, sure); see :func:`extraction_inputs`
    extraction: dict[str, tuple] = field(default_factory=dict)
    clerk: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)  # agency_name, place_name
    today: date | None = None
    # Counts the desk knows from the counter itself: "pages" (non-blank pages of the originals scanned,
    # or the count the clerk typed for the fee), "copies" (copies asked for). Read by "desk_count" rules.
    desk_counts: dict[str, int] = field(default_factory=dict)


Persons = dict[str, dict[str, list[Candidate]]]


def _add(persons: Persons, role: str, attr: str, candidate: Candidate) -> None:
    if candidate.value:
        persons.setdefault(role, {}).setdefault(attr, []).append(candidate)


def _card_facts(persons: Persons, card: Any, role: str) -> None:
    signed = card.source in ("qr", "keyboard", "chip")  # the chip's data group carries diacritics too
    label = {"qr": "mã QR", "mrz": "vùng MRZ", "keyboard": "máy đọc QR", "chip": "chip"}.get(card.source, card.source)
    prov = f"Thẻ căn cước ({label})"
    origin = {"qr": "cccd_qr", "mrz": "cccd_mrz", "keyboard": "cccd_wedge", "chip": "cccd_chip"}.get(card.source,
                                                                                                     "cccd_qr")
    name_conf = 0.98 if card.source in ("qr", "chip") else (0.7 if card.source == "keyboard" else 0.5)  # MRZ: no diacritics
    checked = check_id(card.id_number, card.dob, card.gender)
    id_conf = 0.98 if checked.ok and (signed or card.mrz_valid) else 0.6
    if card.source == "chip":   # signed by the issuing authority and checked against its signature: the best source
        name_conf = id_conf = 0.999

    def fact(attr: str, value: str, confidence: float) -> None:
        _add(persons, role, attr, Candidate(value, "id_card", confidence, prov, origin))

    fact("full_name", nfc(card.full_name), name_conf)
    fact("id_number", card.id_number, id_conf)
    if card.dob:
        fact("dob", format_date(card.dob), id_conf)
        fact("birth_year", str(card.dob.year), id_conf)
    if card.gender:
        fact("gender", card.gender, id_conf)
    if card.place_of_residence:
        fact("place_of_residence", nfc(card.place_of_residence),
             0.999 if card.source == "chip" else 0.95 if card.source == "qr" else 0.7)
    fact("id_doc", id_doc_text(card.id_number, card.issue_date), id_conf)
    # Only Vietnamese citizens hold a CCCD.
    fact("nationality", "Việt Nam", 0.95)
    if card.source == "chip":   # what only the chip's DG13 carries (quê quán is the forms' "hometown")
        for attr, field_name in (("ethnicity", "ethnicity"), ("religion", "religion"), ("hometown", "place_of_origin"),
                                 ("father_name", "father_name"), ("mother_name", "mother_name"),
                                 ("spouse_name", "spouse_name")):
            if getattr(card, field_name, None):
                fact(attr, nfc(getattr(card, field_name)), 0.999)


def _spouse_facts(persons: Persons, card: Any) -> None:
    """The chip of one parent names the spouse: the other parent of a child born in the marriage.

    Presumed, not proven (Luật Hôn nhân và gia đình, Điều 88): below the review line, for the clerk to confirm.
    """
    spouse = nfc(getattr(card, "spouse_name", None) or "")
    holder = {role for role, attrs in persons.items()
              if any(c.value == card.id_number for c in attrs.get("id_number", []))}
    for parent, other in (("mother", "father"), ("father", "mother")):
        if spouse and parent in holder and other not in holder:
            _add(persons, other, "full_name", Candidate(spouse, "id_card", 0.8,
                                                        "Chip CCCD của vợ/chồng: họ tên vợ/chồng", "cccd_chip"))


def _record_facts(persons: Persons, record: Any, role: str, today: date) -> None:
    for attr, known in record.values.items():
        confidence = _REGISTRY_CONFIDENCE.get(known.source, 0.85)
        age_days = (today - known.recorded_at.date()).days
        if attr == "place_of_residence" and age_days > 365:
            confidence -= 0.15  # people move: an old address needs a look
        prov = f"Sổ công dân ({_SOURCE_LABEL.get(known.source, known.source)}"
        prov += f" {known.source_ref}" if known.source_ref else ""
        prov += f", {known.recorded_at:%d/%m/%Y})"
        origin = {"previous_dossier": "previous_dossier", "provincial": "population_db"}.get(known.source, "registry")
        value = known.value
        if attr == "dob":
            parsed = parse_date(value)
            if parsed is None:
                continue
            value = format_date(parsed)
            _add(persons, role, "birth_year", Candidate(str(parsed.year), "registry", confidence, prov, origin))
        if attr in ("issue_date", "expiry_date"):
            continue
        _add(persons, role, attr, Candidate(value, "registry", confidence, prov, origin))
    _add(persons, role, "id_number", Candidate(record.id_number, "registry", 0.95, "Sổ công dân"))
    issue = record.values.get("issue_date")
    _add(persons, role, "id_doc", Candidate(
        id_doc_text(record.id_number, parse_date(issue.value) if issue else None), "registry", 0.9, "Sổ công dân"))


def _document_facts(persons: Persons, schema: FormSchema, documents: Iterable[Any]) -> None:
    for doc in documents:
        if not getattr(doc, "valid_on_date", True):
            continue
        roles = schema.document_roles.get(doc.kind, {})
        prov = f"{doc.name}" + (f" số {doc.number}" if doc.number else "") + (
            f" (hồ sơ {doc.dossier_code})" if doc.dossier_code else "")
        for doc_role, attrs in (doc.fields.get("persons") or {}).items():
            role = roles.get(doc_role)
            if role is None:
                continue
            for attr, value in attrs.items():
                _add(persons, role, attr, Candidate(nfc(str(value)), "reused_document", 0.9, prov, "previous_dossier"))


def _derive_from_ids(persons: Persons) -> None:
    for role, attrs in persons.items():
        for cand in list(attrs.get("id_number", [])):
            gender = gender_from_id(cand.value)
            year = birth_year_from_id(cand.value)
            prov = f"Suy ra từ số định danh {cand.value}"
            if gender:
                _add(persons, role, "gender", Candidate(gender, cand.source, cand.confidence * 0.97, prov, cand.origin))
            if year:
                _add(persons, role, "birth_year", Candidate(str(year), cand.source, cand.confidence * 0.97, prov,
                                                            cand.origin))


def _merge_same_persons(persons: Persons, schema: FormSchema, relationship_of: dict[str, str]) -> None:
    for rule in schema.same_person:
        value = relationship_of.get(rule["field"], "")
        if not value or fold(value) not in {fold(v) for v in rule["values"]}:
            continue
        roles = rule["roles"]
        merged: dict[str, list[Candidate]] = {}
        for role in roles:
            for attr, cands in persons.get(role, {}).items():
                merged.setdefault(attr, []).extend(cands)
        for role in roles:
            persons[role] = {attr: list(cands) for attr, cands in merged.items()}


def _choose(spec: FieldSpec, candidates: list[Candidate]) -> FilledField | None:
    if not candidates:
        return None
    # Equal values from several sources back each other up.
    groups: dict[str, list[Candidate]] = {}
    for cand in candidates:
        groups.setdefault(fold(cand.value), []).append(cand)
    scored = []
    for group in groups.values():
        best = max(group, key=lambda c: c.confidence)
        sources = {c.source for c in group}
        bonus = 0.03 * (len(sources) - 1)
        scored.append((min(0.999, best.confidence + bonus), best, group))
    scored.sort(key=lambda item: item[0], reverse=True)
    confidence, best, group = scored[0]
    rivals = [item for item in scored[1:] if item[0] >= 0.8]
    alternatives = [item[1] for item in scored[1:]]
    # A value only an unsure reading backs is a suggestion: shown, never taken without the clerk.
    unsure = all(c.unsure for c in group)
    return FilledField(key=spec.key, value=best.value, source=best.source, confidence=round(confidence, 3),
                       provenance=best.provenance,
                       needs_review=confidence < REVIEW_BELOW or bool(rivals) or unsure,
                       alternatives=alternatives, origin=best.origin)


def _allowed(spec: FieldSpec, cand: Candidate) -> bool:
    return cand.source in spec.sources or cand.source == "default"


def prefill(schema: FormSchema | str, inputs: PrefillInputs) -> PrefillResult:
    """Fill *schema* from *inputs*; see the module docstring for the rules."""
    schema = load_schema(schema) if isinstance(schema, str) else schema
    today = inputs.today or now_local().date()
    clerk = {k: nfc(v) for k, v in inputs.clerk.items() if nfc(v)}

    persons: Persons = {}
    if inputs.card is not None:
        _card_facts(persons, inputs.card, inputs.card_role)
    for role, record in inputs.records.items():
        if record is not None:
            _record_facts(persons, record, role, today)
    _document_facts(persons, schema, inputs.documents)
    guesses = _relationship_guesses(schema, persons, inputs, clerk)
    relationship_of = {k: clerk.get(k) or (inputs.extraction.get(k) or ("",))[0]
                       or (guesses[k].value if k in guesses else "") or (schema.field(k).default or "")
                       for k in {r["field"] for r in schema.same_person}}
    _merge_same_persons(persons, schema, relationship_of)
    if inputs.card is not None and inputs.card.source == "chip":
        _spouse_facts(persons, inputs.card)
    # Facts typed by the clerk about a person (e.g. the mother's ID) feed that person's other fields.
    for spec in schema.fields:
        if spec.person and spec.key in clerk:
            _add(persons, spec.person, spec.attr, Candidate(clerk[spec.key], "clerk", 1.0, "Cán bộ nhập"))
    _derive_from_ids(persons)

    filled: dict[str, FilledField] = {}
    for spec in schema.fields:
        if spec.key in clerk:
            others = [c for c in _candidates(spec, persons, inputs) if fold(c.value) != fold(clerk[spec.key])]
            filled[spec.key] = FilledField(spec.key, clerk[spec.key], "clerk", 1.0, "Cán bộ nhập",
                                           alternatives=_distinct(others), origin="clerk")
            continue
        choice = _choose(spec, _candidates(spec, persons, inputs) + (
            [guesses[spec.key]] if spec.key in guesses else []))
        if choice is not None:
            filled[spec.key] = choice

    # Derived fields come last: they read the values chosen above.
    for spec in schema.fields:
        if spec.derive is None or spec.key in clerk:
            continue
        derived = _derive(spec, filled, persons, today, inputs.desk_counts)
        if derived is None:
            continue
        pool = ([derived] + [c for c in [_as_candidate(filled.get(spec.key))] if c])
        choice = _choose(spec, pool)
        if choice is not None:
            filled[spec.key] = choice

    # A form default ("1" copy) is not a reading of anything: shown as «Mặc định», confirmed only where it
    # decides who is who (a relationship in a same_person rule fills one person's fields from another's).
    identity_keys = {rule["field"] for rule in schema.same_person}
    for spec in schema.fields:
        if spec.key not in filled and spec.default:
            filled[spec.key] = FilledField(spec.key, spec.default, "default", 0.6, "Giá trị mặc định của mẫu",
                                           needs_review=spec.key in identity_keys, origin="default")

    problems = schema.validate({k: f.value for k, f in filled.items()})
    for key in problems:
        if key in filled and filled[key].source != "clerk":
            filled[key].needs_review = True
    ordered = {spec.key: filled[spec.key] for spec in schema.fields if spec.key in filled}
    missing = [spec.key for spec in schema.fields if spec.key not in filled]
    return PrefillResult(procedure=schema.procedure, fields=ordered, missing=missing, problems=problems)


def _relationship_guesses(schema: FormSchema, persons: Persons, inputs: PrefillInputs,
                          clerk: dict[str, str]) -> dict[str, Candidate]:
    """The applicant's relationship to the subject guessed from the applicant's gender (a woman registering a
    birth is most often the mother): a suggestion the clerk confirms with one key, never a silent value."""
    guesses: dict[str, Candidate] = {}
    for spec in schema.fields:
        table = spec.relation_by_gender
        if not table or spec.key in clerk or (inputs.extraction.get(spec.key) or ("",))[0]:
            continue
        facts = persons.get(inputs.card_role, {})
        genders = [c.value for c in facts.get("gender", [])]
        genders += [g for g in (gender_from_id(c.value) for c in facts.get("id_number", [])) if g]
        value = table.get(genders[0]) if genders else None
        if value:
            guesses[spec.key] = Candidate(value, "derived", 0.7, f"Đoán theo giới tính người nộp ({genders[0]})",
                                          "relation")
    return guesses


def _as_candidate(f: FilledField | None) -> Candidate | None:
    return Candidate(f.value, f.source, f.confidence, f.provenance, f.origin) if f else None


def _distinct(cands: list[Candidate]) -> list[Candidate]:
    best: dict[str, Candidate] = {}
    for cand in cands:
        key = fold(cand.value)
        if key not in best or cand.confidence > best[key].confidence:
            best[key] = cand
    return sorted(best.values(), key=lambda c: c.confidence, reverse=True)


def _candidates(spec: FieldSpec, persons: Persons, inputs: PrefillInputs) -> list[Candidate]:
    found: list[Candidate] = []
    if spec.person and spec.attr:
        found += [c for c in persons.get(spec.person, {}).get(spec.attr, []) if _allowed(spec, c)]
    if "form_extraction" in spec.sources and spec.key in inputs.extraction:
        value, confidence, sure = (tuple(inputs.extraction[spec.key]) + (True,))[:3]
        if value:
            confidence = float(confidence) if sure else min(float(confidence), UNSURE_CEILING)
            prov = "Tờ khai giấy (nhận dạng)" if sure else "Tờ khai giấy (nhận dạng, chưa chắc chắn)"
            found.append(Candidate(nfc(value), "form_extraction", confidence, prov, "ocr", unsure=not sure))
    if "settings" in spec.sources and spec.setting and inputs.settings.get(spec.setting):
        found.append(Candidate(nfc(inputs.settings[spec.setting]), "settings", 0.99, "Cấu hình của bộ phận"))
    return found


def _derive(spec: FieldSpec, filled: dict[str, FilledField], persons: Persons, today: date,
            desk_counts: dict[str, int] | None = None) -> Candidate | None:
    rule = spec.derive or {}
    kind = rule.get("rule")

    def source_value(name: str) -> tuple[str, float] | None:
        if name in filled:
            return filled[name].value, filled[name].confidence
        role, _, attr = name.partition("_")
        cands = persons.get(role, {}).get(attr, [])
        if cands:
            best = max(cands, key=lambda c: c.confidence)
            return best.value, best.confidence
        return None

    if kind == "date_in_words":
        got = source_value(rule["from"])
        parsed = parse_date(got[0]) if got else None
        if parsed:
            return Candidate(date_in_words(parsed), "derived", got[1], f"Suy ra từ «{rule['from']}»")
    elif kind == "same_if_equal":
        got = [source_value(name) for name in rule["from"]]
        known = [g for g in got if g]
        if known and len({fold(g[0]) for g in known}) == 1:
            if len(known) == len(got):
                return Candidate(known[0][0], "derived", min(g[1] for g in known) * 0.95, "Giống của cha và mẹ")
            # Only one parent known (the father not declared): the child follows that parent — a suggestion
            # the clerk confirms, as the parents may have agreed otherwise.
            return Candidate(known[0][0], "derived", min(known[0][1] * 0.85, 0.8), "Theo người cha/mẹ đã biết",
                             "relation")
    elif kind == "copy":
        # "from" may list several fields: the first one known is copied (the child's residence: the mother's,
        # else the father's).
        for name in ([rule["from"]] if isinstance(rule["from"], str) else rule["from"]):
            got = source_value(name)
            if got:
                return Candidate(got[0], "derived", got[1] * 0.9, rule.get("note") or f"Theo «{name}»", "relation")
    elif kind == "today_words":
        return Candidate(signed_date_text(today), "derived", 0.99, "Ngày tiếp nhận")
    elif kind == "desk_count":
        count = (desk_counts or {}).get(rule["from"])
        if isinstance(count, int) and count > 0:
            # Counted from the pages on the counter, not read: sure enough to fill, and a paper declaration
            # giving another number still sends the field to review (two sources disagreeing).
            return Candidate(str(count), "derived", 0.9, rule.get("note") or "Theo số đếm tại quầy")
    return None


# --- gathering inputs from the desk ----------------------------------------------------------------

def gather_inputs(registry: Any, procedure: str, card: Any | None = None, clerk: dict[str, str] | None = None,
                  extraction: dict[str, tuple[str, float]] | None = None, settings: dict[str, str] | None = None,
                  card_role: str = "declarant", today: date | None = None,
                  desk_counts: dict[str, int] | None = None) -> PrefillInputs:
    """Look up the registry for the card holder and for every ID typed or extracted on the form."""
    schema = load_schema(procedure)
    clerk = clerk or {}
    extraction = extraction or {}
    records: dict[str, Any] = {}
    documents: list[Any] = []
    today = today or now_local().date()
    if card is not None:
        record = registry.get(card.id_number)
        if record is not None:
            records[card_role] = record
        documents += registry.documents_for_reuse(card.id_number, on=today)
    for spec in schema.fields:
        if spec.attr == "id_number" and spec.person and spec.person not in records:
            number = clerk.get(spec.key) or (extraction.get(spec.key) or ("",))[0]
            if number and check_id(number).ok:
                record = registry.get(number)
                if record is not None:
                    records[spec.person] = record
    return PrefillInputs(card=card, card_role=card_role, records=records, documents=documents,
                         extraction=extraction, clerk=clerk, settings=settings or {}, today=today,
                         desk_counts=dict(desk_counts or {}))


def prefill_share_for_returning_citizen() -> dict[str, Any]:
    """Benchmark scenario: a citizen known from an earlier dossier comes back with their ID card.

    For each procedure: share of fields pre-filled (a) from the card alone and (b) from the card plus
    the registry and documents digitised earlier; the clerk types only the relationship where the
    form asks for one.
    """
    from desk_app.eforms.id_card import CardReading
    from desk_app.eforms.schema import available_procedures

    today = date(2026, 11, 24)
    card = CardReading(source="qr", id_number="038085001234", full_name="Lê Văn Đạt", dob=date(1985, 4, 2),
                       gender="Nam", place_of_residence="Thôn Kim Lũ, Xã Hải Yến, Huyện Tĩnh Gia, Thanh Hóa",
                       issue_date=date(2022, 5, 10))

    @dataclass
    class _Known:
        value: str
        source: str
        recorded_at: datetime
        source_ref: str = ""

    @dataclass
    class _Record:
        id_number: str
        values: dict

    earlier = datetime(2025, 3, 12, 9, 30)
    record = _Record(card.id_number, {
        "full_name": _Known("Lê Văn Đạt", "id_card", earlier), "ethnicity": _Known("Kinh", "previous_dossier", earlier),
        "hometown": _Known("Xã Hải Yến, Huyện Tĩnh Gia, Thanh Hóa", "previous_dossier", earlier),
        "place_of_residence": _Known(card.place_of_residence, "id_card", earlier)})

    @dataclass
    class _Doc:
        kind: str
        name: str
        number: str
        dossier_code: str
        fields: dict
        valid_on_date: bool = True

    marriage = _Doc("marriage_certificate", "Giấy chứng nhận kết hôn", "12/2024", "H22.15-250312-0004", {"persons": {
        "husband": {"full_name": "Lê Văn Đạt", "dob": "02/04/1985", "ethnicity": "Kinh", "nationality": "Việt Nam",
                    "id_number": card.id_number},
        "wife": {"full_name": "Trần Thị Ngọc Ánh", "dob": "17/08/1990", "birth_year": "1990", "ethnicity": "Kinh",
                 "nationality": "Việt Nam", "id_number": "038190004321",
                 "place_of_residence": "Thôn Kim Lũ, Xã Hải Yến, Huyện Tĩnh Gia, Thanh Hóa"}}})
    settings = {"agency_name": "Ủy ban nhân dân xã Hải Yến", "place_name": "Hải Yến"}
    relationship = {"1.001193": {"declarant_relationship": "Cha"}, "1.000656": {"declarant_relationship": "Con"},
                    "1.004873": {"declarant_relationship": "Bản thân"}}
    roles = {"1.000894": "husband"}
    report = {}
    for procedure in available_procedures():
        schema = load_schema(procedure)
        clerk = relationship.get(procedure, {})
        role = roles.get(procedure, "declarant")
        card_only = prefill(schema, PrefillInputs(card=card, card_role=role, clerk=clerk, settings=settings,
                                                  today=today))
        full = prefill(schema, PrefillInputs(card=card, card_role=role, clerk=clerk, settings=settings, today=today,
                                             records={role: record}, documents=[marriage]))
        total = len(schema.fields)
        report[procedure] = {"title": schema.title, "fields": total,
                             "card_only": round(card_only.prefilled_share(total), 3),
                             "card_registry_documents": round(full.prefilled_share(total), 3),
                             "needs_review": len(full.review_keys()),
                             "filled_keys": sorted(k for k, f in full.fields.items() if f.source != "clerk")}
    return report
