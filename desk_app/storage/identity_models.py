"""Citizen registry tables: citizens keyed by personal ID, per-field provenance, reusable documents.

``citizens`` holds the current value of each searchable field (folded copies indexed for
diacritic-insensitive search); ``citizen_values`` keeps every value ever recorded with its source
(ID card, previous dossier, clerk, provincial data) and date, so the pre-fill engine can say where a
value came from. ``citizen_documents`` are papers digitised in earlier dossiers, offered for reuse
with their validity; ``dossier_document_reuse`` records a reuse on a new dossier with the DVCQG flags
(DOMAIN.md §3.3: DuocSoHoa, DuocTaiSuDung, DuocLayTuKhoDMQG, MaKetQuaThayThe).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.storage.models import Base, _now

SOURCES = ("id_card", "previous_dossier", "clerk", "provincial")


class Citizen(Base):
    __tablename__ = "citizens"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(12), unique=True)  # 12-digit ID, or 9-digit old CMND
    id_kind: Mapped[int] = mapped_column(Integer, default=1)  # LoaiDinhDanh: 1 personal ID, 2 old CMND
    old_id: Mapped[str] = mapped_column(String(12), default="", index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    name_folded: Mapped[str] = mapped_column(String(200))
    # Name without the surname ("van an"): clerks often start from the middle and given names.
    given_folded: Mapped[str] = mapped_column(String(200), index=True)
    dob: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    gender: Mapped[str] = mapped_column(String(10), default="")
    place_of_residence: Mapped[str] = mapped_column(String(500), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    values: Mapped[list[CitizenValue]] = relationship(back_populates="citizen", cascade="all, delete-orphan",
                                                        order_by="CitizenValue.id")

    __table_args__ = (Index("ix_citizens_name_dob", "name_folded", "dob"),)


class CitizenValue(Base):
    """One recorded value of one field of a citizen, with where and when it came from."""

    __tablename__ = "citizen_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))  # one of SOURCES
    source_ref: Mapped[str] = mapped_column(String(100), default="")  # dossier code, card issue date …
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    citizen: Mapped[Citizen] = relationship(back_populates="values")

    __table_args__ = (Index("ix_citizen_values_citizen_field", "citizen_id", "field"),)


class CitizenDocument(Base):
    """A paper digitised in an earlier dossier (GiayToSoHoa), reusable while it is valid."""

    __tablename__ = "citizen_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # id_card_copy | birth_certificate | marriage_certificate | result …
    name: Mapped[str] = mapped_column(String(300))
    number: Mapped[str] = mapped_column(String(100), default="")  # SoKyHieu
    issuer: Mapped[str] = mapped_column(String(300), default="")  # CoQuanBanHanh
    issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # NgayBanHanh
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)  # ThoiHanHieuLuc
    permanent: Mapped[bool] = mapped_column(Boolean, default=False)  # ThoiHanVinhVien
    is_result: Mapped[bool] = mapped_column(Boolean, default=False)  # LoaiSoHoa: 0 component, 1 result
    dossier_code: Mapped[str] = mapped_column(String(64), default="")  # MaHoSo it was digitised in
    component_code: Mapped[str] = mapped_column(String(40), default="")
    national_store_code: Mapped[str] = mapped_column(String(100), default="")  # MaGiayToKhoQuocGia
    file_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_files.sha256"), nullable=True)
    fields: Mapped[str] = mapped_column(Text, default="{}")  # JSON of values read from it (JsonOcr)
    digitised_at: Mapped[datetime] = mapped_column(DateTime, default=_now)  # ThoiGianSoHoa


class DossierDocumentReuse(Base):
    """A digitised document reused as a component of a dossier, with the flags sent to DVCQG."""

    __tablename__ = "dossier_document_reuse"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("citizen_documents.id"), index=True)
    component_code: Mapped[str] = mapped_column(String(40), default="")
    duoc_so_hoa: Mapped[int] = mapped_column(Integer, default=1)
    duoc_tai_su_dung: Mapped[int] = mapped_column(Integer, default=1)
    duoc_lay_tu_kho_dmqg: Mapped[int] = mapped_column(Integer, default=0)
    ma_ket_qua_thay_the: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)

    document: Mapped[CitizenDocument] = relationship()
