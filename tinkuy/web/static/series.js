/* The series view: one measure of cooperation and conflict over time, one line per dyad. A period with
   nothing in it is a gap in the line, not a zero (but for the count, which is zero), and has no point;
   a point opens the events of its dyad and period. */
"use strict";

(() => {
  const T = tinkuy;
  const C = T.chart;
  const MEASURES = {
    net_cooperation: "net cooperation",
    goldstein_sum: "Goldstein score, summed",
    goldstein_mean: "Goldstein score, mean",
    events: "number",
  };
  const DAYS = {day: 1, week: 7, month: 30.4, year: 365.25};
  const PRECISE = {day: "to the day", week: "to the day", month: "to the day or the month", year: "to the day, month or year"};
  const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

  /** The y value of a point: none (a gap) for an empty period, but for the count itself. */
  const value = (point, measure) => (point.events === 0 && measure !== "events" ? null : point[measure]);

  function draw(page, series) {
    const select = document.getElementById("metric");
    select.value = page.setting("metric", "net_cooperation");
    const render = () => chart(page, series, select.value);
    select.addEventListener("change", () => {
      page.remember("metric", select.value);
      render();
    });
    render();
  }

  /** Runs of consecutive points that have a value: each is one stretch of line. */
  function stretches(points) {
    const runs = [[]];
    for (const p of points) {
      if (p.y === null) runs.push([]);
      else runs.at(-1).push(p);
    }
    return runs.filter((run) => run.length > 1);
  }

  function chart(page, series, measure) {
    const box = document.getElementById("series");
    const note = document.getElementById("series-note");
    const legend = document.getElementById("series-legend");
    if (!series.length || !series.some((s) => s.points.some((p) => p.events > 0))) {
      note.textContent = "";
      legend.replaceChildren();
      return C.message(box, "No events for these filters");
    }
    const {by, unit} = series[0];
    const counted = unit === "mention" ? "mentions" : "events";
    const lines = series.map((s, i) => ({
      dyad: s.dyad,
      colour: COLOURS[i % COLOURS.length],
      points: s.points.map((p) => ({...p, t: C.time(p.period), y: value(p, measure)})),
    }));
    legend.replaceChildren(...lines.map((line) => T.el("span", {class: "swatch-item"},
      T.el("span", {class: "swatch", "data-colour": line.colour}), ` ${line.dyad.join("–")} `,
      T.el("span", {class: "name"}, line.dyad.map(T.actorName).join("–")))));
    for (const swatch of legend.querySelectorAll("[data-colour]")) swatch.style.background = swatch.dataset.colour;
    C.frame(box, (f) => {
      const times = lines[0].points.map((p) => p.t);
      const half = (DAYS[by] * C.DAY) / 2;
      const xDomain = [Math.min(...times) - half, Math.max(...times) + half];
      const values = lines.flatMap((l) => l.points.map((p) => p.y)).filter((v) => v !== null);
      const [lo, hi] = [Math.min(0, ...values), Math.max(0, ...values)];
      const pad = (hi - lo || 1) * 0.08;
      const x = C.linear(xDomain, [f.inner.left, f.inner.right]);
      const y = C.linear([lo - pad, hi + pad], [f.inner.bottom, f.inner.top]);
      C.axes(f, {x, xTicks: C.dateTicks(...xDomain), y, yTicks: C.numberTicks(lo - pad, hi + pad),
        xTitle: `${by} (${counted} dated ${PRECISE[by]})`, yTitle: `${MEASURES[measure]} (${counted})`});
      for (const line of lines) {
        const group = C.svg("g", {class: "line", "data-dyad": line.dyad.join(":")});
        for (const run of stretches(line.points)) {
          group.append(C.svg("path", {d: run.map((p, i) => `${i ? "L" : "M"}${x(p.t)},${y(p.y)}`).join(""), stroke: line.colour, fill: "none", "stroke-width": 2}));
        }
        for (const p of line.points.filter((q) => q.events > 0)) {
          const text = [`${line.dyad.join("–")} ${p.period}`, `${T.plural(p.events, counted.slice(0, -1))}: ${p.verbal_cooperation} verbal and `
            + `${p.material_cooperation} material cooperation, ${p.verbal_conflict} verbal and ${p.material_conflict} material conflict`,
          `Goldstein sum ${T.fixed(p.goldstein_sum)}, mean ${T.fixed(p.goldstein_mean)}; net cooperation ${p.net_cooperation}`, "click: list them"];
          const dot = C.svg("circle", {cx: x(p.t), cy: y(p.y), r: 5, fill: line.colour, class: "point", "data-period": p.period});
          group.append(C.interactive(dot, f.tip, text, () => page.drill({
            dyad: line.dyad.join(":"), source: null, target: null, start: p.period, end: T.periodEnd(p.period, by),
          })));
        }
        f.root.append(group);
      }
    });
    const left = series.reduce((n, s) => n + (s.imprecise ?? 0), 0);
    note.textContent = (left ? `${T.plural(left, counted.slice(0, -1))} dated less precisely than a ${by} `
      + `${left === 1 ? "is" : "are"} not in this series. ` : "") + "Click a point to list its events.";
  }

  T.view({
    name: "series",
    load: (page) => page.api("series", page.query({by: page.setting("by", "month"), unit: page.setting("unit", "event")})),
    codes: (series) => ({actors: series.flatMap((s) => s.dyad), cameo: []}),
    draw,
  });
})();
