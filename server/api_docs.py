"""`/docs`: Swagger UI over `/openapi.json`, without inline script (FastAPI's own page has
some, which the site's Content-Security-Policy forbids): the page loads Swagger UI from its CDN,
as FastAPI's does, and starts it with `/static/api_docs.js`.

Its policy allows that CDN for scripts and styles, and inline styles, which Swagger UI sets as
it renders (swagger-api/swagger-ui#10655); still no inline script. The page shows our own API
description only.
"""

from __future__ import annotations

from cepa_kg.server.site import render
from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter()

SWAGGER_UI = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5"
CDN = "https://cdn.jsdelivr.net"
DOCS_POLICY = (
    f"default-src 'self'; script-src 'self' {CDN}; style-src 'self' 'unsafe-inline' {CDN}; "
    f"img-src 'self' data: {CDN}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


@router.get("/docs", include_in_schema=False)
async def api_docs(request: Request) -> Response:
    body = render(request, "api_docs.html", {"swagger_ui": SWAGGER_UI})
    return Response(body, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": DOCS_POLICY})
