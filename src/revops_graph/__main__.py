"""``python -m revops_graph``: the ``revops-graph`` command where no script is installed."""

from .cli import main

main()
