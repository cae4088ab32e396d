"""Button codes: one frozen dataclass per kind of button, packed into Telegram's callback data.

On the wire a code is `v1:<prefix>:<field>:<field>…`, as `callback(…)` has always written it: ints
as digits, bools as `yes`/`no`, optional fields trailing and left out when None.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping
from typing import Any, ClassVar, dataclass_transform, get_args, get_type_hints

from bot.conversation.numbers import MAX_ID
from bot.i18n import SUPPORTED

VERSION = "v1"
SEPARATOR = ":"
MAX_BYTES = 64  # Telegram's limit on callback data, in UTF-8 bytes
_BOOLS = {"yes": True, "no": False}
_REGISTRY: dict[str, type[CallbackData]] = {}
Allowed = Mapping[str, Collection[str]]  # allowed values of some str fields, by name


@dataclass_transform(frozen_default=True)
class CallbackData:
    """A button's code. `class OpenCard(CallbackData, prefix="o"): credential_id: int` is all a new
    button takes: each subclass is made a frozen dataclass of str, int and bool fields."""

    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]
    prefix: ClassVar[str]
    allowed: ClassVar[Allowed] = {}
    # (name, type, optional) of each field, read from the annotations: `int | None = None` → int, optional.
    wire_fields: ClassVar[tuple[tuple[str, type, bool], ...]]

    def __init_subclass__(cls, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not prefix or SEPARATOR in prefix or prefix in _REGISTRY:
            raise TypeError(f"empty, invalid or duplicate callback prefix {prefix!r}")
        dataclasses.dataclass(frozen=True)(cls)
        hints, fields = get_type_hints(cls), []
        for field in dataclasses.fields(cls):
            hint = hints[field.name]
            kinds = [kind for kind in get_args(hint) or [hint] if kind is not type(None)]
            if len(kinds) != 1 or kinds[0] not in (str, int, bool):
                raise TypeError(f"{cls.__name__}.{field.name}: a button field is a str, an int or a bool")
            fields.append((field.name, kinds[0], field.default is None))
        cls.prefix, cls.wire_fields = prefix, tuple(fields)
        _REGISTRY[prefix] = cls

    def pack(self) -> str:
        """`v1:o:12:abc:0`; ValueError for anything that would not read back as this very button."""
        values = [getattr(self, name) for name, _kind, _optional in self.wire_fields]
        while values and values[-1] is None:
            values.pop()
        if any(value is None for value in values):
            raise ValueError(f"only trailing fields may be None: {self!r}")
        parts = [("yes" if value else "no") if isinstance(value, bool) else str(value) for value in values]
        if any(not part or SEPARATOR in part for part in parts):
            raise ValueError(f"empty field or {SEPARATOR!r} in a field: {self!r}")
        data = SEPARATOR.join([VERSION, self.prefix, *parts])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        if unpack(data) != self:
            raise ValueError(f"wrong type or value in a field: {self!r}")
        return data


def unpack(data: str) -> CallbackData | None:
    """The button a code stands for; None, never an exception, for anything that is not one."""
    version, _sep, rest = data.partition(SEPARATOR)
    prefix, *parts = rest.split(SEPARATOR)
    cls = _REGISTRY.get(prefix)
    if version != VERSION or cls is None:
        return None
    fields = cls.wire_fields
    if not sum(not optional for _name, _kind, optional in fields) <= len(parts) <= len(fields):
        return None
    values: dict[str, object] = {}
    for (name, kind, _optional), text in zip(fields, parts, strict=False):
        value = _read(kind, text)
        if value is None or (name in cls.allowed and value not in cls.allowed[name]):
            return None
        values[name] = value
    build: Callable[..., CallbackData] = cls
    return build(**values)


def _read(kind: type, text: str) -> object:
    """The field's value, or None if the text is not one."""
    if kind is bool:
        return _BOOLS.get(text)
    if kind is int:
        if not (text.isascii() and text.isdigit()) or len(text) > 10 or int(text) > MAX_ID:
            return None
        return int(text)
    return text or None


# Search results and credential cards. `results` is the key of remembered search results.
class ResultsPage(CallbackData, prefix="p"):
    results: str
    page: int  # from 0


class OpenCard(CallbackData, prefix="o"):
    credential_id: int
    results: str | None = None  # the results page to go back to
    page: int | None = None


class EarnCredential(CallbackData, prefix="e"):
    credential_id: int
    results: str | None = None
    page: int | None = None


class RemoveCredential(CallbackData, prefix="u"):
    credential_id: int
    results: str | None = None
    page: int | None = None


# Settings and the main menu.
class ChooseLanguage(CallbackData, prefix="lang"):
    allowed: ClassVar[Allowed] = {"code": SUPPORTED}
    code: str


class OpenMenu(CallbackData, prefix="menu"):
    allowed: ClassVar[Allowed] = {"target": ("search", "wallet", "bundle")}
    target: str


class WalletRemovePicker(CallbackData, prefix="wr"):
    pass


class WalletRemove(CallbackData, prefix="wx"):
    key: str  # `wallet_flow.entry_key`: a short hash of the entry's external id


class WalletCard(CallbackData, prefix="wc"):
    """The wallet's image card (bot.conversation.cover)."""


class ShareWallet(CallbackData, prefix="wsh"):
    """A read-only link to the wallet (bot.conversation.share_flow)."""


class StopShare(CallbackData, prefix="wso"):
    code: str  # the share link's code


class ConfirmForget(CallbackData, prefix="forget"):
    confirmed: bool


# Bundles. `code` is a bundle's share code; `index` an item's position in it, from 0.
class BundleForOccupation(CallbackData, prefix="bo"):
    key: str


class AddToBundle(CallbackData, prefix="ba"):
    credential_id: int


class CopyBundle(CallbackData, prefix="bc"):
    code: str


class SaveBundle(CallbackData, prefix="bv"):
    code: str


class MarkBundleEarned(CallbackData, prefix="be"):
    code: str
    confirmed: bool | None = None  # None: ask first


class ShowBundle(CallbackData, prefix="bb"):
    """The bundle again, in place: a picker's Cancel, a saved bundle opened from the list."""

    code: str


class DropChoices(CallbackData, prefix="bdp"):
    code: str


class SwapPick(CallbackData, prefix="bsp"):
    code: str


class ResetBundle(CallbackData, prefix="br"):
    code: str


class RelaxBundle(CallbackData, prefix="brl"):
    allowed: ClassVar[Allowed] = {"limit": ("taught_in", "online", "max_hours", "max_cost")}
    code: str
    limit: str


class OnlineBundle(CallbackData, prefix="bon"):
    """The bundle planned again with online credentials only."""

    code: str


class BundleCard(CallbackData, prefix="bk"):
    """A bundle's image card (bot.conversation.cover)."""

    code: str


class MyBundles(CallbackData, prefix="bl"):
    pass


class DeleteBundle(CallbackData, prefix="bx"):
    code: str
    confirmed: bool | None = None  # None: ask first


class DropFromBundle(CallbackData, prefix="bd"):
    code: str
    index: int


class SwapChoices(CallbackData, prefix="bs"):
    code: str
    index: int


class SwapItem(CallbackData, prefix="bw"):
    code: str
    index: int
    credential_id: int  # the replacement


# Url buttons: Telegram opens the link and sends no callback; the code names the button elsewhere.
class ShareCard(CallbackData, prefix="sh"):
    credential_id: int


class ShareBundle(CallbackData, prefix="bsh"):
    code: str


class SendShare(CallbackData, prefix="ssh"):
    code: str  # a share link's code


# Digests: a draft's preview, sent to the subscribing administrator.
class ApproveDigest(CallbackData, prefix="dga"):
    run_id: int


class DiscardDigest(CallbackData, prefix="dgd"):
    run_id: int


# A network's catalogue upload: `token` is the held file's, `sha` the start of its hash.
# `chat` is the network chat's id as text: Telegram group ids are negative, ints here are digits.
class UploadForNetwork(CallbackData, prefix="un"):
    token: str
    chat: str


class ConfirmUpload(CallbackData, prefix="uc"):
    token: str
    sha: str
    confirmed: bool


# The audit log: a page of a chat's changes older than entry `before` (0: the newest).
class AuditPage(CallbackData, prefix="al"):
    chat: str
    before: int


# An anonymous administrator's request: whoever presses proves they hold the right, live.
class ProveAdmin(CallbackData, prefix="pa"):
    token: str


# `/manage`: the chats the presser administers (a page of them, checked live again), one chat's
# card, an action on it, and the chat's language chosen there. `chat` as in UploadForNetwork.
MANAGE_ACTIONS = ("language", "digest", "stats", "audit", "catalogue", "source")


class ManageList(CallbackData, prefix="ml"):
    page: int  # from 0


class ManageChat(CallbackData, prefix="mc"):
    chat: str


class ManageAction(CallbackData, prefix="ma"):
    allowed: ClassVar[Allowed] = {"action": MANAGE_ACTIONS}
    chat: str
    action: str


class ManageDigestStop(CallbackData, prefix="md"):
    """Stop one digest of a managed chat: `thread` is its forum topic, 0 for General or a chat
    without topics."""

    chat: str
    thread: int


class ManageDigestStart(CallbackData, prefix="mds"):
    """Start the daily digest of every new credential in a managed chat's General topic."""

    chat: str


class ManageLanguage(CallbackData, prefix="mg"):
    allowed: ClassVar[Allowed] = {"code": SUPPORTED}
    chat: str
    code: str
