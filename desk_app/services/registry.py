"""Citizen registry: who we already know, what we know about them, and which of their papers we hold.

- :meth:`CitizenRegistry.upsert_from_card` records an ID-card reading (source ``id_card``);
  :meth:`record_values` adds values from a previous dossier, the clerk or provincial data.
- :meth:`search` is diacritic-insensitive (đ→d) by name prefix (full name, or name without surname),
  ID / old CMND number and date of birth; every query is an index range scan with a LIMIT, so it stays
  in milliseconds with a million citizens (benchmarks/identity_benchmark.py).
- :meth:`documents_for_reuse` lists papers digitised in earlier dossiers with their validity on a
  date; :meth:`record_reuse` writes the reuse onto a dossier with the DVCQG flags (DOMAIN.md §3.3).
Each public method is one transaction that first authorises the signed-in identity the registry was
opened with (reading needs ``VIEW_DOSSIERS``, recording ``RECEIVE_DOSSIER``, bulk loads ``IMPORT_DATA``)
and audits what it did: which citizens (their row ids in ``citizens``, never names or ID numbers), how
many, from which source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.clock import now_local
from desk_app.domain.personal_id import (
    KIND_OLD_CMND,
    KIND_PERSONAL_ID,
    check_id,
    normalise_id,
)
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.storage.db import transaction
from desk_app.storage.identity_models import (
    SOURCES,
    Citizen,
    CitizenDocument,
    CitizenValue,
    DossierDocumentReuse,
)
from desk_app.text import fold, nfc

# Fields kept on the citizens row (searchable); everything else lives only in citizen_values.
_ROW_FIELDS = ("full_name", "dob", "gender", "place_of_residence", "old_id")
# When two sources disagree on the same day, the more authoritative one is current.
_SOURCE_RANK = {"clerk": 4, "id_card": 3, "provincial": 2, "previous_dossier": 1}


class RegistryError(DeskError):
    pass


@dataclass(frozen=True)
class KnownValue:
    value: str
    source: str
    recorded_at: datetime
    source_ref: str = ""


@dataclass
class CitizenRecord:
    id_number: str
    full_name: str
    dob: date | None
    gender: str
    place_of_residence: str
    old_id: str
    values: dict[str, KnownValue] = field(default_factory=dict)  # current value per field, with provenance
    history: dict[str, list[KnownValue]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReusableDocument:
    id: int
    kind: str
    name: str
    number: str
    issuer: str
    issued_on: date | None
    valid_until: date | None
    permanent: bool
    dossier_code: str
    valid_on_date: bool
    fields: dict[str, Any]


def _given_part(folded_name: str) -> str:
    parts = folded_name.split(" ", 1)
    return parts[1] if len(parts) == 2 else folded_name


def _prefix_range(column, prefix: str):
    # A range instead of LIKE: SQLite's LIKE is case-insensitive and skips the index.
    return and_(column >= prefix, column < prefix + "\uffff")


def _as_text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return nfc(str(value)) if value is not None else ""


def _ids_text(ids: Iterable[int]) -> str:
    return ",".join(str(i) for i in ids)[:100]


class CitizenRegistry:
    """The registry as seen by one signed-in user (*who*, issued by :func:`desk_app.services.users.sign_in`)."""

    def __init__(self, sessions: sessionmaker[Session], who: Identity):
        self.sessions = sessions
        self.who = who

    # --- writing --------------------------------------------------------------------------------

    def upsert_from_card(self, reading: Any, at: datetime | None = None) -> CitizenRecord:
        """Record a :class:`desk_app.eforms.id_card.CardReading` (or anything with the same fields)."""
        values = {key: getattr(reading, key, None) for key in
                  ("full_name", "dob", "gender", "place_of_residence", "old_id", "issue_date", "expiry_date")}
        ref = f"thẻ cấp {reading.issue_date:%d/%m/%Y}" if getattr(reading, "issue_date", None) else ""
        return self.record_values(reading.id_number, values, source="id_card", source_ref=ref, at=at,
                                  _action="citizen.card_read")

    def record_values(self, id_number: str, values: dict[str, Any], source: str, source_ref: str = "",
                      at: datetime | None = None, *, _action: str = "citizen.record") -> CitizenRecord:
        if source not in SOURCES:
            raise RegistryError(f"Nguồn dữ liệu «{source}» không hợp lệ.")
        number = normalise_id(id_number)
        check = check_id(number)
        if check.kind is None:
            raise RegistryError(check.problems[0])
        at = at or now_local()
        with transaction(self.sessions) as session:
            user = authorize(session, self.who, Permission.RECEIVE_DOSSIER)
            citizen = session.scalar(select(Citizen).where(Citizen.id_number == number))
            created = citizen is None
            if citizen is None:
                citizen = Citizen(id_number=number, id_kind=check.kind, full_name="", name_folded="",
                                  given_folded="", gender="", place_of_residence="", old_id="")
                session.add(citizen)
                session.flush()
            current = self._current_values(session, citizen.id)
            for key, raw in values.items():
                text = _as_text(raw)
                if not text:
                    continue
                session.add(CitizenValue(citizen_id=citizen.id, field=key, value=text, source=source,
                                         source_ref=source_ref, recorded_at=at))
                previous = current.get(key)
                if previous is None or self._wins(at, source, previous):
                    current[key] = KnownValue(text, source, at, source_ref)
            self._apply_row(citizen, current)
            session.flush()
            audit.record(session, user, _action, "citizen", citizen.id, source=source, created=created,
                         fields=sorted(k for k, v in values.items() if _as_text(v)))
            return self._record(session, citizen)

    @staticmethod
    def _wins(at: datetime, source: str, previous: KnownValue) -> bool:
        if at.date() != previous.recorded_at.date():
            return at > previous.recorded_at
        return _SOURCE_RANK[source] >= _SOURCE_RANK[previous.source]

    @staticmethod
    def _apply_row(citizen: Citizen, current: dict[str, KnownValue]) -> None:
        for key in _ROW_FIELDS:
            if key not in current:
                continue
            value = current[key].value
            setattr(citizen, key, date.fromisoformat(value) if key == "dob" else value)
        citizen.name_folded = fold(citizen.full_name)
        citizen.given_folded = _given_part(citizen.name_folded)

    def _current_values(self, session: Session, citizen_id: int) -> dict[str, KnownValue]:
        current: dict[str, KnownValue] = {}
        rows = session.scalars(select(CitizenValue).where(CitizenValue.citizen_id == citizen_id)
                               .order_by(CitizenValue.id))
        for row in rows:
            known = KnownValue(row.value, row.source, row.recorded_at, row.source_ref)
            if row.field not in current or self._wins(row.recorded_at, row.source, current[row.field]):
                current[row.field] = known
        return current

    def _record(self, session: Session, citizen: Citizen) -> CitizenRecord:
        history: dict[str, list[KnownValue]] = {}
        for row in session.scalars(select(CitizenValue).where(CitizenValue.citizen_id == citizen.id)
                                   .order_by(CitizenValue.id)):
            history.setdefault(row.field, []).append(
                KnownValue(row.value, row.source, row.recorded_at, row.source_ref))
        return CitizenRecord(id_number=citizen.id_number, full_name=citizen.full_name, dob=citizen.dob,
                             gender=citizen.gender, place_of_residence=citizen.place_of_residence,
                             old_id=citizen.old_id, values=self._current_values(session, citizen.id),
                             history=history)

    def bulk_insert(self, rows: Iterable[dict[str, Any]], source: str = "provincial",
                    at: datetime | None = None, batch: int = 20000) -> int:
        """Load many citizens at once (provincial data import); rows need id_number and full_name."""
        at = at or now_local()
        count = 0
        citizens_table, values_table = Citizen.__table__, CitizenValue.__table__
        chunk: list[dict] = []

        def flush(session: Session) -> None:
            if not chunk:
                return
            ids = session.execute(citizens_table.insert().returning(citizens_table.c.id, citizens_table.c.id_number),
                                  [{k: v for k, v in row.items() if not k.startswith("_")} for row in chunk]).all()
            by_number = {number: cid for cid, number in ids}
            value_rows = [{"citizen_id": by_number[row["id_number"]], "field": key, "value": _as_text(row[key]),
                           "source": source, "source_ref": "", "recorded_at": at}
                          for row in chunk for key in _ROW_FIELDS if row.get(key)]
            session.execute(values_table.insert(), value_rows)
            chunk.clear()

        with transaction(self.sessions) as session:
            user = authorize(session, self.who, Permission.IMPORT_DATA)
            for row in rows:
                number = normalise_id(row["id_number"])
                name = nfc(row["full_name"])
                folded = fold(name)
                chunk.append({"id_number": number, "id_kind": KIND_OLD_CMND if len(number) == 9 else KIND_PERSONAL_ID,
                              "old_id": row.get("old_id") or "", "full_name": name, "name_folded": folded,
                              "given_folded": _given_part(folded), "dob": row.get("dob"),
                              "gender": row.get("gender") or "",
                              "place_of_residence": nfc(row.get("place_of_residence")), "updated_at": at})
                count += 1
                if len(chunk) >= batch:
                    flush(session)
            flush(session)
            audit.record(session, user, "citizen.import", "citizen", "", source=source, count=count)
        return count

    # --- reading --------------------------------------------------------------------------------

    def get(self, id_number: str) -> CitizenRecord | None:
        number = normalise_id(id_number)
        with transaction(self.sessions) as session:
            user = authorize(session, self.who, Permission.VIEW_DOSSIERS)
            citizen = session.scalar(select(Citizen).where(
                or_(Citizen.id_number == number, Citizen.old_id == number) if len(number) == 9
                else Citizen.id_number == number))
            audit.record(session, user, "citizen.read", "citizen", citizen.id if citizen else "",
                         found=citizen is not None)
            return self._record(session, citizen) if citizen else None

    def search(self, text: str | None = None, dob: date | str | None = None, limit: int = 20) -> list[CitizenRecord]:
        """Citizens matching a name prefix / ID / old ID (*text*) and/or a date of birth (*dob*).

        Results carry the current values only (no history), ordered by name.
        """
        query = select(Citizen)
        conditions = []
        if isinstance(dob, str):
            dob = date.fromisoformat(dob)
        text = nfc(text)
        digits = normalise_id(text)
        is_number = bool(text) and re.fullmatch(r"\d{1,12}", digits) is not None
        if is_number and len(digits) in (9, 12):
            conditions.append(or_(Citizen.id_number == digits, Citizen.old_id == digits))
        elif is_number:
            conditions.append(_prefix_range(Citizen.id_number, digits))
        if dob is not None:
            conditions.append(Citizen.dob == dob)
        if text and not is_number:
            key = fold(text)
            # Two index range scans, each already in index order so LIMIT stops early (an OR of the
            # two would sort every "văn an" in the province first).
            queries = [query.where(_prefix_range(column, key), *conditions).order_by(column).limit(limit)
                       for column in (Citizen.name_folded, Citizen.given_folded)]
        elif conditions:
            queries = [query.where(*conditions).order_by(Citizen.name_folded).limit(limit)]
        else:
            queries = []
        with transaction(self.sessions) as session:
            user = authorize(session, self.who, Permission.VIEW_DOSSIERS)
            found: dict[int, Citizen] = {}
            for q in queries:
                for citizen in session.scalars(q):
                    found.setdefault(citizen.id, citizen)
            rows = sorted(found.values(), key=lambda c: (c.name_folded, c.id_number))[:limit]
            # What kind of query, and who came back; never the typed name, number or date itself.
            kinds = [k for k, used in (("name", bool(text) and not is_number), ("id", is_number),
                                       ("dob", dob is not None)) if used]
            audit.record(session, user, "citizen.search", "citizen", _ids_text(c.id for c in rows),
                         query_kind="+".join(kinds), results=len(rows), citizens=[c.id for c in rows])
            return [CitizenRecord(id_number=c.id_number, full_name=c.full_name, dob=c.dob, gender=c.gender,
                                  place_of_residence=c.place_of_residence, old_id=c.old_id) for c in rows]

    # --- documents and reuse ---------------------------------------------------------------------

    def add_document(self, id_number: str, kind: str, name: str, *, number: str = "", issuer: str = "",
                     issued_on: date | None = None, valid_until: date | None = None, permanent: bool = False,
                     is_result: bool = False, dossier_code: str = "", component_code: str = "",
                     national_store_code: str = "", file_sha256: str | None = None,
                     fields: dict[str, Any] | None = None) -> int:
        with transaction(self.sessions) as session:
            user = authorize(session, self.who, Permission.RECEIVE_DOSSIER)
            citizen = session.scalar(select(Citizen).where(Citizen.id_number == normalise_id(id_number)))
            if citizen is None:
                raise RegistryError(f"Chưa có công dân số định danh {id_number} trong sổ.")
            document = CitizenDocument(
                citizen_id=citizen.id, kind=kind, name=nfc(name), number=nfc(number), issuer=nfc(issuer),
                issued_on=issued_on, valid_until=valid_until, permanent=permanent, is_result=is_result,
                dossier_code=dossier_code, component_code=component_code,
                national_store_code=national_store_code, file_sha256=file_sha256,
                fields=json.dumps(fields or {}, ensure_ascii=False))
            session.add(document)
            session.flush()
            audit.record(session, user, "citizen.document_add", "citizen", citizen.id, document=document.id,
                         kind=kind, dossier=dossier_code)
            return document.id

    def documents_for_reuse(self, id_number: str, on: date | None = None,
                            include_expired: bool = False) -> list[ReusableDocument]:
        """Papers already digitised for this citizen, valid ones first (newest first)."""
        on = on or now_local().date()
        with transaction(self.sessions) as session:
            user = authorize(session, self.who, Permission.VIEW_DOSSIERS)
            citizen_id = session.scalar(select(Citizen.id).where(Citizen.id_number == normalise_id(id_number)))
            rows = session.scalars(select(CitizenDocument).where(CitizenDocument.citizen_id == citizen_id)
                                   .order_by(CitizenDocument.digitised_at.desc())).all() if citizen_id else []
            audit.record(session, user, "citizen.documents", "citizen", citizen_id or "", results=len(rows))
            docs = [ReusableDocument(id=d.id, kind=d.kind, name=d.name, number=d.number, issuer=d.issuer,
                                     issued_on=d.issued_on, valid_until=d.valid_until, permanent=d.permanent,
                                     dossier_code=d.dossier_code,
                                     valid_on_date=d.permanent or d.valid_until is None or d.valid_until >= on,
                                     fields=json.loads(d.fields or "{}")) for d in rows]
        docs = [d for d in docs if include_expired or d.valid_on_date]
        return sorted(docs, key=lambda d: not d.valid_on_date)

    def record_reuse(self, dossier_id: int, document_id: int, component_code: str = "", *,
                     from_national_store: bool = False, replaces_result_code: str = "",
                     user_id: int | None = None, on: date | None = None) -> int:
        """Attach an earlier digitised document to a dossier component (DuocTaiSuDung = 1)."""
        on = on or now_local().date()
        with transaction(self.sessions) as session:
            user = authorize(session, self.who, Permission.RECEIVE_DOSSIER)
            user_id = user.id
            document = session.get(CitizenDocument, document_id)
            if document is None:
                raise RegistryError("Không tìm thấy giấy tờ đã số hóa để tái sử dụng.")
            if not document.permanent and document.valid_until is not None and document.valid_until < on:
                raise RegistryError(f"Giấy tờ «{document.name}» đã hết hiệu lực ngày "
                                    f"{document.valid_until:%d/%m/%Y}; không thể tái sử dụng.")
            reuse = DossierDocumentReuse(
                dossier_id=dossier_id, document_id=document_id, component_code=component_code or document.component_code,
                duoc_so_hoa=1, duoc_tai_su_dung=1, duoc_lay_tu_kho_dmqg=1 if from_national_store else 0,
                ma_ket_qua_thay_the=replaces_result_code or (document.number if document.is_result else ""),
                user_id=user_id)
            session.add(reuse)
            session.flush()
            audit.record(session, user, "citizen.document_reuse", "citizen", document.citizen_id,
                         document=document.id, dossier_id=dossier_id)
            return reuse.id

    def reuse_flags(self, dossier_id: int) -> list[dict[str, Any]]:
        """TaiLieuNop flags for the sync payload, one per reused document."""
        with transaction(self.sessions) as session:
            authorize(session, self.who, Permission.VIEW_DOSSIERS)
            rows = session.scalars(select(DossierDocumentReuse).where(DossierDocumentReuse.dossier_id == dossier_id)
                                   .order_by(DossierDocumentReuse.id)).all()
            return [{"MaThanhPhanHoSo": r.component_code, "TenTepDinhKem": r.document.name,
                     "DuocSoHoa": r.duoc_so_hoa, "DuocTaiSuDung": r.duoc_tai_su_dung,
                     "DuocLayTuKhoDMQG": r.duoc_lay_tu_kho_dmqg, "MaKetQuaThayThe": r.ma_ket_qua_thay_the}
                    for r in rows]


def record_access(sessions: sessionmaker[Session], who: Identity, action: str, id_numbers: Iterable[str]) -> None:
    """Audit that *who* looked at these citizens (by their row ids; no ID number or name in the log).

    The registry's own methods audit every read already; this is for reads that happen elsewhere.
    """
    numbers = sorted({normalise_id(n) for n in id_numbers if n})
    with transaction(sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        if not numbers:
            return
        ids = sorted(session.scalars(select(Citizen.id).where(Citizen.id_number.in_(numbers))))
        audit.record(session, user, action, "citizen", _ids_text(ids), count=len(numbers), citizens=ids)
