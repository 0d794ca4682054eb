/**
 * File handling for the CLI: outputs are written whole or not at all, never over an input, and
 * never over a filled-in assessment (unless it is the same municipality's, for the commands whose
 * output is one).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { replaceRefusal, type ReplaceContext } from '../consolidate/occupant';
import type { Assessment } from '../model/schema';
import { readOccupant } from '../consolidate/read';
import { fileProblem } from '../workbook/limits';

export class UsageError extends Error {}
/** A problem with an input or output file: exit 1, with the file it concerns (for --json). */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

async function realOrResolved(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Reads an input file whole: only a regular file within the size limit (a folder, a device such
 * as /dev/zero or a pipe is refused before a byte is read).
 */
export async function readInput(file: string): Promise<Buffer> {
  const refuse = (err: unknown): never => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: filen findes ikke.`, file);
    if (code === 'EISDIR') throw new InputError(`${file}: er en mappe, ikke en fil.`, file);
    throw new InputError(`${file}: kan ikke læses (${code ?? 'ukendt fejl'}).`, file);
  };
  const check = (s: { isFile(): boolean; isDirectory(): boolean; size: number }) => {
    const problem = fileProblem({ isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size });
    if (problem) throw new InputError(`${file}: ${problem}`, file);
  };
  check(await fs.stat(file).catch(refuse));
  const handle = await fs.open(file, 'r').catch(refuse);
  try {
    // Checked again on what was opened, in case the path changed in between.
    check(await handle.stat());
    return await handle.readFile().catch(refuse);
  } finally {
    await handle.close();
  }
}

export interface OutputOptions {
  /** Write over an existing file. */
  force?: boolean;
  /** Files the command reads: never written over, with or without force. */
  inputs?: string[];
  /** The ending the output must have (".xlsx", ".pdf"). */
  ext?: string;
  /**
   * The municipality whose assessment the output is (summary, fetch, upgrade: the input's; null
   * when the input names none): with `force`, an existing assessment of it may be replaced.
   * Absent for the other commands: then only a file that is not a filled-in assessment is.
   */
  kommune?: string | null;
  /** The assessment the output holds (demo): with `force`, an assessment with exactly these inputs may be replaced. */
  writes?: Assessment;
}

/**
 * Why `force` may not replace the existing file `out` (undefined when it may), decided by the
 * core's rule from a read of the file (replaceRefusal): never a filled-in assessment, unless the
 * output is an assessment of the same municipality.
 */
async function refusalToReplace(out: string, context: ReplaceContext): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readInput(out);
  } catch (err) {
    const why = err instanceof InputError ? err.message.replace(`${out}: `, '') : String(err);
    return `findes, men kan ikke undersøges (${why}), så parathed kan ikke se, om den er en udfyldt vurdering; den overskrives ikke. Vælg en anden outputfil, eller flyt filen først.`;
  }
  return replaceRefusal(await readOccupant(bytes), context);
}

/** The longest file name most file systems take, in bytes. */
const NAME_MAX = 255;

/**
 * Checks that `out` may be written, before any work: the right ending, a name of a sensible
 * length, a folder that exists (and is a folder), not an input, not a folder, not an existing file
 * unless `force`. Every refusal names the path and the reason.
 */
export async function assertWritable(out: string, opts: OutputOptions = {}): Promise<string> {
  if (opts.ext && path.extname(out).toLowerCase() !== opts.ext) throw new UsageError(`${out}: outputfilen skal ende på ${opts.ext}.`);
  if (Buffer.byteLength(path.basename(out)) > NAME_MAX) throw new InputError(`${path.basename(out).slice(0, 40)}…: filnavnet er for langt (højst ${NAME_MAX} tegn).`, out);
  // The folder must exist and be a folder: name the part of the path that is a file or missing.
  const folder = path.dirname(path.resolve(out));
  if (!(await isFolder(folder))) {
    let part = folder;
    while (path.dirname(part) !== part && !(await exists(part))) part = path.dirname(part);
    if (part !== folder && (await isRegularFile(part))) throw new InputError(`${out}: ${part} er en fil, ikke en mappe.`, out);
    if (await isRegularFile(folder)) throw new InputError(`${out}: ${folder} er en fil, ikke en mappe.`, out);
    let missing = folder;
    while (path.dirname(missing) !== missing && !(await exists(path.dirname(missing)))) missing = path.dirname(missing);
    throw new InputError(`${out}: mappen ${missing} findes ikke. Opret den først, eller vælg en anden mappe.`, out);
  }
  const target = await realOrResolved(out);
  for (const input of opts.inputs ?? []) {
    if ((await realOrResolved(input)) === target) throw new UsageError(`${out}: er også inputfilen; vælg en anden outputfil (inputfilen ændres aldrig).`);
  }
  const existing = await fs.stat(out).then(
    (s) => s,
    () => undefined,
  );
  if (existing?.isDirectory()) throw new UsageError(`${out}: er en mappe; angiv et filnavn.`);
  if (existing && !opts.force) throw new UsageError(`${out}: filen findes allerede. Brug --force for at overskrive den.`);
  if (existing) {
    const refusal = await refusalToReplace(out, { ...(opts.kommune !== undefined ? { kommune: opts.kommune } : {}), ...(opts.writes ? { writes: opts.writes } : {}) });
    if (refusal) throw new UsageError(`${out}: ${refusal}`);
  }
  return target;
}

const exists = (p: string) => fs.stat(p).then(
  () => true,
  () => false,
);
const isRegularFile = (p: string) => fs.stat(p).then(
  (s) => s.isFile(),
  () => false,
);
const isFolder = (p: string) => fs.stat(p).then(
  (s) => s.isDirectory(),
  () => false,
);

/**
 * Writes `data` to `out` atomically (a temporary file in the same folder, then a rename), after
 * the checks of assertWritable.
 */
export async function writeOutput(out: string, data: Uint8Array, opts: OutputOptions = {}): Promise<void> {
  const target = await assertWritable(out, opts);
  const tmp = path.join(path.dirname(target), `.${path.basename(target).slice(0, 100)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data, { flag: 'wx' });
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${out}: kunne ikke skrives (${code ?? 'ukendt fejl'}).`, out);
  }
}
