"""The adapter that speaks to a carrier's API, from the carrier's profile."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from app.models import Carrier
from app.shipping.carrier_api import CarrierAdapter, HttpCarrierAdapter

AdapterFor = Callable[[Carrier], CarrierAdapter]


def http_adapter(profile: Carrier) -> CarrierAdapter:
    """The profile's HTTP/JSON API, asked up to three times within a call."""
    assert profile.api_url is not None
    return HttpCarrierAdapter(profile.api_url, profile.api_key or "")


def http_adapter_until(halt: threading.Event) -> AdapterFor:
    """The profile's API, its waits between tries cut short once ``halt`` is set (a
    printer's worker being stopped does not sleep on in a carrier's back-off)."""

    def wait(seconds: float) -> None:
        halt.wait(seconds)

    def adapter_for(profile: Carrier) -> CarrierAdapter:
        assert profile.api_url is not None
        return HttpCarrierAdapter(profile.api_url, profile.api_key or "", sleep=wait)

    return adapter_for


def one_try_adapter(profile: Carrier) -> CarrierAdapter:
    """The profile's API, asked once per call: for callers that space their own tries
    (the list of shipments to cancel), so no call sleeps between tries."""
    assert profile.api_url is not None
    return HttpCarrierAdapter(profile.api_url, profile.api_key or "", attempts=1)


@contextmanager
def speaking_to(adapter_for: AdapterFor, profile: Carrier) -> Iterator[CarrierAdapter]:
    """The carrier's adapter, its connections closed after (an adapter that keeps any)."""
    adapter = adapter_for(profile)
    try:
        yield adapter
    finally:
        close = getattr(adapter, "close", None)
        if close is not None:
            close()
