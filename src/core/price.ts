/**
 * Is there a price in the query? `500k`, `1.5k`, `$200`, `HK$500`, `Rp 150rb`, `1,5 jt`, `2tr5`,
 * `3000元`, `象牙手镯¥500`, `฿500`, `10만원`, `500 درهم`. Marketplace users write a price where they
 * would write "for sale", so beside a term a price is trade intent. Not prices: a bare number (a
 * year, a size), `4k` video, karat gold (`18k`, `21k`), counts (`100k followers`), processor models
 * (`13900k`), `3d`, `5g`, and a currency code glued to one digit (`rs3`, `rm2`).
 *
 * It reads the raw query with regular expressions, once, and only on the hit path when a term
 * counts and no trade word does: nine queries in ten never get here. Currency words are code's data,
 * not the lexicon's: a price is a shape (a number and its unit), the same in every category.
 */
const SIGN = "[$€£¥₫฿₹₩₱₽]";
/**
 * A currency before the amount. A sign needs no word edge: Chinese and Thai run it into the term
 * (`象牙手镯¥500`, `งาช้าง฿500`), and `HK$`, `NT$`, `S$` put letters before it. A letter code needs
 * a Latin word edge and two digits (`RM50`, `Rs. 500`; not `rs3`).
 */
const BEFORE_SIGN = new RegExp(`(?:${SIGN}|\\p{Script=Latin}{1,3}\\$)\\s?\\p{Nd}`, "iu");
const BEFORE_CODE = /(?<![\p{Script=Latin}\p{N}])(?:rp\.?|rm|rs\.?|bs\.?|s\/\.?|usd|vnd|idr|myr|thb|inr|ksh|tsh|rmb|cny|hkd|sgd|php|aed|sar)\s?\p{Nd}{2,}/iu;
/** A unit after the amount: `150rb`, `1,5 jt`, `3000元`, `1000块钱`, `10만원`, `500 THB`. */
const AFTER = new RegExp(
  "\\p{Nd}(?:[.,]\\p{Nd}+)?\\s?(?:" +
    [
      SIGN,
      "đ", "vnđ", "vnd", "đồng", "tr", "triệu", "trieu", // Vietnamese đồng; tr = million
      "rb", "ribu", "jt", "juta", "rp", "idr", "rm", "ringgit", "myr", // Indonesian and Malay
      "usd", "eur", "euros?", "dollars?", "bucks", "reais", "pesos?", "mxn",
      "baht", "บาท", "thb", "rupees?", "rs", "inr", "रुपये", "रुपए", "ksh", "tsh", "shilingi",
      "元", "块钱", "塊錢", "块", "塊", "万", "萬", "円", "원", "만원", "rmb", "cny", "yuan", "yen", "jpy", "hkd", "twd", "sgd", "krw",
      "руб(?:лей|ля|\\.)?", "₽", "درهم", "ريال", "دولار", "جنيه", "aed", "sar",
    ].join("|") +
    ")(?![\\p{L}])",
  "iu",
);
/**
 * Units whose small amounts are something else: Dutch `kip` (chicken), Spanish `riel` (rail), the
 * Burmese kyat as a weight of gold, Lao ກີບ (hoof), `soles` (restaurant-guide suns), `bolivianos`
 * (Bolivian people). No price in kip, riel, kyat, soles or bolivianos is under 100, so three digits
 * (`500.000 ກີບ`, `350 soles`). Scripts without spaces run the next word into the unit (`50000រៀលទេ`),
 * but not into the weight ကျပ်သား. The Lao, Burmese and Khmer words for thousand, hundred thousand
 * and million may come between (`2 ລ້ານກີບ`, `၅၀ သိန်း`, `5ម៉ឺនរៀល`).
 */
const AFTER_LARGE = new RegExp(
  "\\p{Nd}(?:\\p{Nd}{2}(?:[.,]\\p{Nd}+)?\\s?(?:kip|lak|riels?|kyats?|mmk|soles|bolivianos)(?![\\p{L}])" +
    "|\\p{Nd}{2}(?:[.,]\\p{Nd}+)?\\s?(?:ກີບ|រៀល|ကျပ်(?!သား))" +
    "|\\s?(?:ລ້ານ|ພັນ|သိန်း|သောင်း|ម៉ឺន|លាន)\\s?(?:ກີບ|រៀល|ကျပ်|kip|riels?|kyats?)?)",
  "iu",
);
/**
 * Thousands written `500k` or `1.5k`: two to four digits (`4k` video is one, `13900k` a processor is
 * five), not karat gold (9, 10, 12, 14, 15, 18, 21, 22 and 24), and not a count of something else.
 * Han and Thai may run into it (`象牙500k`); a Latin letter or a digit may not.
 */
const THOUSANDS =
  /(?<![\p{Script=Latin}\p{N}.,])(?!(?:10|12|14|15|18|21|22|24)k)(?:\p{Nd}{2,4}|\p{Nd}[.,]\p{Nd}{1,2})k(?![\p{L}\p{N}])(?!\s*(?:followers?|views?|likes?|subs(?:cribers)?|members?|fans?|miles?|km|kms|steps?|run|gold|vàng|emas|金))/iu;

/** Decimal digits of the scripts the lexicon covers, and mathematical digits (`𝟓𝟎𝟎𝐤`). */
const DIGITS = /[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0e50-\u0e59\u0ed0-\u0ed9\u17e0-\u17e9\u1040-\u1049\u{1d7ce}-\u{1d7ff}]/u;
/** Full-width forms and mathematical alphanumerics: NFKC reads them as ASCII. */
const COMPAT = /[\uff01-\uffee\ud835]/;

export function hasPrice(q: string): boolean {
  // Most queries with a term have no digit at all: one plain character class answers for them,
  // before the Unicode-aware expressions and the NFKC copy (measured: run on every query that
  // warns, they put 20-28 % on the benchmark's median check).
  if (!DIGITS.test(q)) return false;
  const t = COMPAT.test(q) ? q.normalize("NFKC") : q;
  return THOUSANDS.test(t) || AFTER.test(t) || AFTER_LARGE.test(t) || BEFORE_SIGN.test(t) || BEFORE_CODE.test(t);
}
