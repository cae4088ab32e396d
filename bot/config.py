"""Settings from the environment. Nothing here is ever logged whole: the token is a secret."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from bot import PROJECT_ROOT

DEFAULT_API_URL = "https://api.telegram.org"


def credbot_home() -> Path:
    """Where the embedded database lives: CREDBOT_HOME, else the user's data directory."""
    configured = os.environ.get("CREDBOT_HOME")
    home = Path(configured).expanduser() if configured else Path(user_data_dir("credbot"))
    home.mkdir(parents=True, exist_ok=True)
    return home


def default_database_url() -> str:
    return f"sqlite:///{credbot_home() / 'credbot.sqlite3'}"


def database_url(cli_value: str | None = None) -> str:
    """`--db` wins over DATABASE_URL, which wins over the embedded SQLite file."""
    return cli_value or os.environ.get("DATABASE_URL") or default_database_url()


def catalogue_dir() -> Path:
    return Path(os.environ.get("CREDBOT_CATALOGUE_DIR") or PROJECT_ROOT / "catalogue_data")


def vocabulary_names() -> tuple[str, ...] | None:
    """`CREDBOT_VOCABULARIES`: the vocabulary files to load (comma-separated names), None for
    all of them (`skills.json`, `esco.json.gz`)."""
    raw = os.environ.get("CREDBOT_VOCABULARIES")
    if raw is None:
        return None
    return tuple(name.strip() for name in raw.split(",") if name.strip())


def _admin_ids(raw: str) -> frozenset[int]:
    return frozenset(int(part) for part in raw.replace(",", " ").split() if part.strip())


# Telegram's paid broadcasts: up to 1,000 messages a second (FloodLimit.PAID_MESSAGES_PER_SECOND),
# Stars taken from the bot's balance for the messages sent so (see "paid broadcasts" in Telegram's
# Bot API documentation and Bots FAQ).
PAID_BROADCAST_MAX = 1000.0


def paid_broadcast_rate(raw: str) -> float:
    """CREDBOT_PAID_BROADCAST: the overall rate (messages a second) to allow with paid
    broadcasts, at most PAID_BROADCAST_MAX; empty, 0 or "off": off (the free 30 a second)."""
    text = raw.strip().lower()
    if text in ("", "0", "off", "no", "false"):
        return 0.0
    try:
        rate = float(text)
    except ValueError:
        raise ValueError(
            f"CREDBOT_PAID_BROADCAST must be a number of messages a second (at most "
            f"{PAID_BROADCAST_MAX:.0f}), or 0 for off; not {raw!r}"
        ) from None
    if not 0 <= rate < float("inf"):
        raise ValueError(f"CREDBOT_PAID_BROADCAST must be between 0 and {PAID_BROADCAST_MAX:.0f}; not {raw!r}")
    return min(rate, PAID_BROADCAST_MAX)


def _flag(raw: str) -> bool:
    return raw.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    token: str = field(default="", repr=False)
    api_url: str = DEFAULT_API_URL
    database_url: str = ""
    admin_ids: frozenset[int] = frozenset()
    # Keys the learners' hashes in the statistics; empty: generated once and kept in the store.
    stats_key: str = field(default="", repr=False)
    # Seconds between two ticks of the clock (periodic jobs, then the outbox drained).
    clock_interval: float = 30.0
    # Whether the bot may fetch anything from the network on its own (networks' scheduled
    # catalogue sources): off unless the installation turns it on.
    allow_network: bool = False
    # Hours between two fetches of a scheduled source (failures back off on their own schedule).
    source_hours: float = 6.0
    # Whether sources may be on loopback, private or link-local addresses (an intranet, tests);
    # off: a group's administrator cannot make the bot probe the host's own network.
    source_private: bool = False
    # Messages a second allowed overall with Telegram's paid broadcasts (`allow_paid_broadcast`
    # on every message sent); 0: off, Telegram's free 30 a second.
    paid_broadcast: float = 0.0

    @classmethod
    def from_env(cls, db: str | None = None) -> Settings:
        return cls(
            token=os.environ.get("TELEGRAM_BOT_TOKEN", "").strip(),
            api_url=os.environ.get("TELEGRAM_API_URL", DEFAULT_API_URL).rstrip("/"),
            database_url=database_url(db),
            admin_ids=_admin_ids(os.environ.get("CREDBOT_ADMIN_IDS", "")),
            stats_key=os.environ.get("CREDBOT_STATS_KEY", "").strip(),
            clock_interval=float(os.environ.get("CREDBOT_CLOCK_SECONDS", "30") or 30),
            allow_network=_flag(os.environ.get("CREDBOT_ALLOW_NETWORK", "")),
            source_hours=float(os.environ.get("CREDBOT_SOURCE_HOURS", "6") or 6),
            source_private=_flag(os.environ.get("CREDBOT_SOURCE_PRIVATE", "")),
            paid_broadcast=paid_broadcast_rate(os.environ.get("CREDBOT_PAID_BROADCAST", "")),
        )


def default_learner() -> str:
    """The console learner: `console:<login name>`."""
    try:
        return f"console:{getpass.getuser()}"
    except Exception:  # no user name in some containers
        return "console:local"
