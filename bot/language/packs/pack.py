"""What a language brings to the bot: its words, its stemmer, its formatting locale.

A `LanguagePack` is data only: the parsers (`bot.language.text`, `limits`, `intents`, `skills`,
`bot.search.query`) build their word sets and patterns from the union of every registered pack,
so a learner may mix languages in one message.

Phrases are regular-expression fragments matched against folded text (lower case, no accents,
`œ` → `oe`, typographic apostrophes plain): in limit phrases a space stands for any run of white
space; intent phrases are matched against the whole message with single spaces. Word lists are
folded words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stemmer:
    """A Snowball stemmer and the tweaks this language needs around it."""

    snowball: str  # the Snowball algorithm's name: english, french, spanish…
    # Accents are off before stemming: suffixes given back their accent so that the stemmer
    # recognises them (French `-ite` → `-ité`), tried in order, the first that ends the word.
    accented_suffixes: tuple[tuple[str, str], ...] = ()
    # Take the accents off the stem (when the stemmer was given some back).
    fold_stem: bool = False
    # Stems the stemmer leaves apart though a learner means the same subject (analyst/analysis).
    derivations: Mapping[str, str] = field(default_factory=dict)
    # Spellings of one word made one before stemming (regular expression, replacement), in
    # order: British and American English (labour/labor, organise/organize, centre/center).
    spellings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class LimitWords:
    """How this language states limits (phrases: see the module docstring)."""

    online: tuple[str, ...] = ()  # online, en ligne, from home…
    only: tuple[str, ...] = ()  # after online or a language: only, seulement…
    free: tuple[str, ...] = ()  # free, gratuit, at no cost…
    under: tuple[str, ...] = ()  # before an amount: under, moins de…
    or_less: tuple[str, ...] = ()  # after an amount: or less, ou moins…
    budget: tuple[str, ...] = ()  # before an amount of hours or money: budget of…
    cost: tuple[str, ...] = ()  # before an amount of money, its unit optional: costing…
    hours: tuple[str, ...] = ()  # hour units: h, hours, heures
    taught: tuple[str, ...] = ()  # before "in <language>": taught, donnés…
    prepositions: tuple[str, ...] = ()  # "in" of "in French": in, en
    # Language names in this language, per language code: {"fr": ("french",)}.
    language_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Who speaks a language, standing for "in that language": {"fr": ("francophones?",)}.
    speakers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # After a language name: "French language", "French-language".
    language_word: tuple[str, ...] = ()
    # Asking for something cheap without an amount: cheap, pas trop cher, abordable.
    cheap: tuple[str, ...] = ()
    # Delivery in a classroom: in person, en présentiel.
    in_person: tuple[str, ...] = ()
    # Before a place: in, near, à, près de (a place is read only after one of these).
    near: tuple[str, ...] = ()


@dataclass(frozen=True)
class IntentWords:
    """The phrases of a whole message that ask for something other than a search."""

    help: tuple[str, ...] = ()
    greeting: tuple[str, ...] = ()
    privacy: tuple[str, ...] = ()
    # "[show] my credentials": verbs, possessives, the things a wallet holds; and questions.
    wallet_verbs: tuple[str, ...] = ()
    possessives: tuple[str, ...] = ()
    wallet_nouns: tuple[str, ...] = ()
    wallet_questions: tuple[str, ...] = ()
    # "bundle [for] <goal>", "<wish> <become> <goal>", "<become alone> <goal>".
    bundle: tuple[str, ...] = ()
    bundle_for: tuple[str, ...] = ()
    wishes: tuple[str, ...] = ()
    become: tuple[str, ...] = ()
    become_alone: tuple[str, ...] = ()
    # Asking for a language, `{language}` standing for its names: "speak {language}".
    switch: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChatWords:
    """What the understanding layer (`bot.language.understanding`) reads beside limits: phrases
    are regular-expression fragments matched against a message's core, folded, with apostrophes
    and hyphens as spaces and single spaces (`qu est ce que`, `s il vous plait`)."""

    # Around a request and never part of it: please, s'il vous plaît, can you…
    polite: tuple[str, ...] = ()
    greeting: tuple[str, ...] = ()
    thanks: tuple[str, ...] = ()
    # Goodbyes, how are you, who are you, acknowledgements: a short answer, never a search.
    small_talk: tuple[str, ...] = ()
    # Asked of the bot but not about learning: the weather, a joke.
    off_topic: tuple[str, ...] = ()
    help: tuple[str, ...] = ()
    next_page: tuple[str, ...] = ()
    previous_page: tuple[str, ...] = ()
    # "page 3": a page by number.
    page: tuple[str, ...] = ()
    # Ordinal words by their number (-1: the last one): {"first": 1, "premiere": 1}.
    ordinals: Mapping[str, int] = field(default_factory=dict)
    # Words naming the one just shown: that one, celui-là.
    that_one: tuple[str, ...] = ()
    # Words around a reference that say nothing more: the, one, number, open, show…
    reference_words: tuple[str, ...] = ()
    # Verbs of a bundle edit, by action (add, drop, swap, save, earned): drop, enlève…
    edit_verbs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Naming the bundle or the wallet in an edit: from my bundle, de mon portfolio.
    bundle_nouns: tuple[str, ...] = ()
    wallet_nouns: tuple[str, ...] = ()
    # Whole requests of the account: list saved bundles, privacy, export, forget.
    list_bundles: tuple[str, ...] = ()
    privacy: tuple[str, ...] = ()
    export: tuple[str, ...] = ()
    forget: tuple[str, ...] = ()
    # Asking for the interface language without naming it: change the language.
    interface: tuple[str, ...] = ()
    # Saying who one is ("I am a", "je suis une"): the words up to `persona_end` are not a topic.
    persona: tuple[str, ...] = ()
    persona_end: tuple[str, ...] = ()
    # Words of a request that never make a topic beside the stop words and chat words of the pack.
    filler: frozenset[str] = frozenset()
    # Found anywhere in a message (not matched whole): a bundle request ("become", "career in",
    # "path to"), the saved bundles, privacy, export, forget, off-topic subjects, an item held
    # ("I already have"), talking to the bot (for its language) and courses (for theirs).
    bundle_cues: tuple[str, ...] = ()
    list_bundles_cues: tuple[str, ...] = ()
    privacy_cues: tuple[str, ...] = ()
    export_cues: tuple[str, ...] = ()
    forget_cues: tuple[str, ...] = ()
    off_topic_cues: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    interface_cues: tuple[str, ...] = ()
    course_cues: tuple[str, ...] = ()
    # Words of a bundle request that are not its goal: path, career, job, cheapest…
    bundle_filler: frozenset[str] = frozenset()
    # Saying one does not understand a language: the other one is meant.
    not_understood: tuple[str, ...] = ()
    # Words around limits said of the bundle shown ("make it cheaper", « garde juste ceux en
    # ligne »): with nothing else, the limits narrow that bundle.
    narrowing: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LanguagePack:
    code: str  # ISO 639-1: en, fr
    native_name: str  # on the language buttons: English, Français
    format_locale: str  # Babel locale for numbers, money, dates: en_CA, fr_CA
    stemmer: Stemmer
    # Words that never carry a topic (search and documents).
    stop_words: frozenset[str]
    # Chat words of a search sentence ("I am looking for a course"): dropped when the query
    # has other words.
    query_noise: frozenset[str]
    # Scaffolding of a bundle request ("I want to become"): never reported as unknown.
    request_words: frozenset[str]
    limits: LimitWords
    intents: IntentWords
    # Elided words before an apostrophe (French l', d', qu').
    elisions: frozenset[str] = frozenset()
    # Whether a noun phrase puts its head first (French « conducteur d'engins de chantier ») or
    # last (English "heavy equipment operator"): the word that varies most between two ways of
    # naming one thing (conducteur / conduite), its other words being the topic.
    head_first: bool = False
    # Prefixes written solid onto a word (« préapprentissage », « cyberintimidation »): a query
    # word the index does not know is read as the prefix and the word it prefixes.
    prefixes: frozenset[str] = frozenset()
    # Words that introduce a provider ("from", "chez") and words too common in provider names
    # to name one alone ("university").
    provider_triggers: frozenset[str] = frozenset()
    generic_provider_words: frozenset[str] = frozenset()
    # Phrases naming the kind of thing every credential is ("micro-credential"): they never
    # narrow a search.
    domain_phrases: tuple[str, ...] = ()
    # Command names by command key: {"start": "demarrer", …}.
    commands: Mapping[str, str] = field(default_factory=dict)
    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    # Typed bundle actions by action key (add, drop, swap, save, earned, copy): the words a
    # learner may type, the first one shown.
    bundle_actions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    chat: ChatWords = field(default_factory=ChatWords)
    # How learners spell chat words on a phone, made standard before a message is read
    # (`bot.language.text.respell`): (regular expression over folded text, its replacement), in
    # order, each matched as whole words. « jai » → « j ai », « jveux » → « je veux », « koi » →
    # « quoi ». Only chat words: a topic word is never respelt.
    respellings: tuple[tuple[str, str], ...] = ()


def words(text: str) -> frozenset[str]:
    """A word set written as a block of text."""
    return frozenset(text.split())
