"""English is the source language: its catalogue starts as a copy of the source strings, so that
wording can be changed here without touching code. Run by `make i18n` after `pybabel update`."""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

path = Path(sys.argv[1] if len(sys.argv) > 1 else "locales/en/LC_MESSAGES/credbot.po")
with path.open("rb") as handle:
    catalogue = read_po(handle, locale="en")
for message in catalogue:
    if not message.id:
        continue
    if isinstance(message.id, tuple | list):
        if not all(message.string):
            message.string = (message.id[0], message.id[1])
    elif not message.string:
        message.string = message.id
    message.flags.discard("fuzzy")
with path.open("wb") as handle:
    write_po(handle, catalogue, width=100, omit_header=False)
