"""Active authentication (ICAO 9303-11 §6.1): the chip proves it holds the private key of DG15.

Passive authentication shows the data were issued; it cannot tell a copied chip from the original
(the copy carries the same signed files). The original chip alone can sign a fresh random challenge
with the key whose public half is in DG15 (itself covered by the SOD hashes).

- EC keys: plain ECDSA (r ‖ s) over the challenge, hash named in DG14's ActiveAuthenticationInfo;
- RSA keys: ISO/IEC 9796-2 signature scheme 1 (message recovery), SHA-1 or the hash in its trailer.
"""

from __future__ import annotations

import hashlib
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from scanning.id_card.chip.errors import ChipDataError, TamperedDataError
from scanning.id_card.chip.lds import read_tlv
from scanning.id_card.chip.secure_messaging import SW_OK, SecureChannel

AA_NOT_SUPPORTED = "chip không hỗ trợ"
AA_OK = "chip là chip gốc (xác thực chủ động thành công)"
# ecdsa-plain-SHA* (BSI TR-03111) as DER object identifiers, looked for in DG14's ActiveAuthenticationInfo.
_PLAIN_ECDSA = {bytes.fromhex("060A04007F00070101040101"): hashes.SHA1,
                bytes.fromhex("060A04007F00070101040102"): hashes.SHA224,
                bytes.fromhex("060A04007F00070101040103"): hashes.SHA256,
                bytes.fromhex("060A04007F00070101040104"): hashes.SHA384,
                bytes.fromhex("060A04007F00070101040105"): hashes.SHA512}
_ISO9796_TRAILERS = {0x33: hashlib.sha1, 0x38: hashlib.sha224, 0x34: hashlib.sha256, 0x36: hashlib.sha384,
                     0x35: hashlib.sha512}
REFUSED = ("Chip không chứng minh được là chip gốc của thẻ (xác thực chủ động thất bại): có thể là chip sao chép. "
           "Không dùng dữ liệu đọc từ chip này; hãy đối chiếu giấy tờ gốc.")


def public_key_of_dg15(dg15: bytes):  # noqa: ANN201
    outer = read_tlv(dg15)
    if outer.tag != 0x6F:
        raise ChipDataError("DG15 của chip không đúng cấu trúc.")
    try:
        return serialization.load_der_public_key(outer.value)
    except ValueError as exc:
        raise ChipDataError("Khóa công khai trong DG15 không đọc được.") from exc


def ecdsa_hash_of_dg14(dg14: bytes | None) -> type[hashes.HashAlgorithm]:
    for oid, algorithm in _PLAIN_ECDSA.items():
        if dg14 and oid in dg14:
            return algorithm
    return hashes.SHA256


def active_authentication(channel: SecureChannel, dg15: bytes, dg14: bytes | None,
                          challenge: bytes | None = None) -> str:
    """INTERNAL AUTHENTICATE with a fresh challenge; returns a status text or raises :class:`TamperedDataError`."""
    key = public_key_of_dg15(dg15)
    challenge = challenge or os.urandom(8)
    signature, sw = channel.command(bytes([0x00, 0x88, 0x00, 0x00]), challenge, 256)
    if sw in (0x6D00, 0x6E00, 0x6A81):
        return AA_NOT_SUPPORTED
    if sw != SW_OK or not signature:
        raise TamperedDataError(REFUSED)
    if isinstance(key, ec.EllipticCurvePublicKey):
        size = (key.curve.key_size + 7) // 8
        if len(signature) != 2 * size:
            raise TamperedDataError(REFUSED)
        der = encode_dss_signature(int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big"))
        try:
            key.verify(der, challenge, ec.ECDSA(ecdsa_hash_of_dg14(dg14)()))
        except InvalidSignature as exc:
            raise TamperedDataError(REFUSED) from exc
        return AA_OK
    if isinstance(key, rsa.RSAPublicKey):
        if not _iso9796_2_ok(key, signature, challenge):
            raise TamperedDataError(REFUSED)
        return AA_OK
    raise ChipDataError("Loại khóa trong DG15 không được hỗ trợ.")


def _iso9796_2_ok(key: rsa.RSAPublicKey, signature: bytes, challenge: bytes) -> bool:
    numbers = key.public_numbers()
    size = (key.key_size + 7) // 8
    recovered = pow(int.from_bytes(signature, "big"), numbers.e, numbers.n).to_bytes(size, "big")
    if recovered[0] & 0xC0 != 0x40 or recovered[-1] not in (0xBC, 0xCC):
        return False
    if recovered[-1] == 0xBC:
        digest, trailer = hashlib.sha1, 1
    else:
        digest, trailer = _ISO9796_TRAILERS.get(recovered[-2]), 2
        if digest is None:
            return False
    length = digest().digest_size
    m1 = recovered[1:size - trailer - length]
    return recovered[size - trailer - length:size - trailer] == digest(m1 + challenge).digest()
