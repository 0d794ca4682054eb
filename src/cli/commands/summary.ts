/** parathed summary: adds or replaces the Ledelsesresumé sheet, and renders it as PDF on request. */
import { rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { putSummary } from '../../summary/put';
import { describeSummary } from '../../summary/summary';
import { withheldNames } from '../../workbook/cpr';
import { missingInputs } from '../../workbook/validate';
import { describeWorkbook } from '../../workbook/template';
import { exitCodesHelp } from '../danish';
import { InputError, assertWritable, writeOutput } from '../files';
import { EXIT, formatProblem, type CommandContext, type Io } from '../output';
import { PdfUnavailable, summaryPdf } from '../pdf';
import { besideInput, openForRewrite } from '../workbook-file';

const summaryOptions = z.object({ out: z.string().min(1).optional(), pdf: z.string().min(1).optional(), force: z.boolean().optional() });

async function summaryCommand(file: string, opts: z.infer<typeof summaryOptions>, io: Io): Promise<number> {
  const out = opts.out ?? besideInput(file, 'resume');
  // Both outputs are checked before any work; neither may be the input or the other.
  await assertWritable(out, { force: opts.force, inputs: [file], ext: '.xlsx' });
  if (opts.pdf) await assertWritable(opts.pdf, { force: opts.force, inputs: [file, out], ext: '.pdf' });
  const opened = await openForRewrite(file);
  const { result } = opened;
  for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
  if (!opened.workbook || !result.partial || result.problems.some((p) => p.structural)) {
    io.err('Resuméet kan ikke dannes, før projektmappens opbygning er i orden.\n');
    return EXIT.problems;
  }
  const missing = missingInputs(result);
  for (const p of missing) io.err(`${formatProblem(file, p)}\n`);
  const spec = describeWorkbook(result.partial, opened.read.data);
  // With a valid assessment the description is exactly what the sheets hold: their cached results are refreshed too.
  await putSummary(opened.workbook, describeSummary(result.partial, spec, new Date(), withheldNames(result.cells)), opened.read.view, result.assessment ? spec.sheets : []);
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
  await writeOutput(out, bytes, { force: opts.force, inputs: [file], ext: '.xlsx' });
  const listed = result.problems.length + missing.length;
  io.err(`Ledelsesresumé skrevet: ${out}${listed ? ` (${listed} problem(er) eller mangler; se ovenfor – manglende tal vises som "mangler")` : ''}\n`);
  if (opts.pdf && pdf) {
    try {
      await writeOutput(opts.pdf, pdf, { force: opts.force, inputs: [file, out], ext: '.pdf' });
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
    .option('--force', 'overskriv en eksisterende outputfil')
    .action(async (file: string, raw) => {
      setExit(await summaryCommand(file, summaryOptions.parse(raw), io));
    });
  exitCodesHelp(command, '0 skrevet; 1 filen har problemer eller mangler (resuméet dannes alligevel og viser "mangler"), eller PDF kunne ikke laves; 2 forkert brug');
}
