"""Signing in from the command line: one helper for every subcommand that reads or changes citizen data.

The password comes from ``$DESK_APP_PASSWORD`` or a prompt (never from argv). The sign-in session is
closed when the command ends, so the identity cannot be reused after it.
"""

from __future__ import annotations

import getpass
import os
from contextlib import contextmanager
from typing import Iterator

from desk_app.security.identity import Identity


def cli_sign_in(desk, username: str) -> Identity:  # noqa: ANN001 - desk_app.desk.Desk
    from desk_app.services.users import sign_in

    password = os.environ.get("DESK_APP_PASSWORD")
    if password is None:
        password = getpass.getpass(f"Mật khẩu của {username}: ")
    return sign_in(desk.sessions, username, password, kind="cli")


@contextmanager
def signed_in(desk, username: str) -> Iterator[Identity]:  # noqa: ANN001
    """Sign in for the duration of one command, then sign out."""
    from desk_app.services.users import sign_out

    who = cli_sign_in(desk, username)
    try:
        yield who
    finally:
        sign_out(desk.sessions, who)
