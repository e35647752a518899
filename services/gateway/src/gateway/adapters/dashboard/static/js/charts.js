// Small hand-written SVG charts (no library, no CDN): built node by node, text as text nodes.
const NS = "http://www.w3.org/2000/svg";
const W = 560, H = 190, LEFT = 118, RIGHT = 8, TOP = 12, BOTTOM = 30;
const PAD = 42; // keeps the first and last session's points, bars and dates inside the frame

function svg(tag, attrs = {}, children = []) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

function label(x, y, text, attrs = {}) {
  return svg("text", { x, y, class: "chart-label", ...attrs }, [document.createTextNode(text)]);
}

function frame(title, labels, min, max, ticks) {
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title, class: "chart" },
    [svg("title", {}, [document.createTextNode(title)])]);
  const span = W - LEFT - RIGHT - 2 * PAD;
  const x = (i) => LEFT + PAD + (labels.length <= 1 ? span / 2 : (i * span) / (labels.length - 1));
  const y = (v) => TOP + (1 - (v - min) / (max - min)) * (H - TOP - BOTTOM);
  for (const tick of ticks) {
    root.append(svg("line", { x1: LEFT, x2: W - RIGHT, y1: y(tick.value), y2: y(tick.value), class: "chart-grid" }),
      label(LEFT - 6, y(tick.value) + 4, tick.text, { "text-anchor": "end" }));
  }
  const every = Math.ceil(labels.length / 6);
  labels.forEach((text, i) => {
    if (i % every === 0 || i === labels.length - 1) root.append(label(x(i), H - 8, text, { "text-anchor": "middle" }));
  });
  return { root, x, y };
}

// One line per series over the sessions in order; a gap where a session has no value.
export function lineChart({ title, labels, series, min = 0, max = 1, ticks }) {
  const { root, x, y } = frame(title, labels, min, max, ticks);
  for (const { name, values, kind } of series) {
    const points = values.map((v, i) => (v === null || v === undefined ? null : [x(i), y(v), v, i]));
    let run = [];
    const flush = () => {
      if (run.length > 1) root.append(svg("polyline", { points: run.map((p) => `${p[0]},${p[1]}`).join(" "), class: `chart-line ${kind}` }));
      run = [];
    };
    for (const p of points) (p ? run.push(p) : flush());
    flush();
    for (const p of points.filter(Boolean)) {
      root.append(svg("circle", { cx: p[0], cy: p[1], r: 4, class: `chart-dot ${kind}`, "data-series": name },
        [svg("title", {}, [document.createTextNode(`${labels[p[3]]}: ${name} ${p[2]}`)])]));
    }
  }
  return root;
}

// Bars of commitments per session, the part reported done in a later session darker.
export function commitmentChart({ title, labels, made, done }) {
  const top = Math.max(1, ...made);
  const ticks = [...new Set([0, Math.ceil(top / 2), top])].map((v) => ({ value: v, text: String(v) }));
  const { root, x, y } = frame(title, labels, 0, top, ticks);
  const width = Math.max(8, Math.min(36, (W - LEFT - RIGHT) / Math.max(labels.length, 1) / 2));
  made.forEach((n, i) => {
    const tip = `${labels[i]}: ${n} commitment${n === 1 ? "" : "s"}, ${done[i]} reported done later`;
    root.append(svg("rect", { x: x(i) - width / 2, y: y(n), width, height: y(0) - y(n), class: "chart-bar made" },
      [svg("title", {}, [document.createTextNode(tip)])]));
    if (done[i]) root.append(svg("rect", { x: x(i) - width / 2, y: y(done[i]), width, height: y(0) - y(done[i]), class: "chart-bar done" }));
  });
  return root;
}
