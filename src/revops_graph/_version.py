"""The version of revops-graph, kept in this one place (pyproject.toml reads it too)."""

__version__ = "0.1.0"
