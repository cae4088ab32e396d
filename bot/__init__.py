"""credbot: a bilingual (English/French) Telegram bot for micro-credential discovery."""

from pathlib import Path

__version__ = "0.1.0"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
