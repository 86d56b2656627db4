"""Capture, clean-up, OCR and PDF building for paper pages. No database, no Qt."""
