"""``desk-app print-form KIND DOSSIER_CODE --out FILE.pdf``: any one-stop form of a stored dossier."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_USER_ERROR = 2
FORM_KINDS = ("receipt",)


def _cmd_print_form(args: argparse.Namespace) -> int:
    from desk_app.desk import Desk
    from desk_app.services.receipts import write_receipt_for

    if args.kind not in FORM_KINDS:
        print(f"Loại biểu mẫu «{args.kind}» chưa được hỗ trợ; hiện có: {', '.join(FORM_KINDS)}.",
              file=sys.stderr)
        return EXIT_USER_ERROR
    print(write_receipt_for(Desk.open(), args.code, Path(args.out) if args.out else None))
    return 0


def register(subparsers) -> None:  # noqa: ANN001
    parser = subparsers.add_parser("print-form", help="xuất biểu mẫu của hồ sơ ra PDF")
    parser.add_argument("kind", help=f"loại biểu mẫu: {', '.join(FORM_KINDS)}")
    parser.add_argument("code", help="mã hồ sơ")
    parser.add_argument("--out", help="tệp PDF (mặc định: thư mục receipts trong thư mục dữ liệu)")
    parser.set_defaults(func=_cmd_print_form)
