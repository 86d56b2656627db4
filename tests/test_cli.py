"""The headless `desk-app` command: init, users, receive, today's list, receipt export."""

import json
import subprocess
import sys


from desk_app import __version__
from desk_app.cli import main


def test_version_from_the_installed_entry_point():
    result = subprocess.run([sys.executable, "-m", "desk_app", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"desk-app {__version__}"


def test_init_creates_database_and_first_admin_once(monkeypatch, capsys, data_folder):
    monkeypatch.setenv("DESK_APP_ADMIN_PASSWORD", "Trống-đồng-Đông-Sơn-1")
    assert main(["init", "--admin-name", "Trịnh Công Sơn"]) == 0
    assert "Đã tạo quản trị viên «admin»" in capsys.readouterr().out
    assert (data_folder / "desk.sqlite3").exists()
    assert main(["init"]) == 0  # idempotent: upgrades, creates no second admin
    assert "Đã có tài khoản" in capsys.readouterr().out


def test_receive_today_and_print_receipt_headless(monkeypatch, capsys, tmp_path, page_files, fixed_clock):
    from datetime import datetime

    fixed_clock(datetime(2026, 4, 29, 9, 15))
    monkeypatch.setenv("DESK_APP_ADMIN_PASSWORD", "Trống-đồng-Đông-Sơn-1")
    assert main(["init"]) == 0
    monkeypatch.setenv("DESK_APP_PASSWORD", "Trống-đồng-Đông-Sơn-1")
    monkeypatch.setenv("DESK_APP_NEW_PASSWORD", "Cây-đa-đầu-làng-12345")
    assert main(["add-user", "hanh.le", "Lê Thị Hạnh", "--role", "clerk"]) == 0
    capsys.readouterr()

    monkeypatch.setenv("DESK_APP_PASSWORD", "Cây-đa-đầu-làng-12345")
    assert main(["receive", "--user", "hanh.le", "--procedure", "2.000884", "--applicant", "Đỗ Văn Lâm",
                 "--id-number", "079085004321", *sum((["--page", str(p)] for p in page_files), [])]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["code"] == "000.00.00.H99-260429-5001"
    assert result["fee"] == 10_000  # signature certification, per case
    assert result["due_at"] == "2026-04-29T17:00:00"  # same day, received before 15:00

    assert main(["today", "--date", "2026-04-29", "--user", "hanh.le"]) == 0
    assert "Đỗ Văn Lâm" in capsys.readouterr().out

    out = tmp_path / "Giấy tiếp nhận.pdf"
    assert main(["print-form", "receipt", result["code"], "--out", str(out), "--user", "hanh.le"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_user_errors_are_printed_in_vietnamese_without_a_traceback(monkeypatch, capsys):
    monkeypatch.setenv("DESK_APP_ADMIN_PASSWORD", "Trống-đồng-Đông-Sơn-1")
    main(["init"])
    monkeypatch.setenv("DESK_APP_PASSWORD", "sai mật khẩu")
    assert main(["today", "--user", "admin"]) == 2
    assert "mật khẩu không đúng" in capsys.readouterr().err
    code = main(["receive", "--user", "admin", "--procedure", "1.001193", "--applicant", "Ai Đó",
                 "--page", "không-có.png"])
    assert code == 2
    assert "mật khẩu không đúng" in capsys.readouterr().err


def test_unknown_dossier_code_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setenv("DESK_APP_ADMIN_PASSWORD", "Trống-đồng-Đông-Sơn-1")
    main(["init"])
    monkeypatch.setenv("DESK_APP_PASSWORD", "Trống-đồng-Đông-Sơn-1")
    assert main(["print-form", "receipt", "000.00.00.H99-260101-5999", "--user", "admin"]) == 2
    assert "Không tìm thấy hồ sơ" in capsys.readouterr().err


def test_python_dash_m_reads_a_page_with_worker_processes_and_prints_it_once(tmp_path):
    """`python -m desk_app ocr` end to end: spawned OCR workers must not run the command again."""
    from PIL import Image, ImageDraw, ImageFont

    from resources import resource_path

    page = tmp_path / "Trang một.png"
    image = Image.new("RGB", (1240, 600), "white")
    font = ImageFont.truetype(str(resource_path("fonts", "LiberationSerif-Regular.ttf")), 48)
    ImageDraw.Draw(image).text((80, 250), "Ủy ban nhân dân xã Hòa An", font=font, fill="black")
    image.save(page, dpi=(150, 150))
    result = subprocess.run([sys.executable, "-m", "desk_app", "ocr", str(page)], capture_output=True,
                            text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Hòa An") == 1
