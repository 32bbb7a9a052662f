"""The named queries of `queries/`: headers, safe binding, and the rows each returns from the
bundled corpus (expected values written by reading corpus/*.txt). Also `cepa-kg query --name`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from cepa_kg.named_queries import (
    TYPES,
    ParameterError,
    QueryDefinitionError,
    named_queries,
    parse_named_query,
    with_values,
)
from cepa_kg.store import OxigraphStore
from tests.corpus_iris import recommendation_path

BASE = "http://localhost:8000/"
ID = BASE + "id/"
REQUIRED = {"recommendations-by-goal", "trace-recommendation", "session-goals",
            "session-mdg-matrix", "recommendations-to-actor", "partnerships-by-actor",
            "partner-network", "themes-across-sessions", "timeline", "sources-of-entity",
            "sessions"}
MARK = 'BIND(CONCAT("pw", "ned") AS ?x)'
PAYLOADS = [
    f'" }} UNION {{ {MARK} }} #',
    f"' }} UNION {{ {MARK} }} #",
    f'x" . }}\n?s ?p ?o . {MARK} }} #',
    f'{ID}actor/dpadm> }} UNION {{ {MARK} }} <http://x/',
    f"{ID}actor/dpadm>\n}} UNION {{ {MARK} }}",
    "5 } UNION { " + MARK + " }",
    '"""\\" { } }}} ((',
    "http://x/a#}",
]
HARMLESS = {"iri": f"{ID}nothing/here", "string": "zz-no-such-value", "integer": "999"}


def rows(store: OxigraphStore, name: str, **values: str) -> list[dict[str, str]]:
    text = named_queries()[name].prepare(values, base=BASE)
    return [{k: v.value for k, v in row.items()} for row in store.select(text)]


# -- headers and binding -----------------------------------------------------------------


def test_every_required_question_has_a_query() -> None:
    assert REQUIRED <= set(named_queries())


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_header_is_complete_and_parameters_are_used(name: str) -> None:
    query = named_queries()[name]
    assert query.title and query.title != name
    assert len(query.description) > 30
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    for p in query.parameters:
        assert p.type in TYPES
        assert p.description
        assert f"?{p.name}" in body, f"{name}: parameter {p.name} is not used"


def test_header_parsing_reads_types_and_defaults() -> None:
    q = parse_named_query("x", "# title: T\n# description: D\n"
                               "# param: goal (iri) a goal [default: id/goal/mdg-8]\n"
                               "# param: n (integer) a number\nSELECT * WHERE { ?goal ?p ?n }")
    assert [(p.name, p.type, p.description, p.default) for p in q.parameters] == [
        ("goal", "iri", "a goal", "id/goal/mdg-8"), ("n", "integer", "a number", None)]
    with pytest.raises(QueryDefinitionError, match="unknown type"):
        parse_named_query("x", "# param: a (date) when\nSELECT * WHERE { ?a ?b ?c }")
    with pytest.raises(QueryDefinitionError, match="twice"):
        parse_named_query("x", "# param: a (iri) x\n# param: a (iri) y\nSELECT * WHERE {}")


def test_bind_types_defaults_and_refusals() -> None:
    q = named_queries()["timeline"]
    terms = q.bind({"year": "+0042", "actor": "id/actor/unodc"}, base=BASE)
    assert terms["year"] == ox.Literal("42", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))
    assert terms["actor"] == ox.NamedNode(ID + "actor/unodc")
    assert named_queries()["partnerships-by-actor"].bind({}, base=BASE) == {
        "actor": ox.NamedNode(ID + "actor/dpadm")}
    with pytest.raises(ParameterError, match="no parameter 'nope'"):
        q.bind({"nope": "1"}, base=BASE)
    with pytest.raises(ParameterError, match="not an integer"):
        q.bind({"year": "2011.5"}, base=BASE)
    with pytest.raises(ParameterError, match="not an IRI"):
        q.bind({"actor": "http://x/a b"}, base=BASE)


def test_values_block_opens_the_where_clause_with_escaped_terms() -> None:
    text = with_values("# c\nSELECT ?s WHERE {\n ?s ?p ?o }", {"o": ox.Literal('a"}\nb')})
    assert 'VALUES (?o) { ("a\\"}\\nb") }' in text
    assert text.index("VALUES") > text.index("WHERE {")
    with pytest.raises(QueryDefinitionError):
        with_values("SELECT * { ?s ?p ?o }", {"o": ox.Literal("x")})


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_injection_through_every_parameter_is_data_or_refused(
        corpus_store: OxigraphStore, name: str) -> None:
    query = named_queries()[name]
    for p in query.parameters:
        harmless = rows(corpus_store, name, **{p.name: HARMLESS[p.type]})
        for payload in PAYLOADS:
            try:
                text = query.prepare({p.name: payload}, base=BASE)
            except ParameterError:
                assert p.type in ("iri", "integer"), (name, p.name, payload)
                continue
            assert p.type == "string", f"{name}.{p.name} accepted {payload!r}"
            result = [{k: v.value for k, v in r.items()} for r in corpus_store.select(text)]
            assert result == harmless, (name, p.name, payload)
            assert "pwned" not in json.dumps(result)


def test_a_string_parameter_round_trips_exactly(corpus_store: OxigraphStore) -> None:
    for keyword in ('trust"', "TRUST", "trust\n", "trust}"):
        labels = {r["label"] for r in rows(corpus_store, "themes-across-sessions", keyword=keyword)}
        assert labels == ({"Accountability, transparency and citizen trust in government"}
                          if keyword == "TRUST" else set())


# -- rows from the corpus ----------------------------------------------------------------


def test_sessions(corpus_store: OxigraphStore) -> None:
    # Session 5: 16 recommendations and conclusions in its table and 5 operative paragraphs
    # (2 "Encourages", 3 requests to the Secretariat); session 8: 12 under its four subtopics,
    # 8 under the Annual Ministerial Review theme, 5 resolution paragraphs.
    got = [(r["number"], r["start"], r["end"], r["recommendations"])
           for r in rows(corpus_store, "sessions")]
    assert got == [("5", "2006-03-27", "2006-03-31", "21"), ("8", "2009-03-30", "2009-04-03", "25")]


def _direct_count(store: OxigraphStore, session: str, goal: str) -> int:
    """Recommendations of a session traced to a goal or one of its targets, counted apart
    from the query under test (methods other than the correspondence)."""
    rows_ = store.select(f"""PREFIX cepa: <https://w3id.org/cepa-kg/def#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{
          ?r a cepa:Recommendation ; cepa:session ?s ; cepa:hasAlignment ?a .
          ?s cepa:sessionNumber {session} .
          ?a cepa:goal ?g ; cepa:method ?m . FILTER(?m != "correspondence")
          {{ BIND(<{ID}goal/{goal}> AS ?g) }} UNION {{ ?g skos:broader <{ID}goal/{goal}> }} }}""")
    return int(rows_[0]["n"].value)


def test_session_mdg_matrix(corpus_store: OxigraphStore) -> None:
    cells = {(r["sessionNumber"], r["notation"]): int(r["recommendations"])
             for r in rows(corpus_store, "session-mdg-matrix")}
    assert len(cells) == 2 * 8  # every session × every MDG, zeros included
    for (session, goal), count in cells.items():
        assert count == _direct_count(corpus_store, session, f"mdg-{goal}"), (session, goal)
    # no default anchor: session 5 (innovation in governance) serves no MDG by most of its
    # recommendations, and session 8's public-health part gives MDG 6 only where a disease
    # is named ("pandemic")
    assert cells[("5", "8")] < 8 and cells[("8", "6")] >= 1 and cells[("8", "4")] == 0


def test_session_goals_counts(corpus_store: OxigraphStore) -> None:
    five = {r["code"]: int(r["recommendations"]) for r in rows(corpus_store, "session-goals",
                                                              session="5")}
    eight = {r["code"]: r for r in rows(corpus_store, "session-goals")}  # default: 8
    assert int(eight["SDG 3"]["recommendations"]) >= 7  # the public-health part
    assert "thematic" in eight["SDG 3"]["methods"]
    assert int(eight["SDG 16"]["recommendations"]) >= 5
    assert five.get("SDG 16", 0) >= 5
    for code, count in five.items():
        framework, _, number = code.partition(" ")
        if "." not in number:
            assert count == _direct_count(corpus_store, "5", f"{framework.lower()}-{number}") or \
                framework == "SDG", code  # SDGs may also come through the correspondence
    assert rows(corpus_store, "session-goals", session="3") == []


def test_recommendations_by_goal_with_evidence(corpus_store: OxigraphStore) -> None:
    got = rows(corpus_store, "recommendations-by-goal", goal="id/goal/sdg-3")
    recs = {r["recommendation"].removeprefix(ID) for r in got}
    assert {recommendation_path(8, k) for k in (13, 14, 16, 17)} <= recs  # health, named
    assert recommendation_path(8, 1) not in recs  # institutions and people: not health
    for r in got:
        assert r["method"] in ("explicit", "thematic", "inherited")
        assert 0 < float(r["score"]) <= 1 and r["evidence"]
        assert r["document"] == ID + "document/cepa-session-08-2009"
        assert int(r["evidenceEnd"]) - int(r["evidenceStart"]) == len(r["evidence"])
    # A goal's rows include those aligned to its targets (8.F: ICT with the private sector).
    mdg8 = rows(corpus_store, "recommendations-by-goal")
    by_target = {(r["recommendation"].removeprefix(ID), r["alignedToNotation"]) for r in mdg8}
    assert (recommendation_path(8, 7), "8.F") in by_target  # donors and IT companies: ICT


def test_trace_recommendation_reads_the_goals_from_the_text(corpus_store: OxigraphStore) -> None:
    got = {r["notation"]: r for r in rows(corpus_store, "trace-recommendation")}
    # Session 8 recommendation 1: "strengthen the institutional and human capacities" of the
    # public service: SDG 16.6. Its "... to achieve the MDGs" names no single goal.
    assert {"16", "16.6"} <= set(got) and not {"8", "8.A"} & set(got)
    assert got["16.6"]["method"] == "thematic"
    assert got["16.6"]["evidence"].startswith("institutional and human capacit")
    assert got["16.6"]["broaderGoal"] == ID + "goal/sdg-16"
    pandemic = rows(corpus_store, "trace-recommendation",
                    recommendation="id/" + recommendation_path(8, 18))  # global health risks
    assert {"6", "6.C"} <= {r["notation"] for r in pandemic}
    assert any("SDG 3: Good health" in r["sdgs"] for r in pandemic if r["notation"] == "6.C")


def test_recommendations_to_actor(corpus_store: OxigraphStore) -> None:
    donors = rows(corpus_store, "recommendations-to-actor", actor="id/actor/donors")
    assert [r["recommendation"].removeprefix(ID) for r in donors] == [recommendation_path(8, 7)]
    assert donors[0]["text"].startswith("Both donors and multinational information technology")
    members = rows(corpus_store, "recommendations-to-actor")  # default: Member States
    texts = [r["text"] for r in members]
    assert any(t.startswith("Encourages Member States to strengthen citizen trust") for t in texts)
    assert any(t.startswith("Member States need to strengthen the institutional") for t in texts)
    assert {r["sessionNumber"] for r in members} == {"5", "8"}
    secretariat = rows(corpus_store, "recommendations-to-actor", actor="id/actor/secretariat")
    assert any(t["text"].startswith("maximizing the use of the United Nations Online Network")
               for t in secretariat)


def test_partnerships_of_dpadm(corpus_store: OxigraphStore) -> None:
    got = rows(corpus_store, "partnerships-by-actor")  # default: DPADM
    by_partners = {(r["partners"], r["status"]): r for r in got}
    unodc = by_partners[("United Nations Office on Drugs and Crime", "agreed")]
    assert unodc["purpose"] == "anti-corruption capacity building in governments and civil society"
    assert unodc["date"] == "2011-10-26"
    korea = by_partners[("Ministry of Culture, Sports and Tourism of the Republic of Korea",
                         "agreed")]
    assert "translating United Nations Public Administration Network" in korea["purpose"]
    assert ("Swedish National Audit Office", "explored") in by_partners
    assert any("South Sudan" in p and s == "requested" for p, s in by_partners)
    assert all("Division for Public Administration" not in r["partners"] for r in got)


def test_partner_network(corpus_store: OxigraphStore) -> None:
    whole = rows(corpus_store, "partner-network")
    pairs = {(r["source"].removeprefix(ID), r["target"].removeprefix(ID)): r for r in whole}
    assert ("actor/dpadm", "actor/unodc") in pairs
    assert "agreed" in pairs[("actor/dpadm", "actor/unodc")]["statuses"].split()
    # The African Development Bank and the EBRD proposed a partnership without DPADM.
    assert ("actor/african-development-bank", "actor/ebrd") in pairs
    assert all(s < t for s, t in pairs)
    unodc = rows(corpus_store, "partner-network", actor="id/actor/unodc")
    assert {(r["source"].removeprefix(ID), r["target"].removeprefix(ID)) for r in unodc} >= {
        ("actor/dpadm", "actor/unodc"), ("actor/desa", "actor/unodc"), ("actor/undp", "actor/unodc")}
    assert ("actor/african-development-bank", "actor/ebrd") not in {
        (r["source"].removeprefix(ID), r["target"].removeprefix(ID)) for r in unodc}


def test_themes_across_sessions(corpus_store: OxigraphStore) -> None:
    got = [(r["sessionNumber"], r["role"], r["label"]) for r in
           rows(corpus_store, "themes-across-sessions")]
    assert ("5", "main theme", ("Innovations in governance and public administration for the "
            "achievement of the internationally agreed development goals, including the MDGs")) in got
    assert ("8", "main theme", "The human factor in capacity-building and development") in got
    assert {label for n, role, label in got if n == "8" and role == "subtopic"} == {
        "Human resources management regime", "Serving the information age",
        "Accountability, transparency and citizen trust in government", "Leadership and learning"}
    assert ("8", "ministerial review theme", ("Implementing the internationally agreed goals "
            "and commitments in regard to global public health")) in got
    health = rows(corpus_store, "themes-across-sessions", keyword="public health")
    assert [int(r["recommendations"]) for r in health] == [8]


def test_timeline(corpus_store: OxigraphStore) -> None:
    got = rows(corpus_store, "timeline")
    starts = [r["start"] for r in got]
    assert starts == sorted(starts)
    assert (got[0]["event"], got[0]["kind"]) == (ID + "session/5", "Session")
    by_label = {r.get("label", ""): r for r in got}
    rabat = next(r for label, r in by_label.items()
                 if label.replace("\u201c", "").startswith("Seminar on Challenges"))
    assert (rabat["start"], rabat["end"], rabat["kind"], rabat["place"]) == (
        "2011-10-20", "2011-10-21", "Seminar", "Rabat")
    lilongwe = next(r for r in got if r.get("place") == "Lilongwe")
    assert (lilongwe["start"], lilongwe["end"]) == ("2011-11-14", "2011-11-18")
    assert [r["event"] for r in rows(corpus_store, "timeline", year="2009")] == [ID + "session/8"]
    unodc = rows(corpus_store, "timeline", actor="id/actor/unodc")
    assert any("Marrakesh" == r.get("place") and r["kind"] == "Workshop" for r in unodc)
    assert all(r["start"].startswith("2011") for r in unodc)


def test_sources_of_entity(corpus_store: OxigraphStore) -> None:
    text = (Path(__file__).parent.parent / "corpus" / "cepa-session-08-2009.txt").read_text("utf-8")
    own = [r for r in rows(corpus_store, "sources-of-entity",
                           entity="id/" + recommendation_path(8, 1))]
    assert own
    for r in own:
        assert r["document"] == ID + "document/cepa-session-08-2009"
        assert text[int(r["start"]):int(r["end"])] == r["exact"]  # offsets into the document
    assert any(r["about"] == r["entity"] and r["exact"].startswith("Member States need to "
               "strengthen the institutional") for r in own)
    assert any(r["about"].endswith("#sdg-16-6") and r["exact"].startswith("institutional")
               for r in own)
    unodc = rows(corpus_store, "sources-of-entity")  # default: UNODC, via what points at it
    assert any(r["relation"] == "https://w3id.org/cepa-kg/def#party"
               and "UNODC" in r["exact"] for r in unodc)
    assert {r["title"] for r in unodc} == {"DPADM Monthly Update to CEPA Members: November 2011"}


# -- the command line --------------------------------------------------------------------


def cepa(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cepa_kg.cli", *args, "--store", str(store)],
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("named") / "store"
    result = cepa("load", store=path)
    assert result.returncode == 0, result.stderr
    return path


def test_cli_runs_a_named_query_with_parameters(disk_store: Path) -> None:
    result = cepa("query", "--name", "partnerships-by-actor", "--param", "actor=id/actor/unodc",
                  "--format", "csv", store=disk_store)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("actor,partnership,purpose,status")
    assert any("agreed" in line and "Division for Public Administration" in line
               for line in lines[1:])
    listing = cepa("query", "--list", store=disk_store)
    assert listing.returncode == 0
    assert "timeline: Timeline of events" in listing.stdout
    assert "--param year=... (integer)" in listing.stdout


def test_cli_refuses_bad_parameters(disk_store: Path) -> None:
    bad = cepa("query", "--name", "timeline", "--param", "year=twenty", store=disk_store)
    assert bad.returncode == 2 and "not an integer" in bad.stderr
    unknown = cepa("query", "--name", "no-such-query", store=disk_store)
    assert unknown.returncode == 2 and "no named query" in unknown.stderr
    inject = cepa("query", "--name", "trace-recommendation", "--param",
                  "recommendation=http://x/> } UNION { ?s ?p ?o }", store=disk_store)
    assert inject.returncode == 2 and "not an IRI" in inject.stderr
    neither = cepa("query", store=disk_store)
    assert neither.returncode == 2
