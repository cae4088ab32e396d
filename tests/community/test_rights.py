import pytest

from bot.community.rights import MemberRights, NotAllowed, Right, Rights, RightsUnavailable


class Lookups:
    def __init__(self, answer: MemberRights | Exception) -> None:
        self.answer = answer
        self.calls = 0

    def __call__(self, chat_id: int, user_id: int) -> MemberRights:
        self.calls += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


EDITOR = MemberRights("administrator", frozenset({Right.CHANGE_INFO}))


def test_an_administrator_has_only_the_rights_telegram_gave() -> None:
    rights = Rights(Lookups(EDITOR))
    assert rights.has(-1, 7, Right.CHANGE_INFO)
    assert rights.has(-1, 7, Right.ADMINISTRATOR)
    assert not rights.has(-1, 7, Right.POST_MESSAGES)


def test_the_creator_has_every_right_and_a_member_none() -> None:
    assert Rights(Lookups(MemberRights("creator"))).has(-1, 7, Right.POST_MESSAGES)
    member = Rights(Lookups(MemberRights("member", frozenset({Right.CHANGE_INFO}))))
    assert not member.has(-1, 7, Right.CHANGE_INFO)
    with pytest.raises(NotAllowed):
        member.require(-1, 7, Right.ADMINISTRATOR)


def test_a_failing_lookup_refuses() -> None:
    rights = Rights(Lookups(TimeoutError("slow")))
    with pytest.raises(RightsUnavailable):
        rights.has(-1, 7, Right.ADMINISTRATOR)
    with pytest.raises(RightsUnavailable):
        Rights().has(-1, 7, Right.ADMINISTRATOR)


def test_answers_are_remembered_at_most_ten_minutes_and_forgotten_on_change() -> None:
    now = [0.0]
    lookup = Lookups(EDITOR)
    rights = Rights(lookup, ttl=3600, clock=lambda: now[0])
    rights.has(-1, 7, Right.CHANGE_INFO)
    rights.has(-1, 7, Right.CHANGE_INFO)
    assert lookup.calls == 1
    now[0] = 601.0
    rights.has(-1, 7, Right.CHANGE_INFO)
    assert lookup.calls == 2
    lookup.answer = MemberRights("member")
    rights.invalidate(-1, 7)
    assert not rights.has(-1, 7, Right.CHANGE_INFO)
    rights.invalidate(-1)
    rights.has(-1, 7, Right.CHANGE_INFO)
    assert lookup.calls == 4
