// The demo page (GET /) against the REAL Worker: `wrangler dev` started by support/worker-setup.ts
// (vitest globalSetup), the bundled build/lexicon.bin and the real /v1/check. Expectations use
// the lexicon's own documented examples (lexicon/README.md) and compare the dialog with what
// the API answers, so they hold while the lexicon grows.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startStaticServer } from "./support/server.js";
import { dialogState, focused, hasChromium, launch, NO_CHROMIUM, shot, watchErrors } from "./support/browser.js";

// Page-side callbacks (page.evaluate / waitForFunction) run in Chromium; the project's tsconfig has
// Workers types and no DOM lib, so the browser globals they use are declared loosely here.
declare const document: any, customElements: any, getComputedStyle: any, history: any, window: any;

const base = inject("workerUrl");
const why = !hasChromium ? NO_CHROMIUM : inject("workerSkip") || (base ? "" : "the Worker was not started");
if (why) console.warn(`[browser] skipping the end-to-end demo tests against wrangler dev: ${why}`);

interface Result { decision: string; warning: null | { title: string; body: string; dir: string; locale: string; canProceed: boolean; labels: Record<string, string> } }

async function api(q: string, locale: string): Promise<Result> {
  const res = await fetch(`${base}/v1/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ q, locale }) });
  expect(res.status).toBe(200);
  return res.json() as Promise<Result>;
}

describe.skipIf(!!why)("demo page on the real Worker (wrangler dev)", () => {
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await browser?.close(); });
  beforeEach(async () => {
    ctx = await browser.newContext({ viewport: { width: 900, height: 760 }, locale: "en-US" });
    page = await ctx.newPage();
    errors = watchErrors(page); // CSP violations show up here as console errors
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await ctx.close();
  });

  async function open(locale = "en") {
    await page.goto(`${base}/?locale=${encodeURIComponent(locale)}`);
    await page.waitForFunction(() => customElements.get("wildlife-warning") !== undefined);
  }
  const waitOpen = () => page.waitForFunction(() => document.querySelector("wildlife-warning")?.shadowRoot?.querySelector("dialog")?.open === true);
  const waitClosed = () => page.waitForFunction(() => !document.querySelector("wildlife-warning")?.shadowRoot?.querySelector("dialog")?.open);

  it("serves the page, the widget and the demo script with the right types and a CSP", async () => {
    const page0 = await fetch(`${base}/`);
    expect(page0.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page0.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const html = await page0.text();
    expect(html).toMatch(/<script type="module" src="\/demo\.js">/);
    for (const path of ["/widget.js", "/demo.js"]) {
      const r = await fetch(`${base}${path}`);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/^text\/javascript/);
    }
    const css = await fetch(`${base}/demo.css`);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
  });

  it("warn: typing shows the live decision, Enter shows the dialog with Continue, Go back closes it", async () => {
    const expected = await api("ivory bangle", "en");
    expect(expected.decision).toBe("warn");
    await open("en");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("q");
    await page.keyboard.type("ivory bangle", { delay: 20 });
    await page.waitForFunction(() => document.querySelector("#live .d")?.textContent === "warn");
    await page.keyboard.press("Enter");
    await waitOpen();
    const s = await dialogState(page);
    expect(s).toMatchObject({
      role: "dialog", modal: "true", title: expected.warning!.title, body: expected.warning!.body, dir: expected.warning!.dir,
      continue: expected.warning!.labels.continue, goBack: expected.warning!.labels.goBack, focused: "go-back",
    });
    expect(s!.learnMore.target).toBe("_blank");
    expect(s!.learnMore.rel).toContain("noopener");
    await shot(page, "warning-en.png");
    await page.keyboard.press("Enter");
    await waitClosed();
    expect(await focused(page)).toBe("q");
  });

  it("block: the dialog has no Continue, the results are hidden (zh-Hans)", async () => {
    const expected = await api("ivory bangle for sale", "zh-Hans");
    expect(expected.decision).toBe("block");
    await open("zh-Hans");
    await page.fill("#q", "象牙手镯 出售");
    const zh = await api("象牙手镯 出售", "zh-Hans");
    await page.press("#q", "Enter");
    if (zh.decision !== "block") { // the lexicon changed: fall back to the README's own example
      await page.keyboard.press("Escape");
      await page.fill("#q", "ivory bangle for sale");
      await page.press("#q", "Enter");
    }
    await waitOpen();
    const s = await dialogState(page);
    expect(s).toMatchObject({ continue: null, title: expected.warning!.title, lang: "zh-Hans" });
    await shot(page, "warning-block-zh.png");
    await page.keyboard.press("Escape");
    await waitClosed();
    expect(await page.textContent("#results")).toContain("hidden");
  });

  it("allow: no dialog and a results placeholder; the example buttons agree with the API", async () => {
    expect((await api("ivory coast football", "en")).decision).toBe("allow");
    await open("en");
    await page.fill("#q", "ivory coast football");
    await page.press("#q", "Enter");
    await page.waitForSelector("#results:not([hidden])");
    expect(await page.textContent("#results")).toContain("Results for “ivory coast football”");
    expect(await dialogState(page)).toBeNull();
    await shot(page, "demo.png");

    const examples = await page.$$eval("#examples button", (bs) => bs.map((b: any) => b.dataset.q as string));
    expect(examples.length).toBeGreaterThanOrEqual(7);
    const seen = new Set<string>();
    for (const q of examples) {
      const r = await api(q, "en");
      seen.add(r.decision);
      await page.click(`#examples button[data-q="${q}"]`);
      if (r.decision === "allow") {
        await page.waitForFunction((q) => document.querySelector("#results")?.textContent?.includes(`Results for “${q}”`), q);
        expect(await dialogState(page)).toBeNull();
      } else {
        await waitOpen();
        expect((await dialogState(page))!.continue === null).toBe(r.decision === "block");
        await page.keyboard.press("Escape");
        await waitClosed();
      }
    }
    expect(seen.has("allow") && seen.has("warn") && seen.has("block")).toBe(true);
  });

  it("French labels and Arabic right-to-left, as the API gives them", async () => {
    for (const locale of ["fr", "ar"]) {
      const expected = await api("ivory bangle", locale);
      expect(expected.decision, `the Worker's answer for "ivory bangle" (${locale})`).toBe("warn");
      await open(locale);
      await page.fill("#q", "ivory bangle");
      await page.press("#q", "Enter");
      await waitOpen();
      const s = await dialogState(page);
      const w = expected.warning!;
      expect(s).toMatchObject({ lang: w.locale, dir: w.dir, direction: w.dir, title: w.title, goBack: w.labels.goBack, close: w.labels.close });
      expect(s!.learnMore.text).toBe(w.labels.learnMore);
      if (locale === "ar") expect(s!.dir).toBe("rtl");
      await shot(page, `warning-${locale}.png`);
      await page.goBack(); // the browser back button closes it
      await waitClosed();
      expect(new URL(page.url()).pathname).toBe("/");
    }
  });

  it("a phone in dark mode, Vietnamese", async () => {
    const expected = await api("sừng tê giác", "vi");
    expect(expected.decision, `the Worker's answer for "sừng tê giác" (vi)`).not.toBe("allow");
    await page.setViewportSize({ width: 390, height: 780 });
    await page.emulateMedia({ colorScheme: "dark" });
    await open("vi");
    await page.fill("#q", "sừng tê giác");
    await page.press("#q", "Enter");
    await waitOpen();
    expect(await dialogState(page)).toMatchObject({ lang: "vi", title: expected.warning!.title, goBack: expected.warning!.labels.goBack });
    await shot(page, "warning-vi-mobile-dark.png");
  });

  it("embedded in a page of another origin: import /widget.js and the guard asks the Worker's /v1/check (CORS)", async () => {
    const site = await startStaticServer();
    try {
      await page.goto(`${site.url}/embed?from=${encodeURIComponent(base)}`);
      await page.waitForSelector("html[data-ready]");
      await page.fill("input", "ivory coast football");
      await page.press("input", "Enter");
      await page.waitForSelector("body[data-allowed='ivory coast football']");
      await page.fill("input", "ivory bangle for sale");
      await page.press("input", "Enter");
      await waitOpen();
      expect((await dialogState(page))!.continue).toBeNull();
      expect(site.checks).toBe(0); // the checks went to the Worker, not to the embedding site
    } finally {
      await site.close();
    }
  });
});
