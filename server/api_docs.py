"""`/docs`: Swagger UI over `/openapi.json`, without inline script (FastAPI's own page has
some, which the site's Content-Security-Policy forbids): the page loads Swagger UI from this
server, the copy the maintained `fastapi-offline` package ships (nothing is fetched from a CDN,
so the page works offline), and starts it with `/static/api_docs.js`.

Its policy allows inline styles, which Swagger UI sets as it renders (swagger-api/swagger-ui
#10655); still no inline script. The page shows our own API description only.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from cepa_kg.server.site import render
from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter()

#: Swagger UI's script and style, as `fastapi-offline` ships them; served at /static/swagger-ui.
SWAGGER_UI_FILES = Path(fastapi_offline.__file__).parent / "static"
DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


@router.get("/docs", include_in_schema=False)
async def api_docs(request: Request) -> Response:
    body = render(request, "api_docs.html", {})
    return Response(body, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": DOCS_POLICY})
