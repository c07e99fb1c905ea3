/**
 * The Aho-Corasick automaton over alphabet symbols, as a double array.
 *
 * Every state is a slot; its transitions need no search. The child of state s on symbol c is
 * slot t = base(s) + c when check(t) = s, else s has no child on c. `da` interleaves the two per
 * slot, check at 2t and the word at 2t + 1, so a transition reads one cache line:
 *
 *   da[2t]       check: the parent of slot t (-1: a free slot)
 *   da[2t + 1]   word: base << 2 | OUT (bit 1: a pattern ends here) | DICT (bit 0: a pattern ends
 *                here or somewhere on its failure chain)
 *   fail[t]      the longest proper suffix of t's path that is also a path from the root
 *   outState[k]  the slots with OUT, ascending; outPat[k] the first pattern ending there, and
 *                patNext chains the others
 *
 * The root is slot 0 with base 0, so its child on c is slot c: the root's row is dense, and most
 * symbols of a query are read at the root or one step from it. One read of the word per symbol
 * tells whether anything ends here, so the chain of outputs is only walked on a hit.
 *
 * It reports every occurrence (overlapping, all patterns); choosing leftmost-longest matches is a
 * decision rule (decide.ts) because word boundaries and exceptions must be checked first.
 * One construction path builds it; the binary stores these arrays as they are, and loading
 * takes views on them, so a built and a loaded automaton are the same code reading the same arrays.
 */

export interface Automaton {
  da: Int32Array;
  fail: Int32Array;
  outState: Int32Array;
  outPat: Int32Array;
  patNext: Int32Array;
  /** Length of each pattern in symbols. */
  patLen: Uint16Array;
}

/** Word bits. */
export const DICT = 1;
export const OUT = 2;
/** The word holds base << BASE_SHIFT, above the two flag bits. */
export const BASE_SHIFT = 2;
/** Candidate bases tried for a state with several children before it goes past the end. */
const PLACE_TRIES = 4096;

/**
 * Build from patterns given as symbol sequences (0 < symbol < alphabetSize). `placeTries` bounds
 * the search for a base (tests lower it to exercise the past-the-end placement).
 */
export function buildAutomaton(patterns: ArrayLike<number>[], alphabetSize: number, placeTries = PLACE_TRIES): Automaton {
  // 1. The trie. Inserting the patterns in lexicographic order creates its states in depth-first
  //    preorder (parent before child), with no per-state maps.
  const order = Array.from(patterns, (_, i) => i).sort((x, y) => compareSeq(patterns[x]!, patterns[y]!) || x - y);
  let total = 1;
  for (const p of patterns) total += p.length;
  const label = new Int32Array(total);
  const parent = new Int32Array(total);
  const depth = new Int32Array(total);
  const endState = new Int32Array(patterns.length);
  const path: number[] = [0];
  let n = 1;
  let prev: ArrayLike<number> = [];
  for (const pi of order) {
    const p = patterns[pi]!;
    let lcp = 0;
    while (lcp < p.length && lcp < prev.length && p[lcp] === prev[lcp]) lcp++;
    for (let d = lcp; d < p.length; d++) {
      const c = p[d]!;
      if (!(c > 0 && c < alphabetSize)) throw new Error(`pattern ${pi} has symbol ${c} outside the alphabet`);
      label[n] = c;
      parent[n] = path[d]!;
      depth[n] = d + 1;
      path[d + 1] = n;
      n++;
    }
    endState[pi] = path[p.length]!;
    prev = p;
  }

  // Children of each state, in symbol order (preorder visits them so).
  const childStart = new Int32Array(n + 1);
  for (let s = 1; s < n; s++) childStart[parent[s]! + 1]!++;
  for (let s = 0; s < n; s++) childStart[s + 1]! += childStart[s]!;
  const children = new Int32Array(Math.max(0, n - 1));
  const fillAt = childStart.slice(0, n);
  for (let s = 1; s < n; s++) children[fillAt[parent[s]!]!++] = s;

  // 2. Place the states breadth first: a state's slot is known before its children are placed.
  const byDepth = countingSortByDepth(depth, n);
  const space = new Slots(Math.max(1024, Math.ceil(n * 1.15) + alphabetSize));
  const slot = new Int32Array(n);
  const base = new Int32Array(n);
  space.take(0);
  const place = (s: number): void => {
    const from = childStart[s]!;
    const to = childStart[s + 1]!;
    if (from === to) return;
    const b = s === 0 ? 0 : space.fit(label, children, from, to, placeTries);
    base[s] = b;
    for (let k = from; k < to; k++) {
      const t = children[k]!;
      slot[t] = b + label[t]!;
      space.take(slot[t]!);
    }
  };
  place(0);
  for (const s of byDepth) place(s);

  // 3. The arrays in slot space, padded so that base + any symbol stays in bounds.
  let top = 0;
  for (let s = 0; s < n; s++) top = Math.max(top, slot[s]!, base[s]! + alphabetSize);
  const slots = top + 1;
  const da = new Int32Array(2 * slots);
  for (let t = 0; t < slots; t++) da[2 * t] = -1;
  for (let s = 0; s < n; s++) {
    const t = slot[s]!;
    da[2 * t] = s === 0 ? -1 : slot[parent[s]!]!;
    da[2 * t + 1] = base[s]! << BASE_SHIFT;
  }

  // Outputs: slots where patterns end, each with its chain of patterns in pattern order.
  const patNext = new Int32Array(patterns.length).fill(-1);
  const patLen = new Uint16Array(patterns.length);
  const firstAt = new Map<number, number>();
  const lastAt = new Map<number, number>();
  for (let pi = 0; pi < patterns.length; pi++) {
    patLen[pi] = patterns[pi]!.length;
    const t = slot[endState[pi]!]!;
    const l = lastAt.get(t);
    if (l === undefined) firstAt.set(t, pi);
    else patNext[l] = pi;
    lastAt.set(t, pi);
  }
  const outState = Int32Array.from(firstAt.keys()).sort();
  const outPat = Int32Array.from(outState, (t) => firstAt.get(t)!);
  for (const t of outState) da[2 * t + 1]! |= OUT | DICT;

  // 4. Failure links breadth first: a state's failure target is shallower, so its own link and
  //    DICT bit are final when it is reached.
  const fail = new Int32Array(slots);
  const a: Automaton = { da, fail, outState, outPat, patNext, patLen };
  for (const s of byDepth) {
    if (depth[s] === 1) continue; // fails to the root
    const c = label[s]!;
    let f = fail[slot[parent[s]!]!]!;
    let nf = step(a, f, c);
    while (nf < 0) {
      f = fail[f]!;
      nf = step(a, f, c);
    }
    const t = slot[s]!;
    fail[t] = nf;
    if (da[2 * nf + 1]! & DICT) da[2 * t + 1]! |= DICT;
  }
  return a;
}

/**
 * Free slots of the double array while it is built: `used` marks, and `next` skips runs of used
 * slots (union-find with path halving), so finding a free slot does not rescan full stretches.
 */
class Slots {
  used: Uint8Array;
  next: Int32Array;
  /** One past the highest used slot. */
  top = 0;
  constructor(size: number) {
    this.used = new Uint8Array(size);
    this.next = new Int32Array(size);
    for (let i = 0; i < size; i++) this.next[i] = i;
  }
  private grow(size: number): void {
    if (size <= this.used.length) return;
    const n = Math.max(size, this.used.length * 2);
    const u = new Uint8Array(n);
    u.set(this.used);
    const nx = new Int32Array(n);
    nx.set(this.next);
    for (let i = this.next.length; i < n; i++) nx[i] = i;
    this.used = u;
    this.next = nx;
  }
  /** The first free slot at or after i. Every slot in [i, next[i]) is used. */
  free(i: number): number {
    this.grow(i + 1);
    while (this.used[i]) {
      const j = this.next[i]!;
      this.grow(j + 1);
      this.next[i] = this.next[j]!;
      i = j;
    }
    return i;
  }
  take(i: number): void {
    this.grow(i + 2);
    this.used[i] = 1;
    this.next[i] = i + 1;
    if (i >= this.top) this.top = i + 1;
  }
  /** A base b ≥ 0 such that b + label of every child is free. */
  fit(label: Int32Array, children: Int32Array, from: number, to: number, maxTries: number): number {
    const c0 = label[children[from]!]!;
    let f = this.free(c0);
    for (let tries = 0; ; tries++) {
      const b = f - c0;
      let ok = true;
      for (let k = from + 1; k < to && ok; k++) {
        const t = b + label[children[k]!]!;
        if (t < this.used.length && this.used[t]) ok = false;
      }
      if (ok) return b;
      // Past the tries, go beyond every used slot: a little space for a bounded build time.
      f = this.free(tries < maxTries ? f + 1 : this.top);
    }
  }
}

function compareSeq(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const m = Math.min(x.length, y.length);
  for (let i = 0; i < m; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** States 1..n-1 ordered by depth (stable, so preorder within a depth). */
function countingSortByDepth(depth: Int32Array, n: number): Int32Array {
  let max = 0;
  for (let s = 1; s < n; s++) if (depth[s]! > max) max = depth[s]!;
  const start = new Int32Array(max + 2);
  for (let s = 1; s < n; s++) start[depth[s]! + 1]!++;
  for (let d = 1; d <= max + 1; d++) start[d]! += start[d - 1]!;
  const out = new Int32Array(n - 1);
  for (let s = 1; s < n; s++) out[start[depth[s]!]!++] = s;
  return out;
}

/** Number of slots (states and free slots between them). */
export function slotCount(a: Automaton): number {
  return a.fail.length;
}

/** One transition without failure: the next slot, or -1 (the root never fails). */
export function step(a: Automaton, s: number, c: number): number {
  const t = (a.da[2 * s + 1]! >> BASE_SHIFT) + c;
  if (a.da[2 * t] === s) return t;
  return s === 0 ? 0 : -1;
}

/**
 * The transition with failure: the slot after reading symbol c in slot s. The one step of the hot
 * loops (`search`, the prefilter); small enough that V8 inlines it.
 *
 * Whether s has a child on c is the branch the CPU cannot predict (about half the symbols of a
 * query have none), so the common cases are computed without one: the child if it exists, else,
 * when s fails straight to the root (the root itself included), the root's child on c (slot c,
 * whose check is 0 when it exists). Only a miss whose failure target is deeper (about one symbol
 * in eleven on the benchmark's text) takes the loop.
 */
export function advance(da: Int32Array, fail: Int32Array, s: number, c: number): number {
  const f = fail[s]!;
  const t = (da[2 * s + 1]! >> BASE_SHIFT) + c;
  const x = da[2 * t]! ^ s;
  const has = ~((x | -x) >> 31); // all ones when check(t) = s, else 0: no branch
  if ((~has & -f) !== 0) return advanceDeep(da, fail, f, c); // a miss that fails below the root
  const r = da[2 * c]!;
  const root = c & ~((r | -r) >> 31); // the root's child on c, else the root (0)
  return (t & has) | (root & ~has);
}

/** The rest of a miss: walk the failure chain from f (a state below the root) until c is read. */
function advanceDeep(da: Int32Array, fail: Int32Array, s: number, c: number): number {
  for (;;) {
    const t = (da[2 * s + 1]! >> BASE_SHIFT) + c;
    if (da[2 * t] === s) return t;
    if (s === 0) return 0;
    s = fail[s]!;
  }
}

/** The first pattern ending at a slot with OUT (binary search: only run on a hit). */
export function firstPatternAt(a: Automaton, s: number): number {
  const os = a.outState;
  let lo = 0;
  let hi = os.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = os[mid]!;
    if (v === s) return a.outPat[mid]!;
    if (v < s) lo = mid + 1;
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

/** Every occurrence of every pattern in sym[0..n), ordered by end, longest first. At most `limit` hits. */
export function search(a: Automaton, sym: Int32Array, n: number, limit = 100_000): Hits {
  hits.n = 0;
  const { da, fail, patNext, patLen } = a;
  let s = 0;
  for (let i = 0; i < n; i++) {
    s = advance(da, fail, s, sym[i]!);
    const w = da[2 * s + 1]!;
    if (w & DICT) {
      // DICT holds along the chain up to the last state with an output.
      for (let o = s, wo = w; wo & DICT; o = fail[o]!, wo = da[2 * o + 1]!) {
        if (!(wo & OUT)) continue;
        for (let p = firstPatternAt(a, o); p >= 0; p = patNext[p]!) {
          if (hits.n >= limit) return hits;
          pushHit(p, i - patLen[p]! + 1, i);
        }
      }
    }
  }
  return hits;
}
