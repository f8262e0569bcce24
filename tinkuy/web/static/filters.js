/* The filter form: filled with the choices the store offers and the values of the address; actor boxes that
   take codes or names and suggest the codes the store holds; messages next to the field they are about;
   a warning, with the nearest codes, for an actor code that matches nothing. */
"use strict";

(() => {
  const T = tinkuy;
  const {el} = T;
  const CODE = /^[A-Z-]{3,24}$/;
  const ACTORS = ["actor", "source", "target", "dyad_a", "dyad_b"];
  const FIELD_OF = {dyad_a: "dyad", dyad_b: "dyad"};

  function options(select, choices) {
    select.append(...choices.map(([value, label]) => el("option", {value}, label)));
  }

  /** The message of a field, or of the form for a parameter the form has no field for. */
  function say(form, name, text, kind = "error") {
    const slot = form.querySelector(`.message[data-for="${name}"]`) ?? form.querySelector('.message[data-for="form"]');
    slot.replaceChildren(...(Array.isArray(text) ? text : [text]));
    slot.className = `message ${kind}`;
    const input = form.elements[name] ?? form.elements[`${name}_a`];
    if (input && kind === "error") input.setAttribute("aria-invalid", "true");
  }

  function clear(form) {
    for (const slot of form.querySelectorAll(".message")) slot.replaceChildren();
    for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  }

  /** Fill the form: its choices from the store's overview, its values from the address. */
  function fill(form, overview, params, mode) {
    options(form.elements.outlet, overview.outlets.map((o) => [o.value, `${o.label} (${o.n})`]));
    options(form.elements.corroboration, overview.corroboration.map((c) => [c.value, `${c.label} (${c.n})`]));
    document.getElementById("cameo-codes").replaceChildren(
      ...overview.event_types.map((t) => el("option", {value: t.value}, `${t.label.toLowerCase()} (${t.n})`)));
    for (const [name, value] of params) if (form.elements[name] && !(form.elements[name] instanceof RadioNodeList)) form.elements[name].value = value;
    const [a, b] = (params.get("dyad") ?? "").split(":");
    form.elements.dyad_a.value = a ?? "";
    form.elements.dyad_b.value = b ?? "";
    if (mode === "report") {
      for (const name of ["unit", "by", "level"]) form.elements[name].closest(".field").hidden = true;
      if (!params.get("modality")) form.elements.modality.value = "any";
    }
    form.hidden = false;
  }

  /** Suggest the store's actor codes for what is typed in an actor box (a code, a prefix or a name). */
  function suggest(form, page) {
    const list = document.getElementById("actor-suggestions");
    let timer = null;
    for (const name of ACTORS) {
      form.elements[name].addEventListener("input", (event) => {
        const typed = event.target.value.trim();
        clearTimeout(timer);
        if (typed.length < 2) return;
        timer = setTimeout(async () => {
          const found = await page.actors(typed);
          list.replaceChildren(...[...found.matches, ...found.nearest].map((s) =>
            el("option", {value: s.code}, `${s.name} — ${s.label} (${s.events})`)));
        }, 200);
      });
    }
  }

  /** Actor boxes hold codes: a name typed is replaced by the code it names, or a message says why it cannot be. */
  async function resolveActors(form, page) {
    let ok = true;
    for (const name of ACTORS) {
      const input = form.elements[name];
      const typed = input.value.trim();
      if (!typed || CODE.test(typed)) continue;
      const found = await page.actors(typed);
      if (CODE.test(typed.toUpperCase()) && found.known) {
        input.value = typed.toUpperCase();
        continue;
      }
      const exact = found.matches.filter((s) => T.fold(s.label).startsWith(T.fold(typed)) || T.fold(s.name) === T.fold(typed));
      const choice = exact.length ? exact[0] : found.matches.length === 1 ? found.matches[0] : null;
      if (choice) input.value = choice.code;
      else {
        ok = false;
        const offers = found.matches.slice(0, 5).map((s) => `${s.code} (${s.name})`).join(", ");
        say(form, FIELD_OF[name] ?? name, found.matches.length
          ? `“${typed}” could be several actors: pick one from the list (${offers}).`
          : `No actor in the store is called “${typed}”. Type a code such as USA or ECUGOV, or a country, organisation or person.`);
      }
    }
    return ok;
  }

  /** What the form asks for, checked: the parameters to go to, or null after saying what is wrong. */
  async function read(form, page) {
    clear(form);
    if (!(await resolveActors(form, page))) return null;
    const values = new URLSearchParams();
    for (const input of form.elements) {
      const value = input.value?.trim();
      if (input.name && !input.name.startsWith("dyad_") && value) values.set(input.name, value);
    }
    const [a, b] = [form.elements.dyad_a.value.trim(), form.elements.dyad_b.value.trim()];
    if (a || b) {
      if (!(a && b)) {
        say(form, "dyad", "A dyad needs both its actors.");
        return null;
      }
      values.set("dyad", `${a}:${b}`);
    }
    const [start, end] = [values.get("start"), values.get("end")];
    if (start && end && start > end) {
      say(form, "end", `The end (${end}) is before the start (${start}): no event can match.`);
      return null;
    }
    const text = values.get("text");
    if (text && !T.searchWords(text).length) {
      say(form, "text", "Give a word to search for: two letters or digits or more.");
      return null;
    }
    const cameo = values.get("cameo");
    if (cameo && !/^[0-9]{2,4}$/.test(cameo)) {
      say(form, "cameo", "A CAMEO code is 2 to 4 digits: a root such as 19, or a code such as 161 or 0431.");
      return null;
    }
    return placeChecked(form, values);
  }

  /** The place filters checked: a country's two-letter code, a box of four edges in degrees, a GeoNames id. */
  function placeChecked(form, values) {
    const country = values.get("country")?.toUpperCase();
    if (country) {
      if (!/^[A-Z]{2}$/.test(country)) {
        say(form, "country", "A country is its two-letter ISO code: EC for Ecuador, US for the United States.");
        return null;
      }
      values.set("country", country);
    }
    const bbox = values.get("bbox");
    if (bbox) {
      const edges = bbox.split(",").map((x) => (x.trim() === "" ? NaN : Number(x)));
      const [west, south, east, north] = edges;
      const fits = edges.length === 4 && edges.every(Number.isFinite) && [west, east].every((x) => Math.abs(x) <= 180)
        && [south, north].every((y) => Math.abs(y) <= 90);
      if (!fits || south > north) {
        say(form, "bbox", fits ? `The south edge (${south}) is north of the north edge (${north}).`
          : "A box is four numbers, west,south,east,north: longitudes from −180 to 180, latitudes from −90 to 90.");
        return null;
      }
      values.set("bbox", edges.join(","));
    }
    const place = values.get("place");
    if (place && !/^[1-9][0-9]{0,9}$/.test(place)) {
      say(form, "place", "A place is its GeoNames id, a number such as 3652462 (Quito).");
      return null;
    }
    return values;
  }

  /** Show the messages of a refused request next to the fields they are about, and keep the form. */
  function refused(form, details) {
    for (const detail of details) {
      const name = detail.loc?.[detail.loc.length - 1] ?? "form";
      say(form, typeof name === "string" ? name : "form", `${detail.msg.replace(/^Value error, /, "")}${detail.input !== undefined ? ` (you gave “${detail.input}”)` : ""}`);
    }
  }

  /** Warn, with the nearest codes, about an actor code that no stored code begins with. */
  async function warnUnknown(form, page, params) {
    const given = [["actor", params.get("actor")], ["source", params.get("source")], ["target", params.get("target")],
      ...(params.get("dyad") ?? "").split(":").filter(Boolean).map((code) => ["dyad", code])].filter(([, code]) => code);
    for (const [name, code] of given) {
      const found = await page.actors(code);
      if (found.known) continue;
      const nearest = [...found.matches, ...found.nearest].slice(0, 5).map((s) =>
        el("button", {type: "button", class: "nearest", "data-code": s.code, title: s.name}, s.code));
      say(form, name, [`No actor in the store has a code beginning with ${code}.`,
        nearest.length ? " Nearest: " : "", ...nearest.flatMap((b, i) => (i ? [" ", b] : [b]))], "warning");
      for (const button of nearest) {
        button.addEventListener("click", () => {
          const input = name === "dyad" ? [form.elements.dyad_a, form.elements.dyad_b].find((i) => i.value.trim() === code) : form.elements[name];
          input.value = button.dataset.code;
          form.requestSubmit();
        });
      }
    }
  }

  /** Wire the form: suggestions, and on submit, checks, then the page's own way to apply the filters. */
  function start(page, overview) {
    const form = document.getElementById("filters");
    fill(form, overview, page.params, page.mode);
    suggest(form, page);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const values = await read(form, page);
      if (values) page.apply(values);
    });
    return {form, refused: (details) => refused(form, details), warn: () => warnUnknown(form, page, page.params)};
  }

  T.filterForm = start;
})();
