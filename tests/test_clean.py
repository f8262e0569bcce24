import datetime as dt
import sys
import unicodedata

import pytest

from tinkuy.clean import _INVISIBLE, Cleaner, outlet_from_url
from tinkuy.errors import EmptyArticle
from tinkuy.ingest import read_paths
from tinkuy.model import Article

PAGE = """• Live
  • facebook
  • twitter
World > Americas

Ecuador and Peru sign border accord

QUITO, March 3, 2023 - Ecuador and Peru signed a border accord on Friday, officials said.

Related: Chile and Bolivia trade accusations over water rights

The agreement covers trade and migration. It was signed by both foreign ministers in Quito.

Peru's foreign minister praised the talks. | Photo: Ministry handout

Share this:

Support us and go ad-free

We need your help to keep reporting. Our fight is your fight. Please donate today.

Comments are closed"""


def cleaned(text: str, **options) -> object:
    return Cleaner(**options).clean(Article.from_text(text, "doc", "test"))


def test_page_furniture_is_removed_and_the_article_kept():
    article = cleaned(PAGE)
    assert article.text.split("\n\n") == [
        "Ecuador and Peru sign border accord",
        "QUITO, March 3, 2023 - Ecuador and Peru signed a border accord on Friday, officials said.",
        "The agreement covers trade and migration. It was signed by both foreign ministers in Quito.",
    ]
    assert article.title == "Ecuador and Peru sign border accord"


def test_dateline_gives_the_publication_date():
    article = cleaned(PAGE)
    assert (article.published, article.date_source) == (dt.date(2023, 3, 3), "text")


@pytest.mark.parametrize(
    "line",
    [
        "Published 21 July 2019",
        "May 7, 2024",
        "Posted on Tuesday, 7 May 2024 10:45 GMT",
        "Date: 2024-05-07",
        "By Andes desk staff | May 7, 2024",
    ],
)
def test_date_lines_near_the_top_give_the_publication_date(line):
    article = cleaned(f"Headline here\n\n{line}\n\nThe ministers met in Lima and signed the accord.")
    assert article.published in (dt.date(2019, 7, 21), dt.date(2024, 5, 7))


def test_a_post_publication_note_is_not_the_publication_date():
    text = "Headline\n\nPost-publication note: the minister later resigned. (21 March 2019)\n\nThe ministers met in Lima and signed the accord."
    article = cleaned(text)
    assert article.published is None and "resigned" not in article.text


def test_published_beats_updated():
    text = "Headline\n\nUpdated 9 May 2024\n\nPublished 7 May 2024\n\nThe ministers met in Lima and signed the accord."
    assert cleaned(text).published == dt.date(2024, 5, 7)


@pytest.mark.parametrize(
    ("lead", "dateline", "published"),
    [
        ("QUITO, April 8 (Andes Wire) - Ecuador and Peru signed a border accord.", "QUITO, April 8 (Andes Wire)", None),
        ("CARACAS, Venezuela, Jan. 23 - The opposition leader swore himself in.", "CARACAS, Venezuela, Jan. 23", None),
        ("MANAGUA, Dec 10 - Nicaragua broke off ties with Taiwan.", "MANAGUA, Dec 10", None),
        ("April 6, 2024 - Mexico broke off relations with Ecuador.", "April 6, 2024", dt.date(2024, 4, 6)),
        ("MEXICO CITY - Mexico suspended relations with Ecuador.", "MEXICO CITY", None),
        ("SAN JOSÉ, Costa Rica — Thousands of workers marched.", "SAN JOSÉ, Costa Rica", None),
        ("LA PAZ.— Los maestros marcharon por el centro.", "LA PAZ.", None),
        (
            "KINGSTOWN, St Vincent and the Grenadines, December 15, 2023 - The two presidents met.",
            "KINGSTOWN, St Vincent and the Grenadines, December 15, 2023",
            dt.date(2023, 12, 15),
        ),
    ],
)
def test_the_dateline_is_kept_and_its_full_date_is_the_publication_date(lead, dateline, published):
    article = cleaned(f"Headline here\n\n{lead} More followed later in the day.")
    assert (article.dateline, article.published) == (dateline, published)
    assert article.text.endswith(f"{lead} More followed later in the day.")  # the text keeps it


@pytest.mark.parametrize(
    "lead",
    [
        "US - China talks ended without a deal, officials said.",  # two capitals are no place
        "Mexico broke off relations with Ecuador on Friday.",
        "NATO: allies met in Brussels on Friday.",
    ],
)
def test_a_line_that_does_not_open_with_a_dateline_has_none(lead):
    assert cleaned(f"Headline here\n\n{lead}").dateline is None


def test_a_dateline_without_a_year_takes_the_year_of_the_assumed_date():
    text = "Headline here\n\nMANAGUA, Dec 10 (Isthmus News) - Nicaragua broke off ties with Taiwan."
    article = cleaned(text, assumed_date=dt.date(2022, 1, 3))
    assert (article.published, article.date_source) == (dt.date(2021, 12, 10), "text")
    assert cleaned(text).published is None


def test_assumed_date_only_when_the_article_has_none():
    assumed = dt.date(2020, 1, 1)
    assert cleaned("The ministers met in Lima and signed it.", assumed_date=assumed).published == assumed
    assert cleaned(PAGE, assumed_date=assumed).published == dt.date(2023, 3, 3)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.reuters.com/world/americas/story", "Reuters"),
        ("https://edition.cnn.com/2024/04/06/americas/x", "CNN"),
        ("https://news.example.org/a", "news.example.org"),
        ("not a url", None),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_an_article_is_given_the_outlet_of_its_url_unless_its_input_names_one():
    def outlet(**fields: str) -> str | None:
        return Cleaner().clean(Article.from_text(PAGE, doc_id="doc", origin="test", **fields)).outlet

    assert outlet(url="https://www.reuters.com/world/x") == "Reuters"
    assert outlet(url="https://www.reuters.com/world/x", outlet="Reuters Americas") == "Reuters Americas"
    assert outlet() is None


def test_an_article_of_nothing_but_furniture_is_empty():
    with pytest.raises(EmptyArticle):
        cleaned("• facebook\n• twitter\nComments are closed")


def test_a_donation_appeal_at_the_top_does_not_cut_the_article():
    text = "Headline\n\nSupport us and go ad-free\n\nThe ministers met in Lima and signed the accord. " + "More text. " * 40
    assert "ministers met" in cleaned(text).text


def test_seed_boilerplate_is_gone(shared):
    cleaner = Cleaner()
    texts = {a.doc_id: cleaner.clean(a).text for a in read_paths([shared / "seeds"])}
    canary, telesur = texts["000_8a4f3b0a4c4dd79c"], texts["004_5b27f7baedfcc7bd"]
    for gone in (
        "We need your help",
        "Get Involved",
        "monthly donation",
        "Comments are closed",
        "Post-publication note",
        "Featured image",
    ):
        assert gone not in canary
    for gone in ("google plus", "Galapagos Islands Will Now Serve", "Post with no comments", "| Photo:"):
        assert gone not in telesur
    assert "Pompeo met Saturday with Ecuador" in telesur
    assert "Julian Assange currently has political asylum" in canary


def test_the_invisible_characters_removed_are_exactly_the_format_characters():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    removed = set(every) - set(_INVISIBLE.sub("", every))
    assert removed == {c for c in every if unicodedata.category(c) == "Cf"}


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner()


def test_a_text_of_only_zero_width_and_direction_characters_is_empty(cleaner):
    invisible = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad" * 1_500
    with pytest.raises(EmptyArticle):
        cleaner.clean(Article.from_text(invisible + "\n" + invisible, "x", "x.txt"))
    assert cleaner.clean(Article.from_text("Ecu\u200bador\u200e met Peru.", "x", "x.txt")).text == "Ecuador met Peru."


def test_a_title_is_cut_at_a_word_near_300_characters(cleaner):
    first_line = "Ecuador and Peru signed an accord " * 700
    article = cleaner.clean(Article.from_text(first_line + "\nThe talks went well, officials said.", "x", "x.txt"))
    assert len(article.title) <= 301 and article.title.endswith(" signed an…")
    titled = cleaner.clean(Article.from_text("Officials met.", "x", "x.txt", title="\u200e" + "x" * 5000))
    assert titled.title == "x" * 300 + "…"
