/**
 * npm run bench: requests per pull, and the time to parse and write the figures of all 98
 * municipalities, each printed as a ratio to a baseline measured in the same run. Runs against
 * the local TEST DOUBLE of StatBank (127.0.0.1); no network.
 */
import ExcelJS from 'exceljs';
import { performance } from 'node:perf_hooks';
import { findKommune, KOMMUNER } from '../src/model/geography';
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

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

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
    });
    const parseAndWrite = await median(async () => {
      const result = await pull(new StatbankClient({ fetch: replay }), DEFAULT_DEFINITIONS);
      const opened = await openAndRead(template);
      if (!opened.workbook) throw new Error('the template did not open');
      await new PullSession(opened.workbook, opened.read, result, ishoej).execute(() => 'keep');
      await opened.workbook.bytes();
    });
    console.log('Parse and write the figures of all 98 municipalities (median of 7 runs)');
    console.log(`  baseline, ExcelJS load of the same workbook: ${baseline.toFixed(1)} ms`);
    console.log(`  parse responses + plan + write:               ${parseAndWrite.toFixed(1)} ms`);
    console.log(`  ratio to baseline: ${(parseAndWrite / baseline).toFixed(2)}×`);
  } finally {
    await double.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
