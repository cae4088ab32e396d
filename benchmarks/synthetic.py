"""A deterministic synthetic catalogue (seeded random, realistic bilingual words) for speed
benchmarks: `synthetic_catalogue(100_000)` gives CredentialRecords and a Vocabulary."""

from __future__ import annotations

import random
from decimal import Decimal

from bot.domain.credential import (
    CredentialRecord,
    ProviderRecord,
    SkillConcept,
    SkillRef,
    Vocabulary,
)


def _split(text: str) -> list[str]:
    return text.split()


# (key, English label, French label, English synonyms, French synonyms, abbreviations)
TOPICS: list[tuple[str, str, str, list[str], list[str], list[str]]] = [
    ("accounting", "Accounting", "Comptabilité", ["bookkeeping"], ["tenue de livres"], []),
    (
        "cybersecurity",
        "Cybersecurity",
        "Cybersécurité",
        ["information security"],
        ["sécurité informatique"],
        ["infosec"],
    ),
    ("project-management", "Project management", "Gestion de projet", [], [], ["PM"]),
    (
        "data-analysis",
        "Data analysis",
        "Analyse de données",
        ["data analytics"],
        ["analytique"],
        [],
    ),
    (
        "gis",
        "Geographic information systems",
        "Systèmes d'information géographique",
        ["geospatial analysis"],
        ["géomatique"],
        ["GIS", "SIG"],
    ),
    (
        "palliative-care",
        "Palliative care",
        "Soins palliatifs",
        ["end-of-life care"],
        ["soins de fin de vie"],
        [],
    ),
    (
        "digital-marketing",
        "Digital marketing",
        "Marketing numérique",
        ["online marketing"],
        ["marketing en ligne"],
        [],
    ),
    (
        "machine-learning",
        "Machine learning",
        "Apprentissage automatique",
        [],
        ["apprentissage machine"],
        ["ML"],
    ),
    (
        "artificial-intelligence",
        "Artificial intelligence",
        "Intelligence artificielle",
        [],
        [],
        ["AI", "IA"],
    ),
    (
        "human-resources",
        "Human resources management",
        "Gestion des ressources humaines",
        ["people management"],
        [],
        ["HR", "RH"],
    ),
    ("leadership", "Leadership", "Leadership", ["team leadership"], ["direction d'équipe"], []),
    (
        "customer-service",
        "Customer service",
        "Service à la clientèle",
        ["client service"],
        ["service client"],
        [],
    ),
    (
        "web-development",
        "Web development",
        "Développement web",
        ["front-end development"],
        ["programmation web"],
        [],
    ),
    (
        "cloud-computing",
        "Cloud computing",
        "Infonuagique",
        ["cloud services"],
        ["informatique en nuage"],
        [],
    ),
    (
        "supply-chain",
        "Supply chain management",
        "Gestion de la chaîne d'approvisionnement",
        ["logistics"],
        ["logistique"],
        ["SCM"],
    ),
    (
        "early-childhood",
        "Early childhood education",
        "Éducation à la petite enfance",
        ["childcare"],
        ["petite enfance"],
        ["ECE"],
    ),
    ("welding", "Welding", "Soudage", [], ["soudure"], []),
    (
        "electrical",
        "Electrical installation",
        "Électricité du bâtiment",
        ["wiring"],
        ["électricité"],
        [],
    ),
    (
        "nursing",
        "Nursing practice",
        "Soins infirmiers",
        ["patient care"],
        ["pratique infirmière"],
        [],
    ),
    (
        "mental-health",
        "Mental health first aid",
        "Premiers soins en santé mentale",
        [],
        ["santé mentale"],
        [],
    ),
    (
        "occupational-safety",
        "Occupational health and safety",
        "Santé et sécurité au travail",
        ["workplace safety"],
        [],
        ["OHS", "SST"],
    ),
    (
        "food-safety",
        "Food safety",
        "Salubrité alimentaire",
        ["food hygiene"],
        ["hygiène alimentaire"],
        [],
    ),
    (
        "entrepreneurship",
        "Entrepreneurship",
        "Entrepreneuriat",
        ["starting a business"],
        ["démarrage d'entreprise"],
        [],
    ),
    (
        "public-speaking",
        "Public speaking",
        "Prise de parole en public",
        ["presentation skills"],
        ["art oratoire"],
        [],
    ),
    (
        "french-language",
        "French as a second language",
        "Français langue seconde",
        [],
        [],
        ["FSL", "FLS"],
    ),
    (
        "english-language",
        "English as a second language",
        "Anglais langue seconde",
        [],
        [],
        ["ESL", "ALS"],
    ),
    (
        "sustainability",
        "Sustainable development",
        "Développement durable",
        ["sustainability"],
        ["durabilité"],
        [],
    ),
    (
        "renewable-energy",
        "Renewable energy",
        "Énergies renouvelables",
        ["solar energy"],
        ["énergie solaire"],
        [],
    ),
    ("graphic-design", "Graphic design", "Design graphique", ["visual design"], ["graphisme"], []),
    ("video-editing", "Video editing", "Montage vidéo", [], ["édition vidéo"], []),
    ("python", "Python programming", "Programmation Python", ["python"], ["python"], []),
    (
        "databases",
        "Database management",
        "Gestion de bases de données",
        ["SQL databases"],
        ["bases de données"],
        ["SQL", "DBMS"],
    ),
    (
        "networking",
        "Computer networking",
        "Réseautique",
        ["network administration"],
        ["réseaux informatiques"],
        [],
    ),
    ("finance", "Personal finance", "Finances personnelles", ["budgeting"], ["budget"], []),
    ("taxation", "Taxation", "Fiscalité", ["income tax"], ["impôts"], []),
    ("payroll", "Payroll administration", "Gestion de la paie", ["payroll"], ["paie"], []),
    (
        "indigenous-studies",
        "Indigenous studies",
        "Études autochtones",
        ["indigenous cultures"],
        ["cultures autochtones"],
        [],
    ),
    (
        "agriculture",
        "Sustainable agriculture",
        "Agriculture durable",
        ["farming"],
        ["agroécologie"],
        [],
    ),
    (
        "tourism",
        "Tourism and hospitality",
        "Tourisme et hôtellerie",
        ["hospitality"],
        ["hôtellerie"],
        [],
    ),
    (
        "construction",
        "Construction management",
        "Gestion de chantier",
        ["site management"],
        ["gestion de la construction"],
        [],
    ),
    (
        "blockchain",
        "Blockchain fundamentals",
        "Chaîne de blocs",
        ["distributed ledger"],
        ["blockchain"],
        [],
    ),
    (
        "ux-design",
        "User experience design",
        "Design d'expérience utilisateur",
        ["UX design"],
        ["conception UX"],
        ["UX"],
    ),
    (
        "quality",
        "Quality assurance",
        "Assurance qualité",
        ["quality control"],
        ["contrôle de la qualité"],
        ["QA"],
    ),
    ("lean", "Lean manufacturing", "Production allégée", ["six sigma"], ["lean"], []),
    (
        "mediation",
        "Conflict resolution",
        "Résolution de conflits",
        ["mediation"],
        ["médiation"],
        [],
    ),
    (
        "pharmacy",
        "Pharmacy technician",
        "Technique en pharmacie",
        ["pharmacology"],
        ["pharmacologie"],
        [],
    ),
    ("gerontology", "Gerontology", "Gérontologie", ["elder care"], ["soins aux aînés"], []),
    (
        "data-privacy",
        "Data privacy",
        "Protection des renseignements personnels",
        ["privacy law"],
        ["vie privée"],
        [],
    ),
    (
        "copywriting",
        "Professional writing",
        "Rédaction professionnelle",
        ["copywriting"],
        ["rédaction"],
        [],
    ),
    ("translation", "Translation", "Traduction", ["localization"], ["localisation"], []),
]

LEVELS_EN = [
    "Introduction to",
    "Fundamentals of",
    "Essentials of",
    "Advanced",
    "Applied",
    "Foundations in",
    "Practical",
    "Certificate in",
    "Professional",
    "Intermediate",
]
LEVELS_FR = [
    "Introduction à",
    "Fondements de",
    "L'essentiel de",
    "Perfectionnement en",
    "Pratique de",
    "Initiation à",
    "Bases de",
    "Attestation en",
    "Microprogramme en",
    "Approfondissement en",
]
CONTEXTS_EN = [
    "for small businesses",
    "for beginners",
    "for health professionals",
    "in the workplace",
    "for managers",
    "for educators",
    "for the public sector",
    "for non-profits",
    "in practice",
    "for technicians",
]
CONTEXTS_FR = [
    "pour les PME",
    "pour débutants",
    "pour les professionnels de la santé",
    "en milieu de travail",
    "pour gestionnaires",
    "pour le personnel enseignant",
    "pour le secteur public",
    "pour les OBNL",
    "en pratique",
    "pour techniciens",
]
FILLER_EN = _split(
    "learners practise real cases with guided projects and short assessments, building skills"
    " employers value through hands-on activities, case studies, peer feedback and a final"
    " portfolio reviewed by instructors"
)
FILLER_FR = _split(
    "les participants pratiquent des cas réels avec des projets guidés et de courtes évaluations,"
    " développent des compétences recherchées par les employeurs grâce à des activités"
    " pratiques, des études de cas, la rétroaction des pairs et un portfolio final"
)
PROVIDER_NAMES = [
    ("Université Laval", "Université Laval"),
    ("Northern College", "Collège du Nord"),
    ("Lakeshore Polytechnic", "Polytechnique Lakeshore"),
    ("Cégep de Rimouski", "Cégep de Rimouski"),
    ("Prairie Institute of Technology", "Institut de technologie des Prairies"),
    ("Atlantic University", "Université de l'Atlantique"),
    ("Maple Skills Academy", "Académie Maple"),
    ("Université du Nord-Est", "Université du Nord-Est"),
    ("Pacific Coast College", "Collège Pacifique"),
    ("Capital Region Institute", "Institut de la Capitale"),
]


_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ren",
    "tar",
    "vel",
    "qui",
    "bou",
    "cha",
    "dor",
    "el",
    "fin",
    "gra",
    "hal",
    "is",
    "jor",
    "ku",
    "lan",
    "mor",
    "nel",
    "op",
    "pra",
    "ros",
    "sen",
    "tri",
    "ul",
    "van",
    "wes",
    "yor",
    "zel",
    "ber",
    "cou",
    "deau",
    "fort",
    "gue",
    "mont",
    "ville",
    "ton",
    "ford",
    "ley",
)


def proper_names(count: int = 30_000, seed: int = 99) -> list[str]:
    """Made-up names of places, tools and organisations: the long tail of a real catalogue's
    words, so that typo and prefix look-ups search a realistically large word list."""
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(names)


def synthetic_vocabulary() -> Vocabulary:
    return Vocabulary(
        skills=[
            SkillConcept(key, {"en": en, "fr": fr}, {"en": syn_en, "fr": syn_fr}, abbr)
            for key, en, fr, syn_en, syn_fr, abbr in TOPICS
        ]
    )


def _describe(rng: random.Random, topic: str, words: list[str], size: int, names: list[str]) -> str:
    chosen = rng.sample(words, k=min(size, len(words)))
    return f"{topic}: " + " ".join(chosen) + " (" + ", ".join(rng.sample(names, 3)) + ")."


def synthetic_catalogue(size: int, seed: int = 20240501) -> tuple[list[CredentialRecord], Vocabulary]:
    rng = random.Random(seed)
    names = proper_names()
    providers = [
        ProviderRecord(f"provider-{i}", {"en": en, "fr": fr}) for i, (en, fr) in enumerate(PROVIDER_NAMES)
    ]
    records: list[CredentialRecord] = []
    for number in range(1, size + 1):
        key, en, fr, syn_en, syn_fr, _ = TOPICS[rng.randrange(len(TOPICS))]
        second = TOPICS[rng.randrange(len(TOPICS))]
        mix = rng.random()
        langs = ["en"] if mix < 0.45 else ["fr"] if mix < 0.8 else ["en", "fr"]
        name: dict[str, str] = {}
        description: dict[str, str] = {}
        keywords: dict[str, list[str]] = {}
        topic_en = rng.choice([en, *syn_en]) if syn_en and rng.random() < 0.3 else en
        topic_fr = rng.choice([fr, *syn_fr]) if syn_fr and rng.random() < 0.3 else fr
        if "en" in langs:
            name["en"] = f"{rng.choice(LEVELS_EN)} {topic_en} {rng.choice(CONTEXTS_EN)}"
            description["en"] = _describe(rng, f"{topic_en} and {second[1].lower()}", FILLER_EN, 14, names)
            keywords["en"] = [topic_en.lower(), second[1].lower(), *syn_en[:1]]
        if "fr" in langs:
            name["fr"] = f"{rng.choice(LEVELS_FR)} {topic_fr.lower()} {rng.choice(CONTEXTS_FR)}"
            description["fr"] = _describe(rng, f"{topic_fr} et {second[2].lower()}", FILLER_FR, 14, names)
            keywords["fr"] = [topic_fr.lower(), second[2].lower(), *syn_fr[:1]]
        skills = [SkillRef({"en": en, "fr": fr}, key)]
        if rng.random() < 0.5:
            skills.append(SkillRef({"en": second[1], "fr": second[2]}, second[0]))
        records.append(
            CredentialRecord(
                id=number,
                external_id=f"synthetic-{number:06d}",
                name=name,
                description=description,
                provider=providers[rng.randrange(len(providers))],
                languages=langs,
                hours=float(rng.choice([3, 6, 8, 10, 12, 15, 20, 30, 45, 60, 90])),
                cost=Decimal(rng.choice([0, 0, 50, 95, 150, 250, 400, 750, 1200])),
                delivery=rng.choice(["online", "online", "in_person", "blended"]),
                keywords=keywords,
                skills=skills,
            )
        )
    return records, synthetic_vocabulary()


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]  # deletion
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # transposition
    return word[:i] + rng.choice("aeioustrn") + word[i + 1 :]  # substitution


def _strip_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def synthetic_queries(count: int = 600, seed: int = 7) -> list[str]:
    """Mixed learner queries: exact, typos, no accents, prefixes, abbreviations, sentences with
    filters, in both languages."""
    rng = random.Random(seed)
    queries: list[str] = []
    templates_en = [
        "I want to learn {t} online",
        "{t} course under 20 hours",
        "free {t}",
        "looking for a short {t} certificate",
        "{t} taught in French",
    ]
    templates_fr = ["je cherche une formation en {t} en ligne", "cours de {t} gratuit",
                    "{t} moins de 15 heures", "formation courte en {t} moins de 500 $",
                    "microprogramme {t} en français"]  # fmt: skip
    while len(queries) < count:
        _, en, fr, syn_en, syn_fr, abbr = TOPICS[rng.randrange(len(TOPICS))]
        kind = len(queries) % 8
        topic = rng.choice([en, fr, *syn_en, *syn_fr]).lower()
        if kind == 0:
            queries.append(topic)
        elif kind == 1:
            queries.append(" ".join(_typo(rng, w) for w in topic.split()))
        elif kind == 2:
            queries.append(_strip_accents(topic))
        elif kind == 3:
            last = topic.split()[-1]
            queries.append(topic[: len(topic) - len(last)] + last[: max(3, len(last) * 2 // 3)])
        elif kind == 4:
            queries.append(rng.choice(abbr) if abbr else rng.choice([en, fr]))
        elif kind == 5:
            queries.append(rng.choice(templates_en).format(t=en.lower()))
        elif kind == 6:
            queries.append(rng.choice(templates_fr).format(t=fr.lower()))
        else:
            queries.append(rng.choice([en, fr]).split()[0].lower())  # one broad word
    return queries
