// Launching Debian's Chromium through playwright-core, and small page helpers.
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";

// Page-side callbacks (page.evaluate / waitForFunction) run in Chromium; the project's tsconfig has
// Workers types and no DOM lib, so the browser globals they use are declared loosely here.
declare const document: any, customElements: any, getComputedStyle: any, history: any, window: any;

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const NO_CHROMIUM = `${CHROMIUM} does not exist: install it with \`apt-get update && apt-get install -y chromium\` to run the browser tests`;

export async function launch(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

/** Screenshots are written to docs/screenshots/ only with SCREENSHOTS=1 (so `npm test` leaves the tree clean). */
export const SHOTS = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
export async function shot(page: Page, name: string) {
  const buf = await page.screenshot({ animations: "disabled" });
  if (process.env.SCREENSHOTS === "1") {
    mkdirSync(SHOTS, { recursive: true });
    const { writeFileSync } = await import("node:fs");
    writeFileSync(SHOTS + name, buf);
  }
  return buf;
}

/** Collects page errors, console errors and CSP violations. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  // A missing /favicon.ico is the browser's own request, not the page's.
  const ignored = (url: string) => url.endsWith("/favicon.ico");
  page.on("console", (m) => { if (m.type() === "error" && !ignored(m.location().url)) errors.push(`console: ${m.text()} at ${m.location().url}`); });
  page.on("response", (r) => { if (r.status() >= 400 && !ignored(r.url())) errors.push(`http ${r.status()}: ${new URL(r.url()).pathname}`); });
  return errors;
}

/** State of the open dialog in <wildlife-warning>, or null when none is open. */
export async function dialogState(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector("wildlife-warning");
    const d = host?.shadowRoot?.querySelector("dialog");
    if (!host || !d || !d.open) return null;
    const root = host.shadowRoot!;
    const vis = (sel: string) => {
      const e = root.querySelector(sel) as any;
      return e && !e.hidden && e.getClientRects().length > 0 ? e.textContent : null;
    };
    const byId = (id: string | null) => (id ? root.getElementById(id)?.textContent ?? null : null);
    const a = (sel: string) => {
      const e = root.querySelector(sel) as any;
      return { href: e.href, target: e.target, rel: e.rel, text: vis(sel) };
    };
    let active: any = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return {
      role: d.getAttribute("role"), modal: d.getAttribute("aria-modal"),
      title: byId(d.getAttribute("aria-labelledby")), body: byId(d.getAttribute("aria-describedby")),
      dir: d.dir, lang: d.lang, direction: getComputedStyle(d).direction,
      continue: vis("[part=continue]"), goBack: vis("[part=go-back]"), close: root.querySelector("[part=close]")!.getAttribute("aria-label"),
      learnMore: a("[part=learn-more]"), report: a("[part=report]"),
      focused: active ? active.getAttribute("part") || active.id || active.tagName : null,
      animation: getComputedStyle(d).animationName,
    };
  });
}

/** The `part` (inside the dialog) or id (in the page) of the focused element. */
export async function focused(page: Page) {
  return page.evaluate(() => {
    let a: any = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a ? a.getAttribute("part") || a.id || a.tagName : null;
  });
}
