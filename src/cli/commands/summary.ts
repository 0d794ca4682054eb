/** parathed summary: adds or replaces the Ledelsesresumé sheet, and renders it as PDF on request. */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { checkFile } from '../../consolidate/check';
import { maskCpr } from '../../model/schema';
import { danishDate, previousFromEntry, type PreviousCycle } from '../../summary/previous';
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
 * selective reader): refused when the checks reject it or it is another municipality's.
 */
async function readPrevious(file: string, kommune: string | null): Promise<PreviousCycle> {
  const check = await checkFile(file, await readInput(file));
  if (!check.entry) throw new InputError(`${check.file} kan ikke bruges som sidste vurdering: den er afvist. ${check.reasons.map((r) => (r.sheet ? `${r.sheet}!${r.cell}: ${r.message}` : r.message)).join(' ')}`, file);
  if (kommune !== null && check.entry.kommune.navn !== kommune) {
    throw new InputError(`${check.file} er sidste vurdering for ${check.entry.kommune.navn}, men projektmappen er for ${kommune}. Vælg ${kommune}s sidste vurdering.`, file);
  }
  // The file's name without its folder (the sheet is part of the workbook others may read).
  return previousFromEntry(maskCpr(path.basename(file)), check.entry);
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
  const opened = await openForRewrite(file);
  const { result } = opened;
  for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
  const kommune = result.partial?.kommune.navn ?? null;
  const previous = opts.previous && opened.workbook ? await readPrevious(opts.previous, kommune) : undefined;
  const made = opened.workbook ? summaryOf(opened.read, new Date(), previous) : undefined;
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
  if (made.previous) io.err(`Med sidste vurdering: ${made.previous.file} (${made.previous.kommune}${made.previous.dato ? `, ${danishDate(made.previous.dato)}` : ', uden dato'}).\n`);
  if (opts.pdf && pdf) {
    try {
      await writeOutput(opts.pdf, pdf, { force: opts.force, inputs: [...inputs, out], ext: '.pdf', ...replacing });
    } catch (err) {
      await rm(out, { force: true });
      throw new InputError(`${err instanceof Error ? err.message : String(err)} ${out} er fjernet igen, så der ikke ligger et halvt resultat.`, opts.pdf);
    }
    io.err(`PDF skrevet: ${opts.pdf}\n`);
  }
  return listed > 0 ? EXIT.problems : EXIT.ok;
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
  exitCodesHelp(command, '0 skrevet; 1 filen har problemer eller mangler (resuméet dannes alligevel og viser "mangler"), PDF kunne ikke laves, eller sidste vurdering er afvist eller for en anden kommune; 2 forkert brug');
}
