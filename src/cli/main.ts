/**
 * The parathed command line. Exit codes: 0 ok, 1 problems found in the input, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { ishoej2017 } from '../examples/ishoej';
import { TEMPLATE_VERSION } from '../model/indicators';
import { PARAMETERS } from '../model/parameters';
import { emptyAssessment } from '../model/schema';
import { scoreJson, type ScoreJson } from '../scoring/score';
import { readWorkbook, type Problem } from '../workbook/reader';
import { describeWorkbook } from '../workbook/template';
import { writeXlsx } from '../workbook/xlsx-writer';
import { InputError, UsageError, assertWritable, readInput, writeOutput } from './files';
import path from 'node:path';
import { findKommune } from '../model/geography';
import { INDICATORS } from '../model/indicators';
import { DEFAULT_DEFINITIONS } from '../model/indicators';
import { definitionsSchema, type Definitions } from '../model/statbank';
import type { CellValue } from '../scoring/excel';
import { planPull, type PullPlan } from '../statbank/apply';
import { StatbankClient, baseUrlFrom, deadlineFrom, timeoutFrom, type Fetch } from '../statbank/client';
import { pull, type TableProgress } from '../statbank/pull';
import { networkFetch } from './network';
import { openWorkbook } from '../workbook/reader';
import { applyPlan, readDataContent } from '../workbook/xlsx-pull';
import { replayFetch, responseSaver } from './responses';
import { describeSummary, missingForSummary } from '../summary/summary';
import { putSummary } from '../summary/xlsx-summary';
import { PdfUnavailable, summaryPdf } from './pdf';
import { lostPartsMessage } from '../workbook/preserve';

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

const outOptions = z.object({ out: z.string().min(1, '--out skal have et filnavn'), force: z.boolean().optional() });
const jsonOption = z.object({ json: z.boolean().optional() });
const fetchOptions = z.object({
  kommune: z.string().transform((q, ctx) => {
    const k = findKommune(q);
    if (!k) ctx.addIssue({ code: 'custom', message: `--kommune ${q}: ukendt kommune (skriv navnet, fx Ishøj, eller koden, fx 183).` });
    return k!;
  }),
  year: z
    .string()
    .regex(/^\d{4}$/, '--year skal være et årstal, fx 2017.')
    .transform(Number)
    .optional(),
  out: z.string().min(1).optional(),
  force: z.boolean().optional(),
  overwrite: z.boolean().optional(),
  json: z.boolean().optional(),
  responses: z.string().min(1).optional(),
  saveResponses: z.string().min(1).optional(),
  definitions: z.string().min(1).optional(),
});
type FetchOptions = z.infer<typeof fetchOptions>;

async function loadDefinitions(file: string | undefined): Promise<Definitions> {
  if (!file) return DEFAULT_DEFINITIONS;
  const text = (await readInput(file)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${file}: er ikke gyldig JSON.`);
  }
  const parsed = definitionsSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(rod)'}: ${i.message}`).join('; ')}`);
  }
  const known = new Set(DEFAULT_DEFINITIONS.indicators.map((d) => d.indicator));
  for (const d of parsed.data.indicators) {
    if (!known.has(d.indicator)) throw new InputError(`${file}: ukendt indikator ${d.indicator}; kendte er ${[...known].join(', ')}.`);
    const model = INDICATORS.find((i) => i.id === d.indicator);
    const wanted = model?.andel ? 'share' : 'value';
    if (d.figure.kind !== wanted) {
      throw new InputError(`${file}: ${d.indicator} skal have "kind": "${wanted}" (${wanted === 'share' ? 'tæller og nævner' : 'én værdi'}), som i projektmappen.`);
    }
  }
  // The file overrides the built-in definitions indicator by indicator; the rest stay.
  const overrides = new Map(parsed.data.indicators.map((d) => [d.indicator, d]));
  return { indicators: DEFAULT_DEFINITIONS.indicators.map((d) => overrides.get(d.indicator) ?? d) };
}

const showValue = (v: CellValue) => (v === null ? '(tom)' : typeof v === 'string' ? `"${v.length > 60 ? `${v.slice(0, 60)}…` : v}"` : String(v).replace('.', ','));

const summaryOptions = z.object({ out: z.string().min(1).optional(), pdf: z.string().min(1).optional(), force: z.boolean().optional() });

/** The default output of a command that rewrites FILE: FILE-<suffix>.xlsx in the same folder. */
const besideInput = (file: string, suffix: string) => path.join(path.dirname(file), `${path.basename(file, path.extname(file))}-${suffix}.xlsx`);

/** Opens a workbook that a command will rewrite: refused when it holds parts the rewrite would drop. */
async function openForRewrite(file: string) {
  const opened = await openWorkbook(await readInput(file));
  if (opened.lost.length > 0) throw new InputError(lostPartsMessage(file, opened.lost));
  return opened;
}

async function summaryCommand(file: string, opts: z.infer<typeof summaryOptions>, io: Io): Promise<number> {
  const { wb, result } = await openForRewrite(file);
  for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
  if (!wb || !result.partial || result.problems.some((p) => p.structural)) {
    io.err('Resuméet kan ikke dannes, før projektmappens opbygning er i orden.\n');
    return EXIT.problems;
  }
  const out = opts.out ?? besideInput(file, 'resume');
  const namesInput = path.resolve(out) === path.resolve(file);
  // Both outputs are checked before anything is written.
  await assertWritable(out, namesInput ? { force: true } : { force: opts.force, inputs: [file] });
  if (opts.pdf) await assertWritable(opts.pdf, { force: opts.force, inputs: [file, out] });
  const missing = missingForSummary(result.partial);
  for (const p of missing) io.err(`${formatProblem(file, p)}\n`);
  const spec = describeWorkbook(result.partial, readDataContent(wb));
  const bytes = await putSummary(wb, describeSummary(result.partial, spec, new Date()));
  await writeOutput(out, bytes, namesInput ? { force: true } : { force: opts.force, inputs: [file] });
  const listed = result.problems.length + missing.length;
  io.err(`Ledelsesresumé skrevet: ${out}${listed ? ` (${listed} problem(er) eller mangler; se ovenfor – manglende tal vises som "mangler")` : ''}\n`);
  if (opts.pdf) {
    try {
      await writeOutput(opts.pdf, await summaryPdf(bytes), { force: opts.force, inputs: [file, out] });
      io.err(`PDF skrevet: ${opts.pdf}\n`);
    } catch (err) {
      if (err instanceof PdfUnavailable) {
        io.err(`${err.message}\n`);
        return EXIT.problems;
      }
      throw err;
    }
  }
  return listed > 0 ? EXIT.problems : EXIT.ok;
}

async function fetchCommand(file: string, opts: FetchOptions, io: Io): Promise<number> {
  const defs = await loadDefinitions(opts.definitions);
  const { wb, result } = await openForRewrite(file);
  if (!wb || !result.assessment) {
    for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
    io.err('Ret problemerne i projektmappen, før der hentes tal.\n');
    return EXIT.problems;
  }
  const k = opts.kommune;
  const named = result.assessment.kommune.navn;
  if (named !== null && named !== k.navn && !opts.force) {
    throw new UsageError(`${file} er udfyldt for ${named}, men --kommune er ${k.navn}. Brug --force, hvis tallene skal hentes alligevel.`);
  }
  const out = opts.out ?? besideInput(file, 'hentet');
  // Checked before any request is made.
  await assertWritable(out, { force: opts.overwrite, inputs: [file], forceFlag: '--overwrite' });
  const progress = !opts.json && process.stderr.isTTY;
  const saver = opts.saveResponses ? responseSaver(opts.saveResponses) : undefined;
  let fetchImpl: Fetch | undefined;
  try {
    fetchImpl = opts.responses ? replayFetch(opts.responses) : undefined;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  // --- issue 8 (network): proxy-aware fetch, overall deadline, progress per table, one message when unreachable ---
  const baseUrl = baseUrlFrom(process.env);
  const net = fetchImpl ? { fetch: fetchImpl } : networkFetch(process.env, baseUrl);
  const client = new StatbankClient({
    baseUrl,
    timeoutMs: timeoutFrom(process.env),
    deadlineMs: deadlineFrom(process.env),
    ...net,
    ...(saver ? { onResponse: saver } : {}),
  });
  const pulled = await pull(client, defs, {
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    ...(progress ? { onProgress: (p: TableProgress) => io.err(`  [${p.done}/${p.total}] ${p.table}: ${p.ok ? 'hentet' : 'fejl'}\n`) } : {}),
  });
  if (pulled.unreachable) {
    io.err(`${pulled.unreachable} Der er ikke skrevet nogen fil.\n`);
    return EXIT.problems;
  }
  // --- end issue 8 ---
  let plan: PullPlan;
  try {
    plan = planPull(result.assessment, result.cells, readDataContent(wb), pulled, k, opts.force ?? false);
  } catch (err) {
    throw new InputError(`Tallene fra Danmarks Statistik passer ikke i projektmappen: ${err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(err)}`);
  }
  if (plan.outcomes.every((o) => o.status === 'fejl')) {
    for (const o of plan.outcomes) io.err(`${o.indicator}: ${o.message}\n`);
    io.err('Ingen tal kunne hentes; der er ikke skrevet nogen fil.\n');
    return EXIT.problems;
  }
  const bytes = await applyPlan(wb, plan);
  await writeOutput(out, bytes, { force: opts.overwrite, inputs: [file], forceFlag: '--overwrite' });

  const failed = plan.outcomes.filter((o) => o.status === 'fejl');
  if (opts.json) {
    io.out(`${JSON.stringify({ file: out, requests: pulled.requests, retrievedAt: pulled.retrievedAt, indicators: plan.outcomes, changed: plan.changed, kept: plan.kept }, null, 2)}\n`);
  } else {
    for (const o of plan.outcomes) {
      const what = o.status === 'fejl' ? `FEJL: ${o.message}` : `${o.status}${o.period ? `, ${o.period}` : ''}${o.message ? ` – ${o.message}` : ''}`;
      const navn = INDICATORS.find((i) => i.id === o.indicator)?.navn ?? 'Folketal';
      io.out(`${navn} (${o.indicator}): ${what}\n`);
    }
    for (const c of plan.changed) io.out(`  ændret ${c.name}: ${showValue(c.old)} → ${showValue(c.new)}${c.forced ? ' (skrevet i hånden; overskrevet med --force)' : ''}\n`);
    for (const c of plan.kept) io.out(`  bevaret ${c.name}: ${showValue(c.old)} (skrevet i hånden; hentet ville være ${showValue(c.new)})\n`);
    io.out(`${pulled.requests} forespørgsler. Skrevet: ${out}\n`);
  }
  return failed.length > 0 ? EXIT.problems : EXIT.ok;
}

export function formatProblem(file: string, p: Problem): string {
  const where = p.sheet ? `${p.sheet}!${p.cell ?? ''}` : '';
  const name = p.name ? ` (${p.name})` : '';
  return `${file}${where ? `: ${where}` : ''}${name}: ${p.message}`;
}

const fmt = (v: number | null, decimals = 1) => (v === null ? '–' : v.toLocaleString('da-DK', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));

function scoreText(kommune: string | undefined, s: ScoreJson): string {
  return [
    `Parathedsvurdering${kommune ? ` – ${kommune}` : ''}`,
    `Vurderinger givet:        ${s.antal} af ${PARAMETERS.length}`,
    `Samlet score:             ${s.samlet === null ? `– (ikke alle ${PARAMETERS.length} vurderet)` : fmt(s.samlet)}${s.niveau ? ` (${s.niveau})` : ''}`,
    `Foreløbig score:          ${fmt(s.foreloebig)}`,
    `Kommunens egen vurdering: ${fmt(s.egen)}`,
    `Vurdering af parametre:   ${fmt(s.vurdering)}`,
    '',
  ].join('\n');
}

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('parathed')
    .description('Parathedsvurdering: skabelon, score og validering af kommunernes parathedsvurdering (forebyggelse af ekstremisme).')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(kør "parathed --help" for hjælp)');

  program
    .command('template')
    .description('Skriv en tom skabelon (.xlsx)')
    .requiredOption('--out <fil>', 'outputfil (.xlsx)')
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .action(async (raw) => {
      const opts = outOptions.parse(raw);
      await writeOutput(opts.out, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))), { force: opts.force });
      io.err(`Skabelon skrevet: ${opts.out}\n`);
    });

  program
    .command('demo')
    .description('Skriv skabelonen udfyldt med Ishøj Kommunes parathedsvurdering fra 2017 (samlet score 3,0)')
    .requiredOption('--out <fil>', 'outputfil (.xlsx)')
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .action(async (raw) => {
      const opts = outOptions.parse(raw);
      const { assessment } = ishoej2017();
      const spec = describeWorkbook(assessment);
      const withSummary = { ...spec, sheets: [describeSummary(assessment, spec, new Date()), ...spec.sheets] };
      await writeOutput(opts.out, await writeXlsx(withSummary), { force: opts.force });
      io.err(`Demo skrevet: ${opts.out} (Ishøj Kommune 2017)\n`);
    });

  program
    .command('validate')
    .description('Kontrollér en udfyldt projektmappe; lister alle problemer (exit 1, hvis der er nogen)')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--json', 'skriv resultatet som JSON')
    .action(async (file: string, raw) => {
      const opts = jsonOption.parse(raw);
      const result = await readWorkbook(await readInput(file));
      if (opts.json) {
        io.out(`${JSON.stringify({ file, ok: result.problems.length === 0, problems: result.problems }, null, 2)}\n`);
      } else if (result.problems.length === 0) {
        io.out(`${file}: ingen problemer fundet.\n`);
      } else {
        for (const p of result.problems) io.out(`${formatProblem(file, p)}\n`);
        io.out(`${result.problems.length} problem${result.problems.length === 1 ? '' : 'er'} fundet.\n`);
      }
      setExit(result.problems.length === 0 ? EXIT.ok : EXIT.problems);
    });

  program
    .command('score')
    .description('Beregn scoren for en udfyldt projektmappe, som arkets formler gør det')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--json', 'skriv {"antal","samlet","foreloebig","egen","vurdering","niveau"} som JSON (null for tom)')
    .action(async (file: string, raw) => {
      const opts = jsonOption.parse(raw);
      const result = await readWorkbook(await readInput(file));
      for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
      if (!result.score) {
        setExit(EXIT.problems);
        return;
      }
      const s = scoreJson(result.score);
      const kommune = result.cells.get('Kommune_Navn');
      io.out(opts.json ? `${JSON.stringify(s)}\n` : scoreText(typeof kommune === 'string' ? kommune : undefined, s));
      setExit(result.problems.length === 0 ? EXIT.ok : EXIT.problems);
    });

  program
    .command('summary')
    .description('Dan eller forny arket Ledelsesresumé (skriver en ny fil; inputfilen kun, hvis --out peger på den)')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--out <fil>', 'outputfil (standard: <fil>-resume.xlsx); må være inputfilen')
    .option('--pdf <fil>', 'gem også resuméet som PDF (kræver LibreOffice)')
    .option('--force', 'overskriv en eksisterende outputfil')
    .action(async (file: string, raw) => {
      setExit(await summaryCommand(file, summaryOptions.parse(raw), io));
    });

  program
    .command('fetch')
    .description('Hent kommunens, regionens og landets tal fra Danmarks Statistik ind i projektmappen (skriver en ny fil)')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx); den ændres aldrig')
    .requiredOption('--kommune <kommune>', 'kommunens navn eller kode, fx Ishøj eller 183')
    .option('--year <år>', 'alle indikatorer fra samme år (ellers hver indikators nyeste periode)')
    .option('--out <fil>', 'outputfil (standard: <fil>-hentet.xlsx)')
    .option('--force', 'overskriv også tal, der er skrevet i hånden (og hent for en anden kommune end den, projektmappen er udfyldt for)')
    .option('--overwrite', 'overskriv outputfilen, hvis den findes')
    .option('--json', 'skriv de hentede tal og antallet af forespørgsler som JSON')
    .option('--responses <mappe>', 'genafspil gemte svar fra mappen (intet netværk)')
    .option('--save-responses <mappe>', 'gem de rå svar i mappen')
    .option('--definitions <fil>', 'JSON-fil med egne definitioner af tabeller og koder')
    .action(async (file: string, raw) => {
      setExit(await fetchCommand(file, fetchOptions.parse(raw), io));
    });

  return program;
}

/** Runs the CLI and resolves to the exit code; never throws. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exit: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.err(`Fejl: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof z.ZodError) {
      io.err(`Fejl: ${err.issues.map((i) => i.message).join('; ')}\n`);
      return EXIT.usage;
    }
    if (err instanceof InputError) {
      io.err(`Fejl: ${err.message}\n`);
      return EXIT.problems;
    }
    io.err(`Uventet fejl: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.problems;
  }
}

