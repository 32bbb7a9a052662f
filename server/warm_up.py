"""What the first checked write would otherwise build while its client waits: the compiled
shapes and the reference data index (~0.6 s on our machine, more on a slower one, against a
write budget that may be 1 s). Built in a thread once the server answers, not before, so that
start-up is not slower; a write arriving meanwhile builds them itself (both are cached)."""

from __future__ import annotations

import asyncio

from cepa_kg.validation import compiled_shapes, reference_index


def build_write_checks(base: str) -> None:
    compiled_shapes()
    reference_index(base)


def start_warming(base: str) -> asyncio.Task[None]:
    """Build the write checks in a thread; await the task at shutdown."""
    return asyncio.create_task(asyncio.to_thread(build_write_checks, base))
