"""Button codes: typed, packed exactly as `callback(…)` writes them, and read back or refused."""

from __future__ import annotations

import dataclasses
import random

import pytest

from bot.conversation import callbacks
from bot.conversation.callbacks import (
    MAX_BYTES,
    VERSION,
    AddToBundle,
    ApproveDigest,
    AuditPage,
    BundleCard,
    BundleForOccupation,
    CallbackData,
    ChooseLanguage,
    ConfirmForget,
    ConfirmUpload,
    CopyBundle,
    DeleteBundle,
    DiscardDigest,
    DropChoices,
    DropFromBundle,
    EarnCredential,
    ManageAction,
    ManageChat,
    ManageDigestStart,
    ManageDigestStop,
    ManageLanguage,
    ManageList,
    MarkBundleEarned,
    MyBundles,
    OnlineBundle,
    OpenCard,
    OpenMenu,
    ProveAdmin,
    RelaxBundle,
    RemoveCredential,
    ResetBundle,
    ResultsPage,
    SaveBundle,
    SendShare,
    ShareBundle,
    ShareCard,
    ShareWallet,
    ShowBundle,
    StopShare,
    SwapChoices,
    SwapItem,
    SwapPick,
    UploadForNetwork,
    WalletCard,
    WalletRemove,
    WalletRemovePicker,
    unpack,
)


def callback(*parts: object) -> str:
    """How button codes were written before the codec (v1): buttons already sent in chats carry it."""
    data = "v1:" + ":".join(str(part) for part in parts)
    if len(data.encode()) > 64:
        raise ValueError(f"callback data too long: {data!r}")
    return data


CODE = "ABCDEFGH23"  # a bundle share code
KEY = "Xy_9-abc"  # a results key, as `secrets.token_urlsafe(6)` makes them

# One button of every kind, with the parts today's code hands `callback(…)` for it.
BUTTONS: list[tuple[CallbackData, tuple[object, ...]]] = [
    (ResultsPage(KEY, 2), ("p", KEY, 2)),
    (OpenCard(12), ("o", 12)),
    (OpenCard(12, KEY, 0), ("o", 12, KEY, 0)),
    (EarnCredential(12), ("e", 12)),
    (EarnCredential(12, KEY, 3), ("e", 12, KEY, 3)),
    (RemoveCredential(12), ("u", 12)),
    (RemoveCredential(12, KEY, 1), ("u", 12, KEY, 1)),
    (ChooseLanguage("fr"), ("lang", "fr")),
    (ChooseLanguage("en"), ("lang", "en")),
    (OpenMenu("search"), ("menu", "search")),
    (OpenMenu("wallet"), ("menu", "wallet")),
    (OpenMenu("bundle"), ("menu", "bundle")),
    (WalletRemovePicker(), ("wr",)),
    (WalletCard(), ("wc",)),
    (ShareWallet(), ("wsh",)),
    (StopShare("AbCdEfGhIjKlMn-_"), ("wso", "AbCdEfGhIjKlMn-_")),
    (SendShare("AbCdEfGhIjKlMn-_"), ("ssh", "AbCdEfGhIjKlMn-_")),
    (BundleCard(CODE), ("bk", CODE)),
    (WalletRemove("0123456789ab"), ("wx", "0123456789ab")),
    (ConfirmForget(True), ("forget", "yes")),
    (ConfirmForget(False), ("forget", "no")),
    (UploadForNetwork("tok", "-1001"), ("un", "tok", "-1001")),
    (ConfirmUpload("tok", "ab12", True), ("uc", "tok", "ab12", "yes")),
    (BundleForOccupation("data-analyst"), ("bo", "data-analyst")),
    (AddToBundle(57), ("ba", 57)),
    (CopyBundle(CODE), ("bc", CODE)),
    (SaveBundle(CODE), ("bv", CODE)),
    (MarkBundleEarned(CODE), ("be", CODE)),
    (MarkBundleEarned(CODE, True), ("be", CODE, "yes")),
    (MarkBundleEarned(CODE, False), ("be", CODE, "no")),
    (ShowBundle(CODE), ("bb", CODE)),
    (DropChoices(CODE), ("bdp", CODE)),
    (SwapPick(CODE), ("bsp", CODE)),
    (ResetBundle(CODE), ("br", CODE)),
    (RelaxBundle(CODE, "taught_in"), ("brl", CODE, "taught_in")),
    (MyBundles(), ("bl",)),
    (OnlineBundle(CODE), ("bon", CODE)),
    (DeleteBundle(CODE), ("bx", CODE)),
    (DeleteBundle(CODE, True), ("bx", CODE, "yes")),
    (DropFromBundle(CODE, 0), ("bd", CODE, 0)),
    (SwapChoices(CODE, 4), ("bs", CODE, 4)),
    (SwapItem(CODE, 1, 57), ("bw", CODE, 1, 57)),
    (ShareCard(12), ("sh", 12)),
    (ShareBundle(CODE), ("bsh", CODE)),
    (ApproveDigest(12), ("dga", "12")),
    (DiscardDigest(12), ("dgd", "12")),
    (AuditPage("-1001234567890", 0), ("al", "-1001234567890", 0)),
    (AuditPage("-1001234567890", 41), ("al", "-1001234567890", 41)),
    (ProveAdmin("Ab_9-cdEFgh12"), ("pa", "Ab_9-cdEFgh12")),
    (ManageList(0), ("ml", 0)),
    (ManageList(3), ("ml", 3)),
    (ManageChat("-1001234567890"), ("mc", "-1001234567890")),
    (ManageAction("-1001234567890", "catalogue"), ("ma", "-1001234567890", "catalogue")),
    (ManageLanguage("-1001234567890", "fr"), ("mg", "-1001234567890", "fr")),
    (ManageDigestStop("-1001234567890", 0), ("md", "-1001234567890", 0)),
    (ManageDigestStop("-1001234567890", 12), ("md", "-1001234567890", 12)),
    (ManageDigestStart("-1001234567890"), ("mds", "-1001234567890")),
]


def declared() -> set[type[CallbackData]]:
    return {cls for cls in CallbackData.__subclasses__() if cls.__module__ == callbacks.__name__}


def test_every_kind_of_button_is_covered_here() -> None:
    assert {type(button) for button, _parts in BUTTONS} == declared()
    assert len(declared()) == 44


def test_prefixes_are_todays_action_codes() -> None:
    prefixes = {cls.__name__: cls.prefix for cls in declared()}
    assert prefixes == {
        "ResultsPage": "p",
        "OpenCard": "o",
        "EarnCredential": "e",
        "RemoveCredential": "u",
        "ChooseLanguage": "lang",
        "OpenMenu": "menu",
        "ConfirmForget": "forget",
        "UploadForNetwork": "un",
        "ConfirmUpload": "uc",
        "AuditPage": "al",
        "ProveAdmin": "pa",
        "WalletRemovePicker": "wr",
        "WalletRemove": "wx",
        "WalletCard": "wc",
        "BundleCard": "bk",
        "ShareWallet": "wsh",
        "StopShare": "wso",
        "SendShare": "ssh",
        "BundleForOccupation": "bo",
        "AddToBundle": "ba",
        "CopyBundle": "bc",
        "SaveBundle": "bv",
        "MarkBundleEarned": "be",
        "ShowBundle": "bb",
        "DropChoices": "bdp",
        "SwapPick": "bsp",
        "ResetBundle": "br",
        "RelaxBundle": "brl",
        "MyBundles": "bl",
        "OnlineBundle": "bon",
        "DeleteBundle": "bx",
        "DropFromBundle": "bd",
        "SwapChoices": "bs",
        "SwapItem": "bw",
        "ShareCard": "sh",
        "ShareBundle": "bsh",
        "ApproveDigest": "dga",
        "DiscardDigest": "dgd",
        "ManageList": "ml",
        "ManageChat": "mc",
        "ManageAction": "ma",
        "ManageLanguage": "mg",
        "ManageDigestStop": "md",
        "ManageDigestStart": "mds",
    }


@pytest.mark.parametrize(("button", "parts"), BUTTONS, ids=lambda value: repr(value))
def test_packs_as_callback_always_has_and_reads_back(button: CallbackData, parts: tuple[object, ...]) -> None:
    data = button.pack()
    assert data == callback(*parts)
    assert unpack(data) == button
    assert type(unpack(data)) is type(button)


@pytest.mark.parametrize(
    ("button", "wire"),
    [
        (OpenCard(12, "abc", 0), "v1:o:12:abc:0"),
        (ChooseLanguage("fr"), "v1:lang:fr"),
        (ConfirmForget(True), "v1:forget:yes"),
        (ConfirmForget(False), "v1:forget:no"),
        (SwapItem("ABCDEFGH23", 1, 57), "v1:bw:ABCDEFGH23:1:57"),
        (ResultsPage("abc", 0), "v1:p:abc:0"),
        (OpenMenu("wallet"), "v1:menu:wallet"),
    ],
)
def test_exact_wire_strings(button: CallbackData, wire: str) -> None:
    """Buttons already sent in chats must keep working: these strings never change."""
    assert VERSION == "v1"
    assert button.pack() == wire
    assert unpack(wire) == button


def test_optional_trailing_fields_absent_and_present() -> None:
    assert OpenCard(12).pack() == "v1:o:12"
    assert unpack("v1:o:12") == OpenCard(12, None, None)
    assert OpenCard(12, "abc", 3).pack() == "v1:o:12:abc:3"
    assert unpack("v1:o:12:abc:3") == OpenCard(12, "abc", 3)
    # Page 0 is a page, not a missing field.
    assert unpack("v1:e:12:abc:0") == EarnCredential(12, "abc", 0)
    # Trailing fields may stop anywhere among the optional ones.
    assert OpenCard(12, "abc").pack() == "v1:o:12:abc"
    assert unpack("v1:o:12:abc") == OpenCard(12, "abc", None)


def test_the_64_byte_limit_counts_utf8_bytes() -> None:
    prefix = f"{VERSION}:bo:"  # 6 bytes
    fits = BundleForOccupation("é" * 29)  # 6 + 58 = 64 bytes, 35 characters
    assert len(fits.pack().encode()) == MAX_BYTES == 64
    too_long = BundleForOccupation("é" * 29 + "a")  # 65 bytes, only 36 characters
    assert len(prefix + too_long.key) == 36
    with pytest.raises(ValueError, match="64 bytes"):
        too_long.pack()
    with pytest.raises(ValueError):  # today's `callback(…)` draws the line at the same place
        callback("bo", too_long.key)
    assert SwapItem("A" * 53, 1, 57).pack() == callback("bw", "A" * 53, 1, 57)  # 64 bytes
    with pytest.raises(ValueError, match="64 bytes"):
        SwapItem("A" * 54, 1, 57).pack()


SEPARATOR_OR_EMPTY = "empty field or ':'"
NONE_IN_THE_MIDDLE = "only trailing fields may be None"
WRONG_VALUE = "wrong type or value"


@pytest.mark.parametrize(
    ("button", "reason"),
    [
        (CopyBundle("AB:CD"), SEPARATOR_OR_EMPTY),
        (OpenCard(12, "a:b", 0), SEPARATOR_OR_EMPTY),
        (BundleForOccupation(":"), SEPARATOR_OR_EMPTY),
        (CopyBundle(""), SEPARATOR_OR_EMPTY),
        (ResultsPage("", 0), SEPARATOR_OR_EMPTY),
        (OpenCard(12, None, 3), NONE_IN_THE_MIDDLE),
        (EarnCredential(12, None, 0), NONE_IN_THE_MIDDLE),
        (ResultsPage(None, 0), NONE_IN_THE_MIDDLE),  # type: ignore[arg-type]
        (ResultsPage(KEY, None), WRONG_VALUE),  # type: ignore[arg-type]  # a required field left out
        (ChooseLanguage("de"), WRONG_VALUE),  # outside the allowed values
        (OpenMenu("settings"), WRONG_VALUE),
        (AddToBundle(-1), WRONG_VALUE),  # would not read back: ints are digits
        (AddToBundle("12"), WRONG_VALUE),  # type: ignore[arg-type]
        (ConfirmForget(1), WRONG_VALUE),  # type: ignore[arg-type]
        (SwapItem(CODE, 1, 5.7), WRONG_VALUE),  # type: ignore[arg-type]
    ],
    ids=repr,
)
def test_pack_refuses(button: CallbackData, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        button.pack()


@pytest.mark.parametrize(
    "data",
    [
        "",
        "v1",
        "v1:",
        "v2:o:12",  # unknown version
        "V1:o:12",
        "o:12",
        ":v1:o:12",
        "v1:zz:12",  # unknown prefix
        "v1:O:12",
        "v1:bw#:ABCDEFGH23:1:2",  # the typed-command pseudo-action is no button
        "v1:o",  # too few fields
        "v1:p:abc",
        "v1:bw:ABCDEFGH23:1",
        "v1:o:12:abc:0:9",  # too many fields
        "v1:lang:fr:en",
        "v1:forget:",
        "v1:o:abc",  # not an int
        "v1:o:-1",
        "v1:o:+1",
        "v1:o: 12",
        "v1:o:1.5",
        "v1:o:١٢",  # digits, but not ASCII ones
        "v1:o:²",
        "v1:p:abc:x",
        "v1:bd:ABCDEFGH23:one",
        "v1:forget:true",  # not a bool
        "v1:forget:YES",
        "v1:forget:1",
        "v1:lang:de",  # outside the allowed values
        "v1:lang:FR",
        "v1:menu:settings",
        "v1:ma:-1001:delete",  # a /manage action that does not exist
        "v1:mg:-1001:de",
        "v1:bc:",  # an empty field
        "v1:p::0",
        "v1:o:12::0",
        "v1:o:12:abc:",
    ],
)
def test_unpack_returns_none_for_malformed_data(data: str) -> None:
    assert unpack(data) is None


def test_unpack_never_raises() -> None:
    rng = random.Random(20240901)
    alphabet = ["v1", ":", "o", "bw", "lang", "forget", "yes", "fr", "12", "-", "é", "", "#", " "]
    for _ in range(2000):
        data = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        result = unpack(data)
        assert result is None or unpack(result.pack()) == result


def test_buttons_are_frozen_hashable_and_matchable() -> None:
    button = SwapItem(CODE, 1, 57)
    with pytest.raises(dataclasses.FrozenInstanceError):
        button.index = 2  # type: ignore[misc]
    assert dataclasses.is_dataclass(button)
    assert len({button, SwapItem(CODE, 1, 57)}) == 1
    assert OpenCard(12) != EarnCredential(12)
    match unpack("v1:o:12:abc:0"):
        case OpenCard(credential_id, results, page):
            assert (credential_id, results, page) == (12, "abc", 0)
        case _:
            pytest.fail("v1:o:12:abc:0 is an OpenCard")


def test_a_new_button_is_one_class_with_a_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(callbacks, "_REGISTRY", dict(callbacks._REGISTRY))

    class RateCard(CallbackData, prefix="zz"):
        credential_id: int
        liked: bool
        comment: str | None = None

    assert RateCard(3, False).pack() == "v1:zz:3:no"
    assert unpack("v1:zz:3:yes:wow") == RateCard(3, True, "wow")
    assert unpack("v1:zz:3:maybe") is None


@pytest.mark.parametrize("prefix", ["o", "", "a:b"])
def test_a_prefix_is_unique_and_has_no_separator(monkeypatch: pytest.MonkeyPatch, prefix: str) -> None:
    monkeypatch.setattr(callbacks, "_REGISTRY", dict(callbacks._REGISTRY))
    with pytest.raises(TypeError, match="prefix"):

        class Clash(CallbackData, prefix=prefix):
            credential_id: int


def test_fields_are_str_int_or_bool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(callbacks, "_REGISTRY", dict(callbacks._REGISTRY))
    with pytest.raises(TypeError, match="str, an int or a bool"):

        class Price(CallbackData, prefix="zp"):
            amount: float

    assert "zp" not in callbacks._REGISTRY
