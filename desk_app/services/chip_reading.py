"""Read the chip of the citizen's card at the desk: permission, the read itself, registry and audit.

The result is the same :class:`~desk_app.eforms.id_card.CardReading` the QR and MRZ give (so the
reception form, the registry and the e-form pre-fill take it unchanged), with source ``"chip"`` and the
fields only the chip has: ethnicity, religion, place of origin, identifying marks, the parents' and
spouse's names, and the passive-authentication result.

Privacy: the audit row says who read which citizen's chip when, and the authentication status — never
the data or the photo. The registry keeps the same fields as for a QR read; the parents' and spouse's
names go only to the e-form of the dossier being received; the photo stays in memory for the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from desk_app.desk import Desk
from desk_app.eforms.id_card import CardReading
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.services.registry import CitizenRegistry
from desk_app.storage.db import transaction
from desk_app.storage.identity_models import Citizen
from desk_app.text import nfc
from scanning.id_card.chip.access_key import AccessKey, parse_access
from scanning.id_card.chip.errors import ChipError, TamperedDataError
from scanning.id_card.chip.passive_auth import load_revocation_lists, load_trust_anchors
from scanning.id_card.chip.reader import ChipRead, read_chip
from scanning.id_card.chip.transport import PcscTransport

SOURCE = "chip"
SOURCE_LABEL = "chip CCCD"
CSCA_FOLDER = "csca"   # <data folder>/csca: CSCA certificates and ICAO master lists the office installs


@dataclass
class ChipCardReading(CardReading):
    nationality: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    place_of_origin: str | None = None
    identifying_marks: str | None = None
    father_name: str | None = None
    mother_name: str | None = None
    spouse_name: str | None = None
    authentication: dict = field(default_factory=dict)   # status, message, signer, groups checked
    face_image: bytes | None = field(default=None, repr=False)   # shown, never stored
    face_mime: str | None = None

    def as_json(self) -> dict:
        """The ``read-id`` fields, the chip-only fields and the authentication result (no photo)."""
        out = super().as_json()
        for key in ("nationality", "ethnicity", "religion", "place_of_origin", "identifying_marks", "father_name",
                    "mother_name", "spouse_name"):
            value = getattr(self, key)
            if value:
                out[key] = value
        out["authentication"] = dict(self.authentication)
        out["warnings"] = list(self.warnings)
        return out


def trust_anchor_paths(desk: Desk) -> list[Path]:
    folder = Path(desk.folder) / CSCA_FOLDER
    return [folder] if folder.is_dir() else []


def to_card_reading(chip: ChipRead) -> ChipCardReading:
    c = chip.citizen
    reading = ChipCardReading(
        source=SOURCE, id_number=c.id_number, full_name=nfc(c.full_name), old_id=c.old_id, dob=c.dob,
        gender=c.gender, place_of_residence=nfc(c.place_of_residence or "") or None, issue_date=c.issue_date,
        expiry_date=c.expiry_date, mrz_valid=True, nationality=c.nationality, ethnicity=c.ethnicity,
        religion=c.religion, place_of_origin=nfc(c.place_of_origin or "") or None,
        identifying_marks=c.identifying_marks, father_name=nfc(c.father_name or "") or None,
        mother_name=nfc(c.mother_name or "") or None, spouse_name=nfc(c.spouse_name or "") or None,
        authentication={"status": chip.auth.status, "message": chip.auth.message, "signer": chip.auth.signer,
                        "data_groups_checked": chip.auth.hashes_checked, "access": chip.access_protocol,
                        "active_authentication": chip.active_authentication,
                        "chip_authentication": chip.chip_authentication},
        face_image=chip.face.data if chip.face else None, face_mime=chip.face.mime if chip.face else None)
    if not chip.auth.trusted:
        reading.warnings.append(chip.auth.message)
    return reading


def read_chip_card(desk: Desk, who: Identity, key: AccessKey | str, reader_name: str | None = None,
                   trust_paths: list[Path] | None = None, *, transport_factory=PcscTransport) -> ChipCardReading:  # noqa: ANN001
    """Read the card on the reader as *who* (permission to receive dossiers), record and audit the read.

    *key*: the MRZ key, the text of one (MRZ lines or "số, ngày sinh, ngày hết hạn"), or a six-digit CAN.

    Raises :class:`~scanning.id_card.chip.errors.ChipError` (Vietnamese message) when the chip cannot be
    read or its data are not the signed ones; a refused read is audited too (with the document number
    only, as the chip's data were not accepted).
    """
    if isinstance(key, str):
        key = parse_access(key)
    with transaction(desk.sessions) as session:
        authorize(session, who, Permission.RECEIVE_DOSSIER)   # before the chip is touched
    paths = trust_paths if trust_paths is not None else trust_anchor_paths(desk)
    anchors, crls = load_trust_anchors(*paths), load_revocation_lists(*paths)
    try:
        with transport_factory(reader_name) as transport:
            chip = read_chip(transport, key, anchors, crls=crls)
    except TamperedDataError as exc:
        with transaction(desk.sessions) as session:
            user = authorize(session, who, Permission.RECEIVE_DOSSIER)
            number = key.document_number if isinstance(key, AccessKey) else "CAN"
            audit.record(session, user, "citizen.chip_refused", "citizen_card", f"…{number[-4:]}",
                         reason=type(exc).__name__)
        raise
    reading = to_card_reading(chip)
    CitizenRegistry(desk.sessions, who).upsert_from_card(reading)   # audited there (citizen.card_read)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECEIVE_DOSSIER)
        citizen_id = session.scalar(select(Citizen.id).where(Citizen.id_number == reading.id_number))
        audit.record(session, user, "citizen.chip_read", "citizen", citizen_id or "", source=SOURCE,
                     access=chip.access_protocol, authentication=chip.auth.status, data_groups=chip.groups_read)
    return reading


__all__ = ["ChipCardReading", "ChipError", "read_chip_card", "to_card_reading", "SOURCE", "SOURCE_LABEL"]
