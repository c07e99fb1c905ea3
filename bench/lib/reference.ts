/**
 * A deliberately naive oracle: a trie walked from every start position. Quadratic in the
 * longest term, obviously correct, used to generate term-free filler and to check that
 * every engine reports the same raw matches.
 */
interface Node {
  next: Map<number, Node>;
  term: number; // index into terms, -1 if none
}

export class RefTrie {
  private root: Node = { next: new Map(), term: -1 };
  constructor(readonly terms: readonly string[]) {
    terms.forEach((t, i) => {
      let n = this.root;
      for (let k = 0; k < t.length; k++) {
        const c = t.charCodeAt(k);
        let m = n.next.get(c);
        if (!m) n.next.set(c, (m = { next: new Map(), term: -1 }));
        n = m;
      }
      if (n.term < 0) n.term = i;
    });
  }

  any(text: string): boolean {
    for (let s = 0; s < text.length; s++) {
      let n: Node | undefined = this.root;
      for (let k = s; k < text.length; k++) {
        n = n.next.get(text.charCodeAt(k));
        if (!n) break;
        if (n.term >= 0) return true;
      }
    }
    return false;
  }

  /** Every occurrence (overlapping), as [start, end, termIndex]. */
  all(text: string): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (let s = 0; s < text.length; s++) {
      let n: Node | undefined = this.root;
      for (let k = s; k < text.length; k++) {
        n = n.next.get(text.charCodeAt(k));
        if (!n) break;
        if (n.term >= 0) out.push([s, k + 1, n.term]);
      }
    }
    return out;
  }
}

/** Leftmost-longest, non-overlapping selection from a set of overlapping matches. */
export function leftmostLongest(ms: [number, number, ...unknown[]][]): [number, number][] {
  const sorted = [...ms].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  let pos = 0;
  for (const [s, e] of sorted) {
    if (s < pos) continue;
    out.push([s, e]);
    pos = e;
  }
  return out;
}
