"""Fee rules: what the desk collects and what is printed on the biên lai."""

from __future__ import annotations

import pytest

from desk_app.domain.fees import (
    FeeError,
    FeeKind,
    FeeRequest,
    FeeRule,
    FeeType,
    amount_in_words_vi,
    compute_fee,
    format_vnd,
)
from desk_app.domain.status import Channel

COPY_CERTIFICATION = FeeRule.from_dict(
    {
        "kind": "per_page_tiers",
        "fee_type": "phi",
        "tiers": [{"from_page": 1, "per_page": 2000}, {"from_page": 3, "per_page": 1000}],
        "cap_per_copy": 200000,
    }
)
SIGNATURE_CERTIFICATION = FeeRule.from_dict({"kind": "flat", "fee_type": "phi", "amount": 10000})
RESIDENCE = FeeRule.from_dict(
    {
        "kind": "by_channel",
        "fee_type": "le_phi",
        "in_person": 20000,
        "online": 10000,
        "exemptions": ["ho_ngheo", {"code": "nguoi_co_cong", "name": "Người có công với cách mạng"}],
    },
    exemption_names={"ho_ngheo": "Người thuộc hộ nghèo"},
)


# -- copy certification: per-page tiers, capped per copy, copies multiply --------------------------------

@pytest.mark.parametrize(
    ("pages", "copies", "expected"),
    [
        (1, 1, 2000),
        (2, 1, 4000),
        (5, 1, 7000),        # 2 × 2.000 + 3 × 1.000
        (300, 1, 200000),    # 302.000 capped
        (5, 3, 21000),
        (300, 2, 400000),    # the cap is per copy, not per request
    ],
)
def test_copy_certification_amounts(pages, copies, expected):
    assert compute_fee(COPY_CERTIFICATION, FeeRequest(pages=pages, copies=copies)).amount == expected


def test_copy_certification_breakdown_lines():
    quote = compute_fee(COPY_CERTIFICATION, FeeRequest(pages=5, copies=3))
    assert quote.lines == (
        "Trang 1–2: 2 × 2.000 đ = 4.000 đ",
        "Trang 3–5: 3 × 1.000 đ = 3.000 đ",
        "3 bản × 7.000 đ = 21.000 đ",
    )
    assert quote.fee_type is FeeType.PHI
    assert quote.exempt_reason is None


def test_cap_is_explained_in_the_breakdown():
    quote = compute_fee(COPY_CERTIFICATION, FeeRequest(pages=300))
    assert quote.lines[-1] == "Mức thu tối đa mỗi bản: 200.000 đ (thay cho 302.000 đ)"


def test_single_page_line():
    assert compute_fee(COPY_CERTIFICATION, FeeRequest(pages=1)).lines == ("Trang 1: 1 × 2.000 đ = 2.000 đ",)


def test_per_page_rule_needs_at_least_one_page():
    with pytest.raises(ValueError, match="Số trang"):
        compute_fee(COPY_CERTIFICATION, FeeRequest(pages=0))


# -- flat and by-channel ----------------------------------------------------------------------------------

def test_signature_certification_is_10000_per_case():
    quote = compute_fee(SIGNATURE_CERTIFICATION, FeeRequest())
    assert quote.amount == 10000
    assert quote.lines == ("Mức thu mỗi việc: 10.000 đ",)


def test_flat_per_copy_multiplies():
    rule = FeeRule.from_dict({"kind": "flat", "fee_type": "phi", "amount": 8000, "per_copy": True})
    assert compute_fee(rule, FeeRequest(copies=3)).amount == 24000


@pytest.mark.parametrize(
    ("channel", "expected"),
    [(1, 20000), (2, 10000), (3, 20000), (Channel.ONLINE, 10000)],
)
def test_residence_fee_by_channel(channel, expected):
    assert compute_fee(RESIDENCE, FeeRequest(channel=channel)).amount == expected


def test_postal_is_charged_as_in_person_and_says_so():
    quote = compute_fee(RESIDENCE, FeeRequest(channel=3))
    assert quote.lines == ("Nộp qua bưu chính công ích (tính như nộp trực tiếp): 20.000 đ",)
    assert quote.fee_type is FeeType.LE_PHI


def test_free_rule():
    rule = FeeRule.from_dict({"kind": "free"})
    quote = compute_fee(rule, FeeRequest(pages=0))
    assert quote.amount == 0
    assert quote.exempt_reason is None


# -- exemptions ---------------------------------------------------------------------------------------------

def test_exemption_gives_zero_with_reason():
    quote = compute_fee(RESIDENCE, FeeRequest(channel=1, exemption="ho_ngheo"))
    assert quote.amount == 0
    assert quote.exempt_reason == "Người thuộc hộ nghèo"
    assert quote.exemption_code == "ho_ngheo"
    assert quote.lines == ("Miễn lệ phí: Người thuộc hộ nghèo",)


def test_inline_exemption_is_accepted():
    quote = compute_fee(RESIDENCE, FeeRequest(exemption="nguoi_co_cong"))
    assert (quote.amount, quote.exempt_reason) == (0, "Người có công với cách mạng")


def test_exemption_not_listed_by_the_rule_is_rejected():
    with pytest.raises(FeeError, match="không áp dụng"):
        compute_fee(SIGNATURE_CERTIFICATION, FeeRequest(exemption="ho_ngheo"))


# -- bad input ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pages": -1}, "Số trang"),
        ({"copies": 0}, "Số bản"),
        ({"copies": -2}, "Số bản"),
        ({"channel": 4}, "Kênh nộp"),
        ({"pages": 1.5}, "Số trang"),
    ],
)
def test_bad_requests_are_rejected_in_vietnamese(kwargs, message):
    with pytest.raises(FeeError, match=message):
        FeeRequest(**kwargs)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "percent"}, "không hợp lệ"),
        ({"fee_type": "phi"}, "thiếu trường 'kind'"),
        ({"kind": "flat", "amount": 10000}, "phí hay lệ phí"),
        ({"kind": "flat", "fee_type": "thue", "amount": 1}, "fee_type"),
        ({"kind": "flat", "fee_type": "phi"}, "thiếu trường 'amount'"),
        ({"kind": "flat", "fee_type": "phi", "amount": -5}, "≥ 0"),
        ({"kind": "flat", "fee_type": "phi", "amount": 10.5}, "số nguyên"),
        ({"kind": "flat", "fee_type": "phi", "amount": 1, "tiers": []}, "không dùng được: tiers"),
        ({"kind": "per_page_tiers", "fee_type": "phi", "tiers": []}, "ít nhất một bậc"),
        ({"kind": "per_page_tiers", "fee_type": "phi", "tiers": [{"from_page": 2, "per_page": 1}]}, "trang 1"),
        (
            {"kind": "per_page_tiers", "fee_type": "phi",
             "tiers": [{"from_page": 1, "per_page": 2}, {"from_page": 1, "per_page": 1}]},
            "tăng dần",
        ),
        ({"kind": "by_channel", "fee_type": "le_phi", "in_person": 20000}, "thiếu trường 'online'"),
        ({"kind": "flat", "fee_type": "phi", "amount": 1, "exemptions": ["khong_co"]}, "chưa được khai báo"),
    ],
)
def test_bad_rules_are_rejected_in_vietnamese(data, message):
    with pytest.raises(ValueError, match=message):
        FeeRule.from_dict(data)


def test_rule_round_trips_through_dict():
    for rule in (COPY_CERTIFICATION, SIGNATURE_CERTIFICATION, RESIDENCE):
        assert FeeRule.from_dict(rule.to_dict()) == rule


def test_describe_vi():
    assert COPY_CERTIFICATION.describe_vi() == "2.000 đ/trang; từ trang 3: 1.000 đ/trang; tối đa 200.000 đ/bản"
    assert SIGNATURE_CERTIFICATION.kind is FeeKind.FLAT
    assert SIGNATURE_CERTIFICATION.describe_vi() == "10.000 đ/việc"


# -- money formatting ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "0 đ"), (2000, "2.000 đ"), (200000, "200.000 đ"), (1250000, "1.250.000 đ"), (-5000, "-5.000 đ")],
)
def test_format_vnd(amount, text):
    assert format_vnd(amount) == text


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1000, "Một nghìn đồng"),
        (2000, "Hai nghìn đồng"),
        (10000, "Mười nghìn đồng"),
        (15000, "Mười lăm nghìn đồng"),
        (21000, "Hai mươi mốt nghìn đồng"),
        (24000, "Hai mươi tư nghìn đồng"),
        (25000, "Hai mươi lăm nghìn đồng"),
        (14000, "Mười bốn nghìn đồng"),
        (105000, "Một trăm lẻ năm nghìn đồng"),
        (110000, "Một trăm mười nghìn đồng"),
        (1005, "Một nghìn không trăm lẻ năm đồng"),
        (1250000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (1001000, "Một triệu không trăm lẻ một nghìn đồng"),
        (200000000, "Hai trăm triệu đồng"),
        (1000000000, "Một tỷ đồng"),
        (2500000000, "Hai tỷ năm trăm triệu đồng"),
        (1000000000000, "Một nghìn tỷ đồng"),
    ],
)
def test_amount_in_words(amount, words):
    assert amount_in_words_vi(amount) == words


def test_quote_amount_in_words():
    assert compute_fee(COPY_CERTIFICATION, FeeRequest(pages=5)).amount_in_words == "Bảy nghìn đồng"


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_amount_in_words_rejects_bad_values(bad):
    with pytest.raises(ValueError):
        amount_in_words_vi(bad)
