"""Turn an entity's triples into a plain view model for the HTML page (pure: no I/O)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from cepa_kg.namespaces import PREFIXES
from cepa_kg.server.codes import coded_label
from cepa_kg.server.connected import ViewLink, connected_views
from cepa_kg.store import Term
from markupsafe import Markup, escape

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://xmlns.com/foaf/0.1/name",
    "https://schema.org/name",
)
CEPA = PREFIXES["cepa"]
OA = PREFIXES["oa"]
SCHEMA = PREFIXES["schema"]
PROV = PREFIXES["prov"]
# Shown first, in this order; everything else follows alphabetically.
KEY_PROPERTIES = [
    CEPA + "text", CEPA + "sessionNumber", SCHEMA + "startDate", SCHEMA + "endDate",
    CEPA + "mainTheme", CEPA + "subtopic", CEPA + "modality", CEPA + "addressee",
    CEPA + "session", CEPA + "order", CEPA + "alignedTo", CEPA + "party", CEPA + "purpose",
    CEPA + "status", CEPA + "objective",
]
HIDDEN = {CEPA + "sourceSpan", CEPA + "hasAlignment", *LABELS}
# Inbound links shown in their own sections rather than under "Linked from".
SECTIONED = {CEPA + "session", CEPA + "addressee", CEPA + "party", CEPA + "goal",
             CEPA + "alignedTo", CEPA + "recommendation"}


@dataclass
class Value:
    text: str
    href: str | None = None  # a local path for IRIs under BASE, the IRI itself otherwise
    note: str = ""  # language or datatype


@dataclass
class Row:
    prop: str
    prop_label: str
    values: list[Value]


@dataclass
class Alignment:
    goal: Value
    method: str
    score: str
    evidence: str
    recommendation: Value | None = None
    anchor: str = ""  # the alignment's own fragment ("sdg-16"), on a recommendation's page
    before: str = ""  # the sentence around the evidence (evidence.py)
    after: str = ""
    reader: str | None = None  # the evidence in the reader
    cue_anchor: str = ""  # `evidence-{start}-{end}`, on the first row that shows that cue


@dataclass
class Source:
    """A passage the entity was read from: its document, the quote, the reader there."""

    document: Value
    quote: str
    reader: str | None = None
    anchor: str = ""  # the span's own fragment ("source", "source-{document}")


@dataclass
class Linked:
    """A resource that links here, with the facts that make the link readable."""

    item: Value
    order: int | None = None
    kind: str = ""
    detail: str = ""


@dataclass
class EntityView:
    iri: str
    label: str
    types: list[Value]
    rows: list[Row]
    inbound: list[Row]
    alignments: list[Alignment] = field(default_factory=list)
    quote: str | None = None
    source: Value | None = None
    recommendations: list[Linked] = field(default_factory=list)  # of a session, in order
    addressed: list[Linked] = field(default_factory=list)  # recommendations to an actor
    partnerships: list[Linked] = field(default_factory=list)  # of an actor
    aligned: list[Alignment] = field(default_factory=list)  # recommendations serving a goal
    sources: list[Source] = field(default_factory=list)
    views: list[ViewLink] = field(default_factory=list)  # the views about it
    parts: list[Part] = field(default_factory=list)  # its other hash IRIs
    events: list[Linked] = field(default_factory=list)  # events at a place
    schema_org: dict[str, Any] = field(default_factory=dict)
    traced: bool = False  # a traced resource (a recommendation, a project): says when no goal


def curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def is_web_iri(iri: str) -> bool:
    """Whether `iri` may become a link: http(s) only. `javascript:`, `data:`, `vbscript:` are
    valid IRIs too, and a query (`BIND(<javascript:alert(1)> AS ?x)`) or a write can put
    them on a page, where a link to them would run script on this site's origin."""
    return iri[:8].lower().startswith(("http://", "https://"))


def local_href(iri: str, base: str, root: str = "") -> str | None:
    """IRIs minted under BASE link to this server's own pages (under its path prefix `root`),
    whatever host serves them; other http(s) IRIs link to themselves; any other IRI links
    nowhere (None). A path that would start with `//` or `/\\` (another host, to a browser)
    links to the IRI itself."""
    if iri.startswith(base) and not iri[len(base):].startswith(("/", "\\")):
        return root + "/" + iri[len(base):]
    return iri if is_web_iri(iri) else None


def reader_href(document: str, start: int | str, end: int | str, base: str,
                root: str = "") -> str | None:
    """The reader of `document` at the passage start–end (`.../read#evidence-{start}-{end}`);
    None for a document not of this dataset (no reader serves it)."""
    href = local_href(document, base, root)
    if href is None or not href.startswith(f"{root}/id/document/"):
        return None
    return f"{href}/read#evidence-{int(start)}-{int(end)}"


def link(href: object, text: object) -> Markup:
    """`<a href="...">text</a>`, or the text alone where there is no safe href (None, a
    template's undefined, another scheme): a template global, `{{ link(v.href, v.text) }}`."""
    if not isinstance(href, str):
        return escape(text)
    local = href.startswith("/") and not href.startswith(("//", "/\\"))
    if not (local or is_web_iri(href)):
        return escape(text)
    return Markup('<a href="{}">{}</a>').format(href, text)


def json_script(data: Any) -> Markup:
    """JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` written as
    `\\u003c`..., so no value can close the element or open a comment (`</script>`, `<!--`)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _labels(triples: list[ox.Triple]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for prop in reversed(LABELS):  # the first in LABELS wins
        for t in triples:
            if t.predicate.value == prop and isinstance(t.object, ox.Literal):
                labels[t.subject.value] = t.object.value  # type: ignore[union-attr]
    return labels


_QUIET_TYPES = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/2001/XMLSchema#integer",
                "http://www.w3.org/2001/XMLSchema#decimal"}


class _Maker:
    def __init__(self, labels: dict[str, str], base: str, root: str,
                 prop_labels: dict[str, str] | None = None) -> None:
        self.labels, self.base, self.root = labels, base, root
        self.prop_labels = prop_labels or {}

    def value(self, term: object) -> Value:
        if isinstance(term, ox.NamedNode):
            label = coded_label(term.value, self.labels.get(term.value, curie(term.value)))
            return Value(label, local_href(term.value, self.base, self.root))
        if isinstance(term, ox.Literal):
            note = term.language or ""
            if not note and term.datatype.value not in _QUIET_TYPES:
                note = curie(term.datatype.value)
            return Value(term.value, None, note)
        return Value(str(term))

    def rows(self, by_prop: dict[str, list[Term]]) -> list[Row]:
        order = {p: i for i, p in enumerate(KEY_PROPERTIES)}
        props = sorted(by_prop, key=lambda p: (order.get(p, len(order)), curie(p)))
        return [Row(p, self.prop_labels.get(p) or curie(p),
                    sorted((self.value(o) for o in by_prop[p]),
                           key=lambda v: (v.text, v.href or "")))
                for p in props]


def _first(props: dict[str, list[Term]], prop: str) -> str:
    values = props.get(prop)
    return values[0].value if values else ""  # type: ignore[union-attr]


def _order(props: dict[str, list[Term]]) -> int | None:
    text = _first(props, CEPA + "order")
    return int(text) if text.lstrip("-").isdigit() else None


def _fragment(iri: str, owner: str) -> str:
    return iri[len(owner) + 1:] if iri.startswith(owner + "#") else ""


def _with_evidence(a: Alignment, found: Any) -> Alignment:
    """`a` with the sentence and reader link of its evidence (evidence.Evidence), if found."""
    if found is not None:
        a.before, a.after, a.reader = found.before, found.after, found.reader
        a.cue_anchor = found.anchor
    return a


def _first_anchors(alignments: list[Alignment]) -> None:
    """Keep each cue's anchor on the first row that shows it (ids are unique on a page)."""
    seen: set[str] = set()
    for a in alignments:
        if a.cue_anchor in seen:
            a.cue_anchor = ""
        seen.add(a.cue_anchor)


@dataclass
class Part:
    """A hash IRI of the entity (`person#membership-x`, `dataset#mdg-1-sdg-1`) not shown
    elsewhere on its page: its anchor, what it is, its facts and the passages it was read
    from."""

    anchor: str
    label: str
    rows: list[Row]
    sources: list[Source]


_SELECTORS = {OA + "TextQuoteSelector", OA + "TextPositionSelector"}


def _parts(iri: str, by_subject: dict[str, dict[str, list[Term]]], view: EntityView,
           make: _Maker, source: Any) -> list[Part]:
    """Every hash IRI of `iri` in its description that has no element of its own on the page
    yet (alignments and the entity's own quotes have theirs), so that its link lands."""
    shown = {a.anchor for a in view.alignments} | {a.cue_anchor for a in view.alignments} | {
        s.anchor for s in view.sources}
    parts: list[Part] = []
    spans: set[str] = set()
    for subject in sorted(by_subject):
        anchor = _fragment(subject, iri)
        props = by_subject[subject]
        types = {o.value for o in props.get(RDF_TYPE, [])}  # type: ignore[union-attr]
        if not anchor or anchor in shown or types & _SELECTORS or OA + "SpecificResource" in types:
            continue
        sources = [s for t in props.get(CEPA + "sourceSpan", [])
                   if (s := source(t.value))]  # type: ignore[union-attr]
        spans |= {s.anchor for s in sources}
        own = {p: o for p, o in props.items() if p not in HIDDEN and p != RDF_TYPE}
        kind = ", ".join(sorted(curie(t) for t in types))
        label = make.labels.get(subject) or kind or anchor
        parts.append(Part(anchor, label, make.rows(own), sources))
    for subject in sorted(by_subject):  # quotes of no part shown (a span alone)
        anchor = _fragment(subject, iri)
        types = {o.value for o in by_subject[subject].get(RDF_TYPE, [])}  # type: ignore[union-attr]
        if anchor and anchor not in shown and anchor not in spans \
                and OA + "SpecificResource" in types and (s := source(subject)):
            parts.append(Part(anchor, "Quote", [], [Source(s.document, s.quote, s.reader, "")]))
    return parts


def entity_view(iri: str, outbound: list[ox.Triple], inbound: list[ox.Triple],
                base: str, root: str = "", page_url: str = "",
                prop_labels: dict[str, str] | None = None,
                evidence: dict[str, Any] | None = None) -> EntityView:
    """The page model of `iri`; `prop_labels` names properties (the ontology's labels);
    `evidence` the sentence and reader link of each goal alignment's cue, by the alignment's
    IRI (evidence.evidence_of)."""
    evidence = evidence or {}
    labels = _labels(outbound + inbound)
    make = _Maker(labels, base, root, prop_labels)
    by_subject: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for t in outbound + inbound:
        if t.object not in by_subject[t.subject.value][t.predicate.value]:  # type: ignore[union-attr]
            by_subject[t.subject.value][t.predicate.value].append(t.object)  # type: ignore[union-attr]
    mine = by_subject.get(iri, {})
    own = {p: objs for p, objs in mine.items() if p not in HIDDEN and p != RDF_TYPE}
    types = [make.value(o) for o in mine.get(RDF_TYPE, [])]
    types.sort(key=lambda v: (not v.text.startswith("cepa:"), v.text))
    view = EntityView(iri, coded_label(iri, labels.get(iri, curie(iri))), types,
                      make.rows(own), [])
    cepa_types = {o.value[len(CEPA):] for o in mine.get(RDF_TYPE, [])  # type: ignore[union-attr]
                  if o.value.startswith(CEPA)}  # type: ignore[union-attr]
    view.views = connected_views(iri, cepa_types, base, root,
                                 _first(mine, CEPA + "sessionNumber"))
    view.traced = any(o.value in (CEPA + "Recommendation", CEPA + "Project")  # type: ignore[union-attr]
                      for o in mine.get(RDF_TYPE, []))

    for node in mine.get(CEPA + "hasAlignment", []):
        props = by_subject.get(node.value, {})  # type: ignore[union-attr]
        goal = props.get(CEPA + "goal", [None])[0]
        view.alignments.append(_with_evidence(Alignment(
            goal=make.value(goal) if goal else Value("?"),
            method=_first(props, CEPA + "method"), score=_first(props, CEPA + "score"),
            evidence=_first(props, CEPA + "evidence"),
            anchor=_fragment(node.value, iri)), evidence.get(node.value)))  # type: ignore[union-attr]
    view.alignments.sort(key=lambda a: (-float(a.score or 0), a.goal.text))
    _first_anchors(view.alignments)

    def source(span_iri: str) -> Source | None:
        span = by_subject.get(span_iri, {})
        doc = span.get(OA + "hasSource", [None])[0]
        quote, start, end = "", "", ""
        for selector in span.get(OA + "hasSelector", []):
            facts = by_subject.get(selector.value, {})  # type: ignore[union-attr]
            quote = _first(facts, OA + "exact") or quote
            start, end = _first(facts, OA + "start") or start, _first(facts, OA + "end") or end
        if doc is None or not quote:
            return None
        reader = (reader_href(doc.value, start, end, base, root)  # type: ignore[union-attr]
                  if start.isdigit() and end.isdigit() else None)
        return Source(make.value(doc), quote, reader, _fragment(span_iri, iri))

    for src in sorted(mine.get(CEPA + "sourceSpan", []), key=lambda t: t.value):  # type: ignore[union-attr]
        if found_source := source(src.value):  # type: ignore[union-attr]
            view.sources.append(found_source)
    if view.sources:
        view.source, view.quote = view.sources[0].document, view.sources[0].quote

    target = ox.NamedNode(iri)
    incoming: dict[str, list[Term]] = defaultdict(list)
    for t in inbound:
        if t.object != target:
            continue
        subject = t.subject.value  # type: ignore[union-attr]
        facts = by_subject.get(subject, {})
        p = t.predicate.value
        types_in = {o.value for o in facts.get(RDF_TYPE, [])}  # type: ignore[union-attr]
        if p == CEPA + "session" and CEPA + "Recommendation" in types_in:
            kind = "resolution" if CEPA + "ResolutionParagraph" in types_in else "recommendation"
            view.recommendations.append(Linked(make.value(t.subject), _order(facts), kind))
        elif p == CEPA + "addressee":
            view.addressed.append(Linked(make.value(t.subject), _order(facts)))
        elif p == CEPA + "party":
            view.partnerships.append(Linked(
                make.value(t.subject), None, _first(facts, CEPA + "status"),
                _first(facts, CEPA + "purpose")))
        elif p == CEPA + "goal" and CEPA + "GoalAlignment" in types_in:
            rec = facts.get(CEPA + "recommendation", [None])[0]
            found = evidence.get(subject)
            holder = make.value(rec) if rec else None
            if holder is None and found is not None and found.holder:  # a project's
                holder = Value(found.holder_label or curie(found.holder),
                               local_href(found.holder, base, root))
            view.aligned.append(_with_evidence(Alignment(
                goal=make.value(t.subject), method=_first(facts, CEPA + "method"),
                score=_first(facts, CEPA + "score"), evidence=_first(facts, CEPA + "evidence"),
                recommendation=holder), found))
            view.aligned[-1].cue_anchor = ""  # several documents: no anchor here
        elif p == SCHEMA + "location" and CEPA + "Event" in types_in:
            view.events.append(Linked(make.value(t.subject), None,
                                      _first(facts, SCHEMA + "startDate")))
        elif p == CEPA + "alignedTo" or p == CEPA + "recommendation":
            continue  # shown with the alignments' evidence
        else:
            incoming[p].append(t.subject)
    view.recommendations.sort(key=lambda x: (x.kind == "resolution", x.order or 0, x.item.text))
    view.addressed.sort(key=lambda x: x.item.text)
    view.partnerships.sort(key=lambda x: x.item.text)
    view.aligned.sort(key=lambda a: (-float(a.score or 0),
                                     a.recommendation.text if a.recommendation else ""))
    view.events.sort(key=lambda x: (x.kind, x.item.text))
    view.inbound = make.rows(incoming)
    view.parts = _parts(iri, by_subject, view, make, source)
    view.schema_org = schema_org(view, mine, page_url)
    return view


_SCHEMA_TYPES = [
    ("Session", "Event"), ("Event", "Event"), ("Recommendation", "CreativeWork"),
    ("Resolution", "CreativeWork"), ("Organization", "Organization"), ("Person", "Person"),
    ("Country", "Country"), ("Place", "Place"), ("Project", "Project"),
    ("SourceDocument", "DigitalDocument"), ("UNDocument", "DigitalDocument"),
    ("Goal", "DefinedTerm"), ("Target", "DefinedTerm"), ("Theme", "DefinedTerm"),
    ("ActorGroup", "Organization"), ("Partnership", "Thing"),
]


def schema_org(view: EntityView, props: dict[str, list[Term]], page_url: str) -> dict[str, Any]:
    """A small schema.org description for search engines (embedded as JSON-LD)."""
    cepa_types = {t.href.rsplit("#", 1)[-1] for t in view.types if t.href}
    kind = next((s for c, s in _SCHEMA_TYPES if c in cepa_types), "Thing")
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": kind, "@id": view.iri,
                            "name": view.label}
    if page_url:
        data["url"] = page_url
    text = _first(props, CEPA + "text") or _first(props, CEPA + "objective") or \
        _first(props, CEPA + "purpose")
    if text:
        data["description"] = text
    if kind == "Event":
        for key in ("startDate", "endDate"):
            if value := _first(props, SCHEMA + key):
                data[key] = value
    if view.source and view.source.href:
        data["isBasedOn"] = _first(props, PROV + "wasDerivedFrom") or view.source.href
    if view.alignments:
        data["about"] = [{"@type": "DefinedTerm", "name": a.goal.text} for a in view.alignments]
    return data
