"""The server's logs: one JSON object a line, each with the request id of the request it is
about (`request_ids`), and never the write token.

A token sent where it does not belong (in the query string, `?access_token=...`, in a path, in
`X-Request-ID`) is refused, but uvicorn's access line writes the whole path and query string.
`RedactFilter` rewrites every record before it is written: the token itself, in clear or
percent-encoded, and the value of any parameter named like a credential (`access_token=`,
`token=`, `password=`, ...), become `[redacted]`.

`cepa-kg serve` configures uvicorn with `log_config(...)`; the app also puts the filters on
the loggers that may carry a request (`install`), so that they hold however it is served.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote_plus

from cepa_kg.server.request_ids import current_request_id

REDACTED = "[redacted]"
#: Query parameters whose value is a credential whatever it is (an old token, another's).
SECRET_PARAMETERS = frozenset({
    "access_token", "token", "update_token", "bearer", "auth", "authorization", "api_key",
    "apikey", "key", "password", "passwd", "secret"})
#: Loggers whose records may come from a request: uvicorn's and ours.
LOGGERS = ("uvicorn.access", "uvicorn.error", "cepa_kg.server", "cepa_kg.validation")

_PARAMETER = re.compile(r"(?P<name>[^\s?&=;\"'/#]+)=(?P<value>[^\s&;\"'#]*)")
_ENCODED = re.compile(r"[^\s?&=;\"'/#]*[%+][^\s?&=;\"'/#]*")


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with each secret, in clear or percent-encoded, and each credential parameter's
    value replaced by `[redacted]`.

    >>> redact("GET /update?access_token=x1&query=ASK%7B%7D", ["s3cret"])
    'GET /update?access_token=[redacted]&query=ASK%7B%7D'
    >>> redact("GET /sparql?q=%73%33cret+1", ["s3cret"])
    'GET /sparql?q=[redacted]'
    """
    secrets = [s for s in secrets if s]
    for secret in secrets:
        text = text.replace(secret, REDACTED)

    def parameter(match: re.Match[str]) -> str:
        if unquote_plus(match["name"]).strip().lower() in SECRET_PARAMETERS:
            return f"{match['name']}={REDACTED}"
        return match[0]

    def encoded(match: re.Match[str]) -> str:
        decoded = unquote_plus(match[0])
        return REDACTED if any(secret in decoded for secret in secrets) else match[0]

    text = _PARAMETER.sub(parameter, text) if "=" in text else text
    return _ENCODED.sub(encoded, text) if secrets and ("%" in text or "+" in text) else text


class RedactFilter(logging.Filter):
    """Rewrites a record's message, arguments and traceback with `redact` (as a logger's or a
    handler's filter; it never drops a record)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def _clean(self, value: Any) -> Any:
        return redact(value, self.secrets) if isinstance(value, str) else value

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._clean(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self._clean(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: self._clean(v) for k, v in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        request_id = getattr(record, "request_id", None)
        if isinstance(request_id, str):  # a client's X-Request-ID
            record.request_id = redact(request_id, self.secrets)
        return True


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on the record (`record.request_id`, None outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request_id; uvicorn's access
    lines also give client, method, path and status as fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None)}
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) \
                and len(record.args) == 5:
            client, method, path, _, status = record.args
            entry.update(client=client, method=method, path=path, status=status)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


def log_config(secrets: Iterable[str] = (), level: str = "INFO") -> dict[str, Any]:
    """A `logging.config.dictConfig` for uvicorn (`uvicorn.run(..., log_config=...)`): uvicorn's
    and our loggers as JSON lines on stderr, with request ids, secrets redacted."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter},
                    "redact": {"()": RedactFilter, "secrets": list(secrets)}},
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                                "formatter": "json", "filters": ["request_id", "redact"]}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["stderr"], "level": level, "propagate": False},
            "cepa_kg": {"handlers": ["stderr"], "level": level, "propagate": False},
        },
    }


def install(secrets: Iterable[str]) -> Callable[[], None]:
    """Put the redaction and request-id filters on `LOGGERS` (whatever handlers they have);
    returns what takes them off again (at the app's shutdown)."""
    filters: list[logging.Filter] = [RequestIdFilter(), RedactFilter(secrets)]
    for name in LOGGERS:
        for f in filters:
            logging.getLogger(name).addFilter(f)

    def uninstall() -> None:
        for name in LOGGERS:
            for f in filters:
                logging.getLogger(name).removeFilter(f)

    return uninstall
