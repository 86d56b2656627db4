"""The sandbox's own storage: SQLite (stdlib) for records, a folder of files named by SHA-256.

Everything that must be idempotent is decided here under one lock: a replayed key returns the stored
reply, the same key with different content is a conflict, a file is stored once whatever the number
of uploads.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from sync import protocol as p

SCHEMA = """
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, digest TEXT NOT NULL, reply TEXT NOT NULL,
                                        created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (ma_ho_so TEXT PRIMARY KEY, agency TEXT NOT NULL, record TEXT NOT NULL,
                                     status INTEGER NOT NULL, created REAL NOT NULL, updated REAL NOT NULL,
                                     creations INTEGER NOT NULL DEFAULT 1, updates INTEGER NOT NULL DEFAULT 0,
                                     next_step REAL);
CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT, ma_ho_so TEXT NOT NULL,
                                    entry TEXT NOT NULL, key TEXT NOT NULL, digest TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS files (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, completed REAL NOT NULL,
                                  stored_times INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS uploads (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, part_size INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS parts (sha256 TEXT NOT NULL, idx INTEGER NOT NULL, part_sha TEXT NOT NULL,
                                  PRIMARY KEY (sha256, idx));
CREATE TABLE IF NOT EXISTS changes (id INTEGER PRIMARY KEY AUTOINCREMENT, agency TEXT NOT NULL,
                                    ma_ho_so TEXT NOT NULL, body TEXT NOT NULL, created REAL NOT NULL);
"""

REQUIRED_FIELDS = ("MaHoSo", "MaTTHC", "ChuHoSo", "NgayTiepNhan", "TrangThaiHoSo", "KenhThucHien")


def _private_opener(path: str, flags: int) -> int:
    """Files of the store (citizens' pages and records) are readable by the desk's account only."""
    return os.open(path, flags, 0o600)


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)


class SandboxStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.files_dir = self.folder / "files"
        self.parts_dir = self.folder / "parts"
        for folder in (self.folder, self.files_dir, self.parts_dir):
            _private_dir(folder)
        self.lock = threading.RLock()
        os.close(_private_opener(str(self.folder / "sandbox.sqlite3"), os.O_WRONLY | os.O_CREAT))  # -wal/-shm inherit 0600
        self.db = sqlite3.connect(self.folder / "sandbox.sqlite3", check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # -- idempotent JSON services --

    def idempotent(self, key: str, body: dict, handler) -> dict:  # noqa: ANN001
        """Run *handler(body)* once per key; a replay gets the stored reply, other content a conflict."""
        digest = p.body_digest(body)
        with self.lock:
            row = self.db.execute("SELECT digest, reply FROM idempotency WHERE key = ?", (key,)).fetchone()
            if row is not None:
                if row[0] != digest:
                    return p.reply(p.CONFLICT, "Khóa chống trùng đã dùng cho một nội dung khác.")
                return {**json.loads(row[1]), "replayed": True}
            self.db.execute("BEGIN IMMEDIATE")
            try:
                result = handler(body)
                if result["error_code"] in (p.OK, p.INVALID_DATA):
                    # Definitive replies are remembered; "missing files"/"exists" may change, so they are not.
                    self.db.execute("INSERT INTO idempotency VALUES (?, ?, ?, ?)",
                                    (key, digest, json.dumps(result, ensure_ascii=False), time.time()))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            return result

    def push_dossiers(self, body: dict, step_seconds: float) -> dict:
        """DongBoHoSoMC for one or more records; each gets its own result.

        A record identical to the stored one is a replay (success, nothing changes), whatever the key
        of the request that carries it — so a batch regrouped after a failure is still sent once.
        The reply's error_code is 0 when every record succeeded, else the first failing record's code;
        the records that succeeded are kept either way.
        """
        agency = str(body.get("MaDinhDanhDV") or "")
        updating = bool(body.get("isUpdating"))
        data = body.get("data")
        if not isinstance(data, list) or not data:
            return p.reply(p.INVALID_DATA, "Thiếu dữ liệu hồ sơ (data).")
        results = [self._push_record(record, agency, updating, step_seconds) for record in data]
        failed = [r for r in results if r["error_code"] != p.OK]
        if failed:
            return p.reply(failed[0]["error_code"], failed[0]["message"],
                           {"results": results, "missing": failed[0].get("missing", [])})
        return p.reply(data={"results": results, "MaHoSo": [r["MaHoSo"] for r in results]})

    def _push_record(self, record: Any, agency: str, updating: bool, step_seconds: float) -> dict:
        problem = self._invalid(record)
        code = record.get("MaHoSo", "") if isinstance(record, dict) else ""
        if problem:
            return {"MaHoSo": code, "error_code": p.INVALID_DATA, "message": problem}
        missing = [f["TepDinhKemId"] for f in record.get("TaiLieuNop", [])
                   if not f.get("IsDeleted") and not self.has_file(str(f.get("TepDinhKemId", "")))]
        if missing:
            return {"MaHoSo": code, "error_code": p.MISSING_FILES, "missing": missing,
                    "message": f"Chưa nhận đủ {len(missing)} tệp đính kèm của hồ sơ {code}."}
        text = p.canonical_json(record).decode("utf-8")
        stored = self.db.execute("SELECT record FROM dossiers WHERE ma_ho_so = ?", (code,)).fetchone()
        now = time.time()
        if stored is not None and stored[0] == text:
            return {"MaHoSo": code, "error_code": p.OK, "message": "Đã có (gửi lại)", "replayed": True,
                    **self._proof(stored[0])}
        if stored is not None and not updating:
            return {"MaHoSo": code, "error_code": p.ALREADY_EXISTS, "message": f"Hồ sơ {code} đã tồn tại."}
        if stored is not None:
            # The desk's status change is the province's too (its own processing goes on from there).
            self.db.execute("UPDATE dossiers SET record = ?, status = ?, updated = ?, updates = updates + 1 "
                            "WHERE ma_ho_so = ?", (text, int(record["TrangThaiHoSo"]), now, code))
        else:
            self.db.execute("INSERT INTO dossiers (ma_ho_so, agency, record, status, created, updated, next_step)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (code, agency, text, int(record["TrangThaiHoSo"]), now, now, now + step_seconds))
        held = self.db.execute("SELECT record FROM dossiers WHERE ma_ho_so = ?", (code,)).fetchone()[0]
        return {"MaHoSo": code, "error_code": p.OK, "message": "Thành công", **self._proof(held)}

    def _proof(self, held_text: str) -> dict:
        """What the desk checks before it counts a record as received: the SHA-256 of the record as
        stored here, and of each referenced file this server holds complete (hash-checked when stored)."""
        record = json.loads(held_text)
        files = [str(f.get("TepDinhKemId", "")) for f in record.get("TaiLieuNop", []) if not f.get("IsDeleted")]
        return {"record_sha256": hashlib.sha256(held_text.encode("utf-8")).hexdigest(),
                "files_sha256": [sha for sha in files if self.has_file(sha)]}

    @staticmethod
    def _invalid(record: Any) -> str:
        if not isinstance(record, dict):
            return "Mỗi hồ sơ phải là một đối tượng JSON."
        absent = [name for name in REQUIRED_FIELDS if record.get(name) in (None, "")]
        if absent:
            return f"Thiếu trường bắt buộc: {', '.join(absent)}."
        for name in ("NgayTiepNhan", "NgayHenTra", "NgayNopHoSo"):
            try:
                p.parse_date(str(record.get(name) or ""))
            except ValueError:
                return f"Trường {name} phải có dạng yyyyMMddHHmmss."
        if int(record["TrangThaiHoSo"]) not in range(1, 11):
            return "TrangThaiHoSo phải từ 1 đến 10."
        if int(record["KenhThucHien"]) not in (1, 2, 3):
            return "KenhThucHien phải là 1, 2 hoặc 3."
        if len(str(record.get("TrichYeuHoSo", ""))) > 1000:
            return "TrichYeuHoSo dài quá 1000 ký tự."
        return ""

    def push_history(self, body: dict, key: str) -> dict:
        """CapNhatTienDoHoSoMC: at most 10 entries (of one or several dossiers); an entry already held
        (same dossier, time, status and content) is not stored twice."""
        data = body.get("data")
        if not isinstance(data, list) or not data or len(data) > p.HISTORY_CHUNK:
            return p.reply(p.INVALID_DATA, f"Mỗi lần gửi từ 1 đến {p.HISTORY_CHUNK} bước xử lý.")
        for entry in data:
            if not isinstance(entry, dict) or not entry.get("MaHoSo"):
                return p.reply(p.INVALID_DATA, "Bước xử lý thiếu MaHoSo.")
            if len(str(entry.get("NguoiXuLy", ""))) > 50:
                return p.reply(p.INVALID_DATA, "NguoiXuLy dài quá 50 ký tự.")
            if not self.db.execute("SELECT 1 FROM dossiers WHERE ma_ho_so = ?", (entry["MaHoSo"],)).fetchone():
                return p.reply(p.INVALID_DATA, f"Không có hồ sơ {entry['MaHoSo']}.")
        added = 0
        for entry in data:
            digest = p.body_digest(entry)
            added += self.db.execute("INSERT OR IGNORE INTO history (ma_ho_so, entry, key, digest) VALUES (?, ?, ?, ?)",
                                     (entry["MaHoSo"], json.dumps(entry, ensure_ascii=False), key, digest)).rowcount
        return p.reply(data={"count": len(data), "added": added,
                             "digests": [p.body_digest(entry) for entry in data]})

    # -- files --

    def file_path(self, sha256: str) -> Path:
        return self.files_dir / sha256[:2] / sha256

    def has_file(self, sha256: str) -> bool:
        with self.lock:
            return self.db.execute("SELECT 1 FROM files WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def file_status(self, sha256: str) -> dict:
        with self.lock:
            done = self.db.execute("SELECT size FROM files WHERE sha256 = ?", (sha256,)).fetchone()
            if done:
                return {"sha256": sha256, "complete": True, "size": done[0]}
            upload = self.db.execute("SELECT size, part_size FROM uploads WHERE sha256 = ?", (sha256,)).fetchone()
            parts = [r[0] for r in self.db.execute("SELECT idx FROM parts WHERE sha256 = ? ORDER BY idx", (sha256,))]
        return {"sha256": sha256, "complete": False, "size": upload[0] if upload else 0,
                "part_size": upload[1] if upload else 0, "parts": parts}

    def put_part(self, sha256: str, index: int, data: bytes, part_sha: str, size: int, part_size: int) -> dict:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            return p.reply(p.INVALID_DATA, "Tên tệp phải là mã SHA-256 (64 ký tự hex thường).")
        if hashlib.sha256(data).hexdigest() != part_sha:
            # Damaged in transit: not stored, the client sends the part again.
            return p.reply(p.FILE_HASH_MISMATCH, f"Phần {index} của tệp không khớp mã băm.")
        part_count = max(1, -(-size // part_size)) if part_size > 0 else 0
        if part_size <= 0 or size < 0 or not 0 <= index < part_count:
            return p.reply(p.INVALID_DATA, "Kích thước tệp/phần hoặc số thứ tự phần không hợp lệ.")
        if self.has_file(sha256):
            return p.reply(data={"sha256": sha256, "complete": True, "replayed": True})
        if part_count == 1:
            return self._complete_single(sha256, data, size, part_sha)
        with self.lock:
            upload = self.db.execute("SELECT size, part_size FROM uploads WHERE sha256 = ?", (sha256,)).fetchone()
            if upload is not None and tuple(upload) != (size, part_size):
                self._discard_parts(sha256)  # restarted with another part size: start over
                upload = None
            if upload is None:
                self.db.execute("INSERT INTO uploads VALUES (?, ?, ?)", (sha256, size, part_size))
            seen = self.db.execute("SELECT part_sha FROM parts WHERE sha256 = ? AND idx = ?", (sha256, index)).fetchone()
            if seen is not None and seen[0] != part_sha:
                return p.reply(p.CONFLICT, f"Phần {index} đã nhận với nội dung khác.")
            if seen is None:
                folder = self.parts_dir / sha256
                folder.mkdir(mode=0o700, exist_ok=True)
                with open(folder / f"{index:06d}", "wb", opener=_private_opener) as out:
                    out.write(data)
                self.db.execute("INSERT INTO parts VALUES (?, ?, ?)", (sha256, index, part_sha))
            have = self.db.execute("SELECT COUNT(*) FROM parts WHERE sha256 = ?", (sha256,)).fetchone()[0]
            if have < part_count:
                return p.reply(data={"sha256": sha256, "complete": False, "parts_received": have})
            return self._assemble(sha256, size, part_count)

    def _write_final(self, sha256: str, chunks, verified: bool = False) -> str:  # noqa: ANN001
        """Write durably under the hash name; *verified*: the bytes were already hashed (a single part)."""
        final = self.file_path(sha256)
        final.parent.mkdir(mode=0o700, exist_ok=True)
        tmp = final.with_suffix(f".{threading.get_ident()}.tmp")
        digest = hashlib.sha256()
        with open(tmp, "wb", opener=_private_opener) as out:
            for chunk in chunks:
                if not verified:
                    digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if not verified and digest.hexdigest() != sha256:
            tmp.unlink()
            return ""
        os.replace(tmp, final)
        return sha256

    def _complete_single(self, sha256: str, data: bytes, size: int, part_sha: str) -> dict:
        # The part's hash was checked against its bytes; a single part is the whole file.
        if len(data) != size or part_sha != sha256 or not self._write_final(sha256, [data], verified=True):
            return p.reply(p.FILE_HASH_MISMATCH, "Tệp nhận được không khớp mã băm; hãy gửi lại.")
        return self._record_file(sha256, size)

    def _record_file(self, sha256: str, size: int) -> dict:
        with self.lock:
            self.db.execute("INSERT INTO files (sha256, size, completed) VALUES (?, ?, ?) "
                            "ON CONFLICT(sha256) DO UPDATE SET stored_times = stored_times + 1",
                            (sha256, size, time.time()))
        return p.reply(data={"sha256": sha256, "complete": True, "size": size})

    def _assemble(self, sha256: str, size: int, part_count: int) -> dict:
        folder = self.parts_dir / sha256

        def chunks():  # noqa: ANN202
            for index in range(part_count):
                yield (folder / f"{index:06d}").read_bytes()

        if not self._write_final(sha256, chunks()):
            self._discard_parts(sha256)
            return p.reply(p.FILE_HASH_MISMATCH, "Tệp ghép từ các phần không khớp mã băm; hãy gửi lại từ đầu.")
        result = self._record_file(sha256, size)
        self._discard_parts(sha256)
        return result

    def _discard_parts(self, sha256: str) -> None:
        with self.lock:
            self.db.execute("DELETE FROM parts WHERE sha256 = ?", (sha256,))
            self.db.execute("DELETE FROM uploads WHERE sha256 = ?", (sha256,))
        shutil.rmtree(self.parts_dir / sha256, ignore_errors=True)

    # -- processing and changes --

    def due_dossiers(self, now: float, force: bool = False) -> list[tuple[str, str, int, dict]]:
        with self.lock:
            query = "SELECT ma_ho_so, agency, status, record FROM dossiers WHERE status IN (2, 4)"
            args: tuple = ()
            if not force:
                query += " AND next_step <= ?"
                args = (now,)
            return [(r[0], r[1], r[2], json.loads(r[3])) for r in self.db.execute(query, args)]

    def advance(self, code: str, agency: str, status: int, change: dict, next_step: float | None) -> None:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("UPDATE dossiers SET status = ?, next_step = ? WHERE ma_ho_so = ?",
                            (status, next_step, code))
            cur = self.db.execute("INSERT INTO changes (agency, ma_ho_so, body, created) VALUES (?, ?, ?, ?)",
                                  (agency, code, "{}", time.time()))
            change = {**change, "Id": f"sandbox-{cur.lastrowid}"}
            self.db.execute("UPDATE changes SET body = ? WHERE id = ?",
                            (json.dumps(change, ensure_ascii=False), cur.lastrowid))
            self.db.execute("COMMIT")

    def changes_since(self, agency: str, since: int, limit: int) -> list[tuple[int, dict]]:
        with self.lock:
            rows = self.db.execute("SELECT id, body FROM changes WHERE agency = ? AND id > ? ORDER BY id LIMIT ?",
                                   (agency, since, limit)).fetchall()
        return [(r[0], json.loads(r[1])) for r in rows]

    # -- inspection (admin endpoint, tests, benchmark) --

    def stats(self, verify: bool = False) -> dict:
        with self.lock:
            dossiers = {r[0]: {"creations": r[1], "updates": r[2], "status": r[3]} for r in self.db.execute(
                "SELECT ma_ho_so, creations, updates, status FROM dossiers")}
            files = {r[0]: {"size": r[1], "stored_times": r[2]} for r in self.db.execute(
                "SELECT sha256, size, stored_times FROM files")}
            history = {}
            for code, count in self.db.execute("SELECT ma_ho_so, COUNT(*) FROM history GROUP BY ma_ho_so"):
                history[code] = count
            pending_uploads = self.db.execute("SELECT COUNT(*) FROM uploads").fetchone()[0]
        if verify:
            for sha, info in files.items():
                digest = hashlib.sha256()
                with open(self.file_path(sha), "rb") as handle:
                    while block := handle.read(1 << 20):
                        digest.update(block)
                info["hash_ok"] = digest.hexdigest() == sha
        return {"dossiers": dossiers, "files": files, "history": history, "pending_uploads": pending_uploads}

    def store_raw(self, name: str, data: bytes) -> int:
        """Benchmark baseline: the same bytes written the same way, with no protocol around them."""
        folder = self.folder / "raw"
        folder.mkdir(mode=0o700, exist_ok=True)
        target = folder / name
        with open(target, "wb", opener=_private_opener) as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        return len(data)
