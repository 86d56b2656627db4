"""One read of the chip: select the eMRTD application, BAC, read the files in chunks, parse, authenticate.

``read_chip`` needs a transport (PC/SC in the app, anything with ``transmit`` in tests) and the access
key; it returns everything read plus the passive-authentication result, or raises a
:class:`~scanning.id_card.chip.errors.ChipError` whose message is for the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cryptography import x509

from scanning.id_card.chip.access_key import AccessKey
from scanning.id_card.chip.active_auth import AA_NOT_SUPPORTED, active_authentication
from scanning.id_card.chip.chip_auth import CA_OK, REFUSED as CA_REFUSED, chip_auth_info, chip_authentication
from scanning.id_card.chip.dg13 import CitizenData, parse_dg13
from scanning.id_card.chip.errors import (
    AccessKeyInputError,
    ChipDataError,
    ChipNotAnsweringError,
    TamperedDataError,
    WrongAccessKeyError,
)
from scanning.id_card.chip.lds import (
    EMRTD_AID,
    FID_COM,
    FID_DG,
    FID_SOD,
    FaceImage,
    data_groups_in_com,
    face_of_dg2,
    mrz_of_dg1,
    total_length,
)
from scanning.id_card.chip.pace import pace, read_card_access, supported_pace
from scanning.id_card.chip.passive_auth import PassiveAuthResult, check_sod
from scanning.id_card.chip.secure_messaging import (
    SW_OK,
    SecureChannel,
    Transport,
    basic_access_control,
    supports_extended_length,
)

# A protected short READ BINARY answer must fit 256 bytes: 223 data bytes pad to 224, plus the 87/99/8E objects.
CHUNK = 0xDF
# With extended length (announced in the ATR) a few KB per APDU: within the I/O buffer of common chips.
EXTENDED_CHUNK = 0x800
SW_END_OF_FILE = 0x6282
WANTED = (1, 2, 13, 14, 15)   # DG1 MRZ, DG2 face, DG13 citizen data, DG14/DG15 keys for chip/active authentication


@dataclass
class ChipRead:
    citizen: CitizenData
    mrz_lines: list[str]
    face: FaceImage | None
    auth: PassiveAuthResult
    groups_present: list[int]
    groups_read: list[int]
    active_authentication: str = AA_NOT_SUPPORTED   # or AA_OK; a failed one raises TamperedDataError
    chip_authentication: str = AA_NOT_SUPPORTED     # or CA_OK; likewise
    file_sizes: dict[str, int] = field(default_factory=dict)
    access_protocol: str = "BAC"   # or "PACE"
    extended_length: bool = False


def _select(channel: SecureChannel, fid: int) -> bool:
    _, sw = channel.transmit(bytes([0x00, 0xA4, 0x02, 0x0C, 0x02]) + fid.to_bytes(2, "big"))
    if sw == SW_OK:
        return True
    if sw in (0x6A82, 0x6A80):
        return False
    raise ChipDataError(f"Chip từ chối chọn tệp {fid:04X} ({sw:04X}).")


def _read_binary(channel: SecureChannel, offset: int, length: int) -> bytes:
    data, sw = channel.command(bytes([0x00, 0xB0, offset >> 8, offset & 0xFF]), b"", length)
    if sw not in (SW_OK, SW_END_OF_FILE) or (not data and length):
        raise ChipDataError(f"Chip từ chối đọc dữ liệu ở vị trí {offset} ({sw:04X}).")
    return data


def read_file(channel: SecureChannel, fid: int, chunk: int = CHUNK) -> bytes | None:
    """The whole file *fid* (None when the chip does not hold it), read in protected chunks."""
    if not _select(channel, fid):
        return None
    data = _read_binary(channel, 0, chunk)
    total = total_length(data)
    if total > 0x7FFF:
        raise ChipDataError("Tệp trên chip lớn bất thường.")
    while len(data) < total:
        part = _read_binary(channel, len(data), min(chunk, total - len(data)))
        data += part
    return data[:total]


def open_application(transport: Transport) -> None:
    _, sw = transport.transmit(bytes([0x00, 0xA4, 0x04, 0x0C, len(EMRTD_AID)]) + EMRTD_AID)
    if sw != SW_OK:
        raise ChipNotAnsweringError("thẻ không có ứng dụng căn cước điện tử ICAO")


def open_secure_channel(transport: Transport, key: AccessKey | str) -> tuple[SecureChannel, str]:
    """PACE when EF.CardAccess offers a variant this reader speaks, BAC otherwise (ICAO 9303-11 §4.2).

    *key* is the MRZ key, or a card access number (six digits printed on the card) for PACE-CAN.
    """
    card_access = read_card_access(transport)
    info = supported_pace(card_access) if card_access else None
    if info is not None:
        channel = pace(transport, key, info)
        _, sw = channel.command(bytes([0x00, 0xA4, 0x04, 0x0C]), EMRTD_AID)
        if sw != SW_OK:
            raise ChipNotAnsweringError("thẻ không có ứng dụng căn cước điện tử ICAO")
        return channel, "PACE"
    if not isinstance(key, AccessKey):
        raise AccessKeyInputError("Chip này chỉ mở bằng vùng MRZ (BAC): mã CAN không dùng được.")
    open_application(transport)
    return basic_access_control(transport, key), "BAC"


def read_chip(transport: Transport, key: AccessKey | str, trust_anchors: list[x509.Certificate] | None = None,
              wanted: tuple[int, ...] = WANTED, extended: bool | None = None,
              crls: list[x509.CertificateRevocationList] | None = None) -> ChipRead:
    """The whole read; *extended* None means: extended-length APDUs when the card's ATR announces them;
    *crls*: revocation lists of the installed CSCAs (see :mod:`.passive_auth`)."""
    if extended is None:
        extended = supports_extended_length(getattr(transport, "atr", b""))
    chunk = EXTENDED_CHUNK if extended else CHUNK
    channel, protocol = open_secure_channel(transport, key)
    com = read_file(channel, FID_COM, chunk)
    if com is None:
        raise ChipDataError("Chip không có EF.COM.")
    present = data_groups_in_com(com)
    sod = read_file(channel, FID_SOD, chunk)
    if sod is None:
        raise ChipDataError("Chip không có EF.SOD (dữ liệu không được ký).")
    groups: dict[int, bytes] = {}
    ca_status = AA_NOT_SUPPORTED
    if 14 in present and 14 in wanted:
        # DG14 first: chip authentication (when offered) protects the rest of the read with new keys.
        # DG14's hash is checked with the others below, so a forged DG14 is refused all the same.
        dg14 = read_file(channel, FID_DG[14], chunk)
        info = chip_auth_info(dg14) if dg14 else None
        if dg14:
            groups[14] = dg14
        if info is not None:
            channel = chip_authentication(channel, info)
            ca_status = CA_OK
    for number in wanted:
        if number in present and number not in groups:
            try:
                content = read_file(channel, FID_DG[number], chunk)
            except ChipDataError as exc:
                if ca_status == CA_OK and not any(n != 14 for n in groups):
                    raise TamperedDataError(CA_REFUSED) from exc   # the chip could not follow the new keys
                raise
            if content is not None:
                groups[number] = content
    if 13 not in groups:
        raise ChipDataError("Chip không có DG13 (thông tin công dân): không phải thẻ căn cước Việt Nam.")
    if 1 not in groups:
        raise ChipDataError("Chip không có DG1 (vùng MRZ).")
    auth = check_sod(sod, groups, trust_anchors or [], crls or [])
    # DG15's key is now known to be the issued one: the chip must prove it holds its private half.
    aa_status = active_authentication(channel, groups[15], groups.get(14)) if 15 in groups else AA_NOT_SUPPORTED
    citizen = parse_dg13(groups[13])
    mrz_lines = mrz_of_dg1(groups[1])
    # The chip opened with this key, so its MRZ holds the same number; a different one means a mixed-up card.
    if isinstance(key, AccessKey) and key.document_number not in "".join(mrz_lines):
        raise WrongAccessKeyError()
    return ChipRead(citizen=citizen, mrz_lines=mrz_lines, face=face_of_dg2(groups[2]) if 2 in groups else None,
                    auth=auth, groups_present=present, groups_read=sorted(groups),
                    active_authentication=aa_status, chip_authentication=ca_status,
                    extended_length=extended, access_protocol=protocol, file_sizes={"EF.COM": len(com), "EF.SOD": len(sod),
                                **{f"DG{n}": len(c) for n, c in groups.items()}})
