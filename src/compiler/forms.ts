/**
 * Forms generated from a written form of an entry, as people type it in a search box:
 * pinyin for Chinese, German without umlauts (`Schildkroete`), the phrase without its connectors
 * (`cuerno rinoceronte`), and emoji standing for the species word (`🐘 tusk`, `🦏角`). The compiler scans each like a written form, so they
 * fold and match exactly as a query does; a generated form never displaces a written one.
 */
import { pinyin } from "pinyin-pro";
import type { SourceEntry } from "./compile";
import { foldOf } from "./fold";

const HAN = /^\p{scx=Han}+$/u;
/** Scripts written without spaces, and Hangul, whose compounds run words together: an emoji replaces part of a word. */
const RUN_TOGETHER = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Hangul}]+$/u;

const key = (w: string) => w.normalize("NFKC").toLowerCase().replace(/’/gu, "'");

/** French and Italian elision (`d'éléphant`, `l'ivoire`): the article is a word of its own here. */
const ELIDED = /^((?:qu|[dljmnst])['’])(\p{L}.*)$/iu;

/** Words separated by spaces, with an elided article split off (`d'éléphant` → `d'`, `éléphant`). */
function tokens(text: string): string[] {
  return text
    .trim()
    .split(/\s+/u)
    .flatMap((w) => {
      const m = ELIDED.exec(w);
      return m ? [m[1]!, m[2]!] : [w];
    });
}

/** The inverse of `tokens`: spaces between words, none after an elided article. */
function untokens(ws: readonly string[]): string {
  let out = "";
  for (const w of ws) out += out === "" || /['’]$/u.test(out) ? w : ` ${w}`;
  return out;
}

const UMLAUT: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss" };

/**
 * German typed without umlauts, as on keyboards that lack them (`Strahlenschildkroete`,
 * `Baerengalle`): ä ö ü ß as ae oe ue ss. Folding drops the dots (`ö` reads as `o`), which
 * catches `Schildkrote` but not the `oe` spelling German readers actually write.
 */
export function asciiForms(e: Pick<SourceEntry, "lang">, text: string): string[] {
  if (e.lang !== "de" || !/[äöüÄÖÜß]/u.test(text)) return [];
  return [text.replace(/[äöüÄÖÜß]/gu, (c) => UMLAUT[c]!)];
}

/** Texts with more connectors than this get no connector-free forms (2^n - 1 of them; no search-box phrase has so many). */
const MAX_CONNECTORS = 3;

/**
 * `huevos de tortuga marina` → `huevos tortuga marina`: the forms of a multi-word text without
 * the connectors between its words, in every combination, as search-box queries drop them. A
 * connector is dropped only between two other words, never first or last, so every form keeps
 * the words that make the term specific. Multi-word connectors (`de la`) are matched first; an
 * elided one (`d'` in `défense d'éléphant`) is a word of its own.
 */
export function withoutConnectors(text: string, connectors: readonly string[] | undefined): string[] {
  if (!connectors?.length) return [];
  const words = tokens(text);
  const lists = connectors.map((c) => c.trim().split(/\s+/u).map(key)).sort((x, y) => y.length - x.length);
  const found: [number, number][] = []; // [first word, word count]
  for (let i = 1; i < words.length - 1; i++) {
    const c = lists.find((l) => i + l.length < words.length && l.every((w, k) => key(words[i + k]!) === w));
    if (!c) continue;
    found.push([i, c.length]);
    i += c.length - 1;
  }
  if (!found.length || found.length > MAX_CONNECTORS) return [];
  const out: string[] = [];
  for (let mask = 1; mask < 1 << found.length; mask++) {
    const drop = new Set<number>();
    found.forEach(([at, len], k) => {
      if (mask & (1 << k)) for (let j = 0; j < len; j++) drop.add(at + j);
    });
    out.push(untokens(words.filter((_, j) => !drop.has(j))));
  }
  return out;
}

/**
 * Pinyin forms of a Chinese term: joined (`xiangya`, 2+ characters), spaced (`chuan shan jia`, 3+),
 * and, for product terms of 2–4 characters, the mixed forms sellers type (`熊dan`, `xiang牙`).
 * Code words with an everyday meaning get none: their pinyin is an everyday word too. `mixed` keeps
 * only the mixed forms, for a term whose joined pinyin is an everyday word written with other
 * characters (狮骨 `shigu` is 事故 "accident") while `狮gu` can only mean the term.
 */
export function pinyinForms(e: SourceEntry, text: string): string[] {
  const mode = e.pinyin ?? "auto";
  if (mode === "none" || !e.lang.startsWith("zh-H")) return [];
  if (e.role === "context" || (e.role === "term" && e.action === "context")) return [];
  const simplified = [...text].map((c) => String.fromCodePoint(foldOf(c.codePointAt(0)!).canon)).join("");
  if (!HAN.test(simplified)) return [];
  const chars = [...simplified];
  if (chars.length < 2) return [];
  const syl = pinyin(simplified, { toneType: "none", type: "array", v: false }).map((s) => s.replace(/ü/g, "u"));
  if (syl.length !== chars.length || syl.some((s) => !/^[a-z]+$/.test(s))) return [];
  const out: string[] = [];
  const joinedOk = mode === "auto" || mode === "joined";
  const spacedOk = mode === "spaced" || (mode === "auto" && chars.length >= 3);
  if (joinedOk) out.push(syl.join(""));
  if (spacedOk) out.push(syl.join(" "));
  if ((mode === "auto" || mode === "mixed") && e.role !== "trade" && chars.length <= 4) {
    for (let mask = 1; mask < (1 << chars.length) - 1; mask++) {
      out.push(chars.map((c, i) => (mask & (1 << i) ? syl[i] : c)).join(""));
    }
  }
  return out;
}

/**
 * The forms of `text` with an emoji for a species word it contains, one occurrence at a time:
 * in place of the word (`elephant tusk` → `🐘 tusk`, `🐘tusk`; `象牙` → `🐘牙`) and after it as
 * decoration (`tiger 🐯 bone`, `코뿔소🦏뿔`), since a used emoji is a symbol of its own, not a
 * space, once the lexicon names it. `words` maps each word to the emoji that stand for it. Words
 * of scripts written without spaces (and Hangul) are replaced inside a word; others only whole.
 * A form that would be the emoji alone is not made: an emoji is not a term.
 */
export function emojiForms(text: string, words: ReadonlyMap<string, readonly string[]>, english: ReadonlyMap<string, string> = new Map()): string[] {
  const out = new Set<string>();
  const ws = tokens(text);
  const keys = ws.map(key);
  // Uncased scripts: a word is found as written (the table lists Traditional forms too). One inside
  // a longer listed word stays (犀 in 犀牛, เสือ "tiger" in เสือดาว "leopard"), or 犀牛角 would give
  // 🦏牛角, which is an ox-horn comb.
  const runs: { at: number; word: string; emoji: readonly string[] }[] = [];
  for (const [word, emoji] of words) {
    if (RUN_TOGETHER.test(word)) for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) runs.push({ at, word, emoji });
  }
  const inside = (r: (typeof runs)[number]) => runs.some((o) => o.word.length > r.word.length && o.at <= r.at && r.at + r.word.length <= o.at + o.word.length);
  for (const r of runs) {
    if (inside(r)) continue;
    const before = text.slice(0, r.at);
    const after = text.slice(r.at + r.word.length);
    for (const e of r.emoji) {
      if ((before + after).trim()) out.add(before + e + after);
      out.add(before + r.word + e + after);
      // The English species word before the rest (`rhino角`, `rhino 角` for 犀牛角): sellers mix
      // the two. Only where the species starts the term, so the rest is a product word.
      const en = english.get(e);
      if (en && r.at === 0 && after.trim()) out.add(en + after), out.add(`${en} ${after}`);
    }
  }
  // Spaced scripts: whole words only.
  for (const [word, emoji] of words) {
    if (RUN_TOGETHER.test(word)) continue;
    const w = word.split(/\s+/u);
    for (let i = 0; i + w.length <= keys.length; i++) {
      if (!w.every((x, k) => keys[i + k] === x)) continue;
      const head = ws.slice(0, i);
      const tail = ws.slice(i + w.length);
      const own = untokens(ws.slice(i, i + w.length));
      for (const e of emoji) {
        if (head.length || tail.length) {
          out.add(untokens([...head, e, ...tail]));
          if (tail.length) out.add(untokens([...head, e + tail[0], ...tail.slice(1)]));
          else out.add(untokens([...head.slice(0, -1), head[head.length - 1] + e]));
        }
        out.add(untokens([...head, own, e, ...tail]));
        out.add(untokens([...head, own + e, ...tail]));
        // A two-word term also reads with the emoji on the other side (`🦏 sừng` for sừng tê giác,
        // `horn 🦏`): the emoji carries no word order, and writers put it where their language puts
        // the species word.
        if (head.length + tail.length === 1) {
          const other = head[0] ?? tail[0]!;
          if (tail.length) out.add(untokens([other, e])), out.add(other + e);
          else out.add(untokens([e, other])), out.add(e + other);
        }
      }
    }
  }
  out.delete(text);
  return [...out];
}

/** The English word of each emoji: by the manifest's convention, the first of its list. */
export function emojiEnglish(table: Readonly<Record<string, readonly string[]>> | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const [e, list] of Object.entries(table ?? {})) if (list[0]) m.set(e, list[0]);
  return m;
}

/** Invert the manifest's emoji table (emoji → words) to word → emoji, keys folded for comparison. */
export function emojiWords(table: Readonly<Record<string, readonly string[]>> | undefined): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [e, list] of Object.entries(table ?? {})) {
    for (const w of list) {
      const k = key(w.trim()).replace(/\s+/gu, " ");
      m.set(k, [...(m.get(k) ?? []), e]);
    }
  }
  return m;
}
