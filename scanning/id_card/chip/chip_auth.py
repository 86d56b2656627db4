"""Chip authentication (ICAO 9303-11 §6.2): a key agreement with the chip's static key from DG14.

Like active authentication it detects a copied chip — only the original holds the private key whose
public half is in DG14 (covered by the SOD) — and it also replaces the BAC session keys by stronger ones.
The proof is implicit: after the exchange both sides switch to keys derived from the shared secret, and
a chip without the private key cannot produce one valid MAC after that.

Supported: id-CA-ECDH-AES-CBC-CMAC-128/192/256 (MSE:Set AT + GENERAL AUTHENTICATE) and
id-CA-ECDH-3DES-CBC-CBC (MSE:Set KAT), with a named-curve key in ChipAuthenticationPublicKeyInfo.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from scanning.id_card.chip.crypto import kdf
from scanning.id_card.chip.errors import ChipDataError, TamperedDataError
from scanning.id_card.chip.lds import children, read_tlv
from scanning.id_card.chip.secure_messaging import SW_OK, SecureChannel, SessionKeys, _tlv

CA_ECDH = {bytes.fromhex("04007F00070202030201"): 0, bytes.fromhex("04007F00070202030202"): 128,
           bytes.fromhex("04007F00070202030203"): 192, bytes.fromhex("04007F00070202030204"): 256}
PK_ECDH = bytes.fromhex("04007F000702020102")
CA_OK = "chip là chip gốc (xác thực chip thành công)"
REFUSED = ("Chip không chứng minh được là chip gốc của thẻ (xác thực chip thất bại): có thể là chip sao chép. "
           "Không dùng dữ liệu đọc từ chip này; hãy đối chiếu giấy tờ gốc.")


@dataclass(frozen=True)
class ChipAuthInfo:
    oid: bytes
    aes_bits: int   # 0: 3DES
    public_key: ec.EllipticCurvePublicKey
    key_id: bytes | None = None


def chip_auth_info(dg14: bytes) -> ChipAuthInfo | None:
    """The chip-authentication protocol and key DG14 offers, if this reader speaks it."""
    try:
        outer = read_tlv(dg14)
        infos = children(read_tlv(outer.value).value) if outer.tag == 0x6E else []
    except ChipDataError:
        return None
    protocol, key, key_id = None, None, None
    for info in infos:
        fields = children(info.value)
        if not fields or fields[0].tag != 0x06:
            continue
        if fields[0].value in CA_ECDH and protocol is None:
            protocol = fields[0].value
        elif fields[0].value == PK_ECDH and len(fields) >= 2:
            spki = b"\x30" + _tlv(0x00, fields[1].value)[1:]
            try:
                loaded = serialization.load_der_public_key(spki)
            except ValueError:   # explicit domain parameters: not loadable here
                continue
            if isinstance(loaded, ec.EllipticCurvePublicKey):
                key = loaded
                key_id = fields[2].value if len(fields) > 2 and fields[2].tag == 0x02 else None
    if protocol is None or key is None:
        return None
    return ChipAuthInfo(protocol, CA_ECDH[protocol], key, key_id)


def chip_authentication(channel: SecureChannel, info: ChipAuthInfo) -> SecureChannel:
    """Agree on new session keys with the chip's DG14 key; returns the new channel (SSC 0)."""
    ephemeral = ec.generate_private_key(info.public_key.curve)
    own = ephemeral.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    key_ref = _tlv(0x84, info.key_id) if info.key_id else b""
    if info.aes_bits:
        _, sw = channel.command(bytes([0x00, 0x22, 0x41, 0xA4]), _tlv(0x80, info.oid) + key_ref)
        if sw == SW_OK:
            _, sw = channel.command(bytes([0x00, 0x86, 0x00, 0x00]), _tlv(0x7C, _tlv(0x80, own)), 256)
    else:
        _, sw = channel.command(bytes([0x00, 0x22, 0x41, 0xA6]), _tlv(0x91, own) + key_ref)
    if sw != SW_OK:
        raise TamperedDataError(REFUSED)
    secret = ephemeral.exchange(ec.ECDH(), info.public_key)
    return SecureChannel(channel.transport, SessionKeys(kdf(secret, 1, info.aes_bits), kdf(secret, 2, info.aes_bits),
                                                        0, aes=bool(info.aes_bits)))
