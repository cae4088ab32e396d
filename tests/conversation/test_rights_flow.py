from bot.community.rights import MemberRights, Right, Rights
from bot.conversation.context import Who
from bot.conversation.reply import Reply
from bot.conversation.rights_flow import with_right
from bot.i18n import use_locale


class FakeServices:
    def __init__(self, rights: Rights) -> None:
        self.rights = rights


def _run(rights: Rights, locale: str = "fr") -> tuple[str, list[str]]:
    done: list[str] = []
    who = Who(ref="telegram:7", telegram_user_id=7, private=False, chat_id=-5)

    def action() -> Reply:
        done.append("changed")
        return Reply().add("ok")

    with use_locale(locale):
        reply = with_right(FakeServices(rights), who, -5, Right.CHANGE_INFO, action)  # type: ignore[arg-type]
    return reply.plain_text(), done


def test_the_action_runs_only_with_the_right() -> None:
    text, done = _run(Rights(lambda chat, user: MemberRights("administrator", frozenset({Right.CHANGE_INFO}))))
    assert (text, done) == ("ok", ["changed"])
    text, done = _run(Rights(lambda chat, user: MemberRights("administrator")))
    assert done == [] and "Seuls les administrateurs" in text


def test_a_failed_check_refuses_in_the_chat_language() -> None:
    def broken(chat: int, user: int) -> MemberRights:
        raise ConnectionError("down")

    text, done = _run(Rights(broken), "en")
    assert done == [] and "try again" in text
