/* The map: where the events happened, drawn from the country outlines tinkuy ships (Natural Earth 1:110m,
   data/maps/countries.json) in an equirectangular projection, with nothing fetched from elsewhere.
   A circle is a town or a division, sized by the mentions of its events and coloured by their QuadClass
   or mean Goldstein score; a country is shaded by its events known only to the country. A circle opens
   its events, a country its events, and a box dragged over the map the events placed inside it. */
"use strict";

(() => {
  const T = tinkuy;
  const C = T.chart;
  const WORLD = [-180, -58, 180, 84];
  const QUAD_COLOURS = {1: "#7fc97f", 2: "#1a9850", 3: "#f39c35", 4: "#b2182b"};
  const SHADES = [[238, 241, 244], [74, 111, 165]];
  const DRAG = 6;
  const PAD = 6;

  /** A country's rings as lists of [longitude, latitude], from the file's differences in tenths of a degree. */
  function rings(country, step) {
    return country.rings.map((flat) => {
      const points = [];
      let [x, y] = [0, 0];
      for (let i = 0; i < flat.length; i += 2) {
        x += flat[i];
        y += flat[i + 1];
        points.push([x / step, y / step]);
      }
      return points;
    });
  }

  /** The projection of the view [west, south, east, north] into a frame, and back. */
  function projection(view, width, height) {
    const [w, s, e, n] = view;
    const k = Math.min((width - 2 * PAD) / (e - w), (height - 2 * PAD) / (n - s));
    const ox = (width - k * (e - w)) / 2;
    const oy = (height - k * (n - s)) / 2;
    return {
      x: (lon) => ox + (lon - w) * k,
      y: (lat) => oy + (n - lat) * k,
      lon: (x) => Math.max(-180, Math.min(180, w + (x - ox) / k)),
      lat: (y) => Math.max(-90, Math.min(90, n - (y - oy) / k)),
    };
  }

  /** Where to look first: the box filtered on, else the places shown with a margin, else the world. */
  function firstView(page, places) {
    const box = page.params.get("bbox")?.split(",").map(Number);
    if (box && box[0] < box[2]) return widen(box, 0.15, 2);
    if (!places.length) return WORLD;
    const lons = places.map((p) => p.longitude);
    const lats = places.map((p) => p.latitude);
    return widen([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], 0.25, 12);
  }

  function widen([w, s, e, n], share, least) {
    const dx = Math.max((e - w) * share, (least - (e - w)) / 2, 0);
    const dy = Math.max((n - s) * share, (least - (n - s)) / 2, 0);
    return [Math.max(-180, w - dx), Math.max(-90, s - dy), Math.min(180, e + dx), Math.min(90, n + dy)];
  }

  /** The QuadClass most of a place's events have; on a tie, the more conflictual. */
  function mainQuad(quads) {
    let best = 4;
    for (let q = 3; q >= 1; q -= 1) if (quads[q - 1] > quads[best - 1]) best = q;
    return best;
  }

  function shade(t) {
    return `rgb(${SHADES[0].map((c, i) => Math.round(c + (SHADES[1][i] - c) * t)).join(",")})`;
  }

  const decimals = (x) => String(Number(x.toFixed(2)));

  function placeLines(p, countries) {
    const country = countries[p.country_code]?.name ?? p.country_code;
    const quads = p.quad_classes.map((n, i) => (n ? `${n} ${T.QUADS[i + 1]}` : null)).filter(Boolean).join(", ");
    return [`${p.name}, ${country} (${p.precision === "division" ? "a division" : "a town"}, GeoNames ${p.geonames_id})`,
      `${T.plural(p.events, "event")}, ${T.plural(p.mentions, "mention")}; mean Goldstein ${T.fixed(p.goldstein_mean)}`,
      `QuadClass: ${quads}`, "click: list them"];
  }

  function countryLines(code, name, found) {
    const only = found.country_events
      ? `${T.plural(found.country_events, "event")} known only to be in ${name}, mean Goldstein ${T.fixed(found.goldstein_mean)}`
      : `no event known only to be in ${name}`;
    return [`${name} (${code})`, `${T.plural(found.events, "event")} placed in it, ${T.plural(found.mentions, "mention")}`, only,
      "click: list them"];
  }

  /** Drag on the map to draw a box; letting go filters the events to it. A click that ends a drag is no click. */
  function boxing(f, project, page) {
    let start = null;
    let box = null;
    let dragged = false;
    const at = (event) => {
      const area = f.root.getBoundingClientRect();
      return [event.clientX - area.left, event.clientY - area.top];
    };
    f.root.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      start = at(event);
      dragged = false;
    });
    f.root.addEventListener("pointermove", (event) => {
      if (!start) return;
      const [x, y] = at(event);
      if (!box && Math.hypot(x - start[0], y - start[1]) < DRAG) return;
      if (!box) {
        f.root.setPointerCapture(event.pointerId);
        box = C.svg("rect", {class: "drag-box", fill: "rgba(11,92,173,0.12)", stroke: "#0b5cad", "stroke-dasharray": "4 3"});
        f.root.append(box);
      }
      box.setAttribute("x", Math.min(x, start[0]));
      box.setAttribute("y", Math.min(y, start[1]));
      box.setAttribute("width", Math.abs(x - start[0]));
      box.setAttribute("height", Math.abs(y - start[1]));
    });
    f.root.addEventListener("pointerup", (event) => {
      if (start && box) {
        const [x, y] = at(event);
        const [west, east] = [project.lon(Math.min(x, start[0])), project.lon(Math.max(x, start[0]))];
        const [south, north] = [project.lat(Math.max(y, start[1])), project.lat(Math.min(y, start[1]))];
        dragged = true;
        page.drill({bbox: [west, south, east, north].map(decimals).join(","), place: null, country: null});
      }
      start = null;
      box?.remove();
      box = null;
    });
    f.root.addEventListener("click", (event) => {
      if (!dragged) return;
      dragged = false;
      event.stopPropagation();
      event.preventDefault();
    }, true);
  }

  function chart(page, found, world, state) {
    const box = document.getElementById("map");
    const countries = world.countries;
    const colour = (p) => (state.colour === "goldstein" ? T.goldsteinColour(p.goldstein_mean) : QUAD_COLOURS[mainQuad(p.quad_classes)]);
    const byCountry = Object.fromEntries(found.countries.map((c) => [c.country_code, c]));
    const most = Math.max(1, ...found.countries.map((c) => c.country_events));
    const loudest = Math.max(1, ...found.places.map((p) => p.mentions));
    const chosen = {country: page.params.get("country"), place: page.params.get("place"), bbox: page.params.get("bbox")};
    C.frame(box, (f) => {
      const project = projection(state.view, f.width, f.height);
      const path = (shape) => rings(shape, world.step).map((r) =>
        `M${r.map(([lon, lat]) => `${project.x(lon).toFixed(1)},${project.y(lat).toFixed(1)}`).join("L")}Z`).join("");
      const land = C.svg("g", {class: "countries"});
      for (const [code, shape] of Object.entries(countries)) {
        if (code === "AQ") continue;
        const here = byCountry[code];
        const outline = C.svg("path", {d: path(shape), fill: here ? shade(0.12 + 0.88 * Math.sqrt(here.country_events / most)) : "#f6f7f9",
          stroke: code === chosen.country ? "#000" : "#fff", "stroke-width": code === chosen.country ? 2 : 0.6});
        const group = C.svg("g", {class: `country${here ? " located" : ""}`, "data-country": code}, outline);
        land.append(here ? C.interactive(group, f.tip, countryLines(code, shape.name, here),
          () => page.drill({country: code, place: null, bbox: null})) : group);
      }
      for (const here of found.countries.filter((c) => !countries[c.country_code] && c.latitude !== null)) {
        const [x, y] = [project.x(here.longitude), project.y(here.latitude)];
        const name = world.names?.[here.country_code] ?? here.country_code;
        const group = C.svg("g", {class: "country located no-outline", "data-country": here.country_code},
          C.svg("rect", {x: x - 5, y: y - 5, width: 10, height: 10, fill: shade(1), stroke: "#fff", transform: `rotate(45 ${x} ${y})`}));
        land.append(C.interactive(group, f.tip, countryLines(here.country_code, name, here),
          () => page.drill({country: here.country_code, place: null, bbox: null})));
      }
      const marks = C.svg("g", {class: "places"});
      for (const p of [...found.places].sort((a, b) => b.mentions - a.mentions)) {
        const r = 3 + 13 * Math.sqrt(p.mentions / loudest);
        const picked = String(p.geonames_id) === chosen.place;
        const group = C.svg("g", {class: `place ${p.precision}`, "data-place": p.geonames_id, "data-country": p.country_code,
          "data-mentions": p.mentions},
        C.svg("circle", {cx: project.x(p.longitude), cy: project.y(p.latitude), r, fill: colour(p), "fill-opacity": 0.85,
          stroke: picked ? "#000" : "#333", "stroke-width": picked ? 2.5 : 0.8, "stroke-dasharray": p.precision === "division" ? "2 2" : null}));
        marks.append(C.interactive(group, f.tip, placeLines(p, countries), () => page.drill({place: p.geonames_id, country: null, bbox: null})));
      }
      f.root.append(land, marks);
      const edges = chosen.bbox?.split(",").map(Number);
      if (edges?.length === 4 && edges[0] <= edges[2]) {
        const [x0, x1, y0, y1] = [project.x(edges[0]), project.x(edges[2]), project.y(edges[3]), project.y(edges[1])];
        f.root.append(C.svg("rect", {class: "chosen-box", x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: "none", stroke: "#000",
          "stroke-dasharray": "5 3"}));
      }
      boxing(f, project, page);
    });
  }

  /** What the circles and shades stand for, with a swatch of each colour (coloured through the style object). */
  function legend(found, state) {
    const swatch = (colour, label) => {
      const mark = T.el("span", {class: "swatch dot"});
      mark.style.background = colour;
      return T.el("span", {class: "key"}, mark, ` ${label}`);
    };
    const keys = state.colour === "goldstein"
      ? [swatch(T.goldsteinColour(-10), "−10 conflict"), swatch(T.goldsteinColour(0), "0"), swatch(T.goldsteinColour(10), "+10 cooperation")]
      : Object.entries(QUAD_COLOURS).map(([q, colour]) => swatch(colour, `${q} ${T.QUADS[q]}`));
    const held = found.more_places
      ? ` The ${T.plural(found.places.length, "most reported place")} are drawn; ${found.more_places.toLocaleString("en")} more are left out.` : "";
    const measure = state.colour === "goldstein" ? "the mean Goldstein score of their events' codes"
      : "the QuadClass of most of their events (on a tie, the more conflictual)";
    document.getElementById("map-keys").replaceChildren(...keys, swatch(shade(1), "events known only to the country"));
    document.getElementById("map-legend").textContent = `${T.plural(found.located, "event")} of the ${found.events.toLocaleString("en")} `
      + `these filters select ${found.located === 1 ? "has" : "have"} a stated place. Circles are towns (solid) and divisions (dashed), `
      + `sized by the mentions of their events and coloured by ${measure}; a country is shaded by its events known only to be in it. `
      + `Click a circle or a country to list its events, or drag a box over the map.${held} Outlines: Natural Earth (public domain).`;
  }

  function draw(page, found) {
    const world = found.world ?? page.data?.world;
    const select = document.getElementById("map-colour");
    const state = {colour: page.setting("colour", "quad"), view: firstView(page, found.places)};
    select.value = state.colour;
    const render = () => {
      legend(found, state);
      chart(page, found, world, state);
    };
    select.addEventListener("change", () => {
      state.colour = select.value;
      page.remember("colour", select.value);
      render();
    });
    const whole = document.getElementById("map-world");
    whole.addEventListener("click", () => {
      const all = state.view === WORLD;
      state.view = all ? firstView(page, found.places) : WORLD;
      whole.textContent = all ? "Whole world" : "Back to the events";
      render();
    });
    render();
  }

  /** The outlines, from the address the page gives (an asset of the app, cached by the browser). */
  async function outlines() {
    const response = await fetch(document.body.dataset.world);
    if (!response.ok) throw new Error(`the map's outlines could not be read (${response.status})`);
    return response.json();
  }

  T.view({
    name: "places",
    load: async (page) => {
      const [found, world] = await Promise.all([page.api("places", page.query({limit: 1000})), outlines()]);
      return {...found, world};
    },
    draw,
  });
})();
