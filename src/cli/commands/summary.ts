/** parathed summary: adds or replaces the Ledelsesresumé sheet, and renders it as PDF on request. */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { checkFile } from '../../consolidate/check';
import { maskCpr } from '../../model/cpr';
import { UNKNOWN_DATE, danishDate, previousCycleOrder, previousFromEntry, type PreviousCycle } from '../../summary/previous';
import { putSummary, summaryOf } from '../../summary/put';
import { missingInputs } from '../../workbook/validate';
import { exitCodesHelp } from '../danish';
import { InputError, assertWritable, readInput, writeOutput } from '../files';
import { EXIT, formatProblem, type CommandContext, type Io } from '../output';
import { PdfUnavailable, summaryPdf } from '../pdf';
import { besideInput, inputOf, openForRewrite } from '../workbook-file';

const summaryOptions = z.object({ out: z.string().min(1).optional(), pdf: z.string().min(1).optional(), previous: z.string().min(1).optional(), force: z.boolean().optional() });

/**
 * The previous cycle's workbook, read and checked as `parathed consolidate` checks a file (the
 * selective reader): refused when the checks reject it, it is another municipality's, or it is not
 * older than the assessment dated `dato` (both dates known); a warning when either date is blank.
 */
async function readPrevious(file: string, kommune: string | null, dato: string | null): Promise<{ previous: PreviousCycle; warning?: string }> {
  const check = await checkFile(file, await readInput(file));
  if (!check.entry) throw new InputError(`${check.file} kan ikke bruges som sidste vurdering: den er afvist. ${check.reasons.map((r) => (r.sheet ? `${r.sheet}!${r.cell}: ${r.message}` : r.message)).join(' ')}`, file);
  if (kommune !== null && check.entry.kommune.navn !== kommune) {
    throw new InputError(`${check.file} er sidste vurdering for ${check.entry.kommune.navn}, men projektmappen er for ${kommune}. Vælg ${kommune}s sidste vurdering.`, file);
  }
  const order = previousCycleOrder(check.file, check.entry.dato, dato);
  if (!order.ok) throw new InputError(order.message, file);
  // The file's name without its folder (the sheet is part of the workbook others may read).
  return { previous: previousFromEntry(maskCpr(path.basename(file)), check.entry), ...(order.warning ? { warning: order.warning } : {}) };
}

async function summaryCommand(file: string, opts: z.infer<typeof summaryOptions>, io: Io): Promise<number> {
  const out = opts.out ?? besideInput(file, 'resume');
  // Both outputs are checked before any work; neither may be the input or the other.
  const inputs = [file, ...(opts.previous ? [opts.previous] : [])];
  // --force replaces no filled-in assessment but this municipality's own, or one with exactly the
  // input's inputs (the summary changes none: a re-run over its own output, also of a draft with no municipality).
  const input = await inputOf(file);
  const replacing = { kommune: input.kommune, ...(input.assessment ? { writes: input.assessment } : {}) };
  await assertWritable(out, { force: opts.force, inputs, ext: '.xlsx', ...replacing });
  if (opts.pdf) await assertWritable(opts.pdf, { force: opts.force, inputs: [...inputs, out], ext: '.pdf', ...replacing });
  const opened = await openForRewrite(file, input.bytes);
  const { result } = opened;
  for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
  const kommune = result.partial?.kommune.navn ?? null;
  const chosen = opts.previous && opened.workbook ? await readPrevious(opts.previous, kommune, result.partial?.vurderingDato ?? null) : undefined;
  if (chosen?.warning) io.err(`Advarsel: ${chosen.warning}\n`);
  const made = opened.workbook ? summaryOf(opened.read, new Date(), chosen?.previous) : undefined;
  if (!opened.workbook || !made) {
    io.err('Resuméet kan ikke dannes, før projektmappens opbygning er i orden.\n');
    return EXIT.problems;
  }
  const missing = missingInputs(result);
  for (const p of missing) io.err(`${formatProblem(file, p)}\n`);
  // With a valid assessment the description is exactly what the sheets hold: their cached results are refreshed too.
  if (made.previousProblem) io.err(`${file}: ${made.previousProblem}\n`);
  await putSummary(opened.workbook, made, opened.read.view);
  const bytes = await opened.workbook.bytes();
  // The PDF is made before anything is written, so a failure leaves no half of the output behind.
  let pdf: Uint8Array | undefined;
  if (opts.pdf) {
    try {
      pdf = await summaryPdf(bytes);
    } catch (err) {
      if (err instanceof PdfUnavailable) {
        io.err(`${err.message} Der er ikke skrevet nogen fil.\n`);
        return EXIT.problems;
      }
      throw err;
    }
  }
  await writeOutput(out, bytes, { force: opts.force, inputs, ext: '.xlsx', ...replacing });
  const listed = result.problems.length + missing.length;
  io.err(`Ledelsesresumé skrevet: ${out}${listed ? ` (${listed} problem(er) eller mangler; se ovenfor – manglende tal vises som "mangler")` : ''}\n`);
  if (made.previous) io.err(`Med sidste vurdering: ${made.previous.file} (${made.previous.kommune}, ${made.previous.dato ? danishDate(made.previous.dato) : UNKNOWN_DATE}).\n`);
  if (opts.pdf && pdf) {
    try {
      await writeOutput(opts.pdf, pdf, { force: opts.force, inputs: [...inputs, out], ext: '.pdf', ...replacing });
    } catch (err) {
      await rm(out, { force: true });
      throw new InputError(`${err instanceof Error ? err.message : String(err)} ${out} er fjernet igen, så der ikke ligger et halvt resultat.`, opts.pdf);
    }
    io.err(`PDF skrevet: ${opts.pdf}\n`);
  }
  // What is only missing (shown as "mangler") is no problem: exit 1 is for problems.
  return result.problems.length > 0 ? EXIT.problems : EXIT.ok;
}

export function registerSummary(program: Command, { io, setExit }: CommandContext): void {
  const command = program
    .command('summary')
    .description('Dan eller forny arket Ledelsesresumé i en ny fil (inputfilen ændres aldrig)')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--out <fil>', 'outputfil (standard: <fil>-resume.xlsx)')
    .option('--pdf <fil>', 'gem også resuméet som PDF (kræver LibreOffice)')
    .option('--previous <fil>', 'sidste vurderings projektmappe (.xlsx): resuméet får kolonnen "Sidste vurdering" (bliver ved, når resuméet dannes igen)')
    .option('--force', 'overskriv en eksisterende outputfil')
    .action(async (file: string, raw) => {
      setExit(await summaryCommand(file, summaryOptions.parse(raw), io));
    });
  exitCodesHelp(command, '0 skrevet (også når noget ikke er udfyldt endnu: det vises som "mangler"); 1 filen har problemer (resuméet dannes alligevel), PDF kunne ikke laves, eller sidste vurdering er afvist, for en anden kommune eller ikke ældre end denne; 2 forkert brug');
}
