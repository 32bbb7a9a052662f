"""Progress on long work (load, export, compact): a bar in a terminal (a pseudo-terminal here),
plain lines in logs, nothing with --quiet; through the real command line."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

ARCHIVE = Path(__file__).parent / "data" / "archive"
FILES = sorted(str(p) for p in (ARCHIVE / "project").glob("*.txt"))[:8]


def load(*extra: str, store: Path, terminal: bool = False) -> str:
    """What `cepa-kg load` writes on stderr."""
    return run("load", *extra, *FILES, store=store, terminal=terminal)


def run(command: str, *extra: str, store: Path, terminal: bool = False) -> str:
    """What `cepa-kg COMMAND` writes on stderr (a pseudo-terminal's, with `terminal`)."""
    args = [sys.executable, "-m", "cepa_kg.cli", command, "--store", str(store), *extra]
    if not terminal:
        return subprocess.run(args, capture_output=True, text=True, timeout=300).stderr
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=child, close_fds=True)
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_a_bar_with_counts_rate_and_time_left(tmp_path: Path) -> None:
    out = load(store=tmp_path / "store", terminal=True)
    assert f"{len(FILES)}/{len(FILES)}" in out and "documents/s" in out, out
    assert "\r" in out and "%|" in out  # redrawn in place: tqdm's bar
    assert "cepa-kg: load " not in out  # no plain lines in a terminal


def test_a_log_gets_plain_lines_and_the_last_one_at_the_end(tmp_path: Path) -> None:
    out = load(store=tmp_path / "store")
    lines = [line for line in out.splitlines() if line.startswith("cepa-kg: load ")]
    assert lines and lines[-1].startswith(f"cepa-kg: load {len(FILES)}/{len(FILES)} (100%)")
    assert "\r" not in out and "documents/s" in lines[-1]


def test_quiet_silences_both(tmp_path: Path) -> None:
    out = load("--quiet", store=tmp_path / "store")
    assert "cepa-kg: load " not in out and "documents/s" not in out
    out = load("--quiet", "--force", store=tmp_path / "store", terminal=True)
    assert "%|" not in out and "documents/s" not in out


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("progress") / "store"
    assert "cepa-kg: load 8/8" in load(store=store)
    return store


def test_export_counts_quads_in_a_terminal_and_in_a_log(loaded: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.nq"
    log = run("export", "-o", str(out), store=loaded)
    quads = sum(1 for line in out.read_text("utf-8").splitlines() if line)
    lines = [line for line in log.splitlines() if line.startswith("cepa-kg: export ")]
    assert lines and lines[-1].startswith(f"cepa-kg: export {quads:,}/{quads:,} (100%), ")
    assert "quads/s" in lines[-1] and "\r" not in log
    assert f"wrote {out} (nquads, {quads:,} quads" in log
    bar = run("export", "--format", "turtle", "-o", str(tmp_path / "all.ttl"), store=loaded,
              terminal=True)
    assert "%|" in bar and "triples/s" in bar and "\r" in bar, bar
    assert "cepa-kg: export " not in bar and "wrote " in bar


def test_compact_shows_the_megabytes_rewritten(loaded: Path) -> None:
    log = run("compact", store=loaded)
    lines = [line for line in log.splitlines() if line.startswith("cepa-kg: compact ")]
    assert lines and re.match(r"cepa-kg: compact ([\d.,]+)/\1 MB \(100%\), [\d.,]+ MB/s, in ",
                              lines[-1]), log
    assert "compacted in" in log
    bar = run("compact", store=loaded, terminal=True)
    assert "%|" in bar and "B/s" in bar and "compact: 100%" in bar, bar
    assert "cepa-kg: compact " not in bar


def test_quiet_silences_export_and_compact_but_not_their_reports(loaded: Path,
                                                                  tmp_path: Path) -> None:
    for terminal in (False, True):
        out = run("export", "--quiet", "-o", str(tmp_path / "all.nq"), store=loaded,
                  terminal=terminal)
        assert "cepa-kg: export " not in out and "%|" not in out and "quads/s" not in out
        assert "cepa-kg: wrote " in out
        out = run("compact", "--quiet", store=loaded, terminal=terminal)
        assert "cepa-kg: compact " not in out and "%|" not in out and "MB/s" not in out
        assert "compacted in" in out


@pytest.mark.parametrize("fmt", ["trig", "turtle", "nquads", "ntriples"])
def test_export_counts_every_statement_even_split_between_writes(loaded: Path, fmt: str) -> None:
    """The counts come from the bytes written: here fed 7 bytes at a time, so that many a
    statement's end is split between two writes."""
    import io

    from cepa_kg.exporting import (CountingSink, count_statements, export, prefixes_of,
                                   statement_ends)
    from cepa_kg.progress import Progress
    from cepa_kg.store import OxigraphStore

    store = OxigraphStore(loaded, read_only=True)
    whole = io.BytesIO()
    export(store, whole, fmt, Progress(0, what="export", unit="quads", quiet=True))
    total = count_statements(store, fmt)
    counted = Progress(10 * total, what="export", unit="quads", quiet=True)
    sink = CountingSink(io.BytesIO(), counted, statement_ends(fmt), skip=len(prefixes_of(fmt)))
    data = whole.getvalue()
    for start in range(0, len(data), 7):
        sink.write(data[start:start + 7])
    assert counted.done == total > 1000
