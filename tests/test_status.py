import pytest

from desk_app.domain.status import (
    Channel,
    DossierStatus,
    IllegalTransitionError,
    check_transition,
    is_terminal,
)


def test_national_status_codes_and_channels_match_the_sync_protocol():
    assert [int(s) for s in DossierStatus] == list(range(1, 11))
    assert DossierStatus(10).label_vi == "Đã trả kết quả"
    assert (int(Channel.IN_PERSON), int(Channel.ONLINE), int(Channel.POSTAL)) == (1, 2, 3)


@pytest.mark.parametrize("new", [DossierStatus.ACCEPTED, DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.REFUSED])
def test_counter_decisions_are_allowed_for_a_new_paper_dossier(new):
    check_transition(None, new)


def test_a_new_dossier_cannot_start_as_returned():
    with pytest.raises(IllegalTransitionError, match="Hồ sơ mới"):
        check_transition(None, DossierStatus.RETURNED)


def test_normal_path_accepted_to_returned():
    path = [DossierStatus.ACCEPTED, DossierStatus.PROCESSING, DossierStatus.SUPPLEMENT_REQUESTED,
            DossierStatus.PROCESSING, DossierStatus.RESULT_READY, DossierStatus.RETURNED]
    for current, new in zip(path, path[1:]):
        check_transition(current, new)


def test_illegal_moves_are_refused_with_a_clear_message():
    with pytest.raises(IllegalTransitionError) as info:
        check_transition(DossierStatus.RETURNED, DossierStatus.PROCESSING)
    assert "Đã trả kết quả" in str(info.value) and "Đang xử lý" in str(info.value)
    with pytest.raises(IllegalTransitionError):
        check_transition(DossierStatus.REFUSED, DossierStatus.ACCEPTED)
    with pytest.raises(IllegalTransitionError):
        check_transition(DossierStatus.ACCEPTED, DossierStatus.RETURNED)  # result must be ready first


def test_terminal_statuses():
    assert {s for s in DossierStatus if is_terminal(s)} == {
        DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.RETURNED}
