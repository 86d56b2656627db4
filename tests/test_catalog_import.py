"""Issue 10 §3: importing a province's procedure list (national TTHC record structure) into the catalog.

The shipped sample imports with ≥ 100 commune procedures, all loadable; a malformed record is named
(position, code, field) and nothing is written; a second import shows what changed; ``catalog list --json``
gives code and name; the import needs a signed-in administrator and is audited.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.catalog.importer import (
    CatalogImportError,
    build_catalog,
    diff_catalogs,
    imported_catalog_path,
    prepare_import,
    write_import,
)
from desk_app.catalog.procedures import ProcedureCatalog
from desk_app.cli import main
from desk_app.domain.time_limits import TimeUnit
from resources import resource_path
from tests.conftest import ADMIN_PASSWORD, CLERK_PASSWORD

SAMPLE = resource_path("catalog", "sample-commune-procedures.json")
ON = date(2026, 3, 2)


def _sample() -> dict:
    return json.loads(Path(SAMPLE).read_text(encoding="utf-8"))


def _write(tmp_path: Path, data, name: str = "danh mục tỉnh.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _record(code: str = "1.004873", **changes) -> dict:
    record = {
        "MATTHC": code, "TENTTHC": "Cấp Giấy xác nhận tình trạng hôn nhân", "CAPTHUCHIEN": ["Cấp Xã"],
        "LINHVUCTHUCHIEN": [{"MALINHVUC": "", "TENLINHVUC": "Hộ tịch"}],
        "COQUANTHUCHIEN": [{"MADONVI": "", "TENDONVI": "UBND cấp xã"}],
        "CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày làm việc",
                                                       "PHILEPHI": [{"MAPHILEPHI": "LEPHI", "SOTIEN": 15000,
                                                                     "DONVI": "Đồng"}]}]}],
        "THANHPHANHOSO": [{"TRUONGHOP": "", "GIAYTO": [
            {"MAGIAYTO": "GT01", "TENGIAYTO": "Tờ khai theo mẫu", "SOBANCHINH": 1, "SOBANSAO": 0},
            {"MAGIAYTO": "GT02", "TENGIAYTO": "Giấy tờ tùy thân", "SOBANCHINH": 0, "SOBANSAO": 0},
            {"MAGIAYTO": "GT03", "TENGIAYTO": "Bản án ly hôn", "SOBANCHINH": 0, "SOBANSAO": 2},
        ]}],
        "NGAYHIEULUC": "01/07/2025", "TRANGTHAI": 1,
    }
    record.update(changes)
    return record


# --------------------------------------------------------------------------- the shipped sample


def test_sample_imports_at_least_100_commune_procedures_all_loadable(data_folder):
    result = prepare_import(Path(SAMPLE), data_folder)
    assert result.count >= 100
    assert not result.skipped
    assert not imported_catalog_path(data_folder).exists()  # prepare writes nothing

    write_import(result)
    imported = ProcedureCatalog.load(imported_catalog_path(data_folder))   # loads on its own …
    assert len(imported.codes()) == result.count
    for code in imported.codes():
        for proc in imported.versions(code):
            assert proc.name and proc.components and proc.authority
    desk_catalog = ProcedureCatalog.load_for_desk(data_folder)             # … and laid over the shipped one
    assert len(desk_catalog.active_on(ON)) >= 100
    assert set(imported.codes()) <= set(desk_catalog.codes())


def test_import_keeps_what_the_national_record_cannot_say(data_folder):
    write_import(prepare_import(Path(SAMPLE), data_folder))
    catalog = ProcedureCatalog.load_for_desk(data_folder)
    birth = catalog.get("1.001193", ON)
    assert birth.form_key == "birth_registration" and birth.cutoff is not None   # from the shipped catalog
    assert [e.code for e in birth.fee_rule.exemptions]                            # exemptions kept too
    old_birth = catalog.get("1.001193", date(2020, 5, 4))                         # older shipped version kept
    assert old_birth.effective_to == date(2025, 6, 30)
    copy_cert = catalog.get("2.000815", ON)
    assert copy_cert.fee_rule.kind.value == "per_page_tiers" and copy_cert.fee_rule.cap_per_copy
    extract = catalog.get("2.000635", ON)
    assert extract.fee_rule.per_copy and extract.fee_rule.amount == 8000
    residence = catalog.get("1.004222", ON)
    assert (residence.fee_rule.in_person, residence.fee_rule.online) == (20000, 10000)
    # Effective dates of the record decide the linked procedures: old code until 31/08/2026, new from 01/09.
    assert catalog.get("2.000986", date(2026, 8, 31)).code == "2.000986"
    assert catalog.get("3.000722", date(2026, 9, 1)).code == "3.000722"


def test_mapping_of_counts_units_and_fees(tmp_path):
    catalog, _ = build_catalog([_record()])
    version = catalog["procedures"][0]["versions"][0]
    kinds = [(c["paper_kind"], c.get("quantity", 1)) for c in version["components"]]
    assert kinds == [("ban_chinh", 1), ("xuat_trinh", 1), ("ban_sao", 2)]
    assert version["time_limit"] == {"amount": 3, "unit": "working_days"}
    assert version["fee"] == {"kind": "flat", "fee_type": "le_phi", "amount": 15000}
    assert version["effective_from"] == "2025-07-01"
    proc = ProcedureCatalog.from_dict(catalog).get("1.004873", ON)
    assert proc.time_limit.unit is TimeUnit.WORKING_DAYS and proc.field_name == "Hộ tịch"


def test_non_commune_and_unpublished_records_are_left_out_and_said(tmp_path):
    records = [_record(), _record("1.000001", CAPTHUCHIEN=["Cấp Tỉnh"]), _record("1.000002", TRANGTHAI=0),
               _record("1.000003", CAPTHUCHIEN=[{"CAPTHUCHIEN": "1"}, {"CAPTHUCHIEN": "2"}]),
               _record("1.000004", CAPTHUCHIEN=[{"CAPTHUCHIEN": "2"}, {"CAPTHUCHIEN": "3"}])]
    catalog, skipped = build_catalog(records)
    assert [p["code"] for p in catalog["procedures"]] == ["1.000004", "1.004873"]
    assert len(skipped) == 3 and "1.000001" in skipped[0] and "Cấp Tỉnh" in skipped[0]
    assert "1.000003" in skipped[2] and "Cấp Tỉnh, Cấp Huyện" in skipped[2]
    everything, none_left = build_catalog(records[:1] + records[3:], all_levels=True)
    assert len(everything["procedures"]) == 3 and not none_left


def test_fees_given_on_the_channel_and_online_price(tmp_path):
    record = _record(CACHTHUCTHUCHIEN=[
        {"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 7, "DONVITINH": "Ngày làm việc"}],
         "PHILEPHI": [{"MAPHILEPHI": "LEPHI", "SOTIEN": 20000, "DONVI": "Đồng"}]},
        {"KENH": 2, "THOIGIAN": [{"THOIGIANGIAIQUYET": 7, "DONVITINH": "Ngày làm việc"}],
         "PHILEPHI": [{"MAPHILEPHI": "LEPHI", "SOTIEN": 10000, "DONVI": "Đồng"}]},
    ])
    version = build_catalog([record])[0]["procedures"][0]["versions"][0]
    assert version["fee"] == {"kind": "by_channel", "fee_type": "le_phi", "in_person": 20000, "online": 10000}


# --------------------------------------------------------------------------- malformed records


@pytest.mark.parametrize("index, change, field", [
    (57, {"MATTHC": "1.0012"}, "MATTHC"),
    (3, {"TENTTHC": ""}, "TENTTHC"),
    (12, {"NGAYHIEULUC": "31/02/2026"}, "NGAYHIEULUC"),
    (40, {"THANHPHANHOSO": [{"GIAYTO": [{"TENGIAYTO": "Tờ khai", "SOBANCHINH": -1}]}]}, "SOBANCHINH"),
    (88, {"CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 3, "DONVITINH": "tuần"}]}]},
     "DONVITINH"),
    (100, {"CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 1, "DONVITINH": "Ngày",
                                                          "PHILEPHI": [{"SOTIEN": 5000}]}]}]}, "MAPHILEPHI"),
    (7, {"COQUANTHUCHIEN": []}, "COQUANTHUCHIEN"),
])
def test_malformed_record_is_named_and_nothing_is_written(tmp_path, data_folder, index, change, field):
    data = _sample()
    record = data["result"][index - 1]
    code = record["MATTHC"]
    record.update(change)
    source = _write(tmp_path, data)
    with pytest.raises(CatalogImportError) as raised:
        prepare_import(source, data_folder)
    message = str(raised.value)
    assert f"Bản ghi thứ {index}" in message and field in message
    if field != "MATTHC":
        assert code in message
    assert not imported_catalog_path(data_folder).exists()


def test_cli_refuses_a_malformed_file_and_keeps_the_previous_import(tmp_path, data_folder, desk, admin,
                                                                     monkeypatch, capsys):
    monkeypatch.setenv("DESK_APP_PASSWORD", ADMIN_PASSWORD)
    assert main(["catalog", "import", str(SAMPLE), "--user", "admin"]) == 0
    before = imported_catalog_path(data_folder).read_bytes()
    capsys.readouterr()

    data = _sample()
    data["result"][41]["THANHPHANHOSO"] = "Tờ khai"
    assert main(["catalog", "import", str(_write(tmp_path, data)), "--user", "admin"]) == 2
    err = capsys.readouterr().err
    assert "Bản ghi thứ 42" in err and data["result"][41]["MATTHC"] in err and "THANHPHANHOSO" in err
    assert "Traceback" not in err
    assert imported_catalog_path(data_folder).read_bytes() == before
    assert not list(imported_catalog_path(data_folder).parent.glob(".*.tmp"))


def test_overlapping_versions_of_one_code_are_refused(tmp_path):
    records = [_record(), _record(NGAYHIEULUC="2026-01-01")]
    with pytest.raises(CatalogImportError) as raised:
        build_catalog(records)
    assert "1.004873" in str(raised.value) and "chồng lấn" in str(raised.value)


def test_unreadable_file_gives_a_message(tmp_path, data_folder):
    bad = tmp_path / "hỏng.json"
    bad.write_text("{không phải json", encoding="utf-8")
    with pytest.raises(CatalogImportError, match="JSON"):
        prepare_import(bad, data_folder)
    with pytest.raises(CatalogImportError, match="Không tìm thấy"):
        prepare_import(tmp_path / "không có.json", data_folder)
    sheet = tmp_path / "danh mục.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    with pytest.raises(CatalogImportError, match="CSV/Excel"):
        prepare_import(sheet, data_folder)


# --------------------------------------------------------------------------- diff of a second import


def test_second_import_shows_added_removed_and_changed(tmp_path, data_folder, desk, admin, monkeypatch, capsys):
    monkeypatch.setenv("DESK_APP_PASSWORD", ADMIN_PASSWORD)
    assert main(["catalog", "import", str(SAMPLE), "--user", "admin"]) == 0
    first = capsys.readouterr().out
    assert first.splitlines()[0].startswith("Thêm 105, bỏ 0, thay đổi 0")

    data = _sample()
    by_code = {r["MATTHC"]: r for r in data["result"]}
    removed = by_code["1.001167"]
    data["result"].remove(removed)
    data["result"].append(_record("1.099999", TENTTHC="Thủ tục thử nghiệm mới"))
    marriage = by_code["1.004873"]
    marriage["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["THOIGIANGIAIQUYET"] = 2
    marriage["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["PHILEPHI"][0]["SOTIEN"] = 20000
    by_code["2.000884"]["TENTTHC"] = "Chứng thực chữ ký trong giấy tờ, văn bản"
    second = _write(tmp_path, data)

    assert main(["catalog", "import", str(second), "--dry-run"]) == 0   # no sign-in needed, nothing written
    dry = capsys.readouterr().out
    assert "Thêm 1, bỏ 1, thay đổi 2" in dry
    assert "+ 1.099999 Thủ tục thử nghiệm mới" in dry
    assert "- 1.001167" in dry
    assert "~ 1.004873 Cấp Giấy xác nhận tình trạng hôn nhân: thời hạn, phí, lệ phí" in dry
    assert "~ 2.000884" in dry and ": tên" in dry
    assert "1.099999" not in imported_catalog_path(data_folder).read_text(encoding="utf-8")

    assert main(["catalog", "import", str(second), "--user", "admin"]) == 0
    assert "Thêm 1, bỏ 1, thay đổi 2" in capsys.readouterr().out
    assert "1.099999" in ProcedureCatalog.load_for_desk(data_folder).codes()
    # Importing the same file again changes nothing.
    assert main(["catalog", "import", str(second), "--dry-run"]) == 0
    assert "Thêm 0, bỏ 0, thay đổi 0" in capsys.readouterr().out


def test_diff_names_fields():
    before, _ = build_catalog([_record()])
    after = copy.deepcopy(before)
    after["procedures"][0]["versions"][0]["components"].pop()
    diff = diff_catalogs(before, after)
    assert diff.changed == {"1.004873": ["components"]} and not diff.added and not diff.removed


# --------------------------------------------------------------------------- list and permissions


def test_catalog_list_json_gives_code_and_name(data_folder, desk, admin, monkeypatch, capsys):
    assert main(["catalog", "list", "--date", "2026-03-02", "--json"]) == 0
    shipped = json.loads(capsys.readouterr().out)
    assert {"code", "name"} <= set(shipped[0]) and len(shipped) >= 10

    monkeypatch.setenv("DESK_APP_PASSWORD", ADMIN_PASSWORD)
    assert main(["catalog", "import", str(SAMPLE), "--user", "admin"]) == 0
    capsys.readouterr()
    assert main(["catalog", "list", "--date", "2026-03-02", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) >= 100
    codes = [item["code"] for item in listed]
    assert len(codes) == len(set(codes)) and "1.013225" in codes
    assert all(item["name"] for item in listed)

    assert main(["catalog", "list", "--date", "2026-09-02"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 100 and all(line.split("\t")[0] for line in lines)
    assert any(line.startswith("3.000722\t") for line in lines)
    assert not any(line.startswith("2.000986\t") for line in lines)


def test_cli_import_needs_a_signed_in_admin(data_folder, desk, admin, clerk_user, monkeypatch, capsys):
    from desk_app.storage.models import AuditEntry

    monkeypatch.delenv("DESK_APP_PASSWORD", raising=False)
    assert main(["catalog", "import", str(SAMPLE)]) == 2
    refused = capsys.readouterr()
    assert "đăng nhập" in refused.err and refused.out == ""   # no diff claimed for an import not done

    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
    assert main(["catalog", "import", str(SAMPLE), "--user", clerk_user.username]) == 2
    err = capsys.readouterr().err
    assert "Lỗi:" in err and "Traceback" not in err
    assert not imported_catalog_path(data_folder).exists()

    monkeypatch.setenv("DESK_APP_PASSWORD", ADMIN_PASSWORD)
    assert main(["catalog", "import", str(SAMPLE), "--user", "admin"]) == 0
    assert imported_catalog_path(data_folder).exists()
    with desk.sessions() as session:
        rows = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "catalog.import")))
    assert len(rows) == 1 and rows[0].details["procedures"] == 105


def test_desk_opens_with_the_imported_catalog(data_folder, monkeypatch):
    from desk_app.desk import Desk

    write_import(prepare_import(Path(SAMPLE), data_folder))
    opened = Desk.open(data_folder)
    try:
        assert len(opened.catalog.active_on(ON)) >= 100
        assert opened.catalog.get("1.013228", ON).authority == "UBND cấp xã"
    finally:
        opened.close()


def test_write_failure_is_a_message_and_keeps_the_old_catalog(data_folder, monkeypatch):
    import scanning.durable

    first = prepare_import(Path(SAMPLE), data_folder)
    write_import(first)
    before = imported_catalog_path(data_folder).read_bytes()

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scanning.durable, "atomic_write_bytes", full_disk)
    with pytest.raises(CatalogImportError, match="danh mục cũ vẫn giữ nguyên"):
        write_import(prepare_import(Path(SAMPLE), data_folder))
    assert imported_catalog_path(data_folder).read_bytes() == before
