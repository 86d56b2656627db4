"""Does a piece of card text still look like whole Vietnamese, or did a keyboard reader drop letters?

A USB QR reader typing as a keyboard cannot type most Vietnamese letters on a US layout: depending on
the reader and the input method they vanish ("đường" → "đờng", "Lợi" → "Li", "Phường" → "Phưng"),
turn into "?" or lose their marks ("Xã" → "Xa"). :func:`mangled_words` finds the words that cannot be
what a card prints: a syllable whose rhyme does not exist in Vietnamese ("đờng": no rhyme "ơng"), a stop
ending with a tone it never takes, an address word with a letter missing ("Phưng" inside "Phường"), or an
address keyword printed without its marks ("Xa", "Phuong"). It errs on the side of suspicion: a wrongly
suspected word only costs the clerk a look, a missed one goes into the registry.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_STOP_TONES = {"\u0301", "\u0323"}                           # the only tones of -p -t -c -ch syllables
_CONSONANTS = set("bcdđghklmnpqrstvxfjwz")


def _rhymes() -> frozenset[str]:
    listed = """
    a ai ao au ay am an ang anh ap at ac ach
    ăm ăn ăng ăp ăt ăc
    âu ây âm ân âng âp ât âc
    e eo em en eng ep et ec
    ê êu êm ên ênh êp êt êch
    i ia iu im in inh ip it ich iêu iêm iên iêng iêp iêt iêc
    y yêu yêm yên yêt
    o oa oe oi om on ong op ot oc oai oay oan oang oanh oat oac oach oăm oăn oăng oăt oăc oam oap oao
    oen oet oeo oong ooc
    ô ôi ôm ôn ông ôp ôt ôc
    ơ ơi ơm ơn ơp ơt
    u ua ui um un ung up ut uc uân uâng uât uây uê uêch uênh uy uya uyên uyêt uyt uych uynh uyu
    uôi uôm uôn uông uôt uôc uơ
    ư ưa ưi ưu ưm ưn ưng ưt ưc ươi ươu ươm ươn ương ươp ươt ươc
    """
    rhymes = set(listed.split())
    # Central Highlands names keep a final -k: Đắk Lắk, Krông Búk, Pơk.
    rhymes |= {v + "k" for v in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư")}
    return frozenset(rhymes)


RHYMES = _rhymes()

# Address words a card prints with their marks; the unmarked spelling is what a stripping reader types.
# ("Thanh", "Quan", "Lang", "Tran", "Thi" are left out: real place and person names.)
ADDRESS_WORDS = ("xã", "phường", "đường", "thôn", "xóm", "ấp", "tổ", "phố", "huyện", "tỉnh", "số", "ngõ",
                 "ngách", "hẻm", "kiệt", "khối", "bản", "thị", "trấn", "quận", "thành", "làng")
_STRIPPED_SPELLINGS = {"xa", "phuong", "duong", "thon", "xom", "ap", "to", "pho", "huyen", "tinh", "so",
                       "ngo", "ngach", "hem", "kiet", "khoi"}

_WORD = re.compile(r"[^\W\d_]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _split_tone(word: str) -> tuple[str, set[str]]:
    """(the word without tone marks but with â ê ô ă ơ ư kept, lower case NFC; the tone marks seen)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = {ch for ch in decomposed if ch in _TONES}
    base = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", base), tones


def _rhyme_candidates(base: str) -> list[str]:
    i = 0
    while i < len(base) and base[i] in _CONSONANTS:
        i += 1
    candidates = [base[i:]]
    for prefix in ("gi", "qu"):   # "giữ" is gi + ư, "quốc" is qu + ôc
        if base.startswith(prefix) and len(base) > 2:
            candidates.append(base[2:])
    return candidates


def is_possible_syllable(word: str) -> bool:
    """False when *word* (one syllable, any case) cannot be Vietnamese: unknown rhyme, or a stop
    ending (-p, -t, -c, -ch) with a tone other than sắc or nặng, or more than one tone mark."""
    base, tones = _split_tone(word)
    if len(tones) > 1:
        return False
    candidates = [c for c in _rhyme_candidates(base) if c]
    if not candidates:
        return True   # an initial alone: an abbreviation ("Đ.", "P.")
    if not any(c in RHYMES for c in candidates):
        return False
    if tones and re.search("(p|t|c|ch)$", base) and not tones <= _STOP_TONES:
        return False
    return True


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def mangled_words(text: str, address: bool = False) -> list[str]:
    """The words of *text* that a card cannot print (see the module doc); *address* adds the checks on
    address keywords ("Phưng" for "Phường", "Xa" for "Xã")."""
    found: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        lower = word.lower()
        if word.isascii():
            if address and lower in _STRIPPED_SPELLINGS:
                found.append(word)
            continue
        if not is_possible_syllable(word):
            found.append(word)
            continue
        if address and lower not in ADDRESS_WORDS and any(
                len(lower) == len(keyword) - 1 and lower[0] == keyword[0]
                and _is_subsequence(lower, keyword) for keyword in ADDRESS_WORDS):
            found.append(word)
    return list(dict.fromkeys(found))


def has_vietnamese_marks(text: str) -> bool:
    """True when *text* has at least one Vietnamese letter beyond ASCII (a mark, or đ)."""
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", text)) or "đ" in text.lower()
