"""Procedure catalog: shipped data, versioning by date, search, and loader validation."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from datetime import date, time

import pytest

from desk_app.catalog.procedures import (
    CatalogError,
    PaperKind,
    ProcedureCatalog,
    UnknownProcedureError,
)
from desk_app.domain.fees import FeeKind, FeeRequest, FeeType, compute_fee
from desk_app.domain.status import Channel
from desk_app.domain.time_limits import TimeLimit, TimeUnit
from desk_app.text import fold
from resources import resource_path

TODAY = date(2026, 11, 24)
BEFORE_SWITCH = date(2026, 8, 31)   # last day of the old linked-group codes in the sample catalog
AFTER_SWITCH = date(2026, 9, 1)


@pytest.fixture(scope="module")
def catalog() -> ProcedureCatalog:
    return ProcedureCatalog.load()


# -- shipped data -------------------------------------------------------------------------------------------

def test_shipped_file_is_nfc():
    text = resource_path("catalog", "procedures.json").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text


@pytest.mark.parametrize(
    "code",
    ["1.001193", "1.000656", "1.000894", "1.004873", "2.000815", "2.000884", "1.004222", "2.000635",
     "3.000722", "2.002913"],
)
def test_required_procedures_are_in_force_today(catalog, code):
    assert catalog.get(code, TODAY).code == code


def test_birth_registration(catalog):
    proc = catalog.get("1.001193", TODAY)
    assert proc.name == "Đăng ký khai sinh"
    assert (proc.field_code, proc.field_name, proc.authority) == ("ho_tich", "Hộ tịch", "UBND cấp xã")
    assert proc.time_limit == TimeLimit(0, TimeUnit.SAME_DAY)
    assert proc.cutoff == time(15, 0)
    assert proc.fee_rule.kind is FeeKind.FREE
    assert proc.form_key == "birth_registration"
    assert proc.effective_to is None


def test_shown_only_papers_need_no_digitising(catalog):
    identity = catalog.get("1.001193", TODAY).component("TP3")
    assert identity.paper_kind is PaperKind.XUAT_TRINH
    assert identity.shown_only is True
    original = catalog.get("2.000815", TODAY).component("TP1")
    assert (original.paper_kind, original.shown_only) == (PaperKind.BAN_CHINH, True)
    assert catalog.get("1.001193", TODAY).component("TP1").shown_only is False


def test_residence_registration(catalog):
    proc = catalog.get("1.004222", TODAY)
    assert proc.authority == "Công an cấp xã"
    assert proc.field_name == "Đăng ký, quản lý cư trú"
    assert proc.time_limit == TimeLimit(7, TimeUnit.WORKING_DAYS)
    assert proc.fee_rule.fee_type is FeeType.LE_PHI
    assert [compute_fee(proc.fee_rule, FeeRequest(channel=c)).amount for c in Channel] == [20000, 10000, 20000]
    exempt = compute_fee(proc.fee_rule, FeeRequest(exemption="ho_ngheo"))
    assert (exempt.amount, exempt.exempt_reason) == (0, "Người thuộc hộ nghèo")


def test_certification_fees_from_catalog(catalog):
    copy_rule = catalog.get("2.000815", TODAY).fee_rule
    assert compute_fee(copy_rule, FeeRequest(pages=5, copies=3)).amount == 21000
    assert compute_fee(copy_rule, FeeRequest(pages=300)).amount == 200000
    assert compute_fee(catalog.get("2.000884", TODAY).fee_rule, FeeRequest()).amount == 10000
    assert catalog.get("2.000884", TODAY).fee_rule.fee_type is FeeType.PHI


def test_hotich_exemptions_follow_the_law(catalog):
    codes = {e.code for e in catalog.get("1.004873", TODAY).fee_rule.exemptions}
    assert codes == {"gia_dinh_co_cong", "ho_ngheo", "nguoi_khuyet_tat"}


def test_marriage_verification_time_is_noted(catalog):
    assert "05 ngày làm việc" in catalog.get("1.000894", TODAY).notes


# -- versioning ---------------------------------------------------------------------------------------------

def test_old_linked_group_codes_until_switch_date(catalog):
    assert catalog.get("2.000986", BEFORE_SWITCH).effective_to == BEFORE_SWITCH
    assert catalog.get("2.002622", BEFORE_SWITCH).code == "2.002622"
    with pytest.raises(UnknownProcedureError):
        catalog.get("3.000722", BEFORE_SWITCH)
    with pytest.raises(UnknownProcedureError):
        catalog.get("2.002913", BEFORE_SWITCH)


def test_new_linked_group_codes_from_switch_date(catalog):
    assert catalog.get("3.000722", AFTER_SWITCH).effective_from == AFTER_SWITCH
    assert catalog.get("2.002913", AFTER_SWITCH).code == "2.002913"
    with pytest.raises(UnknownProcedureError, match="thay thế bởi thủ tục 3.000722"):
        catalog.get("2.000986", AFTER_SWITCH)
    with pytest.raises(UnknownProcedureError, match="2.002913"):
        catalog.get("2.002622", AFTER_SWITCH)


def test_date_before_effective_from_raises(catalog):
    with pytest.raises(UnknownProcedureError, match="không có hiệu lực vào ngày 09/06/2024"):
        catalog.get("2.000986", date(2024, 6, 9))


def test_unknown_code_raises_in_vietnamese(catalog):
    with pytest.raises(UnknownProcedureError, match="Không có thủ tục mã 9.999999"):
        catalog.get("9.999999", TODAY)


def test_dossier_keeps_version_in_force_when_received(catalog):
    old = catalog.get("1.001193", date(2025, 6, 30))
    new = catalog.get("1.001193", date(2025, 7, 1))
    assert old.effective_to == date(2025, 6, 30)
    assert any("kết hôn" in c.name for c in old.components)
    assert not any("kết hôn" in c.name for c in new.components)
    assert [v.effective_from for v in catalog.versions("1.001193")] == [date(2016, 1, 1), date(2025, 7, 1)]


def test_active_on_sorted_by_field_then_name(catalog):
    active = catalog.active_on(TODAY)
    codes = [p.code for p in active]
    assert "2.000986" not in codes and "3.000722" in codes
    keys = [(fold(p.field_name), fold(p.name)) for p in active]
    assert keys == sorted(keys)
    assert {p.field_name for p in active} >= {"Hộ tịch", "Chứng thực", "Đăng ký, quản lý cư trú"}


def test_active_on_before_switch_lists_old_group(catalog):
    codes = [p.code for p in catalog.active_on(BEFORE_SWITCH)]
    assert "2.000986" in codes and "3.000722" not in codes


# -- search -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["khai sinh", "đăng ký khai sinh", "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "Dang Ky Khai Sinh"])
def test_search_with_and_without_diacritics(catalog, query):
    results = [p.code for p in catalog.search(query, TODAY)]
    assert results[0] == "1.001193"
    assert "3.000722" in results  # the linked group mentions khai sinh too


def test_search_folds_diacritics_both_ways(catalog):
    assert [p.code for p in catalog.search("ket hon", TODAY)] == ["1.000894"]
    assert [p.code for p in catalog.search("kết hôn", TODAY)] == ["1.000894"]
    with_marks = {p.code for p in catalog.search("chứng thực", TODAY)}
    without = {p.code for p in catalog.search("chung thuc", TODAY)}
    assert with_marks == without == {"2.000815", "2.000884"}
    assert [p.code for p in catalog.search("dang ky thuong tru", TODAY)][0] == "1.004222"


def test_search_by_code_and_prefix(catalog):
    assert [p.code for p in catalog.search("1.004222", TODAY)] == ["1.004222"]
    assert {p.code for p in catalog.search("2.0008", TODAY)} == {"2.000815", "2.000884"}


def test_search_word_prefixes_and_field(catalog):
    assert "1.004873" in {p.code for p in catalog.search("tinh trang hon", TODAY)}
    assert {p.code for p in catalog.search("ho tich", TODAY)} >= {"1.001193", "1.000656", "1.000894"}


def test_search_respects_date(catalog):
    assert "2.000986" in {p.code for p in catalog.search("khai sinh", BEFORE_SWITCH)}
    assert "2.000986" not in {p.code for p in catalog.search("khai sinh", TODAY)}
    assert catalog.search("không có thủ tục này", TODAY) == []
    assert len(catalog.search("  ", TODAY)) == len(catalog.active_on(TODAY))


# -- loader validation --------------------------------------------------------------------------------------

VALID = {
    "format_version": 1,
    "exemptions": {"ho_ngheo": "Người thuộc hộ nghèo"},
    "procedures": [
        {
            "code": "1.001193",
            "versions": [
                {
                    "effective_from": "2025-07-01",
                    "effective_to": None,
                    "name": "Đăng ký khai sinh",
                    "field": {"code": "ho_tich", "name": "Hộ tịch"},
                    "authority": "UBND cấp xã",
                    "components": [
                        {"code": "TP1", "name": "Tờ khai", "required": True, "paper_kind": "ban_chinh"},
                        {"code": "TP2", "name": "Giấy tờ tùy thân", "required": True, "paper_kind": "xuat_trinh"},
                    ],
                    "time_limit": {"amount": 0, "unit": "same_day"},
                    "cutoff": "15:00",
                    "fee": {"kind": "free", "exemptions": ["ho_ngheo"]},
                    "form_key": "birth_registration",
                }
            ],
        }
    ],
}


def _write(tmp_path, data) -> str:
    path = tmp_path / "danh_mục.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _version(data):
    return data["procedures"][0]["versions"][0]


def test_minimal_valid_file_loads(tmp_path):
    catalog = ProcedureCatalog.load(_write(tmp_path, VALID))
    proc = catalog.get("1.001193", date(2025, 7, 1))
    assert proc.component("TP2").shown_only is True  # default for xuat_trinh
    assert proc.fee_rule.exemptions[0].name == "Người thuộc hộ nghèo"


def test_text_is_normalised_to_nfc(tmp_path):
    data = copy.deepcopy(VALID)
    _version(data)["name"] = unicodedata.normalize("NFD", "Đăng ký khai sinh")
    proc = ProcedureCatalog.load(_write(tmp_path, data)).get("1.001193", date(2025, 7, 1))
    assert proc.name == "Đăng ký khai sinh"


def _broken(mutate):
    data = copy.deepcopy(VALID)
    mutate(data)
    return data


def _second_version(data, start, end=None):
    extra = copy.deepcopy(_version(data))
    extra.update(effective_from=start, effective_to=end)
    data["procedures"][0]["versions"].append(extra)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(format_version=2), "format_version"),
        (lambda d: d["procedures"][0].update(code="1001193"), "không đúng dạng"),
        (lambda d: d["procedures"].append(copy.deepcopy(d["procedures"][0])), "khai báo hai lần"),
        (lambda d: _version(d).pop("name"), "thủ tục 1.001193, phiên bản từ 2025-07-01, trường 'name'"),
        (lambda d: _version(d).update(name="  "), "trường 'name'"),
        (lambda d: _version(d).update(effective_from="01/07/2025"), "trường 'effective_from'"),
        (lambda d: _version(d).update(effective_to="2025-06-01"), "trước ngày bắt đầu"),
        (lambda d: _version(d).update(efective_to="2026-01-01"), "trường 'efective_to': trường không được hỗ trợ"),
        (lambda d: _version(d).update(cutoff="3pm"), "trường 'cutoff'"),
        (lambda d: _version(d).update(time_limit={"amount": 3, "unit": "weeks"}), "đơn vị thời hạn 'weeks'"),
        (lambda d: _version(d).update(time_limit={"amount": -1, "unit": "working_days"}), "trường 'time_limit'"),
        (lambda d: _version(d).update(fee={"kind": "flat", "amount": 1000}), "trường 'fee'"),
        (lambda d: _version(d).update(field={"code": "ho_tich"}), "trường 'field'"),
        (lambda d: _version(d).update(components=[]), "ít nhất một thành phần"),
        (lambda d: _version(d)["components"][0].update(paper_kind="ban_goc"), "thành phần TP1, trường 'paper_kind'"),
        (lambda d: _version(d)["components"][0].update(quantity=0), "trường 'quantity'"),
        (lambda d: _version(d)["components"][1].update(shown_only=False), "luôn chỉ xuất trình"),
        (lambda d: _version(d)["components"][1].update(code="TP1"), "mã thành phần bị trùng: TP1"),
        (lambda d: _version(d)["components"][0].update(required="có"), "trường 'required'"),
        (lambda d: _version(d)["fee"].update(exemptions=["khuyet_tat"]), "chưa được khai báo"),
    ],
)
def test_loader_errors_name_procedure_and_field(tmp_path, mutate, expected):
    with pytest.raises(CatalogError, match=re.escape(expected)):
        ProcedureCatalog.load(_write(tmp_path, _broken(mutate)))


def test_overlapping_versions_are_a_load_error(tmp_path):
    def mutate(data):
        _version(data)["effective_to"] = "2026-01-31"
        _second_version(data, "2026-01-15")

    with pytest.raises(CatalogError, match="1.001193: hai phiên bản chồng lấn"):
        ProcedureCatalog.load(_write(tmp_path, _broken(mutate)))


def test_open_ended_version_followed_by_another_is_overlap(tmp_path):
    with pytest.raises(CatalogError, match="chồng lấn"):
        ProcedureCatalog.load(_write(tmp_path, _broken(lambda d: _second_version(d, "2026-01-01"))))


def test_adjacent_versions_and_gaps_are_fine(tmp_path):
    def mutate(data):
        _version(data)["effective_to"] = "2025-12-31"
        _second_version(data, "2026-01-01", "2026-03-31")
        _second_version(data, "2026-06-01")  # gap in April–May: code not in force

    catalog = ProcedureCatalog.load(_write(tmp_path, _broken(mutate)))
    assert catalog.get("1.001193", date(2026, 1, 1)).effective_from == date(2026, 1, 1)
    with pytest.raises(UnknownProcedureError):
        catalog.get("1.001193", date(2026, 4, 15))


def test_missing_and_malformed_files(tmp_path):
    with pytest.raises(CatalogError, match="Không tìm thấy"):
        ProcedureCatalog.load(tmp_path / "khong_co.json")
    bad = tmp_path / "hỏng.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(CatalogError, match="không phải JSON"):
        ProcedureCatalog.load(bad)
