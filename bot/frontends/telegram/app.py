"""The python-telegram-bot adapter: builds the Application, parses updates, calls the core,
renders its Replies. Handlers stay a few lines each; the conversation lives in bot.conversation."""

from __future__ import annotations

import asyncio
import html
import json
import logging
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, cast

from telegram import (
    BotCommand,
    CallbackQuery,
    ChatMember,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, MessageEntityType, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    BaseRateLimiter,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.conversation.commands import BY_NAME, COMMANDS
from bot.conversation.context import Who
from bot.conversation.flood import FloodLimits, Verdict
from bot.conversation.membership_flow import BotStanding
from bot.conversation.reply import Reply
from bot.conversation.router import Conversation
from bot.frontends.telegram import render
from bot.frontends.telegram.delivery import Delivery
from bot.frontends.telegram.members import TelegramMemberLookup
from bot.frontends.telegram.outbox_sender import OutboxSender, outbox_bot
from bot.frontends.telegram.serving import FLOOD_KEY, WebhookServer, counters_of, on_stop_signals, snapshot
from bot.i18n import _, use_locale
from bot.language.packs import DEFAULT_LANGUAGE, LANGUAGES

log = logging.getLogger(__name__)

CONVERSATION_KEY = "conversation"
OUTBOX_SENDER_KEY = "outbox_sender"
ANSWERED_KEY = "answered_presses"
POLLING_KEY = "polling"
# Each delivery being handled (by the id of its Update object: a re-delivery of the same update
# is another one) whose claim is DEFERRED to its first core call, or was CLAIMED there.
CLAIMS_KEY = "update_claims"
DEFERRED, CLAIMED = "deferred", "claimed"
FINISHED_GROUP = 99  # the last handler group: the update is marked handled in the store


class RedactSecrets:
    """The bot token is part of every Bot API URL (httpx logs them at INFO, PTB its base URLs at
    DEBUG, PTB's InvalidToken quotes it) and the webhook secret is a parameter of setWebhook
    (logged at DEBUG): every log record, of any logger at any level, is made with them replaced
    by "<token>" (message and traceback), before any handler sees it."""

    def __init__(self) -> None:
        self.secrets: list[str] = []
        self._make = logging.getLogRecordFactory()

    def add(self, secret: str) -> None:
        if not secret:
            return
        # The token's secret half too, longest first: "<token>" replaces the whole when it is there.
        for part in (secret, secret.partition(":")[2]):
            if part and (part == secret or len(part) >= 8) and part not in self.secrets:
                self.secrets.append(part)
        self.secrets.sort(key=len, reverse=True)
        if logging.getLogRecordFactory() != self.make:
            self._make = logging.getLogRecordFactory()
            logging.setLogRecordFactory(self.make)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<token>")
        return text

    def make(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self._make(*args, **kwargs)
        if not self.secrets:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its message: logging reports it
            return record
        if self.redact(message) != message:
            record.msg, record.args = self.redact(message), None
        if record.exc_info and isinstance(record.exc_info[1], InvalidToken):
            # PTB's start-up loop logs its traceback; run_polling/run_webhook say what to do.
            record.exc_info = None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            if self.redact(text) != text:
                record.exc_text, record.exc_info = self.redact(text), None
        return record


_REDACT = RedactSecrets()


def redact_in_logs(secret: str) -> None:
    """From now on `secret` (the bot token, the webhook secret) never appears in a log record."""
    _REDACT.add(secret)


class SeenUpdates:
    """The button presses already answered (by callback query id), in this process: a press is
    one update, claimed by one worker (`skip_duplicates`)."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._seen: OrderedDict[int | str, None] = OrderedDict()
        self._capacity = capacity

    def first_time(self, update_id: int | str) -> bool:
        if update_id in self._seen:
            return False
        self._seen[update_id] = None
        if len(self._seen) > self._capacity:
            self._seen.popitem(last=False)
        return True


def telegram_ref(user_id: int) -> str:
    """A Telegram user's learner reference: `telegram:42`."""
    return f"telegram:{user_id}"


def topic_of(message: object) -> int | None:
    """The forum topic a message is in; None for the General topic and outside forums (where
    message_thread_id may name a reply thread, which is no place to send to)."""
    if not isinstance(message, Message) or not message.is_topic_message:
        return None
    thread = message.message_thread_id
    return thread if thread and thread != render.GENERAL_TOPIC else None


def topic_of_update(update: Update) -> int | None:
    """The forum topic an update came from: a message's, or a pressed button's message's."""
    query = update.callback_query
    return topic_of(query.message if query is not None else update.effective_message)


def who_from(update: Update) -> Who:
    user = update.effective_user
    chat = update.effective_chat
    user_id = user.id if user else (chat.id if chat else 0)
    private = chat is None or chat.type == ChatType.PRIVATE
    # An anonymous administrator writes as the group itself (from GroupAnonymousBot).
    sender_chat = update.effective_message.sender_chat if update.effective_message else None
    anonymous = (
        update.callback_query is None
        and sender_chat is not None
        and chat is not None
        and sender_chat.id == chat.id
    )
    return Who(
        ref=telegram_ref(user_id),
        telegram_user_id=user_id,
        language_code=user.language_code if user else None,
        private=private,
        chat_id=None if private or chat is None else chat.id,
        chat_title=None if private or chat is None else chat.title,
        anonymous=anonymous and not private,
        chat_kind=None if private or chat is None else str(chat.type),
        thread_id=None if private else topic_of_update(update),
        name=user.full_name if user and not anonymous else None,
    )


def addressed_text(message: Message, bot_id: int, bot_username: str | None) -> str | None:
    """A group message meant for the bot (a mention of it, or a reply to one of its messages),
    without the mention; None when it is group chatter, not for the bot."""
    text = message.text or ""
    encoded = text.encode("utf-16-le")
    spans: list[tuple[int, int]] = []
    for entity in message.entities:
        mentioned = encoded[entity.offset * 2 : (entity.offset + entity.length) * 2].decode("utf-16-le")
        ours = (
            entity.type == MessageEntityType.MENTION
            and bot_username is not None
            and mentioned[1:].lower() == bot_username.lower()
        ) or (
            entity.type == MessageEntityType.TEXT_MENTION
            and entity.user is not None
            and entity.user.id == bot_id
        )
        if ours:
            spans.append((entity.offset * 2, (entity.offset + entity.length) * 2))
    replied = message.reply_to_message
    # In a forum, a message in a topic replies to the topic's first message (forum_topic_created)
    # even when its author replied to nothing: that is not a reply to the bot.
    to_bot = (
        replied is not None
        and replied.forum_topic_created is None
        and replied.from_user is not None
        and replied.from_user.id == bot_id
    )
    if not spans and not to_bot:
        return None
    for start, end in sorted(spans, reverse=True):
        encoded = encoded[:start] + encoded[end:]
    return " ".join(encoded.decode("utf-16-le").split()).strip(" ,:;")


def conversation_of(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    conversation: Conversation = context.application.bot_data[CONVERSATION_KEY]
    return conversation


# Updates are processed concurrently, but one learner's updates reach the core one at a time: a
# double tap must not race two transactions for the same new learner (UNIQUE learners.ref).
_learner_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()


async def _core(
    update: Update, context: ContextTypes.DEFAULT_TYPE, call: Callable[..., list[Reply]], who: Who, *args: Any
) -> list[Reply]:
    """The core's answer to this update. The first call for an update whose claim was left to
    it (`skip_duplicates`) commits the update's claim with its effects, in one transaction; when
    the update turns out to be taken already (a re-delivery, another worker), nothing was done
    and the update stops here (ApplicationHandlerStop: no reply, not finished by this worker)."""
    # The core is synchronous (SQL); keep the event loop free. Context variables are copied.
    lock = _learner_locks.get(who.ref)
    if lock is None:
        lock = _learner_locks[who.ref] = asyncio.Lock()
    claims = _claims(context)
    async with lock:
        if claims.get(id(update), (None, None))[1] != DEFERRED:
            return await asyncio.to_thread(call, who, *args)
        conversation = conversation_of(context)
        replies = await asyncio.to_thread(
            conversation.handle_update_once, context.bot.id, update.update_id, call, who, *args
        )
    if replies is None:
        claims.pop(id(update), None)
        log.info("update %s delivered again; ignored", update.update_id)
        raise ApplicationHandlerStop
    claims[id(update)] = (update, CLAIMED)
    return replies


async def send_replies(update: Update, context: ContextTypes.DEFAULT_TYPE, replies: list[Reply]) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    query = update.callback_query
    # Every answer goes to the forum topic it was asked in (edits stay where they are).
    thread_id = None if chat.type == ChatType.PRIVATE else topic_of_update(update)
    for reply in replies:
        if (
            query is not None
            and reply.replace
            and query.message is not None
            and isinstance(query.message, Message)
        ):
            await _edit(query.message, reply, context)
            continue
        await _send(chat.id, reply, context, thread_id)


async def _send(
    chat_id: int, reply: Reply, context: ContextTypes.DEFAULT_TYPE, thread_id: int | None = None
) -> None:
    bot = context.bot
    chunks = render.message_chunks(reply)
    markup = render.keyboard(reply)
    topic = render.topic(thread_id)
    for position, chunk in enumerate(chunks):
        markup_here = markup if position == len(chunks) - 1 else None

        async def send_chunk(target: int, text: str = chunk, keys: Any = markup_here) -> Any:
            return await bot.send_message(
                target, text, reply_markup=keys, disable_web_page_preview=True, message_thread_id=topic
            )

        await _with_migration(context, chat_id, send_chunk)
    if reply.photo:
        photo = reply.photo
        await _with_migration(
            context,
            chat_id,
            lambda target: bot.send_photo(
                target,
                photo.content,
                filename=photo.filename,
                caption=render.caption_html(photo.caption),
                message_thread_id=topic,
            ),
        )
    if reply.document:
        document = reply.document
        caption = (
            document.caption if document.caption and len(document.caption) <= render.MAX_CAPTION else None
        )
        await _with_migration(
            context,
            chat_id,
            lambda target: bot.send_document(
                target, document.content, filename=document.filename, caption=caption, message_thread_id=topic
            ),
        )


async def _with_migration(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, send: Callable[[int], Awaitable[Any]]
) -> None:
    # Remembered, so that the next parts of a long reply and later replies go straight there.
    moved: dict[int, int] = context.bot_data.setdefault("migrated_chats", {})
    try:
        await send(moved.get(chat_id, chat_id))
    except ChatMigrated as migrated:
        log.info("chat %s became supergroup %s", chat_id, migrated.new_chat_id)
        moved[chat_id] = migrated.new_chat_id
        conversation = conversation_of(context)
        await asyncio.to_thread(conversation.chat_migrated, chat_id, migrated.new_chat_id)
        await send(migrated.new_chat_id)


async def _edit(message: Message, reply: Reply, context: ContextTypes.DEFAULT_TYPE) -> None:
    chunks = render.message_chunks(reply)
    if len(chunks) != 1:
        await _send(message.chat_id, reply, context, topic_of(message))
        return
    try:
        await message.edit_text(chunks[0], reply_markup=render.keyboard(reply), disable_web_page_preview=True)
    except BadRequest as error:
        # The same button pressed twice: the message already shows this; nothing to change.
        if "not modified" not in str(error).lower():
            raise


# ---- polling: nothing confirmed to Telegram that the store does not hold ----


class KeptPolls:
    """The Updater's Bot: each batch getUpdates returns is kept in the store (one transaction)
    before PTB's Updater sees it. The Updater confirms a batch to Telegram with its next
    getUpdates, so Telegram forgets no update the store does not hold: killed at any point, the
    poller's next start handles what was kept and not finished (`start_up`), and Telegram
    delivers again what was not kept. Every other call goes to `bot`."""

    def __init__(self, bot: Any, conversation: Conversation) -> None:
        self._bot = bot
        self._conversation = conversation

    def __getattr__(self, name: str) -> Any:
        return getattr(self._bot, name)

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        updates: tuple[Update, ...] = await self._bot.get_updates(*args, **kwargs)
        if not updates:
            return updates
        batch = [(update.update_id, json.loads(update.to_json())) for update in updates]
        try:
            await asyncio.to_thread(self._conversation.keep_polled_updates, self._bot.id, batch)
        except Exception as error:
            # Not confirmed: PTB's polling loop waits and asks again; Telegram keeps them meanwhile.
            log.warning("could not keep %s polled update(s) in the store: %s", len(batch), error)
            raise NetworkError("the store could not keep the polled updates") from error
        return updates


# ---- handlers: parse, call the core, render ----


def _claims(context: ContextTypes.DEFAULT_TYPE) -> dict[int, tuple[Update, str]]:
    claims: dict[int, tuple[Update, str]] = context.application.bot_data[CLAIMS_KEY]
    return claims


def claim_with_effects(update: Update) -> bool:
    """Updates whose handlers go through `_core` (messages with text or a file, button presses):
    their claim is committed with their effects, in the core's transaction."""
    message = update.message
    return update.callback_query is not None or (
        message is not None and (message.text is not None or message.document is not None)
    )


async def skip_duplicates(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram may deliver an update twice (a retried webhook, a restart mid-poll) and two
    workers may both receive it: it is acted on once. A message or a press is looked up (a
    read) and claimed later with its effects (`_core`); any other update is claimed here."""
    conversation = conversation_of(context)
    claims = _claims(context)
    try:
        if claim_with_effects(update):
            first = not await asyncio.to_thread(conversation.update_taken, context.bot.id, update.update_id)
            if first:
                claims[id(update)] = (update, DEFERRED)
        else:
            first = await asyncio.to_thread(conversation.claim_update, context.bot.id, update.update_id)
    except Exception as error:  # the store is down: handle it (the handlers will say so)
        log.warning("could not claim update %s: %s", update.update_id, error)
        return
    if not first:
        log.info("update %s delivered again; ignored", update.update_id)
        raise ApplicationHandlerStop


async def finish_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After every handler (a failed one too: its apology was sent): a re-delivery is ignored
    for good, not only while the claim's lease lasts. A message no handler took to the core
    (group chatter, another bot's command) or whose core call failed (rolled back: nothing was
    kept) is recorded as handled here, in one write."""
    conversation = conversation_of(context)
    try:
        if _claims(context).pop(id(update), (None, CLAIMED))[1] == DEFERRED:
            await asyncio.to_thread(conversation.finish_unclaimed_update, context.bot.id, update.update_id)
        else:
            await asyncio.to_thread(conversation.finish_update, context.bot.id, update.update_id)
    except Exception as error:
        log.warning("could not mark update %s handled: %s", update.update_id, error)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payload = context.args[0] if context.args else ""
    await send_replies(
        update,
        context,
        await _core(update, context, conversation_of(context).start, who_from(update), payload),
    )


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    name, _sep, args = message.text[1:].partition(" ")
    name, _at, addressee = name.partition("@")
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return  # "/search@other_bot" in a group is meant for another bot
    if not addressee and message.chat.type != ChatType.PRIVATE and name.lower() not in BY_NAME:
        return  # "/whatever" in a group may be another bot's command
    replies = await _core(update, context, conversation_of(context).command, who_from(update), name, args)
    await send_replies(update, context, replies)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    text: str | None = message.text
    if message.chat.type != ChatType.PRIVATE:
        text = addressed_text(message, context.bot.id, context.bot.username)
        if text is None:
            return  # group chatter: not for the bot
    conversation = conversation_of(context)
    who = who_from(update)
    replies = (
        await _core(update, context, conversation.text, who, text)
        if text
        else await _core(update, context, conversation.hello, who)
    )
    await send_replies(update, context, replies)


def bot_standing(member: ChatMember, chat_type: str) -> BotStanding:
    """The bot's place in a chat from its ChatMember: in it or not, and allowed to post (in a
    channel: the owner, or an administrator with can_post_messages)."""
    status = member.status
    present = status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER) or (
        status == ChatMemberStatus.RESTRICTED and bool(getattr(member, "is_member", False))
    )
    if chat_type == ChatType.CHANNEL:
        can_post = status == ChatMemberStatus.OWNER or (
            status == ChatMemberStatus.ADMINISTRATOR and bool(getattr(member, "can_post_messages", False))
        )
    else:
        can_post = present and bool(getattr(member, "can_send_messages", True))
    return BotStanding(present=present, can_post=can_post)


def _membership_lock(context: ContextTypes.DEFAULT_TYPE) -> asyncio.Lock:
    # A migration's two service messages and the bot's join to the supergroup come together:
    # one at a time, in the order they came, so the chat moves once and is greeted once.
    lock: asyncio.Lock = context.bot_data.setdefault("membership_lock", asyncio.Lock())
    return lock


async def on_added(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was added to, removed from, promoted or demoted in a group or channel: the
    membership is recorded, the adder greeted (in the group, its General topic; for a channel
    in private), the managers told of a pause or of a resume (membership_flow)."""
    changed = update.my_chat_member
    if changed is None or changed.chat.type == ChatType.PRIVATE:
        return
    who = who_from(update)
    old = bot_standing(changed.old_chat_member, changed.chat.type)
    new = bot_standing(changed.new_chat_member, changed.chat.type)
    async with _membership_lock(context):
        said = await asyncio.to_thread(
            conversation_of(context).bot_membership, who, old, new, int(changed.date.timestamp())
        )
    for reply in said.here:
        try:
            await _send(changed.chat.id, reply, context)  # no thread id: a forum's General topic
        except TelegramError as error:
            log.info("could not greet chat %s: %s", changed.chat.id, error)
    for reply in said.in_private:
        if who.telegram_user_id is None:
            continue
        try:
            await _send(who.telegram_user_id, reply, context)
        except Forbidden as error:  # they never started the bot: nothing to do about it
            log.info("could not greet %s in private: %s", who.telegram_user_id, error)


async def on_migration(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: the service message in the old group (migrate_to_chat_id)
    or in the new one (migrate_from_chat_id) moves everything the group had; the second finds
    nothing left to move."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old_id, new_id = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old_id, new_id = message.migrate_from_chat_id, message.chat.id
    else:
        return
    moved: dict[int, int] = context.bot_data.setdefault("migrated_chats", {})
    moved[old_id] = new_id
    log.info("chat %s became supergroup %s", old_id, new_id)
    async with _membership_lock(context):
        await asyncio.to_thread(conversation_of(context).chat_migrated, old_id, new_id)


async def on_topic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A forum topic created or renamed (a service message in the topic, which bots receive
    with privacy mode on): its name is kept, so that managers read it rather than a number."""
    message = update.effective_message
    if message is None or message.message_thread_id is None:
        return
    topic = message.forum_topic_created or message.forum_topic_edited
    name = getattr(topic, "name", None)
    if name:
        await asyncio.to_thread(
            conversation_of(context).topic_named, message.chat.id, message.message_thread_id, name
        )


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    replies = await _core(
        update, context, conversation_of(context).button, who_from(update), query.data or ""
    )
    notice = next((reply.notice for reply in replies if reply.notice), None)
    # The reply first (what was done shows in the message), the answer after: a failed answer
    # only leaves the button's spinner a little longer. If the reply fails, the error handler
    # answers the press instead, with its apology.
    await send_replies(
        update, context, [reply for reply in replies if reply.lines or reply.document or reply.photo]
    )
    await answer_press(query, context, notice[:200] if notice else None)


async def answer_press(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, text: str | None) -> None:
    """Answer a button press once: a second answer is refused by Telegram ("query is too old");
    a failure is logged, never raised (the reply, sent before, is what matters)."""
    answered: SeenUpdates = context.application.bot_data[ANSWERED_KEY]
    if not answered.first_time(query.id):
        return
    try:
        await query.answer(text)
    except TelegramError as error:
        log.info("could not answer button press %s: %s", query.id, error)


async def on_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    replies = await _core(update, context, conversation_of(context).photo, who_from(update))
    await send_replies(update, context, replies)


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or message.document is None:
        return
    conversation = conversation_of(context)
    who = who_from(update)
    document = message.document
    limit = conversation.MAX_UPLOAD_BYTES
    if document.file_size is not None and document.file_size > limit:
        replies = await _core(update, context, conversation.document_too_large, who)
    else:
        file = await document.get_file()
        if file.file_size is not None and file.file_size > limit:  # the message said none: getFile does
            replies = await _core(update, context, conversation.document_too_large, who)
        else:
            content = bytes(await file.download_as_bytearray())
            replies = await _core(
                update,
                context,
                conversation.document,
                who,
                document.file_name or "",
                content,
                message.caption or "",
            )
    await send_replies(update, context, replies)


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    inline = update.inline_query
    if inline is None:
        return
    offset = int(inline.offset) if inline.offset.isdigit() else 0
    items, next_offset = await asyncio.to_thread(
        conversation_of(context).inline, who_from(update), inline.query, offset
    )
    results = []
    for item in items:
        chunks = render.message_chunks(item.message)
        results.append(
            InlineQueryResultArticle(
                id=item.id,
                title=item.title[:256],
                description=item.description[:256],
                input_message_content=InputTextMessageContent(
                    chunks[0] if chunks else html.escape(item.title)
                ),
                reply_markup=render.keyboard(item.message),
            )
        )
    await inline.answer(
        # No next page: omit next_offset. An empty string would be sent as "[]": with Defaults set,
        # PTB 22's ExtBot._insert_defaults takes "" for an empty sequence of InputPollOption.
        results,
        cache_time=30,
        is_personal=True,
        next_offset=str(next_offset) if next_offset else None,
    )


async def count_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    counters_of(context.application).updates += 1


def flood_sender(update: Update) -> str | None:
    """Whose flood an update is part of: a message with text or a file, or a button press, by
    its sender (an anonymous administrator: their group). Inline queries (one per keystroke) and
    membership updates are not limited."""
    message = update.message
    if update.callback_query is not None:
        return telegram_ref(update.callback_query.from_user.id)
    if message is None or not (message.text or message.document):
        return None
    if message.sender_chat is not None:
        return f"chat:{message.sender_chat.id}"
    return telegram_ref(message.from_user.id) if message.from_user else None


async def limit_floods(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Before the update is claimed: one over its sender's limit (flood.FloodLimits: what they
    have waiting) goes no further; the sender is told once (a press is always answered, quietly
    after that). Each update is handled in a task of its own (concurrent updates): its end,
    whatever happened in the handlers, is when the sender has one update less waiting."""
    sender = flood_sender(update)
    task = asyncio.current_task()
    if sender is None or task is None or context.application.concurrent_updates < 2:
        return
    limits: FloodLimits = context.application.bot_data[FLOOD_KEY]
    verdict = limits.take(sender)
    if verdict is Verdict.GO:
        task.add_done_callback(lambda _task: limits.done(sender))
        return
    query = update.callback_query
    notice = None
    if verdict is Verdict.NOTICE:
        replies = await asyncio.to_thread(conversation_of(context).slow_down, who_from(update))
        notice = replies[0].notice
        if query is None:
            try:
                await send_replies(update, context, replies)
            except TelegramError as error:
                log.info("could not tell %s to slow down: %s", sender, error)
    if query is not None:
        await answer_press(query, context, notice)
    raise ApplicationHandlerStop


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    counters_of(context.application).failed += 1
    if isinstance(error, Forbidden):
        log.info("the user blocked the bot or left the chat: %s", error)
        return
    if isinstance(error, RetryAfter | TimedOut):
        log.warning("Telegram is slow or limiting us: %s", error)
        if isinstance(update, Update) and update.callback_query is not None:
            await answer_press(update.callback_query, context, None)  # the reply may well be there
        return
    log.error("handler failed on update %s", getattr(update, "update_id", "?"), exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    conversation = conversation_of(context)
    try:
        locale = await asyncio.to_thread(conversation.locale_for, who_from(update))
        with use_locale(locale):
            text = _("Sorry, something went wrong on my side. Please try again.")
        if update.callback_query is not None:
            await answer_press(update.callback_query, context, text)
        else:
            await context.bot.send_message(
                update.effective_chat.id,
                html.escape(text),
                message_thread_id=render.topic(topic_of_update(update)),
            )
    except TelegramError as second:
        log.warning("could not tell the user about the error: %s", second)


async def forget_rights(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Someone was promoted, demoted, restricted or left (chat_member), or the bot itself
    (my_chat_member): what was remembered of their rights may be wrong from now on."""
    rights = conversation_of(context).services.rights
    if update.chat_member is not None:
        changed = update.chat_member
        rights.invalidate(changed.chat.id, changed.new_chat_member.user.id)
    elif update.my_chat_member is not None:
        rights.invalidate(update.my_chat_member.chat.id)


# ---- start-up ----


async def start_up(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Once the Bot is initialised: community rights are asked of Telegram through it, then the
    bot's menus and descriptions are set."""
    conversation: Conversation = application.bot_data[CONVERSATION_KEY]
    conversation.services.rights.connect(TelegramMemberLookup(application.bot, asyncio.get_running_loop()))
    if application.bot_data.get(POLLING_KEY):
        # The only poller: updates taken and never finished were being handled by a process that
        # is gone (killed). Their claims are released; those it fetched are kept in the store and
        # handled now, before any new one (Telegram delivers again any it did not keep).
        released = await asyncio.to_thread(conversation.release_unfinished_updates, application.bot.id)
        kept = await asyncio.to_thread(conversation.polled_unhandled_updates, application.bot.id)
        if released or kept:
            log.info("the last run left %s update(s) unfinished: handled again", max(released, len(kept)))
        for payload in kept:
            await application.update_queue.put(Update.de_json(payload, application.bot))
    await set_bot_profile(application)
    sender: OutboxSender | None = application.bot_data.get(OUTBOX_SENDER_KEY)
    if sender is not None:
        sender.start()


async def shut_down(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    sender: OutboxSender | None = application.bot_data.get(OUTBOX_SENDER_KEY)
    if sender is not None:
        await sender.stop()


async def set_bot_profile(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Command menus and descriptions in both languages. A failure is logged, not fatal."""
    conversation: Conversation = application.bot_data[CONVERSATION_KEY]
    conversation.services.bot_username = application.bot.username
    bot = application.bot
    for language in LANGUAGES:
        with use_locale(language):
            commands = [
                BotCommand(spec.name(language), _(spec.description)) for spec in COMMANDS if spec.in_menu
            ]
            description = _(
                "credbot finds micro-credentials (badges, micro-certificates) from many providers, "
                "in English and in French, keeps track of the ones you earn and builds the best bundle "
                "for your goal."
            )
            short = _("Find micro-credentials in English and French and build your bundle.")
        calls: list[Awaitable[Any]] = [
            bot.set_my_commands(commands, language_code=language),
            bot.set_my_description(description, language_code=language),
            bot.set_my_short_description(short, language_code=language),
        ]
        if language == DEFAULT_LANGUAGE:  # also the menu of every other language
            calls += [
                bot.set_my_commands(commands),
                bot.set_my_description(description),
                bot.set_my_short_description(short),
            ]
        for call in calls:
            try:
                await call
            except TelegramError as error:
                log.warning("could not set the bot's menu or description: %s", error)


def build_application(
    settings: Settings,
    conversation: Conversation,
    *,
    request_timeout: float | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """`request_timeout` (seconds) replaces PTB's connect/read/write/pool timeouts of ordinary
    Bot API calls (not of the long poll); tests use a short one. Every call but getUpdates goes
    through `rate_limiter` (by default a Delivery: Telegram's rates, retries that never do a
    thing twice)."""
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(f"{settings.api_url}/bot")
        .base_file_url(f"{settings.api_url}/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(
            rate_limiter if rate_limiter is not None else Delivery(paid_broadcast=settings.paid_broadcast)
        )
        .concurrent_updates(True)
        .post_init(start_up)
        .post_stop(shut_down)
    )
    if request_timeout is not None:
        builder = (
            builder.connect_timeout(request_timeout)
            .read_timeout(request_timeout)
            .write_timeout(request_timeout)
            .pool_timeout(request_timeout)
        )
    redact_in_logs(settings.token)
    application = builder.build()
    application.bot_data[OUTBOX_SENDER_KEY] = OutboxSender(
        conversation,
        outbox_bot(settings.token, settings.api_url, request_timeout),
        interval=settings.clock_interval,
        paid_broadcast=settings.paid_broadcast,
    )
    application.bot_data[CONVERSATION_KEY] = conversation
    application.bot_data[ANSWERED_KEY] = SeenUpdates()
    application.bot_data[CLAIMS_KEY] = {}
    application.bot_data[FLOOD_KEY] = FloodLimits()
    sender: OutboxSender = application.bot_data[OUTBOX_SENDER_KEY]
    if isinstance(application.bot.rate_limiter, Delivery):
        sender.shared = application.bot.rate_limiter  # posts and replies: one overall rate
    workers = conversation.services.workers
    if workers is not None:  # this process's counters, for `credbot status`, every clock tick
        conversation.services.periodic.append(lambda now: workers.publish(snapshot(application), now))
        # Several processes for one bot (webhook workers on PostgreSQL) share its overall rate.
        conversation.services.periodic.append(lambda now: sender.set_workers(workers.live_count(now)))
    application.add_handler(TypeHandler(Update, count_update), group=-3)  # /metrics
    application.add_handler(TypeHandler(Update, limit_floods), group=-2)
    application.add_handler(TypeHandler(Update, skip_duplicates), group=-1)
    application.add_handler(CommandHandler("start", on_start))
    names = [name for spec in COMMANDS for name in spec.names if name != "start"]
    application.add_handler(CommandHandler(names, on_command))
    application.add_handler(MessageHandler(filters.COMMAND, on_command))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migration))
    application.add_handler(
        MessageHandler(
            filters.StatusUpdate.FORUM_TOPIC_CREATED | filters.StatusUpdate.FORUM_TOPIC_EDITED, on_topic
        )
    )
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    application.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document))
    application.add_handler(MessageHandler(filters.PHOTO & filters.ChatType.PRIVATE, on_photo))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(InlineQueryHandler(on_inline))
    application.add_handler(ChatMemberHandler(forget_rights, ChatMemberHandler.ANY_CHAT_MEMBER))
    # In a group of its own: other handlers of my_chat_member (membership, greetings) run too.
    application.add_handler(ChatMemberHandler(on_added, ChatMemberHandler.MY_CHAT_MEMBER), group=1)
    application.add_handler(TypeHandler(Update, finish_update), group=FINISHED_GROUP)
    application.add_error_handler(on_error)
    if application.updater is not None:
        # Polling: each batch is kept in the store before the next getUpdates confirms it.
        application.updater.bot = cast(Any, KeptPolls(application.bot, conversation))
    return application


# chat_member (not sent unless asked for): a demoted administrator loses their rights at once.
ALLOWED_UPDATES = ["message", "callback_query", "inline_query", "my_chat_member", "chat_member"]


def refused_token(error: InvalidToken, settings: Settings) -> str:
    """What to tell the operator when Telegram refuses the bot at start-up: never the token
    (PTB's own message quotes it)."""
    said = str(error.__cause__ or "")
    if "Unauthorized" in said:
        return (
            "Telegram refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN "
            "(as @BotFather gave it; /revoke there makes a new one)."
        )
    return (
        f"Telegram answered 404 Not Found at start-up: the token is malformed or TELEGRAM_API_URL "
        f"({settings.api_url}) is not a Bot API server."
    )


def _run(settings: Settings, run: Callable[[], None]) -> int:
    """Start-up faults (5xx, timeouts, a refused connection) are retried by the Delivery until
    they pass; a refused token ends the process with a clear message and exit status 2."""
    try:
        run()
    except InvalidToken as error:
        log.error("%s", refused_token(error, settings))
        return 2
    return 0


def run_polling(settings: Settings, conversation: Conversation) -> int:
    """Poll until SIGTERM or SIGINT: then no new update is fetched, those fetched are handled and
    confirmed, what is in flight finishes (at most serving.STOP_GRACE seconds), exit status 0."""
    log.info("credbot starting (long polling) against %s", settings.api_url)
    application = build_application(settings, conversation)
    application.bot_data[POLLING_KEY] = True
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    on_stop_signals(loop, application.stop_running)
    return _run(
        settings,
        lambda: application.run_polling(
            allowed_updates=ALLOWED_UPDATES, bootstrap_retries=-1, stop_signals=None
        ),
    )


def run_webhook(
    settings: Settings,
    conversation: Conversation,
    *,
    url: str,
    listen: str,
    port: int,
    secret: str,
    database_ok: Callable[[], bool] | None = None,
) -> int:
    """Serve the webhook (the path of `url`), `/healthz` (200 when `database_ok()`, else 503)
    and `/metrics` on `listen`:`port` until SIGTERM or SIGINT: then no new request is taken,
    what is queued and in flight finishes (at most serving.STOP_GRACE seconds), exit status 0.
    The webhook stays set: the other workers behind the same address go on."""
    from urllib.parse import urlparse

    log.info("credbot starting (webhook) on %s:%s", listen, port)
    redact_in_logs(secret)  # setWebhook's parameters are logged at DEBUG
    application = build_application(settings, conversation)
    outbox = conversation.services.outbox

    async def serve() -> None:
        stop = asyncio.Event()
        on_stop_signals(asyncio.get_running_loop(), stop.set)
        await application.initialize()
        try:
            if application.post_init is not None:
                await application.post_init(application)
            await application.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
            await application.start()
            server = WebhookServer(
                application,
                path=urlparse(url).path,
                secret=secret,
                database_ok=database_ok or (lambda: True),
                outbox_counts=outbox.counts,
            )
            server.start(listen, port)
            log.info("webhook, /healthz and /metrics served on %s:%s", listen, port)
            await stop.wait()
            await server.stop()
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
        finally:
            await application.shutdown()

    # getMe and setWebhook are made again by the Delivery until they work (a refused token aside).
    return _run(settings, lambda: asyncio.run(serve()))
