/**
 * The bench's one timing rule: milliseconds of the median of `runs` runs of `fn`, each started on
 * a collected heap when node runs with --expose-gc (as `npm run bench` does), so the garbage one
 * run leaves (a baseline's, say) is not collected on the next one's time.
 */
import { performance } from 'node:perf_hooks';

export async function median(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const collect = (globalThis as { gc?: () => void }).gc;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect?.();
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
