"""Subcommands of ``desk-app`` contributed by each area (scanning, identity, forms, sync, …).

Each module here defines ``register(subparsers)`` that adds its subcommands, each with
``set_defaults(func=handler)`` where ``handler(args) -> int``. The CLI discovers the modules, so
adding a command never means editing ``desk_app/cli.py``.
"""

from __future__ import annotations

import importlib
import pkgutil


def register_all(subparsers) -> None:  # noqa: ANN001
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
