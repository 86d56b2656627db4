"""``desk-app read-chip``: read the chip of the citizen's card on the PC/SC reader.

Prints the fields of ``read-id`` (source ``"chip"``) plus the chip-only fields and the result of passive
authentication. The read is audited, so the command signs in (``--user``, password in DESK_APP_PASSWORD
or asked). The access key is the MRZ of the back of the card (``--mrz``, the three lines) or
"số định danh, ngày sinh, ngày hết hạn"; without ``--mrz`` it is asked for.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_USER_ERROR = 2
EXIT_REFUSED = 3   # the chip answered, but its data are not the signed ones


def _cmd_read_chip(args: argparse.Namespace) -> int:
    from desk_app.commands._session import run_signed_in
    from scanning.id_card.chip.errors import ChipError, TamperedDataError

    key_text = args.mrz
    if not key_text:
        if not sys.stdin.isatty():
            print("Lỗi: cần --mrz (ba dòng MRZ mặt sau thẻ, hoặc «số định danh, ngày sinh, ngày hết hạn»).",
                  file=sys.stderr)
            return EXIT_USER_ERROR
        key_text = input("Ba dòng MRZ mặt sau thẻ (hoặc số định danh, ngày sinh, ngày hết hạn): ")

    def action(desk, who) -> int:  # noqa: ANN001
        from desk_app.services.chip_reading import read_chip_card

        try:
            reading = read_chip_card(desk, who, key_text, reader_name=args.reader,
                                     trust_paths=[Path(p) for p in args.csca] if args.csca else None)
        except TamperedDataError as exc:
            print(f"Lỗi: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        except ChipError as exc:
            print(f"Lỗi: {exc}", file=sys.stderr)
            return EXIT_USER_ERROR
        data = reading.as_json()
        if args.json:
            print(json.dumps(data, ensure_ascii=False))
            return 0
        labels = {"source": "Nguồn", "id_number": "Số định danh", "old_id": "Số CMND cũ", "full_name": "Họ và tên",
                  "dob": "Ngày sinh", "gender": "Giới tính", "nationality": "Quốc tịch", "ethnicity": "Dân tộc",
                  "religion": "Tôn giáo", "place_of_origin": "Quê quán", "place_of_residence": "Nơi thường trú",
                  "identifying_marks": "Đặc điểm nhận dạng", "issue_date": "Ngày cấp",
                  "expiry_date": "Có giá trị đến", "father_name": "Họ tên cha", "mother_name": "Họ tên mẹ",
                  "spouse_name": "Họ tên vợ/chồng"}
        for key, label in labels.items():
            if key in data:
                print(f"{label}: {data[key]}")
        print(f"Xác thực: {data['authentication']['message']}")
        return 0

    return run_signed_in(args.user, action)


def register(subparsers) -> None:  # noqa: ANN001
    read_chip = subparsers.add_parser("read-chip", help="đọc chip của thẻ căn cước trên đầu đọc PC/SC")
    read_chip.add_argument("--mrz", help="ba dòng MRZ mặt sau thẻ, «số định danh, ngày sinh, ngày hết hạn», "
                                         "hoặc mã CAN 6 chữ số (chip có PACE)")
    read_chip.add_argument("--user", required=True, help="tên đăng nhập (mật khẩu: DESK_APP_PASSWORD hoặc nhập)")
    read_chip.add_argument("--reader", help="tên đầu đọc (mặc định: đầu đọc đang có thẻ)")
    read_chip.add_argument("--csca", action="append",
                           help="tệp hoặc thư mục chứng thư CSCA / danh sách chủ ICAO (mặc định: thư mục csca "
                                "trong thư mục dữ liệu)")
    read_chip.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    read_chip.set_defaults(func=_cmd_read_chip)
