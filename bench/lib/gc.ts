/** A way to collect garbage for heap measurements without a command-line flag. */
import v8 from "node:v8";
import vm from "node:vm";

let gcFn: (() => void) | null = null;
export function gc(): void {
  if (!gcFn) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) gcFn = g;
    else {
      v8.setFlagsFromString("--expose-gc");
      gcFn = vm.runInNewContext("gc") as () => void;
    }
  }
  gcFn();
  gcFn();
}

export function heapUsed(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
