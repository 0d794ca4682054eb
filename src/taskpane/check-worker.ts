/**
 * The pane's file worker (its own chunk, same origin): the files the user chooses are read here,
 * one at a time, so the pane's UI thread never holds a chosen file's bytes, and a large file's
 * read and unpacking never block it.
 *
 * - 'check': one workbook, checked with the consolidation core (`checkFile`, the same checks as
 *   `parathed consolidate`); answers its FileCheck (with its SHA-256).
 * - 'saved': saved StatBank responses (files, or one zip), read by the core's `SavedResponses`
 *   (only the files `--save-responses` writes, within its limit); answers those files alone,
 *   unpacked, their buffers transferred, or the Danish reason none can be used.
 */
import { checkFile, unreadableFile, type FileCheck } from '../consolidate/check';
import { PANE_IMPORT_WORDING, ReplayImportError, SavedResponses } from '../statbank/replay';

export type WorkerRequest = { kind: 'check'; id: number; file: File } | { kind: 'saved'; id: number; files: File[] };

export type WorkerAnswer = { kind: 'check'; id: number; check: FileCheck } | { kind: 'saved'; id: number; files: { name: string; bytes: Uint8Array }[] } | { kind: 'saved'; id: number; problem: string };

/** The file could not be read at all (it changed or went away after it was chosen). */
export const UNREADABLE = 'Filen kunne ikke læses (den er måske flyttet eller ændret, efter den blev valgt). Vælg den igen.';

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(answer: WorkerAnswer, transfer?: Transferable[]): void };

async function check(id: number, file: File): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    scope.postMessage({ kind: 'check', id, check: unreadableFile(file.name, UNREADABLE) });
    return;
  }
  scope.postMessage({ kind: 'check', id, check: await checkFile(file.name, bytes) });
}

async function saved(id: number, files: File[]): Promise<void> {
  try {
    const read: { name: string; data: Uint8Array }[] = [];
    for (const f of files) read.push({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) });
    const responses = SavedResponses.fromChosen(read, PANE_IMPORT_WORDING);
    const encoder = new TextEncoder();
    const out = [...responses.files].map(([name, text]) => ({ name, bytes: encoder.encode(text) }));
    scope.postMessage({ kind: 'saved', id, files: out }, out.map((f) => f.bytes.buffer));
  } catch (err) {
    scope.postMessage({ kind: 'saved', id, problem: err instanceof ReplayImportError ? err.message : `${files.map((f) => f.name).join(', ')}: ${UNREADABLE}` });
  }
}

scope.onmessage = (e) => {
  const r = e.data;
  void (r.kind === 'check' ? check(r.id, r.file) : saved(r.id, r.files));
};
