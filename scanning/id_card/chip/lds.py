"""The ICAO 9303-10 logical data structure: file identifiers, BER-TLV, EF.COM, DG1 (MRZ) and DG2 (face image)."""

from __future__ import annotations

from dataclasses import dataclass

from scanning.id_card.chip.errors import ChipDataError

EMRTD_AID = bytes.fromhex("A0000002471001")
# File identifiers inside the eMRTD application.
FID_COM, FID_SOD = 0x011E, 0x011D
FID_DG = {n: 0x0100 + n for n in range(1, 17)}
# EF.COM lists the data groups present by their outer tags.
DG_OF_TAG = {0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8, 0x69: 9, 0x6A: 10,
             0x6B: 11, 0x6C: 12, 0x6D: 13, 0x6E: 14, 0x6F: 15, 0x70: 16}


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    end: int   # offset after this element in the buffer it was read from


def read_tlv(data: bytes, offset: int = 0) -> Tlv:
    """One BER-TLV element (multi-byte tags and lengths) starting at *offset*."""
    try:
        i = offset
        tag = data[i]
        i += 1
        if tag & 0x1F == 0x1F:
            while True:
                tag = (tag << 8) | data[i]
                i += 1
                if not data[i - 1] & 0x80:
                    break
        length = data[i]
        i += 1
        if length & 0x80:
            size = length & 0x7F
            if size == 0 or size > 3:
                raise ChipDataError("Độ dài TLV không hợp lệ trong dữ liệu chip.")
            length = int.from_bytes(data[i:i + size], "big")
            i += size
        if i + length > len(data):
            raise ChipDataError("Dữ liệu trên chip bị cắt cụt.")
        return Tlv(tag, data[i:i + length], i + length)
    except IndexError as exc:
        raise ChipDataError("Dữ liệu trên chip bị cắt cụt.") from exc


def children(value: bytes) -> list[Tlv]:
    out, i = [], 0
    while i < len(value):
        if value[i] in (0x00, 0xFF):   # padding between objects
            i += 1
            continue
        element = read_tlv(value, i)
        out.append(element)
        i = element.end
    return out


def total_length(header: bytes) -> int:
    """Size of a whole file (tag + length + value) from its first bytes: how much to read."""
    try:
        i = 1
        if header[0] & 0x1F == 0x1F:
            while header[i] & 0x80:
                i += 1
            i += 1
        length = header[i]
        i += 1
        if length & 0x80:
            size = length & 0x7F
            if size == 0 or size > 3:
                raise ChipDataError("Độ dài tệp trên chip không hợp lệ.")
            length = int.from_bytes(header[i:i + size], "big")
            i += size
    except IndexError as exc:
        raise ChipDataError("Tệp trên chip quá ngắn.") from exc
    return i + length


def data_groups_in_com(com: bytes) -> list[int]:
    """The data-group numbers EF.COM says the chip holds (tag 0x60, tag list 0x5C)."""
    outer = read_tlv(com)
    if outer.tag != 0x60:
        raise ChipDataError("EF.COM của chip không đúng cấu trúc ICAO.")
    for element in children(outer.value):
        if element.tag == 0x5C:
            return sorted({DG_OF_TAG[t] for t in element.value if t in DG_OF_TAG})
    return []


def mrz_of_dg1(dg1: bytes) -> list[str]:
    """The MRZ lines stored in DG1 (tag 0x61 / 0x5F1F); TD1 cards give three lines of 30."""
    outer = read_tlv(dg1)
    if outer.tag != 0x61:
        raise ChipDataError("DG1 của chip không đúng cấu trúc ICAO.")
    for element in children(outer.value):
        if element.tag == 0x5F1F:
            text = element.value.decode("ascii", "replace")
            width = 30 if len(text) == 90 else (36 if len(text) == 72 else 44)
            return [text[i:i + width] for i in range(0, len(text), width)]
    raise ChipDataError("DG1 của chip không có vùng MRZ.")


@dataclass(frozen=True)
class FaceImage:
    data: bytes
    mime: str   # image/jpeg | image/jp2


_IMAGE_MARKERS = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x00\x00\x00\x0cjP  ", "image/jp2"),
                  (b"\xff\x4f\xff\x51", "image/jp2"))


def face_of_dg2(dg2: bytes) -> FaceImage | None:
    """The first face image in DG2: JPEG or JPEG 2000 inside the ISO 19794-5 record of block 5F2E/7F2E."""
    for tag in (b"\x5f\x2e", b"\x7f\x2e"):
        at = dg2.find(tag)
        while at >= 0:
            try:
                block = read_tlv(dg2, at).value
            except ChipDataError:
                block = b""
            for marker, mime in _IMAGE_MARKERS:
                start = block.find(marker)
                if start >= 0:
                    return FaceImage(block[start:], mime)
            at = dg2.find(tag, at + 1)
    return None
