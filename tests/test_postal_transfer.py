"""The postal employee's offline device, refunds of fees for items sent back, results waiting for the post
(docs/POSTAL.md, issue 12).

The postal employee collects two dossiers on a laptop with its own database (no network), exports them
to one file, and the desk imports that file before the hand-over: the items arrive once, with their pages
and slips, whatever happens to the file (imported twice, tampered with, cut short, from an unknown
employee).
"""

from __future__ import annotations

import json
import os
import zipfile
from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.domain.postal_code import make_s10
from desk_app.domain.status import Channel, DossierStatus as S
from desk_app.security.roles import PermissionDeniedError
from desk_app.services import lifecycle, payments, postal, postal_transfer
from desk_app.services.intake import Decision, IntakeSession, store_pages
from desk_app.services.users import create_user, sign_in
from desk_app.storage.models import AuditEntry, Dossier
from desk_app.storage.postal_models import PostalItem
from tests.conftest import ADMIN_PASSWORD, make_page_image

COLLECTED = datetime(2026, 3, 6, 14, 0)        # Friday, at the citizens' homes
HANDED = datetime(2026, 3, 9, 8, 0)            # Monday morning at the commune centre
POSTAL_PASSWORD = "Mưa-rào-mùa-hạ-1234"
S10 = [make_s10("EE", 22345670 + n) for n in range(3)]


def postal_laptop(folder, migrated_database):
    """A desk of its own in *folder* (the laptop's data folder), with its administrator and Hà's account."""
    from desk_app.desk import Desk

    folder.mkdir()
    descriptor = os.open(folder / "desk.sqlite3", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(migrated_database)
    opened = Desk.open(folder)
    create_user(opened.sessions, "admin", "Quản Trị Viên", "admin", ADMIN_PASSWORD)
    create_user(opened.sessions, "ha.vu", "Vũ Thị Thu Hà", "postal", POSTAL_PASSWORD,
                created_by=sign_in(opened.sessions, "admin", ADMIN_PASSWORD))
    return opened


@pytest.fixture
def device(tmp_path, migrated_database, monkeypatch, desk, admin):
    """The postal employee's laptop: a desk of its own, in another folder, with its own accounts; the desk's
    administrator registered it (its public key, after comparing fingerprints)."""
    opened = postal_laptop(tmp_path / "Máy bưu cục Hòa An", migrated_database)
    shown = postal_transfer.this_device(opened)
    postal_transfer.trust_device(desk, admin, shown.public_key, "Máy xách tay Bưu điện xã Hòa An")
    yield opened
    opened.close()


def _resign(path, device):
    """What the device itself would have written for the edited manifest (a legitimate but odd export)."""
    from desk_app.security import device_keys

    key = device_keys.device_private_key(device.folder)
    with zipfile.ZipFile(path) as old:
        members = {i.filename: old.read(i.filename) for i in old.infolist()}
    members["manifest.sig"] = json.dumps({"public_key": device_keys.public_key_text(key),
                                          "signature": device_keys.sign(key, members["manifest.json"])}).encode()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)
    return path


@pytest.fixture
def postman_here(desk, admin):
    """The same employee's account on the desk (created by the desk's administrator)."""
    create_user(desk.sessions, "ha.vu", "Vũ Thị Thu Hà", "postal", POSTAL_PASSWORD, created_by=admin)
    return sign_in(desk.sessions, "ha.vu", POSTAL_PASSWORD)


def _collect(device, tmp_path, n: int, name: str, id_number: str, *, fee: int = 15000):
    who = sign_in(device.sessions, "ha.vu", POSTAL_PASSWORD)
    pages = store_pages(device, [make_page_image(tmp_path / "Ảnh chụp tại nhà" / f"{name} {i}.png", f"{name} {i}")
                                 for i in range(2)])
    intake = IntakeSession(procedure_code="1.004873", applicant_name=name, applicant_id_number=id_number,
                           applicant_address="Thôn Đông, xã Hòa An", applicant_phone="0912345678", pages=pages)
    return postal.collect(device, who, intake, S10[n], fee_collected=fee, postal_charge=25000,
                          at=COLLECTED.replace(minute=10 * n))


def _export(device, tmp_path, **extra):
    who = sign_in(device.sessions, "ha.vu", POSTAL_PASSWORD)
    return postal_transfer.export_items(device, who, tmp_path / "Chuyển sang xã" / "bưu gửi 6-3.zip",
                                        at=COLLECTED.replace(hour=17), **extra)


def test_items_collected_offline_reach_the_desk_once_and_are_handed_over(
        device, desk, postman_here, clerk, tmp_path):
    _collect(device, tmp_path, 0, "Phạm Quốc Đạt", "038096001234")
    _collect(device, tmp_path, 1, "Ngô Thị Mai", "038196002345")
    exported = _export(device, tmp_path)
    assert exported.s10s == tuple(S10[:2])
    # On the device the items have left: not in transit there any more, and not exported twice by mistake.
    assert postal.items_in_transit(device, sign_in(device.sessions, "ha.vu", POSTAL_PASSWORD)) == []
    with pytest.raises(postal.PostalError, match="Không có bưu gửi nào"):
        _export(device, tmp_path)

    outcome = postal_transfer.import_bundle(desk, clerk, exported.path)
    assert outcome.imported == tuple(S10[:2]) and outcome.already_present == ()
    assert outcome.sha256 == exported.sha256
    again = postal_transfer.import_bundle(desk, clerk, exported.path)  # the same file a second time
    assert again.imported == () and again.already_present == tuple(S10[:2])
    with desk.sessions() as session:
        assert session.scalar(select(PostalItem).where(PostalItem.s10 == S10[0])).origin
        assert len(session.scalars(select(PostalItem)).all()) == 2
    # The clerk brings each one up by its S10 with its pages (the files came with the transfer file).
    view = postal.item_by_s10(desk, clerk, S10[1])
    assert view.applicant_name == "Ngô Thị Mai" and view.collected_by == "Vũ Thị Thu Hà"
    assert all(desk.archive.verify(sha) for sha in view.page_hashes)
    assert [v.s10 for v in postal.items_in_transit(desk, postman_here)] == S10[:2]

    handed = postal.handover(desk, clerk, postal_employee="Vũ Thị Thu Hà", postal_employee_id="038185009999",
                             items=[postal.HandoverItem(S10[0]), postal.HandoverItem(S10[1])], at=HANDED)
    for item in handed.items:
        d = desk_dossier(desk, item.code)
        assert d.channel == int(Channel.POSTAL) and d.received_at == HANDED
    # Re-exporting the lost file on the device is possible on purpose, and the desk does not file twice.
    again_file = _export(device, tmp_path, again=True)
    assert postal_transfer.import_bundle(desk, clerk, again_file.path).imported == ()


def desk_dossier(desk, code) -> Dossier:
    with desk.sessions() as session:
        return session.scalar(select(Dossier).where(Dossier.code == code))


def _rewrite(source, target, change):
    """A copy of the transfer file with *change(name, data) -> data | None* applied to each member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def test_a_damaged_or_foreign_file_imports_nothing_and_says_why(device, desk, postman_here, clerk, tmp_path):
    _collect(device, tmp_path, 0, "Phạm Quốc Đạt", "038096001234")
    _collect(device, tmp_path, 1, "Ngô Thị Mai", "038196002345")
    good = _export(device, tmp_path).path
    page = IntakeSession.from_json(json.loads(zipfile.ZipFile(good).read("manifest.json"))["items"][1]
                                   ["intake_json"]).pages[0].sha256

    tampered = _rewrite(good, tmp_path / "sửa trang.zip",
                        lambda n, d: d[:-10] + b"0123456789" if n == f"files/{page}" else d)
    with pytest.raises(postal.PostalError, match="đã bị thay đổi") as raised:
        postal_transfer.import_bundle(desk, clerk, tampered)
    assert S10[1] in str(raised.value) and "Không có bưu gửi nào được nhập" in str(raised.value)

    missing = _rewrite(good, tmp_path / "thiếu trang.zip", lambda n, d: None if n == f"files/{page}" else d)
    with pytest.raises(postal.PostalError, match="thiếu trang"):
        postal_transfer.import_bundle(desk, clerk, missing)

    cut = tmp_path / "tệp dở.zip"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(postal.PostalError, match="hỏng"):
        postal_transfer.import_bundle(desk, clerk, cut)

    def other_employee(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        for item in manifest["items"]:
            item["collected_by"]["username"] = "lan.bui"
        return json.dumps(manifest, ensure_ascii=False).encode()

    # Edited on the stick: the signature no longer matches.
    edited = _rewrite(good, tmp_path / "người khác.zip", other_employee)
    with pytest.raises(postal.PostalError, match="chữ ký số không khớp"):
        postal_transfer.import_bundle(desk, clerk, edited)
    # Signed by the device, but naming an employee without an account here.
    with pytest.raises(postal.PostalError, match="lan.bui"):
        postal_transfer.import_bundle(desk, clerk, _resign(edited, device))
    unsigned = _rewrite(good, tmp_path / "không chữ ký.zip", lambda n, d: None if n == "manifest.sig" else d)
    with pytest.raises(postal.PostalError, match="không có chữ ký"):
        postal_transfer.import_bundle(desk, clerk, unsigned)

    with desk.sessions() as session:  # nothing half-imported by any of them
        assert session.scalars(select(PostalItem)).all() == []
    assert postal_transfer.import_bundle(desk, clerk, good).imported == tuple(S10[:2])


def test_the_same_s10_with_other_content_is_refused(device, desk, postman_here, clerk, tmp_path):
    _collect(device, tmp_path, 0, "Phạm Quốc Đạt", "038096001234")
    postal_transfer.import_bundle(desk, clerk, _export(device, tmp_path).path)

    def renamed(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        intake = json.loads(manifest["items"][0]["intake_json"])
        intake["applicant_name"] = "Phạm Quốc Đại"
        manifest["items"][0]["intake_json"] = json.dumps(intake, ensure_ascii=False)
        return json.dumps(manifest, ensure_ascii=False).encode()

    changed = _resign(_rewrite(_export(device, tmp_path, again=True).path, tmp_path / "đổi tên.zip", renamed),
                      device)
    with pytest.raises(postal.PostalError, match="nội dung khác"):
        postal_transfer.import_bundle(desk, clerk, changed)


def test_only_files_of_a_registered_device_are_imported(device, desk, postman_here, clerk, admin, tmp_path):
    _collect(device, tmp_path, 0, "Phạm Quốc Đạt", "038096001234")
    good = _export(device, tmp_path).path
    shown = postal_transfer.this_device(device)
    assert shown.fingerprint.count("-") == 3 and len(shown.fingerprint) == 19
    assert postal_transfer.this_device(device).public_key == shown.public_key      # one key per machine
    from desk_app.security.device_keys import KEY_FILE

    assert (device.folder / KEY_FILE).stat().st_mode & 0o777 == 0o600                # its private half stays private
    # Registering is the administrator's, and once is enough.
    with pytest.raises(PermissionDeniedError):
        postal_transfer.trust_device(desk, clerk, shown.public_key, "Máy lạ")
    with pytest.raises(postal.PostalError, match="đã được đăng ký"):
        postal_transfer.trust_device(desk, admin, shown.public_key, "Máy xách tay 2")
    with pytest.raises(postal.PostalError, match="Khóa công khai không hợp lệ"):
        postal_transfer.trust_device(desk, admin, "không phải khóa", "Máy lạ")
    # A lost laptop: its files are refused from now on, naming it; registered again, they are accepted.
    postal_transfer.revoke_device(desk, admin, shown.fingerprint.lower(), at=datetime(2026, 3, 7, 8, 0))
    with pytest.raises(postal.PostalError, match="đã bị thu hồi đăng ký ngày 07/03/2026"):
        postal_transfer.import_bundle(desk, clerk, good)
    [listed] = postal_transfer.trusted_devices(desk, admin)
    assert listed.name == "Máy xách tay Bưu điện xã Hòa An" and listed.revoked_at is not None
    postal_transfer.trust_device(desk, admin, shown.public_key, "Máy xách tay Bưu điện xã Hòa An")
    assert postal_transfer.import_bundle(desk, clerk, good).imported == (S10[0],)
    # Another laptop, never registered: refused with the fingerprint the administrator must compare.
    from desk_app.security import device_keys

    stranger = device_keys.device_private_key(tmp_path / "Máy lạ")
    foreign = tmp_path / "máy lạ.zip"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(foreign, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "manifest.sig":
                data = json.dumps({"public_key": device_keys.public_key_text(stranger),
                                   "signature": device_keys.sign(stranger, old.read("manifest.json"))}).encode()
            new.writestr(info.filename, data)
    with pytest.raises(postal.PostalError, match="chưa đăng ký") as raised:
        postal_transfer.import_bundle(desk, clerk, foreign)
    assert device_keys.fingerprint(device_keys.public_key_text(stranger)) in str(raised.value)
    with desk.sessions() as session:
        actions = [a.action for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("postal.device_trusted") == 2 and "postal.device_revoked" in actions


def test_export_is_the_postal_employees_and_import_is_audited(device, desk, clerk, postman_here, tmp_path):
    with pytest.raises(PermissionDeniedError):
        postal_transfer.export_items(desk, clerk, tmp_path / "x.zip")
    _collect(device, tmp_path, 0, "Phạm Quốc Đạt", "038096001234")
    exported = _export(device, tmp_path)
    postal_transfer.import_bundle(desk, clerk, exported.path)
    with desk.sessions() as session:
        row = session.scalar(select(AuditEntry).where(AuditEntry.action == "postal.import"))
    assert row is not None and exported.sha256 in json.dumps(row.details, ensure_ascii=False)


def test_fees_of_items_sent_back_are_refunded_through_the_post_office(desk, postman_here, clerk, tmp_path):
    for n, (name, id_number) in enumerate([("Phạm Quốc Đạt", "038096001234"), ("Ngô Thị Mai", "038196002345"),
                                           ("Bùi Văn Toàn", "038096003456")]):
        pages = store_pages(desk, [make_page_image(tmp_path / f"{name}.png", name)])
        intake = IntakeSession(procedure_code="1.004873", applicant_name=name, applicant_id_number=id_number,
                               applicant_address="Thôn Đông, xã Hòa An", pages=pages)
        postal.collect(desk, postman_here, intake, S10[n], fee_collected=15000, at=COLLECTED.replace(minute=n))
    defect = [{"component": "Tờ khai", "requirement": "Ký đủ", "reason": "Thiếu chữ ký"}]
    postal.handover(desk, clerk, postal_employee="Vũ Thị Thu Hà", postal_employee_id="038185009999",
                    items=[postal.HandoverItem(S10[0]), postal.HandoverItem(S10[1], Decision.INCOMPLETE, defect),
                           postal.HandoverItem(S10[2], Decision.REFUSE, reasons=["Không thuộc thẩm quyền"])],
                    fees_handed_over=15000, at=HANDED)
    pending = postal.refunds_pending(desk, postman_here)
    assert [(r.s10, r.amount, r.decision) for r in pending] == [(S10[1], 15000, "incomplete"),
                                                                (S10[2], 15000, "refuse")]
    with pytest.raises(postal.PostalError, match="không có phí, lệ phí phải hoàn trả"):
        postal.record_refund(desk, postman_here, S10[0])
    done = postal.record_refund(desk, postman_here, S10[1], at=HANDED.replace(hour=15), note="Trả tận nhà")
    assert done.refunded_at == HANDED.replace(hour=15)
    with pytest.raises(postal.PostalError, match="đã được hoàn trả"):
        postal.record_refund(desk, postman_here, S10[1])
    assert [r.s10 for r in postal.refunds_pending(desk, clerk)] == [S10[2]]


def test_results_waiting_to_go_out_by_post(desk, clerk, tmp_path, fixed_clock):
    fixed_clock(datetime(2026, 3, 9, 9, 0))
    from desk_app.services.intake import store_pages as store

    codes = []
    for n, by_post in enumerate([True, False, True]):
        pages = store(desk, [make_page_image(tmp_path / f"tờ khai {n}.png", f"tờ khai {n}")])
        session = IntakeSession(procedure_code="1.004873", applicant_name=["Lê Thị Hồng", "Trần Văn Nam",
                                                                             "Đỗ Minh Châu"][n],
                                applicant_id_number=f"03809600{n}234", applicant_address="Xóm Bãi, xã Hòa An",
                                pages=pages, return_by_post=by_post,
                                delivery_address="Số 7, xóm Bãi, xã Hòa An" if by_post else "")
        codes.append(session.finish(desk, clerk, at=datetime(2026, 3, 9, 9, n)).code)
    for n, code in enumerate(codes[:2]):
        lifecycle.record_result(desk, clerk, code, ["Giấy xác nhận"],
                                store(desk, [make_page_image(tmp_path / f"kết quả {n}.png", "kết quả")]),
                                at=datetime(2026, 3, 10, 9, n))
    waiting = postal.results_waiting_for_post(desk, clerk)
    assert [w.dossier_code for w in waiting] == [codes[0]]  # ready and by post; the third is not ready yet
    assert waiting[0].delivery_address == "Số 7, xóm Bãi, xã Hòa An"
    assert waiting[0].fee_unpaid  # shown, so the clerk collects before handing the result to the post
    payment = payments.open_payment(desk, clerk, codes[0], "cash")
    payments.confirm_payment(desk, clerk, payment.id)
    assert not postal.results_waiting_for_post(desk, clerk)[0].fee_unpaid
    postal.send_results(desk, clerk, postal_employee="Vũ Thị Thu Hà", items=[(codes[0], make_s10("RR", 55500011))],
                        at=datetime(2026, 3, 10, 10, 0))
    assert postal.results_waiting_for_post(desk, clerk) == []
    assert desk_dossier(desk, codes[0]).status == int(S.RESULT_READY)
