"""The weekly demand gap goes to a chat's managers once per week; a digest item's deep link opens
the card and is counted; the CSV never lets a query run as a spreadsheet formula."""

from __future__ import annotations

from collections.abc import Callable

from bot.app import build_services
from bot.config import Settings
from bot.conversation import stats_flow
from bot.conversation.context import Services, Who
from bot.conversation.reply import Reply
from bot.conversation.router import Conversation
from bot.i18n import use_locale
from bot.store import models
from bot.store.db import Database
from tests.conversation.test_core import add_credential

GROUP = -1009


def _services(db: Database) -> Services:
    with db.session() as session:
        add_credential(session, "ce-1", "Welding Fundamentals", "Soudage : les bases")
    services = build_services(Settings(database_url=str(db.engine.url), stats_key="k"), db)
    services.bot_username = "credbot_test_bot"
    return services


def _searched(services: Services, query: str, learners: int) -> None:
    assert services.stats is not None
    for number in range(learners):
        services.stats.record_search(f"telegram:{number}", GROUP, query, "en", found=False)


def test_the_demand_gap_is_sent_once_a_week_with_the_nearest_credentials(db: Database) -> None:
    services = _services(db)
    _searched(services, "underwater welding course", 5)
    _searched(services, "basket weaving", 4)
    told: list[tuple[int, str, str]] = []

    def tell_managers(services: Services, chat_id: int, key: str, make_reply: Callable[[], Reply]) -> None:
        with use_locale("en"):
            told.append((chat_id, key, make_reply().plain_text()))

    assert stats_flow.send_demand_gaps(services, tell_managers) == 1
    assert stats_flow.send_demand_gaps(services, tell_managers) == 0  # a restart, the same week
    ((chat_id, key, text),) = told
    assert chat_id == GROUP and key.startswith(f"stats-gap:{GROUP}:")
    assert "“underwater welding course” — 5 searches, 5 people" in text
    assert "Nearest: Welding Fundamentals" in text
    assert "basket" not in text


def test_a_digest_link_opens_the_card_and_counts(db: Database) -> None:
    services = _services(db)
    with db.session() as session:
        credential_id = session.query(models.Credential.id).scalar()
    link = stats_flow.digest_link(services, GROUP, credential_id)
    assert link is not None and link.endswith(f"?start=d_{GROUP}_{credential_id}")
    who = Who(ref="telegram:5", telegram_user_id=5, language_code="en")
    (card,) = Conversation(services).start(who, link.split("start=")[1])
    assert "Welding Fundamentals" in card.plain_text()
    assert services.stats is not None
    report = services.stats.report(GROUP)
    assert [(opened.credential_id, opened.opens) for opened in report.opens] == [(credential_id, 1)]


def test_a_query_never_runs_as_a_formula_in_the_csv(db: Database) -> None:
    services = _services(db)
    _searched(services, "=1+2 paie", 5)
    with use_locale("en"):
        reply = stats_flow.csv_reply(services, GROUP)
    assert reply.document is not None
    content = reply.document.content.decode("utf-8-sig")
    assert "'=1+2 paie" in content
    assert ",=1+2" not in content


def test_the_privacy_text_says_what_the_statistics_keep() -> None:
    from bot.conversation.account_flow import privacy

    with use_locale("fr"):
        text = privacy().plain_text()
    assert "comptées pour ses administrateurs" in text and "13\u00a0mois" in text


def test_in_private_stats_show_the_chat_the_caller_manages_if_still_its_administrator(db: Database) -> None:
    from bot.community.rights import MemberRights, Rights

    services = _services(db)
    admins = {7}
    services.rights = Rights(lambda chat, user: MemberRights("administrator" if user in admins else "member"))
    with db.unit_of_work() as uow:
        uow.chats.add_manager(GROUP, 7, kind="supergroup", title="REFAD")
    _searched(services, "soudure", 5)
    conversation = Conversation(services)
    manager = Who(ref="telegram:7", telegram_user_id=7, language_code="en")
    (report,) = conversation.command(manager, "stats")
    assert "“soudure” — 5 searches, 5 people" in report.plain_text()
    (named,) = conversation.command(Who(ref="telegram:8", telegram_user_id=8), "stats", str(GROUP))
    assert named.plain_text() == "Only this chat's administrators can do this."
    (unknown,) = conversation.command(Who(ref="telegram:8", telegram_user_id=8), "stats")
    assert "Send /stats in the group" in unknown.plain_text()


def test_forget_deletes_what_was_counted_under_the_learner(db: Database) -> None:
    from bot.conversation.account_flow import forget

    services = _services(db)
    assert services.stats is not None
    _searched(services, "soudure sous-marine", 5)
    with db.session() as session:
        credential_id = session.query(models.Credential.id).scalar()
    services.stats.opened_digest_item("telegram:0", GROUP, credential_id)
    services.stats.record_search("telegram:1", GROUP, "plongée", "fr", found=True)
    assert [query.query for query in services.stats.report(GROUP).missed] == ["soudure sous-marine"]
    learner = services.stats.learner_hash("telegram:0")

    with use_locale("en"):
        forget(services, Who(ref="telegram:0", telegram_user_id=0), confirmed=True)

    with db.session() as session:
        for table in (models.StatSearch, models.StatDigestOpen, models.StatOrigin):
            assert session.query(table).filter(table.learner == learner).count() == 0
        assert session.query(models.StatSearch).count() == 5  # the other learners' searches stay
    report = services.stats.report(GROUP)
    assert report.missed == [] and report.opens == []  # 4 people now: under the threshold


def test_the_clock_sends_the_demand_gap_each_monday_at_9_once_per_manager(db: Database) -> None:
    import datetime as dt

    from bot.community.statistics import Statistics

    monday_9 = dt.datetime(2026, 12, 7, 14, tzinfo=dt.UTC)  # 9:00 in Toronto
    services = _services(db)
    services.stats = Statistics(db, key="k", clock=lambda: monday_9 - dt.timedelta(days=3))
    _searched(services, "underwater welding course", 5)
    with db.unit_of_work() as uow:
        uow.chats.add_manager(GROUP, 7, kind="supergroup", title="REFAD")
        uow.chats.add_manager(GROUP, 8, kind="supergroup", title="REFAD")

    def queued(week: str) -> list[str]:
        return [
            key
            for user in (7, 8)
            for key in [f"stats-gap:{GROUP}:2026-{week}:to:{user}"]
            if services.outbox.find(key) is not None
        ]

    Conversation(services).tick(monday_9 - dt.timedelta(minutes=1))
    assert queued("W50") == []
    Conversation(services).tick(monday_9)
    assert queued("W50") == [f"stats-gap:{GROUP}:2026-W50:to:7", f"stats-gap:{GROUP}:2026-W50:to:8"]
    item = services.outbox.find(f"stats-gap:{GROUP}:2026-W50:to:7")
    assert item is not None and item.chat_id == 7
    assert "underwater welding course" in str(item.payload)
    # A restart (new services on the same store) and later ticks that week add nothing.
    again = build_services(Settings(database_url=str(db.engine.url), stats_key="k"), db)
    for hours in (1, 30, 100):
        Conversation(again).tick(monday_9 + dt.timedelta(hours=hours))
    with db.session() as session:
        assert session.query(models.OutboxMessage).filter(
            models.OutboxMessage.key.like("stats-gap:%")
        ).count() == 2
    Conversation(again).tick(monday_9 + dt.timedelta(weeks=1))
    assert queued("W51") == [f"stats-gap:{GROUP}:2026-W51:to:7", f"stats-gap:{GROUP}:2026-W51:to:8"]
