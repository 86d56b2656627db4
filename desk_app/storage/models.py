"""SQLAlchemy 2 models of the desk's database. Schema changes go through Alembic migrations only.

Times are stored as naive local Vietnam time (Asia/Ho_Chi_Minh), the time printed on forms and sent
to the provincial system; ``created_at``-style technical stamps use the same convention.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}


def _now() -> datetime:
    from desk_app.clock import now_local

    return now_local()


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # clerk | postal | supervisor | admin
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    # Added by 0006_security: after an administrator's reset the user must choose a new password first.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    password_changed_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    # The audit row (user.create / user.role) that gave the account its current role: a role written into
    # the database by hand has no such row, and desk_app/security/identity.authorize refuses it.
    role_audit_id: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)


class UserSession(Base):
    """One sign-in (GUI window or CLI command). Only the SHA-256 of its token is stored."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="gui")  # gui | cli
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)


class AppSecret(Base):
    """A random secret the desk made for itself (e.g. the training signing key's passphrase), kept in the
    database rather than beside the file it protects."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class Dossier(Base):
    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(String(500))
    # The catalog version in force at receipt: the dossier keeps it even when the catalog changes.
    procedure_version: Mapped[date] = mapped_column(Date)
    channel: Mapped[int] = mapped_column(Integer)
    status: Mapped[int] = mapped_column(Integer)
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_name_folded: Mapped[str] = mapped_column(String(200), index=True)
    applicant_id_number: Mapped[str] = mapped_column(String(20), default="", index=True)
    applicant_address: Mapped[str] = mapped_column(String(500), default="")
    applicant_phone: Mapped[str] = mapped_column(String(30), default="")
    applicant_email: Mapped[str] = mapped_column(String(200), default="")
    submitter_name: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    # The legal receipt time: when the dossier was accepted complete (the clock starts from it).
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # The due date in force (moved by a Mẫu 04 apology, recomputed when a supplement completes it);
    # None while no clock runs (refused, returned for completion at the counter).
    due_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True, index=True)
    # When the citizen first handed the papers over (differs from received_at after a Mẫu 02 at the counter).
    submitted_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    # The appointment printed on the current Mẫu 01 (a reprint shows it; an apology never changes it).
    slip_received_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    slip_due_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    # The intake draft this dossier was filed from: filing the same draft twice returns the first dossier.
    intake_id: Mapped[Optional[str]] = mapped_column(String(40), nullable=True, unique=True)
    fee_amount: Mapped[int] = mapped_column(Integer, default=0)
    book_year: Mapped[int] = mapped_column(Integer)
    book_sequence: Mapped[int] = mapped_column(Integer)
    training: Mapped[bool] = mapped_column(Boolean, default=False)
    # E-form values (field key → text) as confirmed at the counter; {} for procedures without an e-form.
    form_data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    # Where each e-form value came from (field key → id_card | registry | previous_dossier | ocr | clerk …).
    form_sources: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    # Channel 3 and the return leg (docs/POSTAL.md): the S10 of the Phiếu gửi it came with, and where the
    # citizen wants the result (at the desk, or by post to delivery_address).
    postal_item_id: Mapped[str] = mapped_column(String(13), default="", server_default="")
    result_by_post: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    delivery_address: Mapped[str] = mapped_column(String(500), default="", server_default="")
    clerk_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    clerk: Mapped[User] = relationship()
    components: Mapped[list["DossierComponent"]] = relationship(
        back_populates="dossier", order_by="DossierComponent.position", cascade="all, delete-orphan"
    )
    pages: Mapped[list["Page"]] = relationship(
        back_populates="dossier", order_by="Page.position", cascade="all, delete-orphan"
    )
    history: Mapped[list["StatusChange"]] = relationship(
        back_populates="dossier", order_by="StatusChange.id", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("book_year", "book_sequence", name="uq_dossier_book_entry"),
                      Index("ix_dossiers_status_due_at", "status", "due_at"))


class DossierComponent(Base):
    """One item of "Thành phần hồ sơ" as received (bản chính / bản sao / bản chụp counts)."""

    __tablename__ = "dossier_components"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    component_code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(500))
    originals: Mapped[int] = mapped_column(Integer, default=0)
    certified_copies: Mapped[int] = mapped_column(Integer, default=0)
    photocopies: Mapped[int] = mapped_column(Integer, default=0)

    dossier: Mapped[Dossier] = relationship(back_populates="components")


class StoredFileRecord(Base):
    """A file in the content-addressed archive; rows exist only once the bytes are durably on disk."""

    __tablename__ = "stored_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class Page(Base):
    """One captured page image of a dossier, in paper order."""

    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    component_id: Mapped[Optional[int]] = mapped_column(ForeignKey("dossier_components.id"), nullable=True)
    position: Mapped[int] = mapped_column(Integer)
    file_sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256"))
    source_name: Mapped[str] = mapped_column(String(500), default="")
    width_px: Mapped[int] = mapped_column(Integer, default=0)
    height_px: Mapped[int] = mapped_column(Integer, default=0)
    dpi: Mapped[int] = mapped_column(Integer, default=0)
    blank: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # intake | supplement | result | withdrawal | authorisation | return (what the page is evidence of)
    kind: Mapped[str] = mapped_column(String(20), default="intake", server_default="intake")
    added_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)

    dossier: Mapped[Dossier] = relationship(back_populates="pages")
    file: Mapped[StoredFileRecord] = relationship()

    # 0012_indicator_covering: the intake-page flag of a period's dossiers read from the index alone
    __table_args__ = (Index("ix_pages_dossier_kind", "dossier_id", "kind"),)


class StatusChange(Base):
    """Processing history (QuaTrinhXuLy): who moved the dossier to which status, when."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    from_status: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)
    to_status: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship(back_populates="history")
    user: Mapped[User] = relationship()

    # The indicators (0010_indicator_indexes, 0012_indicator_covering): end steps of a period by status and
    # time; the steps of given dossiers by status, from the index alone.
    __table_args__ = (Index("ix_status_changes_to_status_at", "to_status", "at", "dossier_id"),
                      Index("ix_status_changes_dossier_to_status", "dossier_id", "to_status"))


class ResultRecord(Base):
    """The result of a dossier as it reached the desk: from the province (pull) or on paper (scanned)."""

    __tablename__ = "dossier_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), nullable=True)
    source: Mapped[str] = mapped_column(String(20))  # province | paper
    documents: Mapped[list[Any]] = mapped_column(JSON, default=list)  # names of the result papers
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")  # PDF/A of a scanned paper result
    note: Mapped[str] = mapped_column(Text, default="")


class ResultReturn(Base):
    """Hand-back of the result to the citizen (status 10): who gave what to whom, when, checked how."""

    __tablename__ = "dossier_returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    returned_at: Mapped[datetime] = mapped_column(DateTime)
    returned_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    receiver_name: Mapped[str] = mapped_column(String(200))
    receiver_id_number: Mapped[str] = mapped_column(String(20))
    authorised: Mapped[bool] = mapped_column(Boolean, default=False)  # an authorised person, not the applicant
    fee_collected: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[list[Any]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")

    returned_by: Mapped[User] = relationship()


class AuditEntry(Base):
    """Who did what to which record, when. Never updated or deleted by the app."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=_now, index=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), nullable=True)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(100), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Added by 0006_security: the hash chain (desk_app/security/audit.py). ``seq`` is 1, 2, 3, … in chain
    # order; ``row_hash`` = SHA-256 of the row's canonical JSON and ``prev_hash`` (the previous row's hash).
    seq: Mapped[Optional[int]] = mapped_column(Integer, nullable=True, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    row_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")


class OutboxItem(Base):
    """One action to send to the provincial system, written in the same transaction as the action."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    dossier_id: Mapped[Optional[int]] = mapped_column(ForeignKey("dossiers.id"), nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # ready | sending | acknowledged | failed_network | failed_rejected
    state: Mapped[str] = mapped_column(String(20), default="ready")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    # Added by migration 0002_sync: who holds a row in "sending" and since when (stale claims are requeued).
    claimed_by: Mapped[str] = mapped_column(String(120), default="")
    claimed_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    acknowledged_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    # A person asked the supervisor to look at this row (failed_rejected rows usually).
    escalated_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    escalation_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_outbox_state_next", "state", "next_attempt_at"),
                      Index("ix_outbox_dossier_action_state", "dossier_id", "action", "state"))  # 0012


class SequenceCounter(Base):
    """Last number issued per counter: dossier codes per (agency, day, desk), book entries per year."""

    __tablename__ = "sequence_counters"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class AuditChainHead(Base):
    """The audit chain's head, kept apart from the rows so that deleting the last rows is noticed.

    One row (id 1): how many rows the chain has and the hash of the last one; updated in the same
    transaction as the rows it counts (added by 0006_security).
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)


class SignInThrottle(Base):
    """Failed sign-ins per user name and per desk, with the lockout they caused (added by 0006_security).

    Kept in the database so that starting a new process does not reset the count.
    """

    __tablename__ = "sign_in_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)  # user:<name> | desk:<desk>
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    locked_until: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
