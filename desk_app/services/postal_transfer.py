"""Carry postal items from the postal employee's offline device to the desk (docs/POSTAL.md).

A post-office employee may collect dossiers for a whole day on a laptop with its own desk database and no
network. At the commune centre the items must reach the desk's database *exactly once*, with their scanned
pages, the archived Phiếu gửi hồ sơ and everything the hand-over needs:

* :func:`export_items` (on the device, the postal employee): the items collected and not yet exported go
  into one transfer file — a zip with ``manifest.json`` and the archived files named by their SHA-256 —
  written atomically; the items are marked exported (they stay on the device, and can be exported again
  with ``again=True`` if the file was lost).
* :func:`import_bundle` (on the desk, the receiving clerk or the postal employee): the file is checked
  whole before anything is written to the database (format, every file's hash, every page present, image
  headers within the app's limits, the collecting employee's account exists here); then all its items are
  added in one transaction, *in transit*, ready for the hand-over. An item already imported (same S10, same
  content) is skipped, so importing a file twice changes nothing; the same S10 with different content is
  refused, naming the S10.

The file is signed: ``manifest.sig`` holds the device's Ed25519 signature over ``manifest.json`` (which lists
every other file by its SHA-256), so nobody holding the USB stick can change an item, a fee or a page
without the desk noticing. The desk imports only files signed by a device its administrator registered
(:func:`trust_device`, from the fingerprint the device shows) and not revoked since.

The archive is content-addressed, so files copied in before a refused import are harmless orphans.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.services.intake import IntakeSession
from desk_app.services.postal import PostalError
from desk_app.storage.db import transaction
from desk_app.storage.models import StoredFileRecord, User
from desk_app.security import device_keys
from desk_app.storage.postal_models import IN_TRANSIT, PostalItem, TrustedDevice
from desk_app.text import nfc
from scanning.durable import atomic_write_bytes

__all__ = ["BUNDLE_FORMAT", "DeviceView", "ExportOutcome", "ImportOutcome", "export_items", "fingerprint_of",
           "import_bundle", "public_key_in_bundle", "revoke_device", "this_device", "trust_device",
           "trusted_devices"]

BUNDLE_FORMAT = "desk-app/postal-items"
BUNDLE_VERSION = 1
# A day of collection is a few dozen items of a few pages; a file far larger than this is not ours.
MAX_BUNDLE_BYTES = 1024 * 1024 * 1024
MAX_ITEMS = 2000
_ITEM_FIELDS = ("s10", "collected_at", "collected_by", "procedure_code", "intake_json", "fee_collected",
                "postal_charge", "return_by_post", "delivery_address", "slip_sha256")


@dataclass(frozen=True)
class ExportOutcome:
    path: Path
    s10s: tuple[str, ...]
    sha256: str          # of the transfer file, to compare with what the desk reports after importing


@dataclass(frozen=True)
class ImportOutcome:
    imported: tuple[str, ...]
    already_present: tuple[str, ...]
    origin: str
    sha256: str


def _item_record(item: PostalItem) -> dict:
    return {"s10": item.s10, "collected_at": item.collected_at.isoformat(timespec="seconds"),
            "collected_by": {"username": item.collected_by.username, "full_name": item.collected_by.full_name},
            "procedure_code": item.procedure_code, "intake_json": item.intake_json,
            "fee_collected": item.fee_collected, "postal_charge": item.postal_charge,
            "return_by_post": item.return_by_post, "delivery_address": item.delivery_address,
            "slip_sha256": item.slip_sha256}


def _files_of(record: dict) -> list[str]:
    intake = IntakeSession.from_json(record["intake_json"])
    return [record["slip_sha256"], *(p.sha256 for p in intake.pages)]


def export_items(desk: Desk, who: Identity, out: Path, *, again: bool = False,
                 at: datetime | None = None) -> ExportOutcome:
    """Write the employee's items in transit (not yet exported, or all with *again*) to the file *out*."""
    at = at or now_local()
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.COLLECT_POSTAL)
        query = (select(PostalItem).where(PostalItem.state == IN_TRANSIT, PostalItem.collected_by_id == user.id)
                 .order_by(PostalItem.collected_at, PostalItem.id))
        if not again:
            query = query.where(PostalItem.exported_at.is_(None))
        items = session.scalars(query).all()
        if not items:
            raise PostalError("Không có bưu gửi nào cần chuyển sang máy của Bộ phận Một cửa."
                              + ("" if again else " (Các bưu gửi đã xuất trước đây: dùng «xuất lại».)"))
        records = [_item_record(i) for i in items]
        manifest = {"format": BUNDLE_FORMAT, "version": BUNDLE_VERSION, "origin": desk.settings.desk_name,
                    "exported_at": at.isoformat(timespec="seconds"), "exported_by": user.username,
                    "items": records}
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
        key = device_keys.device_private_key(desk.folder)
        signature = {"public_key": device_keys.public_key_text(key),
                     "fingerprint": device_keys.fingerprint(device_keys.public_key_text(key)),
                     "signature": device_keys.sign(key, manifest_bytes)}
        buffer = io.BytesIO()
        # Pages are already compressed images: storing them keeps the export fast on a laptop.
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as bundle:
            bundle.writestr("manifest.json", manifest_bytes)
            bundle.writestr("manifest.sig", json.dumps(signature).encode("utf-8"))
            for sha in sorted({sha for r in records for sha in _files_of(r)}):
                bundle.writestr(f"files/{sha}", desk.archive.read_bytes(sha))
        data = buffer.getvalue()
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(out, data)  # the file is complete on disk before the items count as exported
        for item in items:
            item.exported_at = at
        digest = hashlib.sha256(data).hexdigest()
        audit.record(session, user, "postal.export", "postal_item", "", count=len(items), file_sha256=digest,
                     again=again)
        return ExportOutcome(out, tuple(i.s10 for i in items), digest)


# --------------------------------------------------------------------------- import at the desk


def _fail(name: str, why: str) -> PostalError:
    return PostalError(f"Tệp «{name}» không phải tệp bưu gửi hợp lệ: {why}. Không có bưu gửi nào được nhập.")


def _signer(bundle: zipfile.ZipFile, manifest_bytes: bytes, name: str, desk: Desk) -> TrustedDevice:
    """The registered, not revoked device whose key signed *manifest_bytes*; refuses anything else."""
    try:
        signature = json.loads(bundle.read("manifest.sig").decode("utf-8"))
        public, signed = str(signature["public_key"]), str(signature["signature"])
    except KeyError:
        raise _fail(name, "tệp không có chữ ký của máy bưu chính (manifest.sig)") from None
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError):
        raise _fail(name, "chữ ký manifest.sig hỏng") from None
    if not device_keys.verify(public, signed, manifest_bytes):
        raise _fail(name, "chữ ký số không khớp nội dung (tệp đã bị sửa sau khi máy bưu chính xuất)")
    print_ = device_keys.fingerprint(public)
    with desk.sessions() as session:
        device = session.scalar(select(TrustedDevice).where(TrustedDevice.fingerprint == print_))
        if device is not None:
            session.expunge(device)
    if device is None or device.public_key != device_keys.public_key_text(device_keys.load_public_key(public)):
        raise PostalError(f"Tệp «{name}» được ký bởi một máy bưu chính chưa đăng ký trên máy này (dấu vân tay "
                          f"{print_}). Quản trị viên hãy so dấu vân tay với máy bưu chính rồi đăng ký máy "
                          "(desk-app postal trust-device). Không có bưu gửi nào được nhập.")
    if device.revoked_at is not None:
        raise PostalError(f"Máy bưu chính «{device.name}» ({print_}) đã bị thu hồi đăng ký ngày "
                          f"{device.revoked_at:%d/%m/%Y}; không nhận tệp của máy này. "
                          "Không có bưu gửi nào được nhập.")
    return device


def _read_manifest(bundle: zipfile.ZipFile, name: str, desk: Desk) -> tuple[dict, TrustedDevice]:
    try:
        manifest_bytes = bundle.read("manifest.json")
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except KeyError:
        raise _fail(name, "thiếu manifest.json") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _fail(name, "manifest.json hỏng") from None
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        raise _fail(name, "không đúng định dạng của ứng dụng")
    device = _signer(bundle, manifest_bytes, name, desk)
    if manifest.get("version") != BUNDLE_VERSION:
        raise _fail(name, f"phiên bản {manifest.get('version')!r} chưa được hỗ trợ (cần {BUNDLE_VERSION})")
    items = manifest.get("items")
    if not isinstance(items, list) or not items:
        raise _fail(name, "không có bưu gửi nào")
    if len(items) > MAX_ITEMS:
        raise _fail(name, f"quá {MAX_ITEMS} bưu gửi")
    return manifest, device


def _check_record(record: object, position: int, name: str) -> dict:
    if not isinstance(record, dict) or any(k not in record for k in _ITEM_FIELDS):
        raise _fail(name, f"bưu gửi thứ {position} thiếu thông tin")
    s10 = str(record["s10"])
    try:
        from desk_app.domain.postal_code import validate_s10

        record["s10"] = validate_s10(nfc(s10))
        record["collected_at_dt"] = datetime.fromisoformat(str(record["collected_at"]))
        IntakeSession.from_json(record["intake_json"])
        for key in ("fee_collected", "postal_charge"):
            if not isinstance(record[key], int) or record[key] < 0:
                raise ValueError(key)
    except (ValueError, TypeError, KeyError) as exc:
        raise _fail(name, f"bưu gửi thứ {position} ({s10}) có dữ liệu sai ({exc})") from None
    return record


def _check_image(data: bytes, media_type: str, label: str, name: str) -> None:
    from scanning.untrusted import UntrustedFileError, open_image

    if media_type == "application/pdf":
        if not data.startswith(b"%PDF-"):
            raise _fail(name, f"{label} không phải PDF")
        return
    try:
        with open_image(io.BytesIO(data), label):  # header only: format allowed, pixels within limits
            pass
    except UntrustedFileError as exc:
        raise _fail(name, f"{label}: {exc}") from None
    except OSError:
        raise _fail(name, f"{label} không phải ảnh đọc được") from None


def import_bundle(desk: Desk, who: Identity, path: Path) -> ImportOutcome:
    """Add the items of a transfer file, all or none; an item already here (same content) is skipped."""
    path = Path(path)
    name = path.name
    with transaction(desk.sessions) as session:
        authorize(session, who, Permission.RECEIVE_DOSSIER)   # before the file is even opened
    try:
        size = path.stat().st_size
    except OSError:
        raise PostalError(f"Không mở được tệp «{name}».") from None
    if size > MAX_BUNDLE_BYTES:
        raise _fail(name, "tệp quá lớn")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        bundle = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _fail(name, "tệp bị hỏng hoặc không phải tệp nén") from None
    with bundle:
        manifest, device = _read_manifest(bundle, name, desk)
        records = [_check_record(r, n, name) for n, r in enumerate(manifest["items"], start=1)]
        s10s = [r["s10"] for r in records]
        if len(set(s10s)) != len(s10s):
            raise _fail(name, "có bưu gửi trùng số hiệu")
        members = set(bundle.namelist())
        sizes: dict[str, int] = {}  # of every file copied in, for its StoredFileRecord
        # Every file is copied into the archive and its hash checked before the database is touched.
        for record in records:
            intake = IntakeSession.from_json(record["intake_json"])
            wanted = [(record["slip_sha256"], "application/pdf", f"Phiếu gửi của {record['s10']}")]
            wanted += [(p.sha256, p.media_type, f"trang «{p.source_name}» của {record['s10']}") for p in intake.pages]
            for sha, media_type, label in wanted:
                if f"files/{sha}" not in members:
                    raise _fail(name, f"thiếu {label}")
                content = bundle.read(f"files/{sha}")
                if hashlib.sha256(content).hexdigest() != sha:
                    raise _fail(name, f"{label} đã bị thay đổi (mã băm không khớp)")
                _check_image(content, media_type, label, name)
                sizes[sha] = desk.archive.store_bytes(content).size
    origin = (device.name + (f" ({nfc(str(manifest.get('origin', '')))})" if manifest.get("origin") else ""))[:200]
    imported, present = [], []
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECEIVE_DOSSIER)
        for record in records:
            existing = session.scalar(select(PostalItem).where(PostalItem.s10 == record["s10"]))
            if existing is not None:
                if existing.intake_json == record["intake_json"] and existing.slip_sha256 == record["slip_sha256"]:
                    present.append(record["s10"])
                    continue
                raise PostalError(f"Bưu gửi {record['s10']} đã có trên máy này với nội dung khác; "
                                  "hãy kiểm tra lại nhãn bưu gửi. Không có bưu gửi nào được nhập.")
            username = nfc(str(record["collected_by"].get("username", "")))
            collector = session.scalar(select(User).where(User.username == username))
            if collector is None or collector.role != "postal" or not collector.active:
                raise PostalError(
                    f"Tài khoản nhân viên bưu chính «{username}» (người thu gom {record['s10']}) chưa có hoặc đã "
                    "bị khoá trên máy này; quản trị viên hãy tạo tài khoản trước khi nhập. "
                    "Không có bưu gửi nào được nhập.")
            intake = IntakeSession.from_json(record["intake_json"])
            for page_sha in {record["slip_sha256"], *(p.sha256 for p in intake.pages)}:
                if session.get(StoredFileRecord, page_sha) is None:
                    page = next((p for p in intake.pages if p.sha256 == page_sha), None)
                    session.add(StoredFileRecord(sha256=page_sha, size=sizes[page_sha],
                                                 media_type=page.media_type if page else "application/pdf"))
            session.add(PostalItem(
                s10=record["s10"], state=IN_TRANSIT, collected_at=record["collected_at_dt"],
                collected_by_id=collector.id, procedure_code=str(record["procedure_code"]),
                intake_json=record["intake_json"], fee_collected=record["fee_collected"],
                postal_charge=record["postal_charge"], return_by_post=bool(record["return_by_post"]),
                delivery_address=nfc(str(record["delivery_address"])), slip_sha256=record["slip_sha256"],
                decision="", origin=origin, bundle_sha256=digest))
            imported.append(record["s10"])
        session.flush()
        audit.record(session, user, "postal.import", "postal_item", "", count=len(imported),
                     already_present=len(present), origin=origin, file_sha256=digest,
                     device=device.fingerprint)
    return ImportOutcome(tuple(imported), tuple(present), origin, digest)


# --------------------------------------------------------------------------- registered devices


@dataclass(frozen=True)
class DeviceView:
    name: str
    fingerprint: str
    enrolled_at: datetime | None
    revoked_at: datetime | None
    public_key: str


def this_device(desk: Desk) -> DeviceView:
    """This machine's signing key (made on first use): what a postal laptop shows to be registered."""
    public = device_keys.public_key_text(device_keys.device_private_key(desk.folder))
    return DeviceView(desk.settings.desk_name, device_keys.fingerprint(public), None, None, public)


def trust_device(desk: Desk, who: Identity, public_key: str, name: str, *, at: datetime | None = None) -> DeviceView:
    """Register a postal laptop (administrator), after comparing the fingerprint with the one it shows."""
    at = at or now_local()
    name = nfc(name).strip()
    if not name:
        raise PostalError("Hãy đặt tên cho máy bưu chính (ví dụ: «Máy xách tay Bưu điện xã Hòa An»).")
    try:
        public = device_keys.public_key_text(device_keys.load_public_key(public_key))
    except device_keys.DeviceKeyError as exc:
        raise PostalError(str(exc)) from None
    print_ = device_keys.fingerprint(public)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.MANAGE_USERS)
        device = session.scalar(select(TrustedDevice).where(TrustedDevice.fingerprint == print_))
        if device is not None and device.revoked_at is None:
            raise PostalError(f"Máy bưu chính {print_} đã được đăng ký với tên «{device.name}».")
        if device is None:
            device = TrustedDevice(fingerprint=print_, public_key=public, name=name, enrolled_at=at,
                                   enrolled_by_id=user.id)
            session.add(device)
        else:   # registered again after a revocation: a new decision, recorded as such
            device.name, device.enrolled_at, device.enrolled_by_id, device.revoked_at = name, at, user.id, None
        session.flush()
        audit.record(session, user, "postal.device_trusted", "trusted_device", device.id, fingerprint=print_,
                     name=name)
        return DeviceView(name, print_, at, None, public)


def revoke_device(desk: Desk, who: Identity, fingerprint: str, *, at: datetime | None = None) -> DeviceView:
    """Stop accepting a device's files (a laptop lost or retired); files already imported stay."""
    at = at or now_local()
    print_ = nfc(fingerprint).strip().upper()
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.MANAGE_USERS)
        device = session.scalar(select(TrustedDevice).where(TrustedDevice.fingerprint == print_))
        if device is None or device.revoked_at is not None:
            raise PostalError(f"Không có máy bưu chính đang được đăng ký với dấu vân tay {print_}.")
        device.revoked_at = at
        audit.record(session, user, "postal.device_revoked", "trusted_device", device.id, fingerprint=print_)
        return DeviceView(device.name, print_, device.enrolled_at, at, device.public_key)


def public_key_in_bundle(path: Path) -> str:
    """The public key a transfer file says it was signed with, to register its device from the file itself
    (the administrator still compares the fingerprint with the one the laptop shows)."""
    name = Path(path).name
    try:
        if Path(path).stat().st_size > MAX_BUNDLE_BYTES:
            raise _fail(name, "tệp quá lớn")
        with zipfile.ZipFile(path) as bundle:
            signature = json.loads(bundle.read("manifest.sig").decode("utf-8"))
        public = str(signature["public_key"])
        device_keys.load_public_key(public)
    except OSError:
        raise PostalError(f"Không mở được tệp «{name}».") from None
    except zipfile.BadZipFile:
        raise _fail(name, "tệp bị hỏng hoặc không phải tệp nén") from None
    except KeyError:
        raise _fail(name, "tệp không có chữ ký của máy bưu chính (manifest.sig)") from None
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError, device_keys.DeviceKeyError):
        raise _fail(name, "chữ ký manifest.sig hỏng") from None
    return public


def fingerprint_of(public_key: str) -> str:
    """The fingerprint of a public key as typed or pasted ("" while it is not a whole key yet)."""
    try:
        return device_keys.fingerprint(public_key)
    except device_keys.DeviceKeyError:
        return ""


def trusted_devices(desk: Desk, who: Identity) -> list[DeviceView]:
    with transaction(desk.sessions) as session:
        authorize(session, who, Permission.MANAGE_USERS)
        rows = session.scalars(select(TrustedDevice).order_by(TrustedDevice.enrolled_at, TrustedDevice.id)).all()
        return [DeviceView(r.name, r.fingerprint, r.enrolled_at, r.revoked_at, r.public_key) for r in rows]
