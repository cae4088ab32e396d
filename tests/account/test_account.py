"""A learner's account: language choices, a group's language, export and forget, over the store."""

from __future__ import annotations

from bot.account.service import Account
from bot.account.state import ConversationState
from bot.store.db import Database
from bot.wallet.service import Wallet
from bot.wallet.sharing import Shares
from tests._bundle_support import populate


def test_languages_are_remembered_per_learner_and_per_group(db: Database) -> None:
    account = Account(db)
    assert account.locales("telegram:1", chat_id=-100) == (None, None)
    account.set_language("telegram:1", "fr")
    account.set_chat_language(-100, "en", title="Réseau")
    assert account.locales("telegram:1", chat_id=-100) == ("fr", "en")
    assert account.locales("telegram:2", chat_id=-100) == (None, "en")
    # A group that became a supergroup keeps its language under its new id.
    account.chat_migrated(-100, -1001)
    assert account.locales("telegram:1", chat_id=-1001) == ("fr", "en")
    assert account.locales("telegram:1", chat_id=-100) == ("fr", None)


def test_export_then_forget_leaves_nothing_and_touches_no_one_else(db: Database) -> None:
    populate(db)
    account, wallet = Account(db), Wallet(db)
    for ref in ("telegram:1", "telegram:2"):
        wallet.earn(ref, "cred:viz")
    account.set_language("telegram:1", "fr")
    state = ConversationState(db)
    key = state.remember_search("telegram:1", "tenue de livres")
    state.set_last_query("telegram:1", "tenue de livres")
    other = state.remember_search("telegram:2", "welding")
    shares = Shares(db)
    shared = shares.share("telegram:1")
    kept = shares.share("telegram:2")
    exported = account.export("telegram:1")
    assert [link["payload"] for link in exported["share_links"]] == [shared.payload]
    assert exported["settings"] == {"locale": "fr", "emails": []}
    assert [search["query"] for search in exported["conversation"]["searches"]] == ["tenue de livres"]
    assert exported["conversation"]["last_search"] == "tenue de livres"
    assert [badge["credbot"]["external_id"] for badge in exported["wallet"]] == ["cred:viz"]
    assert account.forget("telegram:1")
    assert not account.forget("telegram:1")
    assert account.export("telegram:1") == {
        "learner": {"ref": "telegram:1"},
        "settings": {},
        "wallet": [],
        "bundles": [],
        "share_links": [],
        "conversation": {"searches": [], "last_search": None},
    }
    assert state.recall_search("telegram:1", key) is None
    assert state.recall_search("telegram:2", other) == "welding"
    assert wallet.holds("telegram:2", "cred:viz")
    assert shares.open(shared.code).state == "unknown" and shares.open(kept.code).state == "active"


def test_export_holds_the_telegram_user_id_and_every_bundle_asked_for(db: Database) -> None:
    """What the privacy text says is kept is what /export gives: the learner's real Telegram id
    (not null), and bundles asked for but never saved, with their goal as typed."""
    from bot.bundles.service import Bundles

    populate(db)
    Wallet(db).earn("telegram:42", "cred:viz")
    _plan, code = Bundles(db).plan("telegram:42", goal="python and SQL please")
    assert code is not None
    exported = Account(db).export("telegram:42")
    assert exported["learner"]["telegram_user_id"] == 42
    [bundle] = exported["bundles"]
    assert bundle["goal"] == "python and SQL please" and bundle["saved"] is False
    # A console learner has no Telegram id.
    Wallet(db).earn("console:ana", "cred:viz")
    assert Account(db).export("console:ana")["learner"]["telegram_user_id"] is None


def test_a_learner_stored_without_a_telegram_id_gets_it_back(db: Database) -> None:
    from bot.store import models

    with db.session() as session:
        session.add(models.Learner(ref="telegram:7", locale="fr"))
    assert Account(db).export("telegram:7")["learner"]["telegram_user_id"] == 7
    Account(db).set_language("telegram:7", "en")
    with db.session() as session:
        assert session.query(models.Learner).filter_by(ref="telegram:7").one().telegram_user_id == 7
