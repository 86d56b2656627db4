"""PySide6 user interface of the reception desk."""
