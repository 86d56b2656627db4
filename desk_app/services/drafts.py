"""Drafts of the dossier being received: nothing the clerk typed is lost to a crash or a closed window.

The reception panel (through ``ui/reception_draft.py``) hands its whole state — procedure, applicant
fields, e-form values, page→component assignment, result by post, the spool batch of the scanned
pages — to :func:`save_draft` on every change (debounced, on the database lane). One draft is kept per
user and desk; :func:`load_draft` gives it back to **the same user only**, after a restart, and
:func:`discard_draft` drops it when the dossier is filed or the clerk starts a new one (Ctrl+N).

A draft holds citizen data, so every call is authorised (the sign-in session, the account, the
``RECEIVE_DOSSIER`` permission) and reading it back is audited (``draft.read``) like any other read of
citizen data; discarding is audited too (``draft.discard``). Saves are not audited one by one (a save
follows every pause in typing; the filed dossier is audited when it is created).

The state is a JSON object chosen by the caller; this module only checks that it is one, normalises its
text to NFC and bounds its size. A draft whose dossier was filed already (the app stopped between the
filing and the clearing) is dropped when read, never offered again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.storage.db import transaction
from desk_app.storage.draft_models import IntakeDraft
from desk_app.storage.models import Dossier
from desk_app.text import nfc

log = logging.getLogger(__name__)

#: A draft's JSON text is at most this long (a counter form is a few kilobytes; page images are not in it).
MAX_PAYLOAD_CHARS = 1_000_000
STATE_VERSION = 1


class DraftError(DeskError, ValueError):
    """The draft cannot be kept as given; the message is for the clerk."""


@dataclass(frozen=True)
class Draft:
    state: dict[str, Any]
    intake_id: str
    batch_id: str
    saved_at: datetime
    revision: int


def desk_key(desk: Desk) -> str:
    """The desk a draft belongs to: desks sharing one database keep their own drafts."""
    settings = desk.settings
    return f"{settings.agency_id}/{settings.desk_number}"


def _normalised(value: Any, depth: int = 0) -> Any:
    if depth > 20:
        raise DraftError("Bản nháp lồng nhau quá sâu; không lưu được.")
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {str(nfc(str(k))): _normalised(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalised(v, depth + 1) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    raise DraftError(f"Bản nháp có giá trị kiểu «{type(value).__name__}» không lưu được.")


def encode_state(state: dict[str, Any]) -> str:
    """The state as the JSON text stored (NFC, sorted keys): equal states give equal texts."""
    if not isinstance(state, dict):
        raise DraftError("Bản nháp phải là một bảng giá trị (JSON object).")
    text = json.dumps(_normalised(state), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if len(text) > MAX_PAYLOAD_CHARS:
        raise DraftError(f"Bản nháp dài quá {MAX_PAYLOAD_CHARS:,} ký tự; không lưu được.".replace(",", "."))
    return text


def _draft_row(session, user, key: str) -> IntakeDraft | None:  # noqa: ANN001
    """The one draft a user keeps at a desk."""
    return session.scalar(select(IntakeDraft).where(IntakeDraft.user_id == user.id, IntakeDraft.desk_key == key))


def save_draft(desk: Desk, who: Identity, state: dict[str, Any], *, intake_id: str = "",
               batch_id: str = "") -> int:
    """Keep *state* as *who*'s draft at this desk (replacing the previous one); returns its revision."""
    payload = encode_state(state)
    key = desk_key(desk)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECEIVE_DOSSIER)
        row = _draft_row(session, user, key)
        if row is None:
            row = IntakeDraft(user_id=user.id, desk_key=key, revision=0)
            session.add(row)
        row.payload = payload
        row.intake_id = intake_id or ""
        row.batch_id = batch_id or ""
        row.revision = (row.revision or 0) + 1
        row.saved_at = now_local()
        session.flush()
        return row.revision


def load_draft(desk: Desk, who: Identity) -> Draft | None:
    """*who*'s draft at this desk, if any (audited read); a draft already filed is dropped instead."""
    key = desk_key(desk)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECEIVE_DOSSIER)
        row = _draft_row(session, user, key)
        if row is None:
            return None
        if row.intake_id and session.scalar(select(Dossier.code).where(Dossier.intake_id == row.intake_id)):
            audit.record(session, user, "draft.discard", "intake_draft", row.id, reason="filed")
            session.delete(row)
            return None
        try:
            state = json.loads(row.payload)
        except (TypeError, ValueError):
            log.warning("draft %s of user %s is not readable JSON; not offered", row.id, user.id)
            return None
        if not isinstance(state, dict):
            return None
        audit.record(session, user, "draft.read", "intake_draft", row.id, revision=row.revision)
        return Draft(state, row.intake_id, row.batch_id, row.saved_at, row.revision)


def discard_draft(desk: Desk, who: Identity, *, intake_id: str | None = None) -> bool:
    """Drop *who*'s draft at this desk (the dossier was filed, or the clerk started a new one).

    With *intake_id*, only a draft of that intake (or one that never had an id) is dropped, so a late
    clearing never removes the draft of the next citizen. Returns whether a draft was dropped.
    """
    key = desk_key(desk)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECEIVE_DOSSIER)
        row = _draft_row(session, user, key)
        if row is None:
            return False
        if intake_id is not None and row.intake_id and row.intake_id != intake_id:
            return False
        audit.record(session, user, "draft.discard", "intake_draft", row.id, revision=row.revision)
        session.execute(delete(IntakeDraft).where(IntakeDraft.id == row.id))
        return True
