"""Tables of the public-postal area (channel 3, DOMAIN.md §10; docs/POSTAL.md).

* :class:`PostalItem`: a dossier collected by the postal employee at the post office or at the citizen's
  home, *in transit* to the desk. It is not a dossier yet: it keeps the intake draft
  (``IntakeSession.to_json``) until the hand-over at the commune centre, where the receiving clerk decides
  it (accept / incomplete / refuse) and ``IntakeSession.finish`` files it.
* :class:`PostalReturn`: the result sent back by post (S10 of the return item), its delivery attempts and
  the outcome (delivered, with the citizen's signed delivery note scanned, or back at the desk).

Times are naive Vietnam local time, as in :mod:`desk_app.storage.models`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.storage.forms_models import PostalHandover
from desk_app.storage.models import Base, Dossier, User

__all__ = ["PostalItem", "PostalReturn"]

IN_TRANSIT = "in_transit"
HANDED_OVER = "handed_over"


class PostalItem(Base):
    __tablename__ = "postal_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    s10: Mapped[str] = mapped_column(String(13), unique=True)  # số hiệu bưu gửi of the Phiếu gửi
    state: Mapped[str] = mapped_column(String(20), index=True)  # in_transit | handed_over
    collected_at: Mapped[datetime] = mapped_column(DateTime)
    collected_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    procedure_code: Mapped[str] = mapped_column(String(40))
    intake_json: Mapped[str] = mapped_column(Text)           # the IntakeSession draft, filed at the hand-over
    fee_collected: Mapped[int] = mapped_column(Integer, default=0)   # the procedure's fee, on the agency's behalf
    postal_charge: Mapped[int] = mapped_column(Integer, default=0)   # cước dịch vụ bưu chính (the post's own)
    return_by_post: Mapped[bool] = mapped_column(Boolean, default=False)
    delivery_address: Mapped[str] = mapped_column(String(500), default="")
    slip_sha256: Mapped[str] = mapped_column(String(64), default="")  # the Phiếu gửi hồ sơ PDF in the archive
    handover_id: Mapped[Optional[int]] = mapped_column(ForeignKey("postal_handovers.id"), nullable=True)
    dossier_id: Mapped[Optional[int]] = mapped_column(ForeignKey("dossiers.id"), nullable=True)
    decision: Mapped[str] = mapped_column(String(20), default="")
    # Added by 0010_postal_transfer: items carried from an offline postal device, and fee refunds.
    exported_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)  # on the device
    origin: Mapped[str] = mapped_column(String(200), default="")          # on the desk: the device's name
    bundle_sha256: Mapped[str] = mapped_column(String(64), default="")    # the transfer file that brought it
    refund_due: Mapped[int] = mapped_column(Integer, default=0)           # fee to give back (Mẫu 02 / 03)
    refunded_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    refunded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), nullable=True)
    refund_note: Mapped[str] = mapped_column(String(500), default="")

    collected_by: Mapped[User] = relationship(foreign_keys=[collected_by_id])
    handover: Mapped[Optional[PostalHandover]] = relationship()
    dossier: Mapped[Optional[Dossier]] = relationship()


class PostalReturn(Base):
    """The result of one dossier — or the notice of a postal dossier not accepted — handed to the post office
    for delivery (the return leg)."""

    __tablename__ = "postal_returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    s10: Mapped[str] = mapped_column(String(13), index=True)  # the return item
    batch: Mapped[int] = mapped_column(Integer, index=True)    # one result hand-over to the post office
    handed_at: Mapped[datetime] = mapped_column(DateTime)
    handed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    postal_employee: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20))  # in_delivery | delivered | undelivered
    # result: the dossier's result (delivered → status 10) | notice: the Mẫu 02 / 03 of a postal dossier
    # not accepted, sent back with its papers (delivery changes no status)
    kind: Mapped[str] = mapped_column(String(10), default="result", server_default="result")
    attempts: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{"at", "note"}], failed invitations
    closed_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    receiver_name: Mapped[str] = mapped_column(String(200), default="")
    signature_sha256: Mapped[str] = mapped_column(String(64), default="")  # the signed delivery note, scanned

    dossier: Mapped[Dossier] = relationship()


class TrustedDevice(Base):
    """A postal employee's laptop whose transfer files this desk accepts (its Ed25519 public key)."""

    __tablename__ = "trusted_devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(19), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))             # base64 of the raw 32 bytes
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    enrolled_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
