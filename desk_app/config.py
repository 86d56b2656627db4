"""Settings of one desk: where data lives, who the agency is, office hours, provincial link.

Settings live in ``settings.json`` in the data folder and are written atomically; a broken file
is reported, never silently replaced. ``DESK_APP_DATA_DIR`` overrides the data folder (tests, kiosks).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from platformdirs import user_data_dir

from desk_app.errors import DeskError
from desk_app.text import nfc
from scanning.durable import atomic_write_bytes, make_private, make_private_dir

DATA_DIR_ENV = "DESK_APP_DATA_DIR"
SETTINGS_FILE = "settings.json"


class SettingsError(DeskError, ValueError):
    """Unreadable or invalid settings; the message names the file and the field."""


def data_dir() -> Path:
    """The folder holding the database, archived files and settings (created if missing, mode 0700)."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(user_data_dir("desk-app", "desk-app"))
    make_private_dir(path)
    make_private(path)   # citizens' data: the desk's account only, also for a folder made by an older version
    return path


@dataclass
class Settings:
    # Identity of the office (printed on every form and in every dossier code).
    agency_id: str = "000.00.00.H99"           # training identifier, replaced at installation
    agency_name: str = "UBND XÃ HÒA AN"
    desk_name: str = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    place_name: str = "Hòa An"
    # Offline dossier-code block of this desk (docs/DOSSIER_CODES.md).
    desk_number: int = 1
    sequence_block_size: int = 500
    sequence_base: int = 5000
    # Office hours: sessions as "HH:MM-HH:MM"; Saturday-morning reception does not count as working time.
    office_sessions: list[str] = field(default_factory=lambda: ["07:00-11:30", "13:30-17:00"])
    saturday_morning_reception: bool = False
    # Storage: None = SQLite in the data folder.
    database_url: str | None = None
    # Provincial system: None = training mode against the bundled sandbox server. Only https:// (docs/SECURITY.md).
    provincial_endpoint: str | None = None
    # How the desk authenticates to the province: an account (bearer tokens from the token endpoint), a
    # client certificate (mutual TLS), or both. The account's secret is never in this file: it comes from
    # $DESK_APP_PROVINCIAL_SECRET or from provincial_client_secret_file (readable by the desk's account only).
    provincial_client_id: str = ""
    provincial_client_secret_file: str | None = None
    provincial_token_url: str | None = None      # None = <provincial_endpoint>/oauth2/token
    provincial_client_cert: str | None = None    # PEM; key passphrase in $DESK_APP_PROVINCIAL_KEY_PASSPHRASE
    provincial_client_key: str | None = None     # PEM; None = the key is in the certificate file
    # Trusted roots for the province (PEM file or folder); None = the operating system's (never $SSL_CERT_FILE).
    provincial_ca_bundle: str | None = None
    # HTTP(S) proxy for the link; the environment's proxy variables are ignored.
    provincial_proxy: str | None = None
    language: str = "vi"
    # Lock the counter screen after this many minutes without keyboard or mouse input (0 = never).
    idle_lock_minutes: float = 10
    # Fee account for VietQR transfers (defaults: the NAPAS specification's test account, training only).
    bank_bin: str = "970403"
    bank_account_number: str = "0011012345678"
    bank_account_name: str = "TRUNG TAM PVHCC XA HOA AN"
    # Digitising unit's signing certificate (PKCS#12); None = a training certificate made in the data folder.
    # The passphrase comes from the DESK_APP_SIGNING_PASSPHRASE environment variable, never from this file.
    signing_pkcs12_path: str | None = None
    # RFC 3161 time-stamping authority for signatures (None: the signing time is the desk's own claim).
    signing_tsa_url: str | None = None
    # CUPS queue for forms; None = the system default printer.
    printer_name: str | None = None
    # Capture (scanning/capture): the desk's scanner and its scan-to-folder inbox.
    scanner_device: str = ""        # SANE device name (desk-app scan --list-devices); "" = the first found
    scan_resolution: int = 300      # dpi; DOMAIN.md §3.1: at least 200, 300 preferred
    scan_mode: str = "Color"        # "Color" or "Gray"
    scan_source: str = "Flatbed"    # "Flatbed" or "ADF"
    scan_inbox_folder: str = ""     # folder a networked scanner saves into; "" = not used

    @property
    def training(self) -> bool:
        return not self.provincial_endpoint

    def database_url_or_default(self, folder: Path | None = None) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(folder or data_dir()) / 'desk.sqlite3'}"

    @classmethod
    def load(cls, folder: Path | None = None) -> "Settings":
        path = (folder or data_dir()) / SETTINGS_FILE
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise SettingsError(f"Không đọc được tệp cấu hình {path}: {exc}") from exc
        if not isinstance(raw, dict):
            raise SettingsError(f"Tệp cấu hình {path} phải là một đối tượng JSON")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise SettingsError(f"Tệp cấu hình {path} có khoá không biết: {', '.join(unknown)}")
        settings = cls(**{k: (nfc(v) if isinstance(v, str) else v) for k, v in raw.items()})
        settings.validate(path)
        return settings

    def validate(self, where: Path | str = SETTINGS_FILE) -> None:
        from desk_app.domain.dossier_code import is_valid_agency_id

        if not is_valid_agency_id(self.agency_id):
            raise SettingsError(f"{where}: mã định danh cơ quan «{self.agency_id}» không hợp lệ")
        if not (1 <= int(self.desk_number) <= 99):
            raise SettingsError(f"{where}: số hiệu quầy phải từ 1 đến 99")
        if not isinstance(self.idle_lock_minutes, (int, float)) or not (0 <= self.idle_lock_minutes <= 240):
            raise SettingsError(f"{where}: idle_lock_minutes (khóa màn hình khi không dùng) phải từ 0 đến 240 phút")
        for name in ("provincial_endpoint", "provincial_token_url"):
            _check_provincial_url(where, name, getattr(self, name))
        if self.provincial_client_key and not self.provincial_client_cert:
            raise SettingsError(f"{where}: có provincial_client_key nhưng thiếu provincial_client_cert")

    def save(self, folder: Path | None = None) -> Path:
        self.validate()
        path = (folder or data_dir()) / SETTINGS_FILE
        atomic_write_bytes(path, json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8"))
        return path


def _check_provincial_url(where: Path | str, name: str, url: str | None) -> None:
    """Outside training the provincial link is https:// only (plain http:// is for the local sandbox)."""
    from urllib.parse import urlsplit

    if not url:
        return
    try:
        parts = urlsplit(str(url).strip())
        host = parts.hostname
    except ValueError:
        host, parts = None, None
    if parts is None or not host:
        raise SettingsError(f"{where}: {name} «{url}» không phải địa chỉ hợp lệ")
    if parts.scheme != "https":
        raise SettingsError(f"{where}: {name} «{url}» phải dùng https:// — dữ liệu công dân không được gửi "
                            f"qua http:// (không mã hoá, không xác minh máy chủ). http:// chỉ dùng cho máy chủ "
                            f"thử nghiệm ở chế độ đào tạo (để trống provincial_endpoint).")
    if parts.username or parts.password:
        raise SettingsError(f"{where}: {name} không được chứa tên đăng nhập hay mật khẩu")
