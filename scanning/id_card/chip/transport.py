"""APDUs to a contact or contactless card through PC/SC (pyscard), with PC/SC failures turned into clear errors.

The transport also counts APDUs and bytes both ways: the read-time estimate in docs/CHIP.md is built
from these counts (a real reader's time is dominated by the number of exchanges and the bytes moved).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from scanning.id_card.chip.errors import (
    CardRemovedError,
    ChipNotAnsweringError,
    NoCardError,
    ReaderNotFoundError,
)


@dataclass
class TrafficCount:
    apdus: int = 0
    sent: int = 0
    received: int = 0


def list_readers() -> list[str]:
    """Names of the PC/SC readers; :class:`ReaderNotFoundError` when the service is down or none is plugged in."""
    from smartcard.Exceptions import ListReadersException
    from smartcard.System import readers

    try:
        found = [str(r) for r in readers()]
    except ListReadersException as exc:
        raise ReaderNotFoundError(f"PC/SC {exc.hresult & 0xFFFFFFFF:08X}") from exc
    except Exception as exc:  # noqa: BLE001 - pcscd absent shows up as various pyscard errors
        raise ReaderNotFoundError(type(exc).__name__) from exc
    if not found:
        raise ReaderNotFoundError()
    return found


def card_present(reader_name: str) -> bool:
    """Whether a card sits on the reader now (one non-blocking status query, no connection)."""
    from smartcard import scard

    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if result != scard.SCARD_S_SUCCESS:
        raise ReaderNotFoundError(f"PC/SC {result & 0xFFFFFFFF:08X}")
    try:
        result, states = scard.SCardGetStatusChange(context, 0, [(reader_name, scard.SCARD_STATE_UNAWARE)])
        if result != scard.SCARD_S_SUCCESS:
            if result & 0xFFFFFFFF in (0x80100009, 0x80100017):   # unknown reader / reader unavailable
                raise ReaderNotFoundError(reader_name)
            return False
        return bool(states[0][1] & scard.SCARD_STATE_PRESENT) and not bool(states[0][1] & scard.SCARD_STATE_MUTE)
    finally:
        scard.SCardReleaseContext(context)


class PcscTransport:
    """One connection to the card on one reader (the first reader holding a card if none is named)."""

    def __init__(self, reader_name: str | None = None) -> None:
        self.reader_name = reader_name
        self.count = TrafficCount()
        self._connection = None

    def __enter__(self) -> PcscTransport:
        self.connect()
        return self

    def __exit__(self, *exc_info) -> None:  # noqa: ANN002
        self.close()

    def connect(self) -> None:
        from smartcard.Exceptions import CardConnectionException, NoCardException
        from smartcard.System import readers

        names = list_readers()
        if self.reader_name is None:
            holding = [n for n in names if card_present(n)]
            if not holding:
                raise NoCardError()
            self.reader_name = holding[0]
        elif self.reader_name not in names:
            raise ReaderNotFoundError(self.reader_name)
        reader = next(r for r in readers() if str(r) == self.reader_name)
        connection = reader.createConnection()
        try:
            connection.connect()
        except NoCardException as exc:
            raise NoCardError() from exc
        except CardConnectionException as exc:
            if not card_present(self.reader_name):
                raise NoCardError() from exc
            raise ChipNotAnsweringError(str(exc)) from exc
        self._connection = connection

    @property
    def atr(self) -> bytes:
        return bytes(self._connection.getATR()) if self._connection else b""

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        from smartcard.Exceptions import CardConnectionException

        if self._connection is None:
            raise NoCardError()
        try:
            data, sw1, sw2 = self._connection.transmit(list(apdu))
            if sw1 == 0x61:   # T=0: the answer waits for GET RESPONSE
                more, sw1, sw2 = self._connection.transmit([0x00, 0xC0, 0x00, 0x00, sw2])
                data = data + more
        except CardConnectionException as exc:
            self._connection = None
            if self.reader_name and not self._still_there():
                raise CardRemovedError() from exc
            raise ChipNotAnsweringError(str(exc)) from exc
        self.count.apdus += 1
        self.count.sent += len(apdu)
        self.count.received += len(data) + 2
        return bytes(data), (sw1 << 8) | sw2

    def _still_there(self, settle: float = 1.5) -> bool:
        # pcscd notices a lifted card on its next presence poll (a few hundred ms): ask until it
        # reports the card gone or *settle* seconds pass.
        deadline = time.monotonic() + settle
        while True:
            try:
                if not card_present(self.reader_name):
                    return False
            except ReaderNotFoundError:
                return False
            if time.monotonic() >= deadline:
                return True
            time.sleep(0.1)

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.disconnect()
            except Exception:  # noqa: BLE001 - a card already gone cannot be disconnected cleanly
                pass
            self._connection = None
