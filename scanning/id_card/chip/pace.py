"""PACE (ICAO 9303-11 §4.4): password-authenticated key agreement with the MRZ or the card access number.

Supported: ECDH generic mapping with AES secure messaging (id-PACE-ECDH-GM-AES-CBC-CMAC-128/192/256) on
the standardized curves NIST P-256 (12) and brainpoolP256r1 (13) — what EF.CardAccess of ICAO chips
usually offers. Steps: MSE:Set AT; GENERAL AUTHENTICATE ×4 (encrypted nonce, mapping, key agreement
on the mapped generator, mutual authentication tokens). Unlike BAC, a wrong key cannot be tried
offline against a recorded exchange.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from scanning.id_card.chip.access_key import AccessKey
from scanning.id_card.chip.crypto import aes_cbc, aes_cmac, kdf
from scanning.id_card.chip.ec_math import CURVES, Curve
from scanning.id_card.chip.errors import ChipDataError, ChipNotAnsweringError, WrongAccessKeyError
from scanning.id_card.chip.lds import children, read_tlv, total_length
from scanning.id_card.chip.secure_messaging import SW_OK, SecureChannel, SessionKeys, Transport

FID_CARD_ACCESS = 0x011C
# id-PACE-ECDH-GM-AES-CBC-CMAC-{128,192,256}: 0.4.0.127.0.7.2.2.4.2.{2,3,4}
PACE_ECDH_GM_AES = {bytes.fromhex("04007F0007020204020" + d): bits for d, bits in (("2", 128), ("3", 192), ("4", 256))}
PASSWORD_MRZ, PASSWORD_CAN = 1, 2


@dataclass(frozen=True)
class PaceInfo:
    oid: bytes
    aes_bits: int
    curve: Curve


def read_card_access(transport: Transport) -> bytes | None:
    """EF.CardAccess from the master file, unprotected; None when the chip has none (BAC only)."""
    transport.transmit(bytes.fromhex("00A4000C023F00"))   # back to the master file (any earlier session ends)
    _, sw = transport.transmit(bytes.fromhex("00A4020C02011C"))
    if sw != SW_OK:
        return None
    head, sw = transport.transmit(bytes.fromhex("00B0000004"))
    if sw not in (SW_OK, 0x6282) or len(head) < 2:
        return None
    total, data = total_length(head), head
    while len(data) < total:
        part, sw = transport.transmit(bytes([0x00, 0xB0, len(data) >> 8, len(data) & 0xFF, min(0xDF, total - len(data))]))
        if sw not in (SW_OK, 0x6282) or not part:
            return None
        data += part
    return data[:total]


def supported_pace(card_access: bytes) -> PaceInfo | None:
    """The first PACEInfo of EF.CardAccess this reader speaks (SecurityInfos: SET OF SEQUENCE {OID, version, id})."""
    try:
        outer = read_tlv(card_access)
        infos = children(outer.value) if outer.tag == 0x31 else []
        for info in infos:
            fields = children(info.value)
            if len(fields) < 3 or fields[0].tag != 0x06 or fields[0].value not in PACE_ECDH_GM_AES:
                continue
            parameter = int.from_bytes(fields[2].value, "big") if fields[2].tag == 0x02 else None
            if parameter in CURVES:
                return PaceInfo(fields[0].value, PACE_ECDH_GM_AES[fields[0].value], CURVES[parameter])
    except ChipDataError:
        return None
    return None


def password_key(key: AccessKey | str) -> tuple[bytes, int]:
    """K = SHA-1(MRZ information) for the MRZ, the six digits themselves for a CAN."""
    if isinstance(key, AccessKey):
        return hashlib.sha1(key.mrz_information.encode("ascii")).digest(), PASSWORD_MRZ
    return key.encode("ascii"), PASSWORD_CAN


def _dynamic(tag: int, value: bytes) -> bytes:
    from scanning.id_card.chip.secure_messaging import _tlv

    return _tlv(0x7C, (_tlv(tag, value) if tag else b""))


def _general_authenticate(transport: Transport, tag: int, value: bytes, last: bool = False) -> bytes:
    data = _dynamic(tag, value) if tag else b"\x7c\x00"
    apdu = bytes([0x00 if last else 0x10, 0x86, 0x00, 0x00, len(data)]) + data + b"\x00"
    answer, sw = transport.transmit(apdu)
    if sw in (0x6300, 0x6982) or (sw & 0xFFF0) == 0x63C0:
        raise WrongAccessKeyError()
    if sw != SW_OK:
        raise ChipNotAnsweringError(f"GENERAL AUTHENTICATE {sw:04X}")
    outer = read_tlv(answer)
    inner = children(outer.value) if outer.tag == 0x7C else []
    if not inner:
        raise ChipDataError("Chip trả lời PACE không đúng cấu trúc.")
    return inner[0].value


def public_key_data(oid: bytes, curve: Curve, point: tuple[int, int]) -> bytes:
    """The public-key data object the authentication tokens are computed over (tag 7F49)."""
    from scanning.id_card.chip.secure_messaging import _tlv

    body = _tlv(0x06, oid) + _tlv(0x86, curve.encode(point))
    return b"\x7f\x49" + _tlv(0x00, body)[1:]


def token(mac_key: bytes, oid: bytes, curve: Curve, point: tuple[int, int]) -> bytes:
    return aes_cmac(mac_key, public_key_data(oid, curve, point))[:8]


def pace(transport: Transport, key: AccessKey | str, info: PaceInfo) -> SecureChannel:
    """Run PACE on a chip whose EF.CardAccess offered *info*; returns the AES secure channel (SSC 0)."""
    curve, bits = info.curve, info.aes_bits
    secret, password_type = password_key(key)
    k_pi = kdf(secret, 3, bits)
    # MSE:Set AT — protocol OID (80), password reference (83), domain parameters (84).
    from scanning.id_card.chip.secure_messaging import _tlv

    parameter_id = next(i for i, c in CURVES.items() if c is curve)
    mse = _tlv(0x80, info.oid) + _tlv(0x83, bytes([password_type])) + _tlv(0x84, bytes([parameter_id]))
    _, sw = transport.transmit(bytes([0x00, 0x22, 0xC1, 0xA4, len(mse)]) + mse)
    if sw != SW_OK:
        raise ChipNotAnsweringError(f"MSE:Set AT {sw:04X}")

    nonce = aes_cbc(k_pi, _general_authenticate(transport, 0, b""), decrypt=True)
    s = int.from_bytes(nonce, "big")
    # Mapping: H = SK_map · PK_map(chip); G' = s·G + H.
    sk_map = int.from_bytes(os.urandom(curve.size + 8), "big") % (curve.n - 1) + 1
    chip_map = curve.decode(_general_authenticate(transport, 0x81, curve.encode(curve.multiply(sk_map, curve.g))))
    mapped = curve.add(curve.multiply(s, curve.g), curve.multiply(sk_map, chip_map))
    if mapped is None:
        raise ChipDataError("PACE: phép ánh xạ cho điểm vô cực.")
    # Key agreement on G'.
    sk = int.from_bytes(os.urandom(curve.size + 8), "big") % (curve.n - 1) + 1
    own = curve.multiply(sk, mapped)
    chip_point = curve.decode(_general_authenticate(transport, 0x83, curve.encode(own)))
    if chip_point == own:
        raise ChipDataError("PACE: chip gửi lại đúng khóa của đầu đọc.")
    shared = curve.multiply(sk, chip_point)
    if shared is None:
        raise ChipDataError("PACE: khóa chung không hợp lệ.")
    z = shared[0].to_bytes(curve.size, "big")
    ks_enc, ks_mac = kdf(z, 1, bits), kdf(z, 2, bits)
    chip_token = _general_authenticate(transport, 0x85, token(ks_mac, info.oid, curve, chip_point), last=True)
    if chip_token != token(ks_mac, info.oid, curve, own):
        raise WrongAccessKeyError()
    return SecureChannel(transport, SessionKeys(ks_enc, ks_mac, 0, aes=True))
