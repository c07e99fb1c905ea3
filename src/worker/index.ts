/**
 * The Worker entry. Module scope holds only cheap things: the bundled binary (a Data module, just
 * bytes), a lexicon store that views it lazily on first use, and the Hono app. So isolate startup
 * does not grow with the lexicon.
 */
import bundledBin from "../../build/lexicon.bin";
import { check, loadLexicon, resolveLocale, verifyLexicon } from "../core";
import demoCss from "../web/demo.css";
import demoHtml from "../web/demo.html";
import demoJs from "../web/demo.js";
import widgetJs from "../web/widget.js";
import { createApp, type Env } from "./app";
import { LexiconStore } from "./lexicon-store";

export type { Env } from "./app";

export const store = new LexiconStore({
  bundled: () => loadLexicon(bundledBin),
  engine: {
    load: loadLexicon,
    verify: verifyLexicon,
    smoke: (lex) => void check(lex, "ivory bangle for sale #rhinohorn 象牙"),
  },
});

const JS = "text/javascript; charset=utf-8";

export const app = createApp({
  store,
  engine: { check, resolveLocale },
  assets: {
    "/": { body: demoHtml, type: "text/html; charset=utf-8" },
    "/widget.js": { body: widgetJs, type: JS },
    "/demo.js": { body: demoJs, type: JS },
    "/demo.css": { body: demoCss, type: "text/css; charset=utf-8" },
  },
});

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
