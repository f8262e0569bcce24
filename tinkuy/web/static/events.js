/* The events: rows of the table with their evidence and provenance, the app's table (sorted, paged and
   downloaded on the server, its filters kept in every link), and the page of one event with every mention. */
"use strict";

(() => {
  const T = tinkuy;
  const {el} = T;
  const PAGE_SIZE = 50;
  const SORTS = {
    date: "date, earliest first", "-date": "date, latest first", key: "most reported first",
    source: "source actor", target: "target actor", cameo: "event code", goldstein: "Goldstein, conflict first",
    "-goldstein": "Goldstein, cooperation first", "-mentions": "most mentions first",
  };
  const ATTRIBUTION = {author: "the article's own voice", named: "named source", anonymous: "anonymous source"};

  function badge(kind, text, title) {
    return el("span", {class: `badge ${kind}`, title}, text);
  }

  /** Who vouches for an event, how widely it was reported, and what the text says of the act. */
  function provenance(e) {
    const lead = e.lead;
    const source = lead.attribution_text ? `: ${lead.attribution_text}` : "";
    const attribution = {...ATTRIBUTION, named: `named source${source}`, anonymous: `anonymous source${source}`};
    return el("div", {class: "provenance"},
      badge(`corroboration ${e.corroboration}`, e.corroboration.replace(/_/g, " "),
        `${T.plural(e.n_mentions, "mention")}, ${T.plural(e.n_articles, "article")}, ${T.plural(e.n_outlets, "known outlet")}`),
      badge(`attribution ${e.attribution}`, attribution[e.attribution] ?? e.attribution, "the strongest attribution among its mentions"),
      e.hedged ? badge("hedged", "hedged", "every mention hedges it (allegedly, reportedly)") : null,
      e.modality !== "asserted" ? badge(`modality ${e.modality}`, e.modality, T.MODALITIES[e.modality] ?? e.modality) : null,
      el("div", {class: "counts"}, `${T.plural(e.n_mentions, "mention")} in ${T.plural(e.n_articles, "article")}`
        + (e.outlets.length ? ` (${e.outlets.join(", ")})` : "")),
    );
  }

  /** An article's title, a link only when its address is http or https, with its outlet and day. */
  function article(mention, words = []) {
    const title = mention.title ?? mention.article_id;
    const url = T.safeUrl(mention.url);
    const name = url ? el("a", {href: url, rel: "noopener noreferrer", target: "_blank"}, ...T.withHits(title, words))
      : el("span", {title: mention.url ? `not a web address: ${mention.url}` : null}, ...T.withHits(title, words));
    return el("div", {class: "article"}, name, mention.outlet ? ` · ${mention.outlet}` : "", mention.published ? ` · ${mention.published}` : "");
  }

  /** The code of an event with its name, PLOVER type, QuadClass and Goldstein score, each explained. */
  function eventCode(e, href) {
    const info = T.cameoInfo(e.cameo);
    const code = `${e.cameo} ${e.cameo_name}`;
    return [
      href ? el("a", {href}, code) : el("span", {}, code),
      el("div", {class: "plover", title: "PLOVER event type"}, info?.plover ? `PLOVER ${info.plover}` : ""),
      el("div", {class: "goldstein", title: `${T.GOLDSTEIN} ${T.QUADCLASS}`, "data-colour": T.goldsteinColour(e.goldstein, e.modality)},
        `Goldstein ${T.fixed(e.goldstein)} · ${e.quad_class} ${T.QUADS[e.quad_class]}`),
    ];
  }

  function dateCell(e) {
    const written = T.dateText(e.date, e.date_precision);
    const last = e.last_date && e.last_date !== e.date ? ` to ${T.dateText(e.last_date, e.date_precision)}` : "";
    const precise = e.date && e.date_precision !== "day" ? el("div", {class: "precision"}, `known to the ${e.date_precision}`) : null;
    return el("td", {class: "date", "data-label": "Date"}, written + last, precise);
  }

  /** Where the event happened, and why it is placed there; nothing for an event with no stated place. */
  function where(p) {
    if (!p) return null;
    const kind = {place: "town", division: "division", country: "country"}[p.precision] ?? p.precision;
    return el("div", {class: "where", title: `GeoNames ${p.geonames_id}; ${p.rule}`},
      `Where: ${p.name}, ${p.country_code} (${kind}) · ${p.rule}`);
  }

  /** A row of the events table; ``href`` the address of the event's page, or null. */
  function eventRow(e, href, words = []) {
    const row = el("tr", {id: `event-${e.merged_id}`, "data-merged-id": e.merged_id, class: `modality-${e.modality}`},
      dateCell(e),
      el("td", {class: "actors", "data-label": "Actors"}, T.actorLabel(e.source_code), " → ", T.actorLabel(e.target_code),
        el("div", {class: "texts"}, ...T.withHits(`${e.lead.source_text ?? ""}${e.lead.target_text ? ` → ${e.lead.target_text}` : ""}`, words))),
      el("td", {class: "code", "data-label": "Event"}, ...eventCode(e, href)),
      el("td", {class: "evidence", "data-label": "Evidence"}, T.highlighted(e.lead, words), article(e.lead, words), where(e.place)),
      el("td", {class: "provenance", "data-label": "Provenance"}, provenance(e)),
    );
    paint(row);
    return row;
  }

  /** Goldstein colours set through the style object, which the content security policy allows. */
  function paint(node) {
    for (const marked of node.querySelectorAll("[data-colour]")) marked.style.borderLeftColor = marked.dataset.colour;
  }

  /** One mention with everything that makes it checkable: sentence, spans, rule, entries, attribution, date. */
  function mentionItem(m, words = []) {
    const fact = (term, ...description) => [el("dt", {}, term), el("dd", {}, ...description)];
    const info = T.cameoInfo(m.cameo);
    return el("li", {"data-event-id": m.event_id, class: `modality-${m.modality}`},
      el("blockquote", {}, T.highlighted(m, words)),
      el("dl", {},
        ...fact("article", article(m, words)),
        ...fact("actors", `${m.source_text ?? "–"} → ${m.target_text ?? "–"}`),
        ...fact("rule", el("code", {class: "rule"}, m.rule)),
        ...fact("code", `${m.cameo}${info ? ` ${info.name}` : ""}, ${m.modality}${m.hedged ? ", hedged" : ""}`),
        ...fact("source entry", el("code", {}, m.source_entry ?? "–")),
        ...fact("target entry", el("code", {}, m.target_entry ?? "–")),
        ...fact("attribution", m.attribution + (m.attribution_text ? `: ${m.attribution_text}` : "")),
        ...fact("date", `${m.date ?? "undated"}${m.date_text ? ` from “${m.date_text}”` : ""}`),
        ...(m.notes.length ? fact("notes", m.notes.join("; ")) : []),
      ));
  }

  /** The event page: what was coded, then every mention with its evidence and why it was coded so. */
  function eventPage(detail, page) {
    const e = detail.event;
    const pair = `${e.source_code ?? "?"} → ${e.target_code ?? "–"}`;
    document.getElementById("event-title").textContent = `${pair}: ${e.cameo} ${e.cameo_name}`;
    document.title = `${pair} ${e.cameo} · ${document.title}`;
    document.getElementById("back").setAttribute("href", page.link("/"));
    const dates = T.dateText(e.date, e.date_precision) + (e.last_date && e.last_date !== e.date ? ` to ${e.last_date}` : "");
    const facts = document.getElementById("event-facts");
    facts.replaceChildren(
      el("span", {}, T.actorLabel(e.source_code), " → ", T.actorLabel(e.target_code)), el("br"),
      `${dates}${e.date_precision !== "day" && e.date ? ` (known to the ${e.date_precision})` : ""} · `,
      ...eventCode(e, null), provenance(e));
    paint(facts);
    document.getElementById("mentions").replaceChildren(...detail.mentions.map((m) => mentionItem(m, page.words)));
  }

  /** Page links: the first, the previous, the pages around this one, the next, the last, and a box to jump. */
  function pager(page, total, offset) {
    const nav = document.getElementById("pages");
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const current = Math.floor(offset / PAGE_SIZE) + 1;
    const link = (label, number, title) => (number === current || number < 1 || number > pages
      ? el("span", {class: number === current ? "current" : "disabled"}, label)
      : el("a", {href: page.address({offset: (number - 1) * PAGE_SIZE}, "events"), title}, label));
    const around = [];
    for (let n = Math.max(1, current - 3); n <= Math.min(pages, current + 3); n += 1) around.push(link(String(n), n, `page ${n}`));
    const jump = el("form", {class: "jump"}, el("label", {}, "Page ", el("input", {type: "number", min: 1, max: pages, value: current, name: "page"})),
      ` of ${pages} `, el("button", {type: "submit"}, "Go"));
    jump.addEventListener("submit", (event) => {
      event.preventDefault();
      const number = Math.min(pages, Math.max(1, Number(jump.elements.page.value) || 1));
      location.href = page.address({offset: (number - 1) * PAGE_SIZE}, "events");
    });
    nav.replaceChildren(link("« first", 1), link("‹ previous", current - 1), ...around, link("next ›", current + 1), link("last »", pages), jump);
  }

  /** Sort by a column header (again: the other way), or by the choice of the box. */
  function sorting(page, order) {
    for (const header of document.querySelectorAll("#events-table th[data-sort]")) {
      const column = header.dataset.sort;
      const on = order.replace(/^-/, "") === column;
      header.setAttribute("aria-sort", on ? (order.startsWith("-") ? "descending" : "ascending") : "none");
      const next = on && !order.startsWith("-") ? `-${column}` : column;
      header.replaceChildren(el("a", {href: page.address({order: next, offset: null}, "events"), class: "sort"}, header.textContent.replace(/ [▲▼]$/, ""),
        on ? (order.startsWith("-") ? " ▼" : " ▲") : ""));
    }
    const select = el("select", {"aria-label": "sort events"}, ...Object.entries(SORTS).map(([value, label]) => el("option", {value}, label)));
    select.value = SORTS[order] ? order : "date";
    select.addEventListener("change", () => { location.href = page.address({order: select.value, offset: null}, "events"); });
    return el("label", {class: "sort-by"}, "Sort by ", select);
  }

  /** Links that download exactly what the filters select. */
  function downloads(page) {
    const link = (table, format, label) => el("a", {href: `/api/export?${page.query({table, format})}`, download: "", class: "download"}, label);
    return el("span", {class: "downloads"}, "Download the merged events as ", link("merged", "csv", "CSV"), ", ",
      link("merged", "jsonl", "JSON"), ", ", link("merged", "parquet", "Parquet"), ", ", link("merged", "geojson", "GeoJSON"),
      " (the located ones); their mentions as ", link("mentions", "csv", "CSV"), ", ", link("mentions", "jsonl", "JSON"), ", ",
      link("mentions", "parquet", "Parquet"), ", ", link("mentions", "geojson", "GeoJSON"),
      "; the articles as ", link("articles", "csv", "CSV"), ".");
  }

  function draw(page, found) {
    page.words = found.words;
    for (const e of found.events) e.place = found.places[e.merged_id] ?? null;
    const order = page.setting("order", "date");
    const offset = Number(page.setting("offset", "0"));
    const shown = found.total ? ` Showing ${offset + 1}–${Math.min(found.total, offset + PAGE_SIZE)}.` : "";
    document.getElementById("events-count").textContent = `${T.plural(found.total, "event")} match these filters.${shown}`;
    document.getElementById("events-tools").replaceChildren(sorting(page, order), downloads(page));
    document.querySelector("#events-table tbody").replaceChildren(
      ...found.events.map((e) => eventRow(e, page.link(`/events/${e.merged_id}`), found.words)));
    pager(page, found.total, offset);
  }

  T.eventRow = eventRow;
  T.mentionItem = mentionItem;
  T.eventPage = eventPage;
  T.view({
    name: "events",
    mode: "app",
    load: (page) => page.api("events", page.query({limit: PAGE_SIZE, offset: page.setting("offset", "0"), order: page.setting("order", "date")})),
    codes: (found) => ({
      actors: found.events.flatMap((e) => [e.source_code, e.target_code]).filter(Boolean),
      cameo: found.events.map((e) => e.cameo),
    }),
    draw,
  });
})();
