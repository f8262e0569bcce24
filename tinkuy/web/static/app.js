/* What each page does with the views: the report draws the data embedded in it; the app reads its
   filters from the address, asks the JSON API under /api/ and draws the answers. */
"use strict";

(() => {
  const V = tinkuyViews;
  const FILTERS = ["start", "end", "actor", "source", "target", "dyad", "cameo", "quad_class", "outlet",
    "attribution", "corroboration", "hedged", "modality"];
  const PAGE_SIZE = 50;
  const here = new URLSearchParams(location.search);
  const setting = (name, fallback) => here.get(name) || fallback;

  /** The filters of the page address that are set, with the endpoint's own options. */
  function query(options = {}) {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (here.get(name)) params.set(name, here.get(name));
    for (const [name, value] of Object.entries(options)) params.set(name, value);
    return params;
  }

  async function api(path, params = new URLSearchParams()) {
    const response = await fetch(`/api/${path}?${params}`);
    if (!response.ok) throw new Error(`/api/${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  function summary(overview) {
    const range = overview.first_date ? `, dated ${overview.first_date} to ${overview.last_date}` : "";
    document.getElementById("summary").textContent =
      `${V.plural(overview.articles, "article")}, ${V.plural(overview.mentions, "event mention")} `
      + `merged into ${V.plural(overview.events, "event")}${range}.`;
  }

  function drawSeries(series) {
    const metric = document.getElementById("metric");
    const draw = () => V.seriesChart(document.getElementById("series"), series, metric.value);
    metric.addEventListener("change", draw);
    draw();
  }

  function options(select, choices) {
    select.append(...choices.map(([value, label]) => V.el("option", {value}, label)));
  }

  /** Fill the filter form with the choices the store offers and the values the address holds. */
  function fillForm(overview, dyads) {
    const form = document.getElementById("filters");
    options(form.elements.dyad, dyads.map((d) => [`${d.a}:${d.b}`, `${d.a}–${d.b} (${d.a_to_b + d.b_to_a})`]));
    options(form.elements.cameo, overview.event_types.map((t) => [t.value, `${t.value} ${t.label.toLowerCase()} (${t.n})`]));
    options(form.elements.outlet, overview.outlets.map((o) => [o.value, `${o.label} (${o.n})`]));
    options(form.elements.corroboration, overview.corroboration.map((c) => [c.value, `${c.label} (${c.n})`]));
    document.getElementById("actor-codes").append(...overview.actors.map((a) => V.el("option", {value: a.value}, `${a.n}`)));
    for (const [name, value] of here) if (form.elements[name]) form.elements[name].value = value;
    form.hidden = false;
  }

  function pager(total, offset) {
    const nav = document.getElementById("pages");
    const link = (label, at) => {
      const params = new URLSearchParams(here);
      params.set("offset", at);
      return V.el("a", {href: `?${params}`}, label);
    };
    nav.replaceChildren(
      offset > 0 ? link("← previous", Math.max(0, offset - PAGE_SIZE)) : "",
      ` ${offset + 1}–${Math.min(total, offset + PAGE_SIZE)} of ${total} `,
      offset + PAGE_SIZE < total ? link("next →", offset + PAGE_SIZE) : "",
    );
  }

  async function overviewApp() {
    const unit = setting("unit", "event");
    const offset = Number(setting("offset", "0"));
    const [overview, dyads, series, network, timeline, events] = await Promise.all([
      api("overview"),
      api("dyads", new URLSearchParams({top: 30, modality: "any"})),
      api("series", query({by: setting("by", "month"), unit})),
      api("network", query({level: setting("level", "country"), unit})),
      api("timeline", query()),
      api("events", query({limit: PAGE_SIZE, offset})),
    ]);
    summary(overview);
    fillForm(overview, dyads);
    drawSeries(series);
    V.networkChart(document.getElementById("network"), network);
    V.timelineChart(document.getElementById("timeline"), timeline, (id) => { location.href = `/events/${id}`; });
    document.getElementById("events-count").textContent = `${V.plural(events.total, "event")} match these filters.`;
    V.eventRows(document.querySelector("#events tbody"), events.events, (e) => `/events/${e.merged_id}`);
    pager(events.total, offset);
    document.getElementById("api-link").replaceChildren(" The data: ", V.el("a", {href: "/docs"}, "JSON API"), ".");
  }

  async function eventApp() {
    const id = location.pathname.split("/").pop();
    V.eventPage(await api(`events/${encodeURIComponent(id)}`));
  }

  /** The API documentation, read from the OpenAPI document the server publishes. */
  async function docsApp() {
    const response = await fetch("/openapi.json");
    const openapi = await response.json();
    const schema = (p) => {
      const kinds = (p.schema.anyOf ?? [p.schema]).filter((x) => x.type !== "null");
      const s = kinds[0] ?? {};
      const choices = kinds.flatMap((x) => x.enum ?? (x.const === undefined ? [] : [x.const]));
      const bounds = [s.pattern && `pattern ${s.pattern}`, s.minimum !== undefined && `≥ ${s.minimum}`,
        s.maximum !== undefined && `≤ ${s.maximum}`, s.maxLength && `at most ${s.maxLength} characters`,
        choices.length && `one of ${choices.join(", ")}`, s.format].filter(Boolean);
      return `${s.type ?? ""}${bounds.length ? ` (${bounds.join("; ")})` : ""}`;
    };
    document.getElementById("endpoints").replaceChildren(...Object.entries(openapi.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => V.el("section", {},
        V.el("h2", {}, V.el("code", {}, `${method.toUpperCase()} ${path}`)),
        V.el("p", {}, operation.summary ?? ""),
        operation.parameters?.length ? V.el("table", {class: "events"},
          V.el("thead", {}, V.el("tr", {}, ...["parameter", "in", "type", "default", "meaning"].map((h) => V.el("th", {}, h)))),
          V.el("tbody", {}, ...(operation.parameters ?? []).map((p) => V.el("tr", {},
            V.el("td", {}, V.el("code", {}, p.name)), V.el("td", {}, p.in), V.el("td", {}, schema(p)),
            V.el("td", {}, p.schema.default === undefined ? "" : JSON.stringify(p.schema.default)),
            V.el("td", {}, p.description ?? p.schema.description ?? ""))))) : null)),
    ));
  }

  /** The feeds the store follows, as `tinkuy watch --status` lists them. */
  async function feedsApp() {
    const feeds = await api("feeds");
    const when = (t) => (t ? t.replace("T", " ").slice(0, 16) : "");
    const rows = feeds.map((f) => V.el("tr", {},
      V.el("td", {}, f.feed_url), V.el("td", {}, f.outlet ?? ""), V.el("td", {}, when(f.last_success) || "never"),
      V.el("td", {}, String(f.failures)), V.el("td", {}, f.reason ? `${f.reason}: ${f.detail}` : ""),
      V.el("td", {}, when(f.next_try)), ...[f.pages, f.stored, f.pending, f.failed].map((n) => V.el("td", {}, String(n)))));
    document.getElementById("feeds-count").textContent = feeds.length ? V.plural(feeds.length, "feed") : "This store follows no feed.";
    document.querySelector("#feeds tbody").replaceChildren(...rows);
  }

  function report(data) {
    summary(data.overview);
    document.getElementById("scope").textContent = data.scope;
    drawSeries(data.series);
    V.networkChart(document.getElementById("network"), data.network);
    V.timelineChart(document.getElementById("timeline"), data.timeline, (id) => {
      document.getElementById(`event-${id}`)?.scrollIntoView({behavior: "smooth", block: "center"});
    });
    const shown = data.events.length < data.total_events ? `the ${data.events.length} most reported of ` : "";
    document.getElementById("events-count").textContent = `Showing ${shown}${V.plural(data.total_events, "event")}.`;
    V.eventRows(document.querySelector("#events tbody"), data.events, null);
  }

  async function start() {
    const data = JSON.parse(document.getElementById("tinkuy-data").textContent);
    try {
      if (data) report(data);
      else if (document.body.dataset.page === "event") await eventApp();
      else if (document.body.dataset.page === "docs") await docsApp();
      else if (document.body.dataset.page === "feeds") await feedsApp();
      else await overviewApp();
      document.body.dataset.ready = "true";
    } catch (error) {
      document.querySelector("main").prepend(V.el("p", {class: "error"}, String(error)));
      document.body.dataset.ready = "error";
    }
  }

  start();
})();
