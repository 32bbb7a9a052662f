"""`POST /goals`: goal tracing for any text, for portals (the same as `cepa-kg goals`).

The body is one item `{"id": ..., "text": "...", "era": "mdg"|"sdg"}` (id and era optional),
or a list of up to `MAX_ITEMS` of them; the answer is the item's tracing, or the list of them,
in the same order: `{"id", "alignments": [{"goal", "target", "method", "score", "evidence":
{"text", "start", "end"}}], "frameworks": [...]}` (see `loaders/goal_json.py`).
"""

from __future__ import annotations

import json
from typing import Any

from cepa_kg.loaders.goal_json import MAX_TEXT, trace
from cepa_kg.server.errors import HttpError
from cepa_kg.server.openapi_responses import GOAL_ANSWER_SCHEMA, GOAL_ITEM_SCHEMA, error
from cepa_kg.server.state import app_state
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

router = APIRouter()

MAX_ITEMS = 1000
#: The largest body read (bytes): MAX_ITEMS snippets of a few hundred words, or one long text.
MAX_BODY = 4 * 1024 * 1024

_ITEM = {**GOAL_ITEM_SCHEMA, "properties": {
    **GOAL_ITEM_SCHEMA["properties"], "text": {"type": "string", "maxLength": MAX_TEXT}}}
_BODY = {"oneOf": [_ITEM, {"type": "array", "items": _ITEM, "maxItems": MAX_ITEMS}]}
_EXAMPLE = {"id": "r1", "text": "Member States should strengthen primary health care and "
            "fight corruption in health procurement, in line with SDG 16."}


@router.post("/goals", summary="Trace texts to the SDGs and MDGs they serve",
             description="One item {\"id\", \"text\", \"era\"} or a list of up to 1,000; "
             "answers, per item, the goals and targets with method, score and evidence "
             "(offsets into the text), and the frameworks it names as a whole.",
             response_class=Response,
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"example": _EXAMPLE, "schema": _BODY}}}},
             responses={200: {"description": "the tracing: one answer for one item, a list "
                                             "for a list, in its order",
                              "content": {"application/json": {"schema": {"oneOf": [
                                  GOAL_ANSWER_SCHEMA,
                                  {"type": "array", "items": GOAL_ANSWER_SCHEMA}]}}}},
                        400: error("not JSON, too many items, or an item without text, with "
                                   "too long a text or an unknown era"),
                        413: error(f"the body is over {MAX_BODY // (1024 * 1024)} MB"),
                        415: error("the body is not application/json")})
async def goals(request: Request) -> Response:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HttpError(415, "send the items as application/json")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HttpError(413, f"the body is over {MAX_BODY // (1024 * 1024)} MB")
    try:
        data = json.loads(body)
    except ValueError as error:
        raise HttpError(400, f"the body is not JSON: {error}") from None
    items = data if isinstance(data, list) else [data]
    if len(items) > MAX_ITEMS:
        raise HttpError(400, f"{len(items):,} items; at most {MAX_ITEMS:,} a request")
    base = app_state(request).settings.base
    answers = await run_in_threadpool(_trace_all, items, base)
    payload = answers if isinstance(data, list) else answers[0]
    return Response(json.dumps(payload, ensure_ascii=False), media_type="application/json")


def _trace_all(items: list[Any], base: str) -> list[dict[str, Any]]:
    out = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise HttpError(400, f'item {number}: give {{"text": "..."}} (an "id" and an '
                            '"era" are optional)')
        if len(item["text"]) > MAX_TEXT:
            raise HttpError(400, f"item {number}: the text is over {MAX_TEXT:,} characters")
        try:
            answer = trace(item["text"], base=base, era=item.get("era"))
        except ValueError as error:
            raise HttpError(400, f"item {number}: {error}") from None
        out.append({"id": item.get("id"), **answer})
    return out
