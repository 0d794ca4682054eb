/**
 * parathed consolidate: many municipalities' workbooks into one overview (Oversigt and Filer).
 * Every file is checked and named with what was done with it; the inputs are never written to,
 * and the overview is written whole or not at all, also when files were rejected.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { checkFile, unreadableFile, type FileCheck } from '../../consolidate/check';
import { consolidate } from '../../consolidate/consolidate';
import { assessmentText, type Occupant } from '../../consolidate/occupant';
import { readOccupant } from '../../consolidate/read';
import { describeOverview } from '../../consolidate/describe';
import { consolidationJson } from '../../consolidate/json';
import { READER_VERSION } from '../../consolidate/selective-workbook';
import { STATUS_TEXT, reasonLine } from '../../consolidate/sheets/filer';
import { writeXlsx } from '../../xlsx/xlsx-workbook';
import { exitCodesHelp, required } from '../danish';
import { InputError, UsageError, assertWritable, readInput, writeOutput } from '../files';
import { EXIT, type CommandContext, type Io } from '../output';
import { version } from '../version';

const consolidateOptions = z.object({ out: z.string().min(1, '--out skal have et filnavn'), force: z.boolean().optional(), json: z.boolean().optional() });

const realPath = (p: string) => fs.realpath(p).catch(() => path.resolve(p));
/** Excel's lock file of an open workbook ("~$Ishøj.xlsx"). */
const isLockFile = (p: string) => path.basename(p).startsWith('~$');

/**
 * The files to consolidate: each file named, and the .xlsx files directly inside each folder named
 * (any case, sorted); Excel's lock files are skipped, and a file named twice is read once.
 * `outIn`: the folder that holds the output among its files, when one does (the output is then
 * left out, and may be written only over an earlier overview; an output named as a file is refused
 * later).
 */
async function inputFiles(args: string[], out: string): Promise<{ files: string[]; outIn?: string }> {
  const outReal = await realPath(out);
  const files: { file: string; inFolder: boolean }[] = [];
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => undefined);
    if (!stat) throw new UsageError(`${arg}: filen eller mappen findes ikke.`);
    if (!stat.isDirectory()) {
      files.push({ file: arg, inFolder: false });
      continue;
    }
    const names = (await fs.readdir(arg, { withFileTypes: true })).filter((d) => !d.isDirectory() && /\.xlsx$/i.test(d.name)).map((d) => d.name);
    for (const n of names.sort((a, b) => a.localeCompare(b, 'da'))) files.push({ file: path.join(arg, n), inFolder: true });
  }
  const reals = await Promise.all(files.map((f) => realPath(f.file)));
  const seen = new Set<string>();
  const kept: string[] = [];
  let outIn: string | undefined;
  files.forEach(({ file, inFolder }, i) => {
    const real = reals[i]!;
    if (inFolder && real === outReal) outIn ??= path.dirname(file);
    if (isLockFile(file) || seen.has(real) || (inFolder && real === outReal)) return;
    seen.add(real);
    kept.push(file);
  });
  return { files: kept, ...(outIn !== undefined ? { outIn } : {}) };
}

/** How a message names what a file in an input folder holds. */
function occupantText(o: Occupant): string {
  switch (o.kind) {
    case 'assessment':
      return assessmentText(o);
    case 'overview':
      return 'en tidligere oversigt';
    case 'workbook':
      return 'en projektmappe, der ikke er en parathedsvurdering';
    case 'unreadable':
      return 'en projektmappe, der ikke kan læses';
    case 'notWorkbook':
      return 'en fil, der ikke er en projektmappe';
  }
}

/**
 * The output lies in a folder being consolidated: it may replace an earlier overview there (a
 * re-run), never anything else, since every other file there is one of the inputs.
 */
async function assertNotAnInput(out: string, folder: string): Promise<void> {
  const occupant = await readOccupant(await readInput(out));
  if (occupant.kind === 'overview') return;
  throw new UsageError(
    `${out}: ligger i mappen ${folder}, som samles, og er ${occupantText(occupant)}; oversigten skrives aldrig over en af de filer, den samler, heller ikke med --force. Vælg en outputfil uden for mappen, eller flyt filen.`,
  );
}

/** How many files are read ahead of the one being checked (reading waits on the disk, checking does not). */
const READ_AHEAD = 4;

/** Reads the files in order, a few ahead of the caller: each file's bytes, or why it cannot be read. */
async function* readAhead(files: string[]): AsyncGenerator<[string, Uint8Array | InputError]> {
  const reading: Promise<Uint8Array | InputError>[] = [];
  const start = (i: number) => {
    if (i >= files.length) return;
    const read = readInput(files[i]!).catch((err: unknown) => {
      if (err instanceof InputError) return err;
      throw err;
    });
    // Awaited below in order; until then an unexpected failure must not count as unhandled.
    read.catch(() => undefined);
    reading[i] = read;
  };
  for (let i = 0; i < READ_AHEAD; i++) start(i);
  for (let i = 0; i < files.length; i++) {
    start(i + READ_AHEAD);
    const bytes = await reading[i]!;
    delete reading[i];
    yield [files[i]!, bytes];
  }
}

/** A progress bar on stderr (a terminal only). */
function progressBar(io: Io, total: number) {
  const width = 30;
  return {
    show(done: number) {
      const filled = Math.round((done / total) * width);
      io.err(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    },
    end() {
      io.err('\r\x1b[K');
    },
  };
}

async function consolidateCommand(paths: string[], opts: z.infer<typeof consolidateOptions>, io: Io): Promise<number> {
  const { files, outIn } = await inputFiles(paths, opts.out);
  // The output is checked before any work; no input is ever written to.
  if (outIn !== undefined) await assertNotAnInput(opts.out, outIn);
  if (files.length === 0) throw new UsageError(`Der er ingen .xlsx-filer at samle i ${paths.join(', ')}.`);
  await assertWritable(opts.out, { force: opts.force, inputs: files, ext: '.xlsx' });
  const bar = !opts.json && process.stderr.isTTY ? progressBar(io, files.length) : undefined;
  const checks: FileCheck[] = [];
  for await (const [file, bytes] of readAhead(files)) {
    bar?.show(checks.length);
    if (bytes instanceof InputError) checks.push(unreadableFile(file, bytes.message.startsWith(`${file}: `) ? bytes.message.slice(file.length + 2) : bytes.message));
    else checks.push(await checkFile(file, bytes));
  }
  bar?.show(files.length);
  bar?.end();
  const result = consolidate(checks);
  for (const f of result.files) if (f.status !== 'godkendt') io.err(`${f.file}: ${STATUS_TEXT[f.status]}: ${f.reasons.map(reasonLine).join(' | ')}\n`);
  await writeOutput(opts.out, await writeXlsx(describeOverview(result, `parathed ${version}, ${READER_VERSION}`)), { force: opts.force, inputs: files, ext: '.xlsx' });
  const n = (status: string) => result.files.filter((f) => f.status === status).length;
  if (opts.json) io.out(`${JSON.stringify(consolidationJson(result), null, 2)}\n`);
  io.err(`Oversigt skrevet: ${opts.out} (${result.rows.length} kommuner; ${n('godkendt')} godkendt, ${n('advarsel')} godkendt med advarsler, ${n('afvist')} afvist af ${files.length} filer)\n`);
  return result.files.every((f) => f.status === 'godkendt') ? EXIT.ok : EXIT.problems;
}

export function registerConsolidate(program: Command, { io, setExit }: CommandContext): void {
  const command = program
    .command('consolidate')
    .description('Saml mange kommuners projektmapper i én oversigt (Oversigt og Filer); hver fil kontrolleres, og inputfilerne ændres aldrig')
    .argument('<filer-eller-mapper...>', 'projektmapper (.xlsx) og mapper (de .xlsx-filer, der ligger direkte i dem)')
    .requiredOption('--out <fil>', required('oversigtens fil (.xlsx)'))
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .option('--json', 'skriv {"files","kommuner","perioder"} som JSON')
    .action(async (paths: string[], raw) => {
      setExit(await consolidateCommand(paths, consolidateOptions.parse(raw), io));
    });
  exitCodesHelp(command, '0 alle filer er godkendt uden advarsler; 1 en eller flere filer er afvist eller har advarsler (oversigten skrives alligevel), eller outputfilen kan ikke skrives; 2 forkert brug');
}
