"""Errors of a chip read, each with the Vietnamese message the clerk sees (no protocol jargon)."""

from __future__ import annotations


class ChipError(Exception):
    """A chip read that did not give trustworthy data; ``str(exc)`` is for the clerk."""


class ReaderNotFoundError(ChipError):
    def __init__(self, detail: str = "") -> None:
        super().__init__("Không tìm thấy đầu đọc thẻ chip. Hãy cắm đầu đọc USB (PC/SC) và kiểm tra dịch vụ thẻ "
                         "thông minh đang chạy (pcscd trên Linux, Smart Card trên Windows)."
                         + (f" ({detail})" if detail else ""))


class NoCardError(ChipError):
    def __init__(self) -> None:
        super().__init__("Chưa có thẻ trên đầu đọc: hãy đặt thẻ căn cước lên đầu đọc.")


class CardRemovedError(ChipError):
    def __init__(self) -> None:
        super().__init__("Thẻ đã bị nhấc khỏi đầu đọc trong khi đang đọc. Hãy đặt lại thẻ và giữ yên "
                         "cho đến khi đọc xong.")


class ChipNotAnsweringError(ChipError):
    def __init__(self, detail: str = "") -> None:
        super().__init__("Chip của thẻ không phản hồi (thẻ không có chip, chip hỏng hoặc đặt lệch). Hãy đặt lại "
                         "thẻ ngay giữa đầu đọc." + (f" ({detail})" if detail else ""))


class WrongAccessKeyError(ChipError):
    def __init__(self) -> None:
        super().__init__("Chip từ chối khóa truy cập: số thẻ, ngày sinh hoặc ngày hết hạn (từ vùng MRZ mặt sau) "
                         "không đúng với thẻ này. Hãy quét lại mặt sau hoặc nhập lại.")


class AccessKeyInputError(ChipError, ValueError):
    """The MRZ or typed data cannot make an access key (bad length, check digit)."""


class ChipDataError(ChipError):
    """The chip answered, but its files are not what ICAO 9303 describes."""


class TamperedDataError(ChipError):
    """A data group's hash differs from the signed one, or the signature is false: data refused."""
