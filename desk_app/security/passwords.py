"""Passwords: argon2id hashing (argon2-cffi defaults, tuned by the library maintainers) and the policy.

The policy refuses passwords shorter than :data:`MIN_PASSWORD_LENGTH`, passwords from the list of common
ones in ``resources/security/common_passwords.txt`` (also when a listed word is only wrapped in digits or
symbols, "Matkhau@2025", "P@ssw0rd123"), keyboard and digit runs, passwords with almost no variety, and
passwords made from the user name or the person's name (diacritics folded: "Tuyết" = "tuyet").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk_app.errors import DeskError

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256

_LEET = str.maketrans({"@": "a", "4": "a", "$": "s", "5": "s", "0": "o", "3": "e", "1": "i", "!": "i",
                       "7": "t", "|": "l", "+": "t"})
_RUNS = ("abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm",
         "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb", "qazwsxedcrfvtgbyhnujm")


class PasswordPolicyError(DeskError, ValueError):
    """The new password does not meet the policy; the message says why, for the user."""


def _key(text: str) -> str:
    """Lower case, no diacritics (đ→d), no spaces: how passwords and names are compared."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and not ch.isspace()).lower()


def _compact(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _key(text))


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    from resources import resource_path

    words = set()
    for line in resource_path("security", "common_passwords.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(_compact(line))
    words.discard("")
    return frozenset(words)


def _core(password: str) -> str:
    """The letters a password is built around: digits and symbols at both ends dropped, leetspeak undone."""
    key = _key(password)
    stripped = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", key)
    return re.sub(r"[^a-z]", "", stripped.translate(_LEET))


def _made_of(word: str, parts: set[str]) -> bool:
    """Whether *word* is a concatenation of *parts* (each used any number of times)."""
    if not word:
        return False
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(reachable[start] and word[start:end] in parts
                             for start in range(max(0, end - 40), end))
    return reachable[-1]


def _is_run(compact: str) -> bool:
    if len(compact) < 6:
        return False
    return any(compact in run or compact in run[::-1] or compact in run * 2 for run in _RUNS)


def password_problems(password: str, username: str = "", full_name: str = "") -> list[str]:
    """Every reason *password* is refused (Vietnamese); [] when it is acceptable."""
    problems: list[str] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
        return problems
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(f"Mật khẩu không được dài quá {MAX_PASSWORD_LENGTH} ký tự.")
        return problems
    compact, core = _compact(password), _core(password)
    common = common_passwords()
    if compact in common or core in common or compact.translate(_LEET) in common or _is_run(compact):
        problems.append("Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác "
                        "(ví dụ một câu ngắn dễ nhớ).")
    elif len(set(_key(password))) < 5:
        problems.append("Mật khẩu lặp lại quá ít ký tự khác nhau; hãy chọn mật khẩu khác.")
    elif compact.isdigit() and len(compact) < 16:
        problems.append("Mật khẩu chỉ gồm chữ số (như ngày sinh, số điện thoại) dễ bị đoán; hãy thêm chữ.")
    words = re.split(r"[^0-9a-z]+", _key(re.sub(r"[\s._-]+", "|", f"{username} {full_name}")))
    name_parts = {w for w in words if len(w) >= 2} | {_compact(full_name), _compact(username)}
    name_parts.discard("")
    user_compact = _compact(username)
    if name_parts and (
            _made_of(core, name_parts) or _made_of(core[::-1], name_parts)
            or (len(user_compact) >= 3 and user_compact in compact)
            or (len(_compact(full_name)) >= 6 and _compact(full_name) in compact)):
        problems.append("Mật khẩu không được dựa trên tên đăng nhập hay họ tên của người dùng.")
    return problems


def check_password_policy(password: str, username: str = "", full_name: str = "") -> None:
    problems = password_problems(password, username, full_name)
    if problems:
        raise PasswordPolicyError(" ".join(problems))


def hash_password(password: str) -> str:
    """The argon2id hash of *password* (the policy is checked by the services, which know the names)."""
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordPolicyError(f"Mật khẩu không được dài quá {MAX_PASSWORD_LENGTH} ký tự.")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("không có tài khoản này — only here so unknown users take as long as known ones")


def waste_verification(password: str) -> None:
    """Spend the same time as a real check (for unknown user names): nothing is learnt from the timing."""
    verify_password(_dummy_hash(), password)


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
