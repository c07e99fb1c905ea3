// The warning component and the demo page in real Chromium, against a static server with a
// fake, contract-shaped /v1/check (the component only cares about the JSON shape).
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startStaticServer, type StaticServer } from "./support/server.js";
import { dialogState, focused, hasChromium, launch, NO_CHROMIUM, watchErrors } from "./support/browser.js";

// Page-side callbacks (page.evaluate / waitForFunction) run in Chromium; the project's tsconfig has
// Workers types and no DOM lib, so the browser globals they use are declared loosely here.
declare const document: any, customElements: any, getComputedStyle: any, history: any, window: any;

if (!hasChromium) console.warn(`[browser] skipping widget tests: ${NO_CHROMIUM}`);

describe.skipIf(!hasChromium)("wildlife-warning component (static server, fake API)", () => {
  let server: StaticServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startStaticServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    ctx = await browser.newContext({ viewport: { width: 900, height: 760 } });
    page = await ctx.newPage();
    errors = watchErrors(page);
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await ctx.close();
  });

  async function openDemo(query = "") {
    await page.goto(`${server.url}/${query}`);
    await page.waitForFunction(() => customElements.get("wildlife-warning") !== undefined);
  }
  async function openFixture() {
    await page.goto(`${server.url}/fixture`);
    await page.waitForSelector("html[data-ready]");
  }
  async function search(q: string) {
    await page.fill("#q", q);
    await page.press("#q", "Enter");
  }
  const waitOpen = () => page.waitForFunction(() => document.querySelector("wildlife-warning")?.shadowRoot?.querySelector("dialog")?.open === true);
  const waitClosed = () => page.waitForFunction(() => !document.querySelector("wildlife-warning")?.shadowRoot?.querySelector("dialog")?.open);

  it("warn: shows an accessible modal dialog with Continue, links in a new tab", async () => {
    await openDemo();
    await search("ivory bangle");
    await waitOpen();
    const s = await dialogState(page);
    expect(s).toMatchObject({
      role: "dialog", modal: "true", dir: "ltr", lang: "en",
      title: "Protect elephants", continue: "Show results", goBack: "Go back", close: "Close", focused: "go-back",
    });
    expect(s!.body).toMatch(/elephant ivory/);
    expect(s!.learnMore).toEqual({ href: `${server.url}/learn/elephant-ivory`, target: "_blank", rel: "noopener noreferrer", text: "Learn more" });
    expect(s!.report).toMatchObject({ href: `${server.url}/report`, target: "_blank", text: "Report" });
    // The page behind is inert: a click on it does not reach the search button.
    expect(await page.evaluate(() => document.querySelector("#results")!.hasAttribute("hidden"))).toBe(true);
    // Continue proceeds to the results.
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("continue");
    await page.keyboard.press("Enter");
    await waitClosed();
    await page.waitForSelector("#results:not([hidden])");
    expect(await page.textContent("#results")).toContain("Results for “ivory bangle”");
    expect(await focused(page)).toBe("q");
  });

  it("block: shows the dialog without Continue and hides the results", async () => {
    await openDemo();
    await search("象牙手镯 出售");
    await waitOpen();
    const s = await dialogState(page);
    expect(s).toMatchObject({ title: "Protect elephants", continue: null, goBack: "Go back" });
    await page.keyboard.press("Enter"); // focus starts on Go back
    await waitClosed();
    expect(await page.textContent("#results")).toContain("Results for this search are hidden.");
  });

  it("allow: shows no dialog and a plain results placeholder", async () => {
    await openDemo();
    for (const q of ["Tiger Balm", "ivory coast"]) {
      await search(q);
      await page.waitForFunction((q) => document.querySelector("#results")?.textContent?.includes(`Results for “${q}”`), q);
      expect(await dialogState(page)).toBeNull();
      expect(await page.locator("wildlife-warning").count()).toBe(0);
    }
    expect(await page.textContent("#live")).toContain("allow");
  });

  it("checks as the user types (debounced) and highlights the matched text", async () => {
    await openDemo();
    await page.click("#q");
    await page.keyboard.type("red ivory bangle", { delay: 10 });
    await page.waitForFunction(() => document.querySelector("#live mark")?.textContent === "ivory bangle");
    expect(await page.textContent("#live .d")).toBe("warn");
    expect(await dialogState(page)).toBeNull(); // typing never opens the modal
  });

  it("Escape closes the dialog and focus returns to the search box", async () => {
    await openDemo();
    await search("#rhinohornforsale");
    await waitOpen();
    expect(await focused(page)).toBe("go-back");
    await page.keyboard.press("Escape");
    await waitClosed();
    expect(await focused(page)).toBe("q");
    expect(await page.locator("wildlife-warning").count()).toBe(0);
  });

  it("keyboard only: Tab to the box, type, Enter, Tab cycles inside the dialog, Enter on Go back", async () => {
    await openDemo();
    for (let i = 0; i < 5 && (await focused(page)) !== "q"; i++) await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("q");
    await page.keyboard.type("ivory bangle");
    await page.keyboard.press("Enter");
    await waitOpen();
    const order: (string | null)[] = [await focused(page)];
    for (let i = 0; i < 5; i++) { await page.keyboard.press("Tab"); order.push(await focused(page)); }
    expect(order).toEqual(["go-back", "continue", "close", "learn-more", "report", "go-back"]);
    const back: (string | null)[] = [];
    for (let i = 0; i < 5; i++) { await page.keyboard.press("Shift+Tab"); back.push(await focused(page)); }
    expect(back).toEqual(["report", "learn-more", "close", "continue", "go-back"]);
    await page.keyboard.press("Enter");
    await waitClosed();
    expect(await focused(page)).toBe("q");
    expect(await page.isHidden("#results")).toBe(true);
  });

  it("the browser back button closes the dialog and stays on the page", async () => {
    await openDemo();
    const before = await page.evaluate(() => history.length);
    const url = page.url();
    await search("ivory bangle");
    await waitOpen();
    expect(await page.evaluate(() => history.length)).toBe(before + 1);
    await page.goBack();
    await waitClosed();
    expect(page.url()).toContain(url.replace(/\/$/, ""));
    expect(await page.evaluate(() => document.querySelector("#q") !== null)).toBe(true);
    expect(await focused(page)).toBe("q");
    // Closing with a button pops the entry it pushed, so history does not grow.
    await search("ivory bangle");
    await waitOpen();
    await page.keyboard.press("Enter");
    await waitClosed();
    await page.waitForFunction(() => !(history.state && history.state.__wildlifeWarning));
  });

  it("French labels from the API, and the locale is sent", async () => {
    await openDemo("?locale=fr");
    expect(await page.inputValue("#locale")).toBe("fr");
    await search("ivory bangle");
    await waitOpen();
    const s = await dialogState(page);
    expect(s).toMatchObject({ lang: "fr", dir: "ltr", title: "Protégeons les éléphants", continue: "Afficher les résultats", goBack: "Retour", close: "Fermer" });
    expect(s!.learnMore.text).toBe("En savoir plus");
    expect(s!.report.text).toBe("Signaler");
  });

  it("Arabic: dir=rtl, logical layout (close button on the left)", async () => {
    await openDemo();
    await page.selectOption("#locale", "ar");
    await search("ivory bangle");
    await waitOpen();
    const s = await dialogState(page);
    expect(s).toMatchObject({ dir: "rtl", direction: "rtl", lang: "ar", title: "احمِ الفيلة", goBack: "رجوع" });
    const side = await page.evaluate(() => {
      const root = document.querySelector("wildlife-warning")!.shadowRoot!;
      const d = root.querySelector("dialog")!.getBoundingClientRect();
      const x = root.querySelector("[part=close]")!.getBoundingClientRect();
      return { closeCenter: x.left + x.width / 2, dialogCenter: d.left + d.width / 2 };
    });
    expect(side.closeCenter).toBeLessThan(side.dialogCenter);
  });

  it("prefers-reduced-motion disables the animation", async () => {
    await openDemo();
    await search("ivory bangle");
    await waitOpen();
    expect((await dialogState(page))!.animation).toBe("ww-in");
    await page.keyboard.press("Escape");
    await waitClosed();
    await page.emulateMedia({ reducedMotion: "reduce" });
    await search("ivory bangle");
    await waitOpen();
    expect((await dialogState(page))!.animation).toBe("none");
  });

  it("showWarning(): English fallback labels, unsafe URLs dropped, page styles do not leak in, theming works", async () => {
    await openFixture();
    const result = page.evaluate(async () => {
      const { showWarning } = window.ww;
      (document.getElementById("box") as any).focus();
      return showWarning({ locale: "xx", category: "c", title: "T", body: "B <b>not html</b>", learnMoreUrl: "javascript:alert(1)", reportUrl: "/report", canProceed: true });
    });
    await waitOpen();
    const s = await dialogState(page);
    expect(s).toMatchObject({ title: "T", body: "B <b>not html</b>", continue: "Continue", goBack: "Go back", close: "Close", dir: "ltr" });
    expect(s!.learnMore.text).toBeNull(); // javascript: URL is not rendered
    expect(s!.report.href).toBe(`${server.url}/report`);
    const style = await page.evaluate(() => {
      const root = document.querySelector("wildlife-warning")!.shadowRoot!;
      const cs = (sel: string) => getComputedStyle(root.querySelector(sel)!);
      return {
        titleColor: cs("h2").color, titleFont: cs("h2").fontFamily, titleSize: cs("h2").fontSize, spacing: cs("h2").letterSpacing,
        dialogBg: cs("dialog").backgroundColor, goBackDisplay: cs("[part=go-back]").display, accent: cs("[part=go-back]").backgroundColor,
      };
    });
    expect(style.titleColor).not.toBe("rgb(255, 0, 0)");
    expect(style.titleFont).not.toMatch(/Courier/);
    expect(style.titleSize).toBe("20px");
    expect(style.spacing).toBe("normal");
    expect(style.dialogBg).toBe("rgb(255, 255, 255)");
    expect(style.goBackDisplay).not.toBe("none");
    expect(style.accent).toBe("rgb(1, 2, 3)"); // --ww-accent set on :root
    await page.keyboard.press("Shift+Tab"); // report link (learn more is hidden)
    expect(await focused(page)).toBe("report");
    const popup = page.waitForEvent("popup");
    await page.keyboard.press("Enter");
    const p = await popup;
    expect(await result).toBe("report");
    expect(p.url()).toBe(`${server.url}/report`);
    expect(await p.evaluate(() => window.opener)).toBeNull();
    expect(await focused(page)).toBe("box");
  });

  it("showWarning() resolves at once for allow results; a <wildlife-warning> element can be driven directly", async () => {
    await openFixture();
    const out = await page.evaluate(async () => {
      const { showWarning, WildlifeWarning } = window.ww;
      const allow = await showWarning({ decision: "allow", lexiconVersion: "v", reasons: [], matches: [], warning: null });
      const el = document.createElement("wildlife-warning") ;
      document.body.append(el);
      const events: string[] = [];
      el.addEventListener("ww-close", (e: any) => events.push(e.detail.action));
      const p = el.show({ locale: "en", category: "c", title: "T", body: "B", learnMoreUrl: "/l", reportUrl: "/r", canProceed: false }, { history: false });
      const wasOpen = el.open;
      el.close("back");
      return { allow, wasOpen, action: await p, events, instance: el instanceof WildlifeWarning, connected: el.isConnected, hist: history.state };
    });
    expect(out).toEqual({ allow: "continue", wasOpen: true, action: "back", events: ["back"], instance: true, connected: true, hist: null });
  });

  it("attachSearchGuard(form) in one line: allowed searches submit natively; warn needs Continue; block never submits", async () => {
    const go = async (q: string) => {
      await page.goto(`${server.url}/guard`);
      await page.waitForSelector("html[data-ready]");
      await page.fill("input", q);
      await page.press("input", "Enter");
    };
    await go("tiger balm");
    await page.waitForURL(/\/search-results\?q=tiger\+balm$/);

    await go("ivory bangle");
    await waitOpen();
    await page.keyboard.press("Enter"); // Go back
    await waitClosed();
    expect(new URL(page.url()).pathname).toBe("/guard");
    expect(await focused(page)).toBe("INPUT");
    await page.press("input", "Enter");
    await waitOpen();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("continue");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search-results\?q=ivory\+bangle$/);

    await go("ivory bangle for sale");
    await waitOpen();
    expect((await dialogState(page))!.continue).toBeNull();
    await page.keyboard.press("Escape");
    await waitClosed();
    expect(new URL(page.url()).pathname).toBe("/guard");
  });

  it("attachSearchGuard(input) without a form: Enter checks, onDecision and onAllow are called, detach() stops it", async () => {
    await openFixture();
    await page.evaluate(() => {
      const log: string[] = (window.log = []);
      window.guard = window.ww.attachSearchGuard(document.getElementById("box"), {
        onDecision: (r: any, info: any) => log.push(`${info.trigger}:${r.decision}`),
        onAllow: (q: string) => log.push(`allow:${q}`),
      });
    });
    await page.fill("#box", "ivory coast");
    await page.press("#box", "Enter");
    await page.waitForFunction(() => window.log.length === 2);
    await page.fill("#box", "kukang dijual");
    await page.press("#box", "Enter");
    await waitOpen();
    await page.keyboard.press("Escape");
    await waitClosed();
    const before = server.checks;
    await page.evaluate(() => window.guard.detach());
    await page.press("#box", "Enter");
    expect(await page.evaluate(() => window.log)).toEqual(["submit:allow", "allow:ivory coast", "submit:block"]);
    expect(server.checks).toBe(before);
    expect(await dialogState(page)).toBeNull();
  });

  it("attachSearchGuard fails open when the API fails (the search goes ahead, no dialog)", async () => {
    await page.goto(`${server.url}/guard`);
    await page.waitForSelector("html[data-ready]");
    errors.length = 0;
    await page.fill("input", "trigger a server fault");
    await page.press("input", "Enter");
    await page.waitForURL(/\/search-results\?q=trigger/);
    // the browser logs the 500 of the check itself; nothing else went wrong
    expect(errors.filter((e) => !/500/.test(e))).toEqual([]);
    errors.length = 0;
  });

  it("a second dialog replaces the first: the first resolves dismissed, one history entry, focus returns to the original element", async () => {
    await openFixture();
    const len0 = await page.evaluate(() => history.length);
    await page.focus("#box");
    await page.evaluate(() => {
      const w = { locale: "en", category: "c", title: "First", body: "B", learnMoreUrl: "/l", reportUrl: "/r", canProceed: true };
      window.first = window.ww.showWarning(w);
      window.second = window.ww.showWarning({ ...w, title: "Second", canProceed: false });
    });
    expect(await page.evaluate(() => window.first)).toBe("dismissed");
    const s = await dialogState(page);
    expect(s).toMatchObject({ title: "Second", continue: null, focused: "go-back" });
    expect(await page.locator("wildlife-warning").count()).toBe(1);
    expect(await page.evaluate(() => history.length)).toBe(len0 + 1);
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => window.second)).toBe("dismissed");
    expect(await focused(page)).toBe("box");
    expect(await page.evaluate(() => history.state)).toBeNull();
  });

  it("from another origin: import https://host/widget.js, attachSearchGuard(form) asks host's /v1/check (CORS), styles work under style-src 'none'", async () => {
    const host = await startStaticServer();
    try {
      await page.goto(`${server.url}/embed?from=${encodeURIComponent(host.url)}`);
      await page.waitForSelector("html[data-ready]");
      const here = server.checks;
      await page.fill("input", "tiger balm");
      await page.press("input", "Enter");
      await page.waitForSelector("body[data-allowed='tiger balm']");
      expect(host.checks).toBe(1);
      expect(server.checks).toBe(here);
      await page.fill("input", "ivory bangle");
      await page.press("input", "Enter");
      await waitOpen();
      const s = await dialogState(page);
      expect(s).toMatchObject({ title: "Protect elephants", learnMore: { href: `${host.url}/learn/elephant-ivory` } });
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector("wildlife-warning").shadowRoot.querySelector("[part=go-back]")).backgroundColor);
      expect(bg).toBe("rgb(10, 125, 90)"); // the default --ww-accent: the stylesheet applied
    } finally {
      await host.close();
    }
  });

  it("fits a small phone screen and follows the dark colour scheme", async () => {
    await page.setViewportSize({ width: 360, height: 640 });
    await page.emulateMedia({ colorScheme: "dark" });
    await openDemo();
    await search("ivory bangle");
    await waitOpen();
    const box = await page.evaluate(() => {
      const d = document.querySelector("wildlife-warning").shadowRoot.querySelector("dialog");
      const r = d.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, bg: getComputedStyle(d).backgroundColor, scrollW: document.documentElement.scrollWidth };
    });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(360);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(640);
    expect(box.scrollW).toBeLessThanOrEqual(360);
    expect(box.bg).toBe("rgb(31, 31, 34)");
  });
});
