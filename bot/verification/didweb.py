"""`did:web` keys, when the network is allowed: the DID document at
`https://host[/path]/did.json` (`/.well-known/did.json` without a path), its verification method
named by the proof, which must be listed under `assertionMethod`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from bot.formats.common import load_json
from bot.verification.keys import PublicKey, UnresolvableKey, jwk_key, multikey, resolve
from bot.verification.network import Fetch, NetworkError


def did_web_url(did: str) -> str:
    parts = did.removeprefix("did:web:").split(":")
    host = unquote(parts[0])
    if not host or "/" in host or any(not part for part in parts):
        raise UnresolvableKey("not a did:web")
    path = "/".join(unquote(part) for part in parts[1:])
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def _listed(document: dict[str, Any], method: str, did: str) -> bool:
    for item in document.get("assertionMethod") or []:
        ident = item.get("id") if isinstance(item, dict) else item
        if isinstance(ident, str) and (ident == method or did + ident == method):
            return True
    return False


def resolve_did_web(method: str, fetch: Fetch) -> PublicKey:
    did = method.partition("#")[0]
    try:
        document = load_json(fetch(did_web_url(did)))
    except NetworkError as error:
        raise UnresolvableKey(f"{did} not fetched ({error.kind})") from error
    except ValueError as error:
        raise UnresolvableKey(f"{did}: its DID document is not JSON") from error
    if not isinstance(document, dict) or document.get("id") != did:
        raise UnresolvableKey(f"{did}: not its DID document")
    if not _listed(document, method, did):
        raise UnresolvableKey(f"{method} is not one of its assertion methods")
    for item in document.get("verificationMethod") or []:
        if not isinstance(item, dict):
            continue
        ident = item.get("id")
        if ident != method and (not isinstance(ident, str) or did + ident != method):
            continue
        if isinstance(item.get("publicKeyMultibase"), str):
            return multikey(item["publicKeyMultibase"], did)
        if "publicKeyJwk" in item:
            return jwk_key(item["publicKeyJwk"], did)
    raise UnresolvableKey(f"{method} not in its DID document")


def network_resolver(fetch: Fetch) -> Callable[[str], PublicKey]:
    """did:key and did:jwk offline, did:web with `fetch`."""

    def resolve_any(method: str) -> PublicKey:
        if isinstance(method, str) and method.startswith("did:web:"):
            return resolve_did_web(method, fetch)
        return resolve(method)

    return resolve_any
