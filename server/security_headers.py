"""Headers that make every answer safer to open in a browser: a Content-Security-Policy that
allows no inline script (and no inline style), `X-Content-Type-Options: nosniff` and a
`Referrer-Policy`. Pure ASGI, at the top of the app (above the short lane for `/sparql`), so
no answer goes out without them.

The policy is on every answer, not only on HTML pages: a browser may render an SVG, an XML or
an HTML-looking body opened directly, and the policy then still holds. An answer that sets its
own policy (the API documentation page, which loads Swagger UI) keeps it.
"""

from __future__ import annotations

from cepa_kg.server.asgi_headers import HeaderRewriter, Headers

#: Scripts and styles from this site's own files only (`/static/...`); no inline `<script>`,
#: `on*=` handlers, `style=` attributes or `<style>` elements; images from here or `data:`
#: (the blank favicon); no plugins, no `<base>`, never framed. A JSON-LD data block
#: (`<script type="application/ld+json">`) is not script: browsers never run it.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
REFERRER_POLICY = "same-origin"  # links to other sites carry no address of ours (nor a query)

_CSP = b"content-security-policy"
_ALWAYS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", REFERRER_POLICY.encode())]
_POLICY = (_CSP, CONTENT_SECURITY_POLICY.encode())


def with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`headers` (raw ASGI pairs, lower-case names) with the security headers added, a policy
    already there kept."""
    names = {name.lower() for name, _ in headers}
    added = [pair for pair in _ALWAYS if pair[0] not in names]
    if _CSP not in names:
        added.append(_POLICY)
    return [*headers, *added]


class SecurityHeaders(HeaderRewriter):
    """ASGI middleware: the security headers on every HTTP answer."""

    def rewrite(self, status: int, headers: Headers) -> Headers:
        return with_security_headers(headers)
