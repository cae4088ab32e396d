"""SQLAlchemy 2 models. Lists and language maps are JSON columns: they are read whole, never queried
inside, and JSON works the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Provider(Base):
    __tablename__ = "providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(255), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(300))
    name_fr: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(1000))

    credentials: Mapped[list[Credential]] = relationship(back_populates="provider")


class Credential(Base):
    __tablename__ = "credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(255), unique=True)
    credential_type: Mapped[str] = mapped_column(String(80), default="MicroCredential")
    name_en: Mapped[str | None] = mapped_column(String(500))
    name_fr: Mapped[str | None] = mapped_column(String(500))
    description_en: Mapped[str | None] = mapped_column(Text)
    description_fr: Mapped[str | None] = mapped_column(Text)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("providers.id", ondelete="SET NULL"))
    languages: Mapped[list[Any]] = mapped_column(default=list)
    hours: Mapped[float | None]
    durations: Mapped[list[Any]] = mapped_column(default=list)
    cost: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    fees: Mapped[list[Any]] = mapped_column(default=list)
    delivery: Mapped[str | None] = mapped_column(String(20))
    url: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(40), default="active")
    keywords: Mapped[dict[str, Any]] = mapped_column(default=dict)
    subjects: Mapped[list[Any]] = mapped_column(default=list)
    # Occupations the credential prepares for, as named ([{"en": …, "fr": …}]).
    occupations: Mapped[list[Any]] = mapped_column(default=list)
    # In the catalogue every chat shares (shipped, or loaded by the bot's administrators); False
    # when only networks loaded it (`credential_networks`): it goes when the last one drops it.
    shared: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    provider: Mapped[Provider | None] = relationship(back_populates="credentials")
    skill_links: Mapped[list[CredentialSkill]] = relationship(
        back_populates="credential", cascade="all, delete-orphan", order_by="CredentialSkill.position"
    )


class Skill(Base):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    label_en: Mapped[str | None] = mapped_column(String(300))
    label_fr: Mapped[str | None] = mapped_column(String(300))
    synonyms: Mapped[dict[str, Any]] = mapped_column(default=dict)
    abbreviations: Mapped[list[Any]] = mapped_column(default=list)
    subject: Mapped[str | None] = mapped_column(String(120))
    # Identifiers of the concept (CTDL competency URIs and CTIDs, ESCO URIs), folded to lower case.
    uris: Mapped[list[Any]] = mapped_column(default=list)


class CredentialSkill(Base):
    __tablename__ = "credential_skills"

    credential_id: Mapped[int] = mapped_column(
        ForeignKey("credentials.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    credential: Mapped[Credential] = relationship(back_populates="skill_links")
    skill: Mapped[Skill] = relationship()


class Subject(Base):
    __tablename__ = "subjects"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    label_en: Mapped[str | None] = mapped_column(String(300))
    label_fr: Mapped[str | None] = mapped_column(String(300))


class Occupation(Base):
    __tablename__ = "occupations"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    label_en: Mapped[str | None] = mapped_column(String(300))
    label_fr: Mapped[str | None] = mapped_column(String(300))
    synonyms: Mapped[dict[str, Any]] = mapped_column(default=dict)
    skills: Mapped[list[Any]] = mapped_column(default=list)
    uris: Mapped[list[Any]] = mapped_column(default=list)


class StoreStamp(Base):
    """What was loaded into this store and in which version (the vocabulary files' hash)."""

    __tablename__ = "store_stamps"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "telegram:<user id>" or "console:<name>": one learner table for every front end.
    ref: Mapped[str] = mapped_column(String(120), unique=True)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Email addresses the learner declared (/email): a badge issued to one of them (OB 2.0 and
    # 3.0 name their recipient by a salted hash of it) is theirs.
    emails: Mapped[list[str] | None] = mapped_column(JSON)

    earned: Mapped[list[EarnedCredential]] = relationship(
        back_populates="learner", cascade="all, delete-orphan", passive_deletes=True
    )
    bundles: Mapped[list[Bundle]] = relationship(
        back_populates="learner", cascade="all, delete-orphan", passive_deletes=True
    )


class EarnedCredential(Base):
    __tablename__ = "earned_credentials"
    __table_args__ = (UniqueConstraint("learner_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    # Kept by external id, not by row id, so that `import --replace` does not orphan it.
    external_id: Mapped[str] = mapped_column(String(255))
    credential_id: Mapped[int | None] = mapped_column(
        ForeignKey("credentials.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(500))
    issuer: Mapped[str | None] = mapped_column(String(300))
    skills: Mapped[list[Any]] = mapped_column(default=list)
    source: Mapped[str] = mapped_column(String(40), default="catalogue")
    earned_on: Mapped[dt.date | None] = mapped_column(Date)
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # An imported badge: the badge as the learner gave it (the text that carries its proof, for
    # export), the verdict of its verification (`Verification.stored()`) and when it was checked.
    original: Mapped[str | None] = mapped_column(Text)
    verification: Mapped[dict[str, Any] | None] = mapped_column()
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    learner: Mapped[Learner] = relationship(back_populates="earned")
    credential: Mapped[Credential | None] = relationship()


class Bundle(Base):
    __tablename__ = "bundles"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    share_code: Mapped[str] = mapped_column(String(32), unique=True)
    goal: Mapped[str | None] = mapped_column(Text)
    skills: Mapped[list[Any]] = mapped_column(default=list)
    constraints: Mapped[dict[str, Any]] = mapped_column(default=dict)
    saved: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    learner: Mapped[Learner | None] = relationship(back_populates="bundles")
    items: Mapped[list[BundleItem]] = relationship(
        back_populates="bundle", cascade="all, delete-orphan", order_by="BundleItem.position"
    )


class BundleItem(Base):
    __tablename__ = "bundle_items"

    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundles.id", ondelete="CASCADE"), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    bundle: Mapped[Bundle] = relationship(back_populates="items")


class Network(Base):
    """A chat, or chats grouped by their managers, with a catalogue of its own: the credentials
    it loaded (`credential_networks`) come first, labelled, in searches made in its chats."""

    __tablename__ = "networks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CredentialNetwork(Base):
    """A credential in a network's catalogue. One credential row per external id, tagged with
    every network that loaded it: wallets, bundles and digests know credentials by external id."""

    __tablename__ = "credential_networks"

    credential_id: Mapped[int] = mapped_column(
        ForeignKey("credentials.id", ondelete="CASCADE"), primary_key=True
    )
    network_id: Mapped[int] = mapped_column(
        ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Chat(Base):
    """A group or channel that uses the bot, with the settings its administrators chose."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(String(300))
    locale: Mapped[str | None] = mapped_column(String(8))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Whether the bot is in the chat now, and may post there (an administrator with
    # can_post_messages in a channel): removal or lost rights pause what it posts, never delete.
    active: Mapped[bool] = mapped_column(default=True)
    bot_can_post: Mapped[bool] = mapped_column(default=False)
    added_by_user_id: Mapped[int | None] = mapped_column(BigInteger)
    # The group's language when no administrator chose one: the Telegram language of the
    # administrator who added the bot (as last seen), else a guess from the group's name or the
    # first messages the bot read there.
    added_by_language_code: Mapped[str | None] = mapped_column(String(16))
    guessed_locale: Mapped[str | None] = mapped_column(String(8))
    # The network whose catalogue comes first here (None until a manager loads one for it).
    network_id: Mapped[int | None] = mapped_column(ForeignKey("networks.id", ondelete="SET NULL"), index=True)


class ChatManager(Base):
    """An administrator who set the bot up or managed it in a chat: told in private when
    something needs them (the bot removed, a digest paused, a source failing)."""

    __tablename__ = "chat_managers"

    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    since: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


# ---- groups: searches behind "continue in private" deep links ----


class SearchLink(Base):
    """A search or a bundle goal asked in a group, behind a t.me deep link's short key: the link
    carries the key, never the learner's words, and it outlives a restart."""

    __tablename__ = "search_links"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # search | bundle
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), index=True
    )


# ---- statistics (bot.community.statistics): counts only, learners as keyed hashes ----


class StatSearch(Base):
    """One search made in a chat, or in private by a learner who came from it: the query as
    normalised, never any other message text; `learner` is a keyed hash, never the id."""

    __tablename__ = "stat_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    query: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(8))
    found: Mapped[bool]
    learner: Mapped[str] = mapped_column(String(64))


class StatEarned(Base):
    """A credential earned by a learner of a chat, counted under each of its subjects."""

    __tablename__ = "stat_earned"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    subject_en: Mapped[str] = mapped_column(String(300))
    subject_fr: Mapped[str] = mapped_column(String(300))


class StatDigestOpen(Base):
    """A deep link of a digest item opened (no foreign key: a catalogue replaced keeps its counts)."""

    __tablename__ = "stat_digest_opens"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    credential_id: Mapped[int] = mapped_column(Integer)
    learner: Mapped[str] = mapped_column(String(64))


class StatOrigin(Base):
    """The chat whose deep link a learner (keyed hash) last arrived by: their private searches
    count for it."""

    __tablename__ = "stat_origins"

    learner: Mapped[str] = mapped_column(String(64), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    day: Mapped[dt.date] = mapped_column(Date, index=True)


class StatKey(Base):
    """The secret that keys the learners' hashes, generated once when no setting gives it."""

    __tablename__ = "stat_keys"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


class StatDemandGapSent(Base):
    """A weekly demand-gap message claimed for a chat: the primary key makes it once per week,
    whichever worker or restart gets there first."""

    __tablename__ = "stat_demand_gaps"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    week: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


# ---- digests: subscriptions, their runs, what each chat was sent ----


class DigestSubscription(Base):
    """A chat (or one forum topic: `thread_id`, 0 for none) subscribed to the credentials new or
    changed on its topics, on a schedule in a time zone. Handled slots and collected changes are
    marks in time, so that a restart carries on where the last worker stopped."""

    __tablename__ = "digest_subscriptions"
    __table_args__ = (UniqueConstraint("chat_id", "thread_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int] = mapped_column(BigInteger, default=0)
    subscriber_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    topics: Mapped[list[Any]] = mapped_column(default=list)
    language: Mapped[str] = mapped_column(String(4))
    frequency: Mapped[str] = mapped_column(String(10))
    weekday: Mapped[int | None] = mapped_column(Integer)
    hour: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    auto_approve: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    handled_through: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    collected_through: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    pause_reported: Mapped[bool] = mapped_column(default=False)


class DigestRun(Base):
    """One slot of a subscription, claimed once: the unique (subscription, slot) row is what
    keeps two workers from running the same slot. A draft keeps its items until approved."""

    __tablename__ = "digest_runs"
    __table_args__ = (UniqueConstraint("subscription_id", "slot_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("digest_subscriptions.id", ondelete="CASCADE"), index=True
    )
    slot_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12))
    items: Mapped[list[Any]] = mapped_column(default=list)


class DigestPosted(Base):
    """A credential posted to a chat, in the version (fingerprint) posted: never posted again
    unless it changes materially."""

    __tablename__ = "digest_posted"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(40))
    run_id: Mapped[int | None] = mapped_column(Integer)


class CredentialMark(Base):
    """When digests first saw a credential and last saw a material change of it (title, length,
    cost, web page): `updated_at` also moves for a new description, which no digest announces."""

    __tablename__ = "credential_marks"

    external_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(40))
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


# ---- outbox: every message the bot pushes to a chat on its own (digests, managers' notices) ----


class OutboxMessage(Base):
    """A message the bot posts on its own, under a unique key: queued once, sent at most once
    (across restarts and workers); a correction after it was sent edits `message_id`."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]] = mapped_column()
    # A correction that arrived while the message was being sent: applied as an edit after.
    correction: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(8), default="send")  # send | edit
    # queued | sending | sent | unsure | paused | failed
    state: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


# ---- the network's catalogue (bot.catalogue.uploads): a manager's file awaiting Confirm ----


class CatalogueUpload(Base):
    """A catalogue file a network's manager sent, held until that manager confirms or cancels it:
    kept in SQL (the content too) so that any worker, or the bot after a restart, completes it."""

    __tablename__ = "catalogue_uploads"

    token: Mapped[str] = mapped_column(String(16), primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    # The network's chat; None until a manager of several chats picks one.
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    # The manager chose all the chats they manage, grouped as one network.
    all_chats: Mapped[bool] = mapped_column(default=False)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    # Set once, when the upload was confirmed or cancelled: a second press finds it used.
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AuditLog(Base):
    """Who changed a chat's settings, catalogue or digests, when, and the values before and after
    (JSON objects; None when there was nothing before, or nothing is left after)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)  # the Telegram chat
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # None: the bot itself changed it (a digest paused because it could not post).
    actor_user_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_name: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class PendingAction(Base):
    """An administrator action an anonymous administrator asked for in a group, held until an
    administrator presses "Prove you are an administrator" (60 seconds): in SQL, so that any
    worker completes it."""

    __tablename__ = "pending_actions"

    token: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(40))
    args: Mapped[str] = mapped_column(Text)
    right: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    # Set once, by the press that ran it: a second press finds it used.
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# ---- the network's catalogue (bot.catalogue.sources): a URL fetched on a schedule ----


class CatalogueSource(Base):
    """A network's catalogue at a URL, fetched by the clock with its validators (ETag,
    Last-Modified), backing off on failures. One per network (chat); never deactivated by the
    bot: failures are told to the managers and the source stays until a manager removes it."""

    __tablename__ = "catalogue_sources"

    telegram_chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    url: Mapped[str] = mapped_column(String(2000))
    registered_by: Mapped[int] = mapped_column(BigInteger)
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # Also a lease: a worker that takes a due source moves it forward before fetching, so that
    # two workers never fetch it at once.
    next_fetch_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str | None] = mapped_column(String(64))
    last_fetch_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_result: Mapped[str | None] = mapped_column(String(16))
    last_counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    last_error: Mapped[str | None] = mapped_column(String(500))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    failing_since: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# ---- conversation state shared by restarts and workers (bot.account.state) ----


class ProcessedUpdate(Base):
    """A Telegram update taken by a worker: a re-delivered update (a retried webhook, a restart
    mid-poll, two workers) finds its row and is not acted on again. `done_at` is set once it was
    handled; a claim never finished within the lease (the worker died) may be taken again."""

    __tablename__ = "processed_updates"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class PolledUpdate(Base):
    """An update the poller fetched, kept before the next getUpdates tells Telegram it was
    received: a poller killed before handling it leaves it here, and the next start handles it.
    Pruned once its `processed_updates` row says it was handled."""

    __tablename__ = "polled_updates"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[dict[str, Any]] = mapped_column()
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ResultPages(Base):
    """The search behind a result message's ◀ ▶ and number buttons: the buttons carry the key,
    never the words, and only the learner who searched may use it."""

    __tablename__ = "result_pages"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    learner_ref: Mapped[str] = mapped_column(String(120))
    query: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class LearnerContext(Base):
    """What a learner was shown last and their last search, so that "2", "next", "only online
    ones" or /page 2 are understood after a restart and on any worker."""

    __tablename__ = "learner_contexts"

    learner_ref: Mapped[str] = mapped_column(String(120), primary_key=True)
    last_query: Mapped[str | None] = mapped_column(Text)
    shown_kind: Mapped[str | None] = mapped_column(String(16))
    shown_ids: Mapped[list[Any]] = mapped_column(default=list)
    shown_query: Mapped[str] = mapped_column(Text, default="")
    shown_key: Mapped[str] = mapped_column(String(16), default="")
    shown_page: Mapped[int] = mapped_column(Integer, default=0)
    shown_first: Mapped[int] = mapped_column(Integer, default=1)
    shown_pages: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class ShareLink(Base):
    """A read-only deep link (`/start w_<code>`) to a learner's wallet or one of their bundles:
    revoked links are kept (so that opening one says it was stopped) until the learner forgets."""

    __tablename__ = "share_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # wallet | bundle
    bundle_code: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WorkerStat(Base):
    """What one credbot process counted since it started (updates, retries, failed replies,
    429s, its queue), published every clock tick: `credbot status` reads the live ones."""

    __tablename__ = "worker_stats"

    worker: Mapped[str] = mapped_column(String(120), primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    counters: Mapped[dict[str, Any]] = mapped_column(default=dict)
