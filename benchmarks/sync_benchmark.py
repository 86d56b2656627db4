"""Sync benchmark: dossiers queued offline, then the link returns.

1. N dossiers × 3 pages (~300 KB of incompressible bytes each) are accepted while no server runs.
2. The sandbox starts on a free 127.0.0.1 port. Baseline: a plain upload of the same page bytes
   (``PUT /bench/raw/<sha>``, same concurrency, same server, same fsync), run just before and just
   after the drain; the drain is compared with their mean.
3. The sync worker, built exactly as ``desk-app sync`` builds it, drains the queue in a child process
   (so its peak memory is its own); the drain is timed from its first pass (a running service sees
   the link return), the process's wall time including start-up is reported too.
4. Again against a fresh server store with 20 % of protocol requests failing (drops, 5xx,
   captive-portal pages) and a short back-off: zero loss, zero duplicates.

    .venv/bin/python benchmarks/sync_benchmark.py [--dossiers 1000] [--concurrency 4] [--workdir DIR]

Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk_app.config import Settings  # noqa: E402
from desk_app.desk import Desk  # noqa: E402
from desk_app.services.reception import IntakeRequest, StoredPage, accept_dossier  # noqa: E402
from desk_app.services.users import create_user  # noqa: E402
from desk_app.storage.db import transaction  # noqa: E402
from desk_app.storage.models import OutboxItem, Page  # noqa: E402
from desk_app.storage.sync_models import SyncedFile  # noqa: E402
from sqlalchemy import delete, select, update  # noqa: E402
from sync import outbox  # noqa: E402
from sync.sandbox.server import SandboxProcess  # noqa: E402


def build_queue(desk: Desk, dossiers: int, page_size: int) -> tuple[list[str], list[str]]:
    user = create_user(desk.sessions, "canbo", "Nguyễn Thị Ánh Tuyết", "admin", "Cây-đa-đầu-làng-1234")
    rng = random.Random(2026)
    codes, hashes = [], []
    for n in range(dossiers):
        pages = []
        for page in range(3):
            saved = desk.archive.store_bytes(rng.randbytes(page_size + rng.randrange(-2048, 2048)))
            hashes.append(saved.sha256)
            pages.append(StoredPage(saved.sha256, saved.size, "image/jpeg", 2480, 3508, 300,
                                    f"Trang {page + 1}.jpg"))
        codes.append(accept_dossier(desk, user, IntakeRequest(
            procedure_code="1.004222", applicant_name="Phạm Quốc Đạt", applicant_id_number="038096001234",
            pages=pages, outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ")).code)
    return codes, hashes


def raw_upload(desk: Desk, url: str, hashes: list[str], concurrency: int, headers: dict | None = None) -> float:
    """Seconds to PUT every page's bytes once, with the same concurrency and no protocol."""
    client = httpx.Client(base_url=url, timeout=60, headers=headers,
                          limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency))

    def put(sha: str) -> None:
        client.put(f"/bench/raw/{sha}", content=desk.archive.path_for(sha).read_bytes()).raise_for_status()

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(put, hashes))
    elapsed = time.perf_counter() - started
    client.close()
    return elapsed


def drain_child(folder: Path, url: str, concurrency: int, backoff: float) -> None:
    """Child process: the worker as ``desk-app sync`` builds it, passes until the queue is empty.

    Prints the drain time measured from the first pass (the service is already running when the link
    returns, so interpreter start-up is not part of it) and this process's peak RSS."""
    import resource

    from sync.outbox import Backoff
    from sync.service import open_sync
    from sync.worker import WorkerConfig

    desk = Desk.open(folder)
    config = WorkerConfig(concurrency=concurrency, batch_size=max(8, concurrency * 8),
                          settle_batch=max(8, concurrency * 8), backoff=Backoff(base=backoff), pull=False)
    session = open_sync(desk, url, config)
    started = time.perf_counter()
    passes = 0
    while True:
        session.worker.run_pass()
        passes += 1
        counts = outbox.counts(desk.sessions)
        if counts[outbox.ACKNOWLEDGED] == sum(counts.values()) or passes > 200:
            break
        time.sleep(backoff / 2)
    seconds = time.perf_counter() - started
    session.close()
    print(json.dumps({"seconds": seconds, "passes": passes,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_sync(folder: Path, url: str, concurrency: int, backoff: float, expected: int, desk: Desk,
             env: dict | None = None) -> dict:
    """Drain in a child process; its own timing, plus the wall time including interpreter start-up."""
    command = [sys.executable, str(Path(__file__).resolve()), "--drain-child", str(folder), url,
               "--concurrency", str(concurrency), "--backoff", str(backoff)]
    started = time.perf_counter()
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, **(env or {})}).stdout
    wall = time.perf_counter() - started
    result = json.loads(output.strip().splitlines()[-1])
    if outbox.counts(desk.sessions)[outbox.ACKNOWLEDGED] != expected:
        raise RuntimeError(f"queue not drained: {outbox.counts(desk.sessions)}")
    return {**result, "wall_with_startup": wall}


def check_server(server: SandboxProcess, codes: list[str], hashes: list[str]) -> dict:
    stats = server.stats(verify=True)
    lost_dossiers = [c for c in codes if c not in stats["dossiers"]]
    lost_files = [h for h in hashes if h not in stats["files"]]
    duplicate_dossiers = [c for c, d in stats["dossiers"].items() if d["creations"] != 1]
    duplicate_files = [h for h, f in stats["files"].items() if f["stored_times"] != 1]
    bad_hashes = [h for h, f in stats["files"].items() if not f["hash_ok"]]
    duplicate_history = [c for c, n in stats["history"].items() if n != 1]
    return {"lost": len(lost_dossiers) + len(lost_files), "duplicates": len(duplicate_dossiers) + len(duplicate_files)
            + len(duplicate_history), "bad_hashes": len(bad_hashes), "dossiers": len(stats["dossiers"]),
            "files": len(stats["files"])}


def requeue_everything(desk: Desk) -> None:
    """Second scenario: the same queue again, as if never sent (fresh server store)."""
    with transaction(desk.sessions) as session:
        session.execute(update(OutboxItem).values(state=outbox.READY, attempts=0, next_attempt_at=None,
                                                  acknowledged_at=None, claimed_by="", last_error=""))
        session.execute(delete(SyncedFile))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--page-kb", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--failure-rate", type=float, default=0.20)
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder, removed afterwards")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--drain-child", nargs=2, metavar=("FOLDER", "URL"), help=argparse.SUPPRESS)
    parser.add_argument("--backoff", type=float, default=60.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drain_child:
        drain_child(Path(args.drain_child[0]), args.drain_child[1], args.concurrency, args.backoff)
        return 0

    work = args.workdir or Path(tempfile.mkdtemp(prefix="sync-bench-"))
    folder = work / "Dữ liệu quầy"
    results: dict = {"dossiers": args.dossiers, "pages": args.dossiers * 3, "page_kb": args.page_kb,
                     "concurrency": args.concurrency}
    servers: list[SandboxProcess] = []
    try:
        desk = Desk.open(folder, Settings(agency_id="000.00.12.H56", sequence_block_size=max(500, args.dossiers + 10)))
        started = time.perf_counter()
        codes, hashes = build_queue(desk, args.dossiers, args.page_kb * 1000)
        results["queue_build_s"] = round(time.perf_counter() - started, 1)
        total_bytes = sum(desk.archive.path_for(h).stat().st_size for h in hashes)
        results["megabytes"] = round(total_bytes / 1e6, 1)
        print(f"queued offline: {len(codes)} dossiers, {len(hashes)} pages, {total_bytes / 1e6:.0f} MB "
              f"({results['queue_build_s']} s)", flush=True)

        server = SandboxProcess(work / "server-1", step_seconds=3600)
        servers.append(server)
        server.wait_ready()
        # Plain uploads just before and just after the drain: the machine's load drifts, so the drain is
        # compared with the mean of its two neighbours.
        raw_before = raw_upload(desk, server.url, hashes, args.concurrency, server.admin_headers)
        drain = run_sync(folder, server.url, args.concurrency, 60.0, len(codes), desk, server.client_env())
        raw_after = raw_upload(desk, server.url, hashes, args.concurrency, server.admin_headers)
        raw_s = (raw_before + raw_after) / 2
        results["raw_s"] = round(raw_s, 2)
        results["raw_runs_s"] = [round(raw_before, 2), round(raw_after, 2)]
        results["raw_mb_s"] = round(total_bytes / 1e6 / raw_s, 1)
        print(f"plain upload: {raw_s:.1f} s = {results['raw_mb_s']} MB/s (before {raw_before:.1f} s, "
              f"after {raw_after:.1f} s)", flush=True)
        results["drain_s"] = round(drain["seconds"], 2)
        results["drain_mb_s"] = round(total_bytes / 1e6 / drain["seconds"], 1)
        results["drain_vs_raw"] = round(raw_s / drain["seconds"], 3)
        results["drain_peak_rss_mb"] = round(drain["peak_rss_mb"], 1)
        results["drain_with_startup_s"] = round(drain["wall_with_startup"], 2)
        results["drain_check"] = check_server(server, codes, hashes)
        print(f"sync worker: {drain['seconds']:.1f} s = {results['drain_mb_s']} MB/s "
              f"= {results['drain_vs_raw']:.0%} of plain upload ({drain['wall_with_startup']:.1f} s with process "
              f"start-up); peak RSS {drain['peak_rss_mb']:.0f} MB; "
              f"{results['drain_check']}", flush=True)
        server.stop()

        requeue_everything(desk)
        each = args.failure_rate / 3
        faulty = SandboxProcess(work / "server-2", step_seconds=3600,
                                faults=[f"drop={each}", f"http_5xx={each}", f"captive_portal={each}", "seed=5"])
        servers.append(faulty)
        faulty.wait_ready()
        flaky = run_sync(folder, faulty.url, args.concurrency, 0.05, len(codes), desk, faulty.client_env())
        injected = httpx.get(f"{faulty.url}/admin/faults", headers=faulty.admin_headers).json()
        results["faulty_s"] = round(flaky["seconds"], 2)
        results["faulty_mb_s"] = round(total_bytes / 1e6 / flaky["seconds"], 1)
        results["faulty_peak_rss_mb"] = round(flaky["peak_rss_mb"], 1)
        results["faulty_passes"] = flaky["passes"]
        results["faulty_requests"] = injected["requests"]
        results["faulty_injected"] = injected["injected"]
        results["faulty_check"] = check_server(faulty, codes, hashes)
        print(f"with {args.failure_rate:.0%} failing requests: {flaky['seconds']:.1f} s "
              f"({results['faulty_mb_s']} MB/s), {flaky['passes']} pass(es), peak RSS {flaky['peak_rss_mb']:.0f} MB; "
              f"{injected['requests']} requests, injected {injected['injected']}; {results['faulty_check']}",
              flush=True)
        with desk.sessions() as session:
            results["left_sending"] = len(session.scalars(select(OutboxItem.id).where(
                OutboxItem.state == outbox.SENDING)).all())
        desk.close()
    finally:
        for server in servers:
            server.stop()
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    ok = (results["drain_check"]["lost"] == results["drain_check"]["duplicates"] == 0
          and results["faulty_check"]["lost"] == results["faulty_check"]["duplicates"] == 0
          and results["left_sending"] == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
