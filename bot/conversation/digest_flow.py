"""Digests in the conversation: `/digest` (`/bulletin`) subscribes a chat, the scheduled job
turns due slots into previews for the subscriber (Approve / Discard) or posts, and the buttons
post or drop a draft. Everything is sent through `services.push` (the outbox: one key per
chat, topic, run and part, so nothing is posted twice)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from bot.community.digests import Digests, Outcome
from bot.community.rights import Right
from bot.community.statistics import digest_payload
from bot.conversation import callbacks as cb
from bot.conversation import numbers
from bot.conversation.cards import summary, title
from bot.conversation.commands import BY_NAME, typed
from bot.conversation.context import Services, Who
from bot.conversation.push import tell_managers
from bot.conversation.reply import Button, Inline, Reply, bold, echo, link
from bot.conversation.rights_flow import with_right
from bot.domain.audit import Actor
from bot.domain.digest import DigestItem, Schedule, Subscription
from bot.i18n import _, current_locale, format_date, ngettext, use_locale

MAX_ITEMS = 15  # credentials in one digest message: more make more parts, never dropped
FREQUENCY_WORDS = {
    "daily": "daily",
    "quotidien": "daily",
    "weekly": "weekly",
    "hebdo": "weekly",
    "hebdomadaire": "weekly",
}
WEEKDAY_WORDS = {
    **{
        name: day
        for day, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{
        name: day
        for day, name in enumerate(("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"))
    },
}
LANGUAGE_WORDS = {"fr": "fr", "en": "en", "both": "both", "bilingual": "both", "bilingue": "both"}
STOP_WORDS = frozenset({"stop", "off", "arret", "arrêt", "arreter", "arrêter"})
AUTO_WORDS = frozenset({"auto"})
HOUR = re.compile(r"^(\d{1,2})(?:h|:00|h00)?$")


def _command() -> str:
    return BY_NAME["digest"].name(current_locale())


def usage() -> Reply:
    command = _command()
    return (
        Reply()
        .add(_("Digests post the new and updated credentials on your topics to this chat."))
        .add(
            _(
                "Send /{command} daily 9h fr cybersecurity, leadership — or weekly monday 8h both — "
                "and add “auto” to post without a preview; /{command} stop ends it."
            ).format(command=command)
        )
    )


def _parse(words: list[str]) -> tuple[Schedule, str, bool, list[str]] | None:
    frequency, weekday, hour, language, auto = "weekly", 0, 9, "fr", False
    rest = list(words)
    while rest:
        word = rest[0].lower().rstrip(",")
        if word in FREQUENCY_WORDS:
            frequency = FREQUENCY_WORDS[word]
        elif word in WEEKDAY_WORDS:
            frequency, weekday = "weekly", WEEKDAY_WORDS[word]
        elif HOUR.match(word) and int(HOUR.match(word).group(1)) <= 23:  # type: ignore[union-attr]
            hour = int(HOUR.match(word).group(1))  # type: ignore[union-attr]
        elif word in LANGUAGE_WORDS:
            language = LANGUAGE_WORDS[word]
        elif word in AUTO_WORDS:
            auto = True
        else:
            break
        rest.pop(0)
    if rest and rest[-1].lower() in AUTO_WORDS:  # "… cyber auto", as the usage says to add it
        auto = True
        rest.pop()
    topics = [topic.strip() for topic in " ".join(rest).split(",") if topic.strip()]
    schedule = Schedule(frequency, hour, weekday if frequency == "weekly" else None)
    return schedule, language, auto, topics


def digest_command(services: Services, who: Who, args: str, now: dt.datetime | None = None) -> Reply:
    digests = services.digests
    if digests is None:
        return Reply().add(_("Digests are not available here."))
    words = args.split()
    chat_id = who.chat_id if who.in_group else None
    if chat_id is None:
        if words and re.fullmatch(r"-\d+", words[0]):
            chat_id = numbers.chat_id(words.pop(0))
        elif who.telegram_user_id is not None:
            chats = digests.managed_chats(who.telegram_user_id)
            chat_id = chats[0].telegram_chat_id if len(chats) == 1 else None
    if chat_id is None:
        return usage().add(
            _("In private, put the chat's id first: /{command} -1001234567890 daily 9h fr cyber.").format(
                command=_command()
            )
        )
    target = chat_id
    if not words:
        if who.in_group:  # the group's own digests: its members read them anyway
            return _status(digests, target)
        # in private, the chat named by its id: its administrators only (asked live)
        return with_right(services, who, target, Right.ADMINISTRATOR, lambda: _status(digests, target))
    chat = digests.chat(target)
    right = Right.POST_MESSAGES if chat is not None and chat.kind == "channel" else Right.ADMINISTRATOR
    when = now or dt.datetime.now(dt.UTC)
    if words[0].lower() in STOP_WORDS:
        return with_right(services, who, target, right, lambda: _stop(digests, who, target))
    parsed = _parse(words)
    assert parsed is not None
    return with_right(services, who, target, right, lambda: _subscribe(digests, who, target, parsed, when))


def _status(digests: Digests, chat_id: int) -> Reply:
    found = digests.for_chat(chat_id)
    if not found:
        return usage()
    reply = Reply()
    for subscription in found:
        reply.add(describe(subscription))
    return reply


def _stop(digests: Digests, who: Who, chat_id: int) -> Reply:
    gone = digests.unsubscribe(chat_id, who.thread_id, by=who.actor)
    if gone is None:
        return Reply().add(_("This chat has no digest."))
    return Reply().add(_("Digest stopped. What it posted stays; nothing more will be posted."))


def topics_words(topics: Sequence[str]) -> str:
    return ", ".join(topics) or _("every new credential")


def language_words(language: str) -> str:
    return {"fr": _("in French"), "en": _("in English"), "both": _("in French and in English")}[language]


def when_words(frequency: str, weekday: int | None, hour: int) -> str:
    if frequency == "daily":
        return _("every day at {hour}:00").format(hour=hour)
    day = WEEKDAY_NAMES()[weekday or 0]
    return _("every {weekday} at {hour}:00").format(weekday=day, hour=hour)


def approval_words(auto_approve: bool) -> str:
    return _("posted without preview") if auto_approve else _("previewed to you first")


def describe(subscription: Subscription) -> str:
    schedule = subscription.schedule
    return _("Digest on {topics}, {language}, {when} ({zone}), {approval}.").format(
        topics=topics_words(subscription.topics),
        language=language_words(subscription.language),
        when=when_words(schedule.frequency, schedule.weekday, schedule.hour),
        zone=schedule.timezone,
        approval=approval_words(subscription.auto_approve),
    )


def WEEKDAY_NAMES() -> list[str]:
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]


def _subscribe(
    digests: Digests, who: Who, chat_id: int, parsed: tuple[Schedule, str, bool, list[str]], now: dt.datetime
) -> Reply:
    schedule, language, auto, topics = parsed
    assert who.telegram_user_id is not None
    _before, after = digests.subscribe(
        chat_id,
        who.thread_id,
        subscriber_user_id=who.telegram_user_id,
        topics=topics,
        language=language,
        schedule=schedule,
        auto_approve=auto,
        now=now,
        by=who.actor,
    )
    reply = Reply().add(describe(after))
    reply.add(_("First run: {date}.").format(date=format_date(schedule.local(schedule.next(now)).date())))
    if not digests.can_post(chat_id):
        reply.add(_pause_steps())
    return reply


def _pause_steps() -> str:
    return _(
        "I can't post there now: make me an administrator of the chat with the right to post "
        "messages. The digest resumes by itself at its next run."
    )


# ---- a digest's forum topic was deleted ----

_WEEKDAYS_TYPED = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}


def settings_words(subscription: Subscription) -> str:
    """The /digest words that make this subscription again, as the reader types them
    (`daily 9h en cyber` / `quotidien 9h fr cyber`): what `_parse` reads back."""
    french = current_locale().startswith("fr")
    schedule = subscription.schedule
    words = (
        ["quotidien" if french else "daily"]
        if schedule.frequency == "daily"
        else [_WEEKDAYS_TYPED["fr" if french else "en"][schedule.weekday or 0]]
    )
    words.append(f"{schedule.hour}h")
    words.append(
        ("bilingue" if french else "both") if subscription.language == "both" else subscription.language
    )
    if subscription.auto_approve:
        words.append("auto")
    if subscription.topics:
        words.append(", ".join(subscription.topics))
    return " ".join(words)


def topic_gone(services: Services, chat_id: int, thread_id: int, now: dt.datetime) -> None:
    """Telegram said the chat's forum topic `thread_id` no longer exists: the digest posting
    there posts in General from now on (the bot's change, in the audit log), and each manager
    is told once, in private and in their language, what happened and how to choose another
    topic. What was on its way to the topic is posted in General (the outbox moved it)."""
    moved = services.digests.topic_gone(chat_id, thread_id, now) if services.digests else None
    name = services.outbox.chat_title(chat_id) or str(chat_id)
    topic = services.account.topic_name(chat_id, thread_id)

    def notice() -> Reply:
        stop = typed("digest", "arrêt" if current_locale().startswith("fr") else "stop")
        if topic:
            said = _(
                "The forum topic “{topic}” of “{chat}”, where I post, was deleted: I posted its message in General instead."
            ).format(topic=echo(topic, 60), chat=name)
        else:
            said = _(
                "A forum topic of “{chat}” where I post was deleted: I posted its message in General instead."
            ).format(chat=name)
        reply = Reply().add(bold(said))
        if moved is None:
            return reply
        before, after = moved
        again = f"{typed('digest')} {settings_words(before)}"
        if after is not None:
            reply.add(_("Its digest posts in General from now on: {digest}").format(digest=describe(after)))
            reply.add(
                _(
                    "To have it in another topic: send {subscribe} in that topic, then {stop} in General."
                ).format(subscribe=again, stop=stop)
            )
        else:
            reply.add(
                _(
                    "The chat already has a digest in General, which goes on; the digest of the "
                    "deleted topic was stopped: {digest}"
                ).format(digest=describe(before))
            )
            reply.add(
                _("To have it again in another topic: send {subscribe} in that topic.").format(
                    subscribe=again
                )
            )
        return reply

    tell_managers(services, chat_id, f"topic-gone:{chat_id}:{thread_id}", notice)


# ---- the digest itself ----


def parts(items: list[DigestItem]) -> list[list[DigestItem]]:
    return [items[start : start + MAX_ITEMS] for start in range(0, len(items), MAX_ITEMS)]


def digest_reply(
    services: Services,
    digests: Digests,
    subscription: Subscription,
    items: list[DigestItem],
    locale: str,
    part: int = 1,
    count: int = 1,
) -> Reply:
    """Part `part` of `count` of the digest as the chat reads it, in `locale`: each credential's
    title linked to its card (a digest-tagged deep link, counted in /stats), a line of facts,
    "updated" when it is."""
    records = digests.credentials(items)
    with use_locale(locale):
        heading = (
            _("New credentials ({part}/{count})").format(part=part, count=count)
            if count > 1
            else _("New credentials")
        )
        reply = Reply().add(bold(heading))
        for item in items[:MAX_ITEMS]:
            record = records.get(item.credential_id)
            if record is None:
                continue
            url = services.share_link(digest_payload(subscription.chat_id, item.credential_id))
            name = title(record)
            head: list[Inline] = [link(name, url) if url else bold(name)]
            if item.updated:
                head = [_("Updated: "), *head]
            reply.blank().add(*head).add(summary(record))
    return reply


def job(services: Services) -> Callable[[dt.datetime], None]:
    """The periodic job (`services.periodic`): every due slot at `now`."""

    def run_due(now: dt.datetime) -> None:
        digests, push = services.digests, services.push
        if digests is None or push is None:
            return
        for outcome in digests.run_due(now, lambda subscription: digests.can_post(subscription.chat_id)):
            deliver(services, digests, outcome)

    return run_due


def _subscriber_locale(services: Services, subscription: Subscription) -> str:
    saved, _chat = services.account.locales(f"telegram:{subscription.subscriber_user_id}")
    return saved or (subscription.locales[0])


def deliver(services: Services, digests: Digests, outcome: Outcome) -> None:
    push = services.push
    assert push is not None
    subscription = outcome.subscription
    subscriber = subscription.subscriber_user_id
    chat = digests.chat(subscription.chat_id)
    where = chat.title if chat and chat.title else str(subscription.chat_id)
    with use_locale(_subscriber_locale(services, subscription)):
        if outcome.kind == "missed" and outcome.run is not None:
            when = format_date(subscription.schedule.local(outcome.run.slot).date())
            reply = Reply().add(
                _(
                    "The digest of {date} for “{chat}” was skipped: I was stopped at the time. "
                    "The next one will include what it would have posted."
                ).format(date=when, chat=where)
            )
            push(services, f"digest:{outcome.run.id}:missed", subscriber, reply, None)
        elif outcome.kind == "paused":
            reply = (
                Reply().add(_("The digest for “{chat}” is paused.").format(chat=where)).add(_pause_steps())
            )
            push(
                services,
                f"digest:{subscription.id}:paused:{subscription.handled_through.isoformat()}",
                subscriber,
                reply,
                None,
            )
        elif outcome.kind == "draft" and outcome.run is not None:
            run = outcome.run
            preview = Reply().add(_("Digest preview for “{chat}”:").format(chat=where))
            split = parts(list(run.items))
            for locale in subscription.locales:
                # The first part only: the approver sees what it looks like, not every message.
                preview.lines += digest_reply(
                    services, digests, subscription, split[0], locale, 1, len(split)
                ).lines
                preview.blank()
            if len(split) > 1:
                preview.add(
                    ngettext(
                        "{count} credential in all, in {parts} messages per language.",
                        "{count} credentials in all, in {parts} messages per language.",
                        len(run.items),
                    ).format(count=len(run.items), parts=len(split))
                )
            preview.row(
                Button(_("Approve"), cb.ApproveDigest(run.id).pack()),
                Button(_("Discard"), cb.DiscardDigest(run.id).pack()),
            )
            push(services, f"digest:{run.id}:preview", subscriber, preview, None)
    if outcome.kind == "post" and outcome.run is not None:
        post(services, digests, outcome.run.id)


def post(services: Services, digests: Digests, run_id: int, by: Actor | None = None) -> int:
    """Posts the run's items the chat has not been sent (one message per language); how many.
    `by`: the administrator who approved the preview (None: auto-approved)."""
    push = services.push
    run = digests.run(run_id)
    if push is None or run is None:
        return 0
    subscription = digests.subscription(run.subscription_id)
    if subscription is None:
        return 0
    items = digests.unsent(run, subscription.chat_id)
    split = parts(items)
    for language, locale in enumerate(subscription.locales):
        for number, chunk in enumerate(split):
            reply = digest_reply(services, digests, subscription, chunk, locale, number + 1, len(split))
            part = f"{language}" if number == 0 else f"{language}.{number}"
            key = f"digest:{subscription.chat_id}:{subscription.thread_id or 0}:{run.id}:{part}"
            push(services, key, subscription.chat_id, reply, subscription.thread_id)
    digests.posted(run, subscription.chat_id, items, by=by)
    return len(items)


def press(services: Services, who: Who, pressed: cb.ApproveDigest | cb.DiscardDigest) -> Reply:
    digests = services.digests
    run = digests.run(pressed.run_id) if digests is not None else None
    if digests is None or run is None:
        return Reply(notice=_("This digest is no longer available."))
    subscription = digests.subscription(run.subscription_id)
    if subscription is None or run.status != "draft":
        reply = Reply().add(_("This digest was already handled."))
        reply.replace = True
        return reply
    chat = digests.chat(subscription.chat_id)
    right = Right.POST_MESSAGES if chat is not None and chat.kind == "channel" else Right.ADMINISTRATOR

    def act() -> Reply:
        if isinstance(pressed, cb.DiscardDigest):
            digests.discard(run, by=who.actor)
            answer = Reply().add(_("Digest discarded: nothing was posted."))
        else:
            count = post(services, digests, run.id, by=who.actor)
            answer = Reply().add(
                _("Digest posted to “{chat}” ({count}).").format(
                    chat=chat.title if chat and chat.title else subscription.chat_id, count=count
                )
            )
        answer.replace = True
        return answer

    return with_right(services, who, subscription.chat_id, right, act)
