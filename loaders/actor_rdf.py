"""The actors a page names as RDF: organisations (known to the gazetteer or new, with the
body a new one belongs to), countries, places, roles, posts and people with their memberships
(W3C ORG). Shared by the update and session mappings (`update_rdf`, `session_rdf`)."""

from __future__ import annotations

import re
from functools import lru_cache

from cepa_kg.loaders.actors import ActorMatch, add_actor, add_country
from cepa_kg.loaders.base import MappingContext
from cepa_kg.loaders.iris import Iris, slugify
from cepa_kg.loaders.organisations_in_text import ORG_HEAD
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.triples import Triple, Triples
from cepa_kg.loaders.update_model import ActorMention, Location, Membership, Person
from cepa_kg.namespaces import CEPA, FOAF, ORG, SCHEMA, SKOS
from rdflib import Literal, URIRef

__all__ = ["ActorWriter"]


#: A body named with its country after it: "Ministry of Finance of (the Republic of) Moldova".
#: Or "under the President of the Republic of Azerbaijan" (the body it answers to).
_OF_COUNTRY = re.compile(r"(?<=[a-z])[ ](?:under[ ]the[ ](?:President|Prime[ ]Minister|Cabinet[ ]of"
                         r"[ ]Ministers|Government)[ ])?of[ ](?P<country>(?:the[ ])?(?:Republic[ ]"
                         r"of[ ]|Kingdom[ ]of[ ])?[A-Z][\w’'-]*(?:[ ][A-Z][\w’'-]*){0,2})$")


_OF_PARENT = re.compile(r"(?<=[a-z])[ ]of[ ](?:the[ ])?(?=[A-Z])")


@lru_cache(maxsize=1024)
def _unit_name(label: str) -> str | None:
    """The name of a unit named with the known organisation it belongs to ("E-Government
    Branch" of "E-Government Branch of the United Nations Department of Economic and Social
    Affairs"), or None. An alias only: where the text names a Branch, Unit, Section or Service
    of a known body with two words or more, `organisations_in_text` already reads the unit
    alone; this covers the other names a page gives a new body ("Committee on NGOs of ...")."""
    from cepa_kg.loaders.actors import Gazetteer

    for m in _OF_PARENT.finditer(label):
        hit = Gazetteer.bundled().resolve(label[m.end():])
        if hit is not None and hit.kind in ("organization", "group") and len(
                label[: m.start()].split()) >= 2:
            return label[: m.start()]
    return None


#: A name whose last word is an organisation's head word ("... Institute", "... Center").
_ENDS_IN_HEAD = re.compile(rf"{ORG_HEAD.pattern}$")


@lru_cache(maxsize=1024)
def _new_parent(label: str) -> tuple[str, str] | None:
    """A body named with the body it belongs to, both new to the gazetteer ("Local Government
    Officials Development Institute of Incheon Metropolitan City"): (its own name, the
    parent's name), or None. Each side must read as an organisation's name: the first ends
    with a head word and has two words or more, the second holds one and is no country. The
    last such "of" divides them ("National School of Government | of the Ministry of X")."""
    for m in reversed(list(_OF_PARENT.finditer(label))):
        own, body = label[: m.start()], re.sub(r"\s*\([^)]*\)$", "", label[m.end():])
        if len(own.split()) >= 2 and _ENDS_IN_HEAD.search(own) and ORG_HEAD.search(body) \
                and len(body.split()) >= 2 and not _is_country(body):
            return own, body
    return None


@lru_cache(maxsize=1024)
def _is_country(name: str) -> bool:
    from cepa_kg.loaders.actors import Gazetteer

    hit = Gazetteer.bundled().resolve(name)
    return hit is not None and hit.kind == "country"


@lru_cache(maxsize=1024)
def _country(base: str, alpha3: str) -> tuple[URIRef, tuple[Triple, ...]]:
    """A country's IRI and the description `add_country` gives it (the same in every
    document: made once, each of its ~10 terms costs microseconds)."""
    scratch = Triples()
    iri = add_country(scratch, Iris(base), alpha3)  # type: ignore[arg-type]
    return iri, tuple(scratch)



#: The Secretariat's own posts: held in the United Nations when no other body is named.
#: The Secretariat's own posts ("Under-Secretary-General for ...", and "United Nations
#: Under-Secretary-General for ..."), held in the United Nations.
_UN_POST = re.compile(r"(?:(?:United\s+Nations|UN)\s+)?(?:(?:Under|Deputy|Assistant)[- ])?"
                      r"Secretary[- ]General\b(?!\s+of\s)", re.I)
_THE_COMMITTEE = re.compile(r"(?:the\s+)?(?:UN\s+|United\s+Nations\s+)?Committee", re.I)
#: A country in brackets after a name, or the one a person represents or comes from.
_COUNTRY_AFTER = re.compile(
    r"[^\S\n]*(?:\((?P<c>[A-Z][^()\n]{2,40})\)|,?[^\S\n]+(?:representing|from|of)[^\S\n]+"
    r"(?:the[^\S\n]+)?(?P<c2>[A-Z][\w’' -]{2,40}?)(?=[,.;)\n]|[^\S\n]+(?:and|who|as|at|in|on)\b|"
    r"[^\S\n]+(?!of\b|the\b|and\b)[a-z]))")


class ActorWriter:
    """Writes the actors, places, roles, posts and people a document names, each once (its
    first mention's quote), and keeps those the document mentions (`mentioned`)."""

    def __init__(self, ctx: MappingContext, *, committee: bool = False) -> None:
        """`committee`: the page is about the Committee, where "the Committee" a post names
        is CEPA."""
        self.ctx = ctx
        self.committee = committee
        self.mentioned: set[URIRef] = set()
        self.persons: dict[str, URIRef] = {}
        self.roles: set[URIRef] = set()
        self.actors: dict[tuple[str, str, str, bool], URIRef] = {}

    def actor(self, a: ActorMention) -> URIRef:
        """The actor's IRI; the first mention of it adds what the graph needs about it (a
        later one would add the same triples again: the quote is the first mention's)."""
        key = (a.path, a.kind, a.label, a.known)
        iri = self.actors.get(key)
        if iri is None:
            iri = self.actors[key] = self._new_actor(a)
        return iri

    def _new_actor(self, a: ActorMention) -> URIRef:
        ctx = self.ctx
        if a.known and a.kind == "country":
            iri, triples = _country(ctx.iris.base, a.path.split("/", 1)[1])
            for triple in triples:
                ctx.graph.add(triple)
        elif a.known:
            iri = add_actor(ctx, ActorMatch(a.path, a.kind, a.label, a.span))  # type: ignore[arg-type]
        else:
            iri = ctx.resource(ctx.iris.path(a.path), [CEPA.Actor, CEPA.Organization], a.label,
                               a.span)
            if a.acronym:  # the acronym the page gives it: "(NIGSD)"
                ctx.add(iri, CEPA.acronym, Literal(a.acronym))
            home = _OF_COUNTRY.search(a.label)
            if home is not None and _is_country(home.group("country")):
                # "Ministry of Finance of Moldova", "Innovation and Digital Development Agency
                # of the Republic of Azerbaijan": the body's name without its country too
                ctx.add(iri, SKOS.altLabel, Literal(a.label[: home.start()], lang="en"))
            elif (unit := _unit_name(a.label)) is not None:
                # "E-Government Branch of the United Nations Department of Economic and
                # Social Affairs": the unit's own name too
                ctx.add(iri, SKOS.altLabel, Literal(unit, lang="en"))
            if (parent := _new_parent(a.label)) is not None:
                # "Digital Government Monitoring Center of the Information Technology
                # Organization of Iran": the centre by its own name too, and the body it
                # belongs to, named there, an organisation of its own
                own, body = parent
                ctx.add(iri, SKOS.altLabel, Literal(own, lang="en"))
                start = a.span.start + a.span.of(ctx.text).rfind(body)
                ctx.add(iri, ORG.subOrganizationOf, self.actor(ActorMention(
                    f"actor/{slugify(body, max_length=120)}", "organization", body,
                    Span(start, start + len(body)) if start >= a.span.start else a.span,
                    False)))
        if a.kind != "place":
            self.mentioned.add(iri)
        return iri

    def location(self, loc: Location) -> URIRef:
        ctx = self.ctx
        country = self.actor(loc.country) if loc.country else None
        if loc.place is not None:
            return self.actor(loc.place)
        if country is not None and loc.country is not None and clean(
            loc.span.of(ctx.text)
        ) == clean(loc.country.span.of(ctx.text)):
            return country  # "held in Iraq": the country is the place
        iri = ctx.resource(ctx.iris.place(loc.name), [CEPA.Place, SCHEMA.Place], loc.name,
                           loc.span)
        if country is not None:
            ctx.add(iri, SCHEMA.containedInPlace, country)
        return iri

    def role(self, title: str, within: Span) -> URIRef:
        """The role a title names, described once per document (its first quote)."""
        ctx = self.ctx
        iri = ctx.iris.role(title)
        if iri not in self.roles:
            start = ctx.text.find(title, within.start, within.end)
            # The title as written may differ in white space (NBSP, a line break): then the
            # whole membership phrase is the quote.
            ctx.resource(iri, [ORG.Role], title,
                         Span(start, start + len(title)) if start >= 0 else within)
            self.roles.add(iri)
        return iri

    def post(self, person: URIRef, org: ActorMention, org_iri: URIRef, role: URIRef,
             title: str, span: Span) -> URIRef:
        """The post a titled membership fills (W3C ORG: a position within an organization
        that exists whoever holds it): one resource per organization and title, held by
        each person given that title there."""
        ctx = self.ctx
        iri = ctx.resource(ctx.iris.post(org.path, title), [ORG.Post],
                           f"{title}, {org.label}", span)
        ctx.add(iri, ORG.postIn, org_iri)
        ctx.add(iri, ORG.role, role)
        ctx.add(iri, ORG.heldBy, person)
        ctx.add(person, ORG.holds, iri)
        return iri

    def person(self, p: Person) -> URIRef:
        if p.key in self.persons:
            return self.persons[p.key]
        ctx = self.ctx
        iri = ctx.resource(ctx.iris.person(p.name), [CEPA.Person, CEPA.Actor, FOAF.Person],
                           p.name, p.span)
        ctx.add(iri, FOAF.name, Literal(p.name))
        if p.honorific:
            ctx.add(iri, CEPA.honorific, Literal(p.honorific))
        used: set[str] = set()
        for n, ms in enumerate(p.memberships, start=1):
            org = ms.organization or self._un_post(ms) or self._the_committee(ms)
            slug = (org.path.rsplit("/", 1)[-1] if org else slugify(ms.affiliation or "")
                    if ms.affiliation else str(n))
            if slug in used:
                slug = f"{slug}-{n}"
            used.add(slug)
            node = ctx.resource(URIRef(f"{iri}#membership-{slug}"), [ORG.Membership], ms.label,
                                ms.span)
            ctx.add(iri, ORG.hasMembership, node)
            ctx.add(node, ORG.member, iri)
            # an organisation, or the country a representative serves ("Permanent
            # Representative of Norway")
            org_iri = self.actor(org) if org is not None and org.kind in (
                "organization", "country") else None
            if org_iri is not None:
                ctx.add(node, ORG.organization, org_iri)
            if ms.title:
                role = self.role(ms.title, ms.span)
                ctx.add(node, CEPA.title, Literal(ms.title))
                ctx.add(node, ORG.role, role)
                if org is not None and org_iri is not None:
                    self.post(iri, org, org_iri, role, ms.title, ms.span)
        country = self._country_after(p.span)
        if country is not None:
            ctx.add(iri, SCHEMA.nationality, self.actor(country))
        self.mentioned.add(iri)
        self.persons[p.key] = iri
        return iri

    def _the_committee(self, ms: Membership) -> ActorMention | None:
        """CEPA, for "a member of the Committee" on a page about the Committee."""
        if not self.committee or not ms.affiliation or not _THE_COMMITTEE.fullmatch(
                ms.affiliation):
            return None
        return self._known("CEPA", ms.span)

    def _un_post(self, ms: Membership) -> ActorMention | None:
        """The United Nations, for the Secretariat's own posts when no body is named ("Under-
        Secretary-General for Economic and Social Affairs", "Deputy Secretary-General"): the
        post's organisation here only (an event's participants are those the text names)."""
        if not ms.title or not _UN_POST.match(ms.title):
            return None
        return self._known("United Nations", ms.span)

    def _known(self, name: str, span: Span, kind: str | None = None) -> ActorMention | None:
        """The gazetteer's actor of that name (of that kind), as mentioned at `span`."""
        hit = self.ctx.gazetteer.resolve(name)
        if hit is None or (kind is not None and hit.kind != kind):
            return None
        return ActorMention(hit.path, hit.kind, hit.label, span)

    def _country_after(self, span: Span) -> ActorMention | None:
        """The country written right after a person's name: "Dr. Benkirane (Morocco)", "Ms.
        A (Canada/UN-DESA)", "Mr. B, representing Australia", "Ms. C of Jordan"."""
        m = _COUNTRY_AFTER.match(self.ctx.text, span.end)
        if m is None:
            return None
        return next((found for name in re.split(r"\s*/\s*", m.group("c") or m.group("c2"))
                     if (found := self._known(name.strip(), span, "country")) is not None), None)
