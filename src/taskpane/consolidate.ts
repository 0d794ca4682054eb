/**
 * Saml flere kommuner in the pane: the chosen workbook files checked one by one by the
 * consolidation core (the selective reader, in a Web Worker; the same checks as `parathed
 * consolidate`), every file's final status decided by the core's one function for both
 * (decideFiles), then the overview's Oversigt and Filer put as new sheets of the open workbook
 * through the port (writeOverview, in the core). No React, no Office.js; loaded on first use (its own chunk).
 */
import { unreadableFile, type FileCheck } from '../consolidate/check';
import { decideFiles, type CheckedFile } from '../consolidate/consolidate';
import { writeOverview, type OverviewWritten } from '../consolidate/overview';
import { fileProblem } from '../workbook/limits';
import { askWorker, startFileWorker } from './worker-client';

export type { CheckedFile, FileCheck };
/** Every file's final status and reasons, the cross-file rules applied: what Filer and `consolidate --json` say. */
export { decideFiles };
/** Puts Oversigt and Filer into the open workbook (the core's use case). */
export { writeOverview, type OverviewWritten };

/**
 * Checks each chosen file in turn, reporting each as it is done: its size before anything is read
 * (the command line's limit), then its bytes read and checked in a Web Worker, one file at a time,
 * so this thread never holds them. Rejects with an AbortError when the signal aborts (the worker
 * is stopped).
 */
export async function checkFiles(files: readonly File[], onFile: (check: FileCheck, done: number, total: number) => void, signal?: AbortSignal): Promise<FileCheck[]> {
  const checked: FileCheck[] = [];
  let worker: Worker | undefined;
  try {
    for (const [i, f] of files.entries()) {
      if (signal?.aborted) throw new DOMException('Afbrudt', 'AbortError');
      const problem = fileProblem({ isFile: true, isDirectory: false, size: f.size });
      const check = problem ? unreadableFile(f.name, problem) : (await askWorker((worker ??= startFileWorker()), { kind: 'check', id: i, file: f }, signal)).check;
      checked.push(check);
      onFile(check, checked.length, files.length);
    }
  } finally {
    worker?.terminate();
  }
  return checked;
}
