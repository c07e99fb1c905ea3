// A static server for the component tests: serves src/web/* and a fake, contract-shaped
// /v1/check on 127.0.0.1 (random port), with a CSP as strict as the Worker's.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";

const WEB = fileURLToPath(new URL("../../../src/web/", import.meta.url));

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

type Labels = { learnMore: string; report: string; continue: string; goBack: string; close: string };
interface Msg { dir: "ltr" | "rtl"; labels: Labels; cats: Record<string, { title: string; body: string }> }

const MESSAGES: Record<string, Msg> = {
  en: {
    dir: "ltr",
    labels: { learnMore: "Learn more", report: "Report", continue: "Show results", goBack: "Go back", close: "Close" },
    cats: {
      "elephant-ivory": { title: "Protect elephants", body: "Buying or selling elephant ivory fuels the poaching of tens of thousands of elephants a year, and is illegal in most countries." },
      "rhino-horn": { title: "Protect rhinos", body: "Rhino horn is made of keratin, like fingernails. Demand for it drives rhinos towards extinction; trading it is a crime." },
      "slow-loris": { title: "Protect slow lorises", body: "Slow lorises sold as pets are taken from the wild, and their teeth are often cut out. Their trade is banned." },
    },
  },
  fr: {
    dir: "ltr",
    labels: { learnMore: "En savoir plus", report: "Signaler", continue: "Afficher les résultats", goBack: "Retour", close: "Fermer" },
    cats: {
      "elephant-ivory": { title: "Protégeons les éléphants", body: "Acheter ou vendre de l’ivoire alimente le braconnage de dizaines de milliers d’éléphants chaque année." },
      "rhino-horn": { title: "Protégeons les rhinocéros", body: "La corne de rhinocéros est faite de kératine. Son commerce est un crime." },
      "slow-loris": { title: "Protégeons les loris", body: "Les loris vendus comme animaux de compagnie sont capturés dans la nature." },
    },
  },
  ar: {
    dir: "rtl",
    labels: { learnMore: "اعرف المزيد", report: "إبلاغ", continue: "عرض النتائج", goBack: "رجوع", close: "إغلاق" },
    cats: {
      "elephant-ivory": { title: "احمِ الفيلة", body: "شراء العاج أو بيعه يغذي صيد عشرات الآلاف من الفيلة كل عام، وهو غير قانوني في معظم البلدان." },
      "rhino-horn": { title: "احمِ وحيد القرن", body: "قرن وحيد القرن مصنوع من الكيراتين. الاتجار به جريمة." },
      "slow-loris": { title: "احمِ اللوريس", body: "تُؤخذ حيوانات اللوريس المبيعة كحيوانات أليفة من البرية." },
    },
  },
  "zh-Hans": {
    dir: "ltr",
    labels: { learnMore: "了解更多", report: "举报", continue: "显示结果", goBack: "返回", close: "关闭" },
    cats: {
      "elephant-ivory": { title: "保护大象", body: "买卖象牙导致每年数以万计的大象遭到盗猎，在大多数国家是违法行为。" },
      "rhino-horn": { title: "保护犀牛", body: "犀牛角的成分是角蛋白，和指甲一样。买卖犀牛角是犯罪。" },
      "slow-loris": { title: "保护懒猴", body: "作为宠物出售的懒猴都是从野外捕获的。" },
    },
  },
};

const TERMS: [RegExp, string, string][] = [
  [/ivory bangle/i, "elephant-ivory", "elephant-ivory/ivory-bangle"],
  [/象牙手镯/, "elephant-ivory", "elephant-ivory/xiang-ya-shou-zhuo"],
  [/ivory/i, "elephant-ivory", "elephant-ivory/ivory"],
  [/rhino ?horn/i, "rhino-horn", "rhino-horn/rhino-horn"],
  [/sừng tê giác/i, "rhino-horn", "rhino-horn/sung-te-giac"],
  [/kukang/i, "slow-loris", "slow-loris/kukang"],
];
const TRADE = /for ?sale|出售|dijual|\bbuy\b/i;
const EXCEPTIONS = /ivory coast|tiger balm/i;

export function fakeCheck(q: string, requested?: string, base = "") {
  const locale = requested && MESSAGES[requested] ? requested : "en";
  const empty = { lexiconVersion: "test-1", matches: [], warning: null };
  if (EXCEPTIONS.test(q)) return { decision: "allow", reasons: ["allowlisted"], ...empty };
  const hit = TERMS.map(([re, category, entry]) => ({ m: re.exec(q), category, entry })).find((x) => x.m);
  if (!hit || !hit.m) return { decision: "allow", reasons: [], ...empty };
  const block = TRADE.test(q);
  const msg = MESSAGES[locale]!;
  return {
    decision: block ? "block" : "warn",
    lexiconVersion: "test-1",
    reasons: block ? ["term", "trade_intent"] : ["term"],
    matches: [{ entry: hit.entry, category: hit.category, action: "warn", text: hit.m[0], start: hit.m.index, end: hit.m.index + hit.m[0].length }],
    warning: {
      locale, category: hit.category, ...msg.cats[hit.category],
      learnMoreUrl: `${base}/learn/${hit.category}`, reportUrl: `${base}/report`,
      canProceed: !block, labels: msg.labels, dir: msg.dir,
    },
  };
}

/** A host page for direct component tests, with hostile page styles that must not leak in. */
const FIXTURE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fixture</title>
<link rel="stylesheet" href="/fixture.css"></head><body>
<p>Host page</p><input id="box" aria-label="box"><button id="other">Other</button>
<script type="module" src="/fixture.js"></script></body></html>`;
const FIXTURE_JS = `import * as ww from "/widget.js"; window.ww = ww; document.documentElement.dataset.ready = "1";`;
const FIXTURE_CSS = `*{font-family:"Courier New",monospace!important;color:rgb(255,0,0)!important;letter-spacing:3px}
button{display:none!important}h2{font-size:60px}dialog{background:rgb(0,255,0)!important}a{color:rgb(255,0,255)}
:root{--ww-accent:rgb(1,2,3)}`;

/** A plain site search form guarded with one line, no callbacks: the form submits natively when allowed. */
const GUARD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>guard</title></head><body>
<form action="/search-results" method="get"><input type="search" name="q" aria-label="Search"><button>Go</button></form>
<script type="module" src="/guard.js"></script></body></html>`;
const GUARD_JS = `import { attachSearchGuard } from "/widget.js"; attachSearchGuard(document.querySelector("form"), { locale: "en" }); document.documentElement.dataset.ready = "1";`;

/** A third-party page: its own script imports the widget from origin `from` and guards the form with only onAllow. */
const EMBED = (from: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>embed</title></head><body>
<form><input type="search" name="q" aria-label="Search"><button>Go</button></form>
<script type="module" src="/embed-guard.js?from=${encodeURIComponent(from)}"></script></body></html>`;
const EMBED_JS = (from: string) => `import { attachSearchGuard } from "${from}/widget.js";
attachSearchGuard(document.querySelector("form"), { onAllow: (q) => { document.body.dataset.allowed = q; } });
document.documentElement.dataset.ready = "1";`;

const TYPES: Record<string, string | undefined> = {
  js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8", html: "text/html; charset=utf-8",
};

export interface StaticServer { url: string; checks: number; close(): Promise<void> }

export async function startStaticServer(): Promise<StaticServer> {
  const state = { checks: 0 };
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, csp = CSP) => {
    res.writeHead(status, {
      "content-type": type, "content-security-policy": csp, "cache-control": "no-store", "x-content-type-options": "nosniff",
      "access-control-allow-origin": "*", // like the Worker: the widget and the API are usable from any origin
    });
    res.end(body);
  };
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const base = `http://${req.headers.host}`;
    if (req.method === "OPTIONS") {
      res.writeHead(204, { "access-control-allow-origin": "*", "access-control-allow-methods": "GET, POST, OPTIONS", "access-control-allow-headers": "Content-Type" });
      return res.end();
    }
    if (url.pathname === "/embed" || url.pathname === "/embed-guard.js") {
      const from = url.searchParams.get("from") ?? "";
      if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(from)) return send(res, 400, TYPES.html!, "bad from");
      if (url.pathname === "/embed-guard.js") return send(res, 200, TYPES.js!, EMBED_JS(from));
      // Strict third-party CSP: no inline style at all; scripts from here and the widget's origin, fetches only to it.
      return send(res, 200, TYPES.html!, EMBED(from), `default-src 'none'; script-src 'self' ${from}; connect-src ${from}; style-src 'none'`);
    }
    if (url.pathname === "/v1/check") {
      state.checks++;
      let q = url.searchParams.get("q") ?? "", locale = url.searchParams.get("locale") ?? undefined;
      if (req.method === "POST") {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        q = body.q; locale = body.locale;
      }
      if (q === "trigger a server fault") return send(res, 500, "application/json; charset=utf-8", JSON.stringify({ error: { code: "internal_error", message: "Test fault." } }));
      if (!q) return send(res, 400, "application/json; charset=utf-8", JSON.stringify({ error: { code: "missing_query", message: "q is required." } }));
      return send(res, 200, "application/json; charset=utf-8", JSON.stringify(fakeCheck(q, locale, base)));
    }
    if (url.pathname === "/fixture") return send(res, 200, TYPES.html!, FIXTURE);
    if (url.pathname === "/guard") return send(res, 200, TYPES.html!, GUARD);
    if (url.pathname === "/guard.js") return send(res, 200, TYPES.js!, GUARD_JS);
    if (url.pathname === "/search-results") return send(res, 200, TYPES.html!, "<!doctype html><title>results</title><h1 id=done>results</h1>");
    if (url.pathname === "/fixture.js") return send(res, 200, TYPES.js!, FIXTURE_JS);
    if (url.pathname === "/fixture.css") return send(res, 200, TYPES.css!, FIXTURE_CSS);
    if (url.pathname.startsWith("/learn/") || url.pathname === "/report") return send(res, 200, TYPES.html!, "<!doctype html><title>info</title><p>info</p>");
    const file = url.pathname === "/" ? "demo.html" : url.pathname.slice(1);
    if (/^[a-z-]+\.(js|css|html)$/.test(file)) {
      try {
        return send(res, 200, TYPES[file.split(".").pop()!]!, await readFile(WEB + file));
      } catch { /* fall through */ }
    }
    send(res, 404, "application/json; charset=utf-8", JSON.stringify({ error: { code: "not_found", message: "No such path." } }));
  };
  const server = createServer((req, res) => { handler(req, res).catch(() => send(res, 500, "text/plain", "error")); });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get checks() { return state.checks; },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
