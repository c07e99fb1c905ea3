// Demo page script (served at /demo.js): wires the search box to /v1/check with the widget.
import { attachSearchGuard } from "/widget.js";

const $ = (id) => document.getElementById(id);
const form = $("search"), input = $("q"), select = $("locale"), live = $("live"), results = $("results");

const params = new URLSearchParams(location.search);
const offered = [...select.options].map((o) => o.value);
function pickLocale() {
  const want = [params.get("locale"), ...(navigator.languages || [])].filter(Boolean);
  for (const tag of want) {
    if (offered.includes(tag)) return tag;
    const t = tag.toLowerCase();
    if (/^zh-(tw|hk|mo)|^zh-hant/.test(t)) return "zh-Hant";
    if (t.startsWith("zh")) return "zh-Hans";
    const base = offered.find((o) => o === t.split("-")[0]);
    if (base) return base;
  }
  return "en";
}
select.value = pickLocale();

function el(tag, props = {}, ...kids) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
}

/** The query with each match wrapped in <mark> (UTF-16 offsets from the API). */
function highlighted(q, matches) {
  const out = [];
  let at = 0;
  for (const m of [...matches].sort((a, b) => a.start - b.start)) {
    if (m.start < at) continue;
    out.push(q.slice(at, m.start), el("mark", { title: m.entry }, q.slice(m.start, m.end)));
    at = m.end;
  }
  out.push(q.slice(at));
  return out;
}

function showLive(result, q) {
  if (!result) { live.replaceChildren("Type to check as you go; press Enter to search."); return; }
  const badge = el("span", { className: `d ${result.decision}` }, result.decision);
  const why = result.reasons.length ? ` (${result.reasons.join(", ")})` : "";
  live.replaceChildren(badge, "“", ...highlighted(q, result.matches), "”", why);
  if (result.lexiconVersion) $("version").textContent = `lexicon ${result.lexiconVersion}`;
}

function showResults(q, kind) {
  results.hidden = false;
  results.dataset.state = kind;
  if (kind === "allow") {
    results.className = "results";
    results.replaceChildren(el("h2", {}, `Results for “${q}”`), el("p", {}, "(Search results would appear here.)"),
      el("div", { className: "ph" }, el("div"), el("div"), el("div")));
  } else {
    results.className = "results hidden-note";
    results.replaceChildren(el("p", {}, "Results for this search are hidden."));
  }
}

function remember(q) {
  const u = new URL(location.href);
  u.searchParams.set("q", q);
  u.searchParams.set("locale", select.value);
  history.replaceState(history.state, "", u);
}

attachSearchGuard(form, {
  locale: () => select.value,
  live: true,
  onDecision(result, { q, trigger }) {
    showLive(result, q);
    if (trigger !== "submit" || !result) return;
    remember(q);
    if (result.decision === "block") showResults(q, "block");
    else results.hidden = true;
  },
  onAllow(q) {
    if (!q.trim()) { results.hidden = true; return; }
    showResults(q, "allow");
  },
  onError() {
    live.replaceChildren("The service could not be reached; try again.");
  },
});

for (const b of document.querySelectorAll("#examples button")) {
  b.addEventListener("click", () => {
    input.value = b.dataset.q;
    form.requestSubmit();
  });
}
select.addEventListener("change", () => {
  if (input.value.trim()) input.dispatchEvent(new Event("input"));
});

const q0 = params.get("q");
if (q0) { input.value = q0; form.requestSubmit(); }
