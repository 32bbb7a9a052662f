"""Every `503` carries `Retry-After` (one second unless its handler said otherwise): a client
or a proxy told when to come back does not hammer a busy server. Pure ASGI, at the top of
the app, so that no 503 escapes it, whichever route or lane answered."""

from __future__ import annotations

from cepa_kg.server.asgi_headers import HeaderRewriter, Headers


class RetryAfter(HeaderRewriter):
    """ASGI middleware: `Retry-After: 1` on a 503 (or 429) answer that has none."""

    def rewrite(self, status: int, headers: Headers) -> Headers:
        if status in (429, 503) and not any(name.lower() == b"retry-after" for name, _ in headers):
            return [*headers, (b"retry-after", b"1")]
        return headers


class CloseAfterServerError(HeaderRewriter):
    """ASGI middleware: `Connection: close` on every 5xx answer, so the server closes the
    connection cleanly once the answer is sent; a client that kept it alive then opens a new
    one, rather than meeting a reset on its next request."""

    def rewrite(self, status: int, headers: Headers) -> Headers:
        if status >= 500 and not any(name.lower() == b"connection" for name, _ in headers):
            return [*headers, (b"connection", b"close")]
        return headers
