"""The sandbox's "provincial back office": moves received dossiers on, on a schedule.

2 (received) → 4 (processing) → 9 (result ready) for most dossiers; one in five (chosen by its code,
so runs are reproducible) gets 5 (supplement requested) instead of a result. Each move is a change
the desk pulls back. ``step_seconds`` sets the speed (training: a minute; tests: instantly via
``POST /admin/advance``).
"""

from __future__ import annotations

import hashlib
import threading
import time

from desk_app.clock import now_local
from sync import protocol as p
from sync.sandbox.store import SandboxStore

OFFICER = "Nguyễn Văn Xử Lý"
DEPARTMENT = "Phòng Tư pháp - Hộ tịch (thử nghiệm)"


def needs_supplement(code: str) -> bool:
    return int(hashlib.sha256(code.encode("utf-8")).hexdigest(), 16) % 5 == 0


def next_change(code: str, status: int, record: dict) -> tuple[int, dict] | None:
    stamp = p.format_date(now_local())
    base = {"MaHoSo": code, "ThoiDiemXuLy": stamp, "NguoiXuLy": OFFICER, "PhongBanXuLy": DEPARTMENT}
    if status == 2:
        return 4, {**base, "TrangThaiHoSo": 4, "Loai": p.CHANGE_STATUS,
                   "NoiDungXuLy": "Chuyển hồ sơ tới bộ phận chuyên môn xử lý"}
    if status == 4 and needs_supplement(code):
        return 5, {**base, "TrangThaiHoSo": 5, "Loai": p.CHANGE_SUPPLEMENT,
                   "NoiDungXuLy": "Yêu cầu bổ sung hồ sơ",
                   "DanhSachHoSoBoSung": [{
                       "HoSoBoSungId": f"BS-{code}", "NguoiYeuCauBoSung": OFFICER,
                       "NoiDungBoSung": "Bổ sung bản sao giấy tờ chứng minh chỗ ở hợp pháp",
                       "NgayBoSung": stamp, "TrangThaiBoSung": 1}]}
    if status == 4:
        return 9, {**base, "TrangThaiHoSo": 9, "Loai": p.CHANGE_RESULT,
                   "NoiDungXuLy": "Đã xử lý xong, chuyển kết quả về Bộ phận Một cửa",
                   "DanhSachGiayToKetQua": [{
                       "TenGiayTo": f"Kết quả: {record.get('TenTTHC', '')}"[:300], "MaThanhPhanHoSo": "",
                       "GiayToId": f"KQ-{code}", "DuongDanTepTinKetQua": "", "MaGiayToKetQua": f"KQ-{code}"}]}
    return None


def advance_due(store: SandboxStore, step_seconds: float, force: bool = False) -> int:
    moved = 0
    now = time.time()
    for code, agency, status, record in store.due_dossiers(now, force):
        step = next_change(code, status, record)
        if step is None:
            continue
        new_status, change = step
        follow_up = now + step_seconds if new_status == 4 else None
        store.advance(code, agency, new_status, change, follow_up)
        moved += 1
    return moved


class Scheduler(threading.Thread):
    def __init__(self, store: SandboxStore, step_seconds: float) -> None:
        super().__init__(name="sandbox-processing", daemon=True)
        self.store = store
        self.step_seconds = step_seconds
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(min(1.0, max(0.05, self.step_seconds / 4))):
            advance_due(self.store, self.step_seconds)
