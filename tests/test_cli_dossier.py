"""`desk-app dossier …`: a whole day scripted from the command line, every step through the lifecycle."""

import json
from datetime import datetime

import pytest

from desk_app.cli import main

ADMIN_PASSWORD = "Quản-trị-Xã-2026!"
CLERK_PASSWORD = "Cán-bộ-Một-cửa-2026!"


@pytest.fixture
def clerk_cli(monkeypatch, capsys, data_folder):
    monkeypatch.setenv("DESK_APP_ADMIN_PASSWORD", ADMIN_PASSWORD)
    assert main(["init"]) == 0
    monkeypatch.setenv("DESK_APP_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("DESK_APP_NEW_PASSWORD", CLERK_PASSWORD)
    assert main(["add-user", "hanh.le", "Lê Thị Hạnh", "--role", "clerk"]) == 0
    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
    capsys.readouterr()

    def run(*args) -> dict | list:
        code = main([*args, "--user", "hanh.le"])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return json.loads(captured.out)

    return run


def _pages(files):
    return sum((["--page", str(p)] for p in files), [])


def test_a_day_scripted_from_the_command_line(clerk_cli, page_files, tmp_path, fixed_clock):
    fixed_clock(datetime(2026, 3, 2, 9, 0))
    accepted = clerk_cli("receive", "--procedure", "1.004222", "--applicant", "Phạm Quốc Đạt",
                         "--id-number", "038096001234", *_pages(page_files))
    assert accepted["status"] == 2 and accepted["receipt"].endswith(".pdf")
    refused = clerk_cli("dossier", "refuse", "--procedure", "1.004222", "--applicant", "Ngô Thị Mai",
                        *_pages(page_files), "--reason", "Không thuộc thẩm quyền giải quyết của xã")
    assert refused["status"] == 3 and refused["due_at"] is None
    incomplete = clerk_cli("dossier", "incomplete", "--procedure", "1.004222", "--applicant", "Bùi Văn Toàn",
                           *_pages(page_files), "--defect", "Giấy tờ chứng minh chỗ ở|Bản sao chứng thực|Bản chụp")
    assert incomplete["status"] == 5

    found = clerk_cli("dossier", "search", "pham quoc dat", "--json")
    assert [(r["code"], r["status"], r["applicant"]) for r in found] == [(accepted["code"], 2, "Phạm Quốc Đạt")]
    assert found[0]["due_at"] == accepted["due_at"]

    fixed_clock(datetime(2026, 3, 3, 10, 0))
    resumed = clerk_cli("dossier", "resume", incomplete["code"], *_pages(page_files[:1]))
    assert resumed["status"] == 2 and resumed["due_at"].startswith("2026-03-12")

    clerk_cli("dossier", "forward", accepted["code"])
    clerk_cli("dossier", "supplement", accepted["code"], "--defect", "Tờ khai|Ký đủ|Thiếu chữ ký")
    fixed_clock(datetime(2026, 3, 4, 8, 0))
    again = clerk_cli("dossier", "resume", accepted["code"], *_pages(page_files[1:]))
    assert again["status"] == 4
    result = clerk_cli("dossier", "result", accepted["code"], "--document", "Xác nhận thường trú",
                       *_pages(page_files[:1]))
    assert result["status"] == 9
    returned = clerk_cli("dossier", "return", accepted["code"], "--receiver", "Phạm Quốc Đạt",
                         "--receiver-id", "038096001234", "--collect-fee")
    assert returned["status"] == 10

    shown = clerk_cli("dossier", "show", accepted["code"], "--json")
    assert [t["status"] for t in shown["timeline"] if t["status"]] == [2, 4, 5, 4, 9, 10]
    out = tmp_path / "Giấy tiếp nhận in lại.pdf"
    reprint = clerk_cli("dossier", "reprint", accepted["code"], "--out", str(out))
    assert reprint["form"] == str(out) and out.read_bytes().startswith(b"%PDF")


def test_every_verb_needs_a_signed_in_user(clerk_cli, monkeypatch, capsys):
    monkeypatch.setenv("DESK_APP_PASSWORD", "sai-mật-khẩu-rồi")
    assert main(["dossier", "search", "nguyen", "--user", "hanh.le"]) == 2
    err = capsys.readouterr().err
    assert "mật khẩu" in err and "Traceback" not in err
