"""The sandbox provincial server as a FastAPI application (OpenAPI at ``/openapi.json``, docs at ``/docs``)."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from fastapi import Body, FastAPI, Header, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from sync import protocol as p
from sync.sandbox.auth import AuthMiddleware, SandboxAuth
from sync.sandbox.faults import FaultMiddleware, FaultSettings
from sync.sandbox.processing import Scheduler, advance_due
from sync.sandbox.store import SandboxStore


class Envelope(BaseModel):
    """``{"service", "isUpdating", "MaDinhDanhDV", "data": [...]}`` (DOMAIN.md §4.1)."""

    model_config = ConfigDict(extra="allow")
    service: str
    isUpdating: bool = False
    MaDinhDanhDV: str = ""
    data: list[dict[str, Any]] = Field(default_factory=list)


class ProtocolReply(BaseModel):
    error_code: int = Field(description="0 thành công; 1 dữ liệu sai; 2 đã tồn tại; 3 thiếu tệp; 4 sai mã băm; 409 xung đột khóa")
    message: str
    data: Any = None
    replayed: bool = False


MAX_PART_BYTES = 64 * 1024 * 1024


def create_app(folder: Path, faults: FaultSettings | None = None, step_seconds: float = 60.0,
               schedule: bool = True, auth: SandboxAuth | None = None) -> FastAPI:
    """The application, and the ASGI app to serve: faults in front, then authentication (every protocol
    route needs a token from *auth*'s credentials, every admin route its admin token)."""
    auth = auth or SandboxAuth.generate()
    store = SandboxStore(folder)
    faults = faults or FaultSettings()
    scheduler = Scheduler(store, step_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # noqa: ANN202
        if schedule:
            scheduler.start()
        yield
        scheduler.stop.set()
        store.close()

    app = FastAPI(title="Máy chủ tỉnh thử nghiệm (sandbox)", version="1", lifespan=lifespan,
                  description="Đồng bộ hồ sơ một cửa kiểu DongBoHoSoMC / CapNhatTienDoHoSoMC, "
                              "có công tắc mô phỏng lỗi mạng.")
    app.state.store, app.state.faults, app.state.scheduler, app.state.auth = store, faults, scheduler, auth

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(p.reply(p.INVALID_DATA, f"Yêu cầu không hợp lệ: {exc.errors()[:3]}"), status_code=422)

    @app.get("/api/v1/ping", response_model=ProtocolReply)
    def ping() -> dict:
        return p.reply(data={"server": "sandbox"})

    def _service(expected: str, envelope: Envelope, key: str | None, handler) -> JSONResponse:  # noqa: ANN001
        if envelope.service != expected:
            return JSONResponse(p.reply(p.INVALID_DATA, f"service phải là {expected}"), status_code=400)
        if not key:
            return JSONResponse(p.reply(p.INVALID_DATA, "Thiếu Idempotency-Key"), status_code=400)
        result = store.idempotent(key, envelope.model_dump(), handler)
        return JSONResponse(result, status_code=409 if result["error_code"] == p.CONFLICT else 200)

    @app.post(f"/api/v1/{p.SERVICE_DOSSIER}", response_model=ProtocolReply)
    def push_dossier(envelope: Envelope = Body(...),
                     idempotency_key: str | None = Header(None, alias=p.IDEMPOTENCY_HEADER)) -> JSONResponse:
        return _service(p.SERVICE_DOSSIER, envelope, idempotency_key,
                        lambda body: store.push_dossiers(body, scheduler.step_seconds))

    @app.post(f"/api/v1/{p.SERVICE_HISTORY}", response_model=ProtocolReply)
    def push_history(envelope: Envelope = Body(...),
                     idempotency_key: str | None = Header(None, alias=p.IDEMPOTENCY_HEADER)) -> JSONResponse:
        return _service(p.SERVICE_HISTORY, envelope, idempotency_key,
                        lambda body: store.push_history(body, idempotency_key or ""))

    @app.get("/api/v1/files/{sha256}", response_model=ProtocolReply)
    def file_status(sha256: str = PathParam(..., min_length=64, max_length=64)) -> dict:
        return p.reply(data=store.file_status(sha256))

    @app.put("/api/v1/files/{sha256}/parts/{index}", response_model=ProtocolReply,
             openapi_extra={"requestBody": {"content": {"application/octet-stream": {}}}})
    async def put_part(request: Request, sha256: str, index: int,
                       part_sha: str = Header(..., alias=p.PART_SHA_HEADER),
                       size: int = Header(..., alias=p.FILE_SIZE_HEADER),
                       part_size: int = Header(..., alias=p.PART_SIZE_HEADER)) -> JSONResponse:
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
            if len(data) > MAX_PART_BYTES:
                return JSONResponse(p.reply(p.INVALID_DATA, "Phần tệp quá lớn."), status_code=413)
        data = bytes(data)
        result = await anyio.to_thread.run_sync(store.put_part, sha256, index, data, part_sha, size, part_size)
        return JSONResponse(result, status_code=409 if result["error_code"] == p.CONFLICT else 200)

    @app.get("/api/v1/changes", response_model=ProtocolReply)
    def changes(MaDinhDanhDV: str = Query(...), since: int = Query(0, ge=0),  # noqa: N803 - protocol name
                limit: int = Query(100, ge=1, le=1000)) -> dict:
        rows = store.changes_since(MaDinhDanhDV, since, limit)
        cursor = rows[-1][0] if rows else since
        items = [body for _id, body in rows]
        if rows and faults.chance("duplicate_ack"):
            # Re-deliver: each change twice, and a cursor one behind so the last comes again next time.
            items = [body for body in items for _ in (0, 1)]
            cursor = rows[-2][0] if len(rows) > 1 else since
        return p.reply(data={"changes": items, "cursor": str(cursor)})

    # -- administration (no faults here; the admin token is required) --

    @app.get("/admin/faults")
    def get_faults() -> dict:
        return faults.as_dict()

    @app.post("/admin/faults")
    def set_faults(values: dict[str, Any] = Body(...)) -> JSONResponse:
        try:
            faults.update(values)
        except (TypeError, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(faults.as_dict())

    @app.post("/admin/advance")
    def advance(step_seconds: float | None = Body(None, embed=True)) -> dict:
        """Run one processing step for every waiting dossier now (tests, demonstrations)."""
        if step_seconds is not None:
            scheduler.step_seconds = float(step_seconds)
        return {"moved": advance_due(store, scheduler.step_seconds, force=True)}

    @app.get("/admin/stats")
    def stats(verify: bool = False) -> dict:
        return store.stats(verify)

    @app.put("/bench/raw/{name}")
    async def raw_upload(request: Request, name: str = PathParam(..., pattern=r"^[A-Za-z0-9._-]{1,100}$")) -> dict:
        """Benchmark baseline: store the bytes as they come, no protocol, no hashing."""
        data = await request.body()
        size = await anyio.to_thread.run_sync(store.store_raw, name, data)
        return {"size": size}

    return FaultMiddleware(AuthMiddleware(app, auth), faults), app


def build(folder: Path, faults: FaultSettings | None = None, step_seconds: float = 60.0,
          auth: SandboxAuth | None = None):  # noqa: ANN201
    """The ASGI app to serve (faults in front, then authentication) — see :func:`create_app`."""
    return create_app(folder, faults, step_seconds, auth=auth)[0]
