"""A virtual CCCD chip for vsmartcard's virtual reader: the card side of BAC, secure messaging and the LDS files.

Run as ``python tests/chip_virtual_card.py IMAGE.json --port P``: it connects to ``vpcd`` (loaded by the
private pcscd of :mod:`tests.chip_pcsc`) through virtualsmartcard's ``VirtualICC`` socket loop — the
framework behind Debian's ``vicc`` — with :class:`CccdChipOS` as the card. ``vicc``'s own ePass type
cannot serve this: it asks for the MRZ on the terminal, has no DG13, and an empty EF.SOD.

The image (written by :mod:`tests.chip_issuer`) holds the files by identifier and the MRZ key fields.
``remove_after`` makes the card vanish after that many APDUs, as a card lifted off the reader mid-read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _framework_path() -> str:
    """Where python3-virtualsmartcard put the package (Debian 12: outside the interpreter's path)."""
    import glob

    for known in ("/usr/lib/python3/site-packages/virtualsmartcard", "/usr/lib/python3/dist-packages"):
        if Path(known, "virtualsmartcard", "VirtualSmartcard.py").exists():
            return known
    for found in sorted(glob.glob("/usr/lib/python3*/**/virtualsmartcard/VirtualSmartcard.py", recursive=True)):
        return str(Path(found).parent.parent)
    raise SystemExit("python3-virtualsmartcard (vsmartcard-vpicc) missing: run scripts/setup-system.sh")


sys.path.append(_framework_path())

from virtualsmartcard.VirtualSmartcard import SmartcardOS, VirtualICC  # noqa: E402

from scanning.id_card.chip.crypto import derive_key, des3_decrypt, des3_encrypt, pad, retail_mac  # noqa: E402
from scanning.id_card.chip.secure_messaging import SessionKeys, _read_tlvs, _tlv  # noqa: E402
from scanning.id_card.chip.lds import EMRTD_AID  # noqa: E402
from scanning.id_card.chip.access_key import AccessKey  # noqa: E402

# T=1; historical bytes: category 0x80, card capabilities (tag 7) — third byte 0x40 announces extended
# Lc/Le, 0x00 withholds it (the reader then uses short APDUs).
ATR_EXTENDED = bytes.fromhex("3B8581018073000040B6")
ATR_SHORT = bytes.fromhex("3B8581018073000000F6")


def _sw(code: int) -> bytes:
    return code.to_bytes(2, "big")


class CccdChipOS(SmartcardOS):
    def __init__(self, files: dict[int, bytes], key: AccessKey, remove_after: int | None = None,
                 extended_length: bool = True, aa_key=None, pace: dict | None = None,  # noqa: ANN001
                 icao_application: bool = True, ca_key=None) -> None:
        self.ca_key = ca_key   # the private key of DG14 (chip authentication), if the chip has one
        self.ca_bits = 128
        self.files = files
        self.icao_application = icao_application   # False: another kind of chip card (a bank card, say)
        self.key = key
        self.pace = pace   # {"parameter": 12|13, "bits": 128, "can": "123456"}: PACE offered in EF.CardAccess
        self.aa_key = aa_key   # the private key of DG15 (active authentication), if the chip has one
        self.extended_length = extended_length
        seed = key.seed()
        self.k_enc, self.k_mac = derive_key(seed, 1), derive_key(seed, 2)
        self.remove_after = remove_after
        self.count = 0
        self.reset()

    def _chip_authentication(self, ins: int, p2: int, data: bytes) -> tuple[bytes, int]:
        from cryptography.hazmat.primitives.asymmetric import ec

        from scanning.id_card.chip.crypto import kdf
        from scanning.id_card.chip.lds import children, read_tlv

        if ins == 0x22 and p2 == 0xA4:   # MSE:Set AT — the AES variant, key sent by GENERAL AUTHENTICATE
            self.ca_bits = 128
            return b"", 0x9000
        if ins == 0x22 and p2 == 0xA6:   # MSE:Set KAT — 3DES, the key comes with it
            point = {e.tag: e.value for e in children(data)}[0x91]
            self.ca_bits = 0
        else:
            point = children(read_tlv(data).value)[0].value
        terminal = ec.EllipticCurvePublicKey.from_encoded_point(self.ca_key.curve, point)
        secret = self.ca_key.exchange(ec.ECDH(), terminal)
        bits = self.ca_bits
        self.next_session = SessionKeys(kdf(secret, 1, bits), kdf(secret, 2, bits), 0, aes=bool(bits))
        return (b"\x7c\x00" if ins == 0x86 else b""), 0x9000

    def reset(self) -> None:
        self.next_session = None
        self.pace_state: dict = {}
        self.selected_app = False
        self.challenge = None
        self.session = None   # (ks_enc, ks_mac, ssc)
        self.current = None

    def getATR(self) -> bytes:
        return ATR_EXTENDED if self.extended_length else ATR_SHORT

    def powerUp(self) -> None:
        self.reset()

    def powerDown(self) -> None:
        self.reset()

    def execute(self, msg: bytes) -> bytes:
        self.count += 1
        if self.remove_after is not None and self.count > self.remove_after:
            os._exit(0)   # the card leaves the field: vpcd sees the socket close
        cla, ins = msg[0], msg[1]
        if cla & 0x0C == 0x0C:
            return self._secure(msg)
        if ins == 0xA4 and msg[2] == 0x00:   # SELECT MF: out of the application, session over
            self.reset()
            return _sw(0x9000)
        if ins == 0xA4 and msg[2] == 0x04:
            aid = msg[5:5 + msg[4]]
            self.reset()
            self.selected_app = aid == EMRTD_AID and self.icao_application
            return _sw(0x9000 if self.selected_app else 0x6A82)
        if self.pace is not None and not self.selected_app:
            answer = self._pace_plain(ins, msg)
            if answer is not None:
                return answer
        if not self.selected_app:
            return _sw(0x6A82)
        if ins == 0x84:
            self.challenge = os.urandom(8)
            return self.challenge + _sw(0x9000)
        if ins == 0x82:
            return self._external_authenticate(msg[5:5 + msg[4]])
        return _sw(0x6982)   # files only through secure messaging

    # -- PACE (ECDH generic mapping, AES) ---------------------------------------------------------
    def _pace_plain(self, ins: int, msg: bytes) -> bytes | None:
        from scanning.id_card.chip.lds import children, read_tlv

        data = msg[5:5 + msg[4]] if len(msg) > 5 else b""
        if ins == 0xA4 and msg[2] == 0x02 and data == b"\x01\x1c":
            self.current = 0x011C
            return _sw(0x9000)
        if ins == 0xB0 and self.current == 0x011C:
            content, offset = self.files[0x011C], (msg[2] << 8) | msg[3]
            part = content[offset:offset + (msg[4] or 256)]
            return part + _sw(0x9000 if part else 0x6B00)
        if ins == 0x22:
            objects = {e.tag: e.value for e in children(data)}
            self.pace_state = {"password": objects.get(0x83, b"\x01")[0], "step": 1}
            return _sw(0x9000)
        if ins == 0x86:
            inner = children(read_tlv(data).value)
            return self._pace_step(inner[0].value if inner else b"")
        return None

    def _pace_step(self, value: bytes) -> bytes:
        import hashlib

        from scanning.id_card.chip.crypto import aes_cbc, kdf
        from scanning.id_card.chip.ec_math import CURVES
        from scanning.id_card.chip.pace import token

        state, curve, bits = self.pace_state, CURVES[self.pace["parameter"]], self.pace["bits"]
        oid = bytes.fromhex("04007F00070202040202")
        step = state.get("step")

        def answer(tag: int, content: bytes) -> bytes:
            return _tlv(0x7C, _tlv(tag, content)) + _sw(0x9000)

        def scalar() -> int:
            return int.from_bytes(os.urandom(40), "big") % (curve.n - 1) + 1

        if step == 1:
            secret = hashlib.sha1(self.key.mrz_information.encode()).digest() if state["password"] == 1 \
                else self.pace["can"].encode()
            state["s"] = os.urandom(16)
            state["step"] = 2
            return answer(0x80, aes_cbc(kdf(secret, 3, bits), state["s"]))
        if step == 2:
            sk_map = scalar()
            h = curve.multiply(sk_map, curve.decode(value))
            state["g"] = curve.add(curve.multiply(int.from_bytes(state["s"], "big"), curve.g), h)
            state["step"] = 3
            return answer(0x82, curve.encode(curve.multiply(sk_map, curve.g)))
        if step == 3:
            sk = scalar()
            state["own"], state["ifd"] = curve.multiply(sk, state["g"]), curve.decode(value)
            z = curve.multiply(sk, state["ifd"])[0].to_bytes(curve.size, "big")
            state["keys"] = (kdf(z, 1, bits), kdf(z, 2, bits))
            state["step"] = 4
            return answer(0x84, curve.encode(state["own"]))
        if step == 4:
            ks_enc, ks_mac = state["keys"]
            self.pace_state = {}
            if value != token(ks_mac, oid, curve, state["own"]):
                return _sw(0x6300)   # the terminal used another password
            self.session = SessionKeys(ks_enc, ks_mac, 0, aes=True)
            return answer(0x86, token(ks_mac, oid, curve, state["ifd"]))
        return _sw(0x6985)

    def _external_authenticate(self, data: bytes) -> bytes:
        if self.challenge is None or len(data) != 40:
            return _sw(0x6985)
        e_ifd, m_ifd = data[:32], data[32:]
        if retail_mac(self.k_mac, pad(e_ifd)) != m_ifd:
            self.challenge = None
            return _sw(0x6300)
        plain = des3_decrypt(self.k_enc, e_ifd)
        if plain[8:16] != self.challenge:
            return _sw(0x6300)
        rnd_ifd, k_ifd = plain[:8], plain[16:32]
        k_icc = os.urandom(16)
        e_icc = des3_encrypt(self.k_enc, self.challenge + rnd_ifd + k_icc)
        seed = bytes(a ^ b for a, b in zip(k_ifd, k_icc))
        self.session = SessionKeys(derive_key(seed, 1), derive_key(seed, 2),
                                   int.from_bytes(self.challenge[-4:] + rnd_ifd[-4:], "big"))
        return e_icc + retail_mac(self.k_mac, pad(e_icc)) + _sw(0x9000)

    def _secure(self, msg: bytes) -> bytes:
        if self.session is None:
            return _sw(0x6988)
        keys = self.session
        header = msg[:4]
        if msg[4] == 0 and len(msg) > 7:   # extended length: Lc on two bytes
            if not self.extended_length:
                return _sw(0x6700)
            objects = _read_tlvs(msg[7:7 + int.from_bytes(msg[5:7], "big")])
        else:
            objects = _read_tlvs(msg[5:5 + msg[4]])
        do87 = _tlv(0x87, objects[0x87]) if 0x87 in objects else b""
        do97 = _tlv(0x97, objects[0x97]) if 0x97 in objects else b""
        keys.next()
        if keys.mac(keys.pad(header) + do87 + do97) != objects.get(0x8E):
            self.session = None
            return _sw(0x6988)
        data = keys.decrypt(objects[0x87][1:]) if 0x87 in objects else b""
        le = int.from_bytes(objects[0x97], "big") if 0x97 in objects else 0
        answer, sw = self._plain(header[1], header[2], header[3], data,
                                 le or (65536 if len(objects.get(0x97, b"")) == 2 else 256))
        keys.next()
        body = _tlv(0x87, b"\x01" + keys.encrypt(answer)) if answer else b""
        do99 = _tlv(0x99, _sw(sw))
        wrapped = body + do99 + _tlv(0x8E, keys.mac(body + do99)) + _sw(0x9000)
        if self.next_session is not None:   # chip authentication: new keys from the next command on
            self.session, self.next_session = self.next_session, None
        return wrapped

    def _plain(self, ins: int, p1: int, p2: int, data: bytes, le: int) -> tuple[bytes, int]:
        if ins in (0x22, 0x86) and self.ca_key is not None and (ins == 0x86 or p1 == 0x41):
            return self._chip_authentication(ins, p2, data)
        if ins == 0xA4 and p1 == 0x04:   # the application selected under PACE's secure messaging
            self.selected_app = data == EMRTD_AID
            return b"", 0x9000 if self.selected_app else 0x6A82
        if ins == 0xA4:
            fid = int.from_bytes(data, "big")
            if fid not in self.files:
                return b"", 0x6A82
            self.current = fid
            return b"", 0x9000
        if ins == 0x88:
            if self.aa_key is None:
                return b"", 0x6D00
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

            r, s = decode_dss_signature(self.aa_key.sign(data, ec.ECDSA(hashes.SHA256())))
            size = (self.aa_key.curve.key_size + 7) // 8
            return r.to_bytes(size, "big") + s.to_bytes(size, "big"), 0x9000
        if ins == 0xB0:
            if self.current is None:
                return b"", 0x6986
            content = self.files[self.current]
            offset = (p1 << 8) | p2
            if offset >= len(content):
                return b"", 0x6B00
            part = content[offset:offset + le]
            return part, 0x9000 if len(part) == le else 0x6282
        return b"", 0x6D00


def _private_key(pem: str | None):  # noqa: ANN202
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    return load_pem_private_key(pem.encode("ascii"), None) if pem else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("image")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    image = json.loads(Path(args.image).read_text(encoding="utf-8"))
    from datetime import date

    key = AccessKey(image["key"]["document_number"], date.fromisoformat(image["key"]["dob"]),
                    date.fromisoformat(image["key"]["expiry"]))
    files = {int(fid, 16): bytes.fromhex(content) for fid, content in image["files"].items()}
    aa_key = None
    if image.get("aa_key"):
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        aa_key = load_pem_private_key(image["aa_key"].encode("ascii"), None)
    card = CccdChipOS(files, key, image.get("remove_after"), image.get("extended_length", True), aa_key,
                      image.get("pace"), not image.get("not_an_id_card"), _private_key(image.get("ca_key")))
    # VirtualICC's constructor builds one of its own card types; only its vpcd socket loop is wanted here.
    icc = VirtualICC.__new__(VirtualICC)
    icc.os, icc.type, icc.host, icc.port, icc.server_sock = card, "cccd", "localhost", args.port, None
    icc.sock = VirtualICC.connectToPort("localhost", args.port)
    icc.sock.settimeout(None)
    icc.run()


if __name__ == "__main__":
    main()
