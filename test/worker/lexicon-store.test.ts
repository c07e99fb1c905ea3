/**
 * Lexicon deployment through KV (docs/storage-schema.md), inside workerd with the LEXICON binding
 * (storage is isolated per test file). test-1 is the bundled default of these apps; test-2 is a
 * valid newer version that also knows "mammoth tusk".
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/types";
import type { Env } from "../../src/worker/app";
import type { KVReader, LexiconStatus } from "../../src/worker/lexicon-store";
import { errorOf, makeApp, makeStore, resultOf, type TestApp, test1, test2 } from "./helpers";
import { FORMAT } from "../../src/core/binary";
import { loadLexicon } from "../../src/core/lexicon";
import { resign } from "../support/resign";

const KV = (env as unknown as { LEXICON: KVNamespace }).LEXICON;
const TOKEN = "correct horse battery staple";

async function hex(buf: ArrayBuffer): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(buf).subarray(48)));
  return [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function seed(version: string, bin: ArrayBuffer | Uint8Array, metadata?: Record<string, unknown>): Promise<void> {
  const buf = bin instanceof Uint8Array ? bin.slice().buffer : bin;
  const meta = metadata ?? { checksum: await hex(buf), format: FORMAT, entries: 1, builtAt: "2026-01-01T00:00:00.000Z" };
  await KV.put(`lexicon:v:${version}`, buf, { metadata: meta });
}
const point = (version: string) => KV.put("lexicon:current", version);

async function clearKv() {
  const { keys } = await KV.list();
  await Promise.all(keys.map((k) => KV.delete(k.name)));
}

/** A mutated copy of a valid binary. */
function mutate(bin: ArrayBuffer, f: (b: Uint8Array, dv: DataView) => void): Uint8Array {
  const b = new Uint8Array(bin.slice(0));
  f(b, new DataView(b.buffer));
  return b;
}

async function status(app: TestApp): Promise<LexiconStatus> {
  return (await (await app.fetch("/v1/lexicon")).json()) as LexiconStatus;
}
async function versionAnswering(app: TestApp, q = "ivory bangle"): Promise<string> {
  return (await resultOf(await app.fetch(`/v1/check?q=${encodeURIComponent(q)}`))).lexiconVersion;
}

/** An app whose clock the test moves, with a 30 s refresh interval. */
function clockedApp(extraEnv: Partial<Env> = {}, storeOpts: Parameters<typeof makeStore>[0] = {}) {
  const clock = { now: 1_000_000 };
  const app = makeApp({ store: makeStore({ now: () => clock.now, ...storeOpts }), env: { LEXICON_REFRESH_SECONDS: "30", ADMIN_TOKEN: TOKEN, ...extraEnv } });
  const tick = (s = 31) => void (clock.now += s * 1000);
  return { app, clock, tick };
}

beforeEach(clearKv);

describe("bundled default and a good new version", () => {
  it("serves the bundled lexicon and reports current_missing when KV has nothing", async () => {
    const { app } = clockedApp();
    expect(await versionAnswering(app)).toBe("test-1");
    const s = await status(app);
    expect(s).toMatchObject({ version: "test-1", source: "bundled", lastError: { version: null, code: "current_missing" } });
    expect(s.lastCheckedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("swaps in a good new version off the request path, then serves it", async () => {
    await seed("test-2", test2);
    await point("test-2");
    const { app } = clockedApp();
    // The first request of an isolate is answered with what it has; the KV read runs in waitUntil.
    const { res, done } = await app.fetchNoWait("/v1/check?q=mammoth%20tusk");
    const first = await resultOf(res);
    expect(first.lexiconVersion).toBe("test-1");
    expect(first.decision).toBe("allow");
    await done;
    const r = await resultOf(await app.fetch("/v1/check?q=mammoth%20tusk"));
    expect(r.lexiconVersion).toBe("test-2");
    expect(r.decision).toBe("warn");
    expect(await status(app)).toMatchObject({ version: "test-2", source: "kv", lastError: null });
    expect((await (await app.fetch("/healthz")).json()) as object).toEqual({ ok: true, lexiconVersion: "test-2" });
  });

  it("reads lexicon:current at most every LEXICON_REFRESH_SECONDS", async () => {
    await seed("test-1", test1);
    await seed("test-2", test2);
    await point("test-2");
    const { app, tick } = clockedApp();
    await app.fetch("/healthz");
    expect(await versionAnswering(app)).toBe("test-2");
    const checked = (await status(app)).lastCheckedAt;
    await point("test-1"); // a rollback
    tick(10);
    expect(await versionAnswering(app)).toBe("test-2"); // not due yet
    expect((await status(app)).lastCheckedAt).toBe(checked);
    tick(21);
    await app.fetch("/healthz"); // due: refresh in waitUntil
    expect(await versionAnswering(app)).toBe("test-1");
    expect(await status(app)).toMatchObject({ version: "test-1", source: "kv" });
  });

  it("LEXICON_REFRESH_SECONDS=0 re-reads on every request (one at a time)", async () => {
    await seed("test-2", test2);
    await point("test-2");
    const app = makeApp({ env: { LEXICON_REFRESH_SECONDS: "0" } });
    await app.fetch("/healthz");
    expect(await versionAnswering(app)).toBe("test-2");
  });
});

describe("faults keep the last good lexicon and say why", () => {
  /** Start from test-2 served from KV, break something, refresh, and check answers keep flowing. */
  async function afterFault(breakIt: () => Promise<void>, storeOpts: Parameters<typeof makeStore>[0] = {}) {
    await seed("test-2", test2);
    await point("test-2");
    const { app, tick } = clockedApp({}, storeOpts);
    await app.fetch("/healthz");
    expect(await versionAnswering(app)).toBe("test-2");
    await breakIt();
    tick();
    const { res, done } = await app.fetchNoWait("/v1/check?q=ivory%20bangle");
    expect(res.status).toBe(200);
    await done;
    const answered = await resultOf(await app.fetch("/v1/check?q=mammoth%20tusk"));
    expect(answered.lexiconVersion).toBe("test-2");
    expect(answered.decision).toBe("warn");
    const s = await status(app);
    expect(s.version).toBe("test-2");
    expect(s.source).toBe("kv");
    return { app, tick, lastError: s.lastError! };
  }

  it("current deleted", async () => {
    const { lastError } = await afterFault(() => KV.delete("lexicon:current"));
    expect(lastError).toMatchObject({ version: null, code: "current_missing" });
  });

  it("current empty", async () => {
    const { lastError } = await afterFault(() => point("  "));
    expect(lastError.code).toBe("current_empty");
  });

  it("current not a version id", async () => {
    const { lastError } = await afterFault(() => point("../../etc/passwd"));
    expect(lastError.code).toBe("current_invalid");
  });

  it("current pointing at a missing version", async () => {
    const { lastError } = await afterFault(() => point("2099.01.01-nothere"));
    expect(lastError).toMatchObject({ version: "2099.01.01-nothere", code: "version_missing" });
  });

  it("corrupt binary (not a lexicon)", async () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 31) & 0xff);
    const { lastError } = await afterFault(async () => {
      await seed("junk", junk);
      await point("junk");
    });
    expect(lastError).toMatchObject({ version: "junk", code: "bad_magic" });
  });

  it("empty binary", async () => {
    const { lastError } = await afterFault(async () => {
      await KV.put("lexicon:v:empty", new ArrayBuffer(0));
      await point("empty");
    });
    expect(lastError).toMatchObject({ version: "empty", code: "empty_binary" });
  });

  it("truncated binary", async () => {
    const { lastError } = await afterFault(async () => {
      await seed("test-1", new Uint8Array(test1).slice(0, 1000));
      await point("test-1");
    });
    expect(lastError).toMatchObject({ version: "test-1", code: "truncated" });
  });

  it("checksum mismatch (bytes changed after the build)", async () => {
    const tampered = mutate(test1, (b) => {
      b[b.length - 1]! ^= 0xff;
    });
    const { lastError } = await afterFault(async () => {
      await KV.put("lexicon:v:test-1", tampered, { metadata: { format: FORMAT } });
      await point("test-1");
    });
    expect(lastError).toMatchObject({ version: "test-1", code: "checksum_mismatch" });
  });

  it("signed but unsound binary (a failure link that loops)", async () => {
    const b = new Uint8Array(test1.slice(0));
    const lex = loadLexicon(b);
    // A state below depth 1 whose failure link points at itself would spin the matcher forever.
    const { da, fail } = lex.automaton;
    let t = 1;
    while (!(da[2 * t]! > 0)) t++;
    fail[t] = t;
    const looped = await resign(b);
    const { lastError } = await afterFault(async () => {
      await seed("test-1", looped);
      await point("test-1");
    });
    expect(lastError).toMatchObject({ version: "test-1", code: "bad_structure" });
    expect(lastError.message).toMatch(/failure link/);
  });

  it("metadata checksum disagreeing with the binary", async () => {
    const { lastError } = await afterFault(async () => {
      await seed("test-1", test1, { checksum: "0".repeat(64), format: FORMAT });
      await point("test-1");
    });
    expect(lastError).toMatchObject({ version: "test-1", code: "checksum_mismatch" });
  });

  it("future format", async () => {
    const future = mutate(test1, (_b, dv) => dv.setUint32(4, 99, true));
    const { lastError } = await afterFault(async () => {
      await seed("test-1", future);
      await point("test-1");
    });
    expect(lastError).toMatchObject({ version: "test-1", code: "bad_format" });
  });

  it("a version key holding another version's binary", async () => {
    const { lastError } = await afterFault(async () => {
      await seed("test-7", test1);
      await point("test-7");
    });
    expect(lastError).toMatchObject({ version: "test-7", code: "version_mismatch" });
  });

  it("binary over the size limit (25 MiB in production; lowered to test-2's size here)", async () => {
    const oversized = new Uint8Array(test1.byteLength + 1024 * 1024);
    oversized.set(new Uint8Array(test1));
    const { lastError } = await afterFault(
      async () => {
        await seed("test-1", oversized);
        await point("test-1");
      },
      { maxBytes: test2.byteLength },
    );
    expect(lastError).toMatchObject({ version: "test-1", code: "too_large" });
  });

  it("a good version recovers from a bad one, clearing lastError", async () => {
    await seed("test-1", test1);
    const { app, tick } = await afterFault(() => point("2099.01.01-nothere"));
    await point("test-1");
    tick();
    await app.fetch("/healthz");
    expect(await status(app)).toMatchObject({ version: "test-1", source: "kv", lastError: null });
  });
});

describe("KV itself failing", () => {
  const throwing: KVReader = {
    get: () => Promise.reject(new Error("KV GET failed: 503")),
    getWithMetadata: () => Promise.reject(new Error("KV GET failed: 503")),
  };
  const hanging: KVReader = {
    get: () => new Promise(() => {}),
    getWithMetadata: () => new Promise(() => {}),
  };

  it("KV throwing: bundled keeps serving, kv_unavailable reported (no message leak)", async () => {
    const app = makeApp({ env: { LEXICON: throwing as unknown as KVNamespace } });
    expect(await versionAnswering(app)).toBe("test-1");
    const s = await status(app);
    expect(s).toMatchObject({ version: "test-1", source: "bundled", lastError: { code: "kv_unavailable" } });
  });

  it("KV hanging: the request is answered while the refresh is still in flight, then kv_timeout", async () => {
    const app = makeApp({ store: makeStore({ timeoutMs: 50 }), env: { LEXICON: hanging as unknown as KVNamespace } });
    const { res, done } = await app.fetchNoWait("/v1/check?q=ivory");
    expect(res.status).toBe(200);
    expect(app.store.refreshing).toBe(true); // answered before KV did
    await done;
    expect(app.store.refreshing).toBe(false);
    expect((await status(app)).lastError).toMatchObject({ code: "kv_timeout" });
  });

  it("a KV failure of the version read keeps the previous KV version", async () => {
    await seed("test-2", test2);
    await point("test-2");
    const store = makeStore({ now: () => 0 });
    const app = makeApp({ store });
    await store.refresh(KV as unknown as KVReader);
    expect(store.state.lexicon.info.version).toBe("test-2");
    await point("test-1");
    const flaky: KVReader = { get: (k, o) => KV.get(k, o), getWithMetadata: () => Promise.reject(new Error("boom")) };
    await store.refresh(flaky);
    expect(store.lastError).toMatchObject({ version: "test-1", code: "kv_unavailable" });
    expect(await versionAnswering(app)).toBe("test-2");
  });
});

describe("one refresh at a time, rejected versions remembered", () => {
  function counting(kv: KVNamespace) {
    const n = { get: 0, getWithMetadata: 0 };
    const reader: KVReader = {
      get: (k, o) => {
        n.get++;
        return kv.get(k, o);
      },
      getWithMetadata: (k, o) => {
        n.getWithMetadata++;
        return kv.getWithMetadata(k, o) as never;
      },
    };
    return { n, reader };
  }

  it("concurrent refreshes share one KV read", async () => {
    await seed("test-2", test2);
    await point("test-2");
    const store = makeStore();
    const { n, reader } = counting(KV);
    await Promise.all([store.refresh(reader), store.refresh(reader), store.refresh(reader)]);
    expect(n).toEqual({ get: 1, getWithMetadata: 1 });
    expect(store.state.lexicon.info.version).toBe("test-2");
    await store.refresh(reader); // already serving test-2: no binary download
    expect(n).toEqual({ get: 2, getWithMetadata: 1 });
  });

  it("a rejected version is not downloaded again; an admin refresh retries it", async () => {
    await seed("bad", new Uint8Array(100));
    await point("bad");
    const store = makeStore();
    const { n, reader } = counting(KV);
    await store.refresh(reader);
    await store.refresh(reader);
    expect(n.getWithMetadata).toBe(1);
    expect(store.lastError?.code).toBe("bad_magic");
    await store.refreshNow(reader);
    expect(n.getWithMetadata).toBe(2);
  });
});

describe("100 concurrent requests during a swap", () => {
  it("are all answered 200, each by the old or the new version", async () => {
    await seed("test-2", test2);
    await point("test-2");
    const app = makeApp({ env: { LEXICON_REFRESH_SECONDS: "0", ADMIN_TOKEN: TOKEN } });
    const pending = Array.from({ length: 100 }, (_, i) =>
      i === 50
        ? app.fetchNoWait("/v1/admin/refresh", { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })
        : i % 2
          ? app.fetchNoWait(`/v1/check?q=${encodeURIComponent(`ivory bangle ${i}`)}`)
          : app.fetchNoWait("/v1/check/batch", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ items: [{ q: "mammoth tusk" }, { q: `ivory ${i}` }] }),
            }),
    );
    const settled = await Promise.all(pending);
    for (const [i, { res }] of settled.entries()) {
      expect(res.status, `request ${i}`).toBe(200);
      const body = (await res.json()) as CheckResult & { after?: { version: string } };
      if (i === 50) continue;
      expect(["test-1", "test-2"]).toContain(body.lexiconVersion);
      if (i % 2 === 0) {
        // A batch is answered by one version throughout: mammoth tusk is only in test-2.
        const results = (body as unknown as { results: CheckResult[] }).results;
        expect(results[0]!.decision).toBe(body.lexiconVersion === "test-2" ? "warn" : "allow");
      }
    }
    await Promise.all(settled.map((s) => s.done));
    expect(await versionAnswering(app)).toBe("test-2");
  });
});

describe("POST /v1/admin/refresh", () => {
  afterEach(clearKv);

  it("refuses without a valid token (401), never echoing it", async () => {
    const { app } = clockedApp();
    const none = await app.fetch("/v1/admin/refresh", { method: "POST" });
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(await errorOf(none)).toMatchObject({ status: 401, code: "unauthorized" });
    for (const auth of ["Bearer wrong", `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${btoa(`admin:${TOKEN}`)}`, TOKEN, "Bearer"]) {
      const res = await app.fetch("/v1/admin/refresh", { method: "POST", headers: { authorization: auth } });
      const text = await res.text();
      expect(res.status, auth).toBe(401);
      expect(text).not.toContain("wrong");
      expect(text).not.toContain(TOKEN.slice(0, 8));
    }
  });

  it("is refused (403) when no ADMIN_TOKEN is configured, even with an empty bearer", async () => {
    const { app } = clockedApp({ ADMIN_TOKEN: "" });
    const res = await app.fetch("/v1/admin/refresh", { method: "POST", headers: { authorization: "Bearer " } });
    expect(await errorOf(res)).toMatchObject({ status: 403, code: "admin_disabled" });
  });

  it("re-reads KV now and says what it did", async () => {
    const { app } = clockedApp();
    await app.fetch("/healthz"); // first refresh: nothing in KV
    await seed("test-2", test2);
    await point("test-2");
    expect(await versionAnswering(app)).toBe("test-1"); // not due for 30 s
    const res = await app.fetch("/v1/admin/refresh", { method: "POST", headers: { authorization: `bearer  ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { before: object; after: object; changed: boolean; lastError: unknown; lexicon: LexiconStatus };
    expect(body).toMatchObject({
      before: { version: "test-1", source: "bundled" },
      after: { version: "test-2", source: "kv" },
      changed: true,
      lastError: null,
    });
    expect(body.lexicon.version).toBe("test-2");
    expect(await versionAnswering(app)).toBe("test-2");
    const again = (await (await app.fetch("/v1/admin/refresh", { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { changed: boolean };
    expect(again.changed).toBe(false);
  });

  it("reports a rejected version", async () => {
    const { app } = clockedApp();
    await point("missing-1");
    const body = (await (await app.fetch("/v1/admin/refresh", { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      changed: boolean;
      lastError: { version: string; code: string };
    };
    expect(body.changed).toBe(false);
    expect(body.lastError).toMatchObject({ version: "missing-1", code: "version_missing" });
  });

  it("without a KV binding says so", async () => {
    const { app } = clockedApp({ LEXICON: undefined });
    const body = (await (await app.fetch("/v1/admin/refresh", { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      lastError: { code: string };
    };
    expect(body.lastError.code).toBe("kv_not_bound");
  });
});
