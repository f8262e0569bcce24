/* Starts the page. In the app, the views ask the JSON API under /api/ with the filters of the address,
   which every link and drill-down keeps; in the report, they draw the data written into the file and the
   filters apply in the page. The views are those the other scripts registered with tinkuy.view. */
"use strict";

(() => {
  const T = tinkuy;
  const {el} = T;
  const FILTERS = ["start", "end", "actor", "source", "target", "dyad", "cameo", "quad_class", "outlet",
    "attribution", "corroboration", "hedged", "modality", "text", "country", "bbox", "place"];
  const NAMES_AT_ONCE = 400;

  /** A request the API refused as malformed: its details name the parameters. */
  class Refused extends Error {
    constructor(details) {
      super(details.map((d) => d.msg).join("; "));
      this.details = details;
    }
  }

  async function getJson(path, params) {
    const response = await fetch(`/api/${path}?${params}`);
    if (response.status === 422) throw new Refused((await response.json()).detail);
    if (!response.ok) throw new Error(`the server could not answer /api/${path} (${response.status}): ${await response.text()}`);
    return response.json();
  }

  /** What the views of the app know of the page: its address, and how to ask, link and drill down. */
  function appPage() {
    const params = new URLSearchParams(location.search);
    const address = (changes = {}, anchor = "") => {
      const next = new URLSearchParams(params);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === "") next.delete(name);
        else next.set(name, value);
      }
      return `/?${next}${anchor ? `#${anchor}` : ""}`;
    };
    return {
      mode: "app",
      params,
      words: [],
      setting: (name, fallback) => params.get(name) || fallback,
      query(options = {}) {
        const query = new URLSearchParams();
        for (const name of FILTERS) if (params.get(name)) query.set(name, params.get(name));
        for (const [name, value] of Object.entries(options)) query.set(name, value);
        return query;
      },
      api: getJson,
      actors: (q) => getJson("actors", new URLSearchParams({q})),
      address,
      link: (path) => `${path}${params.toString() ? `?${params}` : ""}`,
      remember(name, value) {
        params.set(name, value);
        history.replaceState(null, "", address());
      },
      drill: (changes) => { location.href = address({...changes, offset: null}, "events"); },
      open: (id) => { location.href = `/events/${id}${params.toString() ? `?${params}` : ""}`; },
      apply: (values) => {
        for (const name of ["metric", "ties", "order", "colour"]) if (params.get(name) && !values.get(name)) values.set(name, params.get(name));
        location.href = `/?${values}`;
      },
    };
  }

  /** Names of every code the views show, asked for in a few requests. */
  async function fetchNames(codes) {
    const actors = [...new Set(codes.actors)];
    const cameo = [...new Set(codes.cameo)];
    for (let at = 0; at < Math.max(actors.length, cameo.length); at += NAMES_AT_ONCE) {
      const query = new URLSearchParams();
      for (const code of actors.slice(at, at + NAMES_AT_ONCE)) query.append("actor", code);
      for (const code of cameo.slice(at, at + NAMES_AT_ONCE)) query.append("cameo", code);
      const found = await getJson("names", query);
      Object.assign(T.names.actors, found.actors);
      Object.assign(T.names.cameo, found.cameo);
    }
  }

  function summary(overview) {
    const range = overview.first_date ? `, dated ${overview.first_date} to ${overview.last_date}` : "";
    document.getElementById("summary").textContent =
      `${T.plural(overview.articles, "article")}, ${T.plural(overview.mentions, "event mention")} `
      + `merged into ${T.plural(overview.events, "event")}${range}.`;
  }

  function codesOf(views, answers) {
    const codes = {actors: [], cameo: []};
    views.forEach((view, i) => {
      const found = view.codes(answers[i]);
      codes.actors.push(...found.actors);
      codes.cameo.push(...found.cameo);
    });
    return codes;
  }

  async function overviewApp() {
    const page = appPage();
    const views = T.views.filter((v) => v.mode !== "report");
    const [overview, ...settled] = await Promise.allSettled([getJson("overview", new URLSearchParams()), ...views.map((v) => v.load(page))]);
    if (overview.status === "rejected") throw overview.reason;
    summary(overview.value);
    const form = T.filterForm(page, overview.value);
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) {
      if (!(failed.reason instanceof Refused)) throw failed.reason;
      form.refused(failed.reason.details);
      document.getElementById("notices").textContent = "Nothing is shown until the filters marked above are corrected.";
      return;
    }
    const answers = settled.map((s) => s.value);
    await fetchNames(codesOf(views, answers));
    views.forEach((view, i) => view.draw(page, answers[i]));
    document.getElementById("api-link").replaceChildren(" The data: ", el("a", {href: "/docs"}, "JSON API"), ".");
    await form.warn();
  }

  async function eventApp() {
    const page = appPage();
    const id = location.pathname.split("/").pop();
    const detail = await getJson(`events/${encodeURIComponent(id)}`, new URLSearchParams());
    page.words = T.searchWords(page.params.get("text"));
    await fetchNames({
      actors: [detail.event.source_code, detail.event.target_code].filter(Boolean),
      cameo: [detail.event.cameo, ...detail.mentions.map((m) => m.cameo)],
    });
    T.eventPage(detail, page);
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
      Object.entries(methods).map(([method, operation]) => el("section", {},
        el("h2", {}, el("code", {}, `${method.toUpperCase()} ${path}`)),
        el("p", {}, operation.summary ?? ""),
        operation.parameters?.length ? el("div", {class: "table-wrap"}, el("table", {class: "events"},
          el("thead", {}, el("tr", {}, ...["parameter", "in", "type", "default", "meaning"].map((h) => el("th", {}, h)))),
          el("tbody", {}, ...(operation.parameters ?? []).map((p) => el("tr", {},
            el("td", {}, el("code", {}, p.name)), el("td", {}, p.in), el("td", {}, schema(p)),
            el("td", {}, p.schema.default === undefined ? "" : JSON.stringify(p.schema.default)),
            el("td", {}, p.description ?? p.schema.description ?? "")))))) : null)),
    ));
  }

  /** The feeds the store follows, as `tinkuy watch --status` lists them. */
  async function feedsApp() {
    const feeds = await getJson("feeds", new URLSearchParams());
    const when = (t) => (t ? t.replace("T", " ").slice(0, 16) : "");
    const rows = feeds.map((f) => el("tr", {},
      el("td", {}, f.feed_url), el("td", {}, f.outlet ?? ""), el("td", {}, when(f.last_success) || "never"),
      el("td", {}, String(f.failures)), el("td", {}, f.reason ? `${f.reason}: ${f.detail}` : ""),
      el("td", {}, when(f.next_try)), ...[f.pages, f.stored, f.pending, f.failed].map((n) => el("td", {}, String(n)))));
    document.getElementById("feeds-count").textContent = feeds.length ? T.plural(feeds.length, "feed") : "This store follows no feed.";
    document.querySelector("#feeds tbody").replaceChildren(...rows);
  }

  /** The report: the data in the file, filtered in the page; drill-downs filter its table. */
  function report(data) {
    const params = new URLSearchParams();
    const page = {
      mode: "report", params, data, words: [],
      setting: (name, fallback) => params.get(name) || fallback,
      remember: (name, value) => params.set(name, value),
      actors: async (q) => {
        const typed = q.trim().toUpperCase();
        const codes = Object.keys(data.names.actors);
        const named = codes.filter((c) => c.startsWith(typed) || T.fold(data.names.actors[c]).includes(T.fold(q)));
        const matches = named.map((c) => ({code: c, name: data.names.actors[c], label: "in this report", events: 0}));
        return {query: q, known: codes.some((c) => c.startsWith(typed)), matches, nearest: []};
      },
      apply(values) {
        for (const name of [...params.keys()]) if (FILTERS.includes(name)) params.delete(name);
        for (const [name, value] of values) if (FILTERS.includes(name)) params.set(name, value);
        page.onApply?.();
        document.getElementById("events").scrollIntoView({block: "start"});
      },
      drill(changes) {
        const form = document.getElementById("filters");
        for (const [name, value] of Object.entries(changes)) {
          if (name === "dyad") [form.elements.dyad_a.value, form.elements.dyad_b.value] = (value ?? ":").split(":");
          else if (form.elements[name]) form.elements[name].value = value ?? "";
        }
        form.requestSubmit();
      },
      open: (id) => page.onOpen?.(id),
    };
    Object.assign(T.names.actors, data.names.actors);
    Object.assign(T.names.cameo, data.names.cameo);
    summary(data.overview);
    document.getElementById("scope").textContent = data.scope;
    T.filterForm(page, data.overview);
    for (const view of T.views.filter((v) => v.mode !== "app")) view.draw(page, data[view.name]);
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
      document.querySelector("main").prepend(el("p", {class: "error", role: "alert"}, String(error.message ?? error)));
      document.body.dataset.ready = "error";
    }
  }

  start();
})();
