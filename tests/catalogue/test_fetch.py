"""The fetch of a source's URL against a local HTTP server: validators sent and kept, 304, errors
as FetchError kinds, the size cap, and no loopback or private address unless allowed."""

from __future__ import annotations

import pytest

from bot.catalogue.fetch import FetchError, fetch, valid_url
from tests._catalogue_server import catalogue_server

BODY = b'{"@graph": []}'


def test_a_200_gives_the_body_and_its_validators_and_sending_them_back_gives_304() -> None:
    with catalogue_server(BODY) as server:
        first = fetch(server.url(), allow_private=True)
        assert first.status == 200 and first.body == BODY
        assert first.etag == server.served.etag and first.last_modified == server.served.last_modified
        again = fetch(server.url(), first.etag, first.last_modified, allow_private=True)
        assert again.status == 304 and again.body == b"" and again.etag == first.etag
        sent = server.served.requests[-1]
        assert sent["If-None-Match"] == first.etag and sent["If-Modified-Since"] == first.last_modified


def test_a_server_error_is_an_http_failure() -> None:
    with catalogue_server(BODY) as server:
        server.served.fail_next(500)
        with pytest.raises(FetchError) as raised:
            fetch(server.url(), allow_private=True)
        assert raised.value.kind == "http" and raised.value.detail.startswith("500")


def test_a_file_over_the_cap_is_refused() -> None:
    with catalogue_server(b"x" * 5000) as server, pytest.raises(FetchError) as raised:
        fetch(server.url(), allow_private=True, max_bytes=4000)
    assert raised.value.kind == "too_large"


def test_a_loopback_address_is_refused_unless_the_installation_allows_it() -> None:
    with catalogue_server(BODY) as server:
        with pytest.raises(FetchError) as raised:
            fetch(server.url())
        assert raised.value.kind == "refused" and raised.value.detail == "127.0.0.1"
        assert server.served.requests == [], "refused before any request was sent"


def test_a_redirect_to_a_loopback_address_is_refused_too() -> None:
    with catalogue_server(BODY) as target, catalogue_server(BODY) as first:
        first.served.redirect = target.url()
        with pytest.raises(FetchError) as raised:
            fetch(first.url())
        assert raised.value.kind == "refused"
        assert fetch(first.url(), allow_private=True).body == BODY


def test_a_redirect_to_another_scheme_is_refused() -> None:
    with catalogue_server(BODY) as server:
        server.served.redirect = "file:///etc/passwd"
        with pytest.raises(FetchError) as raised:
            fetch(server.url(), allow_private=True)
        # urllib refuses it before our own check (an HTTPError on the 302): never followed.
        assert raised.value.kind in ("scheme", "http") and "root:" not in str(raised.value)


def test_nothing_listens_is_a_connection_failure() -> None:
    with catalogue_server(BODY) as server:
        url = server.url()
    with pytest.raises(FetchError) as raised:
        fetch(url, allow_private=True, timeout=2)
    assert raised.value.kind == "connection"


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("https://example.org/c.json", True),
        ("http://example.org", True),
        ("ftp://example.org/c.json", False),
        ("file:///etc/passwd", False),
        ("example.org/c.json", False),
        ("https://", False),
    ],
)
def test_only_http_and_https_addresses_are_valid(url: str, valid: bool) -> None:
    assert valid_url(url) is valid
