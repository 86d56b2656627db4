"""Pre-fill the e-form of a procedure at the counter from what the desk knows about the applicant."""

from __future__ import annotations

from typing import Any

from desk_app.desk import Desk
from desk_app.eforms.prefill import PrefillResult, gather_inputs, prefill
from desk_app.eforms.schema import FormSchema, available_procedures, load_schema
from desk_app.security.identity import Identity
from desk_app.services.registry import CitizenRegistry


def schema_for(procedure_code: str) -> FormSchema | None:
    """The e-form of a procedure, or None when the procedure has no e-form schema yet."""
    return load_schema(procedure_code) if procedure_code in available_procedures() else None


def prefill_for_applicant(desk: Desk, who: Identity, schema: FormSchema, card: Any | None,
                          applicant: dict[str, str]) -> PrefillResult:
    """Merge the ID card (held by the applicant, the form's first person), the registry and what the clerk typed.

    The registry is read as *who* (checked and audited by :class:`~desk_app.services.registry.CitizenRegistry`).

    *applicant* holds the reception fields (name, address); they count as typed by the clerk, so the
    engine never replaces them.
    """
    from desk_app.security.access import authorized
    from desk_app.security.roles import Permission

    authorized(desk.sessions, who, Permission.VIEW_DOSSIERS)  # even when nothing is looked up
    first_person = next(iter(schema.persons), "declarant")
    typed = {}
    for spec in schema.fields:
        if spec.person == first_person and spec.attr in applicant and applicant[spec.attr]:
            typed[spec.key] = applicant[spec.attr]
    inputs = gather_inputs(CitizenRegistry(desk.sessions, who), schema.procedure, card=card, clerk=typed,
                           settings={"agency_name": desk.settings.agency_name,
                                     "place_name": desk.settings.place_name},
                           card_role=first_person)
    return prefill(schema, inputs)
