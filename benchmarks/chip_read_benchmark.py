"""How long a chip CCCD read takes on a real USB reader, estimated without one.

The read runs through the real stack (pyscard → private pcscd → vpcd → the virtual chip of the tests),
which gives the exact APDU exchange: how many commands, how many bytes each way. vpcd's own timing
says nothing about a reader (it is a loopback socket), so the time is estimated from the counts with a
model of a contactless USB reader (docs/CHIP.md, "Thời gian đọc"):

    t = activation + N_apdu × per-APDU latency + bytes × 10 bit / bit rate

for a typical reader (424 kbit/s, 20 ms a protected APDU) and a slow one (106 kbit/s, 30 ms). The
host-side work (3DES, MACs, hashes, signature check, parsing) is measured separately with the chip
called in-process.

    .venv/bin/python benchmarks/chip_read_benchmark.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import os  # noqa: E402

os.environ.setdefault("PCSCLITE_CSOCK_NAME", f"/tmp/desk-pcsc-{os.getpid()}/pcscd.comm")

from scanning.id_card.chip.reader import read_chip  # noqa: E402
from scanning.id_card.chip.transport import PcscTransport  # noqa: E402
from tests.chip_issuer import MOTHER, chip_image, make_authority  # noqa: E402
from tests.chip_pcsc import PrivatePcscd  # noqa: E402

READERS = {"typical (424 kbit/s, 20 ms/APDU)": (424_000, 0.020), "slow (106 kbit/s, 30 ms/APDU)": (106_000, 0.030)}
ACTIVATION = 0.15   # field on, anticollision, RATS, SELECT and the chip's 3DES for BAC


def estimate(apdus: int, moved: int, bit_rate: int, per_apdu: float) -> float:
    return ACTIVATION + apdus * per_apdu + moved * 10 / bit_rate


def host_time(image: dict, authority, runs: int = 20) -> float:  # noqa: ANN001
    from tests.chip_virtual_card import CccdChipOS   # (puts the vsmartcard framework on the path)

    files = {int(f, 16): bytes.fromhex(c) for f, c in image["files"].items()}
    card = CccdChipOS(files, MOTHER.access_key, extended_length=image["extended_length"], pace=image["pace"])

    class Loopback:
        def transmit(self, apdu: bytes) -> tuple[bytes, int]:
            answer = card.execute(apdu)
            return answer[:-2], int.from_bytes(answer[-2:], "big")

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        card.reset()
        read_chip(Loopback(), MOTHER.access_key, [authority.csca], extended=image["extended_length"])
        times.append(time.perf_counter() - start)
    # (includes the emulated chip's own work, so it over-states the app's share)
    return statistics.median(times)


def main() -> None:
    authority = make_authority()
    daemon = PrivatePcscd()
    daemon.start()
    tmp = Path(tempfile.mkdtemp(prefix="chip-bench-"))
    try:
        pace = {"parameter": 13, "bits": 128, "can": "482915"}
        configs = [(face, label, extended, None) for face, label in ((0, "test photo"), (15000, "photo ~19 KB"))
                   for extended in (True, False)] + [(15000, "photo, PACE", True, pace)]
        for face, label, extended, pace_info in configs:
            image = chip_image(MOTHER, authority, extended_length=extended, face_size=face, pace=pace_info)
            daemon.insert(image, tmp)
            with PcscTransport() as transport:
                result = read_chip(transport, MOTHER.access_key, [authority.csca])
                count = transport.count
            moved = count.sent + count.received
            mode = ("extended 2 KB" if extended else "short 223 B") + f" {result.access_protocol}"
            print(f"{label:13} {mode:18} DG2={result.file_sizes['DG2']:6} B  APDUs={count.apdus:3}  "
                  f"sent={count.sent:5} B  received={count.received:6} B  host={host_time(image, authority)*1000:5.1f} ms")
            for name, (rate, latency) in READERS.items():
                print(f"    estimated on a {name}: {estimate(count.apdus, moved, rate, latency):.2f} s")
    finally:
        daemon.stop()


if __name__ == "__main__":
    main()
