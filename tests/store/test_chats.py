from bot.store.db import Database


def test_membership_changes_keep_the_chat_settings_and_its_managers(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.chats.set_locale(-100, "fr", kind="supergroup", title="REFAD")
        uow.chats.set_membership(
            -100, kind="supergroup", title="REFAD", active=True, bot_can_post=False, added_by_user_id=7
        )
        uow.chats.add_manager(-100, 7)
        uow.chats.add_manager(-100, 7)
        uow.chats.add_manager(-100, 2**40)
    with db.unit_of_work() as uow:
        removed = uow.chats.set_membership(-100, kind="supergroup", title=None, active=False, bot_can_post=False)
    assert (removed.locale, removed.active, removed.added_by_user_id, removed.title) == ("fr", False, 7, "REFAD")
    with db.unit_of_work() as uow:
        assert uow.chats.managers(-100) == [7, 2**40]
        assert [chat.telegram_chat_id for chat in uow.chats.managed_by(7)] == [-100]
        assert uow.chats.managed_by(8) == []
        assert uow.chats.membership(-5) is None


def test_a_supergroup_migration_keeps_the_managers(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.chats.add_manager(-5, 7, title="Groupe")
    with db.unit_of_work() as uow:
        uow.chats.migrate(-5, -1005)
    with db.unit_of_work() as uow:
        assert uow.chats.managers(-1005) == [7]
        assert uow.chats.managers(-5) == []


def test_the_adder_s_language_is_remembered_and_their_saved_choice_comes_first(db: Database) -> None:
    with db.unit_of_work() as uow:
        facts = uow.chats.seen(-300, kind="supergroup", title="G", user_id=9, language_code="fr-CA", adding=True)
        assert facts.candidates() == (None, None, "fr-CA", None)
        # another member's language is not the adder's
        uow.chats.seen(-300, kind="supergroup", title="G", user_id=10, language_code="en")
        uow.learners.set_locale("telegram:9", "en")
        uow.chats.guess_locale(-300, "fr")
        uow.chats.guess_locale(-300, "en")  # the first guess stays
    with db.unit_of_work() as uow:
        assert uow.chats.language(-300).candidates() == (None, "en", "fr-CA", "fr")
        assert uow.chats.language(-301).candidates() == (None, None, None, None)


def test_forum_topic_names_are_kept_renamed_and_cut_to_telegram_s_limit(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.chats.set_locale(-1009, "fr", kind="supergroup", title="Forum")
        uow.chats.name_topic(-1009, 12, "Nouvelles")
        uow.chats.name_topic(-4040, 3, "No chat")  # a chat the bot has no record of: nothing
    with db.unit_of_work() as uow:
        assert uow.chats.topic_name(-1009, 12) == "Nouvelles"
        uow.chats.name_topic(-1009, 12, "Annonces " + "x" * 200)
        uow.chats.name_topic(-1009, 15, "Questions")
    with db.unit_of_work() as uow:
        renamed = uow.chats.topic_name(-1009, 12)
        assert renamed is not None and renamed.startswith("Annonces") and len(renamed) == 128
        assert uow.chats.topic_name(-1009, 15) == "Questions"
        assert uow.chats.topic_name(-1009, 99) is None and uow.chats.topic_name(-4040, 3) is None
        assert uow.chats.locale(-1009) == "fr"  # the other settings stay
