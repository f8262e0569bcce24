/* The report's events: every event the file holds, filtered, searched, sorted and paged in the browser with
   the same filters as the app, each with all its mentions and their evidence. Nothing leaves the file. */
"use strict";

(() => {
  const T = tinkuy;
  const {el} = T;
  const PAGE_SIZE = 50;
  const ORDERS = {
    date: (e) => e.date ?? "9999", source: (e) => e.source_code ?? "~", target: (e) => e.target_code ?? "~",
    cameo: (e) => e.cameo, goldstein: (e) => e.goldstein, mentions: (e) => e.n_mentions,
  };

  /** What a search looks in: every mention's sentence, title and actors, the codes and their names. */
  function searchable(e) {
    const texts = e.mentions.flatMap((m) => [m.sentence, m.title, m.source_text, m.target_text]);
    const codes = [e.source_code, e.target_code].filter(Boolean);
    return T.fold([...texts, ...codes, ...codes.map(T.actorName)].filter(Boolean).join(" "));
  }

  const begins = (code, prefix) => (code ?? "").startsWith(prefix);

  /** Whether an event passes the filters of the form, as the app's API would judge it. */
  function passes(e, f, words) {
    if (f.start && !(e.date && e.date >= f.start)) return false;
    if (f.end && !(e.date && e.date <= f.end)) return false;
    if (f.actor && !begins(e.source_code, f.actor) && !begins(e.target_code, f.actor)) return false;
    if (f.source && !begins(e.source_code, f.source)) return false;
    if (f.target && !begins(e.target_code, f.target)) return false;
    if (f.dyad) {
      const [a, b] = f.dyad.split(":");
      const one = (x, y) => begins(e.source_code, x) && begins(e.target_code, y);
      if (!one(a, b) && !one(b, a)) return false;
    }
    if (f.cameo && !e.cameo.startsWith(f.cameo)) return false;
    if (f.quad_class && String(e.quad_class) !== f.quad_class) return false;
    if (f.outlet && !e.outlets.includes(f.outlet)) return false;
    if (f.attribution && e.attribution !== f.attribution) return false;
    if (f.corroboration && e.corroboration !== f.corroboration) return false;
    if (f.hedged && String(e.hedged) !== f.hedged) return false;
    if (f.modality && f.modality !== "any" && e.modality !== f.modality) return false;
    if (!placed(e.place, f)) return false;
    return words.every((w) => e.search.includes(` ${w}`));
  }

  /** Whether an event's place passes the place filters, as the app's API judges it (tinkuy.maps). */
  function placed(p, f) {
    if (f.country && p?.country_code !== f.country) return false;
    if (f.place && String(p?.geonames_id) !== f.place) return false;
    if (f.bbox) {
      const [west, south, east, north] = f.bbox.split(",").map(Number);
      if (!p || p.precision === "country" || p.latitude < south || p.latitude > north) return false;
      const inside = west <= east ? p.longitude >= west && p.longitude <= east : p.longitude >= west || p.longitude <= east;
      if (!inside) return false;
    }
    return true;
  }

  function sorted(events, order) {
    const key = ORDERS[order.replace(/^-/, "")] ?? ORDERS.date;
    const sign = order.startsWith("-") ? -1 : 1;
    return [...events].sort((x, y) => {
      const [a, b] = [key(x), key(y)];
      return (a < b ? -sign : a > b ? sign : 0) || (x.merged_id < y.merged_id ? -1 : 1);
    });
  }

  function row(e, words) {
    const tr = T.eventRow(e, null, words);
    const all = el("details", {class: "all-mentions"},
      el("summary", {}, `every mention (${e.mentions.length}), with its rule and dictionary entries`),
      el("ol", {class: "mentions"}, ...e.mentions.map((m) => T.mentionItem(m, words))));
    tr.querySelector("td.evidence").append(all);
    return tr;
  }

  function draw(page, events) {
    for (const e of events) e.search = ` ${searchable(e).replace(/[^a-z0-9]+/g, " ")}`;
    const state = {order: "date", number: 1};
    const tbody = document.querySelector("#events-table tbody");
    const render = () => {
      const filters = Object.fromEntries(page.params);
      const words = T.searchWords(filters.text);
      const found = sorted(events.filter((e) => passes(e, filters, words)), state.order);
      const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
      state.number = Math.min(state.number, pages);
      const shown = found.slice((state.number - 1) * PAGE_SIZE, state.number * PAGE_SIZE);
      tbody.replaceChildren(...shown.map((e) => row(e, words)));
      const held = events.length < page.data.total_events
        ? ` The report holds the ${T.plural(events.length, "most reported event")} of the ${page.data.total_events.toLocaleString("en")} `
          + `its scope selects (at most ${page.data.max_events.toLocaleString("en")}, so that the file stays small; \`tinkuy report --events N\` sets it).`
        : "";
      document.getElementById("events-count").textContent = `${T.plural(found.length, "event")} match these filters.${held}`;
      headers();
      pager(pages);
      return found;
    };
    const headers = () => {
      for (const header of document.querySelectorAll("#events-table th[data-sort]")) {
        const column = header.dataset.sort;
        const on = state.order.replace(/^-/, "") === column;
        header.setAttribute("aria-sort", on ? (state.order.startsWith("-") ? "descending" : "ascending") : "none");
        const button = el("button", {type: "button", class: "sort"}, header.textContent.replace(/ [▲▼]$/, ""),
          on ? (state.order.startsWith("-") ? " ▼" : " ▲") : "");
        button.addEventListener("click", () => {
          state.order = on && !state.order.startsWith("-") ? `-${column}` : column;
          render();
        });
        header.replaceChildren(button);
      }
    };
    const pager = (pages) => {
      const go = (number) => { state.number = number; render(); };
      const link = (label, number) => {
        if (number === state.number || number < 1 || number > pages) return el("span", {class: number === state.number ? "current" : "disabled"}, label);
        const button = el("button", {type: "button"}, label);
        button.addEventListener("click", () => go(number));
        return button;
      };
      const around = [];
      for (let n = Math.max(1, state.number - 3); n <= Math.min(pages, state.number + 3); n += 1) around.push(link(String(n), n));
      document.getElementById("pages").replaceChildren(link("« first", 1), link("‹ previous", state.number - 1), ...around,
        link("next ›", state.number + 1), link("last »", pages), el("span", {class: "note"}, ` page ${state.number} of ${pages}`));
    };
    page.onApply = () => { state.number = 1; render(); };
    page.onOpen = (id) => {
      const index = render().findIndex((e) => e.merged_id === id);
      if (index < 0) return;
      state.number = Math.floor(index / PAGE_SIZE) + 1;
      render();
      const target = document.getElementById(`event-${id}`);
      target.querySelector("details").open = true;
      target.scrollIntoView({block: "center"});
      target.classList.add("picked");
    };
    render();
  }

  T.view({name: "events", mode: "report", draw});
})();
