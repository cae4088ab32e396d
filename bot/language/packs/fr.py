"""Français (Canadian French)."""

from __future__ import annotations

from bot.language.packs.pack import IntentWords, LanguagePack, LimitWords, Stemmer, words

PACK = LanguagePack(
    code="fr",
    native_name="Français",
    format_locale="fr_CA",
    stemmer=Stemmer(
        "french",
        # Accents are gone before stemming: the é of the commonest suffixes is given back so that
        # `comptabilite` and `comptabilité` meet, and taken off the stem again.
        accented_suffixes=(("ites", "ités"), ("ite", "ité"), ("ees", "ées"), ("ee", "ée")),
        fold_stem=True,
        # The one who does it and the doing: analyste/analyse (the French stemmer gives the
        # English stems of these words).
        derivations={"analyst": "analys", "analysi": "analys"},
    ),
    stop_words=words(
        """a au aux avec ce ces c ca d dans de des du elle elles en et eux il ils je j l la le les
        leur leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ou par pas pour qu que
        qui s sa se ses son sur t ta te tes toi ton tu un une vos votre vous y etre est suis es
        sommes etes sont ai as avons avez ont cet cette ceci cela celui celle ceux celles dont ou
        plus moins tres tout tous toute toutes sans sous chez entre vers aussi comme si ni donc car
        quel quelle quels quelles mes"""
    ),
    query_noise=words(
        """cherche cherches chercher recherche recherches veux voudrais voudrait aimerais aimerait
        souhaite souhaiterais trouver trouve besoin apprendre apprends etudier suivre faire
        formation formations cours programme programmes microprogramme microprogrammes certificat
        certificats attestation attestations microcertification microcertifications microcredit
        microcredits microtitre microtitres titre badge badges courte courtes court rapide bonne
        bon meilleur meilleure nouvelle nouveau svp merci bonjour salut aider ameliorer competence
        competences devenir interesse interessee propose proposez avez avoir quelque chose"""
    ),
    request_words=words(
        """veux voudrais aimerais souhaite souhaiterais aimer devenir etre apprendre connaitre
        maitriser je j moi mon ma mes nous notre vous votre un une des de du d le la les l et ou
        avec sans pour par en au aux dans sur comme a cours formation formations competence
        competences travailler emploi metier carriere ameliorer etudier savoir faire nouveau
        nouvelle nouvelles aussi qu que qui ce cet cette ces se s son sa ses n ne pas plus"""
    ),
    limits=LimitWords(
        online=("en ligne", "a distance", "virtuel(?:le)?s?", "de chez (?:moi|soi)"),
        only=("seulement", "uniquement"),
        free=("gratuite?s?", "gratuitement", "sans frais", "sans cout"),
        under=(
            "moins de",
            "en moins de",
            "au plus",
            "au maximum",
            r"jusqu'?\s*a",
            "pas plus de",
            "inferieure? a",
            "sous",
            "maximum de",
        ),
        or_less=("ou moins", "au plus", "au maximum"),
        budget=("budget de",),
        cost=("couta?n?t?",),
        hours=("h", "heures?"),
        taught=("donnee?s?", "offerte?s?", "enseignee?s?"),
        prepositions=("en",),
        language_names={"en": ("anglais",), "fr": ("francais",)},
        speakers={"en": ("anglophones?",), "fr": ("francophones?",)},
    ),
    intents=IntentWords(
        help=("aide", "que (?:peux|sais)[ -]tu faire", "comment ca marche"),
        greeting=("bonjour", "salut", "allo", "bonsoir", "commencer"),
        privacy=("confidentialite", "vie privee", "donnees personnelles", "mes donnees"),
        wallet_verbs=("voir", "affiche(?:r)?"),
        possessives=("mes", "mon", "ma"),
        wallet_nouns=(
            "badges?",
            "credits?",
            "portefeuille",
            "acquis",
            "passeport",
            "titres?",
            "microcertifications?",
            "certificats?",
        ),
        wallet_questions=("qu'?est-ce que j'?ai (?:obtenu|acquis)",),
        bundle=("parcours", "mixtape", "construire un parcours"),
        bundle_for=("pour",),
        wishes=("je veux", "je voudrais", "j'aimerais"),
        become=("devenir", "etre"),
        become_alone=("devenir",),
        switch=("parle[sz]?[- ]moi en {language}",),
    ),
    elisions=words("l d j m n s t c qu jusqu lorsqu puisqu"),
    provider_triggers=words("chez par de du avec aupres offert"),
    generic_provider_words=words("universite college cegep institut ecole academie centre polytechnique"),
    domain_phrases=(
        "micro[- ]?certifications?",
        "micro[- ]?credits?",
        "micro[- ]?titres?",
        "micro[- ]?programmes?",
        "badges? numeriques?",
        "micro[- ]?certificats?",
    ),
    commands={
        "start": "demarrer",
        "search": "chercher",
        "earned": "acquis",
        "bundle": "parcours",
        "language": "langue",
        "help": "aide",
        "privacy": "confidentialite",
        "export": "exporter",
        "forget": "oublier",
        "open": "ouvrir",
        "earn": "obtenu",
        "remove": "retirer",
        "page": "page",
    },
    yes=("oui",),
    no=("non",),
    bundle_actions={
        "add": ("ajouter",),
        "drop": ("retirer",),
        "swap": ("remplacer",),
        "save": ("enregistrer",),
        "earned": ("obtenu", "obtenus"),
        "copy": ("copier",),
    },
)
