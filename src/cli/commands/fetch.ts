/**
 * parathed fetch: pulls the municipality's, its region's and the country's figures from
 * Statistics Denmark into a copy of the workbook, with all 98 municipalities on the Data sheet.
 */
import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { findKommune } from '../../model/geography';
import { INDICATORS } from '../../model/indicators';
import type { PullPlan } from '../../statbank/plan';
import { PullSession, type TypedChoice } from '../../statbank/session';
import { StatbankClient, baseUrlFrom, deadlineFrom, timeoutFrom, type Fetch, type NetworkRoute } from '../../statbank/client';
import { pull, type TableProgress } from '../../statbank/pull';
import { checkForNewer, showUpdated } from '../../statbank/freshness';
import { tableUpdates } from '../../workbook/sheets/log';
import { openAndRead } from '../../xlsx/open';
import { networkFetch } from '../network';
import { SUMMARY_SHEET, describeSummary } from '../../summary/summary';
import { describeWorkbook } from '../../workbook/template';
import { loadDefinitions } from '../definitions';
import { InputError, UsageError, assertWritable, readInput, writeOutput } from '../files';
import { EXIT, formatProblem, jsonProblems, showValue, type CommandContext, type Io } from '../output';
import { exitCodesHelp, required } from '../danish';
import { replayFetch, replayIsConstructed, replayScopeProblem, responseSaver } from '../responses';
import { CONSTRUCTED_SOURCE, STATBANK_SOURCE } from '../../model/sources';
import { besideInput, inputOf, openForRewrite } from '../workbook-file';

const fetchOptions = z.object({
  kommune: z.string().transform((q, ctx) => {
    const k = findKommune(q);
    if (!k) ctx.addIssue({ code: 'custom', message: `--kommune ${q}: ukendt kommune (skriv navnet, fx Ishøj, eller koden, fx 183).` });
    return k!;
  }).optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, '--year skal være et årstal, fx 2017.')
    .transform(Number)
    .optional(),
  out: z.string().min(1).optional(),
  force: z.boolean().optional(),
  replaceTyped: z.boolean().optional(),
  otherKommune: z.boolean().optional(),
  overwrite: z.boolean().optional(),
  json: z.boolean().optional(),
  responses: z.string().min(1).optional(),
  saveResponses: z.string().min(1).optional(),
  definitions: z.string().min(1).optional(),
  check: z.boolean().optional(),
});
type FetchOptions = z.infer<typeof fetchOptions>;

/** What the command closes when it ends: the network's connections (a proxy that never answered a tunnel would keep the process alive). */
type Closers = (() => Promise<void>)[];

/**
 * The StatBank client of a command: the network through the environment's proxies (or the saved
 * responses), an overall deadline, and the raw responses saved when asked.
 */
function commandClient(opts: FetchOptions, closers: Closers): StatbankClient {
  if (opts.saveResponses && statSync(opts.saveResponses, { throwIfNoEntry: false })?.isFile()) {
    throw new UsageError(`--save-responses ${opts.saveResponses}: er en fil, ikke en mappe.`);
  }
  // Saved responses replayed are no new answers from Statistics Denmark: saving them again would
  // record them as real ones (and constructed ones would lose what they were made for).
  if (opts.saveResponses && opts.responses) {
    throw new UsageError(`--save-responses gemmer svar fra Danmarks Statistik og kan ikke bruges med --responses: de gemte svar i ${opts.responses} er ikke nye svar. Kopiér mappen i stedet.`);
  }
  const saver = opts.saveResponses ? responseSaver(opts.saveResponses) : undefined;
  let fetchImpl: Fetch | undefined;
  try {
    fetchImpl = opts.responses ? replayFetch(opts.responses) : undefined;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const baseUrl = baseUrlFrom(process.env);
  let net: { fetch: Fetch; route?: NetworkRoute };
  if (fetchImpl) net = { fetch: fetchImpl };
  else {
    const network = networkFetch(process.env, baseUrl);
    closers.push(() => network.close());
    net = { fetch: network.fetch, route: network.route };
  }
  return new StatbankClient({
    baseUrl,
    timeoutMs: timeoutFrom(process.env),
    deadlineMs: deadlineFrom(process.env),
    ...net,
    ...(saver ? { onResponse: saver } : {}),
  });
}

/** --check: whether Statistics Denmark has newer figures than the workbook's last pull; writes nothing. */
async function checkCommand(file: string, opts: FetchOptions, io: Io, closers: Closers): Promise<number> {
  const writing: [string, unknown][] = [['--out', opts.out], ['--force', opts.force], ['--replace-typed', opts.replaceTyped], ['--other-kommune', opts.otherKommune], ['--year', opts.year]];
  for (const [flag, given] of writing) if (given !== undefined && given !== false) throw new UsageError(`${flag} kan ikke bruges med --check, som kun undersøger og intet skriver.`);
  const defs = await loadDefinitions(opts.definitions);
  const client = commandClient(opts, closers);
  const opened = await openAndRead(await readInput(file));
  if (!opened.workbook) {
    for (const p of opened.result.problems) io.err(`${formatProblem(file, p)}\n`);
    if (opts.json) io.out(`${JSON.stringify({ file, ok: false, problems: jsonProblems(file, opened.result.problems) }, null, 2)}\n`);
    return EXIT.problems;
  }
  const report = await checkForNewer(client, defs, tableUpdates(opened.read.data));
  if (report.unreachable) {
    io.err(`${report.unreachable}\n`);
    if (opts.json) io.out(`${JSON.stringify({ file, ok: false, problems: [{ file, sheet: null, cell: null, name: null, message: report.unreachable }], requests: report.requests }, null, 2)}\n`);
    return EXIT.problems;
  }
  if (opts.json) {
    io.out(`${JSON.stringify({ file, ok: true, problems: [], requests: report.requests, newer: report.newer, indicators: report.indicators, tables: report.tables }, null, 2)}\n`);
    return EXIT.ok;
  }
  const tablesOf = (ids: string[]) => report.tables.filter((t) => ids.includes(t.table.toUpperCase()));
  const newer = report.indicators.filter((i) => i.newer);
  if (newer.length === 0) io.out('Ingen nye tal hos Danmarks Statistik siden seneste hentning.\n');
  else io.out(`Nye tal hos Danmarks Statistik for ${newer.length === 1 ? 'én indikator' : `${newer.length} indikatorer`}:\n`);
  for (const i of newer) {
    const why = tablesOf(i.tables)
      .filter((t) => t.newer)
      .map((t) => `${t.table} opdateret ${showUpdated(t.current!)} (ved seneste hentning ${showUpdated(t.recorded!)})`);
    io.out(`  ${i.navn} (${i.indicator}): ${why.join('; ')}\n`);
  }
  const same = report.indicators.filter((i) => !i.newer && !i.unknown);
  if (same.length > 0) io.out(`Ingen nye tal for: ${same.map((i) => i.navn).join(', ')}.\n`);
  const unknown = report.indicators.filter((i) => !i.newer && i.unknown);
  for (const i of unknown) {
    const failed = tablesOf(i.tables).find((t) => t.message);
    io.out(`  ${i.navn} (${i.indicator}): ukendt – ${failed ? failed.message : 'projektmappen har ingen opdateringstid fra en hentning (hent tallene med parathed fetch)'}\n`);
  }
  io.out(`${report.requests} forespørgsler. Intet er skrevet.\n`);
  return EXIT.ok;
}

async function fetchCommand(file: string, opts: FetchOptions, io: Io, closers: Closers): Promise<number> {
  if (opts.overwrite) throw new UsageError('--overwrite findes ikke længere: brug --force for at overskrive outputfilen (og --replace-typed for at erstatte tal skrevet i hånden).');
  if (opts.check) return checkCommand(file, opts, io, closers);
  const k = opts.kommune;
  if (!k) throw new UsageError("fejl: tilvalget '--kommune <kommune>' skal angives (undtagen med --check).");
  const out = opts.out ?? besideInput(file, 'hentet');
  // The output is checked before any work and any request.
  // --force replaces no filled-in assessment but the municipality's own (the one the input names, else --kommune).
  const input = await inputOf(file);
  const kommune = input.kommune ?? k.navn;
  await assertWritable(out, { force: opts.force, inputs: [file], ext: '.xlsx', kommune });
  // Progress per table on a terminal, and one message when StatBank cannot be reached.
  const client = commandClient(opts, closers);
  const defs = await loadDefinitions(opts.definitions);
  const opened = await openForRewrite(file, input.bytes);
  const { result } = opened;
  if (!opened.workbook || !result.assessment) {
    for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
    io.err('Ret problemerne i projektmappen, før der hentes tal.\n');
    if (opts.json) io.out(`${JSON.stringify({ file: null, ok: false, problems: jsonProblems(file, result.problems) }, null, 2)}\n`);
    return EXIT.problems;
  }
  const named = result.assessment.kommune.navn;
  if (named !== null && named !== k.navn && !opts.otherKommune) {
    throw new UsageError(`${file} er udfyldt for ${named}, men --kommune er ${k.navn}. Brug --other-kommune, hvis tallene skal hentes for ${k.navn} alligevel.`);
  }
  // Constructed example responses answer only the municipality and year they were made for.
  const outOfScope = opts.responses ? replayScopeProblem(opts.responses, k, opts.year) : undefined;
  if (outOfScope) throw new UsageError(`--responses ${outOfScope} Der er ikke skrevet nogen fil.`);
  const progress = !opts.json && process.stderr.isTTY;
  const pulled = await pull(client, defs, {
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    ...(progress ? { onProgress: (p: TableProgress) => io.err(`  [${p.done}/${p.total}] ${p.table}: ${p.ok ? 'hentet' : 'fejl'}\n`) } : {}),
  });
  if (pulled.unreachable) {
    io.err(`${pulled.unreachable} Der er ikke skrevet nogen fil.\n`);
    if (opts.json) io.out(`${JSON.stringify({ file: null, ok: false, problems: [{ file, sheet: null, cell: null, name: null, message: pulled.unreachable }], requests: pulled.requests }, null, 2)}\n`);
    return EXIT.problems;
  }
  const session = new PullSession(opened.workbook, opened.read, pulled, k, {
    source: opts.responses && replayIsConstructed(opts.responses) ? CONSTRUCTED_SOURCE : STATBANK_SOURCE,
    typedHint: ' (brug --replace-typed for at erstatte dem)',
  });
  const choice = (): TypedChoice => (opts.replaceTyped ? 'replace' : 'keep');
  const unfit = (err: unknown) =>
    new InputError(`Tallene fra Danmarks Statistik passer ikke i projektmappen: ${err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(err)}`);
  let preplan: PullPlan;
  try {
    preplan = session.plan(choice);
  } catch (err) {
    throw unfit(err);
  }
  if (preplan.outcomes.every((o) => o.status === 'fejl')) {
    for (const o of preplan.outcomes) io.err(`${o.indicator}: ${o.message}\n`);
    io.err('Ingen tal kunne hentes; der er ikke skrevet nogen fil.\n');
    if (opts.json) io.out(`${JSON.stringify({ file: null, ok: false, problems: preplan.outcomes.map((o) => ({ file, sheet: null, cell: null, name: o.indicator, message: o.message ?? '' })), requests: pulled.requests, indicators: preplan.outcomes }, null, 2)}\n`);
    return EXIT.problems;
  }
  // Indicator by indicator through the one pull flow the task pane uses too; an existing
  // summary's formulas get their new results.
  const hasSummary = opened.read.view.hasSheet(SUMMARY_SHEET);
  const run = await session.execute(choice, {
    alsoRefresh: (p) => (hasSummary ? [describeSummary(p.assessment, describeWorkbook(p.assessment, p.data), new Date())] : []),
  });
  const plan = run.plan;
  await writeOutput(out, await opened.workbook.bytes(), { force: opts.force, inputs: [file], ext: '.xlsx', kommune });

  const failed = plan.outcomes.filter((o) => o.status === 'fejl');
  if (opts.json) {
    const problems = failed.map((o) => ({ file, sheet: null, cell: null, name: o.indicator, message: o.message ?? '' }));
    io.out(`${JSON.stringify({ file: out, ok: failed.length === 0, problems, requests: pulled.requests, retrievedAt: pulled.retrievedAt, indicators: plan.outcomes, changed: plan.changed, kept: plan.kept }, null, 2)}\n`);
  } else {
    for (const o of plan.outcomes) {
      const what = o.status === 'fejl' ? `FEJL: ${o.message}` : `${o.status}${o.period ? `, ${o.period}` : ''}${o.message ? ` – ${o.message}` : ''}`;
      const navn = INDICATORS.find((i) => i.id === o.indicator)?.navn ?? 'Folketal';
      io.out(`${navn} (${o.indicator}): ${what}\n`);
    }
    // A cell is "erstattet med --replace-typed" only when that flag was given.
    for (const c of plan.changed) io.out(`  ændret ${c.name}: ${showValue(c.old)} → ${showValue(c.new)}${c.forced && opts.replaceTyped ? ' (skrevet i hånden; erstattet med --replace-typed)' : ''}\n`);
    for (const c of plan.kept) io.out(`  bevaret ${c.name}: ${showValue(c.old)} (skrevet i hånden; hentet ville være ${showValue(c.new)})\n`);
    if (named !== null && named !== k.navn && run.written.length > 0) {
      io.out(`Tallene er hentet for ${k.navn} (${k.dstCode}), men projektmappen er stadig udfyldt for ${named}: Kommune_Navn er ikke ændret, og Hentet_Kommune_Kode siger, hvis tal det er.\n`);
    }
    io.out(`${pulled.requests} forespørgsler. Skrevet: ${out}\n`);
  }
  return failed.length > 0 ? EXIT.problems : EXIT.ok;
}

export function registerFetch(program: Command, { io, setExit }: CommandContext): void {
  const command = program
    .command('fetch')
    .description('Hent kommunens, regionens og landets tal fra Danmarks Statistik ind i projektmappen (skriver en ny fil)')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx); den ændres aldrig')
    .option('--kommune <kommune>', required('kommunens navn eller kode, fx Ishøj, "Københavns Kommune" eller 183 (ikke med --check)'))
    .option('--year <år>', 'alle indikatorer fra samme år (ellers hver indikators nyeste periode)')
    .option('--out <fil>', 'outputfil (standard: <fil>-hentet.xlsx)')
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .option('--replace-typed', 'erstat også tal, der er skrevet i hånden (de listes)')
    .option('--other-kommune', 'hent for en anden kommune end den, projektmappen er udfyldt for (Kommune_Navn ændres ikke; Hentet_Kommune_Kode siger, hvis tal det er)')
    .addOption(new Option('--overwrite').hideHelp())
    .option('--json', 'skriv de hentede tal og antallet af forespørgsler som JSON')
    .option('--responses <mappe>', 'genafspil gemte svar fra mappen (intet netværk)')
    .option('--save-responses <mappe>', 'gem de rå svar i mappen')
    .option('--definitions <fil>', 'JSON-fil med egne definitioner af tabeller og koder')
    .option('--check', 'undersøg kun, om Danmarks Statistik har nyere tal end dem, den seneste hentning skrev (skriver intet)')
    .action(async (file: string, raw) => {
      const closers: Closers = [];
      try {
        setExit(await fetchCommand(file, fetchOptions.parse(raw), io, closers));
      } finally {
        await Promise.all(closers.map((close) => close()));
      }
    });
  exitCodesHelp(command, '0 alle tal hentet (med --check: undersøgt, med eller uden nye tal); 1 en indikator fejlede, filen har problemer, eller Danmarks Statistik kunne ikke nås; 2 forkert brug');
}
