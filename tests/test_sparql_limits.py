"""The SPARQL limits (`cepa_kg.sparql_limits`): what they count, that their cheap pre-check is
sound, and that no text within them crashes pyoxigraph (run in a child process with an 8 MB
thread stack, so a crash fails the test instead of killing pytest)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sparql_hostile import MAKERS, NESTING, SLOW_NESTING, is_update, worst_within_limits

from cepa_kg import sparql_limits
from cepa_kg.sparql_limits import (
    MAX_CHAIN,
    MAX_DEPTH,
    MAX_SLASHES,
    SparqlLimitError,
    check,
    measure,
)
from cepa_kg.store import OxigraphStore


def test_depth_counts_brackets_braces_parentheses_and_triple_terms() -> None:
    assert measure("SELECT * { { ?s ?p ?o } }").depth == 2
    assert measure("SELECT * { FILTER((1)) }").depth == 3
    assert measure("SELECT * { ?s ?p [ ?q ( 1 2 ) ] }").depth == 3
    assert measure("SELECT * { << <a:s> <a:p> <a:o> >> <a:q> 1 }").depth == 2


def test_brackets_inside_strings_comments_and_iris_do_not_count() -> None:
    text = 'SELECT * { ?s ?p "{{{((([[[" . ?s ?p \'\'\'(((\'\'\' # {{{{{{\n ?s <a:((> ?o }'
    assert measure(text).depth == 1
    assert measure(text).chain == 1  # SELECT's `*`


def test_runs_of_signs_count_each_sign_but_the_second_of_a_pair() -> None:
    assert measure("ASK { FILTER(!!!!!!true) }").chain == 7  # FILTER and six signs
    assert measure("ASK { FILTER(1 <= 2 || 3 != 4 && !(5 >= 6)) }").chain == 7


def test_chain_counts_group_keywords_and_operators_once_per_sign() -> None:
    found = measure("SELECT ?x { ?s ?p ?o OPTIONAL { ?s ?q ?x } FILTER(?x != 1 && ?o >= 2 "
                    "|| ?o < -3) } ")
    # OPTIONAL, FILTER, !=, &&, >=, ||, <, -
    assert found.chain == 8


def test_datatype_markers_and_data_blocks_are_not_chains() -> None:
    assert measure('SELECT * { ?s ?p "1"^^<http://www.w3.org/2001/XMLSchema#int> }').chain == 1
    data = "INSERT DATA { " + " ".join(f"<a:s> <a:p> -{i} ." for i in range(5000)) + " }"
    assert measure(data).chain == 0
    values = "SELECT * { VALUES ?x { " + " ".join(f"-{i}" for i in range(5000)) + " } }"
    assert measure(values).chain == 1
    check(data, what="update")
    check(values)


def test_a_where_after_a_data_block_is_counted_again() -> None:
    text = ("INSERT DATA { <a:s> <a:p> -1 } ; DELETE { ?s ?p ?o } WHERE { ?s ?p ?o "
            "FILTER(?o > 1 + 2) }")
    assert measure(text).chain == 3  # FILTER, >, +


def test_texts_at_the_limits_pass_and_one_more_is_refused() -> None:
    deep = "SELECT * WHERE " + "{" * MAX_DEPTH + "}" * MAX_DEPTH
    check(deep)
    with pytest.raises(SparqlLimitError, match=f"nests more than {MAX_DEPTH} levels deep.*"
                                               f"at most {MAX_DEPTH}"):
        check("SELECT * WHERE " + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1))
    long = "SELECT * WHERE { FILTER(" + " || ".join(["true"] * (MAX_CHAIN - 1)) + ") }"
    assert measure(long).chain == MAX_CHAIN
    check(long)
    with pytest.raises(SparqlLimitError, match="chains more than 1,000 operators"):
        check(long.replace("true)", "true || true)"))


def test_property_path_steps_are_limited_but_slashes_in_iris_are_not() -> None:
    steps = "PREFIX : <http://example.org/> ASK { ?s " + "/".join([":p"] * MAX_SLASHES) + " ?o }"
    assert measure(steps).slashes == MAX_SLASHES - 1
    check(steps + " # " + "<http://example.org/a/b/c/d> " * 100)
    with pytest.raises(SparqlLimitError, match="more than 128 property path steps"):
        check(steps.replace(":p ?o", ":p/:p/:p ?o"))


def test_a_text_over_the_length_limit_is_refused_before_it_is_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sparql_limits, "MAX_LENGTH", 100)
    with pytest.raises(SparqlLimitError, match="is 101 characters long"):
        check("#" * 101, what="update")


def test_the_store_checks_every_query_and_update() -> None:
    store = OxigraphStore()
    with pytest.raises(SparqlLimitError):
        store.select(MAKERS["function calls"](3000))
    with pytest.raises(SparqlLimitError):
        store.update(MAKERS["UPDATE nested data"](3000))


_PIECES = st.sampled_from(["{", "}", "(", ")", "[", "]", " UNION ", " OPTIONAL ", " MINUS ",
                           " BIND ", " FILTER ", "|", "||", "&&", "+", "-", "/", "!", "^", "^^",
                           '"((("', "<a:b>", "#((\n", " ?x ", " DATA ", " VALUES ", "1", " "])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=400).map("".join))
def test_the_cheap_precheck_never_lets_through_what_the_count_refuses(text: str) -> None:
    if sparql_limits._surely_within(text):
        found = measure(text)
        assert found.depth <= MAX_DEPTH and found.chain <= MAX_CHAIN


# -- no crash within the limits ----------------------------------------------------------

_CHILD = textwrap.dedent("""
    import json, sys, threading
    import pyoxigraph as ox
    texts = json.load(open(sys.argv[1]))
    threading.stack_size(8 * 1024 * 1024)  # Debian's default thread stack; ours have 32 MB
    store = ox.Store()
    store.update("PREFIX : <http://example.org/> INSERT DATA { :a :p :b . :b :p 1 }")

    def run():
        for i, (update, text) in enumerate(texts):
            print(i, flush=True)  # the last index printed is the text that crashed
            try:
                if update:
                    ox.Store().update(text)
                else:
                    for _ in store.query(text):
                        pass
            except (SyntaxError, RuntimeError, TypeError):
                pass
        print("done", flush=True)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
""")


def _run_in_child(texts: list[tuple[bool, str]], tmp_path: Path) -> None:
    data = tmp_path / "texts.json"
    data.write_text(json.dumps(texts))
    child = subprocess.run([sys.executable, "-c", _CHILD, str(data)], capture_output=True,
                           text=True, timeout=600)
    printed = child.stdout.split()
    if child.returncode != 0 or not printed or printed[-1] != "done":
        last = int(printed[-1]) if printed and printed[-1].isdigit() else 0
        pytest.fail(f"pyoxigraph crashed (exit {child.returncode}) on a text within the "
                    f"limits: {texts[last][1][:300]!r}...")


def _passes(maker: str, n: int) -> bool:
    try:
        check(MAKERS[maker](n), what="update" if is_update(maker) else "query")
    except SparqlLimitError:
        return False
    return True


def _largest_within(maker: str, most: int) -> int:
    """The largest size up to `most` whose text the limits let through (sizes grow the
    measures monotonically)."""
    low, high = 0, most + 1  # low passes (an empty text), high does not or is out of range
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if _passes(maker, middle) else (low, middle)
    return low


def test_no_text_within_the_limits_crashes_the_parser(tmp_path: Path) -> None:
    """Every hostile shape at the largest size the limits let through, and the worst
    combination of nesting and chain."""
    texts: list[tuple[bool, str]] = []
    for name in MAKERS:
        most = (40 if name in SLOW_NESTING  # those cost seconds, not stack
                else sparql_limits.MAX_LENGTH if name == "long literal" else 5 * MAX_CHAIN)
        n = _largest_within(name, most)
        assert n >= (20 if name in NESTING else 100), f"{name}: only {n} passes the limits"
        assert name in SLOW_NESTING or name == "long literal" or not _passes(name, n + 1)
        texts.append((is_update(name), MAKERS[name](n)))
    worst = worst_within_limits(MAX_DEPTH, MAX_CHAIN)
    assert measure(worst).depth == MAX_DEPTH and measure(worst).chain == MAX_CHAIN
    texts.append((False, worst))
    _run_in_child(texts, tmp_path)


_NEST = st.sampled_from(["{ {} }", "FILTER({})", "BIND(STR({}) AS ?x)", "{ SELECT * {{}} }",
                         "OPTIONAL { {} }", "{ ?s ?p ?o } UNION { {} }", "MINUS { {} }",
                         "FILTER(EXISTS { {} })", "GRAPH ?g { {} }", "?s (:p/({})) ?o"])


@st.composite
def _nested_texts(draw: st.DrawFn) -> str:
    """Random nestings and chains of the constructs that recurse, near the limits."""
    inner = "?s ?p ?o"
    for _ in range(draw(st.integers(1, 30))):
        outer = draw(_NEST).replace("{}", "\x00")
        inner = outer.replace("\x00", inner) if "\x00" in outer else outer
    chain = draw(st.integers(0, MAX_CHAIN))
    link = draw(st.sampled_from(["MINUS { ?s :q ?o }", "BIND(1 AS ?b)", "FILTER(1+1)"]))
    return ("PREFIX : <http://example.org/> SELECT * WHERE { " + " ".join([link] * chain)
            + " " + inner.replace("{}", "?s ?p ?o") + " }")


def test_random_combinations_within_the_limits_do_not_crash_the_parser(tmp_path: Path) -> None:
    texts: list[tuple[bool, str]] = []

    @settings(max_examples=60, deadline=None, database=None)
    @given(_nested_texts())
    def collect(text: str) -> None:
        try:
            check(text)
        except SparqlLimitError:
            return
        texts.append((False, text))

    collect()
    assert len(texts) >= 20
    _run_in_child(texts, tmp_path)
