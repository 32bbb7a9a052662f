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
