"""Digital signature of the digitising unit: PKCS#12 from a test CA, visible stamp top right of page 1,
validated with pyHanko's validation API."""

import io
from datetime import UTC, datetime, timedelta, timezone

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from desk_app.documents.parts import FormHeader
from desk_app.documents.signing import (
    STAMP_H,
    STAMP_W,
    SigningError,
    SigningKey,
    make_ca_and_signer,
    sign_pdf,
    stamp_box,
    stamp_pdf,
    training_key,
)
from desk_app.documents.supplement import Defect, SupplementData, render_supplement

SIGNER = "Trung tâm Phục vụ hành chính công xã Hòa An"
VN = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chứng thư")
    p12, ca_pem = make_ca_and_signer(SIGNER, ca_name="CA Thử nghiệm Tỉnh", passphrase=b"mat-khau-thu",
                                     organisation="UBND xã Hòa An")
    path = folder / "đơn vị số hóa.p12"
    path.write_bytes(p12)
    _, _, der = pem.unarmor(ca_pem)
    return path, asn1_x509.Certificate.load(der)


def form_pdf() -> bytes:
    header = FormHeader("UBND XÃ HÒA AN", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Hòa An",
                        "000.00.12.H15-250714-5001", "Nguyễn Thị Ánh Tuyết",
                        received_at=datetime(2025, 7, 14, 9, 5))
    return render_supplement(SupplementData(header, [Defect("Tờ khai", "Ký tên")], datetime(2025, 7, 14, 9, 30),
                                            "Lê Thị Hồng Nhung"))


def validate(pdf: bytes, root) -> object:
    reader = PdfFileReader(io.BytesIO(pdf))
    assert len(reader.embedded_signatures) == 1
    return reader.embedded_signatures[0], validate_pdf_signature(
        reader.embedded_signatures[0], ValidationContext(trust_roots=[root]))


def test_signature_validates_against_the_test_ca(pki):
    path, root = pki
    key = SigningKey.load(path, "mat-khau-thu")
    assert key.name == SIGNER
    when = datetime(2025, 7, 14, 2, 31, 5, tzinfo=UTC)
    signed = sign_pdf(form_pdf(), key, location="Hòa An", when=when)
    _, status = validate(signed, root)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == SIGNER

    # Visible stamp: a widget at the top right of page 1 with the signer and the Vietnam time.
    page = PdfReader(io.BytesIO(signed)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    widgets = [a.get_object() for a in page["/Annots"] if a.get_object().get("/FT") == "/Sig"]
    x1, y1, x2, y2 = (float(v) for v in widgets[0]["/Rect"])
    assert (x2 - x1, y2 - y1) == pytest.approx((STAMP_W, STAMP_H), abs=1)
    assert x2 > width - 10 and y2 > height - 10  # top right corner
    assert (x1, y1, x2, y2) == pytest.approx(stamp_box(width, height), abs=0.5)
    assert "/AP" in widgets[0]
    stamp = " ".join(PdfReader(io.BytesIO(stamp_pdf(key.name, when.astimezone(VN)))).pages[0].extract_text().split())
    assert f"Ký bởi: {SIGNER}" in stamp and "Thời gian ký: 09:31:05 ngày 14/07/2025 (GMT+7)" in stamp


def test_tampering_breaks_the_signature(pki):
    path, root = pki
    signed = bytearray(sign_pdf(form_pdf(), SigningKey.load(path, b"mat-khau-thu")))
    index = signed.index(b"/Producer")
    signed[index + 2] ^= 0x01  # flip a byte inside the signed range
    _, status = validate(bytes(signed), root)
    assert not status.intact and not status.bottom_line


def test_wrong_passphrase_is_a_clear_error(pki):
    path, _ = pki
    with pytest.raises(SigningError, match="chứng thư"):
        SigningKey.load(path, b"sai")


def test_training_certificate_made_once_and_its_passphrase_is_not_beside_it(desk, data_folder):
    from desk_app.documents.signing import desk_secret

    secret = desk_secret(desk, "training-signer")
    assert secret == desk_secret(desk, "training-signer")  # made once, kept in the database
    first = training_key(data_folder, SIGNER, secret)
    again = training_key(data_folder, SIGNER, secret)
    assert "ĐÀO TẠO" in first.name and first.name == again.name
    files = sorted(p.name for p in (data_folder / "signing").iterdir())
    assert files == ["training-ca.pem", "training-signer.p12"]  # no passphrase file next to the key
    assert not any(secret in f.read_bytes() for f in (data_folder / "signing").iterdir())
    with pytest.raises(SigningError):  # the key file alone (a copied folder) cannot sign
        SigningKey.load(data_folder / "signing" / "training-signer.p12", b"")
    assert oct((data_folder / "signing" / "training-signer.p12").stat().st_mode & 0o777) == "0o600"
    _, _, der = pem.unarmor((data_folder / "signing" / "training-ca.pem").read_bytes())
    _, status = validate(sign_pdf(form_pdf(), first), asn1_x509.Certificate.load(der))
    assert status.bottom_line


def test_signed_form_through_the_cli_keeps_the_form_number_visible(desk, clerk, page_files, tmp_path, monkeypatch):
    from desk_app.cli import main
    from tests.conftest import CLERK_PASSWORD

    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
    from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages

    accepted = accept_dossier(desk, clerk, IntakeRequest(procedure_code="1.001193", applicant_name="Đỗ Văn Lâm",
                                                         pages=store_pages(desk, page_files), outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ"),
                              received_at=datetime(2025, 7, 14, 9, 0))
    out = tmp_path / "phiếu kiểm soát đã ký.pdf"
    assert main(["print-form", "control-sheet", accepted.code, "--sign", "--out", str(out),
                 "--user", "tuyet.nguyen"]) == 0
    _, _, der = pem.unarmor((desk.folder / "signing" / "training-ca.pem").read_bytes())
    _, status = validate(out.read_bytes(), asn1_x509.Certificate.load(der))
    assert status.bottom_line
    page = PdfReader(io.BytesIO(out.read_bytes())).pages[0]
    text = " ".join(page.extract_text().split())
    assert "Mẫu số 06" in text and "03/2025/TT-VPCP" in text


def test_with_a_time_stamping_authority_the_signature_carries_a_trusted_timestamp(pki, tmp_path):
    """RFC 3161: a local TSA (pyHanko's reference time stamper behind a real HTTP endpoint)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from asn1crypto import keys, tsp
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps import DummyTimeStamper

    from desk_app.config import Settings
    from desk_app.documents.signing import timestamper_for

    now = datetime.now(UTC) - timedelta(minutes=5)
    # pyHanko's reference time stamper signs with RSA only.
    ca_key, tsa_key = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA dấu thời gian thử nghiệm")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(1).not_valid_before(now).not_valid_after(now + timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    tsa = (x509.CertificateBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA thử nghiệm")]))
           .issuer_name(ca_name).public_key(tsa_key.public_key()).serial_number(2)
           .not_valid_before(now).not_valid_after(now + timedelta(days=1))
           .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
           .sign(ca_key, hashes.SHA256()))
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(tsa_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())))

    class Tsa(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server API
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tsa)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        path, root = pki
        settings = Settings(signing_tsa_url=f"http://127.0.0.1:{server.server_address[1]}/tsa")
        signed = sign_pdf(form_pdf(), SigningKey.load(path, b"mat-khau-thu"), timestamper=timestamper_for(settings))
    finally:
        server.shutdown()
    reader = PdfFileReader(io.BytesIO(signed))
    tsa_root = asn1_x509.Certificate.load(ca.public_bytes(serialization.Encoding.DER))
    status = validate_pdf_signature(reader.embedded_signatures[0], ValidationContext(trust_roots=[root]),
                                    ts_validation_context=ValidationContext(trust_roots=[tsa_root]))
    assert status.bottom_line and status.timestamp_validity is not None and status.timestamp_validity.valid
    assert status.timestamp_validity.trusted
    assert timestamper_for(Settings()) is None  # no TSA configured: the desk's own signing time only


def test_signing_works_after_the_chip_reader_used_asn1crypto_first():
    """The chip reader parses a SOD (asn1crypto inverts its OID name maps) before pyHanko loads and adds
    names to those maps; signing must still find 'signing_certificate_v2' (seen: every signature failed)."""
    import subprocess
    import sys

    code = (
        "from asn1crypto import cms\n"
        "cms.CMSAttributeType('content_type')\n"  # inverts the map, as parsing a SOD does
        "import pyhanko.sign.signers\n"
        "from desk_app.documents.signing import refresh_asn1_name_maps\n"
        "refresh_asn1_name_maps()\n"
        "print(cms.CMSAttributeType('signing_certificate_v2').dotted)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "1.2.840.113549.1.9.16.2.47"
