"""Core of the reception-desk app (Bộ phận Một cửa): domain rules, storage, services, documents.

Nothing in this package imports Qt; every use case can run headless.
"""

__version__ = "0.1.0"
