"""VietQR (EMVCo TLV + CRC-16/CCITT-FALSE) against the NAPAS test vectors; UPU S10 check digits."""

import pytest

from desk_app.domain.postal_code import (
    PostalCodeError,
    check_digit,
    make_s10,
    validate_s10,
)
from desk_app.domain.vietqr import (
    VietQRError,
    VietQRRequest,
    build_payload,
    crc16_ccitt_false,
    parse_payload,
    parse_tlv,
    purpose_from_dossier_code,
)

BIN, ACCOUNT, CARD = "970403", "0011012345678", "9704031101234567"
V611 = "00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5"
V612 = "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52"
V613 = ("00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN"
        "62340107NPS68690819thanh toan don hang63042E2E")
V614_TAIL = "QRIBFTTC530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203"
FEE_EXAMPLE = ("00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA5303704540480005802VN"
               "62160812HS250714000163045E97")


def test_crc_check_value():
    assert crc16_ccitt_false("123456789") == 0x29B1


@pytest.mark.parametrize("vector", [V611, V612, V613, FEE_EXAMPLE])
def test_crc_of_every_vector_reproduces(vector):
    assert f"{crc16_ccitt_false(vector[:-4]):04X}" == vector[-4:]


def test_static_to_card_vector_6_1_2():
    assert build_payload(VietQRRequest(BIN, CARD, to_card=True)) == V612


def test_dynamic_to_account_vector_6_1_3():
    assert build_payload(VietQRRequest(BIN, ACCOUNT, amount=180000, reference="NPS6869",
                                       purpose="thanh toan don hang")) == V613


def test_dynamic_to_card_vector_6_1_4():
    payload = build_payload(VietQRRequest(BIN, CARD, amount=180000, reference="NPS6869",
                                          purpose="thanh toan don hang", to_card=True))
    assert payload.endswith(V614_TAIL)
    assert parse_payload(payload).service == "QRIBFTTC"


def test_static_to_account_vector_6_1_1_differs_only_by_the_specs_length_typo():
    # The published 6.1.1 string declares the 13-character account "0011012345678" with length 12
    # ("0112"), although its enclosing lengths (27, 57) count 13: a typo in the specification. Its CRC
    # is reproduced above; a correct encoder writes "0113" (as in 6.1.3) and the CRC follows.
    built = build_payload(VietQRRequest(BIN, ACCOUNT))
    assert built[:-4].replace("0113" + ACCOUNT, "0112" + ACCOUNT) == V611[:-4]
    assert parse_payload(built).account == ACCOUNT


def test_fee_example_with_dossier_code_purpose():
    purpose = purpose_from_dossier_code("000.00.12.H15-250714-0001")
    assert purpose == "HS2507140001"
    assert build_payload(VietQRRequest(BIN, ACCOUNT, amount=8000, purpose=purpose)) == FEE_EXAMPLE


def test_parse_round_trip_and_nested_fields():
    decoded = parse_payload(V613)
    assert decoded.dynamic and decoded.bin == BIN and decoded.account == ACCOUNT
    assert decoded.amount == 180000 and decoded.currency == "704" and decoded.country == "VN"
    assert decoded.reference == "NPS6869" and decoded.purpose == "thanh toan don hang"
    assert [tag for tag, _ in parse_tlv(V613)] == ["00", "01", "38", "53", "54", "58", "62", "63"]
    static = parse_payload(V612)
    assert not static.dynamic and static.amount is None


def test_bad_crc_and_truncation_are_rejected_in_vietnamese():
    with pytest.raises(VietQRError, match="CRC"):
        parse_payload(V613[:-1] + "F")
    with pytest.raises(VietQRError):
        parse_tlv("0002")


@pytest.mark.parametrize("request_kwargs, message", [
    ({"bin": "97040", "account": ACCOUNT}, "BIN"),
    ({"bin": BIN, "account": "0011 0123"}, "tài khoản"),
    ({"bin": BIN, "account": ACCOUNT, "amount": 0}, "Số tiền"),
    ({"bin": BIN, "account": ACCOUNT, "amount": 1000, "purpose": "Lệ phí hộ tịch"}, "không dấu"),
    ({"bin": BIN, "account": ACCOUNT, "amount": 1000, "purpose": "X" * 26}, "25"),
])
def test_invalid_requests(request_kwargs, message):
    with pytest.raises(VietQRError, match=message):
        build_payload(VietQRRequest(**request_kwargs))


def test_purpose_is_ascii_short_and_free_of_personal_data():
    purpose = purpose_from_dossier_code("000.00.12.H15-251231-5123")
    assert purpose == "HS2512315123" and purpose.isascii() and len(purpose) <= 25


def test_s10_check_digits():
    assert check_digit("47312482") == 9
    assert make_s10("AA", 47312482, "GB") == "AA473124829GB"
    assert make_s10("EB", 12345678) == "EB123456785VN"
    assert check_digit("00000008") == 0  # 11 − r = 10 → 0
    assert check_digit("00000015") == 5  # 11 − r = 11 → 5
    assert validate_s10(" eb123456785vn ") == "EB123456785VN"
    with pytest.raises(PostalCodeError, match="chữ số kiểm tra"):
        validate_s10("EB123456784VN")
    with pytest.raises(PostalCodeError, match="S10"):
        validate_s10("EB12345VN")
