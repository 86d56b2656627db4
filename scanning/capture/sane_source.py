"""Scanners through SANE (``python-sane``), each batch in its own child process.

Why a child process:
- ``python-sane`` wraps the C library's single global ``sane_init``/``sane_exit``; backends are not
  thread-safe and keep global state, so two scans (or a scan and a discovery) must not share a process.
- Vendor backends crash (segfaults on unplug, paper jams in buggy drivers). In a child, a crash ends
  that batch with a Vietnamese error; the desk application, and every page already captured and
  spooled, survive.
- ``SANE_CONFIG_DIR`` is read at ``sane_init`` time, so a per-process environment lets tests (and a
  desk with a private configuration) choose the backends without touching the parent's environment.

The child uses the ``spawn`` start method (no fork of a process that runs Qt threads) and sends each
page, PNG-encoded with its resolution, over a pipe as soon as the scanner finishes it.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scanning.capture.base import (
    CaptureBatch,
    CapturedPage,
    CaptureError,
    CaptureOptions,
    CaptureSource,
    DeviceInfo,
)

# sane_strstatus() texts (what python-sane puts in its exceptions) → what the clerk should do.
_STATUS_VI = {
    "Document feeder out of documents": "Khay nạp giấy không có giấy; hãy đặt giấy vào khay rồi quét lại.",
    "Document feeder jammed": "Kẹt giấy trong khay nạp; hãy gỡ giấy kẹt rồi quét tiếp (các trang đã quét vẫn được giữ).",
    "Scanner cover is open": "Nắp máy quét đang mở; hãy đóng nắp rồi quét lại.",
    "Device busy": "Máy quét đang bận (có chương trình khác đang dùng); hãy thử lại sau giây lát.",
    "Error during device I/O": "Lỗi truyền dữ liệu với máy quét; hãy kiểm tra cáp/mạng và nguồn điện.",
    "Access to resource has been denied": "Không có quyền dùng máy quét này; hãy nhờ quản trị viên cấp quyền.",
    "Out of memory": "Máy tính không đủ bộ nhớ để quét; hãy giảm độ phân giải hoặc đóng bớt chương trình.",
    "Invalid argument": "Máy quét không chấp nhận thiết lập đã chọn (độ phân giải, chế độ màu hoặc nguồn giấy).",
    "Operation not supported": "Máy quét không hỗ trợ thao tác này.",
    "Operation was cancelled": "Đã hủy lượt quét.",
}
_NO_DOCS = "Document feeder out of documents"


def _vi_status(message: str) -> str:
    return _STATUS_VI.get(message, f"Máy quét báo lỗi: {message}")


def _pick(values: list[Any] | None, wanted: tuple[str, ...], avoid: tuple[str, ...] = ()) -> Any | None:
    """The first backend value whose name contains one of *wanted* (backends spell modes/sources freely)."""
    if not values:
        return None
    for word in wanted:
        for value in values:
            text = str(value).lower()
            if word in text and not any(a in text for a in avoid):
                return value
    return None


def _set_resolution(dev, resolution: int) -> int:
    opt = dev.opt.get("resolution")
    if opt is None:
        for name in ("x_resolution", "y_resolution"):
            if name in dev.opt and dev.opt[name].is_settable():
                setattr(dev, name, resolution)
        return resolution
    constraint = opt.constraint
    value = resolution
    if isinstance(constraint, list) and constraint:          # word list: nearest allowed value
        value = min(constraint, key=lambda v: abs(float(v) - resolution))
    elif isinstance(constraint, tuple) and len(constraint) == 3:  # range (min, max, quant)
        value = max(constraint[0], min(constraint[1], resolution))
    dev.resolution = value
    return int(round(float(dev.resolution)))


def _apply_options(dev, options: CaptureOptions, extra: dict[str, Any]) -> int:
    """Map the portable options onto this backend; returns the resolution actually used."""
    for name, value in extra.items():
        setattr(dev, name, value)
    if "mode" in dev.opt and dev.opt["mode"].is_settable():
        if options.mode == "Color":
            mode = _pick(dev.opt["mode"].constraint, ("color", "colour"), avoid=("lineart", "halftone"))
        else:
            mode = _pick(dev.opt["mode"].constraint, ("gray", "grey"))
        if mode is None:
            label = "màu" if options.mode == "Color" else "xám"
            raise CaptureError(f"Máy quét không có chế độ {label}.")
        dev.mode = mode
    source_opt = dev.opt.get("source")
    if options.source == "ADF":
        feeder = _pick(source_opt.constraint if source_opt else None,
                       ("adf", "automatic document feeder", "feeder", "document"), avoid=("duplex",))
        feeder = feeder or _pick(source_opt.constraint if source_opt else None, ("adf", "feeder"))
        if feeder is None:
            raise CaptureError("Máy quét này không có khay nạp giấy tự động (ADF); hãy chọn quét mặt kính.")
        dev.source = feeder
    elif source_opt is not None and source_opt.is_settable():
        flatbed = _pick(source_opt.constraint, ("flatbed", "platen", "normal"))
        if flatbed is None:
            raise CaptureError("Máy quét này không có mặt kính; hãy chọn khay nạp giấy (ADF).")
        dev.source = flatbed
    return _set_resolution(dev, options.resolution)


def _encode_png(image, dpi: int) -> bytes:
    out = io.BytesIO()
    # compress_level 3: lossless master, several times faster than the default 6 for a similar size.
    image.save(out, format="PNG", dpi=(dpi, dpi), compress_level=3)
    return out.getvalue()


def _child_main(conn, command: str, config_dir: str | None, options: dict | None,
                extra: dict[str, Any], cancel) -> None:
    """Runs in the child process: one discovery or one batch, results and pages over *conn*."""
    from scanning.child_processes import die_with_parent

    die_with_parent(os.getppid())   # ends with the app, even after kill -9 (docs/COUNTER.md)
    if config_dir:
        os.environ["SANE_CONFIG_DIR"] = config_dir
    import sane

    dev = None
    try:
        sane.init()
        if command == "discover":
            conn.send(("devices", [tuple(d) for d in sane.get_devices()]))
            return
        opts = CaptureOptions(**options)
        name = opts.device
        if not name:
            devices = sane.get_devices()
            if not devices:
                raise CaptureError("Không tìm thấy máy quét nào; hãy kiểm tra cáp, nguồn điện và trình điều khiển.")
            name = devices[0][0]
        try:
            dev = sane.open(name)
        except (RuntimeError, sane._sane.error) as exc:
            reason = ("không có máy quét tên này (xem danh sách máy quét)" if str(exc) == "Invalid argument"
                      else _vi_status(str(exc)))
            raise CaptureError(f"Không mở được máy quét «{name}»: {reason}") from exc
        dpi = _apply_options(dev, opts, extra)
        count = 0
        while not cancel.is_set():
            try:
                dev.start()
                image = dev.snap(no_cancel=opts.source == "ADF")
            except sane._sane.error as exc:
                if str(exc) == _NO_DOCS and count:
                    break   # the feeder ran empty after at least one page: the normal end of a batch
                raise CaptureError(_vi_status(str(exc))) from exc
            count += 1
            data = _encode_png(image, dpi)
            conn.send(("page", {"width": image.width, "height": image.height, "dpi": dpi,
                                "source_name": f"{name} trang {count}"}))
            conn.send_bytes(data)
            if opts.source == "Flatbed" or (opts.max_pages and count >= opts.max_pages):
                break
        conn.send(("done", count))
    except CaptureError as exc:
        conn.send(("error", str(exc)))
    except Exception as exc:  # noqa: BLE001 - anything else from the driver becomes a message
        conn.send(("error", f"Lỗi máy quét: {exc}"))
    finally:
        if dev is not None:
            try:
                dev.cancel()
                dev.close()
            except Exception:  # noqa: BLE001 - the device may already be gone
                pass
        try:
            sane.exit()
        except Exception:  # noqa: BLE001
            pass
        conn.close()


class SaneSource(CaptureSource):
    """SANE scanners. *config_dir* sets ``SANE_CONFIG_DIR`` for the child only (tests, private setups);
    *backend_options* are raw SANE options applied first (e.g. a backend's ``test_picture``)."""

    kind = "sane"

    def __init__(self, config_dir: str | Path | None = None, *, page_timeout: float = 180.0,
                 backend_options: dict[str, Any] | None = None) -> None:
        self.config_dir = str(config_dir) if config_dir else None
        self.page_timeout = page_timeout
        self.backend_options = dict(backend_options or {})
        self._ctx = multiprocessing.get_context("spawn")

    def _spawn(self, command: str, options: CaptureOptions | None):
        parent_conn, child_conn = self._ctx.Pipe(duplex=False)
        cancel = self._ctx.Event()
        opts = None
        if options is not None:
            opts = {"device": options.device, "resolution": options.resolution, "mode": options.mode,
                    "source": options.source, "max_pages": options.max_pages}
        process = self._ctx.Process(target=_child_main, name=f"sane-{command}", daemon=True,
                                    args=(child_conn, command, self.config_dir, opts, self.backend_options, cancel))
        process.start()
        child_conn.close()   # so that a dead child shows up as EOF on our end
        return process, parent_conn, cancel

    def discover(self, timeout: float = 60.0) -> list[DeviceInfo]:
        """Probe for scanners (USB and network backends can take seconds): never on the UI thread."""
        process, conn, _ = self._spawn("discover", None)
        try:
            if not conn.poll(timeout):
                raise CaptureError("Tìm máy quét quá lâu không có kết quả; hãy kiểm tra kết nối máy quét.")
            kind, payload = conn.recv()
        except EOFError as exc:
            raise CaptureError("Trình điều khiển máy quét bị lỗi khi tìm thiết bị.") from exc
        finally:
            _stop(process)
        if kind == "error":
            raise CaptureError(payload)
        return [DeviceInfo(name=name, label=f"{vendor} {model} ({name})".strip(), kind="sane")
                for name, vendor, model, _type in payload]

    def start_batch(self, options: CaptureOptions) -> SaneBatch:
        return SaneBatch(self, options)


def _stop(process, grace: float = 2.0) -> None:
    """Let the child finish the page in progress, then end it (SANE has no safe way to abort a
    read from outside: a progress callback that raises crashes python-sane)."""
    process.join(grace)
    if process.is_alive():
        process.terminate()
        process.join(2.0)
    if process.is_alive():
        process.kill()
        process.join()


class SaneBatch(CaptureBatch):
    def __init__(self, source: SaneSource, options: CaptureOptions) -> None:
        super().__init__()
        self.source = source
        self.options = options
        self._process = None
        self._conn = None
        self._cancel_event = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def cancel(self) -> None:
        super().cancel()
        if self._cancel_event is not None:
            self._cancel_event.set()

    def __iter__(self) -> Iterator[CapturedPage]:
        if self._process is not None:
            raise CaptureError("Lượt quét này đã chạy; hãy bắt đầu lượt quét mới.")
        self._process, self._conn, self._cancel_event = self.source._spawn("scan", self.options)
        if self.cancelled:
            self._cancel_event.set()
        try:
            while True:
                message = self._receive()
                kind, payload = message
                if kind == "page":
                    data = self._conn.recv_bytes()
                    yield CapturedPage(data, "image/png", payload["width"], payload["height"], payload["dpi"],
                                       payload["source_name"])
                elif kind == "done":
                    return
                else:
                    raise CaptureError(payload)
        finally:
            self.close()

    def _receive(self):
        deadline = time.monotonic() + self.source.page_timeout
        while True:
            try:
                if self._conn.poll(0.2):
                    return self._conn.recv()
            except (EOFError, OSError):
                break
            if self.cancelled:
                self._cancel_event.set()
            if not self._process.is_alive() and not self._conn.poll(0):
                break
            if time.monotonic() > deadline:
                raise CaptureError("Máy quét không phản hồi; lượt quét đã dừng (các trang đã quét vẫn được giữ).")
        if self.cancelled:
            return ("done", None)
        code = self._process.exitcode if self._process is not None else None
        raise CaptureError(f"Trình điều khiển máy quét bị lỗi và đã dừng (mã {code}); "
                           "các trang đã quét vẫn được giữ, hãy quét tiếp từ trang còn thiếu.")

    def close(self) -> None:
        super().close()
        if self._cancel_event is not None:
            self._cancel_event.set()
        if self._process is not None:
            _stop(self._process)
        if self._conn is not None:
            self._conn.close()
            self._conn = None
