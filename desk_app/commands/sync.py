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
    sandbox.add_argument("--host", default="127.0.0.1",
                         help="địa chỉ nghe (mặc định 127.0.0.1); địa chỉ ngoài máy này cần --allow-remote")
    sandbox.add_argument("--allow-remote", action="store_true",
                         help="cho phép nghe trên địa chỉ mạng (máy khác truy cập được); nên kèm TLS")
    sandbox.add_argument("--token-seconds", type=float, default=3600.0, help="thời hạn mã truy cập cấp cho quầy (giây)")
    sandbox.add_argument("--tls-cert", help="chứng thư TLS của máy chủ (PEM): phục vụ qua https://")
    sandbox.add_argument("--tls-key", help="khóa riêng của chứng thư TLS (PEM)")
    sandbox.add_argument("--client-ca", help="chỉ nhận quầy có chứng thư số do CA này cấp (TLS hai chiều)")
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
            if report.sent_nothing_while_due:
                reason = report.errors[0] if report.errors else "máy chủ tỉnh chưa nhận mục nào"
                print(f"Lỗi: không gửi được mục nào trong {max(report.due, report.pending)} mục đang chờ gửi lên "
                      f"tỉnh ({reason})", file=sys.stderr)
                return 1
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
    from sync.sandbox.auth import SandboxAuth
    from sync.sandbox.faults import FaultSettings
    from sync.sandbox.server import SandboxHostError, check_host, serve

    try:
        check_host(args.host, args.allow_remote)
        faults = FaultSettings.parse_flags(args.fault)
    except (ValueError, SandboxHostError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    if bool(args.tls_cert) != bool(args.tls_key) or (args.client_ca and not args.tls_cert):
        print("Lỗi: --tls-cert và --tls-key phải đi cùng nhau; --client-ca cần TLS.", file=sys.stderr)
        return 2
    folder = Path(args.data) if args.data else data_dir() / "sandbox"
    # Started by the desk (training mode, tests): ends with it, even after kill -9 of the desk.
    from scanning.child_processes import die_with_parent_from_env, terminate_self

    die_with_parent_from_env(graceful=terminate_self)
    # Credentials come from whoever started the sandbox (the desk's training mode, tests), through the
    # environment; started by hand, it makes its own and writes them to a file only its owner can read.
    auth = SandboxAuth.from_env(token_seconds=args.token_seconds)
    if auth is None:
        saved = folder / "credentials.json"
        auth = SandboxAuth.read(saved, args.token_seconds)
        if auth is None:
            auth = SandboxAuth.generate(args.token_seconds)
            auth.write(saved)
        print(f"Tài khoản kết nối và mã quản trị của máy chủ thử nghiệm: {saved} (chỉ chủ tài khoản đọc được; "
              f"quầy dùng DESK_APP_PROVINCIAL_CLIENT_ID và DESK_APP_PROVINCIAL_SECRET)", flush=True)
    scheme = "https" if args.tls_cert else "http"
    print(f"Máy chủ tỉnh thử nghiệm: {scheme}://{args.host}:{args.port} (dữ liệu: {folder}); "
          f"tài liệu API: {scheme}://{args.host}:{args.port}/docs", flush=True)
    serve(folder, args.port, args.host, faults, args.step_seconds, auth=auth, allow_remote=args.allow_remote,
          tls_cert=args.tls_cert, tls_key=args.tls_key, client_ca=args.client_ca)
    return 0
