"""BAC: mutual authentication with the chip, then secure messaging with a send-sequence counter (ICAO 9303-11 §4.3, §9.8).

Every protected command and response carries a MAC over the counter, so a replayed, reordered or
altered APDU is detected; data travel 3DES-encrypted.
"""

from __future__ import annotations

import os
from typing import Protocol

from scanning.id_card.chip.access_key import AccessKey
from scanning.id_card.chip.crypto import (
    aes_block,
    aes_cbc,
    aes_cmac,
    derive_key,
    des3_decrypt,
    des3_encrypt,
    pad,
    retail_mac,
    unpad,
)
from scanning.id_card.chip.errors import ChipDataError, ChipNotAnsweringError, WrongAccessKeyError

SW_OK = 0x9000


class Transport(Protocol):
    def transmit(self, apdu: bytes) -> tuple[bytes, int]: ...


def _tlv(tag: int, value: bytes) -> bytes:
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    return bytes([tag]) + length + value


def _read_tlvs(data: bytes) -> dict[int, bytes]:
    out, i = {}, 0
    while i < len(data):
        tag = data[i]
        n = data[i + 1]
        i += 2
        if n & 0x80:
            size = n & 0x7F
            n = int.from_bytes(data[i:i + size], "big")
            i += size
        out[tag] = data[i:i + n]
        i += n
    return out


class SessionKeys:
    """The session keys and send-sequence counter of one secure channel: 3DES after BAC, AES after PACE.

    The reader and the (test) chip both use it: each side increments the counter once per command and
    once per answer, so a lost, replayed or reordered APDU breaks every MAC after it.
    """

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: int, aes: bool = False) -> None:
        self.ks_enc, self.ks_mac, self.ssc, self.aes = ks_enc, ks_mac, ssc, aes
        self.block = 16 if aes else 8

    def next(self) -> None:
        self.ssc = (self.ssc + 1) % (1 << (8 * self.block))

    def _counter(self) -> bytes:
        return self.ssc.to_bytes(self.block, "big")

    def pad(self, data: bytes) -> bytes:
        return pad(data, self.block)

    def encrypt(self, data: bytes) -> bytes:
        if self.aes:   # IV = E(KS_enc, SSC)
            return aes_cbc(self.ks_enc, self.pad(data), aes_block(self.ks_enc, self._counter()))
        return des3_encrypt(self.ks_enc, self.pad(data))

    def decrypt(self, data: bytes) -> bytes:
        if self.aes:
            return unpad(aes_cbc(self.ks_enc, data, aes_block(self.ks_enc, self._counter()), decrypt=True))
        return unpad(des3_decrypt(self.ks_enc, data))

    def mac(self, data: bytes) -> bytes:
        if self.aes:
            return aes_cmac(self.ks_mac, self.pad(self._counter() + data))[:8]
        return retail_mac(self.ks_mac, self.pad(self._counter() + data))


class SecureChannel:
    """Wraps plain APDUs into protected ones after BAC or PACE; ``transmit`` mirrors the transport's."""

    def __init__(self, transport: Transport, keys: SessionKeys) -> None:
        self.transport = transport
        self.keys = keys

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """A short plain APDU (CLA INS P1 P2 [Lc data] [Le]), protected on the way and unwrapped on return."""
        body = apdu[4:]
        data, le = b"", None
        if len(body) == 1:
            le = body[0] or 256
        elif body:
            lc = body[0]
            data = body[1:1 + lc]
            if len(body) > 1 + lc:
                le = body[1 + lc] or 256
        return self.command(apdu[:4], data, le)

    def command(self, header: bytes, data: bytes = b"", le: int | None = None) -> tuple[bytes, int]:
        """Protect one command; *le* above 256 makes it an extended-length APDU (ISO 7816-4 §5.1)."""
        keys = self.keys
        header = bytes([header[0] | 0x0C]) + header[1:4]
        extended = le is not None and le > 256
        keys.next()
        do87 = _tlv(0x87, b"\x01" + keys.encrypt(data)) if data else b""
        do97 = b""
        if le is not None:
            do97 = _tlv(0x97, (le % 65536).to_bytes(2, "big") if extended else bytes([le % 256]))
        protected = do87 + do97 + _tlv(0x8E, keys.mac(keys.pad(header) + do87 + do97))
        if extended:
            apdu = header + b"\x00" + len(protected).to_bytes(2, "big") + protected + b"\x00\x00"
        else:
            apdu = header + bytes([len(protected)]) + protected + b"\x00"
        answer, sw = self.transport.transmit(apdu)
        if sw != SW_OK and not answer:
            return b"", sw   # the chip refused before any protection (e.g. 6988: session lost)
        objects = _read_tlvs(answer)
        do87_r = _tlv(0x87, objects[0x87]) if 0x87 in objects else b""
        do99 = _tlv(0x99, objects.get(0x99, b""))
        keys.next()
        if 0x8E not in objects or keys.mac(do87_r + do99) != objects[0x8E]:
            raise ChipDataError("Chữ ký bảo vệ (MAC) của câu trả lời từ chip không đúng: dữ liệu trên đường "
                                "truyền bị sai, hãy đọc lại.")
        inner_sw = int.from_bytes(objects.get(0x99, b"\x90\x00"), "big")
        plain = keys.decrypt(objects[0x87][1:]) if 0x87 in objects else b""
        return plain, inner_sw


def supports_extended_length(atr: bytes) -> bool:
    """Whether the card's ATR announces extended Lc/Le (card capabilities, 3rd software function table, b7).

    The historical bytes start with category 0x80 and hold COMPACT-TLV objects; tag 7 is the card
    capabilities. A card that does not say so is read with short APDUs.
    """
    if len(atr) < 2:
        return False
    t0, i, historical = atr[1], 2, atr[1] & 0x0F
    y = t0 >> 4
    try:
        while True:
            i += bin(y & 0x0F).count("1") - (1 if y & 0x08 else 0)
            if not y & 0x08:
                break
            td = atr[i]
            i += 1
            y = td >> 4
        hist = atr[i:i + historical]
    except IndexError:
        return False
    if not hist or hist[0] != 0x80:
        return False
    j = 1
    while j < len(hist):
        tag, length = hist[j] >> 4, hist[j] & 0x0F
        value = hist[j + 1:j + 1 + length]
        if tag == 7 and len(value) >= 3:
            return bool(value[2] & 0x40)
        j += 1 + length
    return False


def basic_access_control(transport: Transport, key: AccessKey, rnd_ifd: bytes | None = None,
                         k_ifd: bytes | None = None) -> SecureChannel:
    """GET CHALLENGE + EXTERNAL AUTHENTICATE; the chip proves it knows the same MRZ-derived keys."""
    seed = key.seed()
    k_enc, k_mac = derive_key(seed, 1), derive_key(seed, 2)
    rnd_icc, sw = transport.transmit(bytes.fromhex("0084000008"))
    if sw != SW_OK or len(rnd_icc) != 8:
        raise ChipNotAnsweringError(f"GET CHALLENGE {sw:04X}")
    rnd_ifd = rnd_ifd or os.urandom(8)
    k_ifd = k_ifd or os.urandom(16)
    e_ifd = des3_encrypt(k_enc, rnd_ifd + rnd_icc + k_ifd)
    m_ifd = retail_mac(k_mac, pad(e_ifd))
    answer, sw = transport.transmit(bytes.fromhex("0082000028") + e_ifd + m_ifd + b"\x28")
    if sw in (0x6300, 0x6982, 0x6988) or (sw & 0xFFF0) == 0x63C0:
        raise WrongAccessKeyError()
    if sw != SW_OK or len(answer) != 40:
        raise ChipNotAnsweringError(f"EXTERNAL AUTHENTICATE {sw:04X}")
    e_icc, m_icc = answer[:32], answer[32:]
    if retail_mac(k_mac, pad(e_icc)) != m_icc:
        raise WrongAccessKeyError()
    plain = des3_decrypt(k_enc, e_icc)
    if plain[0:8] != rnd_icc or plain[8:16] != rnd_ifd:
        raise WrongAccessKeyError()
    k_icc = plain[16:32]
    ks_seed = bytes(a ^ b for a, b in zip(k_ifd, k_icc))
    ssc = int.from_bytes(rnd_icc[-4:] + rnd_ifd[-4:], "big")
    return SecureChannel(transport, SessionKeys(derive_key(ks_seed, 1), derive_key(ks_seed, 2), ssc))
