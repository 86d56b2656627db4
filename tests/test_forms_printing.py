"""Printing through a real CUPS queue (private cupsd + cups-pdf), from the headless module, the CLI and the GUI."""

import time
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.documents.receipt import render_receipt
from desk_app.printing import CupsPrinter, JobState, PrintError, media_for_pdf
from tests.cups_server import PrivateCups
from tests.test_receipt import make_receipt

A5 = (419.5, 595.3)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cups_queue():
    server = PrivateCups().start()
    yield server
    server.stop()


def wait_for_output(folder: Path, before: set[Path], timeout: float = 30.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = set(folder.glob("*.pdf")) - before
        if new:
            return new.pop()
        time.sleep(0.05)
    raise AssertionError(f"cups-pdf wrote nothing in {folder}")


def page_size(pdf: Path) -> tuple[float, float]:
    box = PdfReader(str(pdf)).pages[0].mediabox
    return round(float(box.width), 1), round(float(box.height), 1)


@pytest.fixture
def receipt_pdf(tmp_path) -> Path:
    path = tmp_path / "Giấy tiếp nhận.pdf"
    path.write_bytes(render_receipt(make_receipt()))
    return path


def test_receipt_printed_on_a5_job_completed(cups_queue, receipt_pdf):
    printer = CupsPrinter(cups_queue.server)
    assert cups_queue.queue in printer.printers()
    assert printer.default_printer() == cups_queue.queue
    before = set(cups_queue.output_dir.glob("*.pdf"))
    job = printer.submit(receipt_pdf, title="Giấy tiếp nhận 000.00.12.H15-250701-0001")
    assert job.media == "A5" and job.printer == cups_queue.queue
    assert printer.wait(job, timeout=60) is JobState.COMPLETED
    out = wait_for_output(cups_queue.output_dir, before)
    assert out.stat().st_size > 1000
    assert page_size(out) == pytest.approx(A5, abs=1.5)
    assert len(PdfReader(str(out)).pages) == 2  # both copies


def test_a4_landscape_book_keeps_its_media(cups_queue, tmp_path):
    from desk_app.documents.tracking_book import render_tracking_book
    from tests.test_forms_documents import book_data

    path = tmp_path / "Sổ theo dõi.pdf"
    path.write_bytes(render_tracking_book(book_data(3)))
    assert media_for_pdf(path) == ("A4", True)
    before = set(cups_queue.output_dir.glob("*.pdf"))
    CupsPrinter(cups_queue.server).print_and_wait(path, title="Sổ theo dõi hồ sơ", timeout=60)
    width, height = page_size(wait_for_output(cups_queue.output_dir, before))
    assert sorted((width, height)) == pytest.approx([595.3, 841.9], abs=1.5)


def test_unknown_queue_and_unreachable_server_are_clear_errors(cups_queue, receipt_pdf):
    with pytest.raises(PrintError, match="từ chối"):
        CupsPrinter(cups_queue.server).submit(receipt_pdf, title="x", printer="khong-co-may-in")
    with pytest.raises(PrintError, match="Không tìm thấy tệp"):
        CupsPrinter(cups_queue.server).submit(receipt_pdf.with_name("không-có.pdf"), title="x")


def test_cli_print_form_prints_for_real(cups_queue, desk, clerk, page_files, tmp_path, capsys, monkeypatch):
    from desk_app.cli import main
    from tests.conftest import CLERK_PASSWORD

    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
    from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages

    accepted = accept_dossier(desk, clerk, IntakeRequest(procedure_code="2.000884", applicant_name="Đỗ Văn Lâm",
                                                         pages=store_pages(desk, page_files), outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ"),
                              received_at=datetime(2025, 7, 14, 9, 0))
    before = set(cups_queue.output_dir.glob("*.pdf"))
    assert main(["print-form", "receipt", accepted.code, "--out", str(tmp_path / "r.pdf"), "--print",
                 "--server", cups_queue.server, "--user", "tuyet.nguyen"]) == 0
    assert "Đã in xong" in capsys.readouterr().out
    wait_for_output(cups_queue.output_dir, before)


def test_gui_direct_print_and_preview(cups_queue, receipt_pdf, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing import configure_printer, paint_pdf
    from ui.receipt_preview import ReceiptPreview

    dialog = ReceiptPreview(receipt_pdf, "000.00.12.H15-250701-0001",
                            cups=CupsPrinter(cups_queue.server), queue=cups_queue.queue)
    qtbot.addWidget(dialog)
    dialog.show()
    before = set(cups_queue.output_dir.glob("*.pdf"))
    with qtbot.waitSignal(dialog.printing.printed, timeout=60000) as blocker:
        qtbot.mouseClick(dialog.print_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.LeftButton)
        assert not dialog.print_button.isEnabled()  # the UI thread is free while the job runs
    assert "Đã in xong" in blocker.args[0] and "A5" in blocker.args[0]
    assert "Đã in xong" in dialog.status.text() and dialog.print_button.isEnabled()
    wait_for_output(cups_queue.output_dir, before)

    preview = dialog.printing.preview(dialog.pdf_path, dialog)
    qtbot.waitUntil(preview.isVisible, timeout=10000)
    preview.close()

    # The Qt print path (dialog → QPrinter) paints every page on A5; checked through Qt's own PDF output.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, receipt_pdf)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "qt.pdf"))
    assert paint_pdf(receipt_pdf, printer, dpi=100) == 2
    assert page_size(tmp_path / "qt.pdf") == pytest.approx(A5, abs=1.5)


def test_payment_bar_records_then_confirms_with_the_bank_reference(desk, clerk, page_files, qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from desk_app.services.payments import current_payment
    from desk_app.services.receipts import write_receipt_for
    from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages
    from ui.receipt_preview import ReceiptPreview
    from ui.tasks import TaskRunner

    accepted = accept_dossier(desk, clerk, IntakeRequest(procedure_code="2.000884", applicant_name="Đỗ Văn Lâm",
                                                         pages=store_pages(desk, page_files), outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ"),
                              received_at=datetime(2025, 7, 14, 9, 0))
    window = QWidget()  # stands in for the main window: it owns the desk, the task lanes and the user
    window.desk, window.tasks, window.user = desk, TaskRunner(window), clerk
    qtbot.addWidget(window)
    dialog = ReceiptPreview(write_receipt_for(desk, accepted.code, who=clerk), accepted.code, window)
    dialog.show()
    bar = dialog.payment_bar
    qtbot.waitUntil(lambda: "chưa ghi nhận" in bar.status.text(), timeout=10000)
    assert "10.000 đ" in bar.status.text() and not bar.confirm_button.isEnabled()

    bar.method.setCurrentIndex(bar.method.findData("transfer"))
    qtbot.mouseClick(bar.open_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "chờ xác nhận" in bar.status.text(), timeout=10000)
    assert current_payment(desk, accepted.code).state == "pending"

    qtbot.mouseClick(bar.confirm_button, Qt.LeftButton)  # no bank reference yet
    qtbot.waitUntil(lambda: "số tham chiếu" in bar.status.text(), timeout=10000)
    assert current_payment(desk, accepted.code).state == "pending"

    qtbot.keyClicks(bar.reference, "FT25195123456")
    qtbot.mouseClick(bar.confirm_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "đã thu" in bar.status.text(), timeout=10000)
    assert current_payment(desk, accepted.code).paid and "Nguyễn Thị Ánh Tuyết" in bar.status.text()

    qtbot.mouseClick(bar.receipt_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.printing.preview_dialog is not None
                    and dialog.printing.preview_dialog.isVisible(), timeout=10000)
    dialog.printing.preview_dialog.close()
    window.tasks.wait_idle()
