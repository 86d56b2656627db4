"""Issue 13, findings 2, 4, 5 and 12: hostile page files, one bad file in a folder, data at rest, the database link.

Every hostile file is made here by the test (PostScript dressed as a JPEG, an EPS that loops for ever,
a 361 MP PNG of a few kilobytes, a PDF with a 434 MP page, …); the attacks are run through the real entry
points (``desk-app ocr``, ``read-id``, ``extract-form``, ``watch``, ``digitize``, ``receive``).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import struct
import subprocess
import sys
import time
import unicodedata
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from scanning.file_import import PageImportError, read_page_images
from tests.conftest import CLERK_PASSWORD, make_page_image

ROOT = Path(__file__).resolve().parents[1]

EPS_LOOP = (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n%%EndComments\n"
            b"{ 1 pop } loop\nshowpage\n%%EOF\n")


# ------------------------------------------------------------------------------------------ helpers

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(path: Path, width: int, height: int, *, pixels: bool = True) -> Path:
    """A 1-bit PNG of *width*×*height* that weighs kilobytes: all-white rows compress to almost nothing.

    With ``pixels=False`` only the header is real (the image data is cut short).
    """
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    squeeze = zlib.compressobj(9)
    body = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush() if pixels else zlib.compress(row)
    data = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + _chunk(b"IDAT", body) + _chunk(b"IEND", b""))
    path.write_bytes(data)
    return path


def pdf_with_pages(path: Path, sizes: list[tuple[float, float]]) -> Path:
    pdf = pikepdf.new()
    for width, height in sizes:
        pdf.add_blank_page(page_size=(width, height))
    pdf.save(path)
    return path


def blank_page(path: Path, shade: int = 255) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", (620, 877), shade).save(path, dpi=(75, 75))
    return path


def desk_app(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m desk_app`` in its own session; a run that hangs is killed with all its children."""
    process = subprocess.Popen([sys.executable, "-m", "desk_app", *args], cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"desk-app {args[0]} still running after {timeout} s (hung on a hostile file)\n{err[-2000:]}")
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def fake_ghostscript(tmp_path: Path) -> tuple[dict, Path]:
    """A ``gs`` first on PATH that only leaves a mark: proof of whether Ghostscript was ever started."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    marker = tmp_path / "ghostscript-was-run"
    script = folder / "gs"
    script.write_text(f"#!/bin/sh\ntouch '{marker}'\nexit 1\n")
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}, marker


# ----------------------------------------------------------------------------------- hostile files

def test_postscript_saved_as_jpg_is_refused_and_ghostscript_is_never_run(tmp_path):
    env, marker = fake_ghostscript(tmp_path)
    disguised = tmp_path / "giấy khai sinh.jpg"
    disguised.write_bytes(EPS_LOOP.replace(b"{ 1 pop } loop\n", b""))
    for command in (["ocr", str(disguised)], ["read-id", str(disguised)]):
        result = desk_app(*command, env=env)
        assert result.returncode == 2, result.stderr
        assert "không phải là ảnh hợp lệ" in result.stderr and "Traceback" not in result.stderr
    assert not marker.exists(), "Ghostscript was started on a file from outside"


def test_an_eps_that_loops_for_ever_does_not_hang_any_entry_point(tmp_path):
    endless = tmp_path / "tờ khai.jpg"
    endless.write_bytes(EPS_LOOP)
    for command in (["ocr", str(endless)], ["read-id", str(endless)],
                    ["extract-form", str(endless), "--procedure", "1.001193"]):
        started = time.monotonic()
        result = desk_app(*command, timeout=90)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert "không phải là ảnh hợp lệ" in result.stderr
        assert time.monotonic() - started < 60


def test_a_361_megapixel_png_is_refused_before_decoding(tmp_path, monkeypatch):
    bomb = png_bomb(tmp_path / "ảnh bom.png", 19_000, 19_000)
    assert bomb.stat().st_size < 200_000          # 361 MP in a few dozen kilobytes

    def no_decoding(self):  # noqa: ANN001
        raise AssertionError("the image was decoded")

    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
    with pytest.raises(PageImportError, match="quá lớn"):
        read_page_images(bomb, isolated=False)
    monkeypatch.undo()
    with pytest.raises(PageImportError, match=r"19000×19000 điểm ảnh.*tối đa 200 triệu"):
        read_page_images(bomb)                    # the child process gives the same answer


def test_a_pdf_page_too_large_to_render_is_refused_before_rendering(tmp_path, monkeypatch):
    import pypdfium2

    def no_rendering(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("the page was rendered")

    monkeypatch.setattr(pypdfium2.PdfPage, "render", no_rendering)
    with pytest.raises(PageImportError, match="Trang 1 .*quá lớn"):   # 5000 pt square: 434 MP at 300 dpi
        read_page_images(pdf_with_pages(tmp_path / "bản đồ.pdf", [(5000, 5000)]), isolated=False)
    monkeypatch.undo()
    with pytest.raises(PageImportError, match="Trang 2 .*quá lớn"):
        read_page_images(pdf_with_pages(tmp_path / "hồ sơ.pdf", [(595, 842), (5000, 5000)]))


def test_page_count_and_file_size_limits_have_clear_messages(tmp_path):
    from scanning.untrusted import MAX_FILE_BYTES, MAX_PAGES

    many = pdf_with_pages(tmp_path / "sổ.pdf", [(72, 72)] * (MAX_PAGES + 1))
    with pytest.raises(PageImportError, match=f"có {MAX_PAGES + 1} trang.*chia tệp"):
        read_page_images(many)
    big = tmp_path / "ảnh rất to.png"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)       # sparse: costs nothing on disk
    with pytest.raises(PageImportError, match=r"quá lớn \(.* MB; tối đa 256 MB\)"):
        read_page_images(big)


def test_a_decoder_that_hangs_or_eats_memory_is_stopped_and_reported():
    from scanning.untrusted import UntrustedFileError, run_isolated

    started = time.monotonic()
    with pytest.raises(UntrustedFileError, match="quá 1 giây"):
        run_isolated(time.sleep, 60, label="treo.tif", timeout=1)
    assert time.monotonic() - started < 15
    with pytest.raises(UntrustedFileError, match="bộ nhớ"):
        run_isolated(bytearray, 8 * 1024 ** 3, label="bom.tif", memory=512 * 1024 ** 2)
    assert run_isolated(sum, [1, 2, 3], label="tốt.png") == 6


def test_read_id_and_extract_form_refuse_an_image_bomb_in_vietnamese(tmp_path, capsys):
    from desk_app.cli import main

    bomb = png_bomb(tmp_path / "mặt trước.png", 30_000, 30_000, pixels=False)   # 900 MP claimed in the header
    assert main(["read-id", str(bomb), "--json"]) == 2
    assert "quá lớn" in capsys.readouterr().err
    assert main(["extract-form", str(bomb), "--procedure", "1.001193", "--json"]) == 2
    assert "quá lớn" in capsys.readouterr().err
    result = desk_app("read-id", str(png_bomb(tmp_path / "mặt sau.png", 19_000, 19_000)))
    assert result.returncode == 2 and "quá lớn" in result.stderr and "Traceback" not in result.stderr


def test_receive_refuses_an_image_bomb_without_a_traceback(tmp_path, clerk, page_files):
    bomb = png_bomb(tmp_path / "trang bom.png", 30_000, 30_000, pixels=False)
    result = desk_app("receive", "--user", "tuyet.nguyen", "--procedure", "1.004222", "--applicant", "Phạm Quốc Đạt",
                      "--page", str(page_files[0]), "--page", str(bomb), env={"DESK_APP_PASSWORD": CLERK_PASSWORD})
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "quá lớn" in result.stderr


# ------------------------------------------------------------------ one bad file never blocks a folder

@pytest.fixture
def poisoned_folder(tmp_path) -> Path:
    folder = tmp_path / "Thư mục máy quét"
    blank_page(folder / "1 tờ khai.png")
    (folder / "2 độc.jpg").write_bytes(EPS_LOOP)            # hangs Ghostscript for ever if it ever gets there
    blank_page(folder / "3 giấy chứng sinh.png", shade=250)
    return folder


def test_watch_once_delivers_the_good_files_and_sets_the_poison_aside(poisoned_folder, tmp_path):
    out = tmp_path / "Trang đã nhận"
    result = desk_app("watch", str(poisoned_folder), "--out", str(out), "--once", "--stable-seconds", "0.2")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    delivered = [line.split("\t")[1] for line in result.stdout.splitlines()]
    assert delivered == ["1 tờ khai.png", "3 giấy chứng sinh.png"]
    assert len(list(out.iterdir())) == 2
    aside = list((poisoned_folder / "không đọc được").iterdir())
    assert [p.name.endswith("2 độc.jpg") for p in aside] == [True]
    assert "2 độc.jpg" in result.stderr

    again = desk_app("watch", str(poisoned_folder), "--out", str(out), "--once", "--stable-seconds", "0.2")
    assert again.returncode == 0 and "Traceback" not in again.stderr and again.stdout == ""
    assert len(list(out.iterdir())) == 2


def test_watch_once_does_not_wait_for_an_empty_file(tmp_path):
    folder = tmp_path / "Thư mục máy quét"
    blank_page(folder / "tờ khai.png")
    (folder / "đang quét.jpg").write_bytes(b"")
    out = tmp_path / "ra"
    result = desk_app("watch", str(folder), "--out", str(out), "--once", "--stable-seconds", "0.2", timeout=60)
    assert result.returncode == 0, result.stderr
    assert len(list(out.iterdir())) == 1
    assert (folder / "đang quét.jpg").exists() and "rỗng" in result.stderr   # left for the scanner to finish


@pytest.mark.slow
def test_digitize_records_the_poison_in_the_manifest_and_goes_on(poisoned_folder, tmp_path):
    out = tmp_path / "Bản số hóa"
    result = desk_app("digitize", str(poisoned_folder), "--out", str(out), "--quiet", "--jobs", "1", timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["items"]) == {"1 tờ khai.png", "3 giấy chứng sinh.png"}
    assert set(manifest["failed"]) == {"2 độc.jpg"}
    assert "không phải là ảnh hợp lệ" in manifest["failed"]["2 độc.jpg"]["error"]
    assert sorted(p.name for p in out.glob("*.pdf")) == ["1 tờ khai.pdf", "3 giấy chứng sinh.pdf"]

    again = desk_app("digitize", str(poisoned_folder), "--out", str(out), "--quiet", "--jobs", "1", timeout=300)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "2 độc.jpg" in again.stderr and "--retry-failed" in again.stderr
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest   # nothing redone


def test_digitize_gives_every_input_its_own_pdf(tmp_path):
    from desk_app.commands.ocr import digitize_folder

    folder = tmp_path / "Kho cũ"
    nfc, nfd = unicodedata.normalize("NFC", "hồ sơ"), unicodedata.normalize("NFD", "hồ sơ")
    assert nfc != nfd
    for shade, name in enumerate([f"{nfc}.png", f"{nfc}.jpg", f"{nfd}.png", f"{nfd}.jpg"]):
        blank_page(folder / name, shade=255 - shade)
    assert len(list(folder.iterdir())) == 4
    out = tmp_path / "PDF"
    manifest = digitize_folder(folder, out, jobs=1, progress=False)
    outputs = [entry["output"] for entry in manifest["items"].values()]
    assert len(manifest["items"]) == 4 and len(set(outputs)) == 4 and not manifest["failed"]
    assert len(list(out.glob("*.pdf"))) == 4
    assert {unicodedata.normalize("NFC", o) for o in outputs} == {
        "hồ sơ (png).pdf", "hồ sơ (jpg).pdf", "hồ sơ (png 2).pdf", "hồ sơ (jpg 2).pdf"}
    again = digitize_folder(folder, out, jobs=1, progress=False)   # resumes: everything already done
    assert again["items"] == manifest["items"]


# ------------------------------------------------------------------------------------ data at rest

def _not_private(root: Path) -> list[str]:
    wrong = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        expected = 0o700 if path.is_dir() else 0o600
        if mode != expected:
            wrong.append(f"{path.relative_to(root.parent)} {oct(mode)}")
    return wrong


def test_data_at_rest_is_private_on_every_write_path(data_folder, desk, clerk, page_files):
    from scanning.capture.base import CapturedPage
    from desk_app.config import Settings
    from desk_app.services.receipts import write_receipt_for
    from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages
    from sync.sandbox.store import SandboxStore

    previous = os.umask(0o022)   # the usual umask: new files would be 0644 and folders 0755
    try:
        accepted = accept_dossier(desk, clerk, IntakeRequest(
            procedure_code="1.004222", applicant_name="Phạm Quốc Đạt", applicant_id_number="038096001234",
            applicant_address="Thôn Đông, xã Hòa An", applicant_phone="0912 345 678",
            pages=store_pages(desk, page_files), outside_hours_reason="kiểm thử tự động"))
        write_receipt_for(desk, accepted.code, who=clerk)
        Settings().save(data_folder)
        batch = desk.spool.open_batch("thư mục quét")
        batch.add_page(CapturedPage(page_files[0].read_bytes(), "image/png", 1240, 1754, 150, "tờ khai.png"))
        store = SandboxStore(data_folder / "sandbox")
        import hashlib

        data = page_files[1].read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        store.put_part(sha, 0, data[:4096], hashlib.sha256(data[:4096]).hexdigest(), len(data), 4096)
        store.put_part(sha, 1, data[4096:8192], hashlib.sha256(data[4096:8192]).hexdigest(), len(data), 4096)
        store.close()
        from desk_app.documents.signing import training_key

        training_key(data_folder, "Nguyễn Thị Ánh Tuyết", b"passphrase-from-the-database")  # the signer
    finally:
        os.umask(previous)
    assert (data_folder / "desk.sqlite3-wal").exists() and (data_folder / "spool").is_dir()
    assert list((data_folder / "receipts").iterdir()) and list((data_folder / "files").rglob("*"))
    assert (data_folder / "signing").is_dir() and (data_folder / "sandbox" / "parts").is_dir()
    assert _not_private(data_folder) == []


def test_a_data_folder_made_by_an_older_version_is_tightened(data_folder):
    from desk_app.desk import Desk

    data_folder.chmod(0o755)
    (data_folder / "files").mkdir(mode=0o755)
    (data_folder / "desk.sqlite3").touch(mode=0o644)
    Desk.open(data_folder).close()
    assert stat.S_IMODE(data_folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_folder / "files").stat().st_mode) == 0o700
    assert stat.S_IMODE((data_folder / "desk.sqlite3").stat().st_mode) == 0o600


# ----------------------------------------------------------------------------------- database link

def test_an_unreachable_postgresql_prints_no_traceback_and_no_password(data_folder):
    secret = "Mat-khau-9876-bi-mat"
    (data_folder / "settings.json").write_text(json.dumps(
        {"database_url": f"postgresql+psycopg://desk:{secret}@127.0.0.1:1/desk"}), encoding="utf-8")
    for command in (["init"], ["today", "--user", "admin"], ["receive", "--user", "a", "--procedure", "1.004222",
                                                              "--applicant", "An", "--page", "x.png"]):
        result = desk_app(*command, env={"DESK_APP_ADMIN_PASSWORD": "Trống-đồng-Đông-Sơn-1",
                                         "DESK_APP_PASSWORD": "x"}, timeout=60)
        assert result.returncode == 2, result.stderr
        assert "Không kết nối được cơ sở dữ liệu" in result.stderr
        assert "Traceback" not in result.stderr
        assert secret not in result.stdout + result.stderr and "desk:***@127.0.0.1:1" in result.stderr


def test_init_shows_the_database_url_without_its_password(data_folder, monkeypatch, capsys):
    from desk_app import cli

    shown = cli._shown_url("postgresql+psycopg://desk:Mat-khau-9876@db.xa-hoa-an.vn:5432/desk")
    assert shown == "postgresql+psycopg://desk:***@db.xa-hoa-an.vn:5432/desk"
    monkeypatch.setenv("DESK_APP_ADMIN_PASSWORD", "Trống-đồng-Đông-Sơn-1")
    monkeypatch.setattr(cli, "_shown_url", lambda url: "«đã che»")
    assert cli.main(["init"]) == 0
    assert "Cơ sở dữ liệu: «đã che»" in capsys.readouterr().out
