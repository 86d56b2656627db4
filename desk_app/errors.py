"""Base class of errors whose message is written for the clerk (in Vietnamese).

The CLI prints them without a traceback; the GUI shows them in a message box. Anything else is a bug.
"""


class DeskError(Exception):
    """An error the user can act on; ``str(error)`` is the Vietnamese message."""


def user_errors() -> tuple[type[BaseException], ...]:
    """Every error type whose message is meant for people (the scanning library has its own)."""
    from desk_app.catalog.procedures import CatalogError, UnknownProcedureError
    from desk_app.domain.calendar import CalendarDataError
    from desk_app.domain.fees import FeeError
    from scanning.capture.base import CaptureError
    from scanning.cleanup import CleanupError
    from scanning.file_import import PageImportError
    from scanning.ocr import OcrError
    from scanning.pdfa import PdfBuildError
    from scanning.spool import SpoolError
    from scanning.untrusted import UntrustedFileError

    return (DeskError, PageImportError, CatalogError, UnknownProcedureError, CalendarDataError,
            FeeError, CaptureError, SpoolError, CleanupError, OcrError, PdfBuildError, UntrustedFileError)
