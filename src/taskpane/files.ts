/**
 * Saved responses the user chose in a file picker, for the core (which never sees a File): each
 * file's size is checked before a byte of any of them is read; then the pane's file worker reads
 * them (and unpacks a zip) and hands back only the saved responses, so this thread never holds
 * the chosen files' bytes.
 */
import { maskCpr } from '../model/cpr';
import { LIMITS } from '../workbook/limits';
import type { ImportedFile } from './statbank';
import { askWorker, startFileWorker } from './worker-client';

const MB = Math.round(LIMITS.fileBytes / (1024 * 1024));

/** The saved responses in the files, or why none can be used (a file over the limit the command line uses for an input, no saved responses, a bad zip). */
export async function readChosenFiles(list: FileList | null): Promise<{ files: ImportedFile[] } | { problem: string }> {
  const files = Array.from(list ?? ([] as ArrayLike<File>));
  if (files.length === 0) return { files: [] };
  const big = files.find((f) => f.size > LIMITS.fileBytes);
  if (big) return { problem: `${maskCpr(big.name)}: Filen er for stor til at være gemte svar fra Statistikbanken (over ${MB} MB), så den læses ikke. Kontrollér, at det er den rigtige fil.` };
  const worker = startFileWorker();
  try {
    const answer = await askWorker(worker, { kind: 'saved', id: 0, files });
    // The files' names are the user's: a CPR-shaped one is masked, as everywhere.
    return 'problem' in answer ? { problem: maskCpr(answer.problem) } : { files: answer.files };
  } finally {
    worker.terminate();
  }
}
