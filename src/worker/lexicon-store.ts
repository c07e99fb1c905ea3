/**
 * Which lexicon the Worker serves: the bundled default, or the version KV points at.
 *
 * KV layout (see docs/storage-schema.md): `lexicon:current` holds a version id;
 * `lexicon:v:<version>` holds that version's binary (immutable) with metadata
 * `{checksum, format, entries, builtAt}`.
 *
 * Trade-offs accepted:
 * - KV is eventually consistent (a write can take ~60 s to reach every location) and each isolate
 *   re-reads `lexicon:current` at most every LEXICON_REFRESH_SECONDS, in `ctx.waitUntil`, never on
 *   the request path. So after a push, isolates switch over within about a minute and a half, and
 *   for a while different isolates may answer with different versions (each answer names its
 *   `lexiconVersion`). A fresh isolate answers its first requests with the bundled lexicon while
 *   its first KV read is in flight.
 * - One refresh in flight per isolate (a shared promise); a request never waits for it.
 * - A candidate is verified (size, format, sha256 checksum, metadata agreement, version id, a
 *   smoke check) before one assignment swaps it in, so a request sees the old state or the new
 *   one, never a mix. Any failure keeps the last good lexicon and is reported as `lastError`.
 * - Expected failures are values (`Result` with snake_case codes), not exceptions; a KV read that
 *   hangs is cut off by a timeout.
 * - Content rejections of a version (corrupt, checksum, format, size) are remembered per isolate,
 *   because version keys are immutable: a bad version is not downloaded again every interval.
 *   A missing version is not remembered (it may just not have propagated yet).
 */
import type { Lexicon } from "../core/lexicon";
import type { LexiconInfo } from "../core/types";
import { MAX_BINARY_BYTES } from "../core/verify";

export const CURRENT_KEY = "lexicon:current";
export const VERSION_PREFIX = "lexicon:v:";
export const DEFAULT_REFRESH_SECONDS = 30;
/** KV's own value limit (core's): a larger binary cannot be a lexicon we wrote. */
export const MAX_LEXICON_BYTES = MAX_BINARY_BYTES;
export const DEFAULT_KV_TIMEOUT_MS = 5000;
/** `lexicon:current` changes: a short edge cache (KV's minimum is 30 s). */
const CURRENT_CACHE_TTL = 30;
/** Version keys never change: cache them at the edge for a day. */
const VERSION_CACHE_TTL = 86400;
const VERSION_ID = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

export type Source = "bundled" | "kv";

export interface LexiconError {
  /** The version that was rejected, when the failure concerns one. */
  version: string | null;
  code: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: LexiconError };

export interface VersionMetadata {
  checksum?: string;
  format?: number;
  entries?: number;
  builtAt?: string;
}

/** The part of a KV namespace binding the store uses (a fake in unit tests). */
export interface KVReader {
  get(key: string, options: { type: "text"; cacheTtl?: number }): Promise<string | null>;
  getWithMetadata<M>(
    key: string,
    options: { type: "arrayBuffer"; cacheTtl?: number },
  ): Promise<{ value: ArrayBuffer | null; metadata: M | null }>;
}

/** The engine operations the store needs (injected, so the store is testable alone). */
export interface StoreEngine {
  load(bin: ArrayBuffer | Uint8Array): Lexicon;
  verify(
    bin: ArrayBuffer | Uint8Array,
  ): Promise<{ ok: true; info: LexiconInfo } | { ok: false; code: string; message: string }>;
  /** Run one check on a loaded candidate; throws if the lexicon is unusable. */
  smoke?(lex: Lexicon): void;
}

export interface StoreOptions {
  bundled: () => Lexicon;
  engine: StoreEngine;
  timeoutMs?: number;
  maxBytes?: number;
  now?: () => number;
}

export interface StoreState {
  readonly lexicon: Lexicon;
  readonly source: Source;
}

export interface RefreshReport {
  before: { version: string; source: Source };
  after: { version: string; source: Source };
  changed: boolean;
  lastCheckedAt: string | null;
  lastError: LexiconError | null;
}

/** `GET /v1/lexicon`: the served lexicon's info, where it came from, and the last refresh. */
export interface LexiconStatus extends LexiconInfo {
  source: Source;
  lastCheckedAt: string | null;
  lastError: LexiconError | null;
}

const fail = (version: string | null, code: string, message: string): { ok: false; error: LexiconError } => ({
  ok: false,
  error: { version, code, message },
});

/** Codes that say something about a version's bytes (immutable), so they are worth remembering. */
const CONTENT_CODES = new Set([
  "too_large",
  "empty_binary",
  "bad_magic",
  "bad_format",
  "truncated",
  "bad_section",
  "checksum_mismatch",
  "metadata_mismatch",
  "version_mismatch",
  "corrupt",
]);

export function refreshSecondsFrom(value: unknown): number {
  if (value === undefined || value === null || value === "") return DEFAULT_REFRESH_SECONDS;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_REFRESH_SECONDS;
}

export class LexiconStore {
  #opts: Required<Omit<StoreOptions, "bundled" | "engine">> & Pick<StoreOptions, "bundled" | "engine">;
  #state: StoreState | undefined;
  #lastAttemptAt = Number.NEGATIVE_INFINITY;
  #checkedAt: number | null = null;
  #lastError: LexiconError | null = null;
  #inflight: Promise<void> | null = null;
  #rejected = new Map<string, LexiconError>();

  constructor(opts: StoreOptions) {
    this.#opts = {
      timeoutMs: DEFAULT_KV_TIMEOUT_MS,
      maxBytes: MAX_LEXICON_BYTES,
      now: () => Date.now(),
      ...opts,
    };
  }

  /** The state to answer with now: the bundled lexicon until KV supplied a good one. */
  get state(): StoreState {
    // Lazy: the bundled binary is only viewed on first use, keeping isolate startup small.
    return (this.#state ??= { lexicon: this.#opts.bundled(), source: "bundled" });
  }

  /** Whether any lexicon has been viewed yet (false right after isolate startup). */
  get loaded(): boolean {
    return this.#state !== undefined;
  }

  get lexicon(): Lexicon {
    return this.state.lexicon;
  }

  get lastError(): LexiconError | null {
    return this.#lastError;
  }

  get lastCheckedAt(): string | null {
    return this.#checkedAt === null ? null : new Date(this.#checkedAt).toISOString();
  }

  get refreshing(): boolean {
    return this.#inflight !== null;
  }

  status(): LexiconStatus {
    const { lexicon, source } = this.state;
    const i = lexicon.info;
    return {
      version: i.version,
      source,
      checksum: i.checksum,
      format: i.format,
      builtAt: i.builtAt,
      entries: i.entries,
      languages: i.languages,
      categories: i.categories,
      locales: i.locales,
      lastCheckedAt: this.lastCheckedAt,
      lastError: this.#lastError,
    };
  }

  /**
   * Called on every request: if the interval has passed and no refresh is running, start one in
   * `waitUntil`. Never waits, never throws.
   */
  maybeRefresh(kv: KVReader | undefined, refreshSeconds: number, waitUntil: (p: Promise<unknown>) => void): void {
    if (!kv || this.#inflight) return;
    if (this.#opts.now() - this.#lastAttemptAt < refreshSeconds * 1000) return;
    waitUntil(this.refresh(kv));
  }

  /** Read KV now (joining a refresh already running). Resolves when done; never rejects. */
  refresh(kv: KVReader): Promise<void> {
    if (this.#inflight) return this.#inflight;
    this.#lastAttemptAt = this.#opts.now();
    const run = this.#refresh(kv)
      .catch((e: unknown) => {
        // A bug in this file, not an expected failure: still keep serving.
        this.#lastError = { version: null, code: "refresh_failed", message: `Refresh failed unexpectedly (${errorName(e)}).` };
      })
      .finally(() => {
        this.#checkedAt = this.#opts.now();
        this.#inflight = null;
      });
    this.#inflight = run;
    return run;
  }

  /**
   * For POST /v1/admin/refresh: wait for any refresh in flight (it may have read KV before the
   * change the caller wants to see), then run a fresh one, forgetting remembered rejections.
   */
  async refreshNow(kv: KVReader | undefined): Promise<RefreshReport> {
    const s = this.state;
    const before = { version: s.lexicon.info.version, source: s.source };
    if (kv) {
      if (this.#inflight) await this.#inflight;
      this.#rejected.clear();
      await this.refresh(kv);
    } else {
      this.#lastError = { version: null, code: "kv_not_bound", message: "This Worker has no LEXICON KV binding; it serves the bundled lexicon." };
      this.#checkedAt = this.#opts.now();
    }
    const a = this.state;
    const after = { version: a.lexicon.info.version, source: a.source };
    return {
      before,
      after,
      changed: a !== s,
      lastCheckedAt: this.lastCheckedAt,
      lastError: this.#lastError,
    };
  }

  async #refresh(kv: KVReader): Promise<void> {
    const result = await this.#readCandidate(kv);
    if (result.ok) {
      if (result.value) this.#state = result.value; // the atomic swap: one assignment
      this.#lastError = null;
    } else {
      if (CONTENT_CODES.has(result.error.code) && result.error.version) {
        if (this.#rejected.size >= 32) this.#rejected.clear();
        this.#rejected.set(result.error.version, result.error);
      }
      this.#lastError = result.error;
    }
  }

  /** ok with null: nothing to change (KV points at what we already serve). */
  async #readCandidate(kv: KVReader): Promise<Result<StoreState | null>> {
    const cur = await this.#kv(() => kv.get(CURRENT_KEY, { type: "text", cacheTtl: CURRENT_CACHE_TTL }), null, CURRENT_KEY);
    if (!cur.ok) return cur;
    if (cur.value === null) {
      return fail(null, "current_missing", `KV has no "${CURRENT_KEY}" key; serving the ${this.state.source} lexicon. Push one with "npm run lexicon -- push".`);
    }
    const version = cur.value.trim();
    if (version === "") return fail(null, "current_empty", `KV "${CURRENT_KEY}" is empty; it must hold a version id.`);
    if (!VERSION_ID.test(version)) return fail(null, "current_invalid", `KV "${CURRENT_KEY}" does not hold a valid version id.`);

    const serving = this.state;
    if (serving.source === "kv" && serving.lexicon.info.version === version) return { ok: true, value: null };
    const remembered = this.#rejected.get(version);
    if (remembered) return { ok: false, error: remembered };

    const key = VERSION_PREFIX + version;
    const got = await this.#kv(
      () => kv.getWithMetadata<VersionMetadata>(key, { type: "arrayBuffer", cacheTtl: VERSION_CACHE_TTL }),
      version,
      key,
    );
    if (!got.ok) return got;
    const { value: bin, metadata } = got.value;
    if (bin === null) return fail(version, "version_missing", `"${CURRENT_KEY}" points at ${version} but KV has no "${key}".`);
    if (bin.byteLength === 0) return fail(version, "empty_binary", `"${key}" is empty.`);
    if (bin.byteLength > this.#opts.maxBytes) {
      return fail(version, "too_large", `"${key}" is ${bin.byteLength} bytes, over the ${this.#opts.maxBytes}-byte limit.`);
    }

    let verified: Awaited<ReturnType<StoreEngine["verify"]>>;
    try {
      verified = await this.#opts.engine.verify(bin);
    } catch (e) {
      return fail(version, "corrupt", `"${key}" could not be verified (${errorName(e)}).`);
    }
    if (!verified.ok) return fail(version, verified.code, verified.message);
    const info = verified.info;
    if (metadata && typeof metadata === "object") {
      if (metadata.checksum !== undefined && metadata.checksum !== info.checksum) {
        return fail(version, "checksum_mismatch", `"${key}" metadata checksum does not match the binary's sha256.`);
      }
      if (metadata.format !== undefined && metadata.format !== info.format) {
        return fail(version, "metadata_mismatch", `"${key}" metadata says format ${metadata.format} but the binary is format ${info.format}.`);
      }
    }
    if (info.version !== version) {
      return fail(version, "version_mismatch", `"${key}" holds a binary of version ${info.version}.`);
    }

    let lexicon: Lexicon;
    try {
      lexicon = this.#opts.engine.load(bin);
      this.#opts.engine.smoke?.(lexicon);
    } catch (e) {
      const code = typeof (e as { code?: unknown })?.code === "string" ? (e as { code: string }).code : "corrupt";
      return fail(version, code, `"${key}" could not be loaded (${errorName(e)}).`);
    }
    return { ok: true, value: { lexicon, source: "kv" } };
  }

  /** One KV operation, cut off after the timeout; failures become values. */
  async #kv<T>(op: () => Promise<T>, version: string | null, key: string): Promise<Result<T>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.#opts.timeoutMs);
    });
    try {
      const r = await Promise.race([op(), timeout]);
      if (r === "timeout") return fail(version, "kv_timeout", `Reading "${key}" from KV took over ${this.#opts.timeoutMs} ms.`);
      return { ok: true, value: r as T };
    } catch (e) {
      return fail(version, "kv_unavailable", `Reading "${key}" from KV failed (${errorName(e)}).`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function errorName(e: unknown): string {
  if (e instanceof Error) return e.name === "Error" ? "error" : e.name;
  return typeof e;
}
