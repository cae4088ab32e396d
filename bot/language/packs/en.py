"""English."""

from __future__ import annotations

from bot.language.packs.pack import IntentWords, LanguagePack, LimitWords, Stemmer, words

PACK = LanguagePack(
    code="en",
    native_name="English",
    format_locale="en_CA",
    stemmer=Stemmer(
        "english",
        # The one who does it and the doing: analyst/analysis.
        derivations={"analyst": "analys", "analysi": "analys", "analyz": "analys"},
        # Canadian and British spellings meet American ones (ESCO's skills, US registry data).
        spellings=(
            (r"(?<=[a-z]{3})our(s|ed|ing|ist|ists)?$", r"or\1"),
            (r"(?<=[a-z]{3})is(e|es|ed|ing|er|ers|ation|ations)$", r"iz\1"),
            (r"(?<=[a-z])ys(e|es|ed|ing|er|ers)$", r"yz\1"),
            (r"(?<=[a-z]{3})([tb])re(s|d)?$", r"\1er\2"),
            (r"(?<=[a-z]{3})ogue(s)?$", r"og\1"),
            (r"^(defen|licen|offen|preten)ce(s)?$", r"\1se\2"),
            (r"^programme(s|d)?$", r"program\1"),
        ),
    ),
    stop_words=words(
        """a about above after again against all am an and any are as at be because been before
        being below between both but by can could did do does doing down during each few for from
        further had has have having he her here hers herself him himself his how i if in into is it
        its itself just me more most my myself no nor not now of off on once only or other our ours
        ourselves out over own same she should so some such than that the their theirs them
        themselves then there these they this those through to too under until up very was we were
        what when where which while who whom why will with would you your yours yourself
        yourselves s t don shall may might must also get got any anything something"""
    ),
    query_noise=words(
        """want wants wanted would like looking look find finding search searching need needs
        learn learning study studying take taking course courses class classes training trainings
        program programs programme programmes certificate certificates certification
        certifications credential credentials microcredential microcredentials micro badge badges
        online offline short quick good best new please show give recommend suggest options option
        something anything interested interest hello hi thanks thank improve skill skills
        become"""
    ),
    request_words=words(
        """a an the and or of for to in on with without by as at from into about i me my we our
        you your want wants wanted would like love need needs needed learn learning become
        becoming be get getting work working job career skill skills some also plus please know
        how improve master study new credential credentials course courses training bundle bundles
        mixtape goal im i'm am is are"""
    ),
    limits=LimitWords(
        online=(
            "online",
            "on-line",
            "remote(?:ly)?",
            "virtual",
            "distance learning",
            "from home",
            "e-learning",
            "elearning",
        ),
        only=("only",),
        free=("free of charge", "for free", "free", "at no cost", "no cost", "without cost"),
        under=(
            "under",
            "below",
            "less than",
            "fewer than",
            "at most",
            "no more than",
            "not more than",
            "up to",
            "within",
            "max(?:imum)?",
        ),
        or_less=("or less", "or under", "max(?:imum)?"),
        budget=("budget(?: of)?",),
        cost=("cost(?:ing)?",),
        hours=("h", "hrs?", "hours?"),
        taught=("taught", "given", "offered", "delivered"),
        prepositions=("in",),
        language_names={"en": ("english",), "fr": ("french",)},
        language_word=("language",),
    ),
    intents=IntentWords(
        help=("help", "menu", "what can you do", "how does (?:it|this) work"),
        greeting=("hi", "hello", "hey", "start"),
        privacy=("privacy", "my data"),
        wallet_verbs=("show",),
        possessives=("my",),
        wallet_nouns=(
            "credentials?",
            "badges?",
            "credits?",
            "wallet",
            "passport",
            "micro-?credentials?",
            "certificates?",
        ),
        wallet_questions=("what (?:have i|did i) earn(?:ed)?",),
        bundle=("bundle", "mixtape", "build a bundle"),
        bundle_for=("for",),
        wishes=("i want to", "i'd like to", "i would like to"),
        become=("become", "be"),
        become_alone=("become",),
        switch=("speak {language}",),
    ),
    provider_triggers=words("from by at with offered"),
    generic_provider_words=words("university college institute school academy centre center inc ltd the"),
    domain_phrases=(
        "micro[- ]?credentials?",
        "micro[- ]?certifications?",
        "micro[- ]?credits?",
        "micro[- ]?programmes?",
        "micro[- ]?programs?",
        "digital badges?",
        "open badges?",
        "micro[- ]?certificates?",
    ),
    commands={
        "start": "start",
        "search": "search",
        "earned": "earned",
        "bundle": "bundle",
        "language": "language",
        "help": "help",
        "privacy": "privacy",
        "export": "export",
        "forget": "forget",
        "open": "open",
        "earn": "earn",
        "remove": "remove",
        "page": "page",
    },
    yes=("yes",),
    no=("no",),
    bundle_actions={
        "add": ("add",),
        "drop": ("drop",),
        "swap": ("swap",),
        "save": ("save",),
        "earned": ("earned",),
        "copy": ("copy",),
    },
)
