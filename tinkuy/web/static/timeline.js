/* The timeline view: the key events of each dyad, one row per dyad. Events of one day are one dot, sized by
   how many; a date known only to the month or year is a bar over that period; acts not asserted are hollow.
   A dot of one event opens it; a dot of several, or a bar, lists them. */
"use strict";

(() => {
  const T = tinkuy;
  const C = T.chart;

  /** The key events of each dyad, grouped by their date as written. */
  function groups(timelines) {
    const found = [];
    for (const timeline of timelines) {
      const byDate = new Map();
      for (const e of timeline.events.filter((x) => x.date)) {
        const key = `${e.date}|${e.date_precision}`;
        if (!byDate.has(key)) {
          const [start, end] = T.dateSpan(e.date, e.date_precision);
          byDate.set(key, {row: timeline.dyad.join("–"), dyad: timeline.dyad, date: e.date, precision: e.date_precision, start, end, events: []});
        }
        byDate.get(key).events.push(e);
      }
      found.push(...byDate.values());
    }
    return found;
  }

  function describe(group) {
    const lines = group.events.map((e) => `${e.source_code ?? "?"} → ${e.target_code ?? "–"}: ${e.cameo} ${e.cameo_name}`
      + `${e.modality === "asserted" ? "" : ` (${e.modality})`}, Goldstein ${T.fixed(e.goldstein)}`);
    const single = group.events.length === 1 ? [group.events[0].lead.sentence] : [];
    const known = group.precision === "day" ? "" : ` (known to the ${group.precision})`;
    return [`${T.dateText(group.date, group.precision)}${known} ${group.row}`, ...lines, ...single,
      group.events.length === 1 ? "click: open it" : "click: list them"];
  }

  function draw(page, timelines) {
    const box = document.getElementById("timeline");
    const found = groups(timelines);
    if (!found.length) return C.message(box, "No events for these filters");
    const rows = [...new Set(found.map((g) => g.row))];
    C.frame(box, (f) => {
      const times = found.flatMap((g) => [C.time(g.start), C.time(g.end)]);
      const pad = Math.max(C.DAY * 15, (Math.max(...times) - Math.min(...times)) * 0.04);
      const xDomain = [Math.min(...times) - pad, Math.max(...times) + pad];
      const x = C.linear(xDomain, [f.inner.left + 40, f.inner.right]);
      const y = (row) => f.inner.top + ((rows.indexOf(row) + 0.5) * (f.inner.bottom - f.inner.top)) / rows.length;
      C.axes({...f, inner: {...f.inner, left: f.inner.left + 40}}, {x, xTicks: C.dateTicks(...xDomain), y,
        yTicks: rows.map((r) => [r, r]), categories: true, xTitle: "date of the event"});
      const marks = C.svg("g", {class: "key-events"});
      for (const g of found) {
        const mean = g.events.reduce((s, e) => s + e.goldstein, 0) / g.events.length;
        const asserted = g.events.some((e) => e.modality === "asserted");
        const colour = T.goldsteinColour(mean, asserted ? "asserted" : "other");
        const act = () => (g.events.length === 1 ? page.open(g.events[0].merged_id)
          : page.drill({dyad: g.dyad.join(":"), source: null, target: null, start: g.start, end: g.end}));
        const at = y(g.row);
        const r = 6 + 3 * Math.sqrt(g.events.length - 1);
        const mark = g.precision === "day"
          ? C.svg("circle", {cx: x(C.time(g.date)), cy: at, r, fill: asserted ? colour : "#fff", stroke: asserted ? "#333" : colour, "stroke-width": asserted ? 1 : 2.5})
          : C.svg("rect", {x: x(C.time(g.start)), y: at - 5, width: Math.max(6, x(C.time(g.end)) - x(C.time(g.start))), height: 10,
            rx: 3, fill: colour, "fill-opacity": asserted ? 0.7 : 0.25, stroke: colour});
        const group = C.svg("g", {class: `key-event ${g.precision}`, "data-date": g.date, "data-count": g.events.length, "data-row": g.row}, mark);
        marks.append(C.interactive(group, f.tip, describe(g), act));
      }
      f.root.append(marks);
    });
  }

  T.view({
    name: "timeline",
    load: (page) => page.api("timeline", page.query()),
    codes: (timelines) => ({
      actors: timelines.flatMap((t) => [...t.dyad, ...t.events.flatMap((e) => [e.source_code, e.target_code])]).filter(Boolean),
      cameo: timelines.flatMap((t) => t.events.map((e) => e.cameo)),
    }),
    draw,
  });
})();
