"""Wire format shared by the desk and the provincial system (DOMAIN.md §4).

Requests are JSON envelopes ``{"service", "isUpdating", "MaDinhDanhDV", "data": [...]}``; replies are
``{"error_code", "message", "data"}`` where ``error_code`` 0 is the only success. Dates travel as
``yyyyMMddHHmmss`` strings in Vietnam time (the app's clock is already naive Vietnam time).

Only a reply that parses as this format counts: an HTML page (a captive portal, a proxy error) or a
5xx is a *network* failure to retry, a well-formed refusal is a *rejection* that needs a person.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterator

import httpx

from desk_app.domain.status import Channel, DossierStatus

DATE_FORMAT = "%Y%m%d%H%M%S"

SERVICE_DOSSIER = "DongBoHoSoMC"          # push / update a dossier record
SERVICE_HISTORY = "CapNhatTienDoHoSoMC"   # push processing history (at most HISTORY_CHUNK entries)
HISTORY_CHUNK = 10

# Reply codes of the sandbox (and the subset the adapters of real LGSP endpoints map to).
OK = 0
INVALID_DATA = 1
ALREADY_EXISTS = 2      # "Hồ sơ đã tồn tại": retry as an update (isUpdating = true)
MISSING_FILES = 3       # the record names files the server does not hold (complete and hash-checked)
FILE_HASH_MISMATCH = 4  # the assembled file does not hash to its name: parts were dropped, send again
CONFLICT = 409          # the same idempotency key with different content
UNAUTHORIZED = 401      # no valid credential (bearer token or client certificate): sign in again

# Replies are read as a stream and never past these sizes (a hostile or broken server cannot fill the
# desk's memory): protocol replies are small JSON documents.
MAX_REPLY_BYTES = 8 * 1024 * 1024
MAX_TOKEN_REPLY_BYTES = 64 * 1024

# Change kinds pulled back from the province.
CHANGE_STATUS = "TRANG_THAI"
CHANGE_SUPPLEMENT = "BO_SUNG"
CHANGE_RESULT = "KET_QUA"

IDEMPOTENCY_HEADER = "Idempotency-Key"
PART_SHA_HEADER = "X-Part-Sha256"
FILE_SIZE_HEADER = "X-File-Size"
PART_SIZE_HEADER = "X-Part-Size"


def format_date(moment: datetime | None) -> str:
    return moment.strftime(DATE_FORMAT) if moment else ""


def parse_date(text: str) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, DATE_FORMAT)


def canonical_json(value: Any) -> bytes:
    """The bytes whose hash identifies a request body (same content → same hash, whatever the key order)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def body_digest(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def envelope(service: str, agency_id: str, data: list[dict], updating: bool = False) -> dict:
    return {"service": service, "isUpdating": updating, "MaDinhDanhDV": agency_id, "data": data}


def reply(error_code: int = OK, message: str = "Thành công", data: Any = None, **extra: Any) -> dict:
    return {"error_code": error_code, "message": message, "data": data, **extra}


def chunks(items: list, size: int = HISTORY_CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- errors seen by the worker ---------------------------------------------------------------

class SyncError(Exception):
    """Base of transport and protocol failures; the message is Vietnamese (it is shown in the queue monitor)."""


class NetworkFailure(SyncError):
    """No usable reply: connection dropped, timeout, 5xx, or a page that is not the protocol. Retried."""


class NotProtocolReply(NetworkFailure):
    """A 2xx/other reply that is not the protocol (captive-portal HTML, proxy page): never a success."""


class Rejected(SyncError):
    """A well-formed refusal from the province: a person must look (wrong data, conflicting key)."""

    def __init__(self, message: str, error_code: int, data: Any = None) -> None:
        super().__init__(message)
        self.error_code = error_code
        self.data = data


class Conflict(Rejected):
    """The idempotency key was already used with different content."""


class AuthenticationRequired(NetworkFailure):
    """401/403, or the token endpoint refused the desk's credentials: nothing was accepted.

    Not a refusal of the record (a person must fix the desk's credentials, then every row goes again),
    and never a success; rows keep waiting with this message and the link shows as down."""


class UntrustedServer(NetworkFailure):
    """The server's TLS certificate does not chain to the trusted roots of the settings: nothing was sent."""


class ReplyTooLarge(NetworkFailure):
    """The reply was longer than the cap: reading stopped there, nothing of it was used."""


class UnprovenAcknowledgement(NotProtocolReply):
    """The server said "success" without echoing the SHA-256 of what it holds: not counted as received."""


@dataclass
class Reply:
    error_code: int
    message: str
    data: Any = None
    replayed: bool = False
    raw: dict = field(default_factory=dict)


def parse_reply(response: httpx.Response) -> Reply:
    """Turn a fully read HTTP response into a :class:`Reply`, or raise NetworkFailure / Rejected."""
    return parse_body(response.status_code, response.headers.get("content-type", ""), response.content)


def check_status(status: int) -> None:
    """What the status line alone decides (before any of the body is read)."""
    if status in (401, 403):
        raise AuthenticationRequired(
            f"Máy chủ tỉnh không chấp nhận thông tin xác thực của quầy (HTTP {status}); cần đăng nhập lại "
            f"(kiểm tra tài khoản kết nối hoặc chứng thư số của quầy). Chưa mục nào được coi là đã gửi.")
    if status >= 500 or status in (408, 425, 429):
        raise NetworkFailure(f"Máy chủ tỉnh trả lỗi HTTP {status}; sẽ thử lại.")


def parse_body(status: int, content_type: str, body: bytes) -> Reply:
    check_status(status)
    content_type = content_type.split(";")[0].strip().lower()
    if content_type != "application/json":
        raise NotProtocolReply(
            f"Nhận được trang «{content_type or 'không rõ'}» thay vì dữ liệu đồng bộ (có thể là trang đăng nhập "
            f"Wi-Fi hoặc proxy); chưa coi là đã gửi.")
    try:
        parsed = json.loads(body)
    except ValueError as exc:
        raise NotProtocolReply(f"Trả lời không đọc được: {exc}") from exc
    if not isinstance(parsed, dict) or not isinstance(parsed.get("error_code"), int) or isinstance(
            parsed.get("error_code"), bool):
        raise NotProtocolReply("Trả lời không đúng định dạng đồng bộ (thiếu error_code).")
    code = parsed["error_code"]
    message = str(parsed.get("message") or "")
    if code == UNAUTHORIZED:
        raise AuthenticationRequired(f"Máy chủ tỉnh yêu cầu xác thực lại: {message}")
    if status == 409 or code == CONFLICT:
        raise Conflict(f"Xung đột khóa chống trùng: {message}", code, parsed.get("data"))
    if code != OK or not (200 <= status < 300):
        if status >= 400 and code == OK:
            code = INVALID_DATA
        raise Rejected(message or f"Tỉnh từ chối (mã {code})", code, parsed.get("data"))
    return Reply(code, message, parsed.get("data"), bool(parsed.get("replayed")), parsed)


# --- records built from the local dossier ----------------------------------------------------

def applicant_kind(id_number: str) -> str:
    """LoaiDoiTuong: 1 công dân (the desk receives people; organisations come through other channels)."""
    return "1"


def reused_documents(dossier) -> list[dict]:  # noqa: ANN001 - desk_app Dossier row
    """The digitised documents reused as components of *dossier* (``dossier_document_reuse``, written by
    ``desk_app.services.registry.CitizenRegistry.record_reuse``): component code, file and DVCQG flags."""
    from sqlalchemy import select
    from sqlalchemy.orm import object_session

    from desk_app.storage.identity_models import CitizenDocument, DossierDocumentReuse

    session = object_session(dossier)
    if session is None or getattr(dossier, "id", None) is None:
        return []
    rows = session.execute(
        select(DossierDocumentReuse.component_code, CitizenDocument.component_code, CitizenDocument.file_sha256,
               DossierDocumentReuse.duoc_tai_su_dung, DossierDocumentReuse.duoc_lay_tu_kho_dmqg,
               DossierDocumentReuse.ma_ket_qua_thay_the)
        .join(CitizenDocument, CitizenDocument.id == DossierDocumentReuse.document_id)
        .where(DossierDocumentReuse.dossier_id == dossier.id).order_by(DossierDocumentReuse.id)).all()
    return [{"component": reuse_code or doc_code or "", "sha256": sha or "", "reused": int(reused or 0),
             "national": bool(national), "replaces": replaces or ""}
            for reuse_code, doc_code, sha, reused, national, replaces in rows]


def paid_online(dossier) -> bool:  # noqa: ANN001 - desk_app Dossier row
    """Whether a fee of *dossier* was confirmed as paid by bank transfer (VietQR): the same fact as the
    online-payment indicator (``desk_app.services.indicators``)."""
    from sqlalchemy import select
    from sqlalchemy.orm import object_session

    from desk_app.storage.forms_models import Payment

    session = object_session(dossier)
    if session is None or getattr(dossier, "id", None) is None:
        return False
    return session.scalar(select(Payment.id).where(Payment.dossier_id == dossier.id, Payment.state == "paid",
                                                   Payment.method == "transfer").limit(1)) is not None


def _reuse_flags(reused: list[dict], component, page) -> dict:  # noqa: ANN001
    """DuocTaiSuDung / DuocLayTuKhoDMQG / MaKetQuaThayThe of one file: true facts when the file is a reused
    document (same file) or the component it belongs to was filled by a reused document."""
    code = component.component_code if component is not None else ""
    match = next((r for r in reused if r["sha256"] and r["sha256"] == page.file_sha256), None) or next(
        (r for r in reused if code and r["component"] == code), None)
    return {"DuocTaiSuDung": bool(match and match["reused"]),
            "DuocLayTuKhoDMQG": bool(match and match["national"]),
            "MaKetQuaThayThe": match["replaces"] if match else ""}


def dossier_record(dossier, status: int | None = None) -> dict:  # noqa: ANN001 - desk_app Dossier row
    """HoSoDongBoDVC of *dossier* (DOMAIN.md §4.2); files referenced by SHA-256 (TepDinhKemId)."""
    status = int(status if status is not None else dossier.status)
    id_number = dossier.applicant_id_number or ""
    components = {c.id: c for c in dossier.components}
    reused = reused_documents(dossier)
    files = []
    for page in dossier.pages:
        component = components.get(page.component_id)
        files.append({
            "TepDinhKemId": page.file_sha256,
            "TenTepDinhKem": page.source_name or f"trang-{page.position}",
            "IsDeleted": False,
            "MaThanhPhanHoSo": component.component_code if component else "",
            "DuongDanTaiTepTin": f"sha256:{page.file_sha256}",
            "DuocSoHoa": True,
            **_reuse_flags(reused, component, page),
            "KichThuoc": page.file.size if page.file is not None else 0,
        })
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": dossier.procedure_code,
        "TenTTHC": dossier.procedure_name,
        "KenhThucHien": int(Channel(dossier.channel)),
        "ChuHoSo": dossier.applicant_name,
        "SoGiayToChuHoSo": id_number,
        "LoaiDoiTuong": applicant_kind(id_number),
        "DinhDanhCHS": ([{"LoaiDinhDanh": 1 if len(id_number) == 12 else 2, "SoDinhDanh": id_number}]
                        if id_number else []),
        "SoDienThoai": dossier.applicant_phone,
        "Email": dossier.applicant_email,
        "ThongTinKhac": dossier.applicant_address,
        "TrichYeuHoSo": (dossier.summary or dossier.procedure_name)[:1000],
        "NgayNopHoSo": format_date(dossier.received_at),
        "NgayTiepNhan": format_date(dossier.received_at),
        "NgayHenTra": format_date(dossier.due_at),
        "TrangThaiHoSo": int(DossierStatus(status)),
        "HinhThuc": 1 if int(dossier.channel) == int(Channel.POSTAL) else 0,
        "NoiNopHoSo": "2",
        "HoSoCoThanhPhanSoHoa": "1" if files else "0",
        "TaiKhoanDuocXacThucVoiVNeID": "0",
        "DuocThanhToanTrucTuyen": "1" if paid_online(dossier) else "0",
        "TaiLieuNop": files,
        "DanhSachLePhi": ([{"TenPhiLePhi": "Lệ phí", "MaPhiLePhi": "", "HinhThucThu": "1",
                            "Gia": int(dossier.fee_amount), "LoaiPhiLePhi": "2"}]
                          if dossier.fee_amount else []),
        "GhiChu": "TRAINING" if dossier.training else "",
        **_postal_block(dossier),
    }


def _postal_block(dossier) -> dict:  # noqa: ANN001 - desk_app Dossier row
    """Channel 3 and the return leg (docs/POSTAL.md): the S10 of the Phiếu gửi, the hand-over (legal
    submission) time, and whether the result goes back by post and where."""
    by_post = bool(getattr(dossier, "result_by_post", False))
    if int(dossier.channel) != int(Channel.POSTAL) and not by_post:
        return {}
    return {"BuuChinh": {
        "SoHieuBuuGui": getattr(dossier, "postal_item_id", "") or "",
        "ThoiDiemBanGiao": format_date(dossier.received_at) if int(dossier.channel) == int(Channel.POSTAL) else "",
        "NhanKetQuaQuaBuuChinh": 1 if by_post else 0,
        "DiaChiNhanKetQua": (getattr(dossier, "delivery_address", "") or "") if by_post else "",
    }}


def history_entries(dossier, clerk_title: str = "Cán bộ một cửa", only: set[int] | None = None) -> list[dict]:  # noqa: ANN001
    """QuaTrinhXuLy of *dossier* (DOMAIN.md §4.3), oldest first; *only*: these history row ids."""
    entries = []
    for change in dossier.history:
        if only is not None and change.id not in only:
            continue
        name = change.user.full_name if change.user is not None else ""
        entries.append({
            "MaHoSo": dossier.code,
            "NguoiXuLy": name[:50],
            "ChucDanh": clerk_title,
            "ThoiDiemXuLy": format_date(change.at),
            "PhongBanXuLy": "Bộ phận Một cửa",
            "NoiDungXuLy": change.note or DossierStatus(change.to_status).label_vi,
            "TrangThai": int(change.to_status),
            "NgayBatDau": format_date(change.at),
            "NgayKetThucTheoQuyDinh": format_date(dossier.due_at),
        })
    return entries
