"""The postal device's own signing key (Ed25519), so a desk can tell a transfer file really comes from a
postal laptop its administrator registered (docs/POSTAL.md, "Signed transfer files").

The private key lives in the device's data folder (``keys/postal-device-ed25519.pem``, mode 0600), made on
first use; it never leaves the machine. What the desk's administrator registers is the public key, shown
with a short fingerprint that both people can read aloud and compare.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from scanning.durable import atomic_write_bytes, make_private, make_private_dir

KEY_FILE = Path("keys") / "postal-device-ed25519.pem"


class DeviceKeyError(ValueError):
    """A public key or signature that cannot be what this app writes; the message is for the user."""


def device_private_key(folder: str | Path) -> Ed25519PrivateKey:
    """This machine's key, created the first time it is needed."""
    path = Path(folder) / KEY_FILE
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise DeviceKeyError(f"Tệp khóa {path} không phải khóa Ed25519 của ứng dụng.")
        return key
    make_private_dir(path.parent)
    key = Ed25519PrivateKey.generate()
    atomic_write_bytes(path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    make_private(path)
    return key


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The public key as one line of base64 (what is registered on the desk)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()


def load_public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode("".join(str(text).split()), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError):
        raise DeviceKeyError("Khóa công khai không hợp lệ (cần một dòng base64 do «desk-app postal device-key» "
                             "in ra trên máy bưu chính).") from None


def fingerprint(public_text: str) -> str:
    """Sixteen hex digits in four groups, e.g. ``3F2A-9C01-77BE-0D4E``: short enough to compare by eye."""
    raw = base64.b64decode(public_key_text(load_public_key(public_text)))
    digest = hashlib.sha256(raw).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def sign(key: Ed25519PrivateKey, data: bytes) -> str:
    return base64.b64encode(key.sign(data)).decode()


def verify(public_text: str, signature: str, data: bytes) -> bool:
    try:
        load_public_key(public_text).verify(base64.b64decode(str(signature), validate=True), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
