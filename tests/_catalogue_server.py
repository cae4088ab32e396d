"""A local HTTP server a network's catalogue is fetched from in tests: it serves one document with
an ETag and a Last-Modified, answers 304 to a request that sends them back, and can be told to
fail the next requests (a status) or to redirect. Runs in a thread; every request is recorded."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Served:
    body: bytes = b""
    content_type: str = "application/ld+json"
    last_modified: str = "Fri, 04 Dec 2026 10:00:00 GMT"
    failures: list[int] = field(default_factory=list)  # statuses the next requests get
    redirect: str | None = None
    requests: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'

    def fail_next(self, status: int, times: int = 1) -> None:
        with self.lock:
            self.failures.extend([status] * times)


class CatalogueServer:
    def __init__(self, httpd: ThreadingHTTPServer, served: Served) -> None:
        self.httpd = httpd
        self.served = served

    def url(self, path: str = "/refad.ctdl.json") -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}{path}"


def _handler(served: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet tests
            return

        def do_GET(self) -> None:
            with served.lock:
                served.requests.append({key: value for key, value in self.headers.items()})
                failure = served.failures.pop(0) if served.failures else None
                body, etag = served.body, served.etag
            if failure is not None:
                self._answer(failure, b"failure")
                return
            if served.redirect is not None:
                self.send_response(302)
                self.send_header("Location", served.redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._answer(200, body, etag)

        def _answer(self, status: int, body: bytes, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", served.content_type)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", served.last_modified)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def catalogue_server(body: bytes = b"") -> Iterator[CatalogueServer]:
    served = Served(body=body)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield CatalogueServer(httpd, served)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
