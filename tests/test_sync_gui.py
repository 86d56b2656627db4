"""Queue monitor (counts, detail, send now, escalation) and the sync running inside the GUI."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QTabWidget
from sqlalchemy import select, update

from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages
from desk_app.services.users import sign_in
from desk_app.storage.models import OutboxItem
from desk_app.storage.sync_models import SyncNotification
from sync import outbox
from sync.worker import WorkerConfig
from tests.conftest import CLERK_PASSWORD
from tests.test_gui_reception import type_text
from ui.queue_monitor import QueueMonitor
from ui.sync_integration import attach_sync


def _receive(desk, clerk, page_files, names=("Phạm Quốc Đạt", "Đặng Thị Mỹ Linh")) -> list[str]:
    who = sign_in(desk.sessions, clerk.username, CLERK_PASSWORD)
    return [accept_dossier(desk, who, IntakeRequest(procedure_code="1.004222", applicant_name=name,
                                                    pages=store_pages(desk, page_files),
                                                    outside_hours_reason="Kiểm thử ngoài giờ")).code
            for name in names]


def test_monitor_counts_states_shows_detail_and_sends_now_or_escalates(qtbot, desk, clerk, tasks, page_files):
    codes = _receive(desk, clerk, page_files)
    with desk.sessions.begin() as session:
        session.execute(update(OutboxItem).where(OutboxItem.payload["dossier_code"].as_string() == codes[0])
                        .values(state=outbox.FAILED_REJECTED, attempts=1,
                                last_error="Tỉnh từ chối: thiếu trường MaTTHC"))
    monitor = QueueMonitor(desk, tasks, clerk)
    qtbot.addWidget(monitor)
    with qtbot.waitSignal(monitor.refreshed, timeout=10000):
        monitor.refresh()
    assert monitor.counts[outbox.READY] == 1 and monitor.counts[outbox.FAILED_REJECTED] == 1
    assert "Bị từ chối (cần xử lý): <b>1</b>" in monitor.count_labels[outbox.FAILED_REJECTED].text()

    rejected_id = next(i.id for i in monitor.model.items if i.state == outbox.FAILED_REJECTED)
    assert monitor.select_item(rejected_id)
    assert codes[0] in monitor.detail.text() and "thiếu trường MaTTHC" in monitor.detail.text()
    assert monitor.send_now_button.isEnabled()

    monitor.failed.connect(lambda message: pytest.fail(message))
    with qtbot.waitSignal(monitor.sendNowRequested, timeout=10000) as sent:
        monitor.send_now_button.click()
    assert sent.args == [rejected_id]
    qtbot.waitUntil(lambda: monitor.counts.get(outbox.READY) == 2, timeout=10000)

    assert monitor.select_item(rejected_id)
    type_text(monitor.note, "Nhờ chị Hạnh kiểm tra mã thủ tục")
    with qtbot.waitSignal(monitor.escalated, timeout=10000):
        monitor.escalate_button.click()
    qtbot.waitUntil(lambda: monitor.notifications.count() == 1, timeout=10000)
    assert "Nhờ chị Hạnh kiểm tra mã thủ tục" in monitor.notifications.item(0).text()
    with desk.sessions() as session:
        note = session.scalars(select(SyncNotification)).one()
        assert note.audience == "supervisor" and "Nguyễn Thị Ánh Tuyết" in note.message
        assert session.get(OutboxItem, rejected_id).escalated_at is not None
    qtbot.waitUntil(lambda: not monitor.escalate_button.isEnabled(), timeout=10000)

    monitor.mark_read_button.click()
    qtbot.waitUntil(lambda: monitor.notifications.count() == 0, timeout=10000)
    with desk.sessions() as session:
        assert session.scalars(select(SyncNotification)).one().read_by == clerk.id


def test_attach_sync_in_training_mode_starts_the_sandbox_and_drains_in_the_background(
        qtbot, desk, clerk, tasks, page_files):
    assert desk.settings.training
    _receive(desk, clerk, page_files)
    window = QMainWindow()
    window.tabs = QTabWidget()
    window.user = clerk
    window.setCentralWidget(window.tabs)
    qtbot.addWidget(window)
    controller = attach_sync(window, desk, tasks, config=WorkerConfig(poll_seconds=0.2, probe_seconds=0.2))
    try:
        assert window.tabs.count() == 1  # the monitor tab is there before the sandbox is even up
        with qtbot.waitSignal(controller.started, timeout=30000) as started:
            pass
        assert started.args[0].startswith("http://127.0.0.1:")
        monitor = window.queue_monitor
        qtbot.waitUntil(lambda: monitor.counts.get(outbox.ACKNOWLEDGED) == 2, timeout=30000)
        assert "tốt" in monitor.link_label.text()
        sandbox = controller.sandbox
    finally:
        controller.stop()
    assert sandbox.process.poll() is not None
    assert outbox.counts(desk.sessions)[outbox.SENDING] == 0
