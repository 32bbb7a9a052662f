"""Where this server is, as its users see it: the path prefix it is served under (behind a
proxy) and its public URL. Both come from the settings when set, else from the request."""

from __future__ import annotations

from cepa_kg.server.state import app_state
from fastapi import Request
from fastapi.templating import Jinja2Templates


def root_of(request: Request) -> str:
    """The path prefix ("" or "/cepa"): the ASGI root_path (uvicorn --root-path, a proxy that
    sets it) or `Settings.root_path` (a proxy that strips the prefix)."""
    root = request.scope.get("root_path") or getattr(app_state(request).settings, "root_path", "")
    return str(root or "").rstrip("/")


def public_of(request: Request) -> str:
    """The public URL of the site, without a trailing slash (`Settings.public_url`, else the
    request's scheme and Host with the prefix)."""
    configured = getattr(app_state(request).settings, "public_url", None)
    if configured:
        return str(configured).rstrip("/")
    return f"{request.url.scheme}://{request.url.netloc}{root_of(request)}"


def render(request: Request, template: str, context: dict[str, object]) -> bytes:
    """A page rendered to bytes (so that its ETag can be computed from them), with what the
    templates' context processors add (the language of goal labels: languages.py)."""
    templates: Jinja2Templates = app_state(request).templates
    added: dict[str, object] = {}
    for processor in getattr(templates, "context_processors", ()):
        added.update(processor(request))
    page = templates.get_template(template).render(
        {"request": request, "root": root_of(request), **added, **context})
    return page.encode("utf-8")
