/* A small SVG toolkit for tinkuy's charts: scales, date and number ticks, axes, a tooltip, and a chart frame
   that redraws when its box changes size. The charts need no library: a page loads in a fraction of a
   second, the report stays small, and nothing in a chart is ever HTML (labels and tooltips are text). */
"use strict";

(() => {
  const T = tinkuy;
  const NS = "http://www.w3.org/2000/svg";
  const DAY = 86_400_000;
  const MARGIN = {left: 56, right: 16, top: 12, bottom: 42};

  /** An SVG element with attributes and children (strings become text nodes). */
  function svg(tag, attributes = {}, ...children) {
    const node = document.createElementNS(NS, tag);
    for (const [name, value] of Object.entries(attributes)) if (value !== null && value !== undefined) node.setAttribute(name, value);
    node.append(...children.flat().filter((c) => c !== null && c !== undefined));
    return node;
  }

  const linear = ([d0, d1], [r0, r1]) => (v) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) * (r1 - r0)) / (d1 - d0));
  const time = (iso) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

  /** Round numbers from ``lo`` to ``hi``, about ``count`` of them. */
  function numberTicks(lo, hi, count = 5) {
    if (lo === hi) return [lo];
    const raw = (hi - lo) / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
    const ticks = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
    return ticks;
  }

  /** Calendar ticks over a span of days: years, quarters, months or days, with labels to match. */
  function dateTicks(lo, hi, count = 7) {
    const days = (hi - lo) / DAY;
    const first = new Date(lo);
    const ticks = [];
    if (days > 365 * 2) {
      const step = Math.max(1, Math.ceil(days / 365 / count));
      for (let y = first.getUTCFullYear(); Date.UTC(y, 0, 1) <= hi; y += 1) {
        if (y % step === 0 && Date.UTC(y, 0, 1) >= lo) ticks.push([Date.UTC(y, 0, 1), String(y)]);
      }
    } else if (days > 45) {
      const step = [1, 2, 3, 6].find((s) => days / 30.4 / s <= count) ?? 12;
      const d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
      for (; d.getTime() <= hi; d.setUTCMonth(d.getUTCMonth() + 1)) {
        if (d.getTime() >= lo && d.getUTCMonth() % step === 0) ticks.push([d.getTime(), d.toISOString().slice(0, 7)]);
      }
    } else {
      const step = Math.max(1, Math.ceil(days / count));
      for (let t = Math.ceil(lo / DAY) * DAY; t <= hi; t += DAY * step) ticks.push([t, new Date(t).toISOString().slice(0, 10)]);
    }
    return ticks.length ? ticks : [[lo, new Date(lo).toISOString().slice(0, 10)]];
  }

  /** The chart's tooltip: text only, placed by the pointer. */
  function tooltip(box) {
    let tip = box.querySelector(".tooltip");
    if (!tip) {
      tip = T.el("div", {class: "tooltip", role: "tooltip", hidden: true});
      box.append(tip);
    }
    return {
      show(event, lines) {
        tip.replaceChildren(...lines.flatMap((line, i) => (i ? [T.el("br"), line] : [line])));
        tip.hidden = false;
        const area = box.getBoundingClientRect();
        const x = event.clientX - area.left;
        tip.style.left = `${Math.min(Math.max(0, x + 12), Math.max(0, area.width - tip.offsetWidth))}px`;
        tip.style.top = `${event.clientY - area.top + 14}px`;
      },
      hide() { tip.hidden = true; },
    };
  }

  /** Hover, focus and click of a chart element: its tooltip lines, and what a click (or Enter) does. */
  function interactive(node, tip, lines, act) {
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", lines.join(". "));
    node.addEventListener("mousemove", (event) => tip.show(event, lines));
    node.addEventListener("mouseleave", () => tip.hide());
    node.addEventListener("click", act);
    node.addEventListener("keydown", (event) => { if (event.key === "Enter") act(); });
    return node;
  }

  /** An empty chart with a message. */
  function message(box, text) {
    box.querySelector("svg")?.remove();
    box.querySelector(".chart-message")?.remove();
    box.append(T.el("p", {class: "chart-message"}, text));
  }

  /** Draw ``paint(frame)`` into a box now and again whenever its width changes. */
  function frame(box, paint) {
    const draw = () => {
      box.querySelector(".chart-message")?.remove();
      const width = Math.max(260, box.clientWidth);
      const height = Math.max(200, box.clientHeight);
      const root = svg("svg", {class: "chart-svg", width, height, viewBox: `0 0 ${width} ${height}`, role: "img"});
      box.querySelector("svg")?.remove();
      box.prepend(root);
      paint({root, width, height, inner: {left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom}, tip: tooltip(box)});
    };
    let width = box.clientWidth;
    new ResizeObserver(() => {
      if (Math.abs(box.clientWidth - width) > 4) {
        width = box.clientWidth;
        draw();
      }
    }).observe(box);
    draw();
  }

  /** A bottom axis of dates and a left axis of numbers (or of categories), with their titles. */
  function axes(f, {x, xTicks, y, yTicks, xTitle, yTitle, categories}) {
    const {root, inner} = f;
    const group = svg("g", {class: "axes"});
    for (const [t, label] of xTicks) {
      const px = x(t);
      group.append(svg("line", {x1: px, x2: px, y1: inner.top, y2: inner.bottom, class: "grid"}),
        svg("text", {x: px, y: inner.bottom + 16, "text-anchor": "middle", class: "tick"}, label));
    }
    for (const tick of yTicks) {
      const [value, label] = categories ? tick : [tick, String(tick)];
      const py = y(value);
      group.append(svg("line", {x1: inner.left, x2: inner.right, y1: py, y2: py, class: value === 0 && !categories ? "zero" : "grid"}),
        svg("text", {x: inner.left - 6, y: py + 4, "text-anchor": "end", class: "tick"}, label));
    }
    if (xTitle) group.append(svg("text", {x: (inner.left + inner.right) / 2, y: inner.bottom + 34, "text-anchor": "middle", class: "title"}, xTitle));
    if (yTitle) {
      group.append(svg("text", {x: -(inner.top + inner.bottom) / 2, y: 14, transform: "rotate(-90)", "text-anchor": "middle", class: "title"}, yTitle));
    }
    root.append(group);
  }

  T.chart = {svg, linear, time, numberTicks, dateTicks, interactive, message, frame, axes, DAY};
})();
