"""Passive authentication (ICAO 9303-11 §5.1): the data read is what the issuing authority signed.

1. every data group read hashes to the value listed in the SOD's LDS security object;
2. the SOD's CMS signature verifies with the document-signer (DS) certificate it carries;
3. that DS certificate was signed by a country signing CA (CSCA) the office installed — certificates or
   an ICAO master list in the trust folder. Without one, steps 1–2 still hold but nothing proves the
   DS key belongs to the issuing authority: the result says so ("chữ ký chưa được xác minh với CSCA");
4. that DS certificate is within its validity at the time of reading (ICAO makes it last the private key's
   use plus the documents' life, so an expired DS means the document's own time is over) and is not on a
   certificate revocation list (.crl in the trust folder) signed by its CSCA. A CRL whose signature does
   not verify with that CSCA is not used.

A failure of 1 or 2 refuses the data (:class:`TamperedDataError`); 3 and 4 only lower the status.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from asn1crypto import cms, core
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from scanning.id_card.chip.errors import ChipDataError, TamperedDataError
from scanning.id_card.chip.lds import read_tlv

LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"
STATUS_VERIFIED = "verified"
STATUS_NO_CSCA = "no_csca"
STATUS_UNKNOWN_CSCA = "unknown_csca"
STATUS_DS_EXPIRED = "ds_outside_validity"
STATUS_DS_REVOKED = "ds_revoked"
MESSAGES = {
    STATUS_VERIFIED: "Dữ liệu chip đã xác thực: đúng chữ ký của cơ quan cấp, chứng thư thuộc CSCA đã cài.",
    STATUS_NO_CSCA: "Dữ liệu khớp chữ ký số trên chip, nhưng chữ ký chưa được xác minh với CSCA "
                    "(chưa cài chứng thư CSCA / danh sách chủ ICAO).",
    STATUS_UNKNOWN_CSCA: "Dữ liệu khớp chữ ký số trên chip, nhưng chứng thư ký không thuộc CSCA nào đã cài: "
                         "chữ ký chưa được xác minh với CSCA.",
    STATUS_DS_EXPIRED: "Dữ liệu khớp chữ ký số trên chip, nhưng chứng thư ký tài liệu (DS) không còn trong thời hạn "
                       "hiệu lực: thẻ có thể đã hết hạn sử dụng; hãy kiểm tra thẻ.",
    STATUS_DS_REVOKED: "Chứng thư ký tài liệu (DS) của thẻ đã bị cơ quan cấp thu hồi (danh sách thu hồi CRL): "
                       "không coi dữ liệu chip là đã xác thực; hãy kiểm tra thẻ.",
}
DG_LABEL = {1: "DG1 (vùng MRZ)", 2: "DG2 (ảnh chân dung)", 13: "DG13 (thông tin công dân)"}


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):
    _fields = [("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]


class LdsSecurityObject(core.Sequence):
    _fields = [("version", core.Integer), ("hash_algorithm", cms.DigestAlgorithm),
               ("data_group_hash_values", DataGroupHashValues),
               ("lds_version_info", LdsVersionInfo, {"optional": True})]


class CscaMasterList(core.Sequence):
    _fields = [("version", core.Integer), ("cert_list", core.SetOf, {"spec": cms.Certificate})]


@dataclass
class PassiveAuthResult:
    status: str
    hashes_checked: list[int]
    signer: str                      # the DS certificate's subject, for the record
    signer_issuer: str
    message: str = ""
    not_signed: list[int] = field(default_factory=list)   # groups read but absent from the SOD

    @property
    def trusted(self) -> bool:
        return self.status == STATUS_VERIFIED


def _hash(name: str, data: bytes) -> bytes:
    try:
        return hashlib.new(name.replace("_", "-") if name.startswith("sha3") else name, data).digest()
    except ValueError as exc:
        raise ChipDataError(f"Thuật toán băm «{name}» của SOD không được hỗ trợ.") from exc


_HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
           "sha512": hashes.SHA512}


def _verify_signature(public_key, signature: bytes, data: bytes, sig_algo: str, hash_name: str,
                      pss_params=None) -> None:  # noqa: ANN001
    algorithm = _HASHES[hash_name]()
    if isinstance(public_key, rsa.RSAPublicKey):
        if sig_algo == "rsassa_pss":
            salt = pss_params["salt_length"].native if pss_params is not None else algorithm.digest_size
            public_key.verify(signature, data, padding.PSS(padding.MGF1(algorithm), salt), algorithm)
        else:
            public_key.verify(signature, data, padding.PKCS1v15(), algorithm)
    elif isinstance(public_key, ec.EllipticCurvePublicKey):
        public_key.verify(signature, data, ec.ECDSA(algorithm))
    else:
        raise ChipDataError("Loại khóa của chứng thư ký tài liệu không được hỗ trợ.")


def parse_sod(sod: bytes) -> tuple[cms.SignedData, bytes]:
    outer = read_tlv(sod)
    if outer.tag != 0x77:
        raise ChipDataError("EF.SOD của chip không đúng cấu trúc (thiếu thẻ 77).")
    try:
        info = cms.ContentInfo.load(outer.value)
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != LDS_SECURITY_OBJECT_OID:
            raise ChipDataError("EF.SOD không chứa đối tượng bảo mật LDS.")
        content = encap["content"].native
        return signed, bytes(content)
    except (ValueError, TypeError, KeyError) as exc:
        raise ChipDataError("EF.SOD của chip không đọc được.") from exc


def check_sod(sod: bytes, data_groups: dict[int, bytes], trust_anchors: list[x509.Certificate],
              crls: list[x509.CertificateRevocationList] | None = None,
              at: datetime | None = None) -> PassiveAuthResult:
    """Steps 1–4 above (*at*: the time of reading, now by default); raises :class:`TamperedDataError` when the
    data are not the signed ones."""
    signed, econtent = parse_sod(sod)
    try:
        lds = LdsSecurityObject.load(econtent)
        hash_name = lds["hash_algorithm"]["algorithm"].native
        expected = {int(item["data_group_number"].native): item["data_group_hash_value"].native
                    for item in lds["data_group_hash_values"]}
    except (ValueError, TypeError) as exc:
        raise ChipDataError("Đối tượng bảo mật LDS trong EF.SOD không đọc được.") from exc

    # 1. hashes of the groups read
    not_signed = []
    for number, content in sorted(data_groups.items()):
        if number not in expected:
            not_signed.append(number)
            continue
        if _hash(hash_name, content) != expected[number]:
            label = DG_LABEL.get(number, f"DG{number}")
            raise TamperedDataError(f"Dữ liệu {label} trên chip không khớp với chữ ký số của cơ quan cấp "
                                    "(thẻ bị sửa hoặc giả): không dùng dữ liệu đọc từ chip này.")
    if not_signed:
        raise TamperedDataError("Chip có nhóm dữ liệu không được ký (" + ", ".join(f"DG{n}" for n in not_signed)
                                + "): không dùng dữ liệu đọc từ chip này.")

    # 2. the SOD signature with its DS certificate
    signer_info = signed["signer_infos"][0]
    ds = _signer_certificate(signed, signer_info)
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    signed_attrs = signer_info["signed_attrs"]
    if len(signed_attrs):
        digests = [a["values"][0].native for a in signed_attrs if a["type"].native == "message_digest"]
        if not digests or digests[0] != _hash(digest_name, econtent):
            raise TamperedDataError("Chữ ký số của EF.SOD không khớp nội dung: không dùng dữ liệu đọc từ chip này.")
        to_verify = b"\x31" + signed_attrs.dump()[1:]   # signed over the SET OF, not the [0] tag
    else:
        to_verify = econtent
    sig_algo = signer_info["signature_algorithm"].signature_algo
    try:
        _verify_signature(ds.public_key(), signer_info["signature"].native, to_verify, sig_algo, digest_name,
                          signer_info["signature_algorithm"]["parameters"] if sig_algo == "rsassa_pss" else None)
    except InvalidSignature as exc:
        raise TamperedDataError("Chữ ký số của EF.SOD không hợp lệ: không dùng dữ liệu đọc từ chip này.") from exc

    # 3. the DS certificate to an installed CSCA
    status = _chain_status(ds, trust_anchors, crls or [], at or datetime.now(timezone.utc))
    return PassiveAuthResult(status=status, hashes_checked=sorted(data_groups), signer=ds.subject.rfc4514_string(),
                             signer_issuer=ds.issuer.rfc4514_string(), message=MESSAGES[status])


def _signer_certificate(signed: cms.SignedData, signer_info: cms.SignerInfo) -> x509.Certificate:
    certificates = [c.chosen for c in signed["certificates"] if c.name == "certificate"] \
        if signed["certificates"].native else []
    if not certificates:
        raise ChipDataError("EF.SOD không kèm chứng thư ký tài liệu (DS).")
    sid = signer_info["sid"]
    chosen = certificates[0]
    for cert in certificates:
        if sid.name == "issuer_and_serial_number" and cert.serial_number == sid.chosen["serial_number"].native \
                and cert.issuer == sid.chosen["issuer"]:
            chosen = cert
        elif sid.name == "subject_key_identifier" and cert.key_identifier == sid.chosen.native:
            chosen = cert
    return x509.load_der_x509_certificate(chosen.dump())


def _chain_status(ds: x509.Certificate, trust_anchors: list[x509.Certificate],
                  crls: list[x509.CertificateRevocationList], at: datetime) -> str:
    if not trust_anchors:
        return STATUS_NO_CSCA
    for csca in trust_anchors:
        if csca.subject != ds.issuer:
            continue
        try:
            ds.verify_directly_issued_by(csca)
        except (ValueError, TypeError, InvalidSignature):
            continue
        if _revoked(ds, csca, crls):
            return STATUS_DS_REVOKED
        if not ds.not_valid_before_utc <= at.astimezone(timezone.utc) <= ds.not_valid_after_utc:
            return STATUS_DS_EXPIRED
        return STATUS_VERIFIED
    return STATUS_UNKNOWN_CSCA


def _revoked(ds: x509.Certificate, csca: x509.Certificate, crls: list[x509.CertificateRevocationList]) -> bool:
    """On a CRL the CSCA itself signed (a list signed by anyone else proves nothing, either way)."""
    for crl in crls:
        if crl.issuer != csca.subject:
            continue
        try:
            if not crl.is_signature_valid(csca.public_key()):
                continue
        except (TypeError, ValueError):
            continue
        if crl.get_revoked_certificate_by_serial_number(ds.serial_number) is not None:
            return True
    return False


def load_revocation_lists(*paths: Path) -> list[x509.CertificateRevocationList]:
    """Certificate revocation lists (.crl, PEM or DER) from files or folders; unreadable files are skipped
    (each list is checked against its CSCA's signature before use)."""
    lists: list[x509.CertificateRevocationList] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            continue
        files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() != ".crl":
                continue
            data = file.read_bytes()
            try:
                lists.append(x509.load_pem_x509_crl(data) if b"-----BEGIN" in data else x509.load_der_x509_crl(data))
            except ValueError:
                continue
    return lists


def load_trust_anchors(*paths: Path) -> list[x509.Certificate]:
    """CSCA certificates from files or folders: PEM/DER certificates (.pem .crt .cer .der) and ICAO master lists (.ml).

    The master list's own signature is not checked: the office installs the file it obtained from the
    issuing authority, the same way it installs a certificate.
    """
    anchors: list[x509.Certificate] = []
    for path in paths:
        path = Path(path)
        files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        for file in files:
            anchors.extend(_load_file(file))
    return anchors


def _load_file(file: Path) -> list[x509.Certificate]:
    suffix = file.suffix.lower()
    data = file.read_bytes()
    if suffix == ".ml":
        info = cms.ContentInfo.load(data)
        master = CscaMasterList.load(bytes(info["content"]["encap_content_info"]["content"].native))
        return [x509.load_der_x509_certificate(c.dump()) for c in master["cert_list"]]
    if suffix in (".pem", ".crt", ".cer", ".der"):
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    return []
