"""What verification may fetch, when the installation allows the network (CREDBOT_ALLOW_NETWORK):
a status list, a did:web document. One GET with the standard library, HTTPS only, 5 seconds for
the whole fetch, at most 1 MB; never a loopback, private or link-local address (checked on the
socket once connected, so neither a DNS answer nor a redirect can lead there) unless the
installation allows private sources (CREDBOT_SOURCE_PRIVATE: an intranet, the tests' local server,
which may then be plain HTTP)."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

MAX_BYTES = 1024 * 1024
TIMEOUT = 5.0
USER_AGENT = "credbot (badge verification)"

Fetch = Callable[[str], bytes]


class NetworkError(Exception):
    """A fetch that failed: refused (scheme, address), too_large, timeout, http, connection."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _guarded(allow_private: bool) -> list[Any]:
    def check(sock: socket.socket | None) -> None:
        if allow_private or sock is None:
            return
        address = str(sock.getpeername()[0])
        if not _public(address):
            sock.close()
            raise NetworkError("refused", address)

    class GuardedHTTP(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            check(self.sock)

    class GuardedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            check(self.sock)

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(GuardedHTTP, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(GuardedHTTPS, req)

    return [HTTPHandler(), HTTPSHandler()]


def fetcher(allow_private: bool = False, timeout: float = TIMEOUT, limit: int = MAX_BYTES) -> Fetch:
    """A `Fetch`: the body of a GET, or `NetworkError`. Plain HTTP only with `allow_private`."""
    schemes = ("https", "http") if allow_private else ("https",)
    opener = urllib.request.build_opener(*_guarded(allow_private))

    def fetch(url: str) -> bytes:
        parts = urlsplit(url)
        if parts.scheme.lower() not in schemes or not parts.hostname:
            raise NetworkError("refused", parts.scheme or "no scheme")
        deadline = time.monotonic() + timeout
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                if urlsplit(response.geturl()).scheme.lower() not in schemes:
                    raise NetworkError("refused", "redirected to another scheme")
                chunks: list[bytes] = []
                size = 0
                while True:
                    if time.monotonic() > deadline:
                        raise NetworkError("timeout")
                    chunk = response.read(64 * 1024)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > limit:
                        raise NetworkError("too_large", str(size))
                    chunks.append(chunk)
                return b"".join(chunks)
        except NetworkError:
            raise
        except urllib.error.HTTPError as error:
            raise NetworkError("http", str(error.code)) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, NetworkError):
                raise error.reason from None
            if isinstance(error.reason, TimeoutError | socket.timeout):
                raise NetworkError("timeout") from error
            raise NetworkError("connection", str(error.reason)[:100]) from error
        except TimeoutError as error:
            raise NetworkError("timeout") from error
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise NetworkError("connection", str(getattr(error, "reason", error))[:100]) from error

    return fetch
