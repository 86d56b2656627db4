"""ICAO 9303-11 symmetric primitives for BAC and its secure messaging: 3DES-CBC, retail MAC, key derivation.

3DES is only here because ICAO BAC prescribes it (every CCCD chip speaks it); nothing else in the
app uses it.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.ciphers import Cipher, modes

try:  # cryptography ≥ 43 keeps 3DES among the "decrepit" algorithms
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:  # pragma: no cover - older cryptography
    from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES

ZERO_IV = bytes(8)


def pad(data: bytes, block: int = 8) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros to a whole block."""
    data += b"\x80"
    return data + bytes(-len(data) % block)


def unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise ValueError("bad ISO 9797-1 padding")
    return stripped[:-1]


def _three_keys(key: bytes) -> bytes:
    # Two-key 3DES (K1, K2, K1) spelled out: cryptography wants the 24-byte form.
    return key + key[:8] if len(key) == 16 else key


def des3_encrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    encryptor = Cipher(TripleDES(_three_keys(key)), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def des3_decrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    decryptor = Cipher(TripleDES(_three_keys(key)), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def _des(key8: bytes, block: bytes, decrypt: bool = False) -> bytes:
    cipher = Cipher(TripleDES(key8 * 3), modes.ECB())
    op = cipher.decryptor() if decrypt else cipher.encryptor()
    return op.update(block) + op.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 (DES, Ka then Kb–Ka on the last block); *data* already padded."""
    ka, kb = key[:8], key[8:16]
    # DES-CBC with Ka over every block: the last ciphertext block is the chained state.
    chained = Cipher(TripleDES(ka * 3), modes.CBC(ZERO_IV)).encryptor()
    state = (chained.update(data) + chained.finalize())[-8:]
    return _des(ka, _des(kb, state, decrypt=True))


def adjust_parity(key: bytes) -> bytes:
    """DES odd parity in each byte's low bit (ignored by the cipher; ICAO's worked examples show it set)."""
    return bytes((b & 0xFE) | ((bin(b & 0xFE).count("1") + 1) % 2) for b in key)


def derive_key(seed: bytes, counter: int) -> bytes:
    """The 16-byte 3DES key from a key seed: counter 1 for encryption, 2 for MAC (ICAO 9303-11 §9.7.1)."""
    return adjust_parity(hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()[:16])


# --- AES, for PACE's secure messaging (ICAO 9303-11 §9.8.6, §9.8.7) -------------------------------

def aes_cbc(key: bytes, data: bytes, iv: bytes = bytes(16), decrypt: bool = False) -> bytes:
    from cryptography.hazmat.primitives.ciphers import algorithms

    cipher = Cipher(algorithms.AES(key), modes.CBC(iv))
    op = cipher.decryptor() if decrypt else cipher.encryptor()
    return op.update(data) + op.finalize()


def aes_block(key: bytes, block: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers import algorithms

    op = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return op.update(block) + op.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import cmac
    from cryptography.hazmat.primitives.ciphers import algorithms

    mac = cmac.CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()


def kdf(secret: bytes, counter: int, aes_bits: int = 0) -> bytes:
    """ICAO 9303-11 §9.7.1: 3DES keys (aes_bits=0) from SHA-1; AES-128 from SHA-1, AES-192/256 from SHA-256."""
    if not aes_bits:
        return derive_key(secret, counter)
    data = secret + counter.to_bytes(4, "big")
    if aes_bits == 128:
        return hashlib.sha1(data).digest()[:16]
    return hashlib.sha256(data).digest()[:aes_bits // 8]
