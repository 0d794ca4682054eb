/**
 * The pane's file checker, in a Web Worker (its own chunk, same origin): receives one chosen
 * `File` at a time, reads its bytes here and checks it with the consolidation core (`checkFile`,
 * the same checks as `parathed consolidate`), and answers its FileCheck (with its SHA-256). The
 * pane's UI thread never holds a file's bytes, and a large file's read and unpacking never block it.
 */
import { checkFile, unreadableFile, type FileCheck } from '../consolidate/check';

export interface CheckRequest {
  id: number;
  file: File;
}

export interface CheckAnswer {
  id: number;
  check: FileCheck;
}

/** The file could not be read at all (it changed or went away after it was chosen). */
export const UNREADABLE = 'Filen kunne ikke læses (den er måske flyttet eller ændret, efter den blev valgt). Vælg den igen.';

const scope = self as unknown as { onmessage: ((e: MessageEvent<CheckRequest>) => void) | null; postMessage(answer: CheckAnswer): void };

scope.onmessage = (e) => {
  const { id, file } = e.data;
  void (async () => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      scope.postMessage({ id, check: unreadableFile(file.name, UNREADABLE) });
      return;
    }
    scope.postMessage({ id, check: await checkFile(file.name, bytes) });
  })();
};
