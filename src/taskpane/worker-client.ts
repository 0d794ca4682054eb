/**
 * The page's side of the pane's file worker (src/taskpane/check-worker.ts): starting it (its own
 * chunk, on the page's origin) and one request to it with its answer. Small, so the screens that
 * choose files can use it from the pane's first script.
 */
import type { WorkerAnswer, WorkerRequest } from './check-worker';

/** The file worker. */
export function startFileWorker(): Worker {
  // Webpack makes the worker's chunk from exactly this expression (import.meta is the bundle's, not CommonJS's).
  // @ts-ignore -- the root tsconfig (CommonJS) type-checks this file too; tsconfig.taskpane.json (ESNext) accepts import.meta.
  return new Worker(/* webpackChunkName: "check-worker" */ new URL('./check-worker.ts', import.meta.url));
}

/** Sends one request and resolves its answer; rejects when the worker fails or the signal aborts. */
export function askWorker<K extends WorkerRequest['kind']>(
  worker: Worker,
  request: Extract<WorkerRequest, { kind: K }>,
  signal?: AbortSignal,
): Promise<Extract<WorkerAnswer, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.removeEventListener('message', answer);
      worker.removeEventListener('error', failed);
      signal?.removeEventListener('abort', aborted);
    };
    const answer = (e: MessageEvent<WorkerAnswer>) => {
      if (e.data.id !== request.id) return;
      done();
      resolve(e.data as Extract<WorkerAnswer, { kind: K }>);
    };
    const failed = (e: ErrorEvent) => {
      done();
      reject(new Error(e.message || 'filkontrollen stoppede'));
    };
    const aborted = () => {
      done();
      reject(new DOMException('Afbrudt', 'AbortError'));
    };
    if (signal?.aborted) return aborted();
    worker.addEventListener('message', answer);
    worker.addEventListener('error', failed);
    signal?.addEventListener('abort', aborted);
    worker.postMessage(request);
  });
}
