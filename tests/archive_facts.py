"""Check the stated facts of a fixture (`tests/data/archive/README.md`) against the graph its
load gave: each fact is a question about the document's own named graph, asked in SPARQL
through the public vocabulary (the same a researcher would write), with actors resolved by the
names the gazetteer knows. Used by `test_archive` and by `bench/archive_eval.py` (which runs it
on any folder of fixtures, the private hold-out set included). Not a test module."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
import pyoxigraph as ox

from cepa_kg.pipeline import LoadOutcome, load_paths
from cepa_kg.store import OxigraphStore

PREFIXES = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# -- text and names ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-",
                         "\u00a0": " ", "\u2010": "-", "\u2011": "-"})


def norm(text: str) -> str:
    """Lower case, plain quotes and dashes, one space, no leading list glyphs or quotes."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = re.sub(r"[\"']", "", text)  # quotation marks are no part of a name
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)  # "Capacity-Building" is "Capacity Building"
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^[\s\-•*\"'(\[|:;,.]+", "", text)


def starts(expected: str, actual: str) -> bool:
    """The rule book's match: the extracted text starts with the fact's first words."""
    e, a = norm(expected).rstrip(".,;: \"'"), norm(actual)
    return bool(e) and a.startswith(e)


def _bare_name(name: str) -> str:
    name = norm(name)
    return re.sub(r"^the ", "", name).rstrip(".,;")


#: Customary names ISO no longer gives ("Turkey" since pycountry names it Türkiye): the
#: aliases and UN short names of `loaders/country_names.tsv`, written by the rule book's side
#: as the labels are (a label says "Turkey" where its page does).
_COUNTRY_NAMES = Path(__file__).parent.parent / "loaders" / "country_names.tsv"


@lru_cache(maxsize=1)
def _customary_names() -> dict[str, str]:
    names = {}
    for line in _COUNTRY_NAMES.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] in ("alias", "un_name"):
            names[parts[2].casefold()] = parts[0]
    return names


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO alpha-3 of a country name or code, or None."""
    if re.fullmatch(r"[A-Z]{3}", name):
        return name
    bare = re.sub(r"\s*\(the\)$", "", name.strip(), flags=re.I)
    customary = _customary_names().get(re.sub(r"^the\s+", "", bare, flags=re.I).casefold())
    if customary is not None:
        return customary
    for lookup in (lambda n: pycountry.countries.lookup(n),
                   lambda n: pycountry.countries.search_fuzzy(n)[0]):
        try:
            return str(lookup(bare).alpha_3)
        except LookupError:
            continue
    return None


# -- results ----------------------------------------------------------------------------------


@dataclass
class FactResult:
    fact: dict[str, Any]
    found: bool
    why: str = ""


@dataclass
class FixtureResult:
    name: str
    family: str
    outcome: LoadOutcome
    results: list[FactResult] = field(default_factory=list)

    @property
    def found(self) -> int:
        return sum(r.found for r in self.results)

    @property
    def total(self) -> int:
        return len(self.results)


# -- the checker ------------------------------------------------------------------------------


class Checker:
    """Facts about one document graph (`doc`) in `store`."""

    def __init__(self, store: OxigraphStore, doc: str) -> None:
        self.store, self.doc = store, doc

    def rows(self, where: str) -> list[dict[str, Any]]:
        return self.store.select(PREFIXES + "SELECT * WHERE { " + where + " }")

    def in_doc(self, pattern: str) -> list[dict[str, Any]]:
        """Solutions of `pattern` inside the document's own graph."""
        return self.rows(f"GRAPH <{self.doc}> {{ {pattern} }}")

    def actors(self, name: str) -> set[str]:
        """Every actor IRI `name` may mean: gazetteer labels and acronyms, a country, or an
        actor this document named with that label."""
        found: set[str] = set()
        if "," in name:  # "Ministry of Communications, Ghana": the name, then where it is
            found |= self.actors(name.split(",", 1)[0])
        government = re.match(r"(?:the\s+)?Government\s+of\s+(.+)$", name.strip(), re.I)
        if government:  # the gazetteer's rule: a country's Government acts as the country
            found |= self.actors(government.group(1))
        bare = _bare_name(name)
        found |= {r["a"].value for r in self.rows(
            "?a a cepa:Actor ; rdfs:label|skos:prefLabel|skos:altLabel|cepa:acronym|foaf:name "
            # (quotation marks are no part of a name, and a hyphen between two letters is a
            # space, on either side: `norm`)
            f"?l . BIND(REPLACE(REPLACE(LCASE(STR(?l)), \"[\\\"'’‘“”]\", \"\"), "
            f"\"(\\\\w)[-\u2010\u2011](\\\\w)\", \"$1 $2\") AS ?n) "
            f"FILTER(?n = {ox.Literal(bare)} || ?n = {ox.Literal('the ' + bare)})")}
        code = country_code(name)
        if code:
            found |= {r["a"].value for r in self.rows(
                f"?a a cepa:Country . FILTER(STRENDS(STR(?a), {ox.Literal('/country/' + code)}))")}
        return found

    def same_actors(self, names: Iterable[str], actual: set[str]) -> tuple[bool, str]:
        """The actual set names exactly the expected actors (each expected name matched by
        one actual actor, and nothing more)."""
        names = list(names)
        matched: set[str] = set()
        missing = []
        for name in names:
            hit = self.actors(name) & actual
            if hit:
                matched |= hit
            else:
                missing.append(name)
        extra = actual - matched
        if missing or extra:
            labels = sorted(self.label(a) for a in extra)
            return False, f"missing {missing}, extra {labels}"
        return True, ""

    def label(self, iri: str) -> str:
        rows = self.rows(f"<{iri}> rdfs:label ?l")
        return rows[0]["l"].value if rows else iri.rsplit("/", 1)[-1]

    def labels_of(self, iri: str) -> list[str]:
        return [r["l"].value for r in self.rows(
            f"<{iri}> rdfs:label|skos:prefLabel|skos:altLabel|schema:name|dcterms:title ?l")]

    # -- the kinds of fact ------------------------------------------------------------------

    def check(self, fact: dict[str, Any]) -> FactResult:
        kind = fact.get("kind", "")
        method: Callable[[dict[str, Any]], tuple[bool, str]] | None = getattr(
            self, "fact_" + kind, None)
        if method is None:
            return FactResult(fact, False, f"unknown kind of fact {kind!r}")
        try:
            ok, why = method(fact)
        except Exception as error:  # a checker error is a miss, reported
            ok, why = False, f"checker error: {type(error).__name__}: {error}"
        return FactResult(fact, ok, why)

    def _value_of(self, pattern: str, var: str = "v") -> list[str]:
        return [r[var].value for r in self.in_doc(pattern)]

    def fact_document_kind(self, fact: dict[str, Any]) -> tuple[bool, str]:
        kinds = self._value_of(f"<{self.doc}> cepa:documentKind ?v")
        return fact["value"] in kinds, f"kind {kinds}"

    def fact_document_date(self, fact: dict[str, Any]) -> tuple[bool, str]:
        dates = self._value_of(f"<{self.doc}> dcterms:date ?v")
        return any(d.startswith(str(fact["value"])) for d in dates), f"dated {dates}"

    # sessions

    def _sessions(self) -> list[str]:
        return self._value_of("?v a cepa:Session")

    def fact_session_number(self, fact: dict[str, Any]) -> tuple[bool, str]:
        numbers = self._value_of("?s a cepa:Session ; cepa:sessionNumber ?v")
        return str(fact["value"]) in numbers, f"sessions {numbers}"

    def _session_date(self, prop: str, fact: dict[str, Any]) -> tuple[bool, str]:
        dates = self._value_of(f"?s a cepa:Session ; schema:{prop} ?v")
        return str(fact["value"]) in dates, f"{prop} {dates}"

    def fact_start_date(self, fact: dict[str, Any]) -> tuple[bool, str]:
        return self._session_date("startDate", fact)

    def fact_end_date(self, fact: dict[str, Any]) -> tuple[bool, str]:
        return self._session_date("endDate", fact)

    def fact_session_place(self, fact: dict[str, Any]) -> tuple[bool, str]:
        places = self._value_of("?s a cepa:Session ; schema:location ?v")
        names = [n for p in places for n in self.labels_of(p)]
        want = norm(fact["value"])
        ok = any(want in norm(n) or norm(n) in want for n in names)
        return ok, f"places {names}"

    def fact_main_theme(self, fact: dict[str, Any]) -> tuple[bool, str]:
        themes = self._value_of("?s a cepa:Session ; cepa:mainTheme ?v")
        names = [n for t in themes for n in self.labels_of(t)]
        return any(starts(fact["value"], n) for n in names), f"themes {names}"

    def fact_subtopic(self, fact: dict[str, Any]) -> tuple[bool, str]:
        topics = self._value_of("?s a cepa:Session ; cepa:subtopic ?v")
        names = [n for t in topics for n in self.labels_of(t)]
        return any(starts(fact["value"], n) for n in names), f"{len(names)} subtopics"

    def fact_recommendation(self, fact: dict[str, Any]) -> tuple[bool, str]:
        rows = self.in_doc("?r a cepa:Recommendation ; cepa:text ?t")
        candidates = [r["r"].value for r in rows if starts(fact["text"], r["t"].value)]
        if not candidates:
            return False, f"no recommendation starts so ({len(rows)} in the document)"
        why = ""
        for rec in candidates:
            actual = set(self._value_of(f"<{rec}> cepa:addressee ?v"))
            ok, why = self.same_actors(fact.get("addressees", []), actual)
            if not ok:
                why = "addressees: " + why
                continue
            if "modality" in fact:
                modalities = [norm(m) for m in self._value_of(f"<{rec}> cepa:modality ?v")]
                if norm(fact["modality"]) not in modalities:
                    why = f"modality {modalities}"
                    continue
            return True, ""
        return False, why

    def fact_recommendation_count(self, fact: dict[str, Any]) -> tuple[bool, str]:
        count = len(self.in_doc("?r a cepa:Recommendation"))
        return count == int(fact["value"]), f"{count} recommendations"

    def fact_person(self, fact: dict[str, Any]) -> tuple[bool, str]:
        people = self.in_doc("?p a cepa:Person ; rdfs:label ?n")
        want = _person_name(fact["name"])
        hits = [r["p"].value for r in people if _person_name(r["n"].value) == want]
        if not hits:
            return False, f"people {[r['n'].value for r in people][:8]}"
        why = ""
        for person in hits:
            if "role" in fact or "title" in fact:
                wanted = norm(fact.get("role") or fact.get("title"))
                roles = [norm(r["l"].value) for r in self.rows(
                    f"<{person}> org:hasMembership|org:holds ?m . "
                    "?m org:role/rdfs:label|cepa:title|rdfs:label ?l")]
                if not any(wanted in r or r in wanted for r in roles):
                    why = f"roles {roles}"
                    continue
            if "country" in fact:
                nations = self._value_of(f"<{person}> schema:nationality ?v")
                if not any(n.endswith("/country/" + fact["country"]) for n in nations):
                    why = f"nationality {nations}"
                    continue
            if "organisation" in fact:
                orgs = {r["o"].value for r in self.rows(
                    f"<{person}> org:hasMembership/org:organization|org:holds/org:postIn ?o")}
                if not self.actors(fact["organisation"]) & orgs:
                    why = f"organisations {[self.label(o) for o in orgs]}"
                    continue
            return True, ""
        return False, why

    # updates

    def fact_event(self, fact: dict[str, Any]) -> tuple[bool, str]:
        events = self._value_of("?v a cepa:Event")
        if not events:
            return False, "no events"
        best = "no event matches"
        for event in events:
            ok, why = self._event_matches(event, fact)
            if ok:
                return True, ""
            if why != "title" or best == "no event matches":
                best = why  # the reason of an event with the right title, if there is one
        return False, best

    def _event_matches(self, event: str, fact: dict[str, Any]) -> tuple[bool, str]:
        if "title" in fact and not any(starts(fact["title"], n) for n in self.labels_of(event)):
            return False, "title"
        kind = fact.get("event_kind") or (fact.get("kind") if fact.get("kind") != "event"
                                          else None)
        if kind and kind != "other":
            types = [t.rsplit("#", 1)[-1].lower() for t in self._value_of(f"<{event}> a ?v")]
            if {"award": "awardceremony"}.get(kind.lower(), kind.lower()) not in types:
                return False, f"kind {types}"
        for key, prop in (("start", "startDate"), ("end", "endDate")):
            if key in fact:
                dates = self._value_of(f"<{event}> schema:{prop} ?v")
                if str(fact[key]) not in dates:
                    return False, f"{key} {dates}"
        if "place" in fact:
            places = self._value_of(f"<{event}> schema:location ?v")
            names = [n for p in places for n in self.labels_of(p)] + [
                # (where the document names the place's country, or the gazetteer's places
                # graph does: the served graph holds both)
                n for p in places for c in {r["v"].value for r in self.rows(
                    f"<{p}> schema:containedInPlace ?v")}
                for n in self.labels_of(c)]
            want = norm(fact["place"])
            if not any(want in norm(n) or norm(n) in want for n in names):
                return False, f"place {names}"
        for key, prop in (("organisers", "organizer"), ("participants", "attendee")):
            if key in fact:
                actual = set(self._value_of(  # organisations: people are person facts
                    f"<{event}> schema:{prop} ?v FILTER NOT EXISTS {{ ?v a cepa:Person }}"))
                ok, why = self.same_actors(fact[key], actual)
                if not ok:
                    return False, f"{key}: {why}"
        return True, ""

    def fact_event_count(self, fact: dict[str, Any]) -> tuple[bool, str]:
        count = len(self._value_of("?v a cepa:Event"))
        return count == int(fact["value"]), f"{count} events"

    def fact_partnership(self, fact: dict[str, Any]) -> tuple[bool, str]:
        partnerships = self._value_of("?v a cepa:Partnership")
        why = f"{len(partnerships)} partnerships"
        for p in partnerships:
            parties = set(self._value_of(f"<{p}> cepa:party ?v"))
            ok, why = self.same_actors(fact["parties"], parties)
            if not ok:
                continue
            if "status" in fact and fact["status"] not in self._value_of(f"<{p}> cepa:status ?v"):
                why = "status " + str(self._value_of(f"<{p}> cepa:status ?v"))
                continue
            return True, ""
        return False, why

    def fact_organisation(self, fact: dict[str, Any]) -> tuple[bool, str]:
        named = {r["v"].value for r in self.rows(  # a country's Government is the country
            f"GRAPH <{self.doc}> {{ ?x ?p ?v }} {{ ?v a cepa:Actor }} UNION {{ ?v a cepa:Country }}")}
        wanted = self.actors(fact["name"])
        if wanted & named:
            return True, ""
        # an organisation the loader minted: its own label
        want = _bare_name(fact["name"])
        ok = any(_bare_name(n) == want for a in named for n in self.labels_of(a))
        return ok, "not named in the graph"

    # projects

    def _projects(self) -> list[str]:
        return self._value_of("?v a cepa:Project")

    def _project_value(self, prop: str) -> list[str]:
        return self._value_of(f"?p a cepa:Project ; {prop} ?v")

    def fact_project_code(self, fact: dict[str, Any]) -> tuple[bool, str]:
        codes = self._project_value("cepa:projectCode")
        want = norm(str(fact["value"])).replace(" ", "")
        return any(norm(c).replace(" ", "") == want for c in codes), f"codes {codes}"

    def fact_project_title(self, fact: dict[str, Any]) -> tuple[bool, str]:
        titles = [n for p in self._projects() for n in self.labels_of(p)]
        return any(starts(fact["value"], t) for t in titles), f"titles {titles[:3]}"

    def fact_objective(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = self._project_value("cepa:objective")
        return any(starts(fact["value"], o) or starts(_objective_core(fact["value"]), o)
                   for o in found), f"objectives {[o[:60] for o in found]}"

    def fact_accomplishment(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = self._project_value("cepa:expectedAccomplishment/cepa:text")
        return any(starts(fact["value"], a) for a in found), f"{len(found)} accomplishments"

    def fact_budget(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = self._project_value("cepa:budget")
        return any(abs(float(b) - float(fact["value"])) < 0.5 for b in found), f"budget {found}"

    def fact_country(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = self._project_value("cepa:beneficiaryCountry")
        code = country_code(str(fact["value"])) or str(fact["value"])
        return any(c.endswith("/country/" + code) for c in found), \
            f"countries {[c.rsplit('/', 1)[-1] for c in found]}"

    def fact_tranche(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = self._project_value("cepa:tranche")
        return str(fact["value"]) in found, f"tranche {found}"

    def fact_status(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = [s.lower() for s in self._project_value("cepa:projectStatus")]
        return str(fact["value"]).lower() in found, f"status {found}"

    def fact_start_year(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = self._project_value("cepa:startYear")
        return str(fact["value"]) in found, f"start {found}"

    def fact_end_year(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = self._project_value("cepa:endYear")
        return str(fact["value"]) in found, f"end {found}"

    def fact_implementing_entity(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = set(self._project_value("cepa:implementedBy"))
        ok = bool(self.actors(fact["value"]) & found)
        return ok, f"implemented by {[self.label(a) for a in found]}"

    def fact_partner(self, fact: dict[str, Any]) -> tuple[bool, str]:
        found = set(self._project_value("cepa:partner"))
        ok = bool(self.actors(fact["value"]) & found)
        return ok, f"partners {[self.label(a) for a in found]}"


def _objective_core(text: str) -> str:
    """An objective's own words after a lead-in ("The objective of this project is to")."""
    return re.sub(r"^(?:the\s+)?(?:overall\s+|main\s+)?(?:objective|purpose|aim)\s+of\s+"
                  r"(?:the|this)\s+project\s+is\s+", "", norm(text))


_HONORIFICS = re.compile(r"^(?:(?:mr|ms|mrs|dr|prof|professor|h\.?e|the honou?rable|"
                         r"honou?rable|his excellency|her excellency|sir|dame)\.?\s+)+")


def _person_name(name: str) -> str:
    return _HONORIFICS.sub("", norm(name)).strip()


# -- fixtures ---------------------------------------------------------------------------------


def read_facts(path: Path) -> dict[str, Any]:
    """A facts file; an `event` fact whose type was written as a second `kind` keeps it as
    `event_kind`."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key == "kind" and "kind" in out:
                out["event_kind"] = value
            else:
                out[key] = value
        return out

    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=pairs)


def fixture_documents(folder: Path, suffix: str = ".txt") -> list[tuple[Path, Path]]:
    """(document, facts) pairs under `folder`, by family folder and name."""
    out = []
    for facts in sorted(folder.rglob("*.facts.json")):
        document = facts.with_name(facts.name.removesuffix(".facts.json") + suffix)
        if document.exists():
            out.append((document, facts))
    return out


def check_fixture(document: Path, facts_path: Path, *, base: str,
                  store: OxigraphStore | None = None) -> FixtureResult:
    """Load `document` into a fresh store (or `store`) and check its facts."""
    facts = read_facts(facts_path)
    store = store or OxigraphStore()
    [outcome] = load_paths(store, [document], base=base, force=True, jobs=1)
    result = FixtureResult(document.name, facts.get("family", document.parent.name), outcome)
    if outcome.iri is None or outcome.status not in ("loaded", "unchanged"):
        result.results = [FactResult(f, False, f"not loaded: {outcome.error}")
                          for f in facts["facts"]]
        return result
    checker = Checker(store, outcome.iri)
    result.results = [checker.check(f) for f in facts["facts"]]
    return result


def coverage_table(results: list[FixtureResult]) -> str:
    """Facts found per family and overall, and per kind of fact."""
    lines = ["| family | documents | refused | facts | found | share |", "|---|---:|---:|---:|---:|---:|"]
    families: dict[str, list[FixtureResult]] = {}
    for r in results:
        families.setdefault(r.family, []).append(r)
    for family, rs in sorted(families.items()) + [("all", results)]:
        total = sum(r.total for r in rs)
        found = sum(r.found for r in rs)
        refused = sum(r.outcome.status not in ("loaded", "unchanged") for r in rs)
        share = found / total if total else 0.0
        lines.append(f"| {family} | {len(rs)} | {refused} | {total} | {found} | {share:.1%} |")
    kinds: dict[str, list[bool]] = {}
    for r in results:
        for f in r.results:
            kinds.setdefault(f"{r.family}:{f.fact.get('kind')}", []).append(f.found)
    lines += ["", "| kind of fact | facts | found |", "|---|---:|---:|"]
    for kind, oks in sorted(kinds.items()):
        lines.append(f"| {kind} | {len(oks)} | {sum(oks)} |")
    return "\n".join(lines)


def check_study(folder: Path, *, base: str, pages: int, found: int,
                loaded: int | None = None, family: str | None = None) -> list[FixtureResult]:
    """A study of real pages kept apart from the catalogue: its `pages` fixtures (of `family`
    only, if given) are loaded, at least `loaded` of them (all, by default) without refusal,
    and at least `found` of their facts found: a ratchet on what the loaders read today."""
    results = [check_fixture(d, f, base=base) for d, f in fixture_documents(folder)
               if family is None or d.parent.name == family]
    assert len(results) == pages, [r.name for r in results]
    refused = [(r.name, r.outcome.error) for r in results if r.outcome.status != "loaded"]
    assert len(results) - len(refused) >= (pages if loaded is None else loaded), refused
    got = sum(r.found for r in results)
    assert got >= found, f"{got} of {sum(r.total for r in results)} facts"
    return results
