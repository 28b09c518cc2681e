"""The one module that touches Pyodide: converts worker arguments and replies.

The worker calls ``handle`` with a JS Uint8Array (or None) for the request
bytes; the reply goes back as a JS array ``[reply_json, Uint8Array | null]``.
"""

from __future__ import annotations

from pyodide.ffi import to_js

from . import api


def handle(method: str, payload_json: str, data=None):
    raw = None if data is None else data.to_bytes()
    reply, out = api.handle(method, payload_json, raw)
    return to_js([reply, out])
