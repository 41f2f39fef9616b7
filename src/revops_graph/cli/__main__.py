"""``python -m revops_graph.cli``: the ``revops-graph`` command where no script is installed."""

from . import main

main()
