"""The bot's own membership (my_chat_member) and a group's upgrade to a supergroup, through the
real Application and the local Bot API test server, in English and in French:

- added to a group, it greets the group in the group's language (General, no thread id) with
  what it can do there; added to a channel, the greeting goes to the adder in private;
- removed from a channel that has a digest: nothing is deleted, the digest pauses, the managers
  are told once in private; a run while removed posts nothing and loses nothing; re-added as an
  administrator with "Post messages", what waited goes out once, the digest resumes by itself and
  the managers are told;
- an administrator without "Post messages" pauses it the same way; promoted back, it resumes;
- removed from a group (kicked): its language and digest are kept, the adder is told once in their
  language; added back by another administrator, the group is greeted in its own language (not
  the re-adder's), what waited goes out once, each manager is told in their language;
- a basic group with a language, a digest, a network catalogue, statistics and audit rows,
  upgraded to a supergroup (the migrate_to_chat_id / migrate_from_chat_id service messages),
  keeps them all under the new id and answers in its language."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from bot.domain.digest import Subscription
from bot.frontends.telegram.app import OUTBOX_SENDER_KEY
from bot.frontends.telegram.outbox_sender import OutboxSender
from tests._documents import ctdl_graph
from tests.e2e.botapi_server import BOT_USERNAME, BotApiServer, Chat, User
from tests.e2e.harness import RunningBot, bot_on_copy, button_data, cyber_credentials, fixture_store

pytestmark = pytest.mark.asyncio

NBSP = "\u00a0"


@pytest.fixture(scope="session")
def membership_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    extra = cyber_credentials("member", 4, "Cybersecurity basics", "Cybersécurité de base")
    return fixture_store(tmp_path_factory, "membership", extra)


class Clock:
    """The time the digest job and the outbox sender read: moved by the test."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class Bot:
    running: RunningBot
    sender: OutboxSender
    clock: Clock

    @property
    def server(self) -> BotApiServer:
        return self.running.server


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, membership_catalogue: Path, tmp_path: Path) -> AsyncIterator[Bot]:
    async with bot_on_copy(botapi, membership_catalogue, tmp_path) as running:
        clock = Clock()
        running.conversation.services.outbox.clock = clock
        yield Bot(running, running.app.bot_data[OUTBOX_SENDER_KEY], clock)


@dataclass(frozen=True)
class Words:
    """What a user of each language types and reads."""

    language: str
    digest: str  # the /digest command and its words before the topics
    posted_head: str
    added: str
    example: str
    removed: str
    removed_fix: str
    cannot_post: str
    cannot_post_fix: str
    back: str
    audit: str
    paused_label: str
    resumed_label: str


ENGLISH = Words(
    language="en",
    digest="/digest {id} daily 9h en",
    posted_head="New credentials",
    added="Thanks for adding me to the channel “{chat}”.",
    example="send me /digest {id} daily 9h en cyber here.",
    removed="I was removed from “{chat}”.",
    removed_fix="To fix it: add me back to the channel as an administrator with the right “Post messages”",
    cannot_post="I can no longer post in “{chat}”.",
    cannot_post_fix="To fix it: in the channel's administrators, give me the right “Post messages” again.",
    back="I can post in “{chat}” again: its digests resume, and what was waiting is being posted now.",
    audit="/audit {id}",
    paused_label="Digest paused: I could not post in the chat",
    resumed_label="Digest resumed: I may post in the chat again",
)
FRENCH = Words(
    language="fr-CA",
    digest="/bulletin {id} quotidien 9h fr",
    posted_head="Nouveaux titres de compétences",
    added=f"Merci de m’avoir ajouté au canal «{NBSP}{{chat}}{NBSP}».",
    example="envoyez-moi /bulletin {id} quotidien 9h fr cyber ici.",
    removed=f"On m’a retiré de «{NBSP}{{chat}}{NBSP}».",
    removed_fix=f"Pour corriger la situation{NBSP}: ajoutez-moi de nouveau au canal comme administrateur",
    cannot_post=f"Je ne peux plus publier dans «{NBSP}{{chat}}{NBSP}».",
    cannot_post_fix=f"Pour corriger la situation{NBSP}: dans les administrateurs du canal, redonnez-moi",
    back=f"Je peux de nouveau publier dans «{NBSP}{{chat}}{NBSP}»{NBSP}: ses bulletins reprennent",
    audit="/journal {id}",
    paused_label=f"Bulletin en pause{NBSP}: je ne pouvais pas publier dans la discussion",
    resumed_label=f"Bulletin repris{NBSP}: je peux de nouveau publier dans la discussion",
)
LANGUAGES = pytest.mark.parametrize("words", [ENGLISH, FRENCH], ids=["en", "fr"])


# --------------------------------------------------------------------------- helpers


async def bare_channel(server: BotApiServer, title: str, admin: User) -> Chat:
    """A channel `admin` administers, the bot not in it yet."""
    channel = await server.channel(title)
    channel.members.discard(server.bot_user.id)
    channel.admins.discard(server.bot_user.id)
    await server.set_admin(channel, admin)
    return channel


def add_cyber(bot: Bot, tag: str, count: int) -> None:
    with bot.running.database.session() as session:
        session.add_all(cyber_credentials(tag, count, "Cyber defence", "Cyberdéfense"))


def subscriptions(bot: Bot, chat: Chat) -> list[Subscription]:
    digests = bot.running.conversation.services.digests
    assert digests is not None
    return digests.for_chat(chat.id)


async def drain(bot: Bot, seconds: int = 10) -> None:
    """The outbox sender, a second of the test's time at a time."""
    for _second in range(seconds):
        bot.clock.now += dt.timedelta(seconds=1)
        await bot.sender.drain()
    await bot.server.wait_idle()


async def run_digest(bot: Bot, chat: Chat) -> None:
    """The clock reaches the chat's next digest run (the job, then the sender)."""
    [subscription] = subscriptions(bot, chat)
    bot.clock.now = subscription.schedule.next(bot.clock.now)
    await bot.sender.tick()
    await drain(bot)


def texts(bot: Bot, chat: Chat | User, since: int = 0) -> list[str]:
    return [message.plain for message in bot.server.bot_messages(chat)[since:]]


async def channel_with_digest(bot: Bot, words: Words, admin: User, title: str) -> tuple[Chat, int]:
    """`admin` adds the bot to their channel as an administrator (the greeting comes to them in
    private), then subscribes it in private to an auto-approved daily digest on cyber; the
    channel and how many messages `admin` had from the bot by then."""
    server = bot.server
    channel = await bare_channel(server, title, admin)
    await server.add_bot(channel, admin, admin=True)
    await server.wait_idle()
    (greeting,) = texts(bot, admin)
    assert greeting.startswith(words.added.format(chat=title)), greeting
    assert words.example.format(id=channel.id) in greeting, greeting
    assert texts(bot, channel) == []  # nothing posted in the channel itself
    (subscribed,) = await bot.running.say(admin, words.digest.format(id=channel.id) + " cyber auto")
    assert "cyber" in subscribed.plain and subscribed.plain.count("\n") == 1, subscribed.plain
    return channel, len(server.bot_messages(admin))


def titles(posted: str, language: str, count: int) -> None:
    """A digest message lists exactly the credentials numbered 1 to `count` (each once)."""
    title = "Cyber defence" if language == "en" else "Cyberdéfense"
    listed = [line for line in posted.split("\n") if line.startswith(f"{title} ")]
    assert listed == [f"{title} {number}" for number in range(1, count + 1)], posted


async def audit_labels(bot: Bot, words: Words, admin: User, chat: Chat) -> list[str]:
    (log,) = await bot.running.say(admin, words.audit.format(id=chat.id))
    return [block.split("\n")[1] for block in log.plain.split("\n\n")[1:]]


# --------------------------------------------------------------------------- added to a group


@pytest.mark.parametrize(
    ("language", "title", "hello", "lines"),
    [
        (
            "en",
            "Learners network",
            "Hello! Thanks for adding me to “Learners network”.",
            ["/search", f"@{BOT_USERNAME} cybersecurity", "/language en or fr", "/digest", "/stats", "/audit"],
        ),
        (
            "fr-CA",
            "Réseau des apprenants",
            f"Bonjour! Merci de m’avoir ajouté à «{NBSP}Réseau des apprenants{NBSP}».",
            ["/chercher", f"@{BOT_USERNAME} cybersécurité", "/langue fr ou en", "/bulletin", "/statistiques", "/journal"],
        ),
    ],
)
async def test_added_to_a_group_it_greets_the_group_in_its_language_in_general(
    bot: Bot, language: str, title: str, hello: str, lines: list[str]
) -> None:
    server = bot.server
    adder = await server.user(4001, "Claire", language)
    member = await server.user(4002, "Sam", "en-GB" if language != "en" else "fr")
    forum = await server.group(title, members=[member], forum=True, creator=adder, with_bot=False)
    await server.set_admin(forum, adder)
    await server.add_bot(forum, adder)
    await server.wait_idle()

    (greeting,) = server.bot_messages(forum)
    assert greeting.thread_id is None and greeting.plain.startswith(hello), greeting.plain
    for part in lines:  # what members and administrators can do there
        assert part in greeting.plain, (part, greeting.plain)
    assert len(greeting.plain.split("\n")) <= 5
    [(label, url)] = [button for row in greeting.buttons for button in row]
    assert ("Continue in private" if language == "en" else "Continuer en privé") in label
    assert url is not None and url.startswith(f"https://t.me/{BOT_USERNAME}")
    [call] = [c for c in server.calls_to("sendMessage") if c.params["chat_id"] == forum.id]
    assert "message_thread_id" not in call.params
    assert server.bot_messages(adder) == []  # nothing in private for a group

    # the same membership again (redelivered, or made admin without change to posting) says nothing
    await server.add_bot(forum, adder)
    await server.wait_idle()
    assert len(server.bot_messages(forum)) == 1
    # and the group's language is the adder's: a member who speaks the other one is answered in it
    (helped,) = await bot.running.say(member, "/help", forum)
    assert ("credbot in this group" if language == "en" else "credbot dans ce groupe") in helped.plain


# --------------------------------------------------------------------------- removed, re-added


@LANGUAGES
async def test_removed_from_a_channel_its_digest_pauses_loses_nothing_and_resumes_when_re_added(
    bot: Bot, words: Words
) -> None:
    server = bot.server
    admin = await server.user(4101, "Édith", words.language)
    title = "Cyber news" if words.language == "en" else "Nouvelles cyber"
    channel, seen = await channel_with_digest(bot, words, admin, title)

    # the first run is queued for the channel; the bot is removed before it goes out
    add_cyber(bot, "before", 3)
    [subscription] = subscriptions(bot, channel)
    bot.clock.now = subscription.schedule.next(bot.clock.now)
    await asyncio.to_thread(bot.running.conversation.tick, bot.clock.now)
    await server.remove_bot(channel, admin)
    await server.remove_bot(channel, admin)  # the same again: nothing more to say
    await server.wait_idle()
    await drain(bot)
    assert texts(bot, channel) == []
    (removed,) = texts(bot, admin, seen)  # told once, in private, in their language
    assert removed.startswith(words.removed.format(chat=title)) and words.removed_fix in removed, removed

    # nothing deleted: the subscription stays; a run while removed posts nothing, loses nothing
    add_cyber(bot, "while", 2)
    await run_digest(bot, channel)
    assert texts(bot, channel) == []
    assert [s.id for s in subscriptions(bot, channel)] == [subscription.id]
    outbox = bot.running.conversation.services.outbox
    assert len(outbox.in_state(channel.id, "paused")) == 1  # the first run's message waits
    assert texts(bot, admin, seen) == [removed], "the managers are told once"

    # re-added as an administrator with "Post messages": what waited goes out once, they are told
    await server.add_bot(channel, admin, admin=True)
    await server.wait_idle()
    await drain(bot)
    (first,) = texts(bot, channel)
    assert first.startswith(words.posted_head)
    told = texts(bot, admin, seen + 1)
    assert [text for text in told if text.startswith(words.back.format(chat=title)[:30])] == told, told
    assert len(told) == 1, told
    # the digest resumed by itself: the next run has what was added while the bot was out
    await run_digest(bot, channel)
    posted = texts(bot, channel)
    assert len(posted) == 2
    titles(posted[0], words.language, 3)  # the run queued before the removal, once
    titles(posted[1], words.language, 2)  # what was added while the bot was out
    await run_digest(bot, channel)  # nothing new: nothing posted, nothing twice
    assert len(texts(bot, channel)) == 2
    assert await audit_labels(bot, words, admin, channel) == [
        words.resumed_label,
        words.paused_label,
        "Digest subscribed" if words.language == "en" else "Bulletin créé",
    ]


@LANGUAGES
async def test_an_administrator_without_post_messages_pauses_the_digest_and_promotion_resumes_it(
    bot: Bot, words: Words
) -> None:
    server = bot.server
    admin = await server.user(4201, "Odile", words.language)
    title = "Network channel" if words.language == "en" else "Canal du réseau"
    channel, seen = await channel_with_digest(bot, words, admin, title)

    await server.add_bot(channel, admin, admin=True, rights={"can_post_messages": False})
    await server.wait_idle()
    await drain(bot)
    (notice,) = texts(bot, admin, seen)
    assert notice.startswith(words.cannot_post.format(chat=title)) and words.cannot_post_fix in notice, notice
    add_cyber(bot, "demoted", 2)
    await run_digest(bot, channel)
    assert texts(bot, channel) == []
    assert texts(bot, admin, seen) == [notice]

    await server.add_bot(channel, admin, admin=True)  # "Post messages" given back
    await server.wait_idle()
    await drain(bot)
    (back,) = texts(bot, admin, seen + 1)
    assert back.startswith(words.back.format(chat=title)[:30]), back
    await run_digest(bot, channel)
    posted = texts(bot, channel)
    assert len(posted) == 1 and posted[0].startswith(words.posted_head)
    titles(posted[0], words.language, 2)
    assert subscriptions(bot, channel)[0].thread_id is None


# --------------------------------------------------------------------------- group -> supergroup


@pytest.mark.parametrize(
    ("adder_language", "set_language", "title", "help_words", "digest", "confirm", "network_label"),
    [
        # an English group a French speaker set up: if its settings were lost, the French name
        # would make the supergroup French
        ("fr-CA", "/langue en", "Groupe d’étude", "credbot in this group", "/digest daily 9h en cyber", "Confirmer",
         "★ From your network “Groupe d’étude”:"),
        # a French group an English speaker set up: lost, the supergroup would be English
        ("en", "/language fr", "Study group", "credbot dans ce groupe", "/bulletin quotidien 9h fr cyber",
         "Confirm", f"★ De votre réseau «{NBSP}Study group{NBSP}»{NBSP}:"),
    ],
)  # fmt: skip
async def test_a_group_upgraded_to_a_supergroup_keeps_everything_under_its_new_id(
    bot: Bot,
    adder_language: str,
    set_language: str,
    title: str,
    help_words: str,
    digest: str,
    confirm: str,
    network_label: str,
) -> None:
    server = bot.server
    running = bot.running
    admin = await server.user(4301, "Lucie", adder_language)
    member = await server.user(4302, "Max", adder_language)
    group = await server.group(title, members=[member], creator=admin, with_bot=False)
    await server.set_admin(group, admin)
    await server.add_bot(group, admin)
    await server.wait_idle()
    await running.say(admin, set_language, group)
    await running.say(admin, digest, group)
    await running.say(admin, "/start")
    catalogue = ctdl_graph(("ce-migr-1", {"en": "Cyber for clubs", "fr": "Cyber pour clubs"}))
    await server.send_document(admin, "network.ctdl.json", catalogue, "application/json")
    await server.wait_idle()
    dry_run = server.bot_messages(admin)[-1]
    await running.press(admin, dry_run, button_data(dry_run, confirm))
    (before,) = await running.say(member, "/search cyber", group)
    assert network_label in before.plain, before.plain
    audit_before = await _audit(running, admin, group)
    with running.database.unit_of_work() as uow:
        network = uow.networks.of_chat(group.id)
        assert network is not None
        old_rows = (uow.chats.locale(group.id), network.id, network.name)

    in_old_group = len(server.bot_messages(group))
    supergroup = await server.migrate_group(group, by=admin)
    await server.wait_idle()

    with running.database.unit_of_work() as uow:
        assert uow.chats.membership(group.id) is None
        moved = uow.networks.of_chat(supergroup.id)
        assert moved is not None and moved.chat_ids == (supergroup.id,)
        assert (uow.chats.locale(supergroup.id), moved.id, moved.name) == old_rows
        assert uow.chats.managers(supergroup.id) == [admin.id]
    assert [s.chat_id for s in subscriptions(bot, supergroup)] == [supergroup.id]
    assert subscriptions(bot, group) == []
    # the bot answers there in the group's language, the network's credential first
    (helped,) = await running.say(member, "/help", supergroup)
    assert help_words in helped.plain, helped.plain
    (after,) = await running.say(member, "/search cyber", supergroup)
    assert network_label in after.plain
    # the audit log and the statistics came along
    assert (await _audit(running, admin, supergroup)) == audit_before
    (stats,) = await running.say(admin, "/stats", supergroup)
    # both searches, the one before the upgrade too, in the group's language
    week = ": 2 (no results: 0%)" if help_words.startswith("credbot in") else f"{NBSP}: 2 (sans résultat{NBSP}: 0{NBSP}%)"
    assert week in stats.plain, stats.plain
    assert len(server.bot_messages(group)) == in_old_group  # nothing more in the old group
    assert server.rejected == []


async def _audit(running: RunningBot, admin: User, chat: Chat) -> list[str]:
    (log,) = await running.say(admin, "/audit", chat)
    return [block.split("\n", 1)[1] for block in log.plain.split("\n\n")[1:]]


# --------------------------------------------------------------------------- a group: removed, re-added


@dataclass(frozen=True)
class GroupCase:
    adder: str  # the language of the administrator who added the bot
    other: str  # the language of the administrator who adds it back
    set_language: str  # the group's language, set against the adder's
    title: str
    digest: str
    greeting: str  # in the group's language
    help_words: str
    removed: str  # in the adder's language
    removed_fix: str
    back: dict[str, str]  # by language of the manager told


BACK = {"en": ENGLISH.back, "fr": FRENCH.back}
GROUP_CASES = [
    GroupCase(
        "fr-CA", "en", "/langue en", "Groupe d’entraide", "/digest daily 9h en cyber auto",
        "Hello! Thanks for adding me to “Groupe d’entraide”.", "credbot in this group",
        f"On m’a retiré de «{NBSP}Groupe d’entraide{NBSP}».",
        f"Pour corriger la situation{NBSP}: ajoutez-moi de nouveau au groupe", BACK,
    ),
    GroupCase(
        "en", "fr-CA", "/language fr", "Peer help", "/bulletin quotidien 9h fr cyber auto",
        f"Bonjour! Merci de m’avoir ajouté à «{NBSP}Peer help{NBSP}».", "credbot dans ce groupe",
        "I was removed from “Peer help”.", "To fix it: add me back to the group", BACK,
    ),
]  # fmt: skip


@pytest.mark.parametrize("case", GROUP_CASES, ids=["en-group", "fr-group"])
async def test_removed_from_a_group_it_keeps_its_settings_and_digest_and_resumes_when_re_added(
    bot: Bot, case: GroupCase
) -> None:
    server = bot.server
    running = bot.running
    admin = await server.user(4401, "Nadia", case.adder)
    other_admin = await server.user(4402, "Omar", case.other)
    group = await server.group(case.title, creator=admin, with_bot=False)
    await server.set_admin(group, admin)
    await server.set_admin(group, other_admin)
    await server.add_bot(group, admin)
    await server.wait_idle()
    await running.say(admin, case.set_language, group)
    await running.say(admin, case.digest, group)
    audit_before = await _audit(running, admin, group)
    shown = len(server.bot_messages(group))
    seen = len(server.bot_messages(admin))

    # a run is queued; the bot is kicked (twice: the same again says nothing more)
    add_cyber(bot, "before", 3)
    [subscription] = subscriptions(bot, group)
    bot.clock.now = subscription.schedule.next(bot.clock.now)
    await asyncio.to_thread(running.conversation.tick, bot.clock.now)
    await server.remove_bot(group, admin)
    await server.remove_bot(group, admin)
    await server.wait_idle()
    await drain(bot)
    assert texts(bot, group, shown) == []
    (removed,) = texts(bot, admin, seen)  # told once, in private, in the adder's language
    assert removed.startswith(case.removed) and case.removed_fix in removed, removed

    # a run while out posts nothing and deletes nothing
    add_cyber(bot, "while", 2)
    await run_digest(bot, group)
    assert texts(bot, group, shown) == []
    assert [s.id for s in subscriptions(bot, group)] == [subscription.id]
    assert texts(bot, admin, seen) == [removed]

    # added back by the other administrator: the greeting in the group's language (not the
    # re-adder's), what waited goes out once, each manager told in their own language
    await server.add_bot(group, other_admin)
    await server.wait_idle()
    await drain(bot)
    greeting, waited = texts(bot, group, shown)
    assert greeting.startswith(case.greeting), greeting
    titles(waited, case.set_language.split()[-1], 3)
    (back,) = texts(bot, admin, seen + 1)
    assert back.startswith(case.back[case.adder[:2]].format(chat=case.title)), back
    (told_other,) = texts(bot, other_admin)
    assert told_other.startswith(case.back[case.other[:2]].format(chat=case.title)), told_other
    (helped,) = await running.say(other_admin, "/help", group)
    assert case.help_words in helped.plain, helped.plain

    # the digest resumed by itself with what was added while out; nothing twice
    await run_digest(bot, group)
    posted = texts(bot, group, shown + 3)
    assert len(posted) == 1, posted
    titles(posted[0], case.set_language.split()[-1], 2)
    await run_digest(bot, group)
    assert len(texts(bot, group, shown + 3)) == 1
    assert server.rejected == []
    audit_after = await _audit(running, admin, group)
    assert audit_after[2:] == audit_before and len(audit_after) == len(audit_before) + 2, audit_after
