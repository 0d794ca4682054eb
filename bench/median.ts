/** The bench's one timing rule: milliseconds of the median of `runs` runs of `fn`. */
import { performance } from 'node:perf_hooks';

export async function median(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
