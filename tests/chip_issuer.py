"""An invented issuing authority for tests: a CSCA, a document signer, and chip images of invented citizens.

The data groups follow ICAO 9303-10 (EF.COM, DG1, DG2, DG14, DG15) and the DG13 layout of the CCCD
documented in scanning/id_card/chip/dg13.py; EF.SOD is a CMS SignedData over the LDS security object,
signed by the document signer, whose certificate the CSCA signed — all generated here, never real keys.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw

from scanning.id_card.chip.access_key import AccessKey
from scanning.id_card.chip.passive_auth import LdsSecurityObject
from scanning.id_card.mrz import format_td1


def der(tag: int, value: bytes) -> bytes:
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    return (tag.to_bytes(2, "big") if tag > 0xFF else bytes([tag])) + length + value


@dataclass(frozen=True)
class Citizen:
    id_number: str
    full_name: str
    dob: date
    gender: str
    place_of_origin: str
    place_of_residence: str
    issue_date: date
    expiry: date
    father_name: str = ""
    mother_name: str = ""
    spouse_name: str = ""
    old_id: str = ""
    ethnicity: str = "Kinh"
    religion: str = "Không"
    identifying_marks: str = "Nốt ruồi C:1cm dưới trước mép trái"

    @property
    def access_key(self) -> AccessKey:
        return AccessKey.from_id(self.id_number, self.dob, self.expiry)

    def mrz_lines(self) -> list[str]:
        from desk_app.text import fold

        parts = fold(self.full_name).upper().split()
        return format_td1(self.id_number, self.dob, self.gender, self.expiry, parts[0], " ".join(parts[1:]))


# Invented citizens (the numbers follow the personal-ID structure: province, century+sex, year).
MOTHER = Citizen(id_number="001190012345", full_name="Nguyễn Thị Hương", dob=date(1990, 3, 12), gender="Nữ",
                 place_of_origin="Xã Nghĩa Hưng, huyện Nghĩa Đàn, tỉnh Nghệ An",
                 place_of_residence="Số 12 ngõ 5 phố Hoàng Hoa Thám, phường Ngọc Hà, thành phố Hà Nội",
                 issue_date=date(2021, 4, 20), expiry=date(2030, 3, 12), father_name="Nguyễn Văn Thắng",
                 mother_name="Lê Thị Lựu", spouse_name="Trần Đức Mạnh", old_id="172345678")
FATHER = Citizen(id_number="038088004321", full_name="Trần Đức Mạnh", dob=date(1988, 11, 2), gender="Nam",
                 place_of_origin="Xã Quảng Phú, huyện Quảng Xương, tỉnh Thanh Hóa",
                 place_of_residence="Số 12 ngõ 5 phố Hoàng Hoa Thám, phường Ngọc Hà, thành phố Hà Nội",
                 issue_date=date(2022, 1, 5), expiry=date(2028, 11, 2), father_name="Trần Văn Quý",
                 mother_name="Phạm Thị Nhài", spouse_name="Nguyễn Thị Hương")


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Cơ quan cấp thử nghiệm"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


@dataclass
class Authority:
    csca_key: ec.EllipticCurvePrivateKey
    csca: x509.Certificate
    ds_key: rsa.RSAPrivateKey
    ds: x509.Certificate

    def csca_pem(self) -> bytes:
        return self.csca.public_bytes(serialization.Encoding.PEM)


def make_authority(label: str = "CSCA Việt Nam thử nghiệm") -> Authority:
    now = datetime.now(timezone.utc) - timedelta(days=1)
    csca_key = ec.generate_private_key(ec.SECP256R1())
    csca = (x509.CertificateBuilder().subject_name(_name(label)).issuer_name(_name(label))
            .public_key(csca_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(csca_key, hashes.SHA256()))
    ds_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ds = (x509.CertificateBuilder().subject_name(_name("Document Signer thử nghiệm")).issuer_name(csca.subject)
          .public_key(ds_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now).not_valid_after(now + timedelta(days=3650))
          .sign(csca_key, hashes.SHA256()))
    return Authority(csca_key, csca, ds_key, ds)


def face_jpeg(label: str, at_least: int = 0) -> bytes:
    """A drawn face; *at_least* bytes adds sensor-like noise until the JPEG is as big as real chips' photos."""
    image = Image.new("RGB", (240, 320), (225, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 60, 180, 200), fill=(205, 170, 140))
    draw.rectangle((50, 210, 190, 320), fill=(40, 60, 120))
    draw.text((10, 10), label[:20], fill=(0, 0, 0))
    if at_least:
        noise = Image.effect_noise((240, 320), 40).convert("RGB")
        image = Image.blend(image, noise, 0.25)
    for quality in (70, 80, 90, 95):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        if out.tell() >= at_least:
            break
    return out.getvalue()


def dg1(citizen: Citizen) -> bytes:
    return der(0x61, der(0x5F1F, "".join(citizen.mrz_lines()).encode("ascii")))


def dg2(citizen: Citizen, face_size: int = 0) -> bytes:
    jpeg = face_jpeg(citizen.id_number, face_size)
    record = b"FAC\x00010\x00" + (len(jpeg) + 46).to_bytes(4, "big") + b"\x00\x01" + bytes(36) + jpeg
    header = der(0xA1, der(0x80, b"\x01\x01") + der(0x87, b"\x01\x01") + der(0x88, b"\x00\x08"))
    biometric = der(0x7F61, der(0x02, b"\x01") + der(0x7F60, header + der(0x5F2E, record)))
    return der(0x75, biometric)


def _field(number: int, *values: bytes) -> bytes:
    return der(0x30, der(0x02, bytes([number])) + b"".join(values))


def _utf8(text: str) -> bytes:
    return der(0x0C, text.encode("utf-8"))


def _printable(text: str) -> bytes:
    return der(0x13, text.encode("ascii"))


def dg13(citizen: Citizen, serial: str = "00000000000000000000000000000001") -> bytes:
    d = lambda value: _printable(value.strftime("%d/%m/%Y"))  # noqa: E731
    fields = [
        _field(1, _printable(citizen.id_number)), _field(2, _utf8(citizen.full_name)), _field(3, d(citizen.dob)),
        _field(4, _utf8(citizen.gender)), _field(5, _utf8("Việt Nam")), _field(6, _utf8(citizen.ethnicity)),
        _field(7, _utf8(citizen.religion)), _field(8, _utf8(citizen.place_of_origin)),
        _field(9, _utf8(citizen.place_of_residence)), _field(10, _utf8(citizen.identifying_marks)),
        _field(11, d(citizen.issue_date)), _field(12, _utf8(citizen.expiry.strftime("%d/%m/%Y"))),
        _field(13, der(0x30, _utf8(citizen.father_name)), der(0x30, _utf8(citizen.mother_name))),
        _field(14, der(0x30, _utf8(citizen.spouse_name)) if citizen.spouse_name else b""),
        _field(15, _printable(citizen.old_id) if citizen.old_id else b""),
        _field(16, _printable(serial[:16])),
    ]
    return der(0x6D, der(0x30, der(0x02, b"\x01") + b"".join(fields)))


def dg14(ca_key: ec.EllipticCurvePrivateKey | None = None, ca_3des: bool = False) -> bytes:
    """SecurityInfos: ActiveAuthenticationInfo (2.23.136.1.1.5, ecdsa-plain-SHA256); with *ca_key* also
    ChipAuthenticationInfo (id-CA-ECDH-AES-CBC-CMAC-128, version 1) and its public key (id-PK-ECDH)."""
    infos = [der(0x30, der(0x06, bytes.fromhex("678108010105")) + der(0x02, b"\x01")
                 + bytes.fromhex("060A04007F00070101040103"))]
    if ca_key is not None:
        spki = ca_key.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo)
        protocol = "04007F00070202030201" if ca_3des else "04007F00070202030202"   # 3DES or AES-128
        infos.append(der(0x30, der(0x06, bytes.fromhex(protocol)) + der(0x02, b"\x01")))
        infos.append(der(0x30, der(0x06, bytes.fromhex("04007F000702020102")) + spki))
    return der(0x6E, der(0x31, b"".join(infos)))


def dg15(key: ec.EllipticCurvePrivateKey) -> bytes:
    return der(0x6F, key.public_key().public_bytes(serialization.Encoding.DER,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo))


def com(groups: list[int]) -> bytes:
    tags = {1: 0x61, 2: 0x75, 13: 0x6D, 14: 0x6E, 15: 0x6F}
    return der(0x60, der(0x5F01, b"0107") + der(0x5F36, b"040000") + der(0x5C, bytes(tags[n] for n in groups)))


def sod(groups: dict[int, bytes], authority: Authority) -> bytes:
    lds = LdsSecurityObject({
        "version": 0, "hash_algorithm": {"algorithm": "sha256"},
        "data_group_hash_values": [{"data_group_number": n, "data_group_hash_value": hashlib.sha256(c).digest()}
                                   for n, c in sorted(groups.items())]})
    econtent = lds.dump()
    attrs = cms.CMSAttributes([
        {"type": "content_type", "values": ["2.23.136.1.1.1"]},
        {"type": "message_digest", "values": [hashlib.sha256(econtent).digest()]},
    ])
    signature = authority.ds_key.sign(attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
    ds_asn1 = asn1_x509.Certificate.load(authority.ds.public_bytes(serialization.Encoding.DER))
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": {"issuer_and_serial_number": {"issuer": ds_asn1.issuer, "serial_number": ds_asn1.serial_number}},
        "digest_algorithm": {"algorithm": "sha256"}, "signed_attrs": attrs,
        "signature_algorithm": {"algorithm": "sha256_rsa"}, "signature": signature})
    signed = cms.SignedData({
        "version": "v3", "digest_algorithms": [{"algorithm": "sha256"}],
        "encap_content_info": {"content_type": "2.23.136.1.1.1", "content": econtent},
        "certificates": [ds_asn1], "signer_infos": [signer]})
    return der(0x77, cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())


def chip_image(citizen: Citizen, authority: Authority, tamper_dg13: bool = False,
               remove_after: int | None = None, extended_length: bool = True, face_size: int = 0,
               cloned: bool = False, pace: dict | None = None, chip_auth: bool | str = False) -> dict:
    """The virtual card's JSON image: files by identifier, the MRZ key, optional removal after N APDUs.

    *cloned*: the signed files copied onto another chip, which cannot hold the original's DG15 key.
    *pace*: {"parameter": 12 (P-256) or 13 (brainpoolP256r1), "bits": 128, "can": "six digits"} puts a
    PACEInfo for ECDH generic mapping with AES in EF.CardAccess (the chip still answers BAC too).
    *chip_auth*: True (AES) or "3des" puts a chip-authentication key in DG14 and in the chip.
    """
    aa_key = ec.generate_private_key(ec.SECP256R1())
    ca_key = ec.generate_private_key(ec.BrainpoolP256R1()) if chip_auth else None
    groups = {1: dg1(citizen), 2: dg2(citizen, face_size), 13: dg13(citizen),
              14: dg14(ca_key, ca_3des=chip_auth == "3des"), 15: dg15(aa_key)}
    if cloned:
        aa_key = ec.generate_private_key(ec.SECP256R1())
        ca_key = ec.generate_private_key(ec.BrainpoolP256R1()) if chip_auth else None
    signed = sod(groups, authority)
    if tamper_dg13:   # a forger changes the name after signing
        groups[13] = dg13(replace(citizen, full_name=citizen.full_name.replace("Hương", "Hường")))
    files = {0x011E: com(sorted(groups)), 0x011D: signed, **{0x0100 + n: c for n, c in groups.items()}}
    if pace:
        info = der(0x06, bytes.fromhex("04007F00070202040202")) + der(0x02, b"\x02") + der(0x02, bytes([pace["parameter"]]))
        files[0x011C] = der(0x31, der(0x30, info))
    key = citizen.access_key
    return {"files": {f"{fid:04X}": content.hex() for fid, content in files.items()},
            "key": {"document_number": key.document_number, "dob": key.dob.isoformat(),
                    "expiry": key.expiry.isoformat()},
            "remove_after": remove_after, "extended_length": extended_length, "pace": pace,
            "aa_key": _pem(aa_key), "ca_key": _pem(ca_key) if ca_key else None}


def _pem(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode("ascii")


def write_image(path: Path, image: dict) -> Path:
    path.write_text(json.dumps(image), encoding="utf-8")
    return path
