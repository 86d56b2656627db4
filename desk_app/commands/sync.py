"""``desk-app sync`` (one pass or ``--forever``) and ``desk-app sandbox-server``."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path


def register(subparsers) -> None:  # noqa: ANN001
    sync = subparsers.add_parser("sync", help="gửi hàng đợi lên hệ thống tỉnh và nhận thay đổi về")
    sync.add_argument("--forever", action="store_true", help="chạy như một dịch vụ (dừng bằng SIGTERM)")
    sync.add_argument("--endpoint", help="địa chỉ máy chủ tỉnh (mặc định: theo cấu hình; đào tạo: máy chủ thử nghiệm)")
    sync.add_argument("--concurrency", type=int, default=4, help="số mục gửi song song")
    sync.add_argument("--part-size", type=int, default=1024 * 1024, help="kích thước mỗi phần tệp (byte)")
    sync.add_argument("--timeout", type=float, default=30.0, help="thời gian chờ mỗi yêu cầu (giây)")
    sync.add_argument("--backoff", type=float, default=60.0, help="chờ trước lần thử lại đầu tiên (giây)")
    sync.add_argument("--poll", type=float, default=15.0, help="--forever: nghỉ giữa hai lượt (giây)")
    sync.add_argument("--no-pull", action="store_true", help="chỉ gửi, không nhận thay đổi từ tỉnh")
    sync.add_argument("--quiet", action="store_true")
    sync.set_defaults(func=_cmd_sync)

    sandbox = subparsers.add_parser("sandbox-server", help="chạy máy chủ tỉnh thử nghiệm (đào tạo, kiểm thử)")
    sandbox.add_argument("--port", type=int, required=True)
    sandbox.add_argument("--host", default="127.0.0.1", help="chỉ nên dùng địa chỉ nội bộ")
    sandbox.add_argument("--data", help="thư mục lưu dữ liệu của máy chủ (mặc định: <thư mục dữ liệu>/sandbox)")
    sandbox.add_argument("--step-seconds", type=float, default=60.0,
                         help="mỗi bước xử lý hồ sơ mất bao lâu (giây)")
    sandbox.add_argument("--fault", action="append", default=[], metavar="TÊN[=XÁC_SUẤT]",
                         help="bật lỗi mô phỏng: drop, http_5xx, slow, duplicate_ack, captive_portal, "
                              "slow_seconds=S, seed=N (lặp lại được)")
    sandbox.set_defaults(func=_cmd_sandbox)


def _cmd_sync(args: argparse.Namespace) -> int:
    from desk_app.desk import Desk
    from sync.outbox import Backoff
    from sync.service import open_sync
    from sync.worker import WorkerConfig

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    desk = Desk.open()
    config = WorkerConfig(concurrency=max(1, args.concurrency), batch_size=max(8, args.concurrency * 8),
                          settle_batch=max(8, args.concurrency * 8),
                          backoff=Backoff(base=args.backoff), poll_seconds=args.poll, pull=not args.no_pull)
    session = open_sync(desk, args.endpoint, config, timeout=args.timeout, part_size=args.part_size)
    say = (lambda _text: None) if args.quiet else (lambda text: print(text, flush=True))
    if session.sandbox is not None:
        say(f"Chế độ đào tạo: dùng máy chủ thử nghiệm {session.endpoint}")
    try:
        if not args.forever:
            report = session.worker.run_pass()
            say(report.summary_vi())
            for error in report.errors[:20]:
                say(f"  - {error}")
            return 0 if not (report.failed_network or report.failed_rejected) else 1
        stop = threading.Event()

        def _stop(_signum, _frame) -> None:  # noqa: ANN001
            stop.set()
            session.worker.wake()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        say(f"Đồng bộ liên tục với {session.endpoint}; dừng bằng SIGTERM hoặc Ctrl+C.")
        session.worker.run_forever(stop, on_pass=lambda report: say(report.summary_vi())
                                   if (report.acknowledged or report.pulled.applied or report.errors) else None)
        say("Đã dừng đồng bộ; không còn mục nào đang gửi dở.")
        return 0
    finally:
        session.close()
        desk.close()


def _cmd_sandbox(args: argparse.Namespace) -> int:
    from desk_app.config import data_dir
    from sync.sandbox.faults import FaultSettings
    from sync.sandbox.server import serve

    try:
        faults = FaultSettings.parse_flags(args.fault)
    except ValueError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    folder = Path(args.data) if args.data else data_dir() / "sandbox"
    print(f"Máy chủ tỉnh thử nghiệm: http://{args.host}:{args.port} (dữ liệu: {folder}); "
          f"tài liệu API: http://{args.host}:{args.port}/docs", flush=True)
    serve(folder, args.port, args.host, faults, args.step_seconds)
    return 0
