/**
 * Is there a price in the query? `500k`, `$200`, `Rp 150rb`, `1,5 jt`, `2tr5`, `3000元`, `฿500`,
 * `10만원`, `500 درهم`. Marketplace users write a price where they would write "for sale", so beside
 * a term a price is trade intent. Not prices: a bare number (a year, a size), `4k` (video), `18k` (gold), `3d`, `5g`.
 *
 * It reads the raw query with a regular expression, once, and only on the hit path when a term
 * counts and no trade word does: nine queries in ten never get here. Currency words are code's data,
 * not the lexicon's: a price is a shape (a number and its unit), the same in every category.
 */
const CURRENCY_SIGN = "[$€£¥₫฿₹₩₱₽]";
/** A currency written before the amount: `$200`, `Rp 150.000`, `RM50`, `US$ 20`. */
const BEFORE = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${CURRENCY_SIGN}|us\\$|r\\$|rp\\.?|rm|rs\\.?|usd|vnd|idr|myr|thb|inr|ksh|tsh)\\s?\\p{Nd}`, "iu");
/** A unit written after the amount: `500k` (two digits or more), `150rb`, `1,5 jt`, `3000元`, `10만원`. */
const AFTER = new RegExp(
  "\\p{Nd}(?:[.,]\\p{Nd}+)?\\s?(?:" +
    [
      CURRENCY_SIGN,
      "đ", "vnđ", "vnd", "đồng", "tr", "triệu", "trieu", // Vietnamese đồng; tr = million
      "rb", "ribu", "jt", "juta", "rp", "rm", "ringgit", // Indonesian and Malay
      "usd", "eur", "euros?", "dollars?", "bucks", "reais", "pesos?", "mxn",
      "baht", "บาท", "rupees?", "rs", "रुपये", "रुपए", "ksh", "tsh", "shilingi",
      "元", "块", "塊", "万", "萬", "円", "원", "만원",
      "руб(?:лей|ля|\\.)?", "₽", "درهم", "ريال", "دولار", "جنيه",
    ].join("|") +
    ")(?![\\p{L}])",
  "iu",
);
/**
 * Thousands written `500k`: two digits or more, so `4k` and `8k` (video) are not prices, and not
 * the gold of jewellery (`18k`, `24k`: 9, 10, 14, 18, 22 and 24 karat), common beside a term.
 */
const THOUSANDS = /(?:^|[^\p{L}\p{N}.,])(?!(?:10|14|18|22|24)k)\p{Nd}{2,}(?:[.,]\p{Nd}+)?k(?![\p{L}\p{N}])/iu;

/** Decimal digits of the scripts the lexicon covers (ASCII, full-width, Arabic, Persian, Devanagari, Thai, Lao, Khmer, Myanmar). */
const DIGITS = /[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u0e50-\u0e59\u0ed0-\u0ed9\u17e0-\u17e9\u1040-\u1049]/;
const FULL_WIDTH = /[\uff01-\uffee]/;

export function hasPrice(q: string): boolean {
  // Most queries with a term have no digit at all: one plain character class answers for them,
  // before the three Unicode-aware expressions and the NFKC copy (measured: they cost a hit query
  // several microseconds when run on every one).
  if (!DIGITS.test(q)) return false;
  const t = FULL_WIDTH.test(q) ? q.normalize("NFKC") : q; // full-width digits and signs read as ASCII
  return THOUSANDS.test(t) || AFTER.test(t) || BEFORE.test(t);
}
