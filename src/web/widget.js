// wildlife-sentinel warning component: a dependency-free ES module.
//   import { showWarning, WildlifeWarning, attachSearchGuard } from "https://host/widget.js";
// Renders the `warning` object of GET|POST /v1/check as an accessible modal dialog
// inside a shadow root. See docs/widget.md.

const EN = { learnMore: "Learn more", report: "Report", continue: "Continue", goBack: "Go back", close: "Close" };
const RTL = /^(ar|arc|ckb|dv|fa|he|iw|ks|ku-arab|ps|sd|ug|ur|yi)(-|$)/i;
const TAG = "wildlife-warning";
const STATE_KEY = "__wildlifeWarning";

const CSS = `
:host{all:initial!important;display:contents!important}
dialog{box-sizing:border-box;margin:auto;padding:0;border:0;inline-size:min(calc(100vw - 2rem),var(--ww-max-width,26rem));max-block-size:calc(100dvh - 2rem);overflow:auto;
 background:var(--ww-bg,#fff);color:var(--ww-fg,#1c1c1e);border-radius:var(--ww-radius,16px);
 font:400 var(--ww-font-size,16px)/1.5 var(--ww-font,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans CJK SC","Noto Sans Thai",sans-serif);
 box-shadow:0 12px 40px rgb(0 0 0/.3);text-align:start;animation:ww-in .18s ease-out}
dialog::backdrop{background:var(--ww-backdrop,rgb(0 0 0/.55));animation:ww-fade .18s ease-out}
.p{display:flex;flex-direction:column;align-items:center;gap:.75rem;padding-block:1.75rem 1.25rem;padding-inline:1.5rem}
.x{position:absolute;inset-block-start:.5rem;inset-inline-end:.5rem;inline-size:2.25rem;block-size:2.25rem;padding:0;border:0;border-radius:50%;background:none;color:inherit;font:inherit;font-size:1.5rem;line-height:1;cursor:pointer}
.i{color:var(--ww-accent,#0a7d5a);inline-size:3rem;block-size:3rem}
h2{margin:0;font-size:1.25em;line-height:1.3;font-weight:700;text-align:center}
.b{margin:0;color:var(--ww-muted,color-mix(in srgb,currentColor 78%,transparent));text-align:center;white-space:pre-line}
.l{display:flex;flex-wrap:wrap;justify-content:center;gap:.25rem 1.25rem}
a{color:var(--ww-accent,#0a7d5a);font-weight:600;text-decoration:underline;text-underline-offset:.2em;padding:.25rem}
.a{display:flex;flex-direction:column;align-self:stretch;gap:.5rem;margin-block-start:.5rem}
button.g,button.c{font:inherit;font-weight:600;padding:.7rem 1rem;border-radius:calc(var(--ww-radius,16px)*.6);cursor:pointer;border:2px solid var(--ww-accent,#0a7d5a)}
button.g{background:var(--ww-accent,#0a7d5a);color:var(--ww-accent-fg,#fff)}
button.c{background:none;color:inherit;border-color:var(--ww-border,color-mix(in srgb,currentColor 30%,transparent))}
[hidden]{display:none!important}
:focus-visible{outline:3px solid var(--ww-focus,var(--ww-accent,#0a7d5a));outline-offset:2px}
@media (prefers-color-scheme:dark){dialog{background:var(--ww-bg,#1f1f22);color:var(--ww-fg,#f2f2f4)}.i,a{color:var(--ww-accent,#4cc79a)}button.g{background:var(--ww-accent,#4cc79a);border-color:var(--ww-accent,#4cc79a);color:var(--ww-accent-fg,#0b1f17)}}
@media (prefers-reduced-motion:reduce){dialog,dialog::backdrop{animation:none!important;transition:none!important}}
@keyframes ww-in{from{opacity:0;transform:translateY(12px) scale(.98)}}
@keyframes ww-fade{from{opacity:0}}
`;

const HTML = `<dialog part="dialog" role="dialog" aria-modal="true" aria-labelledby="t" aria-describedby="d">
<div class="p" part="panel">
<button type="button" class="x" part="close" data-a="dismissed"><span aria-hidden="true">\u00d7</span></button>
<svg class="i" part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M12 2.8 4.5 5.6v5.6c0 4.6 3.1 8.6 7.5 10 4.4-1.4 7.5-5.4 7.5-10V5.6Z"/><path d="M12 8v4.5"/><path d="M12 16h.01"/></svg>
<h2 id="t" part="title"></h2>
<p id="d" class="b" part="body"></p>
<div class="l"><a part="learn-more" data-a="learn-more" target="_blank" rel="noopener noreferrer"></a><a part="report" data-a="report" target="_blank" rel="noopener noreferrer"></a></div>
<div class="a"><button type="button" class="g" part="go-back" data-a="back"></button><button type="button" class="c" part="continue" data-a="continue"></button></div>
</div></dialog>`;

let sheet = null;
function styleRoot(root) {
  // Constructable stylesheets are not subject to a page's CSP `style-src`; <style> is the fallback.
  try {
    if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
    root.adoptedStyleSheets = [sheet];
  } catch {
    const s = document.createElement("style");
    s.textContent = CSS;
    root.prepend(s);
  }
}

function safeUrl(u) {
  if (typeof u !== "string" || !u) return null;
  try {
    const url = new URL(u, location.href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch { return null; }
}

/** Accepts a /v1/check result or its `warning`; returns the warning or null. */
function toWarning(x) {
  if (!x || typeof x !== "object") return null;
  if ("decision" in x || "warning" in x) return x.warning || null;
  return "title" in x ? x : null;
}

function deepActive() {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

const Base = typeof HTMLElement === "undefined" ? class {} : HTMLElement;
let current = null;

export class WildlifeWarning extends Base {
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = HTML;
    styleRoot(root);
    this._d = root.querySelector("dialog");
    this._w = null;
    this._pending = null;
    this._onKey = this._onKey.bind(this);
    this._onPop = this._onPop.bind(this);
    this._d.addEventListener("keydown", this._onKey);
    this._d.addEventListener("cancel", (e) => { e.preventDefault(); this.close("dismissed"); });
    this._d.addEventListener("click", (e) => {
      const t = e.target.closest && e.target.closest("[data-a]");
      if (t) {
        // Links open in a new tab (their default action); the dialog then closes.
        if (t.tagName !== "A") e.preventDefault();
        this.close(t.dataset.a);
      }
    });
  }

  /** The warning shown (or last shown). */
  get warning() { return this._w; }
  set warning(w) { this._w = toWarning(w); this._render(); }
  get open() { return !!this._pending; }

  _render() {
    const w = this._w || {};
    const L = { ...EN, ...(w.labels || {}), ...(this._labels || {}) };
    const $ = (s) => this.shadowRoot.querySelector(s);
    const d = this._d;
    d.dir = w.dir === "rtl" || w.dir === "ltr" ? w.dir : RTL.test(w.locale || "") ? "rtl" : "ltr";
    if (w.locale) d.lang = w.locale; else d.removeAttribute("lang");
    d.dataset.category = w.category || "";
    $("#t").textContent = w.title || "";
    $("#d").textContent = w.body || "";
    $(".x").setAttribute("aria-label", L.close);
    $(".x").title = L.close;
    for (const [sel, url, label] of [["[part=learn-more]", w.learnMoreUrl, L.learnMore], ["[part=report]", w.reportUrl, L.report]]) {
      const a = $(sel), href = safeUrl(url);
      a.textContent = label;
      a.hidden = !href;
      if (href) a.href = href; else a.removeAttribute("href");
    }
    $(".g").textContent = L.goBack;
    $(".c").textContent = L.continue;
    $(".c").hidden = w.canProceed !== true;
  }

  _focusables() {
    return [...this._d.querySelectorAll("button,a[href]")].filter((el) => !el.hidden && !el.closest("[hidden]"));
  }

  _onKey(e) {
    if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); this.close("dismissed"); return; }
    if (e.key !== "Tab") return;
    const f = this._focusables();
    if (!f.length) return;
    const i = f.indexOf(this.shadowRoot.activeElement);
    e.preventDefault();
    const n = e.shiftKey ? (i <= 0 ? f.length - 1 : i - 1) : (i < 0 || i >= f.length - 1 ? 0 : i + 1);
    f[n].focus();
  }

  _onPop(e) {
    // Browser back while open: our history entry is gone, so close without going back again.
    if (!this._pending) return;
    if (!(history.state && history.state[STATE_KEY] === this._id)) {
      e.stopImmediatePropagation();
      this._histPushed = false;
      this.close("dismissed");
    }
  }

  /**
   * Show `warning` (or a /v1/check result) as a modal dialog.
   * Resolves with "continue" | "back" | "learn-more" | "report" | "dismissed".
   */
  show(warning, options = {}) {
    if (warning !== undefined) this._w = toWarning(warning);
    if (!this._w) return Promise.resolve("continue");
    // Replacing an open dialog (this one or another) hands its history entry and focus target over.
    const prev = this._pending ? this : current;
    const taken = prev ? prev._end("dismissed", true) : null;
    current = this;
    this._labels = options.labels || null;
    this._render();
    this._restore = options.returnFocus || (taken && taken.restore) || deepActive();
    const p = new Promise((resolve) => { this._pending = resolve; });
    if (!this.isConnected) (options.container || document.body).append(this);
    try { this._d.showModal(); } catch { this._d.setAttribute("open", ""); }
    this._histPushed = false;
    if (taken && taken.hist) {
      this._id = taken.id;
      this._histPushed = true;
      addEventListener("popstate", this._onPop, true);
    } else if (options.history !== false && typeof history !== "undefined") {
      this._id = Math.random().toString(36).slice(2);
      try {
        const s = history.state;
        history.pushState({ ...(s && typeof s === "object" ? s : {}), [STATE_KEY]: this._id }, "");
        this._histPushed = true;
        addEventListener("popstate", this._onPop, true);
      } catch { /* sandboxed or opaque origin */ }
    }
    const first = this.shadowRoot.querySelector(".g");
    first.focus();
    this.dispatchEvent(new CustomEvent("ww-open", { bubbles: true, composed: true, detail: { warning: this._w } }));
    return p;
  }

  /** Close the dialog; the promise from show() resolves with `action`. */
  close(action = "dismissed") { this._end(action, false); }

  _end(action, handover) {
    const resolve = this._pending;
    if (!resolve) return null;
    this._pending = null;
    if (current === this) current = null;
    try { this._d.close(); } catch { this._d.removeAttribute("open"); }
    const r = this._restore;
    this._restore = null;
    if (handover) {
      const hist = this._histPushed && history.state && history.state[STATE_KEY] === this._id;
      this._histPushed = false;
      removeEventListener("popstate", this._onPop, true);
      this.dispatchEvent(new CustomEvent("ww-close", { bubbles: true, composed: true, detail: { action } }));
      if (this._autoRemove) this.remove();
      resolve(action);
      return { id: this._id, restore: r, hist };
    }
    if (r && r.isConnected && typeof r.focus === "function") { try { r.focus({ preventScroll: true }); } catch { /* ignore */ } }
    const finish = () => {
      removeEventListener("popstate", this._onPop, true);
      this.dispatchEvent(new CustomEvent("ww-close", { bubbles: true, composed: true, detail: { action } }));
      if (this._autoRemove) this.remove();
      resolve(action);
    };
    if (this._histPushed && history.state && history.state[STATE_KEY] === this._id) {
      // Drop the entry we pushed; resolve once the browser has gone back, so that a caller's
      // own pushState (e.g. to show results) lands after it. Our popstate is hidden from the page.
      this._histPushed = false;
      let done = false, t = 0;
      const once = () => { if (done) return; done = true; clearTimeout(t); removeEventListener("popstate", ours, true); finish(); };
      const ours = (e) => { e.stopImmediatePropagation(); once(); };
      addEventListener("popstate", ours, true);
      t = setTimeout(once, 1000);
      history.back();
      return null;
    }
    finish();
    return null;
  }

  disconnectedCallback() { if (this._pending) this.close("dismissed"); }
}

if (typeof customElements !== "undefined" && !customElements.get(TAG)) customElements.define(TAG, WildlifeWarning);

/**
 * Show a warning (or a whole /v1/check result) as a modal dialog. An `allow` result (no warning)
 * resolves "continue" at once without showing anything.
 */
export function showWarning(resultOrWarning, options = {}) {
  const w = toWarning(resultOrWarning);
  if (!w) return Promise.resolve("continue");
  const el = document.createElement(TAG);
  el._autoRemove = true;
  return el.show(w, options);
}

function pickInput(target) {
  if (typeof target === "string") target = document.querySelector(target);
  if (!target) throw new TypeError("attachSearchGuard: no input or form");
  if (target.tagName === "FORM") {
    const input = target.querySelector('input[type=search],input[name=q],input[type=text],input:not([type]),textarea');
    if (!input) throw new TypeError("attachSearchGuard: the form has no text input");
    return { form: target, input };
  }
  return { form: target.form || null, input: target };
}

/**
 * Guard a search box: check the query with the API on submit (and, with `live`, as the user
 * types) and show the warning for warn/block. Returns { check(q?), detach() }.
 */
export function attachSearchGuard(target, options = {}) {
  const {
    endpoint, locale, kind, live = false, debounce = 300, failOpen = true, timeout = 5000,
    onAllow, onDecision, onError, dialog = {}, fetch: doFetch = globalThis.fetch.bind(globalThis),
  } = options;
  const { form, input } = pickInput(target);
  // Default: the API next to this module (so a page importing https://host/widget.js asks https://host/v1/check).
  const url = endpoint ? new URL(endpoint, location.href).href : new URL("/v1/check", import.meta.url).href;
  const cache = new Map();
  let bypass = null, timer = 0, liveCtl = null, busy = false;

  const loc = () => (typeof locale === "function" ? locale() : locale) || undefined;
  async function check(q = input.value, signal) {
    q = String(q);
    const body = { q, locale: loc(), kind: typeof kind === "function" ? kind(q) : kind };
    const key = JSON.stringify(body);
    if (cache.has(key)) return cache.get(key);
    const ctl = new AbortController();
    const abort = () => ctl.abort();
    const t = setTimeout(abort, timeout);
    if (signal) signal.addEventListener("abort", abort);
    let result;
    try {
      const res = await doFetch(url, {
        method: "POST", headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body), credentials: "omit", signal: ctl.signal,
      });
      if (!res.ok) throw new Error(`wildlife-sentinel: ${url} answered ${res.status}`);
      result = await res.json();
    } finally {
      clearTimeout(t);
      if (signal) signal.removeEventListener("abort", abort);
    }
    if (!result || typeof result.decision !== "string") throw new Error("wildlife-sentinel: not a /v1/check answer");
    if (cache.size > 50) cache.delete(cache.keys().next().value);
    cache.set(key, result);
    return result;
  }

  function proceed(q, result, event) {
    if (onAllow) { onAllow(q, result, event); return; }
    if (form) {
      bypass = q;
      const by = event.submitter && event.submitter.form === form ? event.submitter : undefined;
      if (form.requestSubmit) form.requestSubmit(by); else form.submit();
    }
  }

  async function guard(event) {
    const q = input.value;
    if (form && event.type === "submit" && bypass !== null && bypass === q) { bypass = null; return; }
    bypass = null;
    if (!q.trim()) {
      if (onAllow) { event.preventDefault(); onAllow(q, null, event); }
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (busy) return;
    busy = true;
    clearTimeout(timer);
    if (liveCtl) liveCtl.abort();
    try {
      let result;
      try { result = await check(q); } catch (err) {
        if (onError) onError(err);
        if (failOpen) proceed(q, null, event);
        return;
      }
      if (onDecision) onDecision(result, { q, trigger: "submit" });
      if (result.decision === "allow" || !result.warning) { proceed(q, result, event); return; }
      const action = await showWarning(result, { returnFocus: input, ...dialog });
      if (action === "continue" && result.decision === "warn" && result.warning.canProceed) proceed(q, result, event);
    } finally { busy = false; }
  }

  function onInput() {
    if (!live || !onDecision) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value;
      if (liveCtl) liveCtl.abort();
      if (!q.trim()) { onDecision(null, { q, trigger: "input" }); return; }
      const ctl = (liveCtl = new AbortController());
      try {
        const result = await check(q, ctl.signal);
        if (ctl.signal.aborted || input.value !== q) return;
        onDecision(result, { q, trigger: "input" });
      } catch (err) { if (!ctl.signal.aborted && onError) onError(err); }
    }, typeof live === "number" ? live : debounce);
  }

  function onKey(e) { if (e.key === "Enter" && !e.isComposing && !e.shiftKey) guard(e); }

  if (form) form.addEventListener("submit", guard, true); else input.addEventListener("keydown", onKey);
  input.addEventListener("input", onInput);
  return {
    check: (q) => check(q),
    detach() {
      clearTimeout(timer);
      if (liveCtl) liveCtl.abort();
      if (form) form.removeEventListener("submit", guard, true); else input.removeEventListener("keydown", onKey);
      input.removeEventListener("input", onInput);
    },
  };
}
