"""Benchmark: generate N realistic documents by varying the bundled corpus, then read, parse,
validate and load each into a fresh on-disk store, timing every stage.

    python bench/bench_load.py                 # N = 100 and 1000
    python bench/bench_load.py 100 1000 10000  # any sizes
    python bench/bench_load.py 50 --seed 7 --keep /tmp/docs
    python bench/bench_load.py 1000 --format html  # the same documents as saved web pages
    python bench/bench_load.py 200 --format pdf    # ... as PDFs (fpdf2, the test extra)

Prints, per N: documents/s and triples/s of each stage run in one process (read, parse,
validate, serialize, commit in bulk batches), then the end-to-end figure of what
`cepa-kg load FOLDER` runs (`pipeline.load_paths`, documents prepared in one worker process
per core, committed in order); and whether the end-to-end time grows linearly with N.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.pipeline import BATCH_QUADS, LoadError, build_document, load_paths
from cepa_kg.validation import validate_graph
from cepa_kg.reference import install_reference, reference_graph, shapes_graph
from cepa_kg.sources import SourceError, read_source
from cepa_kg.store import OxigraphStore

BASE = "http://localhost:8000/"
#: Session numbers are one or two digits; beyond, the generator writes updates and projects.
MAX_SESSIONS = 99
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
#: Organisations of the gazetteer (acronyms) swapped for one another.
ORGS = ["UNODC", "UNDP", "UNESCO", "ECA", "ESCWA", "ESCAP", "UNECE", "ECLAC", "OECD", "EBRD",
        "ADB", "AAPAM", "CLAD", "INTOSAI", "UNPOG", "UNPAN"]
PEOPLE = [("Haiyan Qian", "Maria Lopez"), ("Anders Hjertstrand", "Kwame Mensah"),
          ("Jacinto Manzi", "Elena Petrova")]
REWORDINGS = [("strengthen", "reinforce"), ("promote", "foster"), ("ensure", "guarantee"),
              ("develop", "build"), ("capacity", "capability"), ("important", "essential")]


def session_number(i: int) -> int:
    """Unique per generated session: the corpus's two sessions are documents 0 and 1 mod 4."""
    return 1 + (i // 4) * 2 + i % 4


def vary(text: str, kind: str, i: int, rng: random.Random) -> str:
    """One realistic variant of a corpus document: new numbers, years and dates, reworded
    and reordered recommendations, other organisations and people."""
    year = 2002 + i % 20
    if kind == "session":
        text = re.sub(r"\bSession \d+", f"Session {session_number(i)}", text, count=1)
        text = re.sub(r"\b(19|20)\d\d\b", str(year), text)
        start = 1 + rng.randrange(20)
        text = re.sub(r"\b\d{1,2}-\d{1,2} March", f"{start}-{start + 4} March", text, count=1)
        lines = text.split("\n")
        bullets = [k for k, line in enumerate(lines) if line.lstrip().startswith("•")]
        if len(bullets) > 1:  # reorder bullet lines among themselves
            moved = [lines[k] for k in bullets]
            rng.shuffle(moved)
            for k, line in zip(bullets, moved):
                lines[k] = line
        text = "\n".join(lines)
    elif kind == "update":
        month = MONTHS[i % 12]
        text = re.sub(r"(Members: )\w+ \d{4}", rf"\g<1>{month} {1950 + i // 12}", text, count=1)
        for name, other in PEOPLE:
            if rng.random() < 0.5:
                text = text.replace(name, other)
    else:  # project: a title of its own
        text = re.sub(r"(Development Account Projects\s*\n\s*\n?)([^\n]+)",
                      lambda m: f"{m[1]}Phase {i}: {m[2]}", text, count=1)
    for word, other in REWORDINGS:
        if rng.random() < 0.5:
            text = re.sub(rf"\b{word}\b", other, text)
    a, b = rng.sample(ORGS, 2)
    return re.sub(rf"\b{a}\b", b, text)


def generate(folder: Path, n: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    corpus = []
    for path in bundled_corpus_paths():
        kind = ("session" if "session" in path.name else
                "update" if "update" in path.name else "project")
        corpus.append((kind, path.read_text(encoding="utf-8")))
    paths = []
    others = [c for c in corpus if c[0] != "session"]
    for i in range(n):
        kind, text = corpus[i % len(corpus)]
        if kind == "session" and session_number(i) > MAX_SESSIONS:  # CEPA met ~25 times
            kind, text = others[i % len(others)]
        path = folder / f"{i:05d}-{kind}.txt"
        path.write_text(vary(text, kind, i, rng), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Run:
    n: int
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("read", "parse", "validate", "serialize", "commit"), 0.0))
    triples: int = 0
    loaded: int = 0
    failed: list[str] = field(default_factory=list)
    end_to_end: float = 0.0  # `load_paths` with its worker processes, wall clock
    jobs: int = 1
    format: str = "txt"

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def run_stages(paths: list[Path], store_dir: Path, result: Run) -> None:
    """Each document through the pipeline's stages in this one process, timed (the share of
    each stage); new documents committed in bulk batches as `load_paths` does."""
    store = OxigraphStore(store_dir)
    install_reference(store, BASE)
    s = result.seconds
    batch: list[bytes] = []
    batch_quads = 0
    for path in paths:
        t0 = time.perf_counter()
        try:
            source = read_source(path)
            t1 = time.perf_counter()
            built = build_document(source, base=BASE)
        except (SourceError, LoadError) as error:
            result.failed.append(str(error))
            continue
        t2 = time.perf_counter()
        report = validate_graph(built.triples, base=BASE)
        t3 = time.perf_counter()
        s["read"] += t1 - t0
        s["parse"] += t2 - t1
        s["validate"] += t3 - t2
        if not report.conforms:
            result.failed.append(f"{path.name}: refused\n{report.text(5)}")
            continue
        batch.append(built.triples.nquads(str(built.iri)))
        batch_quads += len(built.triples)
        t4 = time.perf_counter()
        s["serialize"] += t4 - t3
        if batch_quads >= BATCH_QUADS or path is paths[-1]:
            store.add_graphs(b"".join(batch))
            batch, batch_quads = [], 0
            s["commit"] += time.perf_counter() - t4
        result.triples += len(built.triples)
        result.loaded += 1
    if batch:
        t4 = time.perf_counter()
        store.add_graphs(b"".join(batch))
        s["commit"] += time.perf_counter() - t4
    store.flush()


_PAGE = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
         "</head><body><header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/about\">"
         "About</a></li><li><a href=\"/news\">News</a></li></ul></nav></header><main><article>"
         "{body}</article></main><footer><p>Copyright United Nations</p><p>Terms of use</p>"
         "</footer></body></html>")


def as_html(text: str) -> str:
    """The text as a saved web page: its paragraphs as <p> (a line of its own each), menus and
    a footer around them, as the sites wrap their pages."""
    from html import escape

    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join("<p>" + "<br>".join(escape(line) for line in p.splitlines()) + "</p>"
                   for p in paragraphs)
    return _PAGE.format(title=escape(paragraphs[0].splitlines()[0] if paragraphs else ""),
                        body=body)


def convert(paths: list[Path], fmt: str) -> list[Path]:
    """The generated documents as `fmt` ("html", "pdf") files beside them."""
    if fmt == "txt":
        return paths
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        target = path.with_suffix(f".{fmt}")
        if fmt == "html":
            target.write_text(as_html(text), encoding="utf-8")
        else:
            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
            from pdf_maker import pdf_of

            target.write_bytes(pdf_of(text))
        path.unlink()
        out.append(target)
    return out


def run_end_to_end(paths: list[Path], store_dir: Path, result: Run, jobs: int) -> None:
    """What `cepa-kg load FOLDER` does: `load_paths` with its worker processes, timed whole."""
    store = OxigraphStore(store_dir)
    install_reference(store, BASE)
    t = time.perf_counter()
    outcomes = load_paths(store, paths, base=BASE, jobs=jobs)
    store.flush()
    result.end_to_end = time.perf_counter() - t
    result.jobs = jobs
    bad = [o for o in outcomes if o.status in ("failed", "refused")]
    if not result.triples:  # the stage-by-stage run was skipped
        result.triples = sum(o.triples for o in outcomes)
        result.loaded = sum(o.status == "loaded" for o in outcomes)
    result.failed.extend(f"{o.name}: {o.status}: {o.error}" for o in bad)


def report(r: Run) -> None:
    print(f"\nN = {r.n} ({r.format}): {r.loaded} loaded, {len(r.failed)} failed, {r.triples:,} triples")
    if r.total:
        print(f"  one process, stage by stage ({r.total:.1f} s):")
        print(f"  {'stage':<12}{'seconds':>10}{'share':>8}{'docs/s':>10}{'triples/s':>12}")
    for stage, sec in [*r.seconds.items(), ("all stages", r.total)] if r.total else []:
        share = sec / r.total if r.total else 0
        print(f"  {stage:<12}{sec:>10.2f}{share:>8.0%}{r.n / sec if sec else 0:>10.1f}"
              f"{r.triples / sec if sec else 0:>12,.0f}")
    e = r.end_to_end
    print(f"  end to end (load_paths, {r.jobs} worker processes, fresh on-disk store): "
          f"{e:.1f} s, {r.n / e:.1f} documents/s, {r.triples / e:,.0f} triples/s")
    for failure in r.failed[:5]:
        print("  failed:", failure.splitlines()[0][:150])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the documents here and keep them")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes for the end-to-end run (default: one per core)")
    parser.add_argument("--no-stages", action="store_true",
                        help="skip the one-process, stage-by-stage run")
    parser.add_argument("--format", choices=("txt", "html", "pdf"), default="txt",
                        help="load the documents as text (default), saved web pages or PDFs")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    reference_graph(BASE), shapes_graph()  # one-off costs, outside the timings
    print(f"warm-up (reference data, shapes): {time.perf_counter() - t:.1f} s")
    runs = []
    for n in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"cepa-bench-{n}-"))
        try:
            docs = folder / "docs" if not args.keep else args.keep / str(n)
            docs.mkdir(parents=True, exist_ok=True)
            paths = convert(generate(docs, n, args.seed), args.format)
            result = Run(len(paths), format=args.format)
            if not args.no_stages:
                run_stages(paths, folder / "stages", result)
            run_end_to_end(paths, folder / "store", result, args.jobs)
            report(result)
            runs.append(result)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if len(runs) > 1:
        base = runs[0]
        print("\nlinearity (seconds per document, relative to the smallest N):")
        for r in runs:
            per = r.end_to_end / r.n
            print(f"  N = {r.n:>6}: {per * 1000:8.1f} ms/doc end to end  "
                  f"x{per / (base.end_to_end / base.n):.2f}")
    return 1 if any(r.failed for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
