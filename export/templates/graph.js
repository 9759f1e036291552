"use strict";
// The geokg explorer. Data layout: see the docstring of geokg/export/html.py. Every piece of article text reaches
// the page through textContent or a canvas label, never through innerHTML.
(function () {
  const D = JSON.parse(document.getElementById("geokg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const safeUrl = (u) => (/^https?:\/\//i.test(u) ? u : null); // no javascript: or data: links
  const words = (s) => s.replace(/_/g, " ");
  const num = (n) => n.toLocaleString("en");
  const plural = (n, word) => `${num(n)} ${word}${n === 1 ? "" : "s"}`;
  const str = (i) => (i < 0 ? "" : D.strings[i]);

  const TIP_EVENTS = 6;      // events listed when hovering an edge
  const PANEL_EVENTS = 300;  // events listed when an edge is clicked; more would make a slow, unreadable list
  const BIG = D.pairs.from.length > 2000; // past this, drawing every edge while dragging or zooming is sluggish
  const FIRST_PAIRS = 600; // a bigger graph opens on its busiest pairs; a hairball of 10,000 edges reads as nothing

  // Each event is three small integers (category, status, date index), packed as fixed-width base-64 digits.
  const DIGIT = new Int8Array(128);
  [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"].forEach((c, i) => { DIGIT[c.charCodeAt(0)] = i; });
  function unpack(text, width) {
    const out = new Int32Array(text.length / width);
    for (let i = 0, k = 0; i < out.length; i++) {
      let v = 0;
      for (let j = 0; j < width; j++) v = v * 64 + DIGIT[text.charCodeAt(k++)];
      out[i] = v;
    }
    return out;
  }
  const EV = {};
  for (const name of ["category", "status", "date"]) EV[name] = unpack(D.events[name], D.widths[name]);
  const N = EV.date.length;
  const P = D.pairs.from.length;
  const starts = [...D.pairs.start, N];
  const detailOf = new Int32Array(N).fill(-1);
  D.details.event.forEach((e, i) => { detailOf[e] = i; });
  const nodeById = new Map(D.nodes.map((n) => [n.id, n]));
  const nodeId = (i) => D.nodes[i].id;
  const name = (id) => nodeById.get(id).label;

  // ---- header, legend and filter boxes -------------------------------------------------------------------
  $("counts").textContent =
    `${plural(D.counts.events, "event")} · ${plural(D.counts.actors, "actor")} · ${plural(D.counts.articles, "article")}`;
  if (D.omitted > 0) {
    $("note").textContent = `To keep this file small, sentences and sources are in it for ${num(N - D.omitted)} ` +
      `of ${num(N)} events (each pair's strongest first). For all of them, export a narrower page: ` +
      "geokg export html --sender … --since …";
  }

  const totals = (column, size) => { const t = new Array(size).fill(0); for (const v of column) t[v]++; return t; };
  function checkboxes(box, name, values, counts, colours) {
    values.forEach((value, i) => {
      if (!counts[i]) return; // a category nobody reported would only lengthen the legend
      const label = el("label");
      const input = el("input");
      input.type = "checkbox"; input.checked = true; input.value = value; input.name = name; input.dataset.index = i;
      label.append(input);
      if (colours) { const sw = el("span", undefined, "swatch"); sw.style.background = colours[i]; label.append(sw); }
      label.append(document.createTextNode(words(value)), el("span", num(counts[i]), "n"));
      box.append(label);
    });
  }
  checkboxes($("categories"), "category", D.categories, totals(EV.category, D.categories.length), D.colours);
  checkboxes($("statuses"), "status", D.statuses, totals(EV.status, D.statuses.length));
  // Open a big graph on its busiest pairs: the smallest count that keeps at most FIRST_PAIRS edges.
  if (P > FIRST_PAIRS) {
    const sizes = D.pairs.start.map((s, p) => starts[p + 1] - s).sort((a, b) => b - a);
    $("min-events").value = sizes[FIRST_PAIRS] + 1;
    $("min-events-note").textContent = `This graph has ${num(P)} pairs; it opens on the busiest. Lower the number to see more.`;
  }
  if (D.dates.length > 1) $("date-range").textContent = `events dated ${D.dates[1]} to ${D.dates[D.dates.length - 1]}`;
  const names = $("actor-names");
  for (const n of D.nodes) { const o = el("option"); o.value = n.label; names.append(o); }

  // ---- filters --------------------------------------------------------------------------------------------
  const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  function dateInput(id) {
    const value = $(id).value.trim();
    return DATE.test(value) ? value : ""; // the field shows itself invalid; an unreadable date filters nothing
  }
  // Partial dates compare as EventGraph.transfers does: on the first day they cover, `until` inclusive.
  const floor = (d) => d + "-01".repeat(2 - (d.match(/-/g) || []).length);
  const ceiling = (d) => d + "-99".repeat(2 - (d.match(/-/g) || []).length);

  function readFilter() {
    const mask = (name, size) => {
      const m = new Uint8Array(size);
      for (const b of document.querySelectorAll(`input[name=${name}]:checked`)) m[b.dataset.index] = 1;
      return m;
    };
    const since = dateInput("since"), until = dateInput("until");
    let lo = 0, hi = D.dates.length - 1; // D.dates is sorted by first day; index 0 is "undated"
    if (since || until) lo = 1;
    if (since) { const f = floor(since); while (lo < D.dates.length && floor(D.dates[lo]) < f) lo++; }
    if (until) { const c = ceiling(until); while (hi >= lo && floor(D.dates[hi]) > c) hi--; }
    const min = Math.max(1, parseInt($("min-events").value, 10) || 1);
    return { cat: mask("category", D.categories.length), st: mask("status", D.statuses.length), lo, hi, min };
  }
  let filter = readFilter();
  const passes = (i, f) => f.cat[EV.category[i]] && f.st[EV.status[i]] && EV.date[i] >= f.lo && EV.date[i] <= f.hi;
  function eventsOf(p, f) {
    const out = [];
    for (let i = starts[p]; i < starts[p + 1]; i++) if (passes(i, f)) out.push(i);
    return out;
  }

  // Width on an absolute log scale, so that pages of different corpora compare: 1 event 1.5 px, 16 events 6.3 px.
  const edgeWidth = (n) => Math.min(14, 1.5 + 1.2 * Math.log2(n));
  // Single reports fade a little so that the busy routes stand out in a dense picture.
  const edgeOpacity = (n) => Math.min(0.95, 0.6 + 0.1 * Math.log2(n));

  function visibleEdges(f) {
    const items = [], byCategory = new Int32Array(D.categories.length), actors = new Set();
    let events = 0;
    for (let p = 0; p < P; p++) {
      byCategory.fill(0);
      let n = 0;
      for (let i = starts[p]; i < starts[p + 1]; i++) if (passes(i, f)) { byCategory[EV.category[i]]++; n++; }
      if (!n || n < f.min) continue;
      let top = 0;
      for (let c = 1; c < byCategory.length; c++) if (byCategory[c] > byCategory[top]) top = c;
      const colour = D.colours[top], from = nodeId(D.pairs.from[p]), to = nodeId(D.pairs.to[p]);
      items.push({ id: p, from, to, width: edgeWidth(n), count: n, category: D.categories[top],
                   color: { color: colour, highlight: colour, hover: colour, opacity: edgeOpacity(n) } });
      events += n; actors.add(from); actors.add(to);
    }
    return { items, events, actors };
  }

  // ---- tooltips and the pinned panel ----------------------------------------------------------------------
  function summary(indexes) {
    const count = (column, labels) => {
      const t = new Map();
      for (const i of indexes) t.set(column[i], (t.get(column[i]) || 0) + 1);
      return [...t].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${words(labels[k])} ${num(n)}`).join(" · ");
    };
    let first = Infinity, last = 0; // D.dates is in date order, so the smallest index is the earliest date
    for (const i of indexes) if (EV.date[i] > 0) { first = Math.min(first, EV.date[i]); last = Math.max(last, EV.date[i]); }
    const span = last === 0 ? "undated" : first === last ? D.dates[first] : `${D.dates[first]} to ${D.dates[last]}`;
    return [`status: ${count(EV.status, D.statuses)}`, `category: ${count(EV.category, D.categories)}`, `dates: ${span}`];
  }

  function eventRow(i, allSources) {
    const row = el("div", undefined, "event");
    const what = el("div", undefined, "what");
    const sw = el("span", undefined, "swatch"); sw.style.background = D.colours[EV.category[i]];
    const d = detailOf[i];
    const category = words(D.categories[EV.category[i]]);
    const parts = [category];
    if (d >= 0 && str(D.details.mention[d]).toLowerCase() !== category) parts[0] += ` “${str(D.details.mention[d])}”`;
    parts.push(D.statuses[EV.status[i]], D.dates[EV.date[i]] || "undated");
    if (d >= 0) {
      parts.push(`confidence ${D.details.confidence[d]}`);
      const c = D.details.corroboration[d];
      if (c > 1) parts.push(`reported by ${c} articles`);
    }
    what.append(sw, el("span", parts.join(", ")));
    row.append(what);
    if (d < 0) {
      row.append(el("div", "sentence and source not kept in this page (size limit)", "omitted"));
      return row;
    }
    const sources = D.details.sources[d];
    for (const [sentence, title, url] of allSources ? sources : sources.slice(0, 1)) {
      if (sentence >= 0) row.append(el("div", `“${str(sentence)}”`, "sentence"));
      const src = el("div", "Source: ", "source");
      const href = safeUrl(str(url));
      if (href) {
        const a = el("a", str(title));
        a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
        src.append(a);
      } else src.append(document.createTextNode(str(title)));
      row.append(src);
    }
    const more = D.details.corroboration[d] - (allSources ? sources.length : 1);
    if (more > 0) row.append(el("div", `+ ${plural(more, "more source")}${allSources ? "" : " (click the edge)"}`, "more"));
    return row;
  }

  function pairTip(p, limit, pinned) {
    const indexes = eventsOf(p, filter);
    const box = el("div", undefined, "tip");
    const from = nodeId(D.pairs.from[p]), to = nodeId(D.pairs.to[p]);
    box.append(el("h3", `${name(from)} → ${name(to)}: ${plural(indexes.length, "event")}`));
    for (const line of summary(indexes)) box.append(el("div", line, "summary"));
    for (const i of indexes.slice(0, limit)) box.append(eventRow(i, pinned));
    if (indexes.length > limit) {
      box.append(el("div", `+ ${plural(indexes.length - limit, "more event")}` +
        (pinned ? "; narrow the filters to list them" : "; click the edge to list more"), "more"));
    }
    return box;
  }

  function actorTip(id, pinned) {
    const box = el("div", undefined, "tip");
    const node = nodeById.get(id);
    box.append(el("h3", `${node.label} (${id})`));
    const kind = node.kind === "non_state" ? "non-state actor" : words(node.kind);
    box.append(el("div", `${kind} · ${plural(node.events, "event")} sent and received`, "summary"));
    const out = [], inn = [];
    for (const e of edges.get()) {
      if (e.from === id) out.push([e.to, e.count]);
      if (e.to === id) inn.push([e.from, e.count]);
    }
    for (const [title, list] of [["Sends to", out], ["Receives from", inn]]) {
      if (!list.length) continue;
      list.sort((a, b) => b[1] - a[1]);
      const n = list.reduce((s, x) => s + x[1], 0);
      box.append(el("div", `${title} ${plural(list.length, "actor")} (${plural(n, "event")} shown):`));
      const ul = el("ul");
      const limit = pinned ? 100 : 5;
      for (const [other, count] of list.slice(0, limit)) ul.append(el("li", `${name(other)}: ${num(count)}`));
      if (list.length > limit) ul.append(el("li", `+ ${plural(list.length - limit, "more actor")}`, "more"));
      box.append(ul);
    }
    return box;
  }

  const tip = $("tip");
  function showTip(content, pointer) {
    tip.replaceChildren(content);
    tip.style.display = "block";
    const area = $("graph").getBoundingClientRect();
    const x = Math.min(pointer.x + 16, area.width - tip.offsetWidth - 4);
    const y = pointer.y + 16 + tip.offsetHeight > area.height ? Math.max(4, pointer.y - tip.offsetHeight - 10) : pointer.y + 16;
    tip.style.left = `${Math.max(4, x)}px`; tip.style.top = `${y}px`;
  }
  const hideTip = () => { tip.style.display = "none"; };

  const panel = $("panel");
  let pinned = null; // what the panel shows: ["pair", p] or ["actor", id]
  function showPanel(what) {
    pinned = what;
    if (!what) { panel.style.display = "none"; return; }
    const close = el("button", "close ✕", "close"); close.type = "button";
    close.addEventListener("click", () => { network.unselectAll(); showPanel(null); });
    const bar = el("div", undefined, "bar"); bar.append(close);
    panel.replaceChildren(bar, what[0] === "pair" ? pairTip(what[1], PANEL_EVENTS, true) : actorTip(what[1], true));
    panel.style.display = "block";
  }

  // ---- the network ----------------------------------------------------------------------------------------
  const nodes = new vis.DataSet(D.nodes);
  const edges = new vis.DataSet();
  const options = {
    layout: { improvedLayout: false }, // positions come from geokg
    physics: { enabled: false, solver: "forceAtlas2Based", minVelocity: 2, maxVelocity: 40, timestep: 0.35,
               forceAtlas2Based: { gravitationalConstant: -80, springLength: 140, avoidOverlap: 0.4 },
               stabilization: { enabled: false } },
    interaction: { hover: true, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG }, // tooltips are ours: no titles
    nodes: { borderWidth: 1.5, // sizes and label sizes come from geokg, by events sent and received
             font: { face: "system-ui, sans-serif", color: "#1b2430", strokeWidth: 4, strokeColor: "#ffffff" },
             scaling: { label: { drawThreshold: 6, maxVisible: 28 } } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.55 } }, hoverWidth: 1.5, selectionWidth: 2,
             smooth: BIG ? false : { type: "curvedCW", roundness: 0.18 } },
  };
  const network = new vis.Network($("graph"), { nodes, edges }, options);
  const state = { firstDrawn: null, ready: null, stabilized: 0 };
  network.once("afterDrawing", () => { state.firstDrawn = performance.now(); });

  function applyFilters() {
    filter = readFilter();
    const { items, events, actors } = visibleEdges(filter);
    const keep = new Set(items.map((e) => e.id));
    edges.remove(edges.getIds().filter((id) => !keep.has(id)));
    edges.update(items);
    // Actors with nothing left to show step aside, so the filtered picture reads on its own.
    const changes = [];
    for (const n of D.nodes) {
      const hidden = !actors.has(n.id);
      if (nodes.get(n.id).hidden !== hidden) changes.push({ id: n.id, hidden });
    }
    if (changes.length) nodes.update(changes);
    const all = events === N;
    $("shown").textContent = all ? ""
      : `showing ${plural(events, "event")}, ${plural(actors.size, "actor")}, ${plural(items.length, "pair")}`;
    if (pinned) showPanel(pinned[0] === "pair" && !keep.has(pinned[1]) ? null : pinned);
  }
  applyFilters();
  // Frame what is shown: a big graph opens on its busiest pairs, whose actors may not fill the canvas.
  network.fit({ nodes: nodes.getIds({ filter: (n) => !n.hidden }), animation: false });
  if (network.getScale() > 1) network.moveTo({ scale: 1 }); // a few actors should not fill the screen as giants

  network.on("hoverEdge", (p) => showTip(pairTip(p.edge, TIP_EVENTS, false), p.pointer.DOM));
  network.on("hoverNode", (p) => showTip(actorTip(p.node, false), p.pointer.DOM));
  network.on("blurEdge", hideTip);
  network.on("blurNode", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", (p) => {
    hideTip();
    if (p.nodes.length) showPanel(["actor", p.nodes[0]]);
    else if (p.edges.length) showPanel(["pair", p.edges[0]]);
    else showPanel(null);
  });

  // ---- controls -------------------------------------------------------------------------------------------
  document.querySelectorAll("aside input[type=checkbox][name]").forEach((b) => b.addEventListener("change", applyFilters));
  ["since", "until", "min-events"].forEach((id) => $(id).addEventListener("input", applyFilters));
  const toggleAll = (name) => () => {
    const boxes = [...document.querySelectorAll(`input[name=${name}]`)];
    const on = !boxes.every((b) => b.checked);
    boxes.forEach((b) => { b.checked = on; });
    applyFilters();
  };
  $("all-categories").addEventListener("click", toggleAll("category"));
  $("all-statuses").addEventListener("click", toggleAll("status"));

  $("physics").addEventListener("change", (ev) => {
    const on = ev.target.checked;
    network.setOptions({ physics: { enabled: on } });
    $("physics-state").textContent = on ? "moving…" : "off: drag actors to place them";
    if (on) network.startSimulation();
  });
  network.on("stabilized", () => {
    state.stabilized += 1;
    if ($("physics").checked) $("physics-state").textContent = "settled (drag an actor to stir it)";
  });

  function findActor(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    const exact = D.nodes.find((n) => n.id.toLowerCase() === q || n.label.toLowerCase() === q);
    if (exact) return exact;
    // Otherwise the busiest actor whose name or id contains the words typed.
    const hits = D.nodes.filter((n) => n.id.toLowerCase().includes(q) || n.label.toLowerCase().includes(q));
    return hits.sort((a, b) => b.events - a.events)[0] || null;
  }
  function find() {
    const hit = findActor($("find").value);
    if (!$("find").value.trim()) { $("find-result").textContent = ""; return; }
    if (!hit) { $("find-result").textContent = `No actor matches “${$("find").value.trim()}”.`; return; }
    $("find-result").textContent = nodes.get(hit.id).hidden ? `${hit.label}: hidden by the filters` : "";
    network.selectNodes([hit.id]);
    showPanel(["actor", hit.id]);
    // Centre the actor in the part of the canvas the panel leaves free.
    network.focus(hit.id, { scale: Math.max(network.getScale(), 1), offset: { x: panel.offsetWidth / 2, y: 0 },
                            animation: { duration: 400 } });
  }
  $("find").addEventListener("change", find);
  $("find").addEventListener("keydown", (ev) => { if (ev.key === "Enter") find(); });

  window.geokg = { network, nodes, edges, applyFilters, pairTip, actorTip, state };
  state.ready = performance.now(); // with firstDrawn: when the page is drawn and answers the reader
})();
