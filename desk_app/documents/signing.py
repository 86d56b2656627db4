"""Digital signature of the digitising unit on PDFs (digitised copies, forms), with pyHanko.

The signature is a PAdES-style CMS signature from a PKCS#12 certificate, with a visible stamp at the
top right of page 1 showing the signer's name and the signing time in Vietnam time (DOMAIN.md §3.1).

    pdf = sign_pdf(pdf_bytes, SigningKey.load(p12_path, passphrase))
    pdf = sign_pdf_for_desk(desk, pdf_bytes)   # the desk's certificate, or its training certificate

A training certificate (own CA + signer, clearly marked ĐÀO TẠO) is created in the data folder the first
time a training desk signs, so training never needs a real certificate.
"""

from __future__ import annotations

import io
import os
import secrets
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desk_app.clock import VIETNAM, now_local
from desk_app.errors import DeskError
from desk_app.text import nfc

__all__ = [
    "PASSPHRASE_ENV",
    "STAMP_H",
    "STAMP_MARGIN",
    "STAMP_W",
    "SigningError",
    "SigningKey",
    "make_ca_and_signer",
    "sign_pdf",
    "sign_pdf_for_desk",
    "stamp_box",
    "stamp_pdf",
    "desk_secret",
    "timestamper_for",
    "training_key",
]

PASSPHRASE_ENV = "DESK_APP_SIGNING_PASSPHRASE"
STAMP_W, STAMP_H = 60 * 72 / 25.4, 9 * 72 / 25.4  # points
STAMP_MARGIN = 2 * 72 / 25.4
FIELD_NAME = "ChuKySoDonViSoHoa"
_lock = threading.Lock()


class SigningError(DeskError, RuntimeError):
    pass


@dataclass(frozen=True)
class SigningKey:
    """A loaded PKCS#12 signer (pyHanko SimpleSigner) and the name shown on the stamp."""

    signer: object
    name: str

    @classmethod
    def load(cls, path: str | os.PathLike[str], passphrase: bytes | str | None) -> SigningKey:
        from pyhanko.sign import signers

        pw = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
        try:
            signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=pw)
        except (OSError, ValueError) as exc:
            raise SigningError(f"Không mở được chứng thư số {path}: {exc}") from exc
        if signer is None:
            raise SigningError(f"Không mở được chứng thư số {path} (sai mật khẩu hoặc tệp hỏng)")
        cert = signer.signing_cert
        name = nfc(cert.subject.native.get("common_name", "")) or nfc(cert.subject.human_friendly)
        return cls(signer, name)


def stamp_box(page_width: float, page_height: float) -> tuple[float, float, float, float]:
    """(x1, y1, x2, y2) of the visible stamp: top right of the page, inside a small margin."""
    x2 = page_width - STAMP_MARGIN
    y2 = page_height - STAMP_MARGIN
    return (x2 - STAMP_W, y2 - STAMP_H, x2, y2)


def stamp_pdf(signer_name: str, moment: datetime, width: float = STAMP_W, height: float = STAMP_H) -> bytes:
    """The visible stamp drawn with the forms' embedded fonts (pyHanko's own text stamp lacks kerning)."""
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from desk_app.documents.fonts import SANS, SANS_BOLD, register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height), invariant=1)
    c.setStrokeColor(colors.Color(0.05, 0.25, 0.6))
    c.setLineWidth(0.8)
    c.setFillColor(colors.white)
    c.rect(0.5, 0.5, width - 1, height - 1, stroke=1, fill=1)
    c.setFillColor(colors.Color(0.05, 0.25, 0.6))
    lines = [(f"Ký bởi: {nfc(signer_name)}", SANS_BOLD),
             (f"Thời gian ký: {moment:%H:%M:%S} ngày {moment:%d/%m/%Y} (GMT+7)", SANS)]
    size = min(7.0, (height - 4) / (len(lines) * 1.2))
    for text, font in lines:
        while size > 4 and stringWidth(text, font, size) > width - 6:
            size -= 0.25
    y = height - 2.5 - size
    for text, font in lines:
        c.setFont(font, size)
        c.drawString(3, y, text)
        y -= size * 1.3
    c.showPage()
    c.save()
    return buf.getvalue()


def refresh_asn1_name_maps() -> None:
    """asn1crypto inverts an OID name map once, on first use, and modules loaded later (asn1crypto.tsp and .pdf,
    pyHanko's own) add names to the same maps. A map inverted before them — the chip reader's SOD parsing does
    that — then lacks names pyHanko signs with ('signing_certificate_v2'), so stale inversions are dropped."""
    from asn1crypto import core

    pending = [core.ObjectIdentifier]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        inverted = cls.__dict__.get("_reverse_map")
        if inverted is not None and len(inverted) != len(cls._map or {}):
            cls._reverse_map = {name: oid for oid, name in cls._map.items()}


def sign_pdf(pdf: bytes, key: SigningKey, *, reason: str = "Số hóa hồ sơ, kết quả giải quyết TTHC",
             location: str = "", when: datetime | None = None, timestamper=None) -> bytes:  # noqa: ANN001
    """*pdf* with a visible, validating signature by *key* at the top right of page 1."""
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import (
        AxisAlignment,
        InnerScaling,
        SimpleBoxLayoutRule,
    )
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    refresh_asn1_name_maps()
    moment = (when or now_local().replace(tzinfo=VIETNAM)).astimezone(VIETNAM)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        box = [float(v) for v in page["/MediaBox"]]
        x1, y1, x2, y2 = stamp_box(box[2] - box[0], box[3] - box[1])
        name = f"{FIELD_NAME}{len(writer.root.get('/AcroForm', {}).get('/Fields', [])) + 1}"
        fields.append_signature_field(
            writer, fields.SigFieldSpec(sig_field_name=name, on_page=0,
                                        box=(x1 + box[0], y1 + box[1], x2 + box[0], y2 + box[1])))
        meta = signers.PdfSignatureMetadata(field_name=name, reason=nfc(reason), location=nfc(location) or None,
                                            name=key.name, md_algorithm="sha256")
        with tempfile.TemporaryDirectory(prefix="desk-stamp-") as tmp:
            stamp_file = Path(tmp) / "stamp.pdf"
            stamp_file.write_bytes(stamp_pdf(key.name, moment, x2 - x1, y2 - y1))
            style = StaticStampStyle(
                background=ImportedPdfPage(str(stamp_file)), border_width=0, background_opacity=1.0,
                background_layout=SimpleBoxLayoutRule(AxisAlignment.ALIGN_MID, AxisAlignment.ALIGN_MID,
                                                      inner_content_scaling=InnerScaling.STRETCH_TO_FIT))
            pdf_signer = signers.PdfSigner(meta, signer=key.signer, stamp_style=style, timestamper=timestamper)
            out = pdf_signer.sign_pdf(writer)
    except SigningError:
        raise
    except Exception as exc:
        raise SigningError(f"Không ký số được tài liệu: {exc}") from exc
    return out.getvalue()


# --------------------------------------------------------------------------- certificates


def _cap64(text: str) -> str:
    """X.520 caps CN and O at 64 (cryptography counts UTF-8 bytes): cut at a character boundary."""
    value = nfc(text)
    while len(value.encode("utf-8")) > 64:
        value = value[:-1]
    return value.rstrip()


def make_ca_and_signer(signer_name: str, *, ca_name: str, passphrase: bytes, days: int = 3650,
                       organisation: str = "") -> tuple[bytes, bytes]:
    """A new CA and a signer certificate issued by it: (PKCS#12 of the signer with the CA, CA cert PEM)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.now(UTC) - timedelta(minutes=5)

    def name(cn: str) -> x509.Name:
        attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                 x509.NameAttribute(NameOID.COMMON_NAME, _cap64(cn))]
        if organisation:
            attrs.insert(1, x509.NameAttribute(NameOID.ORGANIZATION_NAME, _cap64(organisation)))
        return x509.Name(attrs)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder().subject_name(name(ca_name)).issuer_name(name(ca_name))
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(name(signer_name)).issuer_name(ca_cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + timedelta(days=days - 1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"desk-signer", key, cert, [ca_cert], serialization.BestAvailableEncryption(passphrase))
    return p12, ca_cert.public_bytes(serialization.Encoding.PEM)


def training_key(folder: Path, signer_name: str, passphrase: bytes) -> SigningKey:
    """The training signer in *folder*/signing, created on first use, its PKCS#12 encrypted with
    *passphrase* — which the desk keeps in its database (:func:`desk_secret`), never beside the key file."""
    from scanning.durable import atomic_write_bytes, make_private_dir

    sign_dir = Path(folder) / "signing"
    p12_path = sign_dir / "training-signer.p12"
    with _lock:
        (sign_dir / "training-signer.passphrase").unlink(missing_ok=True)  # kept there by older versions
        if not p12_path.exists():
            make_private_dir(sign_dir)   # 0700: the key is the desk account's only
            p12, ca_pem = make_ca_and_signer(
                f"ĐÀO TẠO – {signer_name}", ca_name="CA ĐÀO TẠO – desk-app (không có giá trị pháp lý)",
                passphrase=passphrase)
            atomic_write_bytes(sign_dir / "training-ca.pem", ca_pem)
            atomic_write_bytes(p12_path, p12)
            os.chmod(p12_path, 0o600)
        return SigningKey.load(p12_path, passphrase)


def desk_secret(desk, name: str) -> bytes:  # noqa: ANN001 - desk_app.desk.Desk
    """A random secret of this desk, made once and kept in its database (app_secrets)."""
    from desk_app.storage.db import transaction
    from desk_app.storage.models import AppSecret

    with transaction(desk.sessions) as session:
        row = session.get(AppSecret, name)
        if row is None:
            row = AppSecret(name=name, value=secrets.token_urlsafe(32))
            session.add(row)
        return row.value.encode("ascii")


def timestamper_for(settings):  # noqa: ANN001, ANN201 - a pyHanko TimeStamper or None
    """RFC 3161 timestamps from the configured TSA (``signing_tsa_url``): the signing time is then attested
    by a third party, not only claimed by the desk's clock. None when no TSA is configured (offline desk)."""
    url = getattr(settings, "signing_tsa_url", None)
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=10)


def sign_pdf_for_desk(desk, pdf: bytes) -> bytes:
    """Sign with the desk's configured PKCS#12, or with the training certificate in training mode."""
    settings = desk.settings
    if settings.signing_pkcs12_path:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if passphrase is None:
            raise SigningError(f"Chưa có mật khẩu chứng thư số (biến môi trường {PASSPHRASE_ENV}).")
        key = SigningKey.load(settings.signing_pkcs12_path, passphrase)
    elif settings.training:
        key = training_key(desk.folder, f"{nfc(settings.desk_name).title()} {nfc(settings.place_name)}",
                           desk_secret(desk, "training-signer"))
    else:
        raise SigningError("Chưa cấu hình chứng thư số của đơn vị số hóa (signing_pkcs12_path).")
    return sign_pdf(pdf, key, location=settings.place_name, timestamper=timestamper_for(settings))
