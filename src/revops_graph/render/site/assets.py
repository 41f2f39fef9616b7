"""The site's own scripts and styles (``site/assets/``) and the vendored libraries it copies."""

from __future__ import annotations

import base64
from functools import cache
from importlib.resources import files

__all__ = ["asset_text", "oxigraph_asset", "vendor_bytes"]


@cache
def asset_text(name: str) -> str:
    """A file of ``render/site/assets/``."""
    return files("revops_graph").joinpath("render", "site", "assets", name).read_text(encoding="utf-8")


def vendor_bytes(*path: str) -> bytes:
    """A vendored file (``render/assets/vendor/...``), byte for byte."""
    return files("revops_graph").joinpath("render", "assets", "vendor", *path).read_bytes()


def oxigraph_asset(json_text) -> bytes:  # type: ignore[no-untyped-def]
    """``assets/oxigraph.js``: Oxigraph's ES module as a string and its WebAssembly as base64,
    in two globals, so that a classic ``<script src>`` (which ``file://`` allows) carries them."""
    module = vendor_bytes("oxigraph", "web.js").decode("utf-8")
    wasm = base64.b64encode(vendor_bytes("oxigraph", "web_bg.wasm")).decode("ascii")
    return (f"/* oxigraph 0.5.10 (MIT OR Apache-2.0), see vendor/oxigraph/LICENSE.txt */\n"
            f"var OXIGRAPH_JS = {json_text(module)};\nvar OXIGRAPH_WASM = \"{wasm}\";\n").encode("utf-8")
