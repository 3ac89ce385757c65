// aiprov org dashboard. Hand-written, no dependencies, served locally.
// Security: prompts and suggestions are attacker-controlled text. This file never uses
// innerHTML, insertAdjacentHTML or document.write: every value reaches the page through
// textContent or setAttribute on elements it creates, and the server's CSP forbids inline
// script, so text stays text.
"use strict";
(function () {
  const KEY = "aiprov_token";
  const SVGNS = "http://www.w3.org/2000/svg";
  const COLORS = { ai: "#d9534f", edited: "#f0ad4e", human: "#5b9bd5", bar: "#4a7bb7",
                   bar2: "#9bbbe0" };

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "text") e.textContent = String(v);
      else if (k === "href") e.setAttribute("href", safeHref(v));
      else e.setAttribute(k, String(v));
    }
    for (const kid of kids) {
      if (kid === null || kid === undefined) continue;
      e.appendChild(typeof kid === "object" ? kid : document.createTextNode(String(kid)));
    }
    return e;
  }
  function safeHref(v) {  // only same-origin relative links are ever built
    const s = String(v);
    return s.startsWith("/") && !s.startsWith("//") ? s : "#";
  }
  function svgEl(tag, attrs, text) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function $(id) { return document.getElementById(id); }
  function showError(err) { const e = $("error"); if (e) e.textContent = String(err.message || err); }
  function pct(v) { return v === null || v === undefined ? "–" : (100 * v).toFixed(1) + "%"; }
  function num(v) { return v === null || v === undefined ? "–" : Number(v).toLocaleString("en-US"); }
  function usd(v) { return v === null || v === undefined ? "–" : "$" + Number(v).toFixed(2); }
  function dec(v, d) { return v === null || v === undefined ? "–" : Number(v).toFixed(d); }
  function params() { return new URLSearchParams(location.search); }

  async function api(path, opts) {
    const token = sessionStorage.getItem(KEY);
    if (!token) { toLogin(); throw new Error("not signed in"); }
    const r = await fetch(path, Object.assign({ headers: { Authorization: "Bearer " + token } },
                                              opts || {}));
    if (r.status === 401) { sessionStorage.removeItem(KEY); toLogin(); throw new Error("token refused"); }
    const data = await r.json();
    if (!r.ok) {
      const d = data && data.detail;
      throw new Error(typeof d === "string" ? d : JSON.stringify(d || r.statusText));
    }
    return data;
  }
  function toLogin() {
    if (document.body.dataset.page !== "login")
      location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
  }
  async function whoami() {
    const cfg = await api("/api/config");
    const w = $("who");
    if (w) w.textContent = (cfg.developer || "token") + " · " + cfg.role + " · sign out";
    if (w) w.addEventListener("click", () => { sessionStorage.removeItem(KEY); location.href = "/login"; });
    return cfg;
  }

  // -- charts (inline SVG) ----------------------------------------------------------------
  function frame(container, w, h) {
    const s = svgEl("svg", { viewBox: `0 0 ${w} ${h}`, width: "100%", class: "chart-svg",
                             role: "img" });
    clear(container).appendChild(s);
    return s;
  }
  function empty(container, why) {
    const s = frame(container, 360, 60);
    s.appendChild(svgEl("text", { x: 10, y: 30 }, why || "no data in this window"));
    container.dataset.drawn = "empty";
  }
  function lineChart(container, points, fmt) {
    const pts = points.filter((p) => p.y !== null && p.y !== undefined);
    if (!pts.length) return empty(container);
    const W = 520, H = 220, L = 44, R = 10, T = 10, B = 34;
    const s = frame(container, W, H);
    const ymax = Math.max(1e-9, ...pts.map((p) => p.y));
    const yTop = fmt === pct ? Math.min(1, Math.max(0.1, ymax * 1.1)) : ymax * 1.1;
    const n = points.length;
    const x = (i) => L + (n <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
    const y = (v) => T + (H - T - B) * (1 - v / yTop);
    for (let k = 0; k <= 4; k++) {
      const v = (yTop * k) / 4;
      s.appendChild(svgEl("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eee" }));
      s.appendChild(svgEl("text", { x: 2, y: y(v) + 4 }, fmt(v)));
    }
    let d = "";
    points.forEach((p, i) => {
      if (p.y === null || p.y === undefined) return;
      d += (d ? "L" : "M") + x(i).toFixed(1) + "," + y(p.y).toFixed(1);
    });
    s.appendChild(svgEl("path", { d, fill: "none", stroke: COLORS.ai, "stroke-width": 2,
                                  class: "series" }));
    points.forEach((p, i) => {
      if (p.y === null || p.y === undefined) return;
      const c = svgEl("circle", { cx: x(i), cy: y(p.y), r: 3, fill: COLORS.ai, class: "point" });
      c.appendChild(svgEl("title", {}, p.x + ": " + fmt(p.y)));
      s.appendChild(c);
    });
    const step = Math.max(1, Math.ceil(n / 6));
    points.forEach((p, i) => {
      if (i % step === 0) s.appendChild(svgEl("text", { x: x(i) - 16, y: H - 12 }, p.x.slice(5)));
    });
    container.dataset.drawn = "true";
  }
  function barChart(container, items, fmt, series2) {
    if (!items.length) return empty(container);
    items = items.slice(0, 12);
    const rowH = series2 ? 30 : 22, W = 520, L = 150, R = 70;
    const H = 10 + items.length * rowH;
    const s = frame(container, W, H);
    const max = Math.max(1e-9, ...items.map((it) => it.value || 0));
    const max2 = series2 ? Math.max(1e-9, ...items.map((it) => it.value2 || 0)) : 1;
    items.forEach((it, i) => {
      const y0 = 5 + i * rowH;
      const label = String(it.label);
      s.appendChild(svgEl("text", { x: 4, y: y0 + 13 }, label.length > 22 ? label.slice(0, 21) + "…" : label));
      const w = ((W - L - R) * (it.value || 0)) / max;
      const r = svgEl("rect", { x: L, y: y0 + 2, width: Math.max(1, w), height: 13,
                                fill: it.color || COLORS.bar, class: "bar" });
      r.appendChild(svgEl("title", {}, label + ": " + fmt(it.value)));
      s.appendChild(r);
      s.appendChild(svgEl("text", { x: L + Math.max(1, w) + 4, y: y0 + 13 }, fmt(it.value)));
      if (series2) {
        const w2 = ((W - L - R) * (it.value2 || 0)) / max2;
        const r2 = svgEl("rect", { x: L, y: y0 + 16, width: Math.max(1, w2), height: 8,
                                   fill: COLORS.bar2, class: "bar" });
        r2.appendChild(svgEl("title", {}, label + ": " + series2(it.value2)));
        s.appendChild(r2);
        s.appendChild(svgEl("text", { x: L + Math.max(1, w2) + 4, y: y0 + 25 }, series2(it.value2)));
      }
    });
    container.dataset.drawn = "true";
  }

  function table(columns, rows) {
    const t = el("table");
    const head = el("tr");
    columns.forEach((c) => head.appendChild(el("th", { text: c.label, class: c.n ? "n" : null })));
    t.appendChild(el("thead", {}, head));
    const body = el("tbody");
    rows.forEach((r) => {
      const tr = el("tr", { class: r._class || null });
      columns.forEach((c) => {
        const v = c.get(r);
        tr.appendChild(el("td", { class: c.n ? "n" : null }, typeof v === "object" && v ? v : String(v ?? "–")));
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  // -- pages -------------------------------------------------------------------------------
  async function dashboard() {
    await whoami();
    const form = $("window");
    const load = async () => {
      const since = $("since").value;
      const period = $("period").value === "week" ? "week" : "day";
      try {
        const [team, tool, model, recent] = await Promise.all([
          api(`/api/report?since=${encodeURIComponent(since)}&by=team&period=${period}`),
          // the outcomes (per model and tool included) come once, with the team report
          api(`/api/report?since=${encodeURIComponent(since)}&by=tool&trend=false&outcomes=false`),
          api(`/api/report?since=${encodeURIComponent(since)}&by=model&trend=false&outcomes=false`),
          api("/api/exchanges?limit=20"),
        ]);
        const t = team.totals;
        const oc = team.outcomes, o = oc.totals;
        const kpis = clear($("kpis"));
        [["Exchanges", num(t.exchanges)], ["Tokens in / out", num(t.input_tokens) + " / " + num(t.output_tokens)],
         ["Cost", usd(t.cost_usd)], ["Snippets accepted", pct(t.acceptance_rate)],
         ["AI share of lines", pct(t.ai_share)], ["…verbatim / edited", pct(t.ai_share_verbatim) + " / " + pct(t.ai_share_edited)],
         ["Findings /kLOC AI", dec(t.findings_per_kloc_ai, 2)], ["Findings /kLOC human", dec(t.findings_per_kloc_human, 2)],
         ["Median fix, AI (h)", dec(t.median_fix_hours_ai, 1)],
         ["Insecure suggestions /100", dec(o.insecure_per_100_suggestions, 1)],
         ["Accepted insecure", pct(o.accepted_insecure_rate)],
         ["Fixed before commit", pct(o.fixed_before_commit_rate)],
         ["Dismissed (false positive)", pct(o.false_positive_rate) + " of " + num(o.findings)],
         ["PRs with AI findings", pct(o.ai_finding_pr_share)],
         ["Median time to fix (h)", dec(o.median_hours_to_fix, 1)]]
          .forEach(([l, v]) => kpis.appendChild(el("div", { class: "kpi" }, el("div", { class: "v", text: v }), el("div", { class: "l", text: l }))));
        lineChart($("chart-trend"), team.trend.map((d) => ({ x: d.day, y: d.ai_share })), pct);
        barChart($("chart-team"), team.groups.filter((g) => g.ai_share !== null)
          .map((g) => ({ label: g.key, value: g.ai_share })), pct);
        barChart($("chart-tool"), tool.groups.filter((g) => g.exchanges > 0)
          .map((g) => ({ label: g.key, value: g.exchanges, value2: g.cost_usd })), num, usd);
        barChart($("chart-model"), model.groups.filter((g) => g.exchanges > 0)
          .map((g) => ({ label: g.key, value: g.exchanges, value2: g.cost_usd })), num, usd);
        const dens = [];
        if (t.findings_per_kloc_ai !== null) dens.push({ label: "AI lines", value: t.findings_per_kloc_ai, color: COLORS.ai });
        if (t.findings_per_kloc_human !== null) dens.push({ label: "human lines", value: t.findings_per_kloc_human, color: COLORS.human });
        barChart($("chart-findings"), dens, (v) => dec(v, 2));
        const over = (k) => oc.trend.map((d) => ({ x: d[oc.period], y: d[k] }));
        lineChart($("chart-insecure"), over("insecure_per_100_suggestions"), (v) => dec(v, 1));
        lineChart($("chart-fixed"), over("fixed_before_commit_rate"), pct);
        lineChart($("chart-fp"), over("false_positive_rate"), pct);
        barChart($("chart-insecure-model"), oc.by_model.filter((m) => m.insecure_per_100_suggestions !== null)
          .map((m) => ({ label: m.key, value: m.insecure_per_100_suggestions })), (v) => dec(v, 1));
        const perTeam = new Map((oc.groups || []).map((g) => [g.key, g]));
        const out = (g, k) => (perTeam.get(g.key) || {})[k];
        clear($("table-team")).appendChild(table([
          { label: "team", get: (g) => g.key }, { label: "exchanges", n: 1, get: (g) => num(g.exchanges) },
          { label: "cost", n: 1, get: (g) => usd(g.cost_usd) },
          { label: "accepted", n: 1, get: (g) => pct(g.acceptance_rate) },
          { label: "lines", n: 1, get: (g) => num(g.committed_lines) },
          { label: "AI share", n: 1, get: (g) => pct(g.ai_share) },
          { label: "findings/kLOC AI", n: 1, get: (g) => dec(g.findings_per_kloc_ai, 2) },
          { label: "findings/kLOC human", n: 1, get: (g) => dec(g.findings_per_kloc_human, 2) },
          { label: "insecure/100 suggestions", n: 1, get: (g) => dec(out(g, "insecure_per_100_suggestions"), 1) },
          { label: "fixed before commit", n: 1, get: (g) => pct(out(g, "fixed_before_commit_rate")) },
          { label: "dismissed", n: 1, get: (g) => num(out(g, "dismissed")) },
        ], team.groups));
        clear($("recent")).appendChild(table([
          { label: "time", get: (x) => (x.time || "").replace("T", " ").slice(0, 19) },
          { label: "developer", get: (x) => x.developer }, { label: "tool", get: (x) => x.tool },
          { label: "model", get: (x) => x.model }, { label: "repo", get: (x) => x.repo },
          { label: "exchange", get: (x) => el("a", { href: "/exchange?id=" + encodeURIComponent(x.id), text: x.id.slice(0, 12) }) },
        ], recent));
        document.body.dataset.ready = "true";
      } catch (err) { showError(err); }
    };
    form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
    await load();
  }

  function origin(o) { return o === "ai" ? "AI (verbatim)" : o === "ai-edited" ? "AI, edited" : o || "–"; }

  function renderLine(a) {
    const out = clear($("line-result"));
    if (!a.found) { out.appendChild(el("p", { class: "muted", text: a.reason })); return; }
    const src = a.source || {};
    out.appendChild(table([{ label: "field", get: (r) => r[0] }, { label: "value", get: (r) => r[1] }], [
      ["origin", origin(a.origin)], ["confidence", dec(a.confidence, 2)],
      ["commit", a.commit_info.sha + " by " + a.commit_info.author + " at " + a.commit_info.time],
      ["lookup", a.method === "commit" ? "at the given commit" : "latest synced commit that added this line"],
      ["developer", src.developer], ["tool", src.tool], ["model", src.model], ["asked at", src.time],
      ["exchange", src.exchange_id ? el("a", { href: "/exchange?id=" + encodeURIComponent(src.exchange_id), text: src.exchange_id, id: "line-exchange" }) : "–"],
    ]));
    out.firstChild.id = "line-table";
    if (a.text_withheld) out.appendChild(el("p", { class: "muted", text: a.text_withheld }));
    if (a.prompt !== undefined) {
      out.appendChild(el("h2", { text: "Prompt" }));
      out.appendChild(el("pre", { id: "line-prompt", text: a.prompt }));
      out.appendChild(el("h2", { text: "Suggestion" }));
      out.appendChild(el("pre", { id: "line-suggestion", text: a.suggestion }));
    }
    out.appendChild(el("h2", { text: "Review findings" }));
    out.appendChild(findingsTable(a.findings || []));
  }
  function findingsTable(fs) {
    if (!fs.length) return el("p", { class: "muted", text: "no findings" });
    return table([
      { label: "rule", get: (f) => f.rule_id }, { label: "CWE", get: (f) => f.cwe },
      { label: "severity", get: (f) => f.severity }, { label: "origin", get: (f) => origin(f.origin) },
      { label: "where", get: (f) => f.path + ":" + f.line }, { label: "message", get: (f) => f.message },
      { label: "fixed", get: (f) => f.fixed_sha ? f.fixed_sha.slice(0, 10) : "open" },
      { label: "state", get: (f) => f.state + (f.dismiss_reason ? " (" + f.dismissed_by + ": " + f.dismiss_reason + ")" : "") },
    ], fs);
  }
  function renderCommit(c) {
    const out = clear($("commit-result"));
    out.appendChild(el("p", { text: `${c.sha} by ${c.author} at ${c.time}: ${c.ai_lines} AI, ${c.ai_edited_lines} AI-edited, ${c.human_lines} human lines` }));
    c.files.forEach((f) => {
      out.appendChild(el("h2", { text: f.path }));
      const rows = f.lines.map((l) => Object.assign({ _class: "origin-" + (l.origin || "human") }, l));
      out.appendChild(table([
        { label: "line", n: 1, get: (l) => l.line }, { label: "origin", get: (l) => origin(l.origin) },
        { label: "confidence", n: 1, get: (l) => dec(l.confidence, 2) },
        { label: "exchange", get: (l) => l.exchange_id ? el("a", { href: "/exchange?id=" + encodeURIComponent(l.exchange_id), text: l.exchange_id.slice(0, 12) }) : "" },
        { label: "lookup", get: (l) => el("a", { href: "/lookup?" + new URLSearchParams({ repo: c.repo, path: f.path, line: l.line, commit: c.sha }), text: "why?" }) },
      ], rows));
    });
    out.appendChild(el("h2", { text: "Review findings" }));
    out.appendChild(findingsTable(c.findings));
  }

  async function lookup() {
    await whoami();
    const p = params();
    const lineForm = $("line-form"), commitForm = $("commit-form"), searchForm = $("search-form");
    const runLine = async () => {
      const q = new URLSearchParams({ repo: $("repo").value, path: $("path").value, line: $("line").value });
      if ($("commit").value.trim()) q.set("commit", $("commit").value.trim());
      try { renderLine(await api("/api/lookup/line?" + q)); document.body.dataset.ready = "line"; }
      catch (err) { clear($("line-result")).appendChild(el("p", { class: "error", text: err.message })); }
    };
    const runCommit = async () => {
      const q = new URLSearchParams({ repo: $("c-repo").value, sha: $("c-sha").value.trim() });
      try { renderCommit(await api("/api/commit?" + q)); document.body.dataset.ready = "commit"; }
      catch (err) { clear($("commit-result")).appendChild(el("p", { class: "error", text: err.message })); }
    };
    lineForm.addEventListener("submit", (ev) => { ev.preventDefault(); runLine(); });
    commitForm.addEventListener("submit", (ev) => { ev.preventDefault(); runCommit(); });
    searchForm.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        const hits = await api("/api/search?" + new URLSearchParams({ q: $("q").value }));
        clear($("search-result")).appendChild(hits.length ? table([
          { label: "time", get: (h) => (h.time || "").slice(0, 19) }, { label: "developer", get: (h) => h.developer },
          { label: "repo", get: (h) => h.repo }, { label: "path", get: (h) => h.path },
          { label: "excerpt", get: (h) => el("pre", { text: h.excerpt ?? "(withheld)" }) },
          { label: "exchange", get: (h) => el("a", { href: "/exchange?id=" + encodeURIComponent(h.exchange_id), text: h.exchange_id.slice(0, 12) }) },
        ], hits) : el("p", { class: "muted", text: "no snippet contains that text" }));
      } catch (err) { clear($("search-result")).appendChild(el("p", { class: "error", text: err.message })); }
    });
    if (p.get("repo")) { $("repo").value = p.get("repo"); $("c-repo").value = p.get("repo"); }
    if (p.get("path")) $("path").value = p.get("path");
    if (p.get("line")) $("line").value = p.get("line");
    if (p.get("commit")) { $("commit").value = p.get("commit"); $("c-sha").value = p.get("commit"); }
    if (p.get("repo") && p.get("path") && p.get("line")) await runLine();
  }

  async function exchange() {
    await whoami();
    const id = params().get("id") || "";
    $("xid").textContent = id;
    try {
      const x = await api("/api/exchanges/" + encodeURIComponent(id));
      clear($("meta")).appendChild(table([{ label: "field", get: (r) => r[0] }, { label: "value", get: (r) => r[1] }], [
        ["developer", x.developer], ["tool", x.tool + (x.tool_version ? " " + x.tool_version : "")],
        ["model", x.model], ["time", x.time], ["repo", x.repo],
        ["tokens in / out", num(x.input_tokens) + " / " + num(x.output_tokens)], ["cost", usd(x.cost_usd)],
      ]));
      const withheld = x.text_withheld ? "(" + x.text_withheld + ")" : "";
      $("prompt").textContent = x.prompt ?? withheld;
      $("system").textContent = x.system ?? withheld;
      $("response").textContent = x.response ?? withheld;
      const sn = clear($("snippets"));
      if (!x.snippets.length) sn.appendChild(el("p", { class: "muted", text: "no snippets" }));
      x.snippets.forEach((s) => {
        sn.appendChild(el("p", { text: `#${s.ordinal} ${s.kind} ${s.language || ""} ${s.path || ""} ${s.accepted ? "· committed" : "· not committed"}` }));
        sn.appendChild(el("pre", { class: "snippet", text: s.text ?? withheld }));
      });
      clear($("findings")).appendChild(findingsTable(x.findings));
      document.body.dataset.ready = "true";
    } catch (err) { showError(err); }
  }

  function login() {
    $("login-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      sessionStorage.setItem(KEY, $("token").value.trim());
      try {
        await api("/api/config");
        const next = params().get("next") || "/";
        location.href = safeHref(next);
      } catch (err) { showError(err); }
    });
  }

  const pages = { dashboard, lookup, exchange, login };
  const run = pages[document.body.dataset.page];
  if (run) Promise.resolve(run()).catch(showError);
})();
