"""``desk-app scan`` and ``desk-app watch``: capture pages headless (scanner or scan folder) into a folder.

Each page is written durably (temp + fsync + rename) before its path is printed, so a script reading
standard output only ever sees complete files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desk_app.text import nfc
from scanning.durable import make_private_dir

EXIT_USER_ERROR = 2
_EXT = {"image/png": ".png", "image/jpeg": ".jpg"}


def _user_errors() -> tuple[type[BaseException], ...]:
    from scanning.capture.base import CaptureError
    from scanning.file_import import PageImportError
    from scanning.spool import SpoolError

    return (CaptureError, PageImportError, SpoolError)


def _next_index(out: Path) -> int:
    numbers = [int(p.stem.split("-")[1]) for p in out.glob("trang-*.*") if p.stem.split("-")[1].isdigit()]
    return max(numbers, default=0) + 1


def _cmd_scan(args: argparse.Namespace) -> int:
    from scanning.capture.base import CaptureOptions
    from scanning.capture.sane_source import SaneSource
    from scanning.durable import atomic_write_bytes

    try:
        source = SaneSource()
        if args.list_devices:
            devices = source.discover()
            if not devices:
                print("Không tìm thấy máy quét nào.", file=sys.stderr)
                return 1
            for device in devices:
                print(f"{device.name}\t{device.label}")
            return 0
        if not args.out:
            print("Lỗi: hãy chỉ định thư mục lưu trang bằng --out.", file=sys.stderr)
            return EXIT_USER_ERROR
        out = make_private_dir(args.out)
        options = CaptureOptions(device=nfc(args.device or ""), resolution=args.resolution, mode=args.mode,
                                 source=args.source)
        index = _next_index(out)
        count = 0
        with source.start_batch(options) as batch:
            for page in batch:
                path = out / f"trang-{index:04d}{_EXT[page.media_type]}"
                atomic_write_bytes(path, page.data)
                print(path, flush=True)
                index += 1
                count += 1
        print(f"Đã quét {count} trang vào {out}.", file=sys.stderr)
        return 0
    except _user_errors() as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR


def _cmd_watch(args: argparse.Namespace) -> int:
    from scanning.capture.base import CaptureOptions
    from scanning.capture.watched_folder import WatchedFolderSource
    from scanning.durable import atomic_write_bytes

    try:
        out = make_private_dir(args.out)
        source = WatchedFolderSource(Path(args.folder), stable_seconds=args.stable_seconds,
                                     poll_interval=min(0.5, max(0.05, args.stable_seconds / 4)), once=args.once)
        if not args.once:
            print(f"Đang theo dõi thư mục {args.folder} (Ctrl+C để dừng)…", file=sys.stderr)
        count = 0
        with source.start_batch(CaptureOptions()) as batch:
            for page in batch:
                path = out / f"{page.page_id}{_EXT[page.media_type]}"
                if not path.exists():   # a redelivered page (after a crash) is already there
                    atomic_write_bytes(path, page.data)
                    count += 1
                print(f"{path}\t{page.source_name}", flush=True)
        for name, reason in source.rejected:
            print(f"Bỏ qua «{name}» (đã chuyển vào thư mục «không đọc được»): {reason}", file=sys.stderr)
        for name in sorted(source.empty):
            print(f"Bỏ qua «{name}»: tệp rỗng (0 byte), để nguyên trong thư mục; sẽ được nhận khi máy quét "
                  f"ghi xong.", file=sys.stderr)
        print(f"Đã nhận {count} trang vào {out}.", file=sys.stderr)
        return 0
    except _user_errors() as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR


def register(subparsers) -> None:
    scan = subparsers.add_parser("scan", help="quét trang từ máy quét (SANE) vào một thư mục")
    scan.add_argument("--list-devices", action="store_true", help="liệt kê máy quét rồi thoát")
    scan.add_argument("--out", help="thư mục lưu trang quét")
    scan.add_argument("--device", help="tên máy quét (xem --list-devices); mặc định máy đầu tiên")
    scan.add_argument("--resolution", type=int, default=300, help="độ phân giải dpi (mặc định 300)")
    scan.add_argument("--mode", choices=["Color", "Gray"], default="Color", help="màu hoặc xám")
    scan.add_argument("--source", choices=["Flatbed", "ADF"], default="Flatbed",
                      help="mặt kính (Flatbed) hoặc khay nạp giấy nhiều trang (ADF)")
    scan.set_defaults(func=_cmd_scan)

    watch = subparsers.add_parser("watch", help="nhận bản quét từ thư mục máy quét lưu vào (scan to folder)")
    watch.add_argument("folder", help="thư mục máy quét lưu tệp vào")
    watch.add_argument("--out", required=True, help="thư mục lưu trang đã nhận")
    watch.add_argument("--once", action="store_true", help="nhận các tệp hiện có rồi thoát")
    watch.add_argument("--stable-seconds", type=float, default=2.0,
                       help="tệp phải không đổi trong bấy nhiêu giây mới được nhận (mặc định 2)")
    watch.set_defaults(func=_cmd_watch)
