"""A network's catalogue in its chats' searches, through the real Application and the local Bot
API test server: a manager loads a small CTDL file for their group; a member's search there
shows the network's credential first, labelled with the network's name, then the rest; the same
search in another group, or in private, is as before. In English and in French."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.community.statistics import digest_payload
from tests._documents import ctdl_graph
from tests.e2e.botapi_server import BotApiServer, Chat, Message, User
from tests.e2e.harness import RunningBot, bot_on_copy, button_data, cyber_credentials, fixture_store

pytestmark = pytest.mark.asyncio

NBSP = "\u00a0"
CYBER_COUNT = 6
VOLUNTEERS = ("ce-net-cyber", {"en": "Cybersecurity for volunteers", "fr": "Cybersécurité pour bénévoles"})


@pytest.fixture(scope="session")
def network_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    extra = cyber_credentials("netsearch", CYBER_COUNT, "Cybersecurity basics", "Cybersécurité de base")
    return fixture_store(tmp_path_factory, "netsearch", extra)


@pytest_asyncio.fixture
async def bot(botapi: BotApiServer, network_catalogue: Path, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with bot_on_copy(botapi, network_catalogue, tmp_path) as running:
        yield running


async def _group(bot: RunningBot, title: str, language: str, members: list[User], manager: User | None) -> Chat:
    group = await bot.server.group(title, members=members, supergroup=True)
    with bot.database.unit_of_work() as uow:
        uow.chats.set_locale(group.id, language, kind="supergroup", title=group.title)
        if manager is not None:
            uow.chats.add_manager(group.id, manager.id, kind="supergroup", title=group.title)
    if manager is not None:
        await bot.server.set_admin(group, manager)
    return group


async def _send(bot: RunningBot, user: User, content: bytes) -> Message:
    before = len(bot.server.bot_messages(user))
    await bot.server.send_document(user, "network.ctdl.json", content, "application/json")
    await bot.server.wait_idle()
    replies = bot.server.bot_messages(user)[before:]
    assert len(replies) == 1, [m.plain for m in replies]
    return replies[0]


async def _confirm(bot: RunningBot, manager: User, dry_run: Message, confirm: str) -> None:
    done = await bot.press(manager, dry_run, button_data(dry_run, confirm))
    assert any("✅" in m.plain for m in done), [m.plain for m in done]


async def _lines(bot: RunningBot, user: User, text: str, chat: Chat | None = None) -> list[str]:
    (answer,) = await bot.say(user, text, chat)
    return answer.plain.split("\n")


async def test_an_english_groups_search_shows_its_networks_credential_first_and_labelled(bot: RunningBot) -> None:
    manager = await bot.server.user(7501, "Coordinator", language_code="en")
    ada = await bot.server.user(7502, "Ada", language_code="en")
    north = await _group(bot, "North network", "en", [manager, ada], manager)
    other = await _group(bot, "Study group", "en", [ada], None)
    before_other = await _lines(bot, ada, "/search cyber", other)
    before_private = await _lines(bot, ada, "/search cyber")

    dry_run = await _send(bot, manager, ctdl_graph(VOLUNTEERS))
    assert "Dry run for “North network”" in dry_run.plain
    assert "Searches in North network will show these credentials first" in dry_run.plain
    await _confirm(bot, manager, dry_run, "Confirm")

    lines = await _lines(bot, ada, "/search cyber", north)
    assert len(lines) <= 5, lines
    assert lines[0] == f"{CYBER_COUNT + 1} results for “cyber”"
    assert lines[1] == "★ From your network “North network”:"
    assert lines[2].startswith("1. ★ Cybersecurity for volunteers")
    assert lines[3].startswith("2. Cybersecurity basics"), lines
    assert lines[4] == f"…and {CYBER_COUNT + 1 - 2} more in private."

    # elsewhere: the same ranking as before (the new credential counted, after the others), no label
    for chat, before in ((other, before_other), (None, before_private)):
        after = await _lines(bot, ada, "/search cyber", chat)
        assert not any("network" in line or "catalogue" in line for line in after), after
        assert after[0] == f"{CYBER_COUNT + 1} results for “cyber”" and before[0] == f"{CYBER_COUNT} results for “cyber”"
        first = next(line for line in after if line.startswith("1. "))
        assert first == next(line for line in before if line.startswith("1. "))
        assert first.startswith("1. Cybersecurity basics")


async def test_a_french_network_of_two_groups_labels_its_credential_in_both_and_in_private_after_its_link(
    bot: RunningBot,
) -> None:
    manager = await bot.server.user(7511, "Gestionnaire", language_code="fr")
    lucie = await bot.server.user(7512, "Lucie", language_code="fr-CA")
    refad = await _group(bot, "REFAD", "fr", [manager, lucie], manager)
    east = await _group(bot, "Groupe Est", "fr", [manager, lucie], manager)
    elsewhere = await _group(bot, "Club de lecture", "fr", [lucie], None)

    asked = await _send(bot, manager, ctdl_graph(VOLUNTEERS))
    assert "Toutes mes discussions (2)" in [label for row in asked.buttons for label, _data in row]
    shown = await bot.press(manager, asked, button_data(asked, "Toutes mes discussions"))
    dry_run = next(m for m in shown if "Essai pour" in m.plain)
    assert f"Essai pour «{NBSP}Groupe Est, REFAD{NBSP}»" in dry_run.plain
    assert "Les recherches dans Groupe Est et REFAD montreront d’abord" in dry_run.plain
    await _confirm(bot, manager, dry_run, "Confirmer")

    label = f"De votre réseau «{NBSP}Groupe Est, REFAD{NBSP}»{NBSP}:"
    for group in (refad, east):
        lines = await _lines(bot, lucie, "/chercher cyber", group)
        assert lines[0] == f"{CYBER_COUNT + 1} résultats pour «{NBSP}cyber{NBSP}»"
        assert lines[1] == "★ " + label and lines[2].startswith("1. ★ Cybersécurité pour bénévoles"), lines
        assert lines[3].startswith("2. Cybersécurité de base")
    lines = await _lines(bot, lucie, "/chercher cyber", elsewhere)
    assert "★ " + label not in lines and lines[1].startswith("1. Cybersécurité de base"), lines

    # in private: as everywhere, until Lucie arrives by one of the network's links (a digest's)
    private = await _lines(bot, lucie, "/chercher cyber")
    assert label not in private
    assert next(line for line in private if line.startswith("1. ")).startswith("1. Cybersécurité de base")
    with bot.database.unit_of_work() as uow:
        credential_id = uow.networks.credential_ids(uow.networks.of_chat(refad.id).id)[0]  # type: ignore[union-attr]
    await bot.say(lucie, f"/start {digest_payload(refad.id, credential_id)}")
    (first_page,) = await bot.say(lucie, "/chercher cyber")
    private = first_page.plain.split("\n")
    assert label in private and "Page 1 sur 2" in first_page.plain
    assert private[private.index(label) + 2].startswith("1. Cybersécurité pour bénévoles"), private
    assert f"Du reste du catalogue{NBSP}:" in private
    second = await bot.press(lucie, first_page, button_data(first_page, "Suivant"))
    page_two = second[-1].plain
    assert "Page 2 sur 2" in page_two and "6. Cybersécurité de base" in page_two
    assert label not in page_two and f"Du reste du catalogue{NBSP}:" in page_two

    # the network's next file no longer has it: removed from its catalogue, the label goes
    dry_run = await _send(bot, manager, ctdl_graph(("ce-net-other", {"fr": "Menuiserie fine"})))
    shown = await bot.press(manager, dry_run, button_data(dry_run, "REFAD"))
    dry_run = next(m for m in shown if "Essai pour" in m.plain)
    assert f"supprimées{NBSP}: 1" in dry_run.plain and "retirées du catalogue de ce réseau" in dry_run.plain
    await _confirm(bot, manager, dry_run, "Confirmer")
    lines = await _lines(bot, lucie, "/chercher cyber", refad)
    assert not any("réseau" in line for line in lines) and lines[1].startswith("1. Cybersécurité de base"), lines
