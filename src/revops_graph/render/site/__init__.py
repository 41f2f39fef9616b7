"""The static documentation site: an index, a page per term, the concept map and SPARQL in the
browser, all working from ``file://`` with no network request.

``terms`` is the page model, ``paths`` the URL scheme (:func:`term_path`), ``languages`` the
data's languages and the page words, ``html`` the shared page frame, ``index_page``,
``term_page``, ``map_page`` and ``sparql_page`` the pages, ``search_index`` the prebuilt
MiniSearch index, ``description`` a term's Turtle and JSON-LD, ``writer`` the build and the
folder swap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._lazy import lazy_exports

if TYPE_CHECKING:
    from .languages import site_languages as site_languages
    from .paths import term_path as term_path
    from .terms import SiteTerm as SiteTerm, SiteVocabulary as SiteVocabulary
    from .writer import MARKER as MARKER, SiteReport as SiteReport, build_site as build_site, write_site as write_site

_EXPORTS = {
    "MARKER": "writer",
    "SiteReport": "writer",
    "SiteTerm": "terms",
    "SiteVocabulary": "terms",
    "build_site": "writer",
    "site_languages": "languages",
    "term_path": "paths",
    "write_site": "writer",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
