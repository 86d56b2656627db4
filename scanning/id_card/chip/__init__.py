"""Reading the ICAO 9303 chip of the Vietnamese CCCD / thẻ căn cước (docs/CHIP.md).

- :mod:`.transport` — APDUs over PC/SC (pyscard), reader and card presence, traffic counts
- :mod:`.access_key` — the BAC key from the MRZ (CCCD: last 9 digits of the personal ID)
- :mod:`.crypto`, :mod:`.secure_messaging` — 3DES/retail MAC, BAC mutual authentication, SSC-protected APDUs
- :mod:`.lds` — file identifiers, BER-TLV, EF.COM, DG1 MRZ, DG2 face image
- :mod:`.dg13` — the Vietnamese DG13 parsed into named fields
- :mod:`.passive_auth` — data-group hashes vs SOD, SOD signature, DS certificate to an installed CSCA
- :mod:`.reader` — ``read_chip``: the whole read, chunked
"""
