"""How the Application is served and stopped: the webhook's HTTP server (the Telegram path,
`/healthz`, `/metrics`), the counters an operator watches, and a stop on SIGTERM that takes no
new update, finishes what is in flight within STOP_GRACE seconds and exits 0.

The webhook server is a small tornado application (tornado comes with PTB's webhooks): PTB's
own server serves the Telegram path only. It does what PTB's does (a JSON POST, the secret in
X-Telegram-Bot-Api-Secret-Token, else 403; the update queued, 200) beside two GET routes."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Update

from bot.frontends.telegram.delivery import Delivery

log = logging.getLogger(__name__)

# Seconds given to what is in flight after SIGTERM (a supervisor's own grace is often 30 s too:
# systemd's TimeoutStopSec, Docker's stop timeout 10 s unless raised, Kubernetes' 30 s).
STOP_GRACE = 30.0
COUNTERS_KEY = "counters"
FLOOD_KEY = "flood_limits"  # the adapter's flood.FloodLimits (bot_data)

AnyApplication = Any  # telegram.ext.Application[...]: its six type parameters add nothing here


@dataclass
class Counters:
    """What this process did since it started (read by /metrics)."""

    updates: int = 0  # updates taken in (duplicates included)
    failed: int = 0  # updates whose handling ended in the error handler


def counters_of(application: AnyApplication) -> Counters:
    counters: Counters = application.bot_data.setdefault(COUNTERS_KEY, Counters())
    return counters


def snapshot(application: AnyApplication) -> dict[str, int]:
    """This process's counters by name (published to the store for `credbot status`; /metrics):
    updates taken in and failed, Bot API calls retried, replies failed for good, 429s, updates
    dropped for flooding (counts since the start), and the updates waiting now (`queue`)."""
    counters = counters_of(application)
    delivery = application.bot.rate_limiter
    flood = application.bot_data.get(FLOOD_KEY)
    taken = {
        "updates": counters.updates,
        "updates_failed": counters.failed,
        "retries": delivery.retried if isinstance(delivery, Delivery) else 0,
        "replies_failed": delivery.replies_failed if isinstance(delivery, Delivery) else 0,
        "rate_limited": delivery.rate_limited if isinstance(delivery, Delivery) else 0,
        "flood_dropped": int(getattr(flood, "dropped", 0)),
        "queue": application.update_queue.qsize(),
    }
    return taken


# The Prometheus name, type and help of each counter of `snapshot`.
METRICS = {
    "updates": ("credbot_updates_total", "counter", "updates taken in (duplicates included)"),
    "updates_failed": ("credbot_updates_failed_total", "counter", "updates handled with an error"),
    "retries": ("credbot_bot_api_retries_total", "counter", "Bot API calls made again"),
    "replies_failed": ("credbot_replies_failed_total", "counter", "replies that failed for good"),
    "rate_limited": ("credbot_bot_api_429_total", "counter", "429 Too Many Requests received"),
    "flood_dropped": ("credbot_updates_dropped_total", "counter", "updates dropped for flooding"),
    "queue": ("credbot_update_queue", "gauge", "updates waiting in this process"),
}


def metrics_text(application: AnyApplication, *, database_up: bool, outbox: dict[str, int]) -> str:
    """The counters in the Prometheus text format (one `name value` a line)."""
    lines = []
    for key, value in snapshot(application).items():
        name, kind, meaning = METRICS[key]
        lines += [f"# HELP {name} {meaning}", f"# TYPE {name} {kind}", f"{name} {value}"]
    lines += [
        "# TYPE credbot_database_up gauge",
        f"credbot_database_up {int(database_up)}",
        "# TYPE credbot_outbox_messages gauge",
    ]
    lines += [f'credbot_outbox_messages{{state="{state}"}} {count}' for state, count in sorted(outbox.items())]
    return "\n".join(lines) + "\n"


class _Telegram(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot_application: AnyApplication, secret: str) -> None:
        self.application_ = bot_application
        self.secret = secret

    async def post(self) -> None:
        if self.request.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)  # the given value is never logged
        try:
            update = Update.de_json(json.loads(self.request.body), self.application_.bot)
        except Exception as error:  # not an update: Telegram would not send it again anyway
            log.warning("the webhook got a body that is not an update: %s", type(error).__name__)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        await self.application_.update_queue.put(update)
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: Any) -> None:  # no tracebacks with request headers in the log
        pass


class _Health(tornado.web.RequestHandler):
    def initialize(self, server: WebhookServer) -> None:
        self.server = server

    async def get(self) -> None:
        up = await self.server.database_up()
        self.set_status(HTTPStatus.OK if up else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("ok\n" if up else "database unavailable\n")


class _Metrics(tornado.web.RequestHandler):
    def initialize(self, server: WebhookServer) -> None:
        self.server = server

    async def get(self) -> None:
        up = await self.server.database_up()
        outbox = await self.server.outbox() if up else {}
        self.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        self.finish(metrics_text(self.server.application, database_up=up, outbox=outbox))


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        pass  # the webhook path is secret-free, but a proxy's health checks would fill the log


class WebhookServer:
    """The Telegram path (`path`, e.g. "telegram"), `/healthz` and `/metrics` on one port.
    `database_ok` answers whether the database answers (called in a thread, at most 3 s);
    `outbox_counts` the outbox's messages by state."""

    def __init__(
        self,
        application: AnyApplication,
        *,
        path: str,
        secret: str,
        database_ok: Callable[[], bool],
        outbox_counts: Callable[[], dict[str, int]],
    ) -> None:
        self.application = application
        self._database_ok = database_ok
        self._outbox_counts = outbox_counts
        route = "/" + path.strip("/")
        self._app = _Quiet(
            [
                (rf"{route}/?", _Telegram, {"bot_application": application, "secret": secret}),
                (r"/healthz", _Health, {"server": self}),
                (r"/metrics", _Metrics, {"server": self}),
            ]
        )
        self._http: tornado.httpserver.HTTPServer | None = None

    async def database_up(self) -> bool:
        try:
            return await asyncio.wait_for(asyncio.to_thread(self._database_ok), 3.0)
        except Exception:  # a timeout or anything else: not healthy
            return False

    async def outbox(self) -> dict[str, int]:
        try:
            return await asyncio.wait_for(asyncio.to_thread(self._outbox_counts), 3.0)
        except Exception:
            return {}

    def start(self, listen: str, port: int) -> None:
        self._http = tornado.httpserver.HTTPServer(self._app)
        self._http.listen(port, address=listen)

    async def stop(self) -> None:
        """Take no new request (the ones being answered finish: they only queue an update)."""
        if self._http is not None:
            self._http.stop()
            await asyncio.wait_for(self._http.close_all_connections(), 5.0)
            self._http = None


def arm_stop_deadline(seconds: float = STOP_GRACE) -> threading.Timer:
    """After a stop signal: if the process is still there `seconds` later, what was in flight
    did not finish; say so and end the process (exit status 1)."""

    def give_up() -> None:
        log.error("still stopping after %.0f s: giving up on what was in flight", seconds)
        logging.shutdown()
        os._exit(1)

    timer = threading.Timer(seconds, give_up)
    timer.daemon = True
    timer.start()
    return timer


def on_stop_signals(loop: asyncio.AbstractEventLoop, stop: Callable[[], None]) -> None:
    """SIGTERM and SIGINT call `stop` once (the deadline armed); a second signal changes nothing."""
    stopping: list[threading.Timer] = []

    def stop_once(name: str) -> None:
        if stopping:
            return
        log.info("%s: taking no new update, finishing those in flight (at most %.0f s)", name, STOP_GRACE)
        stopping.append(arm_stop_deadline())
        stop()

    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on this platform/thread
            loop.add_signal_handler(sig, stop_once, sig.name)
