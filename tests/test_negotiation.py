"""Content negotiation on `Accept` (server/negotiation.py, hand-made): RFC 9110's rules, held
to werkzeug's parser on well-formed headers, and two headers real clients send where werkzeug
finds nothing acceptable and we do."""

from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from cepa_kg.server.negotiation import negotiate, parse_accept, prefers_html

OFFERS = ["text/turtle", "text/html", "application/ld+json"]
CHROME = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
          "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7")


def test_missing_header_takes_the_servers_first_choice() -> None:
    assert negotiate(None, OFFERS) == "text/turtle"
    assert negotiate("", OFFERS) == "text/turtle"


def test_q_values_decide() -> None:
    assert negotiate("text/turtle;q=0.5, application/ld+json", OFFERS) == "application/ld+json"


def test_wildcards_match_with_their_own_q() -> None:
    assert negotiate("application/*", OFFERS) == "application/ld+json"
    assert negotiate("text/*;q=0.2, application/ld+json;q=0.1", OFFERS) == "text/turtle"


def test_a_more_specific_range_overrides_a_wildcard() -> None:
    assert negotiate("*/*, text/turtle;q=0", OFFERS) == "text/html"


def test_browsers_get_html() -> None:
    assert negotiate(CHROME, OFFERS) == "text/html"
    assert prefers_html(CHROME)
    assert not prefers_html("application/sparql-results+json")


def test_nothing_acceptable() -> None:
    assert negotiate("image/png", OFFERS) is None
    assert negotiate("text/turtle;q=0", ["text/turtle"]) is None


def test_malformed_q_counts_as_zero() -> None:
    ranges = parse_accept("text/turtle;q=abc")
    assert ranges[0].q == 0.0


# -- held to werkzeug's Accept (the maintained parser), and where we differ on purpose --------


MEDIA = ["text/turtle", "text/html", "application/ld+json", "application/n-triples",
         "application/sparql-results+json", "text/csv", "text/*", "application/*", "*/*"]
JDK_DEFAULT = "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(MEDIA),
                          st.one_of(st.none(), st.integers(0, 1000).map(lambda n: n / 1000))),
                min_size=1, max_size=5),
       st.lists(st.sampled_from([m for m in MEDIA if "*" not in m]), min_size=1, max_size=4,
                unique=True))
def test_well_formed_headers_negotiate_as_werkzeug_does(ranges: list, offers: list) -> None:
    header = ", ".join(m if q is None else f"{m};q={q:.3f}" for m, q in ranges)
    theirs = parse_accept_header(header, MIMEAccept).best_match(offers)
    assert negotiate(header, offers) == theirs, header


def test_where_we_differ_from_werkzeug_on_purpose() -> None:
    """Two headers real clients send: werkzeug finds nothing acceptable in either."""
    results = ["application/sparql-results+json", "application/sparql-results+xml"]
    # Java's HttpURLConnection default: werkzeug drops `q=.2` (no leading 0) as invalid.
    assert parse_accept_header(JDK_DEFAULT, MIMEAccept).best_match(results) is None
    assert negotiate(JDK_DEFAULT, results) == "application/sparql-results+json"
    # A JSON-LD profile: werkzeug matches media type parameters exactly.
    profile = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'
    assert parse_accept_header(profile, MIMEAccept).best_match(OFFERS) is None
    assert negotiate(profile, OFFERS) == "application/ld+json"
