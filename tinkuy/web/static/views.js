/* The views of tinkuy: charts drawn with plotly.js, tables and evidence built with the DOM.
   Shared by the served app and the self-contained report; they take data and know nothing of
   where it came from. Text from the store only ever goes in as text nodes, never as HTML. */
"use strict";

const tinkuyViews = (() => {
  const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
  const METRICS = {
    net_cooperation: "net cooperation (events)",
    goldstein_sum: "Goldstein score, summed",
    goldstein_mean: "Goldstein score, mean",
    events: "events",
  };
  const CONFIG = {displaylogo: false, responsive: true};
  const DAYS = {day: 1, week: 7, month: 30.4, year: 365.25};
  const CONFLICT = [178, 24, 43];
  const NEUTRAL = [200, 200, 200];
  const COOPERATION = [26, 152, 80];
  const GOLDSTEIN_SCALE = [[0, "rgb(178,24,43)"], [0.5, "rgb(200,200,200)"], [1, "rgb(26,152,80)"]];
  const FONT = {family: "system-ui, -apple-system, 'Segoe UI', sans-serif", size: 12};

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const actorPair = (e) => `${e.source_code ?? "?"} → ${e.target_code ?? "–"}`;
  const fixed = (x) => (x === null || x === undefined ? "–" : Number(x).toFixed(1));

  /** The colour of a Goldstein score from -10 (conflict, red) through 0 (grey) to 10 (cooperation, green). */
  function goldsteinColour(score) {
    const t = Math.max(-1, Math.min(1, (score ?? 0) / 10));
    const [from, to, w] = t < 0 ? [NEUTRAL, CONFLICT, -t] : [NEUTRAL, COOPERATION, t];
    const mix = from.map((c, i) => Math.round(c + (to[i] - c) * w));
    return `rgb(${mix.join(",")})`;
  }

  function layout(extra) {
    return {font: FONT, margin: {l: 50, r: 20, t: 10, b: 40}, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "#fff", ...extra};
  }

  function empty(div, message) {
    Plotly.react(div, [], layout({
      xaxis: {visible: false}, yaxis: {visible: false},
      annotations: [{text: message, showarrow: false, font: {size: 14, color: "#666"}}],
    }), CONFIG);
  }

  /** Lines of one measure over time, one per dyad. */
  function seriesChart(div, series, metric) {
    if (!series.some((s) => s.points.some((p) => p.events > 0))) return empty(div, "No events for these filters");
    const traces = series.map((s) => ({
      type: "scatter",
      mode: "lines+markers",
      marker: {size: 7},
      name: s.dyad.join("–"),
      x: s.points.map((p) => p.period),
      y: s.points.map((p) => p[metric]),
      customdata: s.points.map((p) => [
        p.events, p.verbal_cooperation, p.material_cooperation, p.verbal_conflict, p.material_conflict,
        fixed(p.goldstein_sum), fixed(p.goldstein_mean), p.net_cooperation,
      ]),
      hovertemplate: "<b>%{fullData.name}</b> %{x}<br>%{customdata[0]} events: %{customdata[1]} verbal and %{customdata[2]} material cooperation, "
        + "%{customdata[3]} verbal and %{customdata[4]} material conflict<br>Goldstein sum %{customdata[5]}, mean %{customdata[6]}; "
        + "net cooperation %{customdata[7]}<extra></extra>",
    }));
    const periods = series[0].points.map((p) => Date.parse(p.period));
    const half = (DAYS[series[0].by] * 86_400_000) / 2;
    Plotly.react(div, traces, layout({
      xaxis: {type: "date", title: {text: series[0].by}, range: [Math.min(...periods) - half, Math.max(...periods) + half]},
      yaxis: {title: {text: METRICS[metric]}, zeroline: true, zerolinecolor: "#888", rangemode: "tozero"},
      legend: {orientation: "h", y: -0.2},
      hovermode: "closest",
    }), CONFIG);
  }

  /** Actors on a circle, most active first; lines between them coloured by their mean Goldstein score. */
  function networkChart(div, network) {
    const nodes = network.nodes;
    if (!nodes.length) return empty(div, "No actor pairs for these filters");
    const place = new Map(nodes.map((n, i) => {
      const angle = Math.PI / 2 - (2 * Math.PI * i) / nodes.length;
      return [n.actor, [Math.cos(angle), Math.sin(angle)]];
    }));
    const busiest = Math.max(1, ...network.edges.map((e) => e.a_to_b + e.b_to_a));
    const mean = (e) => ((e.a_to_b_goldstein ?? 0) * e.a_to_b + (e.b_to_a_goldstein ?? 0) * e.b_to_a) / (e.a_to_b + e.b_to_a);
    const lines = network.edges.map((e) => ({
      type: "scatter", mode: "lines", hoverinfo: "skip", showlegend: false,
      x: [place.get(e.a)[0], place.get(e.b)[0]], y: [place.get(e.a)[1], place.get(e.b)[1]],
      line: {width: 1.5 + (6 * (e.a_to_b + e.b_to_a)) / busiest, color: goldsteinColour(mean(e))},
    }));
    const direction = (from, to, n, g) => (n ? `${from} → ${to}: ${plural(n, "event")}, mean Goldstein ${fixed(g)}` : `${from} → ${to}: none`);
    const middles = {
      type: "scatter", mode: "markers", showlegend: false, hoverinfo: "text", marker: {size: 14, opacity: 0},
      x: network.edges.map((e) => (place.get(e.a)[0] + place.get(e.b)[0]) / 2),
      y: network.edges.map((e) => (place.get(e.a)[1] + place.get(e.b)[1]) / 2),
      hovertext: network.edges.map((e) =>
        `${direction(e.a, e.b, e.a_to_b, e.a_to_b_goldstein)}<br>${direction(e.b, e.a, e.b_to_a, e.b_to_a_goldstein)}`),
    };
    const largest = Math.max(1, ...nodes.map((n) => n.events));
    const outside = ([x, y]) => `${y > 0.4 ? "top" : y < -0.4 ? "bottom" : "middle"} ${x > 0.4 ? "right" : x < -0.4 ? "left" : "center"}`;
    const points = {
      type: "scatter", mode: "markers+text", showlegend: false, hoverinfo: "text",
      x: nodes.map((n) => place.get(n.actor)[0]), y: nodes.map((n) => place.get(n.actor)[1]),
      text: nodes.map((n) => n.actor), textposition: nodes.map((n) => outside(place.get(n.actor))),
      hovertext: nodes.map((n) => `${n.actor}: ${n.sent} sent, ${n.received} received, mean Goldstein ${fixed(n.goldstein_mean)}`),
      marker: {
        size: nodes.map((n) => 10 + 26 * Math.sqrt(n.events / largest)),
        color: nodes.map((n) => n.goldstein_mean ?? 0), colorscale: GOLDSTEIN_SCALE, cmin: -10, cmax: 10,
        line: {color: "#333", width: 1},
      },
    };
    const axis = {visible: false, range: [-1.45, 1.45]};
    Plotly.react(div, [...lines, middles, points], layout({
      xaxis: axis, yaxis: {...axis, scaleanchor: "x"}, margin: {l: 10, r: 10, t: 10, b: 10}, hovermode: "closest",
    }), CONFIG);
  }

  /** Wrap a sentence for a hover box. */
  function wrap(text, width = 80) {
    const lines = [];
    let line = "";
    for (const word of text.split(" ")) {
      if (line && line.length + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    return [...lines, line].join("<br>");
  }

  /** Key events over time, one row per dyad; clicking one calls pick(merged_id). */
  function timelineChart(div, timelines, pick) {
    const rows = timelines.flatMap((t) => t.events.map((e) => [t.dyad.join("–"), e]));
    if (!rows.length) return empty(div, "No events for these filters");
    const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const trace = {
      type: "scatter", mode: "markers", showlegend: false, hoverinfo: "text",
      x: rows.map(([, e]) => e.date), y: rows.map(([dyad]) => dyad),
      customdata: rows.map(([, e]) => e.merged_id),
      hovertext: rows.map(([, e]) => `<b>${e.date} ${escape(actorPair(e))}</b> ${e.cameo} ${escape(e.cameo_name)}<br>`
        + `${wrap(escape(e.lead.sentence))}<br><i>${e.corroboration.replace(/_/g, " ")}, ${plural(e.n_mentions, "mention")}</i>`),
      marker: {
        size: rows.map(([, e]) => 10 + 5 * Math.sqrt(e.n_mentions)), color: rows.map(([, e]) => e.goldstein),
        colorscale: GOLDSTEIN_SCALE, cmin: -10, cmax: 10, line: {color: "#333", width: 1}, opacity: 0.85,
        showscale: true, colorbar: {title: {text: "Goldstein"}, thickness: 10},
      },
    };
    Plotly.react(div, [trace], layout({
      xaxis: {type: "date"},
      yaxis: {type: "category", automargin: true, categoryorder: "array", categoryarray: timelines.map((t) => t.dyad.join("–")).reverse()},
      hovermode: "closest",
    }), CONFIG).then(() => {
      if (pick) div.on("plotly_click", (clicked) => pick(clicked.points[0].customdata));
    });
  }

  /** A sentence with its actor and event spans marked (spans are [start, end) character offsets). */
  function highlighted(evidence) {
    const spans = [];
    if (evidence.source_span) spans.push([...evidence.source_span, "source"]);
    if (evidence.target_span) spans.push([...evidence.target_span, "target"]);
    for (const span of evidence.event_spans) spans.push([...span, "verb"]);
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const text = evidence.sentence;
    const parts = [];
    let at = 0;
    for (const [start, end, kind] of spans) {
      if (start < at) continue;
      parts.push(text.slice(at, start), el("mark", {class: kind, title: `${kind} span`}, text.slice(start, end)));
      at = end;
    }
    parts.push(text.slice(at));
    return el("span", {class: "sentence"}, ...parts);
  }

  function badge(kind, text, title) {
    return el("span", {class: `badge ${kind}`, title}, text);
  }

  /** Who vouches for an event and how widely it was reported. */
  function provenance(e) {
    const lead = e.lead;
    const source = lead.attribution_text ? `: ${lead.attribution_text}` : "";
    const attribution = {author: "the article's own voice", named: `named source${source}`, anonymous: `anonymous source${source}`};
    return el("div", {class: "provenance"},
      badge(`corroboration ${e.corroboration}`, e.corroboration.replace(/_/g, " "),
        `${plural(e.n_mentions, "mention")}, ${plural(e.n_articles, "article")}, ${plural(e.n_outlets, "known outlet")}`),
      badge(`attribution ${e.attribution}`, attribution[e.attribution] ?? e.attribution, "the strongest attribution among its mentions"),
      e.hedged ? badge("hedged", "hedged", "every mention hedges it") : null,
      e.modality !== "asserted" ? badge("modality", e.modality, "what the text says of the act") : null,
      el("div", {class: "counts"}, `${plural(e.n_mentions, "mention")} in ${plural(e.n_articles, "article")}`
        + (e.outlets.length ? ` (${e.outlets.join(", ")})` : "")),
    );
  }

  function article(lead) {
    const title = lead.title ?? lead.article_id;
    const name = lead.url ? el("a", {href: lead.url, rel: "noopener noreferrer"}, title) : el("span", {}, title);
    return el("div", {class: "article"}, name, lead.outlet ? ` · ${lead.outlet}` : "", lead.published ? ` · ${lead.published}` : "");
  }

  /** Rows of the events table; link(e) gives the address of an event's page, or null. */
  function eventRows(tbody, events, link) {
    tbody.replaceChildren(...events.map((e) => {
      const href = link ? link(e) : null;
      const code = `${e.cameo} ${e.cameo_name}`;
      return el("tr", {id: `event-${e.merged_id}`, "data-merged-id": e.merged_id},
        el("td", {class: "date"}, e.date ?? "undated"),
        el("td", {class: "actors"}, actorPair(e),
          el("div", {class: "texts"}, `${e.lead.source_text ?? ""}${e.lead.target_text ? ` → ${e.lead.target_text}` : ""}`)),
        el("td", {class: "code"}, href ? el("a", {href}, code) : code,
          el("div", {class: "goldstein", style: `border-color: ${goldsteinColour(e.goldstein)}`},
            `Goldstein ${fixed(e.goldstein)} · ${QUADS[e.quad_class]}`)),
        el("td", {class: "evidence"}, highlighted(e.lead), article(e.lead)),
        el("td", {class: "provenance"}, provenance(e)),
      );
    }));
  }

  function fact(term, ...description) {
    return [el("dt", {}, term), el("dd", {}, ...description)];
  }

  /** The event page: what was coded, then every mention with its evidence and why it was coded so. */
  function eventPage(detail) {
    const e = detail.event;
    document.getElementById("event-title").textContent = `${actorPair(e)}: ${e.cameo} ${e.cameo_name}`;
    document.title = `${actorPair(e)} ${e.cameo} · ${document.title}`;
    const dates = e.last_date && e.last_date !== e.date ? `${e.date} to ${e.last_date}` : (e.date ?? "undated");
    document.getElementById("event-facts").replaceChildren(
      `${dates} (${e.date_precision}) · ${QUADS[e.quad_class]} · Goldstein ${fixed(e.goldstein)} · `, provenance(e));
    document.getElementById("mentions").replaceChildren(...detail.mentions.map((m) => el("li", {"data-event-id": m.event_id},
      el("blockquote", {}, highlighted(m)),
      el("dl", {},
        ...fact("article", article(m)),
        ...fact("actors", `${m.source_text ?? "–"} → ${m.target_text ?? "–"}`),
        ...fact("rule", el("code", {class: "rule"}, m.rule)),
        ...fact("code", `${m.cameo}, ${m.modality}${m.hedged ? ", hedged" : ""}`),
        ...fact("source entry", el("code", {}, m.source_entry ?? "–")),
        ...fact("target entry", el("code", {}, m.target_entry ?? "–")),
        ...fact("attribution", m.attribution + (m.attribution_text ? `: ${m.attribution_text}` : "")),
        ...fact("date", `${m.date ?? "undated"}${m.date_text ? ` from “${m.date_text}”` : ""}`),
        ...(m.notes.length ? fact("notes", m.notes.join("; ")) : []),
      ))));
  }

  return {el, plural, seriesChart, networkChart, timelineChart, eventRows, eventPage};
})();
