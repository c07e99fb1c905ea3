/**
 * The public shapes of the engine: what `check` returns is exactly the JSON body of
 * `GET /v1/check` (see docs/api.md and GET /openapi.json).
 */

export type Decision = "allow" | "warn" | "block";
export type Kind = "query" | "hashtag";

/** What a lexicon entry does when it matches. */
export type EntryRole =
  | "term" // a wildlife product or species: warns on its own
  | "trade" // trade intent (buy, for sale, 出售): escalates a term to block
  | "context" // news / conservation / education context: a query with it never blocks
  | "exception"; // allow-list phrase: suppresses the terms inside it

/** What a term does on its own. `context` = a code word with an everyday meaning: it needs trade intent or another term. */
export type TermAction = "warn" | "block" | "context";

export interface Match {
  /** Stable id `<category>/<slug>`, e.g. `elephant-ivory/ivory-bangle`. */
  entry: string;
  category: string;
  action: TermAction;
  /** `q.slice(start, end)`: the original text, UTF-16 offsets. */
  text: string;
  start: number;
  end: number;
}

export interface Warning {
  locale: string;
  category: string;
  title: string;
  body: string;
  learnMoreUrl: string;
  reportUrl: string;
  canProceed: boolean;
  /** Extension: the dialog's button labels in `locale`, and its text direction. */
  labels: { learnMore: string; report: string; continue: string; goBack: string; close: string };
  dir: "ltr" | "rtl";
}

export interface RawHit {
  entry: string;
  role: EntryRole;
  category: string;
  lang: string;
  text: string;
  start: number;
  end: number;
  /** Why this hit did not count, when it did not: e.g. `exception:<id>`, `overlapped`, `needs_context`, `other_language`. */
  suppressedBy: string | null;
}

export interface Explain {
  /** The folded text the automaton saw (one symbol per kept code point; `·` marks a skipped separator run). */
  normalized: string;
  kind: Kind;
  locale: string;
  hits: RawHit[];
  /** One sentence per rule that fired, in order. */
  rules: string[];
}

export interface CheckResult {
  decision: Decision;
  lexiconVersion: string;
  reasons: string[];
  matches: Match[];
  warning: Warning | null;
  explain?: Explain;
}

export interface CheckOptions {
  kind?: Kind;
  /** Already-resolved locale (see locale.ts); defaults to `en`. */
  locale?: string;
  explain?: boolean;
}

export interface LexiconInfo {
  version: string;
  /** sha256 hex of the whole binary after the header's checksum field (see binary.ts). */
  checksum: string;
  format: number;
  builtAt: string;
  entries: number;
  languages: string[];
  categories: string[];
  locales: string[];
}
