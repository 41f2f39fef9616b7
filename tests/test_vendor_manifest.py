"""Every vendored front-end file is the one its manifest names, with its licence beside it.

The manifests are plain JSON next to the files; this test reads them with
json and hashlib only, so it does not depend on where the package's Python
modules live.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MANIFESTS = [
    REPO / "src" / "revops_graph" / "render" / "assets" / "vendor" / "vendor.json",
    REPO / "tests" / "assets" / "vendor.json",
]
FIELDS = {"path", "package", "version", "license", "source", "sha256", "bytes", "license_file", "npm_integrity"}


def entries():
    return [
        pytest.param(manifest, entry, id=f"{manifest.parent.name}/{entry['path']}")
        for manifest in MANIFESTS
        for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"]
    ]


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda m: m.parent.name)
def test_manifest_exists_and_lists_files(manifest):
    assert manifest.is_file()
    assert json.loads(manifest.read_text(encoding="utf-8"))["files"]


@pytest.mark.parametrize("manifest,entry", entries())
def test_file_matches_manifest(manifest, entry):
    assert FIELDS <= set(entry), FIELDS - set(entry)
    path = manifest.parent / entry["path"]
    assert path.is_file(), path
    data = path.read_bytes()
    assert len(data) == entry["bytes"]
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert entry["npm_integrity"].startswith("sha512-")


@pytest.mark.parametrize("manifest,entry", entries())
def test_licence_sits_beside_the_file(manifest, entry):
    path = manifest.parent / entry["path"]
    licence = manifest.parent / entry["license_file"]
    assert licence.parent == path.parent, "the licence must be in the same folder as the file"
    assert licence.is_file() and licence.stat().st_size > 500
    assert any(p.name.upper().startswith("LICENSE") for p in path.parent.iterdir())


def test_every_vendored_file_is_in_a_manifest():
    for manifest in MANIFESTS:
        listed = {manifest.parent / e["path"] for e in json.loads(manifest.read_text(encoding="utf-8"))["files"]}
        for path in manifest.parent.rglob("*"):
            if path.suffix in {".js", ".wasm", ".mjs"}:
                assert path in listed, f"{path} is vendored but not in {manifest.name}"
