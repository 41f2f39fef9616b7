"""The concept map in a real Jupyter kernel: a notebook cell that ends with a map displays it
inline (an iframe that runs in Chromium) and its plain-text repr is one short line."""

from __future__ import annotations

import html
import os
from pathlib import Path

import pytest
from map_fixtures import READY, chromium, missing

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SRC = Path(__file__).resolve().parents[1] / "src"


def test_a_notebook_displays_the_map_inline(tmp_path, monkeypatch):
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:
        missing("nbclient and nbformat are not installed (the test extra)")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("from revops_graph import concept_map, load_glossary\n"
                                  "m = concept_map(load_glossary(), focus='CRM')\nm"),
        nbformat.v4.new_code_cell("print(repr(m))"),
    ]
    # the kernel imports this checkout's sources, whatever is installed
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    try:
        NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    except Exception as exc:  # no kernel spec: ipykernel missing
        if "No such kernel" in str(exc):
            missing(f"no python3 Jupyter kernel: {exc}")
        raise
    shown = notebook.cells[0].outputs[0]
    assert shown["output_type"] == "execute_result"
    frame = shown["data"]["text/html"]
    assert frame.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in frame
    assert shown["data"]["text/plain"].startswith("<ConceptMap: ") and len(shown["data"]["text/plain"]) < 120
    printed = notebook.cells[1].outputs[0]["text"].strip()
    assert printed == shown["data"]["text/plain"]
    # and what the notebook shows runs: the page inside the iframe gets ready, offline
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body>{frame}</body></html>", encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(host.resolve().as_uri())
        inner = page.frames[1]
        inner.wait_for_selector(READY, state="attached", timeout=60_000)
        assert inner.evaluate("conceptMap.selected() === null && conceptMap.data.focus !== null")
        assert inner.text_content("#details h3") == "CRM system"
        assert requests == [host.resolve().as_uri()]
    assert "CRM" in html.unescape(frame)
