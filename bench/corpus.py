"""A generator of varied, news-like articles for throughput benchmarks and tests.

    python bench/corpus.py 5000 corpus.jsonl      # 5,000 article records as JSON Lines

Articles are built from sentence templates filled with tinkuy's own actor data:
countries (names, adjectives, capitals), people with the dated roles they held
on the article's date, and organisations. Each article has a dateline, a
title, one to three stories of events (meetings, accusations, aid, threats,
sanctions, troop movements...) told with attribution, hedges, negation and
future tense, background sentences that code nothing, and the page furniture
real pages carry (share buttons, teasers, captions, donation appeals, cookie
notices), so the cleaner has work to do.

A share of the articles are wire copies: an earlier article republished by
another outlet, with its own furniture, URL and title, and sometimes a
paragraph cut or an editor's line added. They are what near-duplicate
detection must find.

The output is deterministic for a given size and seed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinkuy.datafiles import data_path, read_table, split_list  # noqa: E402

OUTLETS = (
    "Continental Wire", "Andes Daily", "The Global Ledger", "Harbour Times", "Meridian Post", "Capital Observer",
    "Northern Gazette", "Pacific Courier", "Atlantic Herald", "The Evening Standard-Bearer", "Lakeside Tribune",
    "World Desk", "Frontier Monitor", "Summit News", "Crossroads Review",
)  # fmt: skip
EVENTS = (
    "{A} met {B} in {CITY} on {DAY} to discuss trade and security.",
    "{A} held talks with {B} on {DAY}, officials said.",
    "{A} accused {B} of violating the ceasefire agreement.",
    "{A} condemned {B} for the attack on a border post.",
    "{A} signed a cooperation agreement with {B} on {DAY}.",
    "{A} sent troops to the border with {B} last week.",
    "{A} threatened to impose sanctions on {B}.",
    "{A} urged {B} to release the detained journalists.",
    "{A} praised {B} for its role in the peace talks.",
    "{A} expelled diplomats of {B} on {DAY}.",
    "{A} promised to provide economic aid to {B}.",
    "{A} criticized {B} over its handling of the crisis.",
    "{A} rejected the proposal put forward by {B}.",
    "{A} called on {B} to resume negotiations.",
    "{A} will visit {B} next month, the foreign ministry said.",
    "{A} did not send a delegation to the summit hosted by {B}.",
    "{A} reportedly offered to mediate between {B} and its neighbours.",
    "{A} could impose new tariffs on goods from {B}, analysts warned.",
    "{A} arrested several citizens of {B} on {DAY}.",
    "{A} recalled its ambassador from {B} after the dispute.",
    "{A} apologized to {B} for the incident.",
    "{A} demanded that {B} withdraw its forces.",
    "{A} hosted {B} for two days of talks.",
    "{A} and {B} agreed to restore diplomatic relations.",
    "Forces of {A} attacked positions held by {B} near the frontier.",
)  # fmt: skip
QUOTES = (
    '"We will not accept any interference in our internal affairs," {P} said.',
    '"This is a historic day for both our nations," {P} told reporters.',
    '"The door to dialogue remains open," {P} said in a statement.',
    "According to {A}, the talks made progress on several points.",
    "A senior official, speaking on condition of anonymity, said the talks had stalled.",
    "{P} said the government would respond firmly to any provocation.",
)  # fmt: skip
BACKGROUND = (
    "The two countries have a long history of disputes over their shared border.",
    "Trade between them reached a record level last year, according to official figures.",
    "The economy grew by {N} percent in the last quarter, the central bank said.",
    "Inflation has eased in recent months, but prices for food and fuel remain high.",
    "Thousands of people took part in demonstrations in the capital over the weekend.",
    "The region has seen a sharp rise in migration since the start of the year.",
    "Elections are due to be held in {YEAR}, and the campaign has already begun.",
    "Analysts said the meeting was largely symbolic.",
    "The ministry did not respond to a request for comment.",
    "The agreement still needs to be ratified by parliament.",
    "Officials gave no further details.",
    "More than {N} people have been displaced by the fighting, aid groups say.",
)  # fmt: skip
FURNITURE = (
    "Share this:", "Facebook", "Twitter", "Email", "Advertisement", "Read more: {TEASER}", "Related: {TEASER}",
    "Photo: {PHOTO} | Photo credit: {OUTLET}", "Support us and go ad-free", "Follow us on Telegram",
    "We use cookies to improve your experience on our site.", "Tags: {COUNTRY}, diplomacy, politics",
)  # fmt: skip
TAILS = (
    "Support the {OUTLET}: donate today and keep independent reporting alive.",
    "Comments are closed.",
    "© {YEAR} {OUTLET}. All rights reserved.",
    "Newsletter: get our weekly briefing in your inbox. Subscribe",
)  # fmt: skip
TEASERS = (
    "Floods leave thousands homeless in the south",
    "Central bank holds interest rates steady",
    "Opposition leader calls for early elections",
    "Football: national team wins regional cup",
    "Why the price of coffee keeps rising",
)  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    adjective: str
    capital: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str
    start: dt.date
    end: dt.date


def load_countries() -> list[Country]:
    """Countries with an adjective and a capital, from tinkuy's gazetteer."""
    rows = read_table(data_path("actors", "countries.tsv"), ("name", "adjectives", "capitals"))
    return [
        Country(row["name"], split_list(row["adjectives"])[0], split_list(row["capitals"])[0])
        for row in rows
        if row["adjectives"] and row["capitals"]
    ]


def load_people() -> list[Person]:
    """People with a dated role in the curated tables (not the imported Phoenix one)."""
    people = []
    for table in ("americas.tsv", "g20.tsv"):
        for row in read_table(data_path("actors", "people", table), ("name", "start", "end", "role")):
            if row["start"] and row["end"] and row["role"]:
                people.append(
                    Person(row["name"], row["role"], dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"]))
                )
    return people


def load_organisations() -> list[str]:
    return [
        row["name"] for row in read_table(data_path("actors", "organisations.tsv"), ("code", "name")) if row["code"][:3] == "IGO"
    ]


class Writer:
    """Writes articles with one random generator, so a corpus is reproducible from its seed."""

    def __init__(self, seed: int = 0) -> None:
        self.random = random.Random(seed)
        self.countries = load_countries()
        self.people = load_people()
        self.organisations = load_organisations()

    def actor(self, day: dt.date, country: Country) -> str:
        """A way of naming an actor of ``country`` (or an organisation) as news text does."""
        choice = self.random.random()
        if choice < 0.3:
            holders = [p for p in self.people if p.start <= day < p.end and country.name in p.role]
            if holders:
                person = self.random.choice(holders)
                return f"{person.role.removesuffix(' of ' + country.name)} {person.name}" if choice < 0.15 else person.name
        if choice < 0.55:
            return country.name
        if choice < 0.8:
            return (
                f"the {country.adjective} {self.random.choice(('government', 'foreign ministry', 'police', 'army', 'president'))}"
            )
        if choice < 0.9 and self.organisations:
            return f"the {self.random.choice(self.organisations)}"
        return f"{country.adjective} officials"

    def story(self, day: dt.date, first: Country) -> list[str]:
        """Paragraphs about ``first`` and another country: events, quotes and background."""
        second = self.random.choice([c for c in self.countries if c != first])
        fill = {
            "CITY": self.random.choice((first.capital, second.capital)),
            "DAY": day.strftime("%A"),
            "N": str(self.random.randint(2, 90)),
            "YEAR": str(day.year + 1),
        }
        paragraphs = []
        for _ in range(self.random.randint(2, 4)):
            sentences = []
            for _ in range(self.random.randint(1, 3)):
                kind = self.random.random()
                template = self.random.choice(EVENTS if kind < 0.5 else QUOTES if kind < 0.7 else BACKGROUND)
                a, b = (first, second) if self.random.random() < 0.6 else (second, first)
                actor_a = self.actor(day, a)
                text = template.format(A=actor_a, B=self.actor(day, b), P=actor_a, **fill)
                sentences.append(text[0].upper() + text[1:])
            paragraphs.append(" ".join(sentences))
        return paragraphs

    def furniture(self, outlet: str, day: dt.date, country: Country) -> str:
        line = self.random.choice(FURNITURE)
        return line.format(
            TEASER=self.random.choice(TEASERS), PHOTO=f"A street in {country.capital}", OUTLET=outlet, COUNTRY=country.name
        )

    def page(self, title: str, body: list[str], outlet: str, day: dt.date, country: Country) -> str:
        """An article as a page shows it: title, furniture between paragraphs, a dateline, a tail."""
        dateline = f"{country.capital.upper()}, {MONTHS[day.month - 1]} {day.day} ({outlet}) - "
        lines = [title, ""]
        if self.random.random() < 0.5:
            lines += [self.furniture(outlet, day, country), ""]
        lines += [dateline + body[0], ""]
        for paragraph in body[1:]:
            lines += [paragraph, ""]
            if self.random.random() < 0.15:
                lines += [self.furniture(outlet, day, country), ""]
        lines.append(self.random.choice(TAILS).format(OUTLET=outlet, YEAR=day.year))
        return "\n".join(lines)

    def article(self, number: int) -> dict[str, Any]:
        day = dt.date(2001, 1, 1) + dt.timedelta(days=self.random.randrange(8500))
        place = self.random.choice(self.countries)
        body = [p for _ in range(self.random.randint(1, 3)) for p in self.story(day, place)]
        outlet = self.random.choice(OUTLETS)
        title = self.random.choice(body).split(",")[0].split(".")[0]
        return self.record(number, title, body, outlet, day, place)

    def record(self, number: int, title: str, body: list[str], outlet: str, day: dt.date, place: Country) -> dict[str, Any]:
        slug = outlet.lower().replace(" ", "").replace("-", "")
        return {
            "id": f"bench-{number:06d}",
            "title": title,
            "date": day.isoformat(),
            "url": f"https://{slug}.example/{day:%Y/%m/%d}/{number}",
            "source": outlet,
            "text": self.page(title, body, outlet, day, place),
            "_body": body,
            "_place": place,
        }

    def wire_copy(self, number: int, original: dict[str, Any]) -> dict[str, Any]:
        """The original republished by another outlet: its own page, maybe cut or with an added line."""
        body = list(original["_body"])
        if len(body) > 3 and self.random.random() < 0.5:
            body.pop()
        if self.random.random() < 0.3:
            body.append("This story has been corrected to fix the spelling of a name.")
        outlet = self.random.choice([o for o in OUTLETS if o != original["source"]])
        day = dt.date.fromisoformat(original["date"])
        title = original["title"].upper() if self.random.random() < 0.3 else original["title"]
        return self.record(number, title, body, outlet, day, original["_place"]) | {"copy_of": original["id"]}


def generate(count: int, seed: int = 0, wire_share: float = 0.1, recent: int = 200) -> Iterator[dict[str, Any]]:
    """``count`` article records (``id, title, date, url, source, text``); ``wire_share`` of them wire copies
    of one of the ``recent`` articles before them, naming it in ``copy_of`` (a field readers ignore)."""
    writer = Writer(seed)
    originals: list[dict[str, Any]] = []
    for number in range(count):
        if originals and writer.random.random() < wire_share:
            record = writer.wire_copy(number, writer.random.choice(originals[-recent:]))
        else:
            record = writer.article(number)
            originals.append(record)
            del originals[:-recent]
        yield {k: v for k, v in record.items() if not k.startswith("_")}


def html_page(record: dict[str, Any], links: int = 300) -> str:
    """The record as a news site serves it: navigation, styles and scripts around the article (about 150 KB),
    the weight of a real page that the article extractor has to go through."""
    menu = "".join(f'<li><a href="/section/{n}">Section {n}: more stories from our reporters</a></li>' for n in range(links))
    style = "<style>" + ".story{margin:0 auto;padding:1em;font:16px/1.5 serif}" * 500 + "</style>"
    script = (
        "<script>" + 'window.track = window.track || []; track.push({"event": "view", "section": "world"});' * 500 + "</script>"
    )
    body = "".join(f"<p>{paragraph}</p>" for paragraph in record["text"].split("\n\n"))
    return (
        f"<html><head><title>{record['title']} | {record['source']}</title>{style}{script}</head><body>"
        f"<nav><ul>{menu}</ul></nav><main><article><h1>{record['title']}</h1>{body}</article></main>"
        f"<aside><ul>{menu}</ul></aside><footer><ul>{menu}</ul></footer>{script}</body></html>"
    )


def write_corpus(path: Path, count: int, seed: int = 0, wire_share: float = 0.1) -> int:
    """Write ``count`` records to a JSON Lines file; returns the number of words of their texts."""
    words = 0
    with path.open("w", encoding="utf-8") as stream:
        for record in generate(count, seed, wire_share):
            words += len(record["text"].split())
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


if __name__ == "__main__":
    size, out = int(sys.argv[1]), Path(sys.argv[2])
    print(f"{size} articles, {write_corpus(out, size):,} words, in {out}", file=sys.stderr)
