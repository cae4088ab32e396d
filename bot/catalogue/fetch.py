"""Fetching a network's catalogue from its URL: one conditional GET (ETag, Last-Modified) with
the standard library, a size cap and a deadline. Blocking: the clock runs it in a thread.

A source is registered by a group's administrator, who may be anyone who made a group: unless
the installation allows it, the bot refuses to connect to a loopback, private or link-local
address, checked on the socket once connected (so a DNS answer that changes between the check
and the connection, or a redirect, cannot lead it there)."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 30.0  # seconds for the whole fetch (and for each read)
USER_AGENT = "credbot (catalogue source; +https://github.com/credbot)"
SCHEMES = ("http", "https")


class FetchError(Exception):
    """Why a fetch failed: `kind` is http (`detail`: the status), too_large, timeout, refused
    (a private address), scheme or connection (`detail`: the reason)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class Fetched:
    status: int  # 200 (body read) or 304 (not modified, no body)
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""


def valid_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in SCHEMES and bool(parts.hostname) and " " not in url.strip()


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _check_peer(sock: socket.socket | None, allow_private: bool) -> None:
    if allow_private or sock is None:
        return
    address = str(sock.getpeername()[0])
    if not _public(address):
        sock.close()
        raise FetchError("refused", address)


def _connections(allow_private: bool) -> tuple[type[http.client.HTTPConnection], type[http.client.HTTPSConnection]]:
    class GuardedHTTP(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            _check_peer(self.sock, allow_private)

    class GuardedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            _check_peer(self.sock, allow_private)

    return GuardedHTTP, GuardedHTTPS


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise FetchError("scheme", newurl[:100])
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    plain, secure = _connections(allow_private)

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(plain, req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(secure, req)

    # No proxies from the environment: the peer checked must be the server itself.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler({}),
        urllib.request.UnknownHandler(),
        HTTP(),
        HTTPS(),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    *,
    allow_private: bool = False,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
) -> Fetched:
    """GET `url`, conditional on the validators given; raises FetchError."""
    if not valid_url(url):
        raise FetchError("scheme", url[:100])
    headers = {"User-Agent": USER_AGENT, "Accept": "application/ld+json, application/json, text/csv, */*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url.strip(), headers=headers, method="GET")
    deadline = time.monotonic() + timeout
    try:
        with _opener(allow_private).open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError("too_large", length)
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError("timeout")
                chunk = response.read(64 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError("too_large", str(size))
                chunks.append(chunk)
            return Fetched(
                status=200,
                body=b"".join(chunks),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                content_type=response.headers.get("Content-Type", ""),
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(
                status=304,
                etag=error.headers.get("ETag") or etag,
                last_modified=error.headers.get("Last-Modified") or last_modified,
            )
        raise FetchError("http", f"{error.code} {error.reason}".strip()) from None
    except FetchError:
        raise
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, FetchError):
            raise reason from None
        if isinstance(reason, TimeoutError | socket.timeout):
            raise FetchError("timeout") from None
        raise FetchError("connection", str(reason)[:200]) from None
    except TimeoutError:
        raise FetchError("timeout") from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise FetchError("connection", str(error)[:200] or type(error).__name__) from None
