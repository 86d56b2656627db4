"""Shared fixtures. Qt runs offscreen; every test gets its own data folder (with diacritics in the path)."""

from __future__ import annotations

import functools
import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# PC/SC in tests only ever meets the chip tests' private pcscd (tests/chip_pcsc.py), never a system one:
# libpcsclite reads the socket name once per process, so it is fixed before anything touches a reader.
os.environ["PCSCLITE_CSOCK_NAME"] = f"/tmp/desk-pcsc-{os.getpid()}/pcscd.comm"

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desk_app import clock  # noqa: E402

# Passwords that pass the policy (desk_app/security/passwords.py): long, not common, not from the names.
CLERK_PASSWORD = "Sông-Hồng-chảy-mãi"
ADMIN_PASSWORD = "Trống-đồng-Đông-Sơn-1"


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch) -> Path:
    """A private data folder per test, so no test touches the user's real data."""
    folder = tmp_path / "Dữ liệu một cửa"
    folder.mkdir()
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def fixed_clock():
    """Freeze the app clock: call with a datetime; restored after the test."""

    def set_to(moment: datetime) -> None:
        clock.set_clock(lambda: moment)

    yield set_to
    clock.set_clock(None)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> bytes:
    """A database file at the newest schema, made once: each test's desk starts from a copy of it instead of
    running every migration again (the migrations themselves are tested in test_storage.py)."""
    from desk_app.desk import Desk

    folder = tmp_path_factory.mktemp("lược đồ mẫu")
    Desk.open(folder).close()
    return (folder / "desk.sqlite3").read_bytes()


@pytest.fixture
def desk(data_folder, migrated_database):
    from desk_app.desk import Desk

    database = data_folder / "desk.sqlite3"
    descriptor = os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(migrated_database)
    opened = Desk.open(data_folder)
    yield opened
    opened.close()


_CHEAP_HASHER = None


@pytest.fixture(autouse=True)
def fast_password_hashing(request, monkeypatch):
    """argon2id at a cheap cost in tests (same algorithm, hash format and code path; ~2 ms instead of
    ~200 ms a hash, which dominated the suite). Tests that measure sign-in timing keep the real cost with
    ``@pytest.mark.real_password_hashing``."""
    global _CHEAP_HASHER
    from desk_app.security import passwords

    if request.node.get_closest_marker("real_password_hashing"):
        yield
        return
    if _CHEAP_HASHER is None:
        from argon2 import PasswordHasher

        _CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    passwords._dummy_hash.cache_clear()
    monkeypatch.setattr(passwords, "_hasher", _CHEAP_HASHER)
    yield
    passwords._dummy_hash.cache_clear()


@pytest.fixture
def admin(desk):
    """The first administrator, signed in (an :class:`~desk_app.security.identity.Identity`)."""
    from desk_app.services.users import create_user, sign_in

    create_user(desk.sessions, "admin", "Quản Trị Viên", "admin", ADMIN_PASSWORD)
    return sign_in(desk.sessions, "admin", ADMIN_PASSWORD)


@pytest.fixture
def clerk_user(desk, admin):
    """The clerk's account row (for tests that look at the database)."""
    from desk_app.services.users import create_user

    return create_user(desk.sessions, "tuyet.nguyen", "Nguyễn Thị Ánh Tuyết", "clerk", CLERK_PASSWORD,
                       created_by=admin)


@pytest.fixture
def clerk(desk, clerk_user):
    """The clerk, signed in: the identity services take (issued by sign_in, checked on every call)."""
    from desk_app.services.users import sign_in

    return sign_in(desk.sessions, clerk_user.username, CLERK_PASSWORD)


def make_page_image(path: Path, text: str = "Trang", size=(1240, 1754), fmt: str | None = None) -> Path:
    """A plain A4-at-150-dpi page image with some dark marks, saved at *path*."""
    from PIL import Image

    image_format = (fmt or Image.registered_extensions().get(path.suffix.lower(), "")).upper()
    path.parent.mkdir(parents=True, exist_ok=True)
    if image_format in ("PNG", "JPEG"):  # formats whose bytes depend only on the image (a PDF has dates)
        path.write_bytes(_page_image_bytes(text, tuple(size), image_format))
    else:
        _draw_page(text, tuple(size)).save(path, format=fmt, dpi=(150, 150))
    return path


def _draw_page(text: str, size: tuple[int, int]):  # noqa: ANN202
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, size[0] - 100, 220), outline="black", width=4)
    draw.text((140, 140), text, fill="black")
    return image


@functools.lru_cache(maxsize=64)
def _page_image_bytes(text: str, size: tuple[int, int], image_format: str) -> bytes:
    """The encoded page, made once per run: the same bytes every time (encoding an A4 PNG and a JPEG for
    every test that takes ``page_files`` cost ~80 ms a test)."""
    import io

    out = io.BytesIO()
    _draw_page(text, size).save(out, format=image_format, dpi=(150, 150))
    return out.getvalue()


@pytest.fixture
def page_files(tmp_path) -> list[Path]:
    folder = tmp_path / "Ảnh quét" / "Hồ sơ khai sinh"
    return [make_page_image(folder / "tờ khai.png", "To khai"),
            make_page_image(folder / "giấy chứng sinh.jpg", "Giay chung sinh")]


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread(request):
    """With a QApplication, Python's collector runs only on the GUI thread (as in the app, ui/tasks.py);
    after each test the leftovers are collected here on the main thread, never in a background lane."""
    collector = None
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from ui.tasks import install_gui_thread_gc

        collector = install_gui_thread_gc(request.getfixturevalue("qapp"))
    yield
    import gc

    if collector is not None:
        gc.collect()
        # What survives a test belongs to the session (modules, caches, wider fixtures): frozen, it is no
        # longer walked by every later collection, which had grown to 1-3 s a test late in the suite. Frozen
        # objects still die by reference counting; only a cycle among them would wait for the process end.
        gc.freeze()
    elif not gc.isenabled():  # automatic collection is off once a Qt test ran: keep it going between tests
        from ui.tasks import collect_if_due

        collect_if_due()


@pytest.fixture
def tasks(qapp):  # noqa: ANN001, ANN201 - the GUI tests' background task runner, idle again at the end
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    runner.wait_idle()


def _pg_tool(name: str) -> str:
    import shutil

    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    return str(versions[-1] / name) if versions else name


@pytest.fixture(scope="session")
def postgres_server():
    """A private PostgreSQL cluster (initdb + pg_ctl, loopback only), started once for the run: starting one
    takes about 5 s and stopping it 4 s, which every module using PostgreSQL used to pay. Gives the server's
    URL without a database name; tests take :func:`postgres_url`."""
    import pwd
    import shutil
    import subprocess
    import tempfile

    from sync.sandbox.server import free_port

    root = Path(tempfile.mkdtemp(prefix="pg-sync-"))
    os.chmod(root, 0o755)
    prefix: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        account = pwd.getpwnam("postgres")
        os.chown(root, account.pw_uid, account.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", free_port()
    subprocess.run([*prefix, _pg_tool("initdb"), "-D", str(data), "-U", "desk", "--auth=trust", "-E", "UTF8",
                    "--no-locale"], check=True, capture_output=True)
    subprocess.run([*prefix, _pg_tool("pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log"), "-o",
                    f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://desk@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, _pg_tool("pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres_url(postgres_server):
    """A new, empty database on the private cluster for each test module (as a cluster of its own was)."""
    import uuid

    from sqlalchemy import create_engine, text

    name = f"desk_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{postgres_server}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield f"{postgres_server}/{name}"
        with admin.connect() as connection:  # FORCE: a desk a test left open must not keep it
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
