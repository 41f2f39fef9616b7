"""The public surface is explicit: a sorted __all__ that matches what the package exports."""

from __future__ import annotations

import revops_graph


def test_all_is_sorted_and_complete() -> None:
    assert revops_graph.__all__ == sorted(revops_graph.__all__)
    public = {name for name in dir(revops_graph) if not name.startswith("_")} | {"__version__"}
    modules = {name for name in public if type(getattr(revops_graph, name)).__name__ in ("module", "_Feature")}
    assert set(revops_graph.__all__) == public - modules
    for name in revops_graph.__all__:
        assert getattr(revops_graph, name) is not None, name


def test_version_is_kept_in_one_place() -> None:
    from importlib.metadata import version

    assert revops_graph.__version__ == version("revops-graph")
