"""Forms performance on this machine.

1. Receipt (Mẫu 01, two A5 copies, with the VietQR block) PDF generation: p50/p95/max over N renders
   (target p95 ≤ 100 ms);
2. the other forms once each (ms), for reference;
3. accept → preview visible: with an offscreen QApplication, the reception flow's background job
   (accept_dossier + write the receipt PDF, database lane) then the ReceiptPreview dialog shown and its
   first page painted (target ≤ 0.5 s).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/forms_benchmark.py [N]``
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def bench_receipt(n: int) -> tuple[list[float], list[float]]:
    from test_receipt import make_receipt

    from desk_app.documents.parts import PaymentQr
    from desk_app.documents.receipt import render_receipt
    from desk_app.domain.vietqr import VietQRRequest, build_payload

    payload = build_payload(VietQRRequest("970403", "0011012345678", amount=2000, purpose="HS2507010001"))
    data = replace(make_receipt(), payment_qr=PaymentQr(payload, "970403", "0011012345678", "TRUNG TAM PVHCC",
                                                         2000, "HS2507010001"))
    render_receipt(data)  # fonts registered, caches warm: what the desk sees after the first dossier
    times, cpu = [], []
    for _ in range(n):
        t, c = time.perf_counter(), time.thread_time()
        render_receipt(data)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.thread_time() - c) * 1000)
    return times, cpu


def bench_other_forms() -> dict[str, float]:
    import test_forms_documents as samples

    from desk_app.documents.tracking_book import render_tracking_book

    out = {}
    for name, render in samples.RENDERERS.items():
        render(samples.HEADER)
        t = time.perf_counter()
        render(samples.HEADER)
        out[name] = (time.perf_counter() - t) * 1000
    data = samples.book_data(40)
    render_tracking_book(data)
    t = time.perf_counter()
    render_tracking_book(data)
    out["tracking-book (40 rows)"] = (time.perf_counter() - t) * 1000
    return out


def bench_accept_to_preview(runs: int) -> list[float]:
    from conftest import make_page_image
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from desk_app.desk import Desk
    from desk_app.services.receipts import write_receipt_for
    from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages
    from desk_app.services.users import create_user, sign_in
    from ui.receipt_preview import ReceiptPreview
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="forms-bench-")) / "Dữ liệu một cửa"
    desk = Desk.open(folder)
    create_user(desk.sessions, "admin", "Quản Trị Viên", "admin", "Trống-đồng-Đông-Sơn-1")
    admin = sign_in(desk.sessions, "admin", "Trống-đồng-Đông-Sơn-1")
    create_user(desk.sessions, "tuyet", "Nguyễn Thị Ánh Tuyết", "clerk", "Sông-Hồng-chảy-mãi", created_by=admin)
    clerk = sign_in(desk.sessions, "tuyet", "Sông-Hồng-chảy-mãi")  # services take the signed-in identity
    pages = store_pages(desk, [make_page_image(folder.parent / "tờ khai.png")])
    window = QWidget()
    window.tasks = TaskRunner(window)
    window.desk = desk
    window.show()
    def run_once(i: int) -> float:
        state: dict = {}
        request = IntakeRequest(procedure_code="2.000884", applicant_name=f"Đỗ Văn Lâm {i}",
                                applicant_id_number="079085004321", pages=pages, outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ")
        loop = QEventLoop()

        def job():
            accepted = accept_dossier(desk, clerk, request)
            return accepted, write_receipt_for(desk, accepted.code, who=clerk)

        def shown() -> None:
            preview = state["preview"]
            if not preview.isVisible() or preview.page_count < 1:
                QTimer.singleShot(1, shown)
                return
            preview.view.grab()  # forces the first page to be painted
            state["t1"] = time.perf_counter()
            loop.quit()

        def done(result):
            accepted, path = result
            preview = ReceiptPreview(Path(path), accepted.code, window)
            preview.open()
            state["preview"] = preview
            QTimer.singleShot(0, shown)

        def failed(exc):
            state["error"] = exc
            loop.quit()

        # An event loop, not a processEvents() spin: PySide6 6.12 drops a reference to None on every
        # processEvents() call, and a tight spin crashes the interpreter.
        t0 = time.perf_counter()
        window.tasks.run_db(job, done, failed)
        loop.exec()
        if "error" in state:
            raise state["error"]
        preview = state["preview"]
        preview.close()
        preview.deleteLater()
        app.processEvents()
        return (state["t1"] - t0) * 1000

    times = [run_once(i) for i in range(runs)]
    window.tasks.wait_idle()
    desk.close()
    shutil.rmtree(folder.parent, ignore_errors=True)
    return times


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"machine: {platform.node()} · {os.cpu_count()} CPU · Python {platform.python_version()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    receipt, cpu = bench_receipt(n)
    print(f"receipt PDF (Mẫu 01, 2 × A5, VietQR) n={n}: wall p50 {statistics.median(receipt):.1f} ms, "
          f"p95 {percentile(receipt, 95):.1f} ms, max {max(receipt):.1f} ms; "
          f"CPU p50 {statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 95):.1f} ms")
    for name, ms in bench_other_forms().items():
        print(f"  {name}: {ms:.1f} ms")
    preview = bench_accept_to_preview(20)
    print(f"accept → preview visible n=20: p50 {statistics.median(preview):.0f} ms, "
          f"p95 {percentile(preview, 95):.0f} ms, max {max(preview):.0f} ms")


if __name__ == "__main__":
    main()
