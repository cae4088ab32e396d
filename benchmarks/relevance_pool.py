"""The judging pools behind `relevance_queries.json` (kept for transparency and re-judging).

For each labelled query, the pool is the union of our engine's top 10, FTS5's top 10 and every
credential whose title, keywords, description or skill labels (both languages, case and accents
folded) contain one of the query's topic terms below, chosen by hand to catch what neither
engine finds. The pool is printed without ranks or engine names; a person then reads each item
and writes its grade (0/1/2) into `relevance_queries.json`. This script never grades.

    python -m benchmarks.relevance_pool [--query N ...] [--topic NAME ...]
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Sequence

from benchmarks.relevance import fts5_engine, load_catalogue, load_queries, our_engine
from bot.domain.credential import CredentialRecord
from bot.search.index import SearchIndex

# Topic of each query -> terms searched as regular expressions over folded text.
# fmt: off
TOPICS: dict[str, list[str]] = {
    "project-management": ["project", "projet", "agile", "scrum", "pmp", "gantt", "echeancier"],
    "palliative-care": ["palliat", "end.of.life", "fin de vie", "hospice", "deuil", "grief",
                        "bereave", "soins de confort", "advance care", "dementia", "demence"],
    "digital-marketing": ["marketing", r"\bseo\b", "social media", "medias sociaux",
                          "reseaux sociaux", "advertis", "publicit", "commerce electronique",
                          "e-commerce", "referencement"],
    "machine-learning": ["machine learning", "apprentissage automatique", "artificial intel",
                         "intelligence artificielle", "deep learning", "apprentissage profond",
                         "neural", "neurone", "data scien", "science des donnees", "predict",
                         "mlops", r"\bia\b", r"\bai\b"],
    "customer-service": ["customer", "client", "front desk", "reception", "accueil",
                         "call cent", "centre d.appel", "hospitality", "hotellerie"],
    "accounting": ["comptab", "account", "bookkeep", "tenue de livres", "fiscal", r"\btax",
                   "impot", "audit", "financial statement", "etats financiers", "ledger",
                   "grand livre", "quickbooks", r"\bsage\b", "ifrs", "cpa"],
    "cloud-computing": ["cloud", "nuag", r"\baws\b", "azure", "devops", "virtuali",
                        "container", "conteneur", "kubernetes", "docker"],
    "bookkeeping": ["bookkeep", "tenue de livres", "comptab", "account", "payroll", r"\bpaie\b",
                    "rapprochement", "reconcil", "quickbooks", r"\bsage\b", "ledger",
                    "grand livre", "payable", "receivable", "fournisseurs"],
    "cybersecurity": ["cyber", "securite informatique", "information security",
                      "securite de l.information", "network security", "securite des reseaux",
                      "hack", "piratage", "phishing", "hameconn", "malware", "logiciel malveillant",
                      "incident response", "reponse aux incidents", "forensic", "cryptograph",
                      "firewall", "pare-feu", "threat", "menace"],
    "cartography": ["carto", r"\bmap", r"\bgis\b", r"\bsig\b", "geomat", "geospat",
                    "geograph", "teledetect", "remote sens", "topograph", "qgis", "arcgis",
                    "spatial"],
    "logistics": ["logisti", "supply chain", "approvisionnement", "inventor", "stocks",
                  "entrepos", "warehouse", "transport", "shipping", "expedition", "freight",
                  "fret", "douane", "customs", "procurement", "achats"],
    "remote-sensing": ["teledetect", "remote sens", "satellite", "imagery", "imagerie",
                       "lidar", "drone", "photogramm", "geomat", r"\bgis\b", r"\bsig\b",
                       "aerial", "aerien"],
    "data-analysis": ["data analy", "analyse de donnees", "analyse des donnees", "analytics",
                      "analytique", "statisti", "donnees", r"\bdata\b", "excel", "power bi",
                      "tableur", "spreadsheet"],
    "taxation": ["fiscal", r"\btax", "impot", r"\btaxe", "revenu canada", r"\bcra\b",
                 r"\barc\b", "income", "tps", "tvq", "gst", "hst"],
    "food-safety": ["food", "aliment", "salubrit", "haccp", "hygien", "kitchen", "cuisine",
                    "restaura", "sanitation", "assainissement", "culinar"],
    "market-research": ["market research", "etude de marche", "etudes de marche", "survey",
                        "sondage", "consumer", "consommat", "focus group", "groupe de discussion",
                        "marketing", "market analysis", "analyse de marche", "competit",
                        "concurren"],
    "networking": ["reseautique", r"\breseau", "network", "cisco", "ccna", r"\btcp", "router",
                   "routeur", "switch", "commutat", r"\blan\b", "wi-?fi", "protocol"],
    "negotiation": ["negoci", "negotiat", "bargain", "conflict", "conflit", "mediation",
                    "persua", r"\bsales\b", r"\bvente", "procurement", "contract", "contrat"],
    "inventory": ["inventor", "stocks", "entrepos", "warehouse", "supply chain",
                  "approvisionnement", "logisti", "demand planning", "prevision de la demande"],
    "employment-law": ["droit du travail", "employment law", "labour law", "labor law",
                       "employment standards", "normes du travail", "labour relations",
                       "relations de travail", "human rights", "droits de la personne",
                       "harass", "harcelement", r"\blaw\b", r"\bdroit\b", "legal", "juridi",
                       "collective agreement", "convention collective", "union", "syndic"],
    "network-security": ["network security", "securite des reseaux", "securite reseau",
                         "firewall", "pare-feu", "intrusion", r"\bvpn\b", "cyber",
                         r"\breseau", "network"],
    "payroll": ["payroll", r"\bpaie\b", "remuneration", "compensation", "salaire", "salary",
                "wage", "benefits", "avantages sociaux", "bookkeep", "tenue de livres",
                "deductions", "retenues"],
    "distance-education": ["distance", "online learning", "apprentissage en ligne",
                           "e-?learning", "enseignement en ligne",
                           "online teaching", "teaching online", "instructional design",
                           "conception pedagogique", r"\blms\b", "moodle", "learning manag",
                           "educational tech", "technopedagog"],
    "french-writing": ["redaction", "writing", "ecriture", "grammaire", "grammar",
                       "correction", "revision", "french", "francais", "orthograph",
                       "plain language", "langage clair", "translation", "traduction"],
    "child-development": ["child", "enfan", "early childhood", "petite enfance", "daycare",
                          "garderie", "service de garde", "pediatr", "youth", "jeunes",
                          "infant", "toddler", "nourrisson", "bambin", "maternal"],
    "conflict-resolution": ["conflict", "conflit", "mediation", "negotiat", "negoci",
                            "dispute", "differend", "de-escalat", "desescalad", "crisis",
                            "crise"],
    "data-visualisation": ["visuali", "dashboard", "tableau de bord", "power bi",
                           r"\btableau\b", "chart", "graphique", "infograph", "storytelling"],
    "pandas": ["pandas", "python", "jupyter", "notebook", "data cleaning",
               "nettoyage de donnees", "numpy", "dataframe"],
    "incident-response": ["incident", "cyber", "forensic", "investigation numerique",
                          "breach", "intrusion", r"\bsoc\b", "security operations",
                          "emergency", "urgence", "ransomware", "rancongiciel"],
    "instructional-design": ["instructional", "conception pedagogique", "pedagog",
                             "curriculum", "e-?learning", "course design", "andragog",
                             "formateur", "trainer", "training", "teach", "enseign",
                             "universal design", "conception universelle", "micro-credential design"],
    "bank-reconciliation": ["rapprochement", "reconcil", r"\bbank", "bancaire", "bookkeep",
                            "tenue de livres", "comptab", "account", "month-end",
                            "fin de mois", "ledger", "grand livre"],
    "agile": ["agile", "scrum", "kanban", "sprint", r"\blean\b", "project", "projet",
              "devops", "iterati"],
    "blueprint-reading": ["blueprint", "lecture de plans", r"\bplans\b", "drawing", "dessin",
                          "drafting", "autocad", r"\bcad\b", r"\bdao\b", "construction",
                          r"\bbim\b", "estimat", "devis", "metreur"],
    "project-scheduling": ["schedul", "planification de projet", "planification des travaux",
                           "echeancier", "calendrier", "gantt",
                           "ms project", "critical path", "chemin critique", "project",
                           "projet", "production planning"],
    "gis": ["carto", r"\bmap", r"\bgis\b", r"\bsig\b", "geomat", "geospat", "geograph",
            "teledetect", "remote sens", "qgis", "arcgis", "spatial", "lidar", "gnss"],
    "sql": [r"\bsql", "database", "base de donnees", "bases de donnees", "query", "queries",
            "requete", "mysql", "postgres", "relational", "relationnel"],
    "crm": [r"\bcrm\b", "customer relationship", "relation client", "relations clients",
            "salesforce", "hubspot", r"\bsales\b", r"\bvente", "customer", "client",
            "pipeline"],
    "seo": [r"\bseo\b", "search engine", "referencement", "moteur de recherche", "google",
            "web content", "contenu web", "digital marketing", "marketing numerique",
            "web analytics", "keyword research", "mots-cles"],
    "first-aid-cpr": [r"\brcr\b", r"\bcpr\b", "first aid", "premiers soins", "premiers secours",
                      "secourisme", "reanimation", "defibrill", r"\baed\b", r"\bdea\b",
                      "resuscitat", "emergency", "urgence"],
    "human-resources": ["ressources humaines", "human resource", r"\bhr\b", r"\brh\b",
                        r"\bgrh\b", "recrut", "recruit", "payroll", r"\bpaie\b", "personnel",
                        "talent", "staffing", "dotation", "onboarding", "accueil des employes",
                        "performance management", "gestion du rendement", "labour relations",
                        "relations de travail"],
    "erp": [r"\bpgi\b", r"\berp\b", "progiciel", r"\bsap\b", "enterprise resource",
            "gestion integre", "odoo", "dynamics", "netsuite", "supply chain",
            "systemes d.information", "information system"],
    "fls": [r"\bfls\b", "french as a second", "francais langue seconde", "langue seconde",
            "second language", "french language", "langue francaise", "business french",
            "francais des affaires", "language", "langue"],
    "javascript": ["javascript", r"\bjs\b", "web dev", "developpement web", "front-end",
                   "frontend", "react", "node", "html", "typescript", "programm", "web app",
                   "application web"],
    "pharmacology": ["pharma", "medicat", "medicament", "drug", "dosage", "posolog",
                     "nursing", "infirmi", "administration of medic", "prescri"],
    "entrepreneurship": ["entrepreneur", "small business", "petite entreprise",
                         "petites entreprises", "start-?up", "demarrage", "business plan",
                         "plan d.affaires", "lancer", "launch", "self-employ", "travail autonome"],
}
# fmt: on

# Each query (by position in relevance_queries.json) -> its topic.
QUERY_TOPICS: list[str] = [
    "project-management", "palliative-care", "digital-marketing", "machine-learning",
    "customer-service", "project-management", "accounting", "cloud-computing", "bookkeeping",
    "palliative-care",
    "cybersecurity", "bookkeeping", "machine-learning", "palliative-care", "customer-service",
    "accounting", "cybersecurity", "cloud-computing", "cartography", "logistics",
    "accounting", "cybersecurity", "remote-sensing", "data-analysis", "taxation",
    "digital-marketing", "food-safety", "market-research", "networking", "negotiation",
    "machine-learning", "inventory", "cartography", "employment-law", "network-security",
    "payroll", "distance-education", "french-writing", "child-development",
    "conflict-resolution",
    "data-visualisation", "pandas", "incident-response", "instructional-design", "inventory",
    "bank-reconciliation", "agile", "blueprint-reading", "project-scheduling",
    "child-development",
    "gis", "sql", "crm", "seo", "food-safety", "gis", "first-aid-cpr", "human-resources", "erp",
    "fls",
    "accounting", "cybersecurity", "cartography", "bookkeeping", "palliative-care",
    "cloud-computing", "remote-sensing", "logistics", "javascript", "pharmacology",
    "accounting", "bookkeeping", "palliative-care", "project-management", "entrepreneurship",
    "cybersecurity", "machine-learning", "digital-marketing", "customer-service",
    "palliative-care",
]  # fmt: skip


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def record_text(record: CredentialRecord) -> str:
    parts = [*record.name.values(), *record.description.values()]
    parts += [word for words in record.keywords.values() for word in words]
    parts += [label for skill in record.skills for label in skill.label.values()]
    return fold(" | ".join(parts))


def describe(record: CredentialRecord) -> str:
    cost = "?" if record.cost is None else f"{record.cost:.0f}"
    head = (
        f"{record.external_id}  [{record.credential_type}] "
        f"{record.name.get('en', '-')} | {record.name.get('fr', '-')}\n"
        f"    langs={','.join(record.languages)} delivery={record.delivery} "
        f"hours={record.hours} cost={cost} {record.currency}\n"
        f"    skills: {', '.join(s.key or s.label.get('en', '?') for s in record.skills)}\n"
    )
    lang = "en" if "en" in record.description else "fr"
    return head + f"    {lang}: {record.description.get(lang, '')}\n"


def pools(records: list[CredentialRecord], index: SearchIndex) -> list[set[str]]:
    ours = our_engine(records, index)
    fts, db = fts5_engine(records)
    texts = {r.external_id: record_text(r) for r in records}
    result = []
    for item, topic in zip(load_queries(), QUERY_TOPICS, strict=True):
        pool = set(ours(item["query"], item["lang"])) | set(fts(item["query"], item["lang"]))
        pattern = re.compile("|".join(TOPICS[topic]))
        pool |= {ctid for ctid, text in texts.items() if pattern.search(text)}
        result.append(pool)
    db.close()
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.relevance_pool")
    parser.add_argument("--query", type=int, nargs="*", default=[])
    parser.add_argument("--topic", nargs="*", default=[])
    parser.add_argument("--sizes", action="store_true")
    args = parser.parse_args(argv)
    records, vocabulary = load_catalogue()
    by_id = {r.external_id: r for r in records}
    queries = load_queries()
    all_pools = pools(records, SearchIndex.build(records, vocabulary))
    if args.sizes:
        for n, (item, pool) in enumerate(zip(queries, all_pools, strict=True)):
            print(f"{n:>3} {QUERY_TOPICS[n]:<22}{len(pool):>4}  {item['query']}")
        print(f"pooled judgments: {sum(len(p) for p in all_pools)}")
        return
    chosen = set(args.query) | {n for n, t in enumerate(QUERY_TOPICS) if t in args.topic}
    for topic in dict.fromkeys(QUERY_TOPICS[n] for n in sorted(chosen)):
        numbers = [n for n in sorted(chosen) if QUERY_TOPICS[n] == topic]
        union = set().union(*(all_pools[n] for n in numbers))
        print(f"##### {topic}: queries {[(n, queries[n]['query']) for n in numbers]}")
        for ctid in sorted(union, key=lambda c: by_id[c].title("en")):
            print(describe(by_id[ctid]))


if __name__ == "__main__":
    main()
