"""Files from outside (a citizen's USB stick, a scan folder, an old archive) are hostile until read.

The rules for every page file the app did not produce itself:

- **Only the decoders the app needs**: JPEG, PNG and TIFF through Pillow (:func:`open_image` passes
  ``formats=`` so Pillow never picks another plugin from the content: PostScript saved as ``.jpg``
  never reaches Ghostscript), PDF through PDFium. Nothing else.
- **One pixel limit** (:data:`MAX_PIXELS`) for images and rendered PDF pages, checked from the header
  (or from the page size in points at the render resolution) *before* anything is decoded.
- **A file size limit** (:data:`MAX_FILE_BYTES`) and **a page count limit** (:data:`MAX_PAGES`).
- **A child process with a time and memory limit** (:func:`run_isolated`, :func:`iter_isolated`):
  decoding, QR/MRZ reading and OCR of an untrusted file run there, so a file that hangs a decoder or
  makes it allocate without end is killed, reported with a Vietnamese message and skipped.

Messages are Vietnamese and meant for the clerk; callers turn :class:`UntrustedFileError` (or the
error class they pass in) into their own user error.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from PIL import Image

# One A3 page at 600 dpi is about 70 MP and an A0 plan at 300 dpi about 140 MP: 200 MP is far beyond any
# real page and far below what a decompression bomb asks for. The same limit holds for rendered PDF pages.
MAX_PIXELS = 200_000_000
# A 100-page colour scan at 300 dpi is well under 100 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_PAGES = 300
# Pillow formats allowed for page images (MPO is how Pillow names a phone camera's JPEG).
IMAGE_FORMATS = ("JPEG", "PNG", "TIFF")
# Time a child may take for one page (decode + checks), and its address-space limit.
PAGE_TIMEOUT = 120.0
MEMORY_LIMIT = 3 * 1024 ** 3
# A child that also cleans and recognises the page (an OCR worker) holds a few full-size copies of it.
WORKER_MEMORY_LIMIT = MEMORY_LIMIT + 1024 ** 3
# A child left behind by a parent that died still stops after this much CPU time.
_CPU_BACKSTOP_SECONDS = 3600

# Pillow's own guard (errors above twice this) stays as a backstop for any other Image.open.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class UntrustedFileError(ValueError):
    """A hostile, too large or unreadable file; the message is Vietnamese and names the file."""


@dataclass(frozen=True)
class MoreTime:
    """Yielded by a function run in a child (:func:`iter_isolated`): its next item may take *seconds*.

    The file is decoded under the short decoding limit; a step known to be long (OCR of the decoded page)
    asks for its own time once the decoding is over. Not passed on to the caller.
    """
    seconds: float


def _megapixels(pixels: float) -> str:
    return f"{pixels / 1e6:,.0f}".replace(",", ".")


def check_pixels(width: float, height: float, name: str, what: str = "Ảnh") -> None:
    """Refuse an image (or a page at its render size) above :data:`MAX_PIXELS`."""
    if width <= 0 or height <= 0:
        raise UntrustedFileError(f"{what} trong tệp «{name}» có kích thước không hợp lệ.")
    pixels = float(width) * float(height)
    if pixels > MAX_PIXELS:
        raise UntrustedFileError(
            f"{what} trong tệp «{name}» quá lớn ({int(width)}×{int(height)} điểm ảnh, khoảng "
            f"{_megapixels(pixels)} triệu; tối đa {_megapixels(MAX_PIXELS)} triệu). Tệp không được đọc "
            f"để bảo vệ máy; hãy quét lại ở độ phân giải 300 dpi.")


def check_file_size(path: Path) -> int:
    """The size of *path*; refuses a file above :data:`MAX_FILE_BYTES` before reading it."""
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        raise UntrustedFileError(f"Không đọc được tệp «{Path(path).name}»: {exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        raise UntrustedFileError(
            f"Tệp «{Path(path).name}» quá lớn ({size / 1024 ** 2:,.0f} MB; tối đa "
            f"{MAX_FILE_BYTES // 1024 ** 2} MB). Hãy chia tệp thành nhiều tệp nhỏ hơn.".replace(",", "."))
    return size


def check_page_count(count: int, name: str) -> None:
    if count > MAX_PAGES:
        raise UntrustedFileError(f"Tệp «{name}» có {count} trang, quá số trang cho phép trong một tệp "
                                 f"({MAX_PAGES}). Hãy chia tệp thành nhiều tệp nhỏ hơn.")


def open_image(source: str | os.PathLike[str] | BinaryIO, name: str | None = None,
               formats: tuple[str, ...] = IMAGE_FORMATS) -> Image.Image:
    """Open an untrusted image with the allowed decoders only and check its size (nothing decoded yet).

    Returns the opened (lazy) image; the caller loads it. Raises :class:`UntrustedFileError`.
    """
    if name is None:
        name = Path(source).name if isinstance(source, (str, os.PathLike)) else "ảnh"
    if isinstance(source, (str, os.PathLike)) and Path(source).is_file():
        check_file_size(Path(source))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(source, formats=list(formats))
    except Image.DecompressionBombError as exc:
        raise UntrustedFileError(f"Ảnh trong tệp «{name}» quá lớn (trên {_megapixels(MAX_PIXELS)} triệu "
                                 f"điểm ảnh); tệp không được đọc để bảo vệ máy.") from exc
    except FileNotFoundError as exc:
        raise UntrustedFileError(f"Không thấy tệp «{name}».") from exc
    except (OSError, ValueError, SyntaxError) as exc:   # UnidentifiedImageError is an OSError
        raise UntrustedFileError(
            f"Tệp «{name}» không phải là ảnh hợp lệ (chỉ nhận ảnh JPEG, PNG, TIFF và tệp PDF).") from exc
    try:
        check_pixels(image.width, image.height, name)
    except UntrustedFileError:
        image.close()
        raise
    return image


def load_image(source: str | os.PathLike[str] | BinaryIO, name: str | None = None,
               formats: tuple[str, ...] = IMAGE_FORMATS) -> Image.Image:
    """:func:`open_image`, then decode (with Pillow's decoding errors turned into a Vietnamese message)."""
    from PIL import ImageOps

    image = open_image(source, name, formats)
    label = name or (Path(source).name if isinstance(source, (str, os.PathLike)) else "ảnh")
    try:
        with image:
            image.load()
            return ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise UntrustedFileError(f"Tệp «{label}» không phải là ảnh hợp lệ (tệp hỏng hoặc chưa ghi xong).") from exc


# --------------------------------------------------------------------------------- child processes

def _context(fork: bool = False):
    """How to start the child.

    *fork* (Linux, and only while this process runs a single thread): a plain fork of this process, the
    cheapest child there is — for a short command-line process (``desk-app ocr``) that has loaded little.
    Otherwise the forkserver where there is one (a fork of a small clean server: ~15 ms a child once the
    server runs, safe with threads; starting the server costs a Python start-up). Children forked from
    the server see the environment as it was when the first child was started (the readers need
    nothing from it).
    """
    if fork and sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        context = multiprocessing.get_context("forkserver")
        try:
            context.set_forkserver_preload(["scanning.untrusted", "scanning.file_import", "pypdfium2"])
        except (ValueError, TypeError):   # pragma: no cover - older interpreters
            pass
        return context
    return multiprocessing.get_context("spawn")


def apply_child_limits(memory: int | None) -> None:
    """In a child process: cap its address space at *memory* bytes, no core dumps, a CPU-time backstop."""
    try:
        import resource
    except ImportError:   # Windows: no rlimits (the time limit still holds)
        return
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (_CPU_BACKSTOP_SECONDS, _CPU_BACKSTOP_SECONDS + 5))
    except (ValueError, OSError):
        pass
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))   # a crashing decoder leaves no core dump of citizen data
    except (ValueError, OSError):
        pass


def _quiet_exit(signum: int, frame) -> None:  # noqa: ANN001 - a signal handler
    os._exit(128 + signum)


def _child_main(conn, func: Callable, args: tuple, memory: int | None, passthrough: tuple,  # noqa: ANN001
                app_pid: int | None = None) -> None:
    from scanning.child_processes import die_with_process

    die_with_process(app_pid)   # ends with the app, even after kill -9 (its parent is the forkserver)
    apply_child_limits(memory)
    # Ctrl-C in the terminal reaches this child too: it ends quietly (the app reports the stop), and the
    # programs it runs (tesseract) keep the default handling, so they end as well.
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _quiet_exit)
    try:
        result = func(*args)
        if hasattr(result, "__next__"):
            for item in result:
                conn.send(("item", item))
        else:
            conn.send(("item", result))
        conn.send(("done", None))
    except MemoryError:
        conn.send(("memory", None))
    except passthrough as exc:
        try:
            conn.send(("raise", exc))
        except Exception:  # noqa: BLE001 - an exception that does not pickle: keep its message
            conn.send(("fail", str(exc)))
    except Exception as exc:  # noqa: BLE001 - anything else is reported by the parent, never a traceback
        conn.send(("fail", f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        conn.close()


def iter_isolated(func: Callable[..., Any], *args: Any, label: str, error: type[Exception] = UntrustedFileError,
                  passthrough: tuple[type[BaseException], ...] = (), timeout: float = PAGE_TIMEOUT,
                  memory: int | None = MEMORY_LIMIT, fork: bool = False) -> Iterator[Any]:
    """Run ``func(*args)`` in a child with a memory limit; yield what it returns (or each item it yields).

    *timeout* is the time allowed for the first item and between items. The child is killed when the
    time runs out, when it runs out of memory or dies; that raises *error* with a Vietnamese message
    naming *label*. Exceptions of the *passthrough* classes raised in the child are raised again here;
    any other exception becomes *error*. The child may yield :class:`MoreTime` before a long step.
    *fork*: the caller is a small single-threaded command, a plain fork of it is the cheapest child
    (see :func:`_context`).
    """
    if multiprocessing.current_process().daemon:   # daemonic processes may not start children
        result = func(*args)
        yield from (item for item in (result if hasattr(result, "__next__") else [result])
                    if not isinstance(item, MoreTime))
        return
    context = _context(fork)
    if context.get_start_method() == "fork":   # what is buffered here would be written twice
        sys.stdout.flush()
        sys.stderr.flush()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child_main, args=(sender, func, args, memory, passthrough, os.getpid()),
                              name=f"desk-app đọc tệp {label}"[:60])
    try:
        process.start()
        sender.close()
        wait = timeout
        while True:
            if not receiver.poll(wait):
                raise error(f"Đọc tệp «{label}» quá {int(wait)} giây nên đã bị dừng (tệp hỏng hoặc được tạo "
                            f"để làm treo máy). Tệp được bỏ qua.")
            try:
                kind, payload = receiver.recv()
            except (EOFError, OSError):
                process.join(5)
                raise error(f"Chương trình đọc tệp «{label}» dừng đột ngột (mã {process.exitcode}), có thể do "
                            f"tệp hỏng hoặc cần quá nhiều bộ nhớ. Tệp được bỏ qua.") from None
            wait = timeout
            if kind == "item" and isinstance(payload, MoreTime):
                wait = max(timeout, payload.seconds)
            elif kind == "item":
                yield payload
            elif kind == "done":
                return
            elif kind == "memory":
                raise error(f"Đọc tệp «{label}» cần quá nhiều bộ nhớ (trên {memory / 1024 ** 3:.0f} GB) nên đã "
                            f"bị dừng. Tệp được bỏ qua.")
            elif kind == "raise":
                raise payload
            else:
                raise error(f"Không đọc được tệp «{label}» ({payload}). Tệp được bỏ qua.")
    finally:
        if process.is_alive():
            process.kill()
        if process.pid is not None:
            process.join(10)
        receiver.close()


def run_isolated(func: Callable[..., Any], *args: Any, label: str, error: type[Exception] = UntrustedFileError,
                 passthrough: tuple[type[BaseException], ...] = (), timeout: float = PAGE_TIMEOUT,
                 memory: int | None = MEMORY_LIMIT, fork: bool = False) -> Any:
    """``func(*args)`` in a child process with a time and memory limit (see :func:`iter_isolated`)."""
    results = iter_isolated(func, *args, label=label, error=error, passthrough=passthrough,
                            timeout=timeout, memory=memory, fork=fork)
    try:
        return next(results)
    except StopIteration:  # pragma: no cover - the child always sends its result before "done"
        raise error(f"Không đọc được tệp «{label}».") from None
    finally:
        results.close()
