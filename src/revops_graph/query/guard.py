"""Parse a query before it runs and refuse what it may not do: updates, SERVICE, LOAD, FROM."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import QueryError
from ..store.base import parsed_query

__all__ = [
    "check",
    "explain_syntax_error",
]


@dataclass(frozen=True)
class Checked:
    """A query that parsed and passed the safety rules."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE
    variables: frozenset[str]


def _walk(node: Any) -> Iterable[Any]:
    from rdflib.term import Node

    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif hasattr(item, "asList") and not isinstance(item, (str, Node)):
            stack.extend(item)


def _syntax_error(exc: Any, text: str, source: str) -> QueryError:
    line_no, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
    line = getattr(exc, "line", "") or ""
    rest = line[column - 1 :] if column else ""
    found = re.match(r"\s*(<[^>\s]*>?|\"[^\"]*\"?|[?$]?\w+|\S)", rest)
    token = found.group(1) if found else "end of query"
    return QueryError(f"{source}: syntax error at line {line_no}, column {column}, at {token!r}: {exc.msg}")


def explain_syntax_error(text: str, source: str = "query") -> QueryError | None:
    """rdflib's account of a syntax error in ``text`` (line, column and the offending
    token), for a query the fast path let through and the engine then refused; ``None``
    when rdflib finds nothing wrong."""
    _check.cache_clear()
    try:
        _full_check(text, True, True, source, True)
    except QueryError as exc:
        return exc
    return None


def check(
    text: str, *, allow_update: bool = False, allow_network: bool = False, source: str = "query", can_allow: bool = True,
) -> Checked:
    """Parse ``text`` and apply the safety rules; the form and the variables it uses.

    Raises QueryError for a syntax error (with line, column and the offending token),
    an update without ``allow_update``, or SERVICE / LOAD / FROM without ``allow_network``.
    The refusal names ``--allow-update`` / ``--allow-network`` only when ``can_allow``
    (the caller's command has them; ``map`` has not). A query that passed is remembered:
    rdflib's parser takes 8-25 ms, as long as a whole named query on a 10k-concept
    Oxigraph store (BENCHMARKS.md).
    """
    return _check(text, allow_update, allow_network, source, can_allow)


# Any of these words anywhere in the text (strings and IRIs included), or a \u escape that
# could spell one, sends a query to the full check. Their absence proves a query can neither
# change data nor reach the network, so it needs no parse here: the engine parses it anyway.
_CAREFUL = re.compile(
    r"\b(?:SERVICE|LOAD|FROM|USING|INSERT|DELETE|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b|\\[uU]", re.IGNORECASE
)
# A line that starts with "#" is a comment, or the inside of a long string: never code.
_COMMENT_LINE = re.compile(r"^[ \t]*#[^\n]*", re.MULTILINE)
_IRI_REF = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_COMMENT = re.compile(r"#[^\n]*")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([0-9A-Za-z_\u00B7\u00C0-\u036F\u0370-\u203F\u2040-\uFFFD]+)")


def _plain_read(text: str) -> Checked | None:
    """The form and variables of a query that plainly only reads, found without parsing;
    ``None`` when the query needs the full check."""
    text = _COMMENT_LINE.sub("", text)
    if _CAREFUL.search(text):
        return None
    bare = _COMMENT.sub(" ", _IRI_REF.sub(" ", text))
    form = _FORM.search(bare)
    if form is None:
        return None
    return Checked(form.group(1).upper(), frozenset(_VARIABLE.findall(bare)))


@functools.lru_cache(maxsize=256)
def _check(text: str, allow_update: bool, allow_network: bool, source: str, can_allow: bool = True) -> Checked:
    plain = _plain_read(text)
    if plain is not None:
        return plain
    return _full_check(text, allow_update, allow_network, source, can_allow)


def _full_check(text: str, allow_update: bool, allow_network: bool, source: str, can_allow: bool) -> Checked:
    # rdflib's parser, for the queries the fast path cannot clear (and to word syntax errors)
    from pyparsing import ParseException
    from rdflib import Variable
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        algebra: Any = parsed_query(text).algebra
        form = algebra.name.removesuffix("Query").upper()
    except ParseException as query_exc:
        try:
            algebra = translateUpdate(parseUpdate(text)).algebra
        except ParseException as update_exc:
            # Report whichever reading got further into the text.
            worse = update_exc if update_exc.loc > query_exc.loc else query_exc
            raise _syntax_error(worse, text, source) from None
        except Exception as exc:  # rdflib raises bare Exception for e.g. an unknown prefix
            raise QueryError(f"{source}: {exc}") from None
        form = "UPDATE"
    except Exception as exc:
        raise QueryError(f"{source}: {exc}") from None

    names = {getattr(n, "name", "") for n in _walk(algebra) if isinstance(n, Mapping)}
    if form == "UPDATE" and not allow_update:
        remedy = "pass --allow-update to run it" if can_allow else "only a SELECT or CONSTRUCT query can be used here"
        raise QueryError(f"{source} is an update (it changes data); {remedy}")
    if not allow_network:
        reasons = []
        if "ServiceGraphPattern" in names:
            reasons.append("SERVICE")
        if "Load" in names:
            reasons.append("LOAD")
        if "DatasetClause" in names or (isinstance(algebra, Mapping) and algebra.get("datasetClause")):
            reasons.append("FROM / FROM NAMED")
        if "UsingClause" in names:
            reasons.append("USING")
        if reasons:
            raise QueryError(
                f"{source} uses {', '.join(reasons)}, which can fetch data from other places; "
                + ("pass --allow-network to allow it" if can_allow else
                   "here it runs on the loaded glossary only: remove it (to use another endpoint's data, "
                   "fetch it with 'revops-graph query --allow-network' and pass the result as --data)")
            )
    variables = frozenset(str(v) for v in _walk(algebra) if isinstance(v, Variable))
    return Checked(form, variables)
