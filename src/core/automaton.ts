/**
 * The Aho-Corasick automaton over alphabet symbols, as flat typed arrays.
 *
 *   root[sym]            the root's transitions, dense: most symbols of a query are read at the root
 *   edgeStart[s]..[s+1]  the other states' transitions, sorted by symbol (CSR): edgeSym / edgeDst
 *   fail[s]              the longest proper suffix of s's path that is also a path from the root
 *   out[s]               the first pattern that ends at s (-1: none); patNext chains the others
 *   dict[s]              s itself when it has an output, else the nearest state on its failure chain
 *                        that has one (-1: none): one read per symbol tells whether anything ends here
 *
 * It reports every occurrence (overlapping, all patterns); choosing leftmost-longest matches is a
 * decision rule (decide.ts) because word boundaries and exceptions must be checked first.
 * One construction path builds it; the binary stores these arrays as they are, and loading
 * takes views on them, so a built and a loaded automaton are the same code reading the same arrays.
 */

export interface Automaton {
  root: Int32Array;
  edgeStart: Int32Array;
  edgeSym: Uint16Array;
  edgeDst: Int32Array;
  fail: Int32Array;
  out: Int32Array;
  dict: Int32Array;
  patNext: Int32Array;
  /** Length of each pattern in symbols. */
  patLen: Uint16Array;
}

/** Build from patterns given as symbol sequences (symbols < alphabetSize). */
export function buildAutomaton(patterns: ArrayLike<number>[], alphabetSize: number): Automaton {
  // Trie with per-state maps while building.
  const children: Map<number, number>[] = [new Map()];
  const outLists: number[][] = [[]];
  patterns.forEach((p, pi) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p[i]!;
      let t = children[s]!.get(c);
      if (t === undefined) {
        t = children.length;
        children.push(new Map());
        outLists.push([]);
        children[s]!.set(c, t);
      }
      s = t;
    }
    outLists[s]!.push(pi);
  });
  const nStates = children.length;

  let nEdges = 0;
  for (let s = 1; s < nStates; s++) nEdges += children[s]!.size;
  const root = new Int32Array(alphabetSize).fill(0);
  const edgeStart = new Int32Array(nStates + 1);
  const edgeSym = new Uint16Array(nEdges);
  const edgeDst = new Int32Array(nEdges);
  let e = 0;
  for (let s = 0; s < nStates; s++) {
    edgeStart[s] = e;
    if (s === 0) {
      for (const [c, t] of children[0]!) root[c] = t;
      continue;
    }
    const sorted = [...children[s]!].sort((x, y) => x[0] - y[0]);
    for (const [c, t] of sorted) {
      edgeSym[e] = c;
      edgeDst[e] = t;
      e++;
    }
  }
  edgeStart[nStates] = e;

  const fail = new Int32Array(nStates);
  const out = new Int32Array(nStates).fill(-1);
  const dict = new Int32Array(nStates).fill(-1);
  const patNext = new Int32Array(patterns.length).fill(-1);
  const patLen = new Uint16Array(patterns.length);
  patterns.forEach((p, i) => (patLen[i] = p.length));
  for (let s = 0; s < nStates; s++) {
    const l = outLists[s]!;
    if (l.length) {
      out[s] = l[0]!;
      for (let i = 0; i + 1 < l.length; i++) patNext[l[i]!] = l[i + 1]!;
    }
  }
  const a: Automaton = { root, edgeStart, edgeSym, edgeDst, fail, out, dict, patNext, patLen };
  // Breadth-first failure links.
  const queue = new Int32Array(nStates);
  let qh = 0;
  let qt = 0;
  for (const t of children[0]!.values()) {
    fail[t] = 0;
    queue[qt++] = t;
  }
  while (qh < qt) {
    const s = queue[qh++]!;
    for (const [c, t] of children[s]!) {
      let f = fail[s]!;
      let nf = step(a, f, c);
      while (nf < 0) {
        f = fail[f]!;
        nf = step(a, f, c);
      }
      fail[t] = nf === t ? 0 : nf;
      queue[qt++] = t;
    }
  }
  // dict in breadth-first order: a state's failure target is shallower, so already final.
  for (let k = 0; k < qt; k++) {
    const t = queue[k]!;
    dict[t] = out[t]! >= 0 ? t : dict[fail[t]!]!;
  }
  return a;
}

/** One transition without failure: the next state, or -1 (the root never fails). */
export function step(a: Automaton, s: number, c: number): number {
  if (s === 0) return a.root[c] ?? 0;
  const es = a.edgeSym;
  let lo = a.edgeStart[s]!;
  let hi = a.edgeStart[s + 1]! - 1;
  if (hi - lo < 8) {
    for (; lo <= hi; lo++) if (es[lo] === c) return a.edgeDst[lo]!;
    return -1;
  }
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = es[mid]!;
    if (v === c) return a.edgeDst[mid]!;
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Hits found by `search`: pattern index and inclusive symbol span. Reused buffers. */
export interface Hits {
  n: number;
  pat: Int32Array;
  first: Int32Array;
  last: Int32Array;
}
const hits: Hits = { n: 0, pat: new Int32Array(64), first: new Int32Array(64), last: new Int32Array(64) };

function pushHit(p: number, first: number, last: number): void {
  if (hits.n === hits.pat.length) {
    const size = hits.n * 2;
    const np = new Int32Array(size);
    np.set(hits.pat);
    const nf = new Int32Array(size);
    nf.set(hits.first);
    const nl = new Int32Array(size);
    nl.set(hits.last);
    hits.pat = np;
    hits.first = nf;
    hits.last = nl;
  }
  hits.pat[hits.n] = p;
  hits.first[hits.n] = first;
  hits.last[hits.n] = last;
  hits.n++;
}

/** Every occurrence of every pattern in sym[0..n), ordered by end. At most `limit` hits. */
export function search(a: Automaton, sym: Int32Array, n: number, limit = 100_000): Hits {
  hits.n = 0;
  const { root, edgeStart, edgeSym, edgeDst, fail, out, dict, patNext, patLen } = a;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const c = sym[i]!;
    // Inline `step` with failure: the hot loop of the whole service.
    for (;;) {
      if (s === 0) {
        s = root[c] ?? 0;
        break;
      }
      let lo = edgeStart[s]!;
      const end = edgeStart[s + 1]!;
      let t = -1;
      if (end - lo <= 8) {
        for (; lo < end; lo++) {
          if (edgeSym[lo] === c) {
            t = edgeDst[lo]!;
            break;
          }
        }
      } else {
        let hi = end - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1;
          const v = edgeSym[mid]!;
          if (v === c) {
            t = edgeDst[mid]!;
            break;
          }
          if (v < c) lo = mid + 1;
          else hi = mid - 1;
        }
      }
      if (t >= 0) {
        s = t;
        break;
      }
      s = fail[s]!;
    }
    let o = dict[s]!;
    while (o > 0) {
      for (let p = out[o]!; p >= 0; p = patNext[p]!) {
        if (hits.n >= limit) return hits;
        pushHit(p, i - patLen[p]! + 1, i);
      }
      o = dict[fail[o]!]!;
    }
  }
  return hits;
}
