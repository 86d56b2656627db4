"""Dossier lifecycle: national status codes 1–10 and intake channels (DOMAIN.md §4.4, §4.2).

The transition table is the single place that says which moves are legal; services call
:func:`check_transition` before changing a dossier's status.
"""

from __future__ import annotations

from desk_app.errors import DeskError

from enum import IntEnum


class DossierStatus(IntEnum):
    SUBMITTED_ONLINE = 1      # Mới đăng ký
    ACCEPTED = 2              # Được tiếp nhận
    REFUSED = 3               # Không được tiếp nhận
    PROCESSING = 4            # Đang xử lý
    SUPPLEMENT_REQUESTED = 5  # Yêu cầu bổ sung giấy tờ
    FINANCIAL_OBLIGATION = 6  # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7             # Công dân yêu cầu rút hồ sơ
    STOPPED = 8               # Dừng xử lý
    RESULT_READY = 9          # Đã xử lý xong
    RETURNED = 10             # Đã trả kết quả

    @property
    def label_vi(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    DossierStatus.SUBMITTED_ONLINE: "Mới đăng ký",
    DossierStatus.ACCEPTED: "Được tiếp nhận",
    DossierStatus.REFUSED: "Không được tiếp nhận",
    DossierStatus.PROCESSING: "Đang xử lý",
    DossierStatus.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    DossierStatus.FINANCIAL_OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    DossierStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    DossierStatus.STOPPED: "Dừng xử lý",
    DossierStatus.RESULT_READY: "Đã xử lý xong",
    DossierStatus.RETURNED: "Đã trả kết quả",
}


class Channel(IntEnum):
    """How the dossier was filed: the DVCQG "kênh nộp", KenhThucHien in the provincial sync record.

    The one channel enum of the app (fees, intake, forms, sync); ``label_vi`` is the wording printed on
    forms and fee breakdowns.
    """

    IN_PERSON = 1
    ONLINE = 2
    POSTAL = 3  # bưu chính công ích: charged as in person

    @property
    def label_vi(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {
    Channel.IN_PERSON: "Nộp trực tiếp",
    Channel.ONLINE: "Nộp trực tuyến",
    Channel.POSTAL: "Nộp qua bưu chính công ích",
}


S = DossierStatus

# Which statuses may follow which. Terminal: REFUSED, WITHDRAWN, RETURNED.
ALLOWED_TRANSITIONS: dict[DossierStatus, frozenset[DossierStatus]] = {
    S.SUBMITTED_ONLINE: frozenset({S.ACCEPTED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION,
                           S.WITHDRAWN, S.STOPPED, S.RESULT_READY}),
    S.PROCESSING: frozenset({S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.WITHDRAWN,
                             S.STOPPED, S.RESULT_READY}),
    # A supplement or payment puts the dossier on hold; it resumes processing or ends.
    S.SUPPLEMENT_REQUESTED: frozenset({S.PROCESSING, S.ACCEPTED, S.WITHDRAWN, S.STOPPED}),
    S.FINANCIAL_OBLIGATION: frozenset({S.PROCESSING, S.WITHDRAWN, S.STOPPED}),
    # A stopped dossier still needs its notice handed back, hence RESULT_READY.
    S.STOPPED: frozenset({S.PROCESSING, S.RESULT_READY}),
    S.RESULT_READY: frozenset({S.RETURNED}),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.RETURNED: frozenset(),
}

# Statuses a paper dossier can be given at the counter (Mẫu 01 accept / Mẫu 02 supplement / Mẫu 03 refuse).
COUNTER_DECISIONS = frozenset({S.ACCEPTED, S.SUPPLEMENT_REQUESTED, S.REFUSED})


class IllegalTransitionError(DeskError, ValueError):
    """Raised when a status change is not allowed; the message is meant for the clerk."""


def check_transition(current: DossierStatus | None, new: DossierStatus) -> None:
    """Raise IllegalTransitionError unless *current* → *new* is a legal move.

    ``current is None`` means a dossier being created at the counter.
    """
    new = DossierStatus(new)
    if current is None:
        if new not in COUNTER_DECISIONS and new is not S.SUBMITTED_ONLINE:
            raise IllegalTransitionError(
                f"Hồ sơ mới chỉ có thể được tiếp nhận, yêu cầu bổ sung hoặc từ chối, "
                f"không thể ở trạng thái «{new.label_vi}»."
            )
        return
    current = DossierStatus(current)
    if new not in ALLOWED_TRANSITIONS[current]:
        raise IllegalTransitionError(
            f"Không thể chuyển hồ sơ từ trạng thái «{current.label_vi}» ({int(current)}) "
            f"sang «{new.label_vi}» ({int(new)})."
        )


def is_terminal(status: DossierStatus) -> bool:
    return not ALLOWED_TRANSITIONS[DossierStatus(status)]
