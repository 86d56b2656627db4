"""Electronic declaration forms (tờ khai điện tử): schemas as data, validation, derived values, pre-fill.

- :mod:`desk_app.eforms.schema` — load ``resources/forms/*.json`` and validate values
- :mod:`desk_app.eforms.derive` — values computed from others (date in words, gender from the ID …)
- :mod:`desk_app.eforms.id_card` — one ID-card reading (QR / MRZ) as a pre-fill source
- :mod:`desk_app.eforms.prefill` — merge card, registry, reused documents, form extraction, clerk input
"""
