"""The ESCO tables' builder (catalogue_data/build_esco.py): what its labels and alternative
labels teach as translations."""

import importlib.util
from types import ModuleType

from bot import PROJECT_ROOT
from bot.formats.lexicon import read_lexicon, shipped_translations
from bot.language.parallel import content_stems


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_esco", PROJECT_ROOT / "catalogue_data" / "build_esco.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _targets(lexicon: object, source: str, lang: str = "en") -> set[tuple[str, ...]]:
    stems = tuple(content_stems(source, lang))
    return {t.target for t in read_lexicon(lexicon) if t.source_lang == lang and t.source == stems}


JOBS = ("driver", "loader", "mechanic", "washer")
LABELS = [("en", f"lorry {job}", "fr", f"{french} de camion") for job, french in
          zip(JOBS, ("conducteur", "chargeur", "mécanicien", "laveur"), strict=True)]
ALTERNATIVES = [("en", f"truck {job}", "fr", french) for (_, _, _, french), job in zip(LABELS, JOBS, strict=True)]


def test_alternative_labels_teach_the_north_american_words_beside_the_labels() -> None:
    build = _builder()
    camion = (tuple(content_stems("camion", "fr")),)
    assert not set(camion) & _targets(build.build_lexicon(LABELS), "truck")
    both = build.build_lexicon(LABELS, ALTERNATIVES)
    assert set(camion) <= _targets(both, "truck")
    assert set(camion) <= _targets(both, "lorry")  # what the labels taught is kept


def test_alternatives_are_paired_with_the_other_languages_label() -> None:
    pairs = _builder()._alternative_pairs(
        {"en": "lorry driver", "fr": "chauffeur de poids lourd"},
        {"en": ["truck driver"], "fr": ["camionneur"]},
    )
    assert pairs == [
        ("en", "truck driver", "fr", "chauffeur de poids lourd"),
        ("en", "lorry driver", "fr", "camionneur"),
    ]


def test_the_shipped_table_holds_what_only_alternative_labels_teach() -> None:
    # "claims" is in ESCO's alternatives (claims adjuster, insurance claims handler), not its labels.
    claims = tuple(content_stems("claims", "en"))
    targets = {t.target for t in shipped_translations() if t.source_lang == "en" and t.source == claims}
    assert tuple(content_stems("sinistres", "fr")) in targets


def test_a_word_that_is_its_own_translation_learns_nothing_looser_from_alternatives() -> None:
    build = _builder()
    labels = [("en", "astronaut", "fr", "astronaute")] * 3
    alternatives = [("en", "astronaut", "fr", "membre d'équipage de navette spatiale")] * 6
    spatial = tuple(content_stems("spatiale", "fr"))
    assert spatial not in _targets(build.build_lexicon(labels, alternatives), "astronaut")
    # The shipped table too: "astronaut" must not search for spatial analysis.
    astronaut = tuple(content_stems("astronaut", "en"))
    shipped = {t.target for t in shipped_translations() if t.source_lang == "en" and t.source == astronaut}
    assert spatial not in shipped
