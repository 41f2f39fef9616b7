"""The concept map: the map's model (``map_data``), a part of it (``selection``), positions
computed ahead of time (``positions``) and the self-contained HTML page (``page``, with its
``templates/``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .map_data import (
        HIERARCHY_PREDICATES as HIERARCHY_PREDICATES,
        MAX_NODES as MAX_NODES,
        MapEdge as MapEdge,
        MapModel as MapModel,
        MapNode as MapNode,
        MapTooLarge as MapTooLarge,
        map_model as map_model,
    )
    from .map_data import UI_LANGS as UI_LANGS, text_in as text_in
    from .page import (
        ConceptMap as ConceptMap,
        concept_map as concept_map,
        kind_style as kind_style,
        map_page as map_page,
        render_map as render_map,
        script_json as script_json,
    )
    from .positions import layout as layout
    from .selection import (
        query_selection as query_selection, query_selection_keys as query_selection_keys, read_query as read_query,
        select as select,
    )

_EXPORTS = {
    "ConceptMap": "page",
    "HIERARCHY_PREDICATES": "map_data",
    "MAX_NODES": "map_data",
    "MapEdge": "map_data",
    "MapModel": "map_data",
    "MapNode": "map_data",
    "MapTooLarge": "map_data",
    "UI_LANGS": "map_data",
    "concept_map": "page",
    "kind_style": "page",
    "map_page": "page",
    "layout": "positions",
    "map_model": "map_data",
    "query_selection": "selection",
    "query_selection_keys": "selection",
    "read_query": "selection",
    "render_map": "page",
    "script_json": "page",
    "select": "selection",
    "text_in": "map_data",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
