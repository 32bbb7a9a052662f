"""Faceted lists (pure: no I/O): what each list shows, filters on and sorts by, and the SPARQL
that does the work. The store counts (GROUP BY), filters (VALUES), sorts (ORDER BY) and pages
(LIMIT/OFFSET); Python only writes the text and reads the rows of one page.

A facet is a graph pattern binding `?value` from `?item`. Values chosen in one facet are
alternatives (OR), values in different facets all hold (AND). A facet's counts are those of
the list filtered by the *other* facets, so a value of a facet already in use shows how many
items choosing it too would add. Chosen values enter the text only as terms written by
pyoxigraph (`NamedNode`, `Literal`) or as validated integers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from cepa_kg.namespaces import PREFIXES

CEPA = PREFIXES["cepa"]

PREFIX_TEXT = """PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

MAX_VALUES = 50  # values chosen in one facet
MAX_VALUE_LENGTH = 300
FACET_CAP = 30  # values shown per facet, unless the facet is opened in full
FACET_ALL = 1000  # values shown by a facet opened in full

_NOT_IN_IRI = re.compile(r"[\x00-\x20\x7f<>\"{}|^`\\]")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LOCAL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,80}$")


class FacetValueError(ValueError):
    """A chosen value that cannot be a value of its facet (the message says why)."""


@dataclass(frozen=True)
class Facet:
    """One facet: `pattern` binds `?value` from `?item` (helper variables start `?_`);
    `label` (optional, in an OPTIONAL) binds `?_label` and `?_note` from `?value`; values
    are ordered by `order` (over `?value`, `?n`, `?valueLabel` and `?key`, which `key`
    binds). `kind` says what a value is in a URL: `integer`, `string`, `iri` (relative to
    the base; a bare name is taken under `under`) or `class` (a local name of cepa:)."""

    name: str
    heading: str
    kind: str
    pattern: str
    label: str = ""
    key: str = ""
    order: str = "DESC(?n) LCASE(STR(?valueLabel)) ?value"
    under: str = ""
    computed: bool = False  # `?value` made by BIND: chosen values are kept by FILTER IN

    def term(self, value: str, base: str) -> str:
        """The SPARQL term of a value from a URL; FacetValueError if it cannot be one."""
        if len(value) > MAX_VALUE_LENGTH:
            raise FacetValueError(f"a {self.name} value is at most {MAX_VALUE_LENGTH} characters")
        if self.kind == "integer":
            if not re.fullmatch(r"\d{1,9}", value):
                raise FacetValueError(f"{self.name} is a whole number, e.g. 8 (not {value!r})")
            return str(int(value))
        if self.kind == "string":
            return str(ox.Literal(value))
        if self.kind == "class":
            if not _LOCAL_NAME.fullmatch(value):
                raise FacetValueError(f"{self.name} is a class name, e.g. Meeting (not {value!r})")
            return str(ox.NamedNode(CEPA + value))
        return str(ox.NamedNode(self.iri(value, base)))

    def lexical(self, value: str, base: str) -> str:
        """The value as the store writes it (a number, the string, the IRI) for a value
        `term` takes."""
        if self.kind == "integer":
            return str(int(value))
        if self.kind == "string":
            return value
        if self.kind == "class":
            return CEPA + value
        return self.iri(value, base)

    def iri(self, value: str, base: str) -> str:
        if _NOT_IN_IRI.search(value):
            raise FacetValueError(f"{self.name} {value!r} is not an IRI")
        if _ABSOLUTE.match(value):
            iri = value
        elif self.under and "/" not in value:
            iri = base + self.under + value
        else:
            iri = base + value
        try:
            return ox.NamedNode(iri).value
        except ValueError:
            raise FacetValueError(f"{self.name} {value!r} is not an IRI") from None

    def parameter(self, term: ox.NamedNode | ox.Literal | ox.BlankNode, base: str) -> str:
        """The URL form of a value read from the store (the inverse of `term`)."""
        value = term.value
        if self.kind == "class":
            return value.removeprefix(CEPA)
        if self.kind == "iri":
            if self.under and value.startswith(base + self.under) and \
                    "/" not in value[len(base + self.under):]:
                return value[len(base + self.under):]
            return value.removeprefix(base)
        return value

    def bound(self, var: str) -> str:
        """The pattern with `?value` as `?{var}` and its helpers renamed after it."""
        text = re.sub(r"\?value\b", f"?{var}", self.pattern)
        return re.sub(r"\?_(\w+)", rf"?{var}_\1", text)


@dataclass(frozen=True)
class Sort:
    """A sort order: the keys (`keys` binds `?sort1`, `?sort2`... from `?item`), the first
    ascending unless reversed."""

    name: str
    heading: str
    keys: str
    count: int
    descending_first: bool = False  # newest first when no direction is given


@dataclass(frozen=True)
class Column:
    var: str
    heading: str
    sort: str = ""  # the sort that orders by this column


@dataclass(frozen=True)
class Stage:
    """Columns read together: `pattern` (in an OPTIONAL) binds helpers `?c_...` from
    `?item`; `select` aggregates them to one value per item (`(SAMPLE(?c_x) AS ?x)`)."""

    pattern: str
    select: str

    @property
    def outputs(self) -> list[str]:
        return re.findall(r"AS \?(\w+)\)", self.select)


@dataclass(frozen=True)
class ListSpec:
    """A faceted list of one class."""

    slug: str  # the URL: /lists/{slug}
    cls: str  # local name in cepa:
    heading: str
    blurb: str
    columns: tuple[Column, ...]
    stages: tuple[Stage, ...]  # the columns' values, read one stage after the other
    facets: tuple[Facet, ...]
    sorts: tuple[Sort, ...]
    link_text: str = "label"  # the column whose text links to the item
    facet_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facet_names", tuple(f.name for f in self.facets))

    def facet(self, name: str) -> Facet:
        return next(f for f in self.facets if f.name == name)

    def sort(self, name: str) -> Sort:
        return next(s for s in self.sorts if s.name == name)


# -- the facets --------------------------------------------------------------------------

# The MDGs and SDGs (the reference data has other goals: the internationally agreed ones).
_MDG_OR_SDG = 'FILTER(STRENDS(STR(?scheme), "/scheme/mdg") || STRENDS(STR(?scheme), "/scheme/sdg"))'
_IRI_LABEL = "{ ?value rdfs:label ?_label } UNION { ?value skos:prefLabel ?_label }"


def _year(path: str, name: str = "year", heading: str = "Year") -> Facet:
    return Facet(name, heading, "integer",
                 f"?item {path} ?_d . BIND(xsd:integer(SUBSTR(STR(?_d), 1, 4)) AS ?value)",
                 order="DESC(?value)", computed=True)


SESSION = Facet(
    "session", "Session", "integer", "?item cepa:session ?_s . ?_s cepa:sessionNumber ?value",
    label='?_s cepa:sessionNumber ?value . OPTIONAL { ?_s schema:startDate ?_start } '
          'BIND(CONCAT("Session ", STR(?value), IF(BOUND(?_start), '
          'CONCAT(" (", SUBSTR(STR(?_start), 1, 4), ")"), "")) AS ?_label)',
    order="DESC(?value)")
GOAL = Facet(
    "goal", "Goal", "iri",
    "?item cepa:alignedTo ?_to . ?_to skos:broader? ?value . ?value a cepa:Goal ; "
    "skos:inScheme ?_in . " + _MDG_OR_SDG.replace("?scheme", "?_in"),
    label='?value skos:notation ?_no ; skos:inScheme ?_scheme ; skos:prefLabel ?_note . '
          'FILTER((LANG(?_note) = "" || LANGMATCHES(LANG(?_note), "en"))) '
          'BIND(CONCAT(IF(STRENDS(STR(?_scheme), "/mdg"), "MDG ", "SDG "), STR(?_no)) '
          'AS ?_label)',
    key='?value skos:notation ?_kn ; skos:inScheme ?_ks . '
        'BIND(IF(STRENDS(STR(?_ks), "/mdg"), 0, 100) + xsd:integer(?_kn) AS ?key)',
    order="?key ?value", under="id/goal/")
ADDRESSEE = Facet("addressee", "Addressee", "iri", "?item cepa:addressee ?value",
                  label=_IRI_LABEL, under="id/actor/")
SUBTOPIC = Facet("subtopic", "Subtopic", "iri", "?item cepa:subtopic ?value",
                 label=_IRI_LABEL, under="id/theme/")
MODALITY = Facet("modality", "Modality", "string", "?item cepa:modality ?value")
FAMILY = Facet("family", "Document family", "string",
               "?item prov:wasDerivedFrom ?_doc . ?_doc cepa:documentKind ?value")
STATUS = Facet("status", "Status", "string", "?item cepa:status ?value")
PARTY = Facet("party", "Party", "iri", "?item cepa:party ?value", label=_IRI_LABEL,
              under="id/actor/")
EVENT_KIND = Facet(
    "kind", "Kind", "class",
    '?item a ?value . FILTER(?value != cepa:Event && '
    'STRSTARTS(STR(?value), "https://w3id.org/cepa-kg/def#"))', label=_IRI_LABEL)
PLACE = Facet("place", "Place", "iri", "?item schema:location ?value", label=_IRI_LABEL,
              under="id/place/")
PROJECT_STATUS = Facet("status", "Status", "string", "?item cepa:projectStatus ?value")

#: What the document families are called on the pages.
FAMILY_NAMES = {"cepa-session": "CEPA session", "dpadm-monthly-update": "DPADM update",
                "da-project": "Development Account project"}

# -- the lists ---------------------------------------------------------------------------
# A list's columns are read in stages, each grouped to one row per item before the next
# joins: a label is repeated in the graph of every document that names its resource (the
# default graph is their union), so two labelled columns in one group multiply their rows.


def _many(var: str, pattern: str, separator: str = "; ") -> Stage:
    """A column of several values, joined (`pattern` binds `?c_{var}`)."""
    return Stage(pattern, f'(GROUP_CONCAT(DISTINCT ?c_{var}; separator="{separator}") AS ?{var})')


_GOALS_PATTERN = (
    '?item cepa:alignedTo ?c_to . ?c_to skos:broader? ?c_goal . ?c_goal a cepa:Goal ; '
    'skos:notation ?c_no ; skos:inScheme ?c_scheme . '
    + _MDG_OR_SDG.replace("?scheme", "?c_scheme") + ' BIND(CONCAT(IF(STRENDS(STR(?c_scheme), '
    '"/mdg"), "MDG ", "SDG "), STR(?c_no)) AS ?c_goals)')
_LABEL = "?item rdfs:label ?c_label"

RECOMMENDATIONS = ListSpec(
    slug="recommendations", cls="Recommendation", heading="Recommendations",
    blurb="Recommendations, conclusions and resolution paragraphs of the sessions",
    columns=(Column("session", "Session", "session"), Column("text", "Recommendation", "text"),
             Column("addressees", "Addressees"), Column("modality", "Modality"),
             Column("subtopics", "Subtopic"), Column("goals", "Goals"),
             Column("date", "Session date", "date")),
    stages=(Stage('?item cepa:session ?c_s . ?c_s cepa:sessionNumber ?c_session '
                  'OPTIONAL { ?c_s schema:startDate ?c_date }',
                  "(SAMPLE(?c_session) AS ?session) (MIN(?c_date) AS ?date)"),
            Stage("?item cepa:order ?c_order", "(SAMPLE(?c_order) AS ?order)"),
            Stage("?item cepa:text ?c_text", "(SAMPLE(?c_text) AS ?text)"),
            Stage("?item cepa:modality ?c_modality", "(SAMPLE(?c_modality) AS ?modality)"),
            _many("addressees", "?item cepa:addressee/rdfs:label ?c_addressees"),
            _many("subtopics", "?item cepa:subtopic/rdfs:label ?c_subtopics"),
            _many("goals", _GOALS_PATTERN, ", ")),
    facets=(SESSION, GOAL, ADDRESSEE, SUBTOPIC, MODALITY, FAMILY),
    sorts=(Sort("session", "Session", "OPTIONAL { ?item cepa:session/cepa:sessionNumber ?sort1 } "
                "OPTIONAL { ?item cepa:order ?sort2 }", 2),
           Sort("text", "Text", "OPTIONAL { ?item cepa:text ?t . BIND(LCASE(STR(?t)) AS ?sort1) }",
                1),
           Sort("date", "Session date", "OPTIONAL { ?item cepa:session/schema:startDate ?d . "
                "BIND(STR(?d) AS ?sort1) } "
                "OPTIONAL { ?item cepa:order ?sort2 }", 2)),
    link_text="text")

EVENTS = ListSpec(
    slug="events", cls="Event", heading="Events",
    blurb="Seminars, workshops, meetings, conferences and trainings of the Division's reports",
    columns=(Column("start", "Starts", "date"), Column("label", "Event", "label"),
             Column("kinds", "Kind"), Column("end", "Ends"), Column("places", "Place")),
    stages=(Stage(_LABEL, "(SAMPLE(?c_label) AS ?label)"),
            Stage("?item schema:startDate ?c_start", "(MIN(?c_start) AS ?start)"),
            Stage("?item schema:endDate ?c_end", "(MAX(?c_end) AS ?end)"),
            _many("kinds", '?item a ?c_k . FILTER(?c_k != cepa:Event && STRSTARTS(STR(?c_k), '
                  '"https://w3id.org/cepa-kg/def#")) ?c_k rdfs:label ?c_kinds'),
            _many("places", "?item schema:location/rdfs:label ?c_places")),
    facets=(_year("schema:startDate"), EVENT_KIND, PLACE, FAMILY),
    sorts=(Sort("date", "Date", "OPTIONAL { ?item schema:startDate ?d . BIND(STR(?d) AS ?sort1) }",
                1, True),
           Sort("label", "Name", "OPTIONAL { ?item rdfs:label ?t . "
                "BIND(LCASE(STR(?t)) AS ?sort1) }", 1)))

PARTNERSHIPS = ListSpec(
    slug="partnerships", cls="Partnership", heading="Partnerships",
    blurb="Collaborations between actors: agreed, explored, proposed or requested",
    columns=(Column("date", "Date", "date"), Column("label", "Partnership", "label"),
             Column("status", "Status", "status"), Column("parties", "Parties"),
             Column("purpose", "Purpose")),
    stages=(Stage(_LABEL, "(SAMPLE(?c_label) AS ?label)"),
            Stage("?item dcterms:date ?c_date", "(MIN(?c_date) AS ?date)"),
            _many("status", "?item cepa:status ?c_status"),
            Stage("?item cepa:purpose ?c_purpose", "(SAMPLE(?c_purpose) AS ?purpose)"),
            _many("parties", "?item cepa:party/rdfs:label ?c_parties")),
    facets=(_year("dcterms:date"), STATUS, PARTY, FAMILY),
    sorts=(Sort("date", "Date", "OPTIONAL { ?item dcterms:date ?d . BIND(STR(?d) AS ?sort1) }", 1,
                True),
           Sort("label", "Name", "OPTIONAL { ?item rdfs:label ?t . "
                "BIND(LCASE(STR(?t)) AS ?sort1) }", 1),
           Sort("status", "Status", "OPTIONAL { ?item cepa:status ?sort1 }", 1)))

PROJECTS = ListSpec(
    slug="projects", cls="Project", heading="Projects",
    blurb="Development Account projects of the Division",
    columns=(Column("code", "Code", "code"), Column("label", "Project", "label"),
             Column("start", "From", "year"), Column("end", "To"), Column("status", "Status"),
             Column("goals", "Goals")),
    stages=(Stage(_LABEL, "(SAMPLE(?c_label) AS ?label)"),
            Stage("?item cepa:projectCode ?c_code", "(SAMPLE(?c_code) AS ?code)"),
            Stage("?item cepa:startYear ?c_start", "(MIN(?c_start) AS ?start)"),
            Stage("?item cepa:endYear ?c_end", "(MAX(?c_end) AS ?end)"),
            _many("status", "?item cepa:projectStatus ?c_status"),
            _many("goals", _GOALS_PATTERN, ", ")),
    facets=(_year("cepa:startYear", heading="Starting year"), PROJECT_STATUS, GOAL, FAMILY),
    sorts=(Sort("label", "Name", "OPTIONAL { ?item rdfs:label ?t . "
                "BIND(LCASE(STR(?t)) AS ?sort1) }", 1),
           Sort("year", "Starting year", "OPTIONAL { ?item cepa:startYear ?y . "
                "BIND(STR(?y) AS ?sort1) }", 1, True),
           Sort("code", "Code", "OPTIONAL { ?item cepa:projectCode ?sort1 }", 1)))

LISTS: dict[str, ListSpec] = {s.slug: s for s in (RECOMMENDATIONS, EVENTS, PARTNERSHIPS, PROJECTS)}
#: The list of each class that has one (for links from the class pages).
BY_CLASS: dict[str, str] = {s.cls: s.slug for s in LISTS.values()}


# -- the queries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """What a request chose: terms per facet (in the order given), the sort and its
    direction, the page and its size."""

    terms: dict[str, tuple[str, ...]]
    sort: str
    descending: bool
    page: int
    size: int


def _items(spec: ListSpec) -> str:
    return f"?item a cepa:{spec.cls} . FILTER(isIRI(?item))"


def _filters(spec: ListSpec, selection: Selection, without: str = "") -> str:
    """The patterns that keep the chosen values of every facet but `without`."""
    parts = []
    for facet in spec.facets:
        terms = selection.terms.get(facet.name)
        if not terms or facet.name == without:
            continue
        var = f"f_{facet.name}"
        if facet.computed:
            parts.append(f"{facet.bound(var)} FILTER(?{var} IN ({', '.join(terms)}))")
        else:
            parts.append(f"{facet.bound(var)} VALUES ?{var} {{ {' '.join(terms)} }}")
    return "".join(f"\n  {p}" for p in parts)


def _selected(spec: ListSpec, selection: Selection, without: str = "") -> str:
    """The items the selection keeps, each once: a DISTINCT sub-select that the facet's or
    the sort's patterns then join item by item. Joined in one group instead, every copy of
    an item's type and location (an event reported by 51 documents has 51) multiplied the
    pattern after them: the events at one place took 0.2-0.85 s per facet at the corpus x50,
    3 ms this way."""
    inner = (_items(spec) + _filters(spec, selection, without=without)).replace("\n", "\n  ")
    return f"{{ SELECT DISTINCT ?item WHERE {{\n    {inner}\n  }} }}"


def count_query(spec: ListSpec, selection: Selection) -> str:
    """The number of items the selection keeps."""
    return (PREFIX_TEXT + "SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE {\n  "
            + _items(spec) + _filters(spec, selection) + "\n}\n")


def facet_query(spec: ListSpec, selection: Selection, facet: Facet, limit: int) -> str:
    """A facet's values with their counts (the items of the other facets' selection that
    have each), labels and order; `limit` values at most."""
    label = (f"\n  OPTIONAL {{ {facet.label} }}" if facet.label else "")
    key = f"\n  OPTIONAL {{ {facet.key} }}" if facet.key else ""
    projection = "?value ?n (SAMPLE(?_label) AS ?valueLabel) (SAMPLE(?_note) AS ?valueNote)" + (
        " (MIN(?key) AS ?sortKey)" if facet.key else "")
    order = facet.order.replace("?key", "?sortKey")
    # Ordered outside the grouping: an ORDER BY over an aggregate's name is refused by some
    # servers (Virtuoso) when it is grouped in the same query.
    return (PREFIX_TEXT + f"SELECT * WHERE {{ {{ SELECT {projection} WHERE {{\n"
            "  { SELECT ?value (COUNT(DISTINCT ?item) AS ?n) WHERE {\n    "
            + _selected(spec, selection, without=facet.name).replace("\n", "\n  ")
            + f"\n    {facet.pattern}\n  }} GROUP BY ?value }}{label}{key}\n"
            f"}} GROUP BY ?value ?n }} }} ORDER BY {order}\nLIMIT {limit}\n")


def known_values_query(spec: ListSpec, selection: Selection) -> str | None:
    """The chosen values that some item of the list has (each with its facet and label);
    None when nothing is chosen."""
    branches = []
    for facet in spec.facets:
        terms = selection.terms.get(facet.name)
        if not terms:
            continue
        keep = (f"FILTER(?value IN ({', '.join(terms)}))" if facet.computed
                else f"VALUES ?value {{ {' '.join(terms)} }}")
        label = f" OPTIONAL {{ {facet.label} }}" if facet.label else ""
        branches.append(f'{{ {_items(spec)} {facet.pattern} {keep}{label} '
                        f'BIND("{facet.name}" AS ?facet) }}')
    if not branches:
        return None
    return (PREFIX_TEXT + "SELECT ?facet ?value (SAMPLE(?_label) AS ?valueLabel) WHERE {\n  "
            + "\n  UNION ".join(branches) + "\n} GROUP BY ?facet ?value\n")


def rows_query(spec: ListSpec, selection: Selection, *, paged: bool = True) -> str:
    """The rows of the list: one page (LIMIT/OFFSET in the subquery that picks the items,
    so only those are described), or every row when not `paged`. The columns are read in
    stages around it, each grouped to one row per item."""
    sort = spec.sort(selection.sort)
    count = range(1, sort.count + 1)
    direction = "DESC" if selection.descending else "ASC"
    order = " ".join(f"{direction}(?sortKey{i})" for i in count) + " ?item"
    keys = " ".join(f"(MIN(?sort{i}) AS ?sortKey{i})" for i in count)
    page = (f"\n  ORDER BY {order}\n  LIMIT {selection.size} "
            f"OFFSET {(selection.page - 1) * selection.size}") if paged else ""
    query = (f"{{ SELECT ?item {keys} WHERE {{\n  " + _selected(spec, selection)
             + f"\n  {sort.keys}\n}} GROUP BY ?item{page} }}")
    carried = [f"?sortKey{i}" for i in count]
    for stage in spec.stages:
        kept = " ".join(carried)
        inner = query.replace("\n", "\n  ")
        query = (f"{{ SELECT ?item {kept} {stage.select} WHERE {{\n  {inner}\n"
                 f"  OPTIONAL {{ {stage.pattern} }}\n}} GROUP BY ?item {kept} }}")
        carried += [f"?{name}" for name in stage.outputs]
    outputs = " ".join(f"?{n}" for stage in spec.stages for n in stage.outputs)
    return (PREFIX_TEXT + f"SELECT ?item {outputs} WHERE {query}\nORDER BY {order}\n")
