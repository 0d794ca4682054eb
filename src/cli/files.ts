/** File handling for the CLI: outputs are written whole or not at all, and never over an input. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileProblem } from '../workbook/limits';

export class UsageError extends Error {}
export class InputError extends Error {}

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
    if (code === 'ENOENT') throw new InputError(`${file}: filen findes ikke.`);
    if (code === 'EISDIR') throw new InputError(`${file}: er en mappe, ikke en fil.`);
    throw new InputError(`${file}: kan ikke læses (${code ?? 'ukendt fejl'}).`);
  };
  const check = (s: { isFile(): boolean; isDirectory(): boolean; size: number }) => {
    const problem = fileProblem({ isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size });
    if (problem) throw new InputError(`${file}: ${problem}`);
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

/**
 * Writes `data` to `out` atomically (a temporary file in the same folder, then a rename). Refuses
 * to write over any of `inputs`, and over an existing file unless `force`.
 */
/** Checks that `out` may be written (not an input, not a folder, not an existing file unless force). */
export async function assertWritable(out: string, opts: { force?: boolean; inputs?: string[]; forceFlag?: string } = {}): Promise<string> {
  const target = await realOrResolved(out);
  for (const input of opts.inputs ?? []) {
    if ((await realOrResolved(input)) === target) throw new UsageError(`${out}: er også inputfilen; vælg en anden outputfil (inputfilen ændres aldrig).`);
  }
  const exists = await fs.stat(out).then(
    (s) => s,
    () => undefined,
  );
  if (exists?.isDirectory()) throw new UsageError(`${out}: er en mappe; angiv et filnavn.`);
  if (exists && !opts.force) throw new UsageError(`${out}: filen findes allerede. Brug ${opts.forceFlag ?? '--force'} for at overskrive den.`);
  return target;
}

export async function writeOutput(out: string, data: Uint8Array, opts: { force?: boolean; inputs?: string[]; forceFlag?: string } = {}): Promise<void> {
  const target = await assertWritable(out, opts);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data, { flag: 'wx' });
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${out}: kunne ikke skrives (${code ?? String(err)}).`);
  }
}
