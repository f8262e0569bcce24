/* The network view: actors on a circle and arrows from the actor who acted to the one acted on, only the
   strongest ties when there are many. A circle opens the events of its actor, an arrow the events in its
   direction. */
"use strict";

(() => {
  const T = tinkuy;
  const C = T.chart;
  const BEND = 0.16;

  /** Every direction of every pair with units in it, strongest first. */
  function ties(network) {
    const found = [];
    for (const e of network.edges) {
      if (e.a_to_b) found.push({from: e.a, to: e.b, n: e.a_to_b, goldstein: e.a_to_b_goldstein, both: e.b_to_a > 0});
      if (e.b_to_a) found.push({from: e.b, to: e.a, n: e.b_to_a, goldstein: e.b_to_a_goldstein, both: e.a_to_b > 0});
    }
    return found.sort((x, y) => y.n - x.n || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  }

  /** A tie from circle to circle, bent aside when the other direction is drawn too; with its arrowhead. */
  function arrow(p, q, rp, rq, both, width) {
    const [dx, dy] = [q[0] - p[0], q[1] - p[1]];
    const length = Math.hypot(dx, dy) || 1;
    const [ux, uy] = [dx / length, dy / length];
    const bend = both ? BEND * length : 0;
    const control = [(p[0] + q[0]) / 2 - uy * bend, (p[1] + q[1]) / 2 + ux * bend];
    const toward = (from, to, r) => {
      const [vx, vy] = [to[0] - from[0], to[1] - from[1]];
      const d = Math.hypot(vx, vy) || 1;
      return [from[0] + (vx / d) * r, from[1] + (vy / d) * r];
    };
    const start = toward(p, control, rp + 2);
    const tip = toward(q, control, rq + 2);
    const [hx, hy] = [tip[0] - control[0], tip[1] - control[1]];
    const hd = Math.hypot(hx, hy) || 1;
    const size = 7 + width;
    const base = [tip[0] - (hx / hd) * size, tip[1] - (hy / hd) * size];
    const side = [(-hy / hd) * size * 0.5, (hx / hd) * size * 0.5];
    return {
      path: `M${start[0]},${start[1]} Q${control[0]},${control[1]} ${base[0]},${base[1]}`,
      head: `${tip[0]},${tip[1]} ${base[0] + side[0]},${base[1] + side[1]} ${base[0] - side[0]},${base[1] - side[1]}`,
    };
  }

  function draw(page, network) {
    const select = document.getElementById("ties");
    select.value = page.setting("ties", "25");
    const render = () => chart(page, network, select.value);
    select.addEventListener("change", () => {
      page.remember("ties", select.value);
      render();
    });
    render();
  }

  function chart(page, network, shown) {
    const box = document.getElementById("network");
    const legend = document.getElementById("network-legend");
    const all = ties(network);
    const kept = shown === "all" ? all : all.slice(0, Number(shown));
    const actors = new Set(kept.flatMap((t) => [t.from, t.to]));
    const nodes = network.nodes.filter((n) => actors.has(n.actor));
    const unit = network.unit === "mention" ? "mention" : "event";
    if (!nodes.length) {
      legend.textContent = "";
      return C.message(box, "No actor pairs for these filters");
    }
    C.frame(box, (f) => {
      const [cx, cy] = [f.width / 2, f.height / 2];
      const radius = Math.min(f.width, f.height) / 2 - 48;
      const largest = Math.max(1, ...nodes.map((n) => n.events));
      const size = (n) => 6 + 16 * Math.sqrt(n.events / largest);
      const place = new Map(nodes.map((n, i) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
        return [n.actor, {at: [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)], r: size(n), angle}];
      }));
      const busiest = Math.max(1, ...kept.map((t) => t.n));
      const links = C.svg("g", {class: "ties"});
      for (const tie of [...kept].reverse()) {
        const [from, to] = [place.get(tie.from), place.get(tie.to)];
        const width = 1.5 + (5 * tie.n) / busiest;
        const shape = arrow(from.at, to.at, from.r, to.r, tie.both, width);
        const colour = T.goldsteinColour(tie.goldstein);
        const lines = [`${tie.from} → ${tie.to}: ${T.plural(tie.n, unit)}, mean Goldstein ${T.fixed(tie.goldstein)}`,
          `${T.actorName(tie.from)} → ${T.actorName(tie.to)}`, "click: list them"];
        const group = C.svg("g", {class: "tie", "data-from": tie.from, "data-to": tie.to},
          C.svg("path", {d: shape.path, stroke: colour, "stroke-width": width, fill: "none"}),
          C.svg("polygon", {points: shape.head, fill: colour}),
          C.svg("path", {d: shape.path, stroke: "transparent", "stroke-width": 14, fill: "none", class: "hit-area"}));
        links.append(C.interactive(group, f.tip, lines, () => page.drill({source: tie.from, target: tie.to})));
      }
      const circles = C.svg("g", {class: "nodes"});
      for (const n of nodes) {
        const {at, r, angle} = place.get(n.actor);
        const [lx, ly] = [at[0] + Math.cos(angle) * (r + 6), at[1] + Math.sin(angle) * (r + 6) + 4];
        const anchor = Math.cos(angle) > 0.3 ? "start" : Math.cos(angle) < -0.3 ? "end" : "middle";
        const lines = [`${n.actor} ${T.actorName(n.actor)}`, `${n.sent} sent, ${n.received} received, mean Goldstein ${T.fixed(n.goldstein_mean)}`, "click: list them"];
        const group = C.svg("g", {class: "node", "data-actor": n.actor},
          C.svg("circle", {cx: at[0], cy: at[1], r, fill: T.goldsteinColour(n.goldstein_mean), stroke: "#333"}),
          C.svg("text", {x: lx, y: Math.sin(angle) < -0.3 ? ly - 6 : Math.sin(angle) > 0.3 ? ly + 6 : ly, "text-anchor": anchor, class: "label"}, n.actor));
        circles.append(C.interactive(group, f.tip, lines, () => page.drill({actor: n.actor})));
      }
      f.root.append(links, circles);
    });
    legend.textContent = `Circles are actors (size: ${unit}s they took part in; colour: their mean Goldstein score). `
      + `Arrows point from the actor who acted to the one acted on (width: ${unit}s; colour: mean Goldstein score, red `
      + `for conflict, grey neutral, green for cooperation). Showing ${kept.length < all.length ? `the ${kept.length} strongest of ` : ""}`
      + `${T.plural(all.length, "tie")}. Click a circle for its ${unit}s, an arrow for those in its direction.`;
  }

  T.view({
    name: "network",
    load: (page) => page.api("network", page.query({level: page.setting("level", "country"), unit: page.setting("unit", "event"), top: 40})),
    codes: (network) => ({actors: network.nodes.map((n) => n.actor), cameo: []}),
    draw,
  });
})();
