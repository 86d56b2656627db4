"""Tables of the forms area: payments, counter notices (Mẫu 02/03/04), postal hand-overs, issued forms.

Times are naive Vietnam local time, as in :mod:`desk_app.storage.models`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.storage.models import Base, Dossier, User, _now

__all__ = ["DelayNotice", "FormIssue", "Notice", "Payment", "PostalHandover", "PostalHandoverItem"]


class Payment(Base):
    """One fee payment for a dossier. ``state`` goes pending → paid only on a user's confirmation."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    receipt_year: Mapped[int] = mapped_column(Integer)
    receipt_number: Mapped[int] = mapped_column(Integer)  # số biên lai, continuous per year
    phi_amount: Mapped[int] = mapped_column(Integer, default=0)
    le_phi_amount: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(String(500), default="")
    method: Mapped[str] = mapped_column(String(20))           # cash | transfer
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending | paid | cancelled
    vietqr_payload: Mapped[str] = mapped_column(Text, default="")
    transfer_reference: Mapped[str] = mapped_column(String(100), default="")  # bank statement reference
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    confirmed_by: Mapped[User | None] = relationship(foreign_keys=[confirmed_by_id])

    __table_args__ = (UniqueConstraint("receipt_year", "receipt_number", name="uq_payment_receipt_number"),)

    @property
    def amount(self) -> int:
        return self.phi_amount + self.le_phi_amount


class Notice(Base):
    """A supplement request (Mẫu 02, kind "supplement") or a refusal (Mẫu 03, kind "refusal").

    ``items`` holds the defects ``[{"component", "requirement", "reason"}]`` or the reasons ``["…"]``.
    """

    __tablename__ = "form_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    items: Mapped[list[Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    dossier: Mapped[Dossier] = relationship()
    issued_by: Mapped[User] = relationship()


class DelayNotice(Base):
    """Apology and new return date (Mẫu 04). At most one per dossier: the new date is set only once."""

    __tablename__ = "delay_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    processing_agency: Mapped[str] = mapped_column(String(300))
    reason: Mapped[str] = mapped_column(Text)
    original_due: Mapped[datetime] = mapped_column(DateTime)
    new_due: Mapped[datetime] = mapped_column(DateTime)
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    dossier: Mapped[Dossier] = relationship()
    issued_by: Mapped[User] = relationship()


class PostalHandover(Base):
    """Biên bản giao nhận hồ sơ between the postal employee and the desk (DOMAIN.md §10).

    Its signing time is the legal submission time of every dossier it lists.
    """

    __tablename__ = "postal_handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    handed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    postal_employee: Mapped[str] = mapped_column(String(200))
    postal_unit: Mapped[str] = mapped_column(String(300))
    received_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    fees_collected: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    # The giver's identity (personal ID or staff number) and the printed, signed record (SHA-256 of the PDF
    # in the archive) — docs/POSTAL.md.
    postal_employee_id: Mapped[str] = mapped_column(String(40), default="", server_default="")
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")

    received_by: Mapped[User] = relationship()
    items: Mapped[list[PostalHandoverItem]] = relationship(
        back_populates="handover", order_by="PostalHandoverItem.position", cascade="all, delete-orphan"
    )


class PostalHandoverItem(Base):
    __tablename__ = "postal_handover_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("postal_handovers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    postal_item_id: Mapped[str] = mapped_column(String(40))  # số hiệu bưu gửi of the Phiếu gửi (S10)
    complete: Mapped[bool] = mapped_column(Boolean, default=True)
    fee_collected: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")

    handover: Mapped[PostalHandover] = relationship(back_populates="items")
    dossier: Mapped[Dossier] = relationship()


class FormIssue(Base):
    """A form produced for a dossier (kind, who, when, SHA-256 of the PDF): the desk's print log."""

    __tablename__ = "form_issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    dossier_code: Mapped[str] = mapped_column(String(64), default="", index=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    sha256: Mapped[str] = mapped_column(String(64))
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
