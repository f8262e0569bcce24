/* What every view of tinkuy shares: building the DOM, names beside codes, dates as precise as they are
   known, safe links, search words marked, and the registry of views that app.js starts.
   Text from the store only ever goes in as text nodes, never as HTML, and only http and https
   addresses become links. */
"use strict";

const tinkuy = (() => {
  const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
  const CONFLICT = [178, 24, 43];
  const NEUTRAL = [200, 200, 200];
  const COOPERATION = [26, 152, 80];
  const GOLDSTEIN = "Goldstein score of the event's CAMEO code: how cooperative (up to +10) or conflictual (down to −10) "
    + "an act of that type is (Goldstein 1992, as ICEWS scores CAMEO); not a measure of this event's size.";
  const QUADCLASS = "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.";
  const MODALITIES = {
    negated: "negated: the text says it did not happen",
    hypothetical: "hypothetical: the text imagines it, or makes it depend on a condition",
    future: "future: announced or planned, not done yet",
  };
  const views = [];

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
    }
    node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }

  const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
  const fixed = (x) => (x === null || x === undefined ? "–" : Number(x).toFixed(1));

  /** The address, when it is an http or https one; anything else (javascript:, data:) never becomes a link. */
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch {
      return null;
    }
  }

  /** A date as precisely as it is known: 2019-02-14, 2019-02, 2019; "undated" without one. */
  function dateText(date, precision) {
    if (!date) return "undated";
    if (precision === "month") return date.slice(0, 7);
    if (precision === "year") return date.slice(0, 4);
    return date;
  }

  /** The first and last day a date of some precision stands for, as ISO strings. */
  function dateSpan(date, precision) {
    if (precision === "month") {
      const [year, month] = date.split("-").map(Number);
      return [date, new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)];
    }
    if (precision === "year") return [date, `${date.slice(0, 4)}-12-31`];
    return [date, date];
  }

  /** The last day of the period of length ``by`` that opens on ``start`` (ISO strings). */
  function periodEnd(start, by) {
    const day = new Date(`${start}T00:00:00Z`);
    if (by === "day") return start;
    if (by === "week") day.setUTCDate(day.getUTCDate() + 6);
    if (by === "month") day.setUTCMonth(day.getUTCMonth() + 1, 0);
    if (by === "year") day.setUTCFullYear(day.getUTCFullYear() + 1, 0, 0);
    return day.toISOString().slice(0, 10);
  }

  /** The colour of a Goldstein score from −10 (red) through 0 (grey) to 10 (green); grey for acts not asserted. */
  function goldsteinColour(score, modality = "asserted") {
    if (modality !== "asserted") return "rgb(170,170,170)";
    const t = Math.max(-1, Math.min(1, (score ?? 0) / 10));
    const [from, to, w] = t < 0 ? [NEUTRAL, CONFLICT, -t] : [NEUTRAL, COOPERATION, t];
    return `rgb(${from.map((c, i) => Math.round(c + (to[i] - c) * w)).join(",")})`;
  }

  /** Names of the codes shown: actor codes and CAMEO codes, filled once the data is in. */
  const names = {actors: {}, cameo: {}};
  const actorName = (code) => names.actors[code] ?? "";
  function actorLabel(code) {
    if (!code) return el("span", {class: "actor-code"}, "–");
    const name = actorName(code);
    return el("span", {class: "actor-code", title: name || null}, code, name ? el("span", {class: "name"}, ` ${name}`) : null);
  }
  function cameoInfo(code) {
    return names.cameo[code] ?? null;
  }

  /** Lower case without accents, one character for one: positions in it are positions in the text. */
  function fold(text) {
    return Array.from(text, (c) => {
      const plain = c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      return plain.length === 1 ? plain : c.toLowerCase().slice(0, 1) || c;
    }).join("");
  }

  /** The words of a search as the server searches them (two characters or more, letters and digits). */
  function searchWords(text) {
    return [...new Set(fold(text ?? "").split(/[^a-z0-9]+/).filter((w) => w.length > 1))];
  }

  /** Text with every word that begins with a search word marked. */
  function withHits(text, words) {
    if (!words?.length || !text) return [text];
    const folded = fold(text);
    const parts = [];
    let at = 0;
    const found = new RegExp(`(^|[^a-z0-9])(${words.map((w) => w.replace(/[^a-z0-9]/g, "")).join("|")})`, "g");
    for (const match of folded.matchAll(found)) {
      const start = match.index + match[1].length;
      const end = start + match[2].length;
      parts.push(text.slice(at, start), el("mark", {class: "hit"}, text.slice(start, end)));
      at = end;
    }
    parts.push(text.slice(at));
    return parts;
  }

  /** A sentence with its actor and event spans marked ([start, end) offsets), and the search words in it. */
  function highlighted(evidence, words = []) {
    const spans = [];
    if (evidence.source_span) spans.push([...evidence.source_span, "source"]);
    if (evidence.target_span) spans.push([...evidence.target_span, "target"]);
    for (const span of evidence.event_spans ?? []) spans.push([...span, "verb"]);
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const text = evidence.sentence;
    const parts = [];
    let at = 0;
    for (const [start, end, kind] of spans) {
      if (start < at) continue;
      parts.push(...withHits(text.slice(at, start), words), el("mark", {class: kind, title: `${kind} span`}, ...withHits(text.slice(start, end), words)));
      at = end;
    }
    parts.push(...withHits(text.slice(at), words));
    return el("span", {class: "sentence"}, ...parts);
  }

  /** Register a view: {name, mode ("app", "report" or "both"), load(page), codes(data), draw(page, data)}. */
  function view(definition) {
    views.push({mode: "both", codes: () => ({actors: [], cameo: []}), ...definition});
  }

  return {
    QUADS, GOLDSTEIN, QUADCLASS, MODALITIES, views, names,
    el, plural, fixed, safeUrl, dateText, dateSpan, periodEnd, goldsteinColour,
    actorName, actorLabel, cameoInfo, fold, searchWords, withHits, highlighted, view,
  };
})();
