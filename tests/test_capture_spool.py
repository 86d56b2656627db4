"""The capture spool: every page durable before it is announced; recovery after a hard crash."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from scanning.capture.base import CapturedPage
from scanning.spool import JOURNAL, Spool, SpoolBatch

ROOT = Path(__file__).resolve().parents[1]


def _page(text: str, page_id: str = "") -> CapturedPage:
    image = Image.new("L", (200, 280), 255)
    image.putpixel((len(text) % 200, 5), 0)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return CapturedPage(out.getvalue(), "image/png", 200, 280, 300, text, page_id)


def test_pages_are_journalled_in_order_and_reload_identically(tmp_path):
    spool = Spool(tmp_path / "Hàng đợi quét")
    batch = spool.open_batch("sane")
    added = [batch.add_page(_page(f"trang {i}")) for i in range(1, 4)]
    assert all(p.path.is_file() and hashlib.sha256(p.path.read_bytes()).hexdigest() == p.sha256 for p in added)
    again = spool.batch(batch.id)
    assert [p.page_id for p in again.pages()] == [p.page_id for p in added]
    assert again.source == "sane" and again.pages()[1].source_name == "trang 2"


def test_stable_page_ids_are_stored_once(tmp_path):
    batch = Spool(tmp_path).open_batch("folder")
    first = batch.add_page(_page("tờ khai", "c0ffee"))
    assert batch.add_page(_page("tờ khai", "c0ffee")) == first
    assert len(batch.pages()) == 1


def test_layout_rotation_blank_and_removal_survive_a_restart(tmp_path):
    spool = Spool(tmp_path)
    batch = spool.open_batch()
    a, _deleted, c = (batch.add_page(_page(n)) for n in ("một", "hai", "ba"))
    from dataclasses import replace
    batch.save_layout([replace(c, rotation=90), replace(a, blank=True)])   # b deleted, c moved first
    late = batch.add_page(_page("bốn"))
    reloaded = spool.batch(batch.id).pages()
    assert [p.page_id for p in reloaded] == [c.page_id, a.page_id, late.page_id]
    assert reloaded[0].rotation == 90 and reloaded[1].blank and not reloaded[2].blank


def test_recover_returns_unattached_batches_and_tidies_the_rest(tmp_path):
    spool = Spool(tmp_path)
    kept = spool.open_batch("sane")
    kept.add_page(_page("một"))
    done = spool.open_batch("sane")
    done.add_page(_page("hai"))
    done.mark_attached("H99.01-260824-0001")
    spool.open_batch("sane")                  # opened, nothing captured
    (kept.folder / ".x.png.123.tmp").write_bytes(b"half")   # a page torn by the crash
    with open(kept.folder / JOURNAL, "ab") as handle:
        handle.write(b'{"event": "page", "page_id": "to')   # torn last journal line
    recovered = Spool(tmp_path).recover()
    assert [b.id for b in recovered] == [kept.id]
    assert len(recovered[0].pages()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [kept.id]
    assert not list(kept.folder.glob("*.tmp"))


def test_a_page_renamed_but_not_journalled_is_adopted(tmp_path):
    spool = Spool(tmp_path)
    batch = spool.open_batch()
    batch.add_page(_page("một"))
    orphan = batch.folder / "0123456789abcdef0123456789abcdef.png"
    orphan.write_bytes(_page("hai").data)
    pages = spool.recover()[0].pages()
    assert [p.page_id for p in pages][-1] == orphan.stem and pages[-1].dpi == 300


CHILD = """
import io, sys, itertools
from PIL import Image
from scanning.capture.base import CapturedPage
from scanning.spool import Spool
batch = Spool(sys.argv[1]).open_batch("sane")
print(batch.id, flush=True)
for i in itertools.count(1):
    image = Image.new("RGB", (600, 800), (255, 255, 255 - i % 200))
    out = io.BytesIO(); image.save(out, format="PNG", dpi=(300, 300))
    batch.add_page(CapturedPage(out.getvalue(), "image/png", 600, 800, 300, f"trang {i}"))
"""


def test_sigkill_mid_batch_loses_no_page_already_spooled(tmp_path):
    root = tmp_path / "Hàng đợi quét"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(root)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    batch_id = child.stdout.readline().strip()
    journal = root / batch_id / JOURNAL
    deadline = time.monotonic() + 30
    while journal.read_bytes().count(b'"event": "page"') < 5 and time.monotonic() < deadline:
        time.sleep(0.01)   # polling the condition, not a fixed wait
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    announced = journal.read_bytes().count(b'"event": "page"')   # what the child had confirmed when it died
    recovered = Spool(root).recover()
    assert [b.id for b in recovered] == [batch_id]
    pages = recovered[0].pages()
    assert len(pages) >= announced >= 5
    for number, page in enumerate(pages[:announced], start=1):
        assert page.source_name == f"trang {number}"
        assert hashlib.sha256(page.path.read_bytes()).hexdigest() == page.sha256
        Image.open(page.path).load()   # complete, decodable image
    assert isinstance(recovered[0], SpoolBatch)
