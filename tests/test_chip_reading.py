"""The CCCD chip read end to end through real PC/SC: pyscard → private pcscd → vpcd → a virtual chip.

The chips are built by an invented issuing authority (tests/chip_issuer.py): CSCA, document signer,
data groups of invented citizens, a signed EF.SOD.
"""

from __future__ import annotations

from datetime import date

import pytest

from scanning.id_card.chip.access_key import AccessKey
from scanning.id_card.chip.active_auth import AA_OK
from scanning.id_card.chip.crypto import derive_key
from scanning.id_card.chip.errors import (
    AccessKeyInputError,
    CardRemovedError,
    NoCardError,
    TamperedDataError,
    WrongAccessKeyError,
)
from scanning.id_card.chip.passive_auth import STATUS_NO_CSCA, STATUS_UNKNOWN_CSCA, STATUS_VERIFIED, load_trust_anchors
from scanning.id_card.chip.reader import read_chip
from scanning.id_card.chip.transport import PcscTransport
from tests.chip_issuer import FATHER, MOTHER, chip_image, make_authority
from tests.chip_pcsc import chip_reader  # noqa: F401 - fixture


@pytest.fixture(scope="module")
def authority():
    return make_authority()


def read(key: AccessKey, anchors=()):  # noqa: ANN001, ANN201
    with PcscTransport() as transport:
        return read_chip(transport, key, list(anchors)), transport.count


def test_icao_worked_example_key_derivation():
    # ICAO 9303-11 Appendix D.2: document L898902C<, born 690806, expiring 940623.
    key = AccessKey("L898902C<", date(1969, 8, 6), date(1994, 6, 23))
    assert key.mrz_information == "L898902C<369080619406236"
    assert key.seed().hex().upper() == "239AB9CB282DAF66231DC5A4DF6BFBAE"
    assert derive_key(key.seed(), 1).hex().upper() == "AB94FDECF2674FDFB9B391F85D7F76F2"
    assert derive_key(key.seed(), 2).hex().upper() == "7962D9ECE03D1ACD4C76089DCE131543"


def test_cccd_access_key_uses_the_last_nine_digits_of_the_personal_id():
    key = AccessKey.parse("\n".join(MOTHER.mrz_lines()))
    assert key.document_number == "190012345" == MOTHER.id_number[-9:]
    assert (key.dob, key.expiry) == (MOTHER.dob, MOTHER.expiry)
    assert AccessKey.parse("001190012345, 12/03/1990, 12/03/2030") == key
    with pytest.raises(AccessKeyInputError, match="ba dòng MRZ"):
        AccessKey.parse("001190012345")


def test_read_with_passive_authentication_ok(chip_reader, authority, tmp_path):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority))
    (tmp_path / "csca").mkdir()
    (tmp_path / "csca" / "vn-csca.pem").write_bytes(authority.csca_pem())
    result, traffic = read(MOTHER.access_key, load_trust_anchors(tmp_path / "csca"))

    citizen = result.citizen
    assert citizen.id_number == "001190012345"
    assert citizen.full_name == "Nguyễn Thị Hương"
    assert (citizen.dob, citizen.gender, citizen.nationality) == (date(1990, 3, 12), "Nữ", "Việt Nam")
    assert (citizen.ethnicity, citizen.religion) == ("Kinh", "Không")
    assert citizen.place_of_origin == "Xã Nghĩa Hưng, huyện Nghĩa Đàn, tỉnh Nghệ An"
    assert citizen.place_of_residence.startswith("Số 12 ngõ 5 phố Hoàng Hoa Thám")
    assert (citizen.issue_date, citizen.expiry_date) == (date(2021, 4, 20), date(2030, 3, 12))
    assert (citizen.father_name, citizen.mother_name) == ("Nguyễn Văn Thắng", "Lê Thị Lựu")
    assert citizen.spouse_name == "Trần Đức Mạnh"
    assert citizen.old_id == "172345678"
    assert citizen.identifying_marks.startswith("Nốt ruồi")
    assert result.mrz_lines == MOTHER.mrz_lines()
    assert result.face is not None and result.face.mime == "image/jpeg" and result.face.data[:3] == b"\xff\xd8\xff"
    assert result.auth.status == STATUS_VERIFIED and result.auth.trusted
    assert result.auth.hashes_checked == [1, 2, 13, 14, 15]
    assert result.active_authentication == AA_OK   # the chip signed our fresh challenge with DG15's key
    # The ATR announces extended length: whole files in a few APDUs (the < 3 s estimate in docs/CHIP.md):
    # EF.CardAccess probe 2, SELECT + BAC 3, 7 files × (SELECT + 1–3 READ), active authentication 1.
    assert result.extended_length and result.access_protocol == "BAC"
    assert traffic.apdus <= 24


def test_a_card_without_extended_length_is_read_in_short_chunks(chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority, extended_length=False))
    result, traffic = read(MOTHER.access_key, [authority.csca])
    assert not result.extended_length
    assert result.citizen.full_name == "Nguyễn Thị Hương" and result.auth.status == STATUS_VERIFIED
    assert traffic.apdus > 30   # 223 bytes a chunk


def test_without_csca_the_data_are_shown_but_not_verified_against_csca(chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(FATHER, authority))
    result, _ = read(FATHER.access_key)
    assert result.citizen.full_name == "Trần Đức Mạnh"
    assert result.auth.status == STATUS_NO_CSCA
    assert "chữ ký chưa được xác minh với CSCA" in result.auth.message


def test_unknown_csca_is_reported(chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority))
    other = make_authority("CSCA khác")
    result, _ = read(MOTHER.access_key, [other.csca])
    assert result.auth.status == STATUS_UNKNOWN_CSCA
    assert not result.auth.trusted
    assert "không thuộc CSCA nào đã cài" in result.auth.message


def test_tampered_dg13_is_refused(chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority, tamper_dg13=True))
    with pytest.raises(TamperedDataError, match="DG13 .* không khớp với chữ ký số"):
        read(MOTHER.access_key, [authority.csca])


def test_a_cloned_chip_fails_active_authentication(chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority, cloned=True))   # genuine signed files, another chip
    with pytest.raises(TamperedDataError, match="không chứng minh được là chip gốc"):
        read(MOTHER.access_key, [authority.csca])


def test_wrong_mrz_key_is_refused_by_the_chip(chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority))
    wrong = AccessKey.from_id(MOTHER.id_number, date(1990, 3, 21), MOTHER.expiry)
    with pytest.raises(WrongAccessKeyError, match="từ chối khóa truy cập"):
        read(wrong)


def test_card_removed_mid_read(chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority, remove_after=15))   # lifted while DG2 is read
    with pytest.raises(CardRemovedError, match="nhấc khỏi đầu đọc"):
        read(MOTHER.access_key)


def test_no_card_on_the_reader(chip_reader):  # noqa: F811
    with pytest.raises(NoCardError, match="đặt thẻ căn cước lên đầu đọc"):
        read(MOTHER.access_key)


def test_active_authentication_with_an_rsa_key_iso9796_2():
    import hashlib
    import os

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from scanning.id_card.chip.active_auth import active_authentication
    from tests.chip_issuer import der

    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    dg15 = der(0x6F, key.public_key().public_bytes(serialization.Encoding.DER,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo))
    challenge = os.urandom(8)

    class Chip:   # signs as an RSA chip does: ISO/IEC 9796-2 scheme 1, partial recovery, SHA-1 trailer BC
        def __init__(self, signer):  # noqa: ANN001
            self.signer = signer

        def command(self, header, data, le):  # noqa: ANN001, ANN201
            m1 = os.urandom(128 - 2 - 20)
            f = b"\x6a" + m1 + hashlib.sha1(m1 + data).digest() + b"\xbc"
            numbers = self.signer.private_numbers()
            return pow(int.from_bytes(f, "big"), numbers.d, numbers.public_numbers.n).to_bytes(128, "big"), 0x9000

    assert active_authentication(Chip(key), dg15, None, challenge) == AA_OK
    with pytest.raises(TamperedDataError):
        active_authentication(Chip(rsa.generate_private_key(public_exponent=65537, key_size=1024)), dg15, None)


@pytest.mark.parametrize("curve", [13, 12], ids=["brainpoolP256r1", "P-256"])
def test_pace_with_the_mrz_when_the_chip_offers_it(chip_reader, authority, curve):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority, pace={"parameter": curve, "bits": 128, "can": "482915"}))
    result, _ = read(MOTHER.access_key, [authority.csca])
    assert result.access_protocol == "PACE"
    assert result.citizen.full_name == "Nguyễn Thị Hương" and result.auth.status == STATUS_VERIFIED


def test_pace_with_the_card_access_number_and_with_a_wrong_one(chip_reader, authority):  # noqa: F811
    from scanning.id_card.chip.access_key import parse_access

    chip_reader.insert(chip_image(MOTHER, authority, pace={"parameter": 13, "bits": 128, "can": "482915"}))
    result, _ = read(parse_access("482915"))
    assert result.access_protocol == "PACE" and result.citizen.spouse_name == "Trần Đức Mạnh"
    with pytest.raises(WrongAccessKeyError):
        read(parse_access("482916"))
    with pytest.raises(WrongAccessKeyError):
        read(AccessKey.from_id(MOTHER.id_number, MOTHER.dob, date(2031, 3, 12)))


def test_a_can_cannot_open_a_bac_only_chip(chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority))
    with pytest.raises(AccessKeyInputError, match="chỉ mở bằng vùng MRZ"):
        read("482915")


@pytest.mark.parametrize("curve_id", [12, 13])
def test_pace_curve_arithmetic_agrees_with_cryptography(curve_id):
    from cryptography.hazmat.primitives.asymmetric import ec

    from scanning.id_card.chip.ec_math import CURVES

    curve = CURVES[curve_id]
    reference = {12: ec.SECP256R1(), 13: ec.BrainpoolP256R1()}[curve_id]
    assert curve.contains(curve.g) and curve.multiply(curve.n, curve.g) is None
    for k in (1, 2, 0xC0FFEE, curve.n - 1):
        numbers = ec.derive_private_key(k, reference).public_key().public_numbers()
        assert curve.multiply(k, curve.g) == (numbers.x, numbers.y)


def test_a_jpeg_2000_face_is_found_in_dg2_and_made_displayable():
    import io

    from PIL import Image

    from scanning.id_card.chip.lds import face_of_dg2
    from tests.chip_issuer import der
    from ui.chip_watch import _displayable

    out = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 150, 120)).save(out, "JPEG2000")
    record = b"FAC\x00010\x00" + bytes(40) + out.getvalue()
    dg2 = der(0x75, der(0x7F61, der(0x02, b"\x01") + der(0x7F60, der(0x5F2E, record))))
    face = face_of_dg2(dg2)
    assert face.mime == "image/jp2" and face.data == out.getvalue()
    assert Image.open(io.BytesIO(_displayable(face.data, face.mime))).size == (60, 80)


def test_another_kind_of_chip_card_is_said_not_to_answer_as_an_id_card(chip_reader, authority):  # noqa: F811
    from scanning.id_card.chip.errors import ChipNotAnsweringError

    chip_reader.insert({**chip_image(MOTHER, authority), "not_an_id_card": True})
    with pytest.raises(ChipNotAnsweringError, match="không có ứng dụng căn cước điện tử"):
        read(MOTHER.access_key)


def test_no_pcsc_service_means_reader_not_found(tmp_path):
    import os
    import subprocess
    import sys

    code = ("from scanning.id_card.chip.transport import list_readers\n"
            "from scanning.id_card.chip.errors import ReaderNotFoundError\n"
            "try:\n    list_readers()\nexcept ReaderNotFoundError as exc:\n    print(exc)\n")
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "không-có-pcscd.comm")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                         cwd=os.getcwd())
    assert "Không tìm thấy đầu đọc thẻ chip" in out.stdout, out.stderr


@pytest.mark.parametrize("variant", [True, "3des"], ids=["AES", "3DES"])
def test_chip_authentication_with_the_dg14_key_protects_the_rest_of_the_read(chip_reader, authority,  # noqa: F811
                                                                             variant):
    from scanning.id_card.chip.chip_auth import CA_OK

    chip_reader.insert(chip_image(MOTHER, authority, chip_auth=variant))
    result, _ = read(MOTHER.access_key, [authority.csca])
    assert result.chip_authentication == CA_OK and result.active_authentication == AA_OK
    assert result.citizen.full_name == "Nguyễn Thị Hương" and result.auth.status == STATUS_VERIFIED


def test_a_cloned_chip_fails_chip_authentication(chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority, chip_auth=True, cloned=True))
    with pytest.raises(TamperedDataError, match="xác thực chip thất bại"):
        read(MOTHER.access_key, [authority.csca])
