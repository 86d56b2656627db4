from datetime import date

import pytest

from desk_app.domain.dossier_code import DossierCode, DossierCodeError, SequenceBlock


def test_format_and_parse_round_trip():
    code = DossierCode("000.00.12.H56", date(2026, 2, 23), 5001)
    assert str(code) == "000.00.12.H56-260223-5001"
    assert DossierCode.parse(str(code)) == code


def test_sequence_is_padded_to_four_digits_but_may_be_longer():
    assert str(DossierCode("000.00.00.H57", date(2025, 7, 14), 1)).endswith("-250714-0001")
    assert DossierCode.parse("000.00.00.H57-250714-123456").sequence == 123456


@pytest.mark.parametrize("bad", ["", "H57-250714-1", "000.00.00.H57-251314-0001", "000.00.00.H57-250714"])
def test_malformed_codes_are_rejected(bad):
    with pytest.raises(DossierCodeError):
        DossierCode.parse(bad)


def test_desks_own_disjoint_blocks_so_offline_desks_never_collide():
    blocks = [SequenceBlock(desk_number=n, block_size=500, sequence_base=5000) for n in range(1, 11)]
    issued = []
    for block in blocks:
        last = None
        for _ in range(block.last - block.first + 1):
            last = block.next_after(last)
            issued.append(last)
    assert len(issued) == len(set(issued)) == 5000
    assert min(issued) == 5001  # the provincial server keeps 1–5000 for its own dossiers


def test_exhausted_block_is_a_clear_error_not_a_collision():
    block = SequenceBlock(desk_number=2, block_size=10, sequence_base=5000)
    assert (block.first, block.last) == (5011, 5020)
    with pytest.raises(DossierCodeError, match="hết"):
        block.next_after(5020)
