/**
 * npm run bench: requests per pull, the time to parse and write the figures of all 98
 * municipalities, and the consolidation of 98 filled workbooks (time in-process and as whole
 * processes, and a child's peak memory for 10 and 98 files), each printed as a ratio to a baseline
 * measured in the same run. Runs against the local TEST DOUBLE of StatBank (127.0.0.1); no network.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median } from './median';
import { ishoej2017 } from '../src/examples/ishoej';
import { findKommune, KOMMUNER } from '../src/model/geography';
import { PARAMETERS } from '../src/model/parameters';
import { TEMPLATE_VERSION } from '../src/model/indicators';
import { DEFAULT_DEFINITIONS } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { StatbankClient, type RecordedResponse } from '../src/statbank/client';
import { pull } from '../src/statbank/pull';
import { describeWorkbook } from '../src/workbook/template';
import { PullSession } from '../src/statbank/session';
import { openAndRead } from '../src/xlsx/open';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { startStatbankDouble } from '../test/helpers/statbank-double';
import { reportTables } from '../test/helpers/statbank-tables';

const RUNS = 7;


async function main() {
  const double = await startStatbankDouble(reportTables());
  try {
    const template = await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION)));
    const ishoej = findKommune('183')!;

    // Requests: one pull serves one municipality or all 98.
    const recorded: RecordedResponse[] = [];
    const client = new StatbankClient({ baseUrl: double.url, onResponse: (r) => recorded.push(r) });
    const one = await pull(client, DEFAULT_DEFINITIONS);
    const all = await pull(new StatbankClient({ baseUrl: double.url }), DEFAULT_DEFINITIONS);
    const naive = one.requests * KOMMUNER.length;
    console.log('Requests per pull');
    console.log(`  1 municipality:   ${one.requests}`);
    console.log(`  98 municipalities: ${all.requests} (one pull holds every municipality's figures)`);
    console.log(`  baseline "one pull per municipality": ${naive} requests; ratio 98/baseline = ${(all.requests / naive).toFixed(4)}`);

    // Time: parse the recorded responses and write every municipality's figures into a workbook,
    // against the baseline of loading the same workbook with ExcelJS.
    // Keyed by path and query: data requests name their table in the path (data/{TABLE}/JSONSTAT).
    const key = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;
    const bodies = new Map(recorded.map((r) => [key(r.url), r.body]));
    const replay = async (url: string) => {
      const body = bodies.get(key(url)) ?? '';
      return { status: 200, headers: { get: () => 'text/json' }, text: async () => body };
    };
    const baseline = await median(async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as unknown as ArrayBuffer);
    }, RUNS);
    const parseAndWrite = await median(async () => {
      const result = await pull(new StatbankClient({ fetch: replay }), DEFAULT_DEFINITIONS);
      const opened = await openAndRead(template);
      if (!opened.workbook) throw new Error('the template did not open');
      await new PullSession(opened.workbook, opened.read, result, ishoej).execute(() => 'keep');
      await opened.workbook.bytes();
    }, RUNS);
    console.log('Parse and write the figures of all 98 municipalities (median of 7 runs)');
    console.log(`  baseline, ExcelJS load of the same workbook: ${baseline.toFixed(1)} ms`);
    console.log(`  parse responses + plan + write:               ${parseAndWrite.toFixed(1)} ms`);
    console.log(`  ratio to baseline: ${(parseAndWrite / baseline).toFixed(2)}×`);
  } finally {
    await double.close();
  }
  await consolidationBench();
}

/** 98 filled workbooks, one per municipality (the demo's figures and texts, seeded ratings and dates). */
async function writeWorkbooks(dir: string): Promise<void> {
  let seed = 14;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (const [i, k] of KOMMUNER.entries()) {
    const a = structuredClone(ishoej2017().assessment);
    a.kommune.navn = k.navn;
    a.vurderingDato = `2019-0${1 + (i % 9)}-1${i % 10}`;
    for (const p of PARAMETERS) a.vurderinger[p.id] = (1 + Math.floor(next() * 4)) as 1 | 2 | 3 | 4;
    writeFileSync(path.join(dir, `${k.dstCode}-${k.navn}.xlsx`), await writeXlsx(describeWorkbook(a)));
  }
}

/** Runs a bench child; its wall time, peak memory and, for a timing mode, its in-process median. */
function child(args: string[]): { ms: number; maxRssKiB: number; inProcessMs?: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(__dirname, 'consolidate-child.js'), ...args], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${r.stderr}`);
  const reported = JSON.parse(r.stdout) as { maxRssKiB: number; ms?: number };
  return { ms, maxRssKiB: reported.maxRssKiB, ...(reported.ms !== undefined ? { inProcessMs: reported.ms } : {}) };
}

async function consolidationBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'parathed-bench-'));
  try {
    const all = path.join(dir, '98');
    const ten = path.join(dir, '10');
    mkdirSync(all);
    mkdirSync(ten);
    await writeWorkbooks(all);
    const files = readdirSync(all).sort();
    for (const f of files.slice(0, 10)) writeFileSync(path.join(ten, f), readFileSync(path.join(all, f)));
    const out = path.join(dir, 'oversigt.xlsx');

    // Each side in its own process (neither inherits the other's heap), the two sides taking
    // turns three times so both meet the same load on the machine; medians of the three.
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const turns = <T>(sides: (() => T)[]): T[][] => {
      const results: T[][] = sides.map(() => []);
      for (let round = 0; round < 3; round++) sides.forEach((side, i) => results[i]!.push(side()));
      return results;
    };

    // In-process: one warm-up run, then the median of 3; the files' bytes are read from disk in every run.
    const [baselines, checks, overviews] = turns([
      () => child(['time-exceljs', all]).inProcessMs!,
      () => child(['time-check', all]).inProcessMs!,
      () => child(['time-overview', all]).inProcessMs!,
    ]);
    const baseline = mid(baselines!);
    const checked = mid(checks!);
    const overview = mid(overviews!);
    console.log(`Consolidation of ${files.length} filled workbooks (each side in its own process, medians of 3 turns)`);
    console.log(`  in-process baseline, ExcelJS xlsx.load of the same files: ${baseline.toFixed(0)} ms`);
    console.log(`  in-process read and check of every file (SHA-256 included): ${checked.toFixed(0)} ms, ratio ${(checked / baseline).toFixed(3)}× (goal at most 0.15)`);
    console.log(`  in-process check + consolidate + write the overview:        ${overview.toFixed(0)} ms, ratio ${(overview / baseline).toFixed(3)}×`);

    // Whole processes: node with the CLI, against node loading the same files with ExcelJS.
    const [procBaselines, procConsolidations] = turns([() => child(['exceljs', all]).ms, () => child(['consolidate', all, out]).ms]);
    const procBaseline = mid(procBaselines!);
    const procConsolidate = mid(procConsolidations!);
    console.log(`  whole process, node loading the ${files.length} files with ExcelJS: ${procBaseline.toFixed(0)} ms`);
    console.log(`  whole process, parathed consolidate of the ${files.length} files:   ${procConsolidate.toFixed(0)} ms`);
    console.log(`  ratio to baseline: ${(procConsolidate / procBaseline).toFixed(3)}× (goal at most 0.5)`);

    // Peak memory of a child consolidating 10 and 98 files.
    const [mems10, mems98] = turns([() => child(['consolidate', ten, out]).maxRssKiB, () => child(['consolidate', all, out]).maxRssKiB]);
    const mem10 = mid(mems10!);
    const mem98 = mid(mems98!);
    console.log('Peak memory of parathed consolidate (maxRSS of the child, medians of 3)');
    console.log(`  10 files: ${(mem10 / 1024).toFixed(0)} MiB; 98 files: ${(mem98 / 1024).toFixed(0)} MiB`);
    console.log(`  ratio 98/10: ${(mem98 / mem10).toFixed(2)}× (goal at most 1.2)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
