"""Validators and a small memory of answers for `/sparql` GET and HEAD, per data version.

An answer to a query depends on nothing but: the data (the store's `version`, bumped by every
write), the query text (the endpoint's BASE is in it when the query has relative IRIs, FROM
clauses too), the representation asked for (the effective Accept: the header, or what the
`format` parameter puts in its place) and the protocol's dataset (`default-graph-uri`,
`named-graph-uri`). Those four make the key. Same key, equivalent answer: the rows of a query
without ORDER BY may come in another order from run to run, which is why the ETag is weak.

- ETag `W/"<version>-<digest>"`: the digest is a keyed BLAKE2b of the four parts; its key is
  random per cache (one cache per app), so a restart, whose version counter starts again from
  0 over possibly other data, never reuses a tag. `If-None-Match` naming it: 304 without
  running the query.
- A bounded LRU of complete answers (each at most `MAX_ANSWER` bytes, `MAX_TOTAL` in all),
  emptied when the version changes. An answer is kept only once its stream ended normally
  (never a cut or failed one, nor one past its budget), whichever path answered it: a heavy
  query a page repeats (a count per goal) is computed once per data version.

Versions and writes: the version is read before the query runs, and a write bumps it after its
commit, so an answer holds data at least as new as the version in its key: never older. POST
requests are never cached (they may not be repeated by caches, and their text is in the body).
"""

from __future__ import annotations

import hashlib
import secrets
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass

from cepa_kg.store import Dataset

MAX_ANSWER = 256 * 1024
MAX_TOTAL = 32 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    media_type: str
    body: bytes


class AnswerCache:
    """Keys, ETags and remembered answers of one app. Event-loop only (no locking)."""

    def __init__(self, *, max_answer: int = MAX_ANSWER, max_total: int = MAX_TOTAL) -> None:
        self._secret = secrets.token_bytes(16)
        self.max_answer, self.max_total = max_answer, max_total
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._total = 0
        self._version: int | None = None

    def key(self, version: int, query: str, accept: str | None,
            dataset: Dataset | None) -> str:
        digest = hashlib.blake2b(digest_size=16, key=self._secret)
        parts = (str(version), query, accept if accept is not None else "\0none",
                 "" if dataset is None else repr((dataset.default_graphs, dataset.named_graphs)))
        for part in parts:
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return digest.hexdigest()

    @staticmethod
    def etag(version: int, key: str) -> str:
        return f'W/"{version}-{key}"'

    def _at(self, version: int) -> bool:
        """Forget everything older than `version`; False if `version` is itself outdated."""
        if self._version is not None and version < self._version:
            return False
        if version != self._version:
            self._answers.clear()
            self._total = 0
            self._version = version
        return True

    def get(self, version: int, key: str) -> Answer | None:
        if not self._at(version):
            return None
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        return answer

    def put(self, version: int, key: str, answer: Answer) -> None:
        if len(answer.body) > self.max_answer or not self._at(version):
            return
        previous = self._answers.pop(key, None)
        if previous is not None:
            self._total -= len(previous.body)
        self._answers[key] = answer
        self._total += len(answer.body)
        while self._total > self.max_total:
            _, evicted = self._answers.popitem(last=False)
            self._total -= len(evicted.body)

    def __len__(self) -> int:
        return len(self._answers)

    def recording(self, version: int, key: str, media_type: str,
                  body: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        """`body`, passed through; once it has ended normally and if it was small enough, the
        whole answer is remembered under `key`."""
        limit = self.max_answer

        async def passed_through() -> AsyncIterator[bytes]:
            parts: list[bytes] | None = []
            size = 0
            async for chunk in body:
                if parts is not None:
                    size += len(chunk)
                    if size > limit:
                        parts = None
                    else:
                        parts.append(chunk)
                yield chunk
            if parts is not None:  # reached only when the stream ended normally
                self.put(version, key, Answer(media_type, b"".join(parts)))

        return passed_through()


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names `etag` (weak comparison, as for GET and HEAD).
    `*` is not honoured: a 304 only for a tag this server gave."""
    if not if_none_match:
        return False
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in if_none_match.split(","))

