"""How `relevance_queries.json` was labelled (run once, before tuning; kept for transparency).

Each query below names, by hand, the skill concept(s) a learner typing it wants and, for the
sentences, the constraints it states. Grades then come from the catalogue's own skill
alignments, never from a search engine: 2 when one of those concepts is among a credential's
first two listed skills (what it is about), 1 when it is listed further down (it covers it),
0 otherwise or when the credential breaks a stated constraint.

    python -m benchmarks.relevance_labels   # rewrites benchmarks/relevance_queries.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.default_catalogue import load_default
from bot.catalogue.model import CredentialRecord

# (kind, locale, query, wanted skill keys, constraints)
QUERIES: list[tuple[str, str, str, list[str], dict[str, Any]]] = [
    # exact
    ("exact", "en", "project management", ["project-management"], {}),
    ("exact", "en", "palliative care", ["palliative-care"], {}),
    ("exact", "en", "digital marketing", ["digital-marketing"], {}),
    ("exact", "en", "machine learning", ["machine-learning"], {}),
    ("exact", "en", "customer service", ["customer-service"], {}),
    ("exact", "fr", "gestion de projet", ["project-management"], {}),
    ("exact", "fr", "comptabilité", ["accounting"], {}),
    ("exact", "fr", "infonuagique", ["cloud-computing"], {}),
    ("exact", "fr", "tenue de livres", ["bookkeeping"], {}),
    ("exact", "fr", "soins palliatifs", ["palliative-care"], {}),
    # typo
    ("typo", "en", "cybersecurty", ["cybersecurity-fundamentals"], {}),
    ("typo", "en", "bookeeping", ["bookkeeping"], {}),
    ("typo", "en", "machin lerning", ["machine-learning"], {}),
    ("typo", "en", "pallative care", ["palliative-care"], {}),
    ("typo", "en", "custmer service", ["customer-service"], {}),
    ("typo", "fr", "comptabilitée", ["accounting"], {}),
    ("typo", "fr", "cybersécuritée", ["cybersecurity-fundamentals"], {}),
    ("typo", "fr", "infonuagiqe", ["cloud-computing"], {}),
    ("typo", "fr", "cartografie", ["cartography"], {}),
    ("typo", "fr", "logistque", ["logistics"], {}),
    # no accents
    ("no-accent", "fr", "comptabilite", ["accounting"], {}),
    ("no-accent", "fr", "securite informatique", ["cybersecurity-fundamentals"], {}),
    ("no-accent", "fr", "teledetection", ["remote-sensing"], {}),
    ("no-accent", "fr", "analyse de donnees", ["data-analysis"], {}),
    ("no-accent", "fr", "fiscalite canadienne", ["taxation"], {}),
    ("no-accent", "fr", "marketing numerique", ["digital-marketing"], {}),
    ("no-accent", "fr", "salubrite alimentaire", ["food-safety"], {}),
    ("no-accent", "fr", "etude de marche", ["market-research"], {}),
    ("no-accent", "fr", "reseautique", ["networking"], {}),
    ("no-accent", "fr", "negociation", ["negotiation"], {}),
    # cross-lingual: a query in one language, concepts taught in the other too
    ("cross-lingual", "fr", "apprentissage automatique", ["machine-learning"], {}),
    ("cross-lingual", "fr", "gestion des stocks", ["inventory-management"], {}),
    ("cross-lingual", "fr", "cartographie", ["cartography"], {}),
    ("cross-lingual", "fr", "droit du travail", ["employment-law"], {}),
    ("cross-lingual", "fr", "sécurité des réseaux", ["network-security"], {}),
    ("cross-lingual", "en", "payroll administration", ["payroll"], {}),
    ("cross-lingual", "en", "distance education", ["distance-education"], {}),
    ("cross-lingual", "en", "french writing", ["french-writing"], {}),
    ("cross-lingual", "en", "child development", ["child-development"], {}),
    ("cross-lingual", "en", "conflict resolution", ["conflict-resolution"], {}),
    # skill names and synonyms of the vocabulary
    ("skill", "en", "data visualization", ["data-visualisation"], {}),
    ("skill", "en", "pandas", ["python"], {}),
    ("skill", "en", "incident response", ["incident-response"], {}),
    ("skill", "en", "instructional design", ["instructional-design"], {}),
    ("skill", "en", "inventory management", ["inventory-management"], {}),
    ("skill", "fr", "rapprochement bancaire", ["bank-reconciliation"], {}),
    ("skill", "fr", "méthodes agiles", ["agile"], {}),
    ("skill", "fr", "lecture de plans", ["blueprint-reading"], {}),
    ("skill", "fr", "planification de projet", ["project-scheduling"], {}),
    ("skill", "fr", "développement de l'enfant", ["child-development"], {}),
    # abbreviations
    ("abbreviation", "en", "GIS", ["gis"], {}),
    ("abbreviation", "en", "SQL", ["sql"], {}),
    ("abbreviation", "en", "CRM", ["crm"], {}),
    ("abbreviation", "en", "SEO", ["seo"], {}),
    ("abbreviation", "en", "HACCP", ["food-safety"], {}),
    ("abbreviation", "fr", "SIG", ["gis"], {}),
    ("abbreviation", "fr", "RCR", ["first-aid-cpr"], {}),
    ("abbreviation", "fr", "GRH", ["human-resources-management"], {}),
    ("abbreviation", "fr", "PGI", ["erp-systems"], {}),
    ("abbreviation", "fr", "FLS", ["french-second-language"], {}),
    # prefixes (the learner stopped typing)
    ("prefix", "fr", "comptab", ["accounting"], {}),
    ("prefix", "en", "cybersec", ["cybersecurity-fundamentals"], {}),
    ("prefix", "en", "cartog", ["cartography"], {}),
    ("prefix", "en", "bookkee", ["bookkeeping"], {}),
    ("prefix", "en", "palliat", ["palliative-care"], {}),
    ("prefix", "fr", "infonuag", ["cloud-computing"], {}),
    ("prefix", "fr", "télédét", ["remote-sensing"], {}),
    ("prefix", "fr", "logisti", ["logistics"], {}),
    ("prefix", "en", "javascr", ["javascript"], {}),
    ("prefix", "fr", "pharmaco", ["pharmacology"], {}),
    # natural sentences, some with filters
    ("sentence", "fr", "je cherche une formation courte en comptabilité en ligne",
     ["accounting"], {"online": True}),
    ("sentence", "en", "I want to learn bookkeeping online", ["bookkeeping"], {"online": True}),
    ("sentence", "en", "looking for a course on palliative care", ["palliative-care"], {}),
    ("sentence", "fr", "je veux apprendre la gestion de projet", ["project-management"], {}),
    ("sentence", "en", "free courses about entrepreneurship", ["entrepreneurship"],
     {"free": True}),
    ("sentence", "fr", "formation en cybersécurité en français",
     ["cybersecurity-fundamentals"], {"taught_in": "fr"}),
    ("sentence", "en", "machine learning course under 40 hours", ["machine-learning"],
     {"max_hours": 40}),
    ("sentence", "fr", "un microprogramme en marketing numérique", ["digital-marketing"], {}),
    ("sentence", "en", "I need a digital badge in customer service", ["customer-service"], {}),
    ("sentence", "fr", "cours de soins palliatifs à moins de 500 $", ["palliative-care"],
     {"max_cost": 500}),
]  # fmt: skip


def _accepts(record: CredentialRecord, constraints: dict[str, Any]) -> bool:
    if constraints.get("online") and record.delivery != "online":
        return False
    if (lang := constraints.get("taught_in")) and lang not in record.languages:
        return False
    if (hours := constraints.get("max_hours")) and (record.hours is None or record.hours > hours):
        return False
    if (cost := constraints.get("max_cost")) and (record.cost is None or record.cost > cost):
        return False
    return not constraints.get("free") or record.cost == 0


def grade(record: CredentialRecord, wanted: list[str], constraints: dict[str, Any]) -> int:
    keys = [skill.key for skill in record.skills]
    if not _accepts(record, constraints) or not set(keys) & set(wanted):
        return 0
    return 2 if set(keys[:2]) & set(wanted) else 1


def main(argv: list[str] | None = None) -> None:
    records, _ = load_default()
    out = []
    for kind, locale, query, wanted, constraints in QUERIES:
        judged = {r.external_id: grade(r, wanted, constraints) for r in records}
        out.append(
            {
                "query": query,
                "kind": kind,
                "locale": locale,
                "concepts": wanted,
                "constraints": constraints,
                "grades": {ctid: g for ctid, g in sorted(judged.items()) if g},
            }
        )
    path = Path(__file__).with_name("relevance_queries.json")
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(out)} queries written to {path}")
    for item in out:
        twos = sum(1 for g in item["grades"].values() if g == 2)
        print(f"{item['kind']:<14}{item['query']:<60}{twos:>3} x2 {len(item['grades']):>3} in all")


if __name__ == "__main__":
    main()
