"""Outbox worker and provincial connector (see issue 6)."""
