"""The package's folders are its layers: each imports only from the layers before it.

Data flows one way — files -> term model -> store and query -> checks and analysis ->
render and export -> command line — and this test fails when a module reaches back up,
when a module outgrows one job (~400 lines), or when a package's public name would be
shadowed by a submodule of the same name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "revops_graph"

#: The layers in data-flow order; a module may import from its own layer and those before it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "_version", "_rdflib", "namespaces", "curies", "_rog", "_lazy", "_interrupt", "langtags"),  # the basics every layer uses
    ("io",),
    ("model",),
    ("store",),
    ("query",),
    ("checks", "tables"),
    ("analysis",),
    ("render", "export"),
    ("__init__",),  # the public surface: lazy re-exports of every layer's public names
    ("cli", "__main__"),  # __main__: `python -m revops_graph` runs the command line
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _room(path: Path) -> str:
    """The layer a file belongs to: its top folder, or its own name for a top-level module."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imported_rooms(path: Path) -> set[tuple[str, int]]:
    """The layers this file imports from (top-level and function-local imports alike)."""
    own = path.relative_to(PACKAGE).with_suffix("").parts
    package = own[:-1] if own[-1] != "__init__" else own[:-1]
    found: set[tuple[str, int]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - (node.level - 1)]) if node.level > 1 else list(package)
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not target:  # "from .. import x": x is the room
                    target = [node.names[0].name]
                elif not node.module and len(target) == len(base):
                    target = [*target, node.names[0].name]
            elif node.module and node.module.split(".")[0] == "revops_graph":
                target = node.module.split(".")[1:] or [node.names[0].name]
            else:
                continue
            found.add((target[0], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "revops_graph" and len(parts) > 1:
                    found.add((parts[1], node.lineno))
    return found


def test_every_module_sits_in_a_known_layer() -> None:
    unknown = sorted({_room(p) for p in _modules()} - set(RANK))
    assert unknown == [], f"add these to LAYERS in data-flow order: {unknown}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_later_layer(path: Path) -> None:
    rank = RANK[_room(path)]
    upward = [f"line {line}: {room}" for room, line in sorted(_imported_rooms(path), key=lambda r: r[1])
              if RANK.get(room, -1) > rank]
    assert upward == [], f"{path.name} ({_room(path)}) reaches back up to {upward}"


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    # the test above must be able to fail: a model module importing the renderer is caught
    fake = PACKAGE / "model" / "_upward_probe.py"
    fake.write_text("def f():\n    from ..render import concept_map\n    return concept_map\n", encoding="utf-8")
    try:
        assert ("render", 2) in _imported_rooms(fake)
        assert RANK["render"] > RANK[_room(fake)]
    finally:
        fake.unlink()


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines: split it by job"


def test_no_public_name_is_shadowed_by_a_submodule() -> None:
    # importing a submodule sets the package attribute of that name to the module, so a
    # package that exports a function called like one of its modules would hand out either
    for init in PACKAGE.rglob("__init__.py"):
        submodules = {p.stem for p in init.parent.glob("*.py")} | {p.name for p in init.parent.iterdir() if p.is_dir()}
        tree = ast.parse(init.read_text(encoding="utf-8"))
        exported: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("_EXPORTS", "_LAZY") for t in node.targets):
                exported |= set(ast.literal_eval(node.value))
        assert not exported & submodules, f"{init.parent.name}: {sorted(exported & submodules)}"
