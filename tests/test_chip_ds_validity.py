"""Passive authentication, step 4: the document signer's certificate must be within its validity and not on
a revocation list its CSCA signed (no card reader needed: the SOD is checked as the reader would)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from scanning.id_card.chip.passive_auth import (
    STATUS_DS_EXPIRED,
    STATUS_DS_REVOKED,
    STATUS_VERIFIED,
    check_sod,
    load_revocation_lists,
)
from tests.chip_issuer import MOTHER, dg1, dg13, make_authority, sod

GROUPS = {1: dg1(MOTHER), 13: dg13(MOTHER)}


def _crl(issuer_key, issuer_name: x509.Name, serials: list[int]) -> x509.CertificateRevocationList:  # noqa: ANN001
    now = datetime.now(timezone.utc)
    builder = (x509.CertificateRevocationListBuilder().issuer_name(issuer_name)
               .last_update(now - timedelta(days=1)).next_update(now + timedelta(days=30)))
    for serial in serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now - timedelta(hours=1)).build())
    return builder.sign(issuer_key, hashes.SHA256())


def test_a_ds_certificate_in_its_validity_and_not_revoked_is_verified():
    authority = make_authority()
    result = check_sod(sod(GROUPS, authority), GROUPS, [authority.csca], [_crl(authority.csca_key,
                                                                               authority.csca.subject, [12345])])
    assert result.status == STATUS_VERIFIED and result.trusted


def test_an_expired_ds_certificate_is_not_verified_and_says_why():
    authority = make_authority()
    later = datetime.now(timezone.utc) + timedelta(days=3700)   # past the DS certificate's ten years
    result = check_sod(sod(GROUPS, authority), GROUPS, [authority.csca], at=later)
    assert result.status == STATUS_DS_EXPIRED and not result.trusted
    assert "thời hạn" in result.message


def test_a_revoked_ds_certificate_is_not_verified(tmp_path):
    authority = make_authority()
    folder = tmp_path / "CSCA đã cài"
    folder.mkdir()
    crl = _crl(authority.csca_key, authority.csca.subject, [authority.ds.serial_number])
    (folder / "vn-csca.crl").write_bytes(crl.public_bytes(serialization.Encoding.DER))
    (folder / "hỏng.crl").write_bytes(b"not a CRL")            # an unreadable file is skipped, not fatal
    result = check_sod(sod(GROUPS, authority), GROUPS, [authority.csca], load_revocation_lists(folder))
    assert result.status == STATUS_DS_REVOKED and not result.trusted
    assert "thu hồi" in result.message


def test_a_revocation_list_not_signed_by_the_csca_is_ignored():
    authority, stranger = make_authority(), make_authority("Ai đó khác")
    forged = _crl(stranger.csca_key, authority.csca.subject, [authority.ds.serial_number])
    result = check_sod(sod(GROUPS, authority), GROUPS, [authority.csca], [forged])
    assert result.status == STATUS_VERIFIED


def test_an_expired_ds_of_another_authority_still_reads_as_unknown_csca():
    authority, other = make_authority(), make_authority("CSCA khác")
    result = check_sod(sod(GROUPS, authority), GROUPS, [other.csca],
                       at=datetime.now(timezone.utc) + timedelta(days=3700))
    assert result.status == "unknown_csca"
