// Types for src/web/widget.js (served at GET /widget.js). See docs/widget.md.
// The Warning and CheckResult shapes are derived from those of GET|POST /v1/check (src/core/types.ts).

import type { CheckResult as ApiCheckResult, Match, Warning as ApiWarning } from "../core/types";

export type { Match };

export type WarningLabels = ApiWarning["labels"];

/**
 * The `warning` object of a /v1/check response, as the widget accepts it: `labels` may be partial
 * (English fills the gaps) and `dir` may be absent (inferred from `locale`: ar, fa, he, ur… are rtl).
 */
export interface Warning extends Omit<ApiWarning, "labels" | "dir"> {
  labels?: Partial<WarningLabels>;
  dir?: "ltr" | "rtl";
}

/** The body of a /v1/check response, with the widget's looser `warning`. */
export interface CheckResult extends Omit<ApiCheckResult, "warning" | "explain"> {
  warning: Warning | null;
  explain?: unknown;
}

/**
 * How the dialog ended: "continue" (Continue pressed, or nothing to show), "back" (Go back),
 * "learn-more" / "report" (the link was opened in a new tab), "dismissed" (Escape, the close
 * button, the browser back button, or closed by code).
 */
export type WarningAction = "continue" | "back" | "learn-more" | "report" | "dismissed";

export interface ShowWarningOptions {
  /** Override some or all button labels (they win over `warning.labels`). */
  labels?: Partial<WarningLabels>;
  /** Push a history entry while open so the browser back button closes the dialog (default true). */
  history?: boolean;
  /** Element to focus when the dialog closes (default: the element focused when it opened). */
  returnFocus?: HTMLElement | null;
  /** Where to attach the element (default document.body). */
  container?: Element;
}

/** `<wildlife-warning>`: the modal dialog, in an open shadow root. */
export declare class WildlifeWarning extends HTMLElement {
  /** The warning shown (or last shown); setting it re-renders. */
  warning: Warning | null;
  /** Whether the dialog is open. */
  readonly open: boolean;
  /** Open as a modal dialog; resolves when it closes. Resolves "continue" at once if there is no warning. */
  show(warning?: Warning | CheckResult, options?: ShowWarningOptions): Promise<WarningAction>;
  /** Close it; the pending show() resolves with `action`. */
  close(action?: WarningAction): void;
}

/**
 * Show a `warning` (or a whole /v1/check result) as a modal dialog. An `allow` result (no
 * warning) resolves "continue" at once and shows nothing. Treat anything but "continue" as "do
 * not show the results".
 */
export declare function showWarning(resultOrWarning: CheckResult | Warning | null | undefined, options?: ShowWarningOptions): Promise<WarningAction>;

export interface DecisionInfo {
  /** The query checked. */
  q: string;
  /** "submit" (Enter / the form was submitted) or "input" (the debounced live check). */
  trigger: "submit" | "input";
}

export interface SearchGuardOptions {
  /**
   * The check endpoint, resolved against the page. Default: `/v1/check` on the origin this module
   * was loaded from (import from https://host/widget.js → https://host/v1/check). POST JSON; the
   * Worker answers CORS.
   */
  endpoint?: string;
  /** BCP 47 locale sent with each check (or a function read at each check); default: the API's Accept-Language fallback. */
  locale?: string | (() => string | undefined);
  /** Force `kind` ("query" | "hashtag"); default: the API infers it (# → hashtag). */
  kind?: "query" | "hashtag" | ((q: string) => "query" | "hashtag" | undefined);
  /** Also check as the user types (debounced) and report it to onDecision; a number sets the debounce in ms. Never opens the dialog. */
  live?: boolean | number;
  /** Debounce for `live: true`, ms (default 300). */
  debounce?: number;
  /** Give up on a check after this many ms (default 5000); that counts as an error. */
  timeout?: number;
  /** On a network or API error, let the search through (default true). */
  failOpen?: boolean;
  /**
   * The search may go ahead (allow, or warn + Continue, or an error with failOpen). Without it a
   * guarded <form> is re-submitted (form.requestSubmit(), so the page's own submit handlers run).
   * `result` is null for an empty query or an error.
   */
  onAllow?: (q: string, result: CheckResult | null, event: Event) => void;
  /** Every decision, before any dialog: on submit and, with `live`, as the user types (result null for an emptied box). */
  onDecision?: (result: CheckResult | null, info: DecisionInfo) => void;
  onError?: (error: unknown) => void;
  /** Options for the dialog (showWarning). */
  dialog?: ShowWarningOptions;
  /** A fetch implementation (default globalThis.fetch). */
  fetch?: typeof fetch;
}

export interface SearchGuard {
  /** Check a query (default: the box's value) without showing anything. */
  check(q?: string): Promise<CheckResult>;
  /** Remove every listener. */
  detach(): void;
}

/**
 * Guard a search box: `attachSearchGuard(formOrInput)` checks the query with /v1/check on submit
 * (Enter for an input outside a form) and shows the warning for warn and block.
 */
export declare function attachSearchGuard(target: HTMLFormElement | HTMLInputElement | HTMLTextAreaElement | string, options?: SearchGuardOptions): SearchGuard;

/**
 * Inside this repository's Worker only: wrangler bundles src/web/*.js as Text (see wrangler.toml),
 * so `import widgetJs from "../web/widget.js"` there is the module's source text, served at
 * GET /widget.js. Browsers importing /widget.js get no default export: use the named exports.
 */
declare const source: string;
export default source;
