/**
 * Locale negotiation: the caller's `locale`, then Accept-Language, then `en`, each along the
 * BCP 47 fallback chain (`zh-TW` → `zh-Hant`, `zh-CN`/`zh` → `zh-Hans`, `fr-CA` → `fr`).
 */

/** A syntactically valid BCP 47 tag (language, optional script, region and variants). */
const BCP47 = /^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/i;

export function isValidLocale(tag: string): boolean {
  return tag.length <= 64 && BCP47.test(tag);
}

const HANT_REGIONS = new Set(["tw", "hk", "mo"]);

/** The fallback chain of one tag, most specific first, e.g. `zh-Hant-TW` → zh-Hant-TW, zh-Hant, zh. */
export function fallbackChain(tag: string): string[] {
  const parts = tag.toLowerCase().replace(/_/g, "-").split("-");
  const lang = parts[0]!;
  const chain: string[] = [];
  for (let i = parts.length; i > 0; i--) chain.push(parts.slice(0, i).join("-"));
  if (lang === "zh") {
    const script = parts.find((p) => p === "hant" || p === "hans");
    const region = parts.find((p, i) => i > 0 && p.length === 2);
    const hant = script ? script === "hant" : region !== undefined && HANT_REGIONS.has(region);
    chain.splice(chain.length - 1, 0, hant ? "zh-hant" : "zh-hans");
    // A reader of one Chinese script reads the other far better than English.
    chain.push(hant ? "zh-hans" : "zh-hant");
  }
  if (lang === "in") chain.push("id"); // the old code for Indonesian
  if (lang === "fil") chain.push("tl"); // Filipino, as browsers send it, reads the Tagalog text
  return chain;
}

/** Parse Accept-Language into tags by descending q (ties keep their order); `*` and q=0 are dropped. */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const q = qp ? Number(qp.slice(2)) : 1;
      return { tag: tag!.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.tag && x.tag !== "*" && x.q > 0 && isValidLocale(x.tag))
    .sort((x, y) => y.q - x.q || x.i - y.i)
    .map((x) => x.tag);
}

/**
 * The best available locale. `requested` must already be valid (callers answer 400 otherwise).
 * Returns the available locale's own spelling (e.g. `zh-Hant`).
 */
export function resolveLocale(available: readonly string[], requested?: string | null, acceptLanguage?: string | null): string {
  const byLower = new Map(available.map((l) => [l.toLowerCase(), l]));
  const pick = (tag: string): string | undefined => {
    for (const t of fallbackChain(tag)) {
      const hit = byLower.get(t);
      if (hit) return hit;
    }
    return undefined;
  };
  if (requested) {
    const hit = pick(requested);
    if (hit) return hit;
  }
  if (acceptLanguage) {
    for (const tag of parseAcceptLanguage(acceptLanguage)) {
      const hit = pick(tag);
      if (hit) return hit;
    }
  }
  return byLower.get("en") ?? available[0] ?? "en";
}
