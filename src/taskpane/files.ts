/**
 * Saved responses the user chose in a file picker, as bytes for the core (which never sees a
 * File): each file's size is checked before a byte of any of them is read.
 */
import { LIMITS } from '../workbook/limits';
import type { ImportedFile } from './statbank';

const MB = Math.round(LIMITS.fileBytes / (1024 * 1024));

/** The files' bytes, or why none was read (a file over the limit the command line uses for an input). */
export async function readChosenFiles(list: FileList | null): Promise<{ files: ImportedFile[] } | { problem: string }> {
  const files = Array.from(list ?? ([] as ArrayLike<File>));
  const big = files.find((f) => f.size > LIMITS.fileBytes);
  if (big) return { problem: `${big.name}: Filen er for stor til at være gemte svar fra Statistikbanken (over ${MB} MB), så den læses ikke. Kontrollér, at det er den rigtige fil.` };
  const read: ImportedFile[] = [];
  // One at a time: never more than the files' own bytes in memory at once.
  for (const f of files) read.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  return { files: read };
}
