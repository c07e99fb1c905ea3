/** The npm `aho-corasick` package (0.1.3) ships no types; only what the oracle test uses. */
declare module "aho-corasick" {
  export default class AhoCorasick {
    add(word: string, data: unknown): void;
    build_fail(): this;
    search(text: string, callback: (found: string, data: unknown[], offset: number) => void): this;
  }
}
