"""The triples a document's mapping produces: an insertion-ordered set with the few look-ups the
mappers use.

rdflib's `Graph.add` dispatches an event and maintains five indexes per triple, which made
filling a document's graph (about 2,000 triples) a third of its parse time. Mappers only add,
ask for a value or list objects; the rdflib Graph is built from here when one is asked for
(tests, pySHACL's explanation of a refusal), and the store gets N-Quads written by pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class Triples:
    """An ordered set of rdflib triples, cheap to fill, with rdflib-like read methods."""

    __slots__ = ("_triples", "_objects")

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._triples: dict[Triple, None] = {}
        self._objects: dict[tuple[Node, Node], list[Node]] = {}
        for triple in triples:
            self.add(triple)

    def add(self, triple: Triple) -> None:
        triples = self._triples
        n = len(triples)
        triples.setdefault(triple)  # (one look-up: rdflib terms hash in Python, slowly)
        if len(triples) == n:
            return
        s, p, o = triple
        self._objects.setdefault((s, p), []).append(o)

    def remove(self, pattern: tuple[Node | None, Node | None, Node | None]) -> None:
        """Remove the triples matching (s, p, o), None matching anything."""
        for triple in list(self.triples(pattern)):
            del self._triples[triple]
            s, p, o = triple
            self._objects[(s, p)].remove(o)

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]
                ) -> Iterator[Triple]:
        """The triples matching (s, p, o), None matching anything, in insertion order."""
        s, p, o = pattern
        if s is not None and p is not None:
            for obj in self._objects.get((s, p), ()):
                if o is None or obj == o:
                    yield (s, p, obj)
            return
        for triple in self._triples:
            if (s is None or triple[0] == s) and (p is None or triple[1] == p) \
                    and (o is None or triple[2] == o):
                yield triple

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """The first object of (subject, predicate), in insertion order."""
        objects = self._objects.get((subject, predicate))
        return objects[0] if objects else None

    def objects(self, subject: Node | None = None, predicate: Node | None = None
                ) -> Iterator[Node]:
        """Objects of (subject, predicate), None matching anything (then distinct)."""
        if subject is not None and predicate is not None:
            yield from self._objects.get((subject, predicate), ())
            return
        seen: set[Node] = set()
        for _, _, o in self.triples((subject, predicate, None)):
            if o not in seen:
                seen.add(o)
                yield o

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        """Distinct subjects of triples matching (predicate, obj), None matching anything."""
        seen: set[Node] = set()
        for s, p, o in self._triples:
            if (predicate is None or p == predicate) and (obj is None or o == obj) \
                    and s not in seen:
                seen.add(s)
                yield s

    def to_graph(self) -> Graph:
        """The same triples in an rdflib Graph (slow to fill: for tests and reports)."""
        graph = Graph()
        for triple in self._triples:
            graph.add(triple)
        return graph

    def nquads(self, graph: str) -> bytes:
        """N-Quads in `graph`. Each distinct term is written once by pyoxigraph (its N-Triples
        form, escaping included: no Python escaping code); the lines are joined here, which is
        3x faster than building a pyoxigraph Quad per triple."""
        name = str(ox.NamedNode(graph))
        form = _Forms().of
        return "".join([f"{form(s)} {form(p)} {form(o)} {name} .\n"
                        for s, p, o in self._triples]).encode()

    def ntriples(self) -> bytes:
        form = _Forms().of
        return "".join([f"{form(s)} {form(p)} {form(o)} .\n"
                        for s, p, o in self._triples]).encode()


class _Forms:
    """rdflib terms to their N-Triples form as pyoxigraph writes it, each term once."""

    def __init__(self) -> None:
        self._done: dict[Node, str] = {}

    def of(self, node: Node) -> str:
        done = self._done.get(node)
        if done is None:
            done = self._done[node] = str(_convert(node))
        return done


def _convert(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    raise TypeError(f"not an RDF term: {node!r}")
