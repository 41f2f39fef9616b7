"""The site's concept map: the map renderer's page, with a small script that ties it to the
site (focus from the address's fragment, links to term pages, the site's language)."""

from __future__ import annotations

from ...model import Glossary
from ...model.labels import LANGS
from .. import script_json
from ..page import concept_map
from .assets import asset_text
from .terms import SiteVocabulary

__all__ = ["map_page"]


def map_page(glossary: Glossary, vocabulary: SiteVocabulary, lang: str) -> tuple[str, int]:
    """The map page's HTML and how many terms it shows (every concept, no size limit)."""
    shown = concept_map(glossary, lang if lang in LANGS else "en", max_nodes=None)
    paths = {iri: vocabulary.term_paths[iri] for iri in sorted(vocabulary.sorts)}
    # The map's Content-Security-Policy allows inline scripts only, so the bridge is inlined.
    bridge = f"<script>var SITE_PATHS = {script_json(paths)};\n{asset_text('map-bridge.js')}</script>\n"
    head, found, tail = shown.html.rpartition("</body>")
    if not found:
        raise RuntimeError("the concept map page has no </body>")
    return head + bridge + found + tail, shown.nodes
