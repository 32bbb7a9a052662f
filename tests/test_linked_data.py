"""Dereferencing: every subject IRI minted under BASE answers in all five formats, by Accept
and by suffix URL, to HEAD, and with a 304 to a request carrying its ETag; each answer parses and
describes that IRI."""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
import rdflib
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient
from tests.corpus_iris import paragraph_path, recommendation_path

BASE = "http://localhost:8000/"
FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml", "application/n-triples": "nt"}


def subject_iris(store: OxigraphStore) -> list[str]:
    rows = store.select(f"""SELECT DISTINCT ?s WHERE {{ ?s ?p ?o .
        FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{BASE}id/")) }}""")
    return sorted(r["s"].value for r in rows)


SUFFIX = {"text/turtle": ".ttl", "application/ld+json": ".jsonld", "application/rdf+xml": ".rdf",
          "application/n-triples": ".nt", "text/html": ".html"}


def with_context(data: bytes, context: dict[str, Any]) -> str:
    """A JSON-LD answer with its published context inlined (rdflib would fetch it)."""
    doc = json.loads(data)
    assert doc["@context"].endswith("/context.jsonld")
    doc["@context"] = context["@context"]
    return json.dumps(doc)


def parse(data: bytes, media: str, context: dict[str, Any]) -> rdflib.Graph:
    if media == "application/ld+json":
        return rdflib.Graph().parse(data=with_context(data, context), format="json-ld")
    return rdflib.Graph().parse(data=data, format=FORMATS[media])


def test_every_subject_dereferences_in_every_format(client: TestClient,
                                                     corpus_store: OxigraphStore) -> None:
    iris = subject_iris(corpus_store)
    documents = {iri.split("#", 1)[0] for iri in iris}
    assert len(documents) > 100
    context = client.get("/context.jsonld").json()
    every = [*FORMATS, "text/html"]
    for n, iri in enumerate(sorted(documents)):
        path = iri.removeprefix(BASE.rstrip("/"))
        answers = {}
        for media in every:
            r = client.get(path, headers={"Accept": media})
            assert r.status_code == 200, (iri, media, r.text)
            assert r.headers["content-type"].startswith(media)
            assert r.headers["content-location"] == path + SUFFIX[media]
            assert "Accept" in r.headers["vary"]
            if media == "text/html":
                assert "<h1>" in r.text
            elif media == every[n % len(every)] or media == every[(n + 3) % len(every)]:
                # parsed (rdflib: ~5 ms each) in two formats per IRI, different from IRI to
                # IRI: each format's answers are parsed some 250 times
                g = parse(r.content, media, context)
                assert (rdflib.URIRef(iri), None, None) in g, (iri, media)
            answers[media] = r
        # Suffix URL, HEAD and a conditional GET, each on one format per IRI (a different
        # one from IRI to IRI, so every format is covered many times over).
        media = every[n % len(every)]
        r = answers[media]
        by_suffix = client.get(path + SUFFIX[media], headers={"Accept": "image/png"})
        assert by_suffix.status_code == 200, (iri, media)
        assert by_suffix.headers["content-type"].startswith(media)
        assert by_suffix.content == r.content and by_suffix.headers["etag"] == r.headers["etag"]
        head = client.head(path, headers={"Accept": every[(n + 1) % len(every)]})
        assert head.status_code == 200 and head.content == b"", iri
        assert head.headers["etag"] == answers[every[(n + 1) % len(every)]].headers["etag"]
        assert head.headers["content-length"] == str(len(answers[every[(n + 1) % len(every)]].content))
        again = client.get(path, headers={"Accept": media, "If-None-Match": r.headers["etag"]})
        assert again.status_code == 304 and again.content == b"", (iri, media)
        assert again.headers["etag"] == r.headers["etag"]


def test_hash_iris_come_with_their_document(client: TestClient, corpus_store: OxigraphStore) -> None:
    hashed = [iri for iri in subject_iris(corpus_store) if "#" in iri]
    assert any("#mdg-" in iri for iri in hashed)
    sample = sorted(hashed)[:: max(1, len(hashed) // 40)]
    for iri in sample:
        document = iri.split("#", 1)[0].removeprefix(BASE.rstrip("/"))
        g = rdflib.Graph().parse(data=client.get(document, headers={"Accept": "text/turtle"}).content,
                                 format="turtle")
        assert (rdflib.URIRef(iri), None, None) in g, iri


def test_a_recommendation_page_shows_its_text_goals_and_source(client: TestClient) -> None:
    page = client.get("/id/" + recommendation_path(8, 7), headers={"Accept": "text/html"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Both donors and multinational information technology companies" in text
    assert "Development goals served" in text and "thematic" in text
    assert 'href="/id/target/mdg-8f"' in page.text and 'href="/id/goal/sdg-17"' in page.text
    assert "explicit</em>, the text names the goal" in page.text  # what the methods mean
    assert "Source text" in text
    assert 'href="/id/document/cepa-session-08-2009"' in page.text
    # an awards paragraph serves no goal, and the page says so
    none = html.unescape(client.get("/id/" + paragraph_path(8, 1) + ".html").text)
    assert "continue to give due recognition to innovative public sector initiatives" in none
    assert "None: the text names no goal" in none


def test_suffix_urls_and_headers(client: TestClient) -> None:
    r = client.get("/id/session/5.ttl")
    assert r.headers["content-type"].startswith("text/turtle")
    r = client.get("/id/session/5", headers={"Accept": "application/ld+json"})
    assert r.headers["content-location"] == "/id/session/5.jsonld"
    assert "Accept" in r.headers["vary"]
    assert 'rel="alternate"; type="text/turtle"' in r.headers["link"]


def test_unknown_iris_get_404(client: TestClient) -> None:
    assert client.get("/id/session/99", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/nothing/here").status_code == 404


def test_unacceptable_type_gets_406(client: TestClient) -> None:
    r = client.get("/id/session/5", headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/turtle" in r.text


@pytest.mark.parametrize("path", ["/", "/def"])
def test_pages_for_people(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")


def test_home_lists_the_sessions_and_links_the_endpoint(client: TestClient) -> None:
    text = client.get("/").text
    assert 'href="/id/session/5"' in text and 'href="/id/session/8"' in text
    assert 'href="/sparql"' in text
    assert "2009-03-30" in text


def test_ontology_as_turtle(client: TestClient) -> None:
    r = client.get("/def", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.content, format="turtle")
    CEPA = rdflib.Namespace("https://w3id.org/cepa-kg/def#")
    assert (CEPA.Session, rdflib.RDF.type, rdflib.OWL.Class) in g


def test_jsonld_is_compact_and_means_what_turtle_says(client: TestClient) -> None:
    context = client.get("/context.jsonld")
    assert context.headers["content-type"].startswith("application/ld+json")
    ctx = context.json()
    for path in ["/id/session/5", "/id/" + paragraph_path(8, 1), "/id/goal/mdg-6",
                 "/id/actor/unodc"]:
        r = client.get(path, headers={"Accept": "application/ld+json"})
        doc = r.json()
        assert doc["@context"] == "http://testserver/context.jsonld"
        turtle = rdflib.Graph().parse(data=client.get(path + ".ttl").content, format="turtle")
        expanded = rdflib.Graph().parse(data=with_context(r.content, ctx), format="json-ld")
        assert isomorphic(turtle, expanded), path
    session = client.get("/id/session/5.jsonld").json()["@graph"][0]
    assert session["id"] == BASE + "id/session/5"
    assert session["type"] == "Session"
    assert session["sessionNumber"] == 5  # a native number
    assert session["startDate"] == "2006-03-27"  # a plain string, typed by the context
    assert session["label"].startswith("CEPA session 5")
    assert session["wasDerivedFrom"] == BASE + "id/document/cepa-session-05-2006"
    assert not any(key.startswith("http") for key in session)


def isomorphic(a: rdflib.Graph, b: rdflib.Graph) -> bool:
    from rdflib.compare import to_isomorphic

    return to_isomorphic(a) == to_isomorphic(b)


def test_negotiation_with_q_values_and_wildcards(client: TestClient) -> None:
    def chosen(accept: str) -> str:
        r = client.get("/id/session/5", headers={"Accept": accept})
        assert r.status_code == 200, accept
        return r.headers["content-type"].split(";")[0]

    assert chosen("application/rdf+xml;q=0.5, application/ld+json") == "application/ld+json"
    assert chosen("text/turtle;q=0.2, application/n-triples;q=0.9") == "application/n-triples"
    assert chosen("*/*") == "text/turtle"
    assert chosen("text/*") in ("text/turtle", "text/html")
    assert chosen("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8") == "text/html"
    assert chosen("application/*;q=0.1, text/turtle;q=0") == "application/ld+json"
    r = client.get("/id/session/5", headers={"Accept": "text/turtle;q=0, */*;q=0"})
    assert r.status_code == 406


def test_alternates_and_406(client: TestClient) -> None:
    r = client.get("/id/session/5", headers={"Accept": "text/turtle"})
    links = r.headers["link"]
    for suffix, media in [(".ttl", "text/turtle"), (".jsonld", "application/ld+json"),
                          (".rdf", "application/rdf+xml"), (".nt", "application/n-triples"),
                          (".html", "text/html")]:
        assert f'</id/session/5{suffix}>; rel="alternate"; type="{media}"' in links
    assert "Accept" in r.headers["vary"].split(", ")
    bad = client.get("/id/session/5", headers={"Accept": "application/pdf"})
    assert bad.status_code == 406
    for media in ["text/turtle", "application/ld+json", "application/rdf+xml", "text/html"]:
        assert media in bad.text


def test_conditional_requests(client: TestClient) -> None:
    r = client.get("/id/session/8", headers={"Accept": "text/turtle"})
    etag, modified = r.headers["etag"], r.headers["last-modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    # If-Modified-Since: not modified since its own Last-Modified
    r2 = client.get("/id/session/8", headers={"Accept": "text/turtle", "If-Modified-Since": modified})
    assert r2.status_code == 304
    r3 = client.get("/id/session/8", headers={"Accept": "text/turtle",
                                              "If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert r3.status_code == 200 and r3.content == r.content
    # If-None-Match wins over If-Modified-Since; another tag, a weak tag, a list, *
    headers = {"Accept": "text/turtle", "If-Modified-Since": modified}
    assert client.get("/id/session/8", headers={**headers, "If-None-Match": '"other"'}).status_code == 200
    for tags in [f"W/{etag}", f'"a", {etag}', "*"]:
        assert client.get("/id/session/8", headers={"Accept": "text/turtle",
                                                    "If-None-Match": tags}).status_code == 304
    # another format has another tag
    other = client.get("/id/session/8", headers={"Accept": "application/n-triples",
                                                 "If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


def test_descriptions_hold_inbound_links_and_provenance(client: TestClient) -> None:
    def graph(path: str) -> rdflib.Graph:
        return rdflib.Graph().parse(data=client.get(path + ".ttl").content, format="turtle")

    CEPA = rdflib.Namespace("https://w3id.org/cepa-kg/def#")
    OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
    PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
    session = rdflib.URIRef(BASE + "id/session/5")
    g = graph("/id/session/5")
    recs = [r for r in g.subjects(CEPA.session, session) if (r, rdflib.RDF.type, CEPA.Recommendation) in g]
    assert len(recs) >= 10 and all((r, CEPA.order, None) in g for r in recs)
    assert all((r, rdflib.RDFS.label, None) in g for r in recs)
    theme = g.value(session, CEPA.mainTheme)
    assert g.value(theme, rdflib.RDFS.label) is not None  # labels of what it links to
    assert (session, PROV.wasDerivedFrom, None) in g
    quote = g.value(session, CEPA.sourceSpan)
    assert any(g.value(sel, OA.exact) for sel in g.objects(quote, OA.hasSelector))
    goal = rdflib.URIRef(BASE + "id/goal/mdg-8")
    g = graph("/id/goal/mdg-8")
    alignments = list(g.subjects(CEPA.goal, goal))
    assert alignments and all(g.value(a, CEPA.evidence) for a in alignments)
    for a in alignments:  # what serves the goal (a recommendation, a project) has its label
        served = rdflib.URIRef(str(a).split("#", 1)[0])  # the alignment's hash IRI is under it
        assert g.value(served, rdflib.RDFS.label), a
    actor = rdflib.URIRef(BASE + "id/actor/member-states")
    g = graph("/id/actor/member-states")
    assert list(g.subjects(CEPA.addressee, actor))


def test_a_session_page_lists_its_recommendations_in_order(
        client: TestClient, corpus_store: OxigraphStore) -> None:
    text = client.get("/id/session/5.html").text
    section = text.split('id="recs"', 1)[1]
    keys = [part.split('"', 1)[0] for part in
            section.split("Resolution paragraphs")[0].split('href="/id/session/5/recommendation/')[1:]]
    order = {r["r"].value.rsplit("/", 1)[1]: int(r["o"].value) for r in corpus_store.select(
        "PREFIX cepa: <https://w3id.org/cepa-kg/def#> SELECT ?r ?o WHERE { ?r a "
        "cepa:Recommendation ; cepa:session ?s ; cepa:order ?o . FILTER(STRENDS(STR(?s), "
        "'/session/5')) }")}
    assert [order[k] for k in keys] == sorted(order[k] for k in keys) and len(keys) >= 10


def test_a_goal_page_lists_recommendations_with_evidence(client: TestClient) -> None:
    text = html.unescape(client.get("/id/goal/mdg-8.html").text)
    assert "Recommendations that serve it" in text
    assert 'href="/id/session/' in text and "“" in text


def test_an_actor_page_lists_what_is_addressed_to_it_and_its_partnerships(
        client: TestClient, corpus_store: OxigraphStore) -> None:
    text = client.get("/id/actor/member-states.html").text
    assert "Recommendations addressed to it" in text
    rows = corpus_store.select("""PREFIX cepa: <https://w3id.org/cepa-kg/def#>
        SELECT ?actor WHERE { ?p a cepa:Partnership ; cepa:party ?actor } LIMIT 1""")
    actor = rows[0]["actor"].value.removeprefix(BASE.rstrip("/"))
    assert "<h2 id=\"partnerships\">Partnerships</h2>" in client.get(actor + ".html").text


def test_ontology_documents_classes_properties_and_shapes(client: TestClient) -> None:
    page = client.get("/def", headers={"Accept": "text/html"})
    text = html.unescape(page.text)
    assert 'id="Session"' in text and 'id="sessionNumber"' in text
    session = text.split('id="Session"', 1)[1].split("</section>", 1)[0]
    assert "An annual session" in session  # comment
    assert "Shapes that apply" in session and "cepa:sessionNumber" in session
    number = text.split('id="sessionNumber"', 1)[1].split("</section>", 1)[0]
    assert "Domain" in number and "cepa:Session" in number and "xsd:integer" in number
    assert "exactly one cepa:sessionNumber" in number  # the shape's message
    for suffix, fmt in [(".ttl", "turtle"), (".nt", "nt"), (".rdf", "xml")]:
        g = rdflib.Graph().parse(data=client.get("/def" + suffix).content, format=fmt)
        assert len(g) > 200
    r = client.get("/def", headers={"Accept": "application/ld+json"})
    g = rdflib.Graph().parse(data=with_context(r.content, client.get("/context.jsonld").json()),
                             format="json-ld")
    CEPA = rdflib.Namespace("https://w3id.org/cepa-kg/def#")
    assert (CEPA.Session, rdflib.RDF.type, rdflib.OWL.Class) in g
    assert client.get("/def", headers={"If-None-Match": r.headers["etag"],
                                       "Accept": "application/ld+json"}).status_code == 304


def test_graph_iris_dereference(client: TestClient, corpus_store: OxigraphStore) -> None:
    """The reference graphs' IRIs (`{BASE}graph/actors`, ...) are not 404s: a page and RDF
    say what each holds (size, source documents, classes) and where it comes from."""
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    graphs = {row["g"].value: int(row["n"].value) for row in corpus_store.select(
        f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
        f'FILTER(STRSTARTS(STR(?g), "{BASE}graph/")) }} GROUP BY ?g')}
    assert {f"{BASE}graph/{name}" for name in ("actors", "countries", "goals")} <= set(graphs)
    for iri, size in graphs.items():
        path = iri.removeprefix(BASE.rstrip("/"))
        r = client.get(path, headers={"Accept": "text/turtle"})
        assert r.status_code == 200, (path, r.text)
        assert r.headers["content-location"] == path + ".ttl" and "Accept" in r.headers["vary"]
        g = rdflib.Graph().parse(data=r.text, format="turtle")
        node = rdflib.URIRef(iri)
        assert g.value(node, VOID.triples).toPython() == size, path
        assert g.value(node, rdflib.namespace.DCTERMS.source) is not None, path
        if path == "/graph/actors":  # the classes it holds, counted
            assert len(list(g.objects(node, VOID.classPartition))) >= 3
    page = client.get("/graph/actors", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f"{BASE}graph/actors" in page.text and "ontology/actors.ttl" in page.text
    jsonld = client.get("/graph/goals.jsonld")
    assert jsonld.status_code == 200 and f'"{BASE}graph/goals"' in jsonld.text
    assert client.get("/graph/no-such-graph", headers={"Accept": "text/turtle"}).status_code == 404
