/**
 * `lexicon status [URL] [--json]`: what a running service serves (GET <URL>/v1/lexicon), by default
 * the local one at http://127.0.0.1:${PORT:-8787}.
 */
export default async function status(argv: string[]): Promise<number> {
  const args = [...argv];
  const asJson = args.includes("--json");
  const rest = args.filter((a) => a !== "--json");
  if (rest.length > 1 || rest.some((a) => a.startsWith("--"))) {
    console.error("usage: npm run lexicon -- status [URL] [--json]   (default http://127.0.0.1:8787)");
    return 2;
  }
  const base = (rest[0] ?? `http://127.0.0.1:${process.env.PORT || "8787"}`).replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(`${base}/v1/lexicon`);
  } catch {
    console.error(`"${base}" is not a URL.`);
    return 2;
  }
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    console.error(`Could not reach ${url} (${e instanceof Error ? e.message : String(e)}). Is the service running (npm start)?`);
    return 1;
  }
  const text = await res.text();
  if (!res.ok) {
    console.error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
    return 1;
  }
  let s: Record<string, unknown>;
  try {
    s = JSON.parse(text) as Record<string, unknown>;
  } catch {
    console.error(`${url} did not answer JSON.`);
    return 1;
  }
  if (asJson) {
    console.log(JSON.stringify(s, null, 2));
    return 0;
  }
  const err = s.lastError as { version: string | null; code: string; message: string } | null;
  console.log(`${base} serves lexicon ${s.version} from ${s.source === "kv" ? "KV" : "its bundle"}`);
  console.log(`  built ${s.builtAt}, ${s.entries} entries, ${(s.categories as string[] | undefined)?.length ?? "?"} categories, ${(s.languages as string[] | undefined)?.length ?? "?"} languages, sha256 ${String(s.checksum).slice(0, 12)}…`);
  console.log(`  last KV check: ${s.lastCheckedAt ?? "not yet (checked on the first request, then every LEXICON_REFRESH_SECONDS)"}`);
  console.log(`  last error: ${err ? `${err.code}${err.version ? ` (version ${err.version})` : ""}: ${err.message}` : "none"}`);
  return 0;
}
