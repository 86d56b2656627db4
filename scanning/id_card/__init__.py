"""Reading citizen ID cards (CCCD / thẻ căn cước): QR on the front, MRZ on the back, keyboard readers.

- :mod:`scanning.id_card.qr_text` — tolerant parser of the QR text (``parse_card_qr``)
- :mod:`scanning.id_card.qr` — find and decode the QR in an image (``read_card_qr``)
- :mod:`scanning.id_card.mrz` — TD1 machine-readable zone: locate, OCR, check digits (``read_mrz``)
- :mod:`scanning.id_card.wedge` — USB QR readers typing as a keyboard (``BurstDetector``)
"""
