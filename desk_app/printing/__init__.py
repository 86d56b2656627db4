"""Headless printing of form PDFs to CUPS (used by the CLI and by the GUI's direct-print button)."""

from desk_app.printing.cups_printer import (
    CupsPrinter,
    JobState,
    PrintError,
    PrintJob,
    media_for_pdf,
)

__all__ = ["CupsPrinter", "JobState", "PrintError", "PrintJob", "media_for_pdf"]
