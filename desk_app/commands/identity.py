"""``desk-app read-id`` (citizen ID card from an image) and ``desk-app extract-form`` (paper declaration).

The image comes from outside, so it is decoded and read (QR, MRZ, OCR) in a child process with a time
and memory limit (:mod:`scanning.untrusted`): a hostile file ends in a Vietnamese message and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_USER_ERROR = 2


def _cmd_read_id(args: argparse.Namespace) -> int:
    from desk_app.eforms.id_card import CardNotReadError, read_card_image
    from scanning.untrusted import UntrustedFileError, check_file_size, run_isolated

    try:
        check_file_size(Path(args.image))
        reading = run_isolated(read_card_image, args.image, label=Path(args.image).name, error=CardNotReadError,
                               passthrough=(CardNotReadError,))
    except (CardNotReadError, UntrustedFileError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    data = reading.as_json()
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        labels = {"source": "Nguồn", "id_number": "Số định danh", "old_id": "Số CMND cũ", "full_name": "Họ và tên",
                  "dob": "Ngày sinh", "gender": "Giới tính", "place_of_residence": "Nơi thường trú",
                  "issue_date": "Ngày cấp", "expiry_date": "Có giá trị đến", "mrz_valid": "MRZ hợp lệ"}
        for key, label in labels.items():
            if key in data:
                print(f"{label}: {data[key]}")
        for warning in data["warnings"]:
            print(f"Cảnh báo: {warning}")
        if data.get("needs_review"):
            print("Cần đối chiếu với thẻ: " + ", ".join(labels.get(k, k) for k in data["needs_review"]))
    return 0


def _cmd_extract_form(args: argparse.Namespace) -> int:
    from desk_app.eforms.schema import FormSchemaError, load_schema
    from scanning.form_extraction import FormExtractionError, extract_fields
    from scanning.untrusted import UntrustedFileError, check_file_size, run_isolated

    try:
        load_schema(args.procedure)
        check_file_size(Path(args.image))
        result = run_isolated(extract_fields, args.image, args.procedure, label=Path(args.image).name,
                              error=FormExtractionError, passthrough=(FormExtractionError, FormSchemaError))
    except (FormSchemaError, FormExtractionError, UntrustedFileError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    sure = getattr(result, "sure", {})
    data = {"fields": result.values, "confidence": {k: round(v, 3) for k, v in result.confidence.items()},
            "sure": {k: bool(sure.get(k)) for k in result.values},
            "photographed": bool(getattr(result, "photographed", False))}
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        if data["photographed"]:
            print("Ảnh chụp tờ khai (không phải bản quét): mọi giá trị cần đối chiếu với giấy.")
        for key, value in result.values.items():
            # An unsure value is a suggestion: the clerk checks it against the paper.
            flag = "" if sure.get(key) else "\t(chưa chắc — cần đối chiếu)"
            print(f"{key}\t{result.confidence[key]:.2f}\t{value}{flag}")
    return 0


def register(subparsers) -> None:
    read_id = subparsers.add_parser("read-id", help="đọc thẻ căn cước từ ảnh (mã QR hoặc vùng MRZ)")
    read_id.add_argument("image", help="ảnh chụp hoặc ảnh quét thẻ")
    read_id.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    read_id.set_defaults(func=_cmd_read_id)

    extract = subparsers.add_parser("extract-form", help="đọc các trường của tờ khai giấy đã quét")
    extract.add_argument("image", help="ảnh quét tờ khai")
    extract.add_argument("--procedure", required=True, help="mã thủ tục, ví dụ 1.001193")
    extract.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    extract.set_defaults(func=_cmd_extract_form)
