"""Pre-fill the e-form of a procedure at the counter from what the desk knows about the applicant."""

from __future__ import annotations

import logging
from typing import Any

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.eforms.prefill import PrefillResult, gather_inputs, prefill
from desk_app.eforms.schema import FormSchema, FormSchemaError, available_procedures, load_schema
from desk_app.security.identity import Identity
from desk_app.services.registry import CitizenRegistry
from desk_app.text import nfc

log = logging.getLogger(__name__)


def schema_for(procedure_code: str) -> FormSchema | None:
    """The e-form of a procedure, or None when the procedure has no e-form schema yet — or a broken one: the
    counter goes on without the e-form (the problem is logged; ``tests/test_eform_schemas.py`` keeps the shipped
    ones loadable)."""
    if procedure_code not in available_procedures():
        return None
    try:
        return load_schema(procedure_code)
    except FormSchemaError as exc:
        log.error("e-form of %s not used: %s", procedure_code, exc)
        return None


def extraction_inputs(result: Any) -> dict[str, tuple[str, float, bool]]:
    """What :func:`scanning.form_extraction.extract_fields` read, as the engine's ``extraction`` input.

    Accepts the extraction result (``values`` and ``confidence`` per key, and a ``sure`` flag per key
    when the reader gives one: a dict ``sure`` or per-value objects with ``value``/``confidence``/``sure``),
    or a plain ``{key: (value, confidence[, sure])}`` dict. Without a flag a value is sure only at or
    above the reader's high-confidence threshold; an unsure value is a suggestion the clerk confirms.
    """
    if result is None:
        return {}
    threshold = 0.9
    out: dict[str, tuple[str, float, bool]] = {}
    if isinstance(result, dict):
        items = result.items()
    else:
        values = getattr(result, "values", None)
        values = values() if callable(values) else (values or {})
        confidence = getattr(result, "confidence", {}) or {}
        sure = getattr(result, "sure", None)
        sure = sure() if callable(sure) else sure
        items = []
        for key, value in values.items():
            if isinstance(sure, dict):
                items.append((key, (value, confidence.get(key, 0.0), bool(sure.get(key, False)))))
            else:
                items.append((key, (value, confidence.get(key, 0.0))))
    for key, raw in items:
        if hasattr(raw, "value"):  # a per-value record
            value, conf = raw.value, getattr(raw, "confidence", 0.0)
            is_sure = getattr(raw, "sure", None)
        else:
            parts = tuple(raw) if isinstance(raw, (tuple, list)) else (raw,)
            value = parts[0]
            conf = parts[1] if len(parts) > 1 else 0.0
            is_sure = parts[2] if len(parts) > 2 else None
        conf = float(conf or 0.0)
        if is_sure is None:
            is_sure = conf >= threshold
        value = nfc(str(value or ""))
        if value:
            out[str(key)] = (value, conf, bool(is_sure))
    return out


def prefill_for_applicant(desk: Desk, who: Identity, schema: FormSchema, card: Any | None,
                          applicant: dict[str, str], *, typed: dict[str, str] | None = None,
                          extraction: Any = None, desk_counts: dict[str, int] | None = None) -> PrefillResult:
    """Merge the ID card (held by the applicant, the form's first person), the registry, earlier dossiers,
    the scanned declaration and what the clerk typed.

    The registry is read as *who* (checked and audited by :class:`~desk_app.services.registry.CitizenRegistry`).

    *applicant* holds the reception fields (name, address); they count as typed by the clerk, so the
    engine never replaces them. *typed* holds e-form values the clerk typed or confirmed (key → value):
    never replaced either, and they feed their person's other fields (the mother's ID finds her in the
    registry). *extraction* is what the form extraction read (see :func:`extraction_inputs`). *desk_counts*
    are counts known at the counter ("pages" of the originals scanned, "copies" asked for) for the
    fields that follow them (chứng thực: «Số trang của bản chính»). The date of the declaration comes
    from the app clock.
    """
    from desk_app.security.access import authorized
    from desk_app.security.roles import Permission

    authorized(desk.sessions, who, Permission.VIEW_DOSSIERS)  # even when nothing is looked up
    first_person = next(iter(schema.persons), "declarant")
    clerk: dict[str, str] = {}
    for spec in schema.fields:
        if spec.person == first_person and spec.attr in applicant and applicant[spec.attr]:
            clerk[spec.key] = applicant[spec.attr]
    clerk.update({k: nfc(v) for k, v in (typed or {}).items() if k in schema.keys and nfc(v)})
    inputs = gather_inputs(CitizenRegistry(desk.sessions, who), schema.procedure, card=card, clerk=clerk,
                           extraction=extraction_inputs(extraction),
                           settings={"agency_name": desk.settings.agency_name,
                                     "place_name": desk.settings.place_name},
                           card_role=first_person, today=now_local().date(), desk_counts=desk_counts)
    return prefill(schema, inputs)
