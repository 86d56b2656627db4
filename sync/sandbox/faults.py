"""Fault injection for the sandbox: an ASGI middleware in front of the protocol routes (``/api/``).

Switches (each a probability 0–1, set by CLI flags or ``POST /admin/faults``):

* ``drop``: the connection closes without a complete reply — half the time before the request is
  handled, half the time *after* (the server did the work, the desk does not know);
* ``http_5xx``: a 503, likewise before or after handling;
* ``slow``: the reply comes ``slow_seconds`` late (the desk may time out while the server completes);
* ``duplicate_ack``: the request is handled twice (a proxy retry) and the changes feed re-delivers
  the last change;
* ``captive_portal``: a 200 HTML login page instead of the protocol.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import asdict, dataclass, fields

SWITCHES = ("drop", "http_5xx", "slow", "duplicate_ack", "captive_portal")

PORTAL_PAGE = ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đăng nhập Wi-Fi</title></head>"
               "<body><h1>Chào mừng đến mạng Wi-Fi công cộng</h1><p>Vui lòng đăng nhập để tiếp tục.</p>"
               "<form><input name=\"otp\"><button>Đăng nhập</button></form></body></html>").encode("utf-8")


@dataclass
class FaultSettings:
    drop: float = 0.0
    http_5xx: float = 0.0
    slow: float = 0.0
    duplicate_ack: float = 0.0
    captive_portal: float = 0.0
    slow_seconds: float = 2.0
    seed: int | None = None

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self.requests = 0                      # protocol requests seen
        self.injected = dict.fromkeys(SWITCHES, 0)  # faults applied, per switch

    def update(self, values: dict) -> None:
        known = {f.name for f in fields(self)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"Công tắc lỗi không biết: {', '.join(sorted(unknown))}")
        for name, value in values.items():
            if name == "seed":
                self.seed = None if value is None else int(value)
                self._rng = random.Random(self.seed)
                continue
            value = float(value)
            if name in SWITCHES and not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} phải là xác suất từ 0 đến 1")
            setattr(self, name, value)

    def as_dict(self) -> dict:
        return {**asdict(self), "requests": self.requests, "injected": dict(self.injected)}

    def pick(self) -> str | None:
        """One fault for this request (or None): the switches share one draw, so rates add up."""
        self.requests += 1
        draw = self._rng.random()
        edge = 0.0
        for name in SWITCHES:
            edge += getattr(self, name)
            if draw < edge:
                self.injected[name] += 1
                return name
        return None

    def coin(self) -> bool:
        return self._rng.random() < 0.5

    def chance(self, name: str) -> bool:
        return self._rng.random() < getattr(self, name)

    @classmethod
    def parse_flags(cls, flags: list[str]) -> "FaultSettings":
        """``["drop=0.3", "slow", "slow_seconds=1.5"]`` — a bare switch means always (1.0)."""
        settings = cls()
        values: dict = {}
        for flag in flags or []:
            name, _, value = flag.partition("=")
            values[name.strip().replace("-", "_")] = value.strip() if value else "1"
        settings.update(values)
        return settings


class FaultMiddleware:
    def __init__(self, app, faults: FaultSettings) -> None:  # noqa: ANN001
        self.app = app
        self.faults = faults

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        fault = self.faults.pick()
        if fault is None:
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        replay = _replayer(body)
        if fault == "captive_portal":
            await _respond(send, 200, PORTAL_PAGE, b"text/html; charset=utf-8")
            return
        if fault == "slow":
            await asyncio.sleep(self.faults.slow_seconds)
            await self.app(scope, replay(), send)
            return
        if fault == "duplicate_ack":
            await self.app(scope, replay(), _discard)
            await self.app(scope, replay(), send)
            return
        after = self.faults.coin()
        if after:
            await self.app(scope, replay(), _discard)
        if fault == "http_5xx":
            await _respond(send, 503, b"Service Unavailable", b"text/plain")
            return
        # drop: announce a body and never send it; the server closes the connection.
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")]})
        await send({"type": "http.response.body", "body": b"{\"error_code\": 0", "more_body": True})
        # Returning with the body incomplete makes the server close the connection.


async def _read_body(receive) -> bytes:  # noqa: ANN001
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _replayer(body: bytes):  # noqa: ANN202
    def make():  # noqa: ANN202
        sent = False

        async def receive():  # noqa: ANN202
            nonlocal sent
            if sent:
                await asyncio.sleep(3600)
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return receive

    return make


async def _discard(message) -> None:  # noqa: ANN001
    return None


async def _respond(send, status: int, body: bytes, content_type: bytes) -> None:  # noqa: ANN001
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
