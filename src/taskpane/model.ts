/**
 * The pane's view of the workbook as React state: one refresh (one read) at a time, started by
 * Excel's change and calculation events (debounced) or after the pane's own writes, and whether
 * the sheet's score results can be compared with the mirror yet.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PaneServices } from './services';
import type { Snapshot } from './session';
import { danishError } from './errors';

/**
 * current: the sheet has calculated since the last change, so its results are compared;
 * pending: a cell changed and Excel has not said it calculated yet;
 * manual: Excel calculates only on request (F9), so the sheet's results may be old and are not compared.
 */
export type CalcState = 'current' | 'pending' | 'manual';

export const DEBOUNCE_MS = 250;

/** The template's sheets whose cell changes the pane listens to. */
const WATCHED = ['Vejledning', 'Kommune', 'Indikatorer', 'Selvevaluering', 'Vurdering', 'Score'];

export interface PaneModel {
  snapshot?: Snapshot;
  error?: string;
  calc: CalcState;
  /** Read again now (after the pane's own write, or to retry). */
  refresh(): void;
  /**
   * The pane changed cells itself: the sheet's results are old until Excel calculates. The
   * change event brings the next read; without events, or when the write put sheets (whose
   * change events the pane does not listen to yet), the pane reads again itself.
   */
  afterWrite(putSheets?: boolean): void;
  /** Show the snapshot with these ratings before the next read arrives. */
  patch(update: (s: Snapshot) => Snapshot): void;
}

export function usePaneModel(services: PaneServices, enabled: boolean): PaneModel {
  const [snapshot, setSnapshot] = useState<Snapshot>();
  const [error, setError] = useState<string>();
  const [calc, setCalc] = useState<CalcState>('current');
  const pending = useRef(false);
  const running = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const watched = useRef('');

  const run = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        const snap = await services.refresh();
        setSnapshot(snap);
        setError(undefined);
        const mode = services.calculationMode();
        if (mode === 'manual') setCalc('manual');
        else if (!services.hasCalculatedEvent()) setCalc('current');
        else setCalc(pending.current ? 'pending' : 'current');
        // Listen to the template's sheets that are there (again after sheets were added).
        const names = snap.sheets.map((s) => s.name).filter((n) => WATCHED.includes(n));
        const key = names.join('|');
        if (key !== watched.current) {
          watched.current = key;
          await services
            .watch(names, {
              changed: () => {
                pending.current = true;
                schedule();
              },
              calculated: () => {
                pending.current = false;
                schedule();
              },
            })
            .catch(() => {
              watched.current = '';
            });
        }
      } while (again.current);
    } catch (err) {
      setError(danishError(err, 'At læse projektmappen'));
    } finally {
      running.current = false;
    }
  }, [services]);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(), DEBOUNCE_MS);
  }, [run]);

  useEffect(() => {
    if (enabled) void run();
    return () => clearTimeout(timer.current);
  }, [enabled, run]);

  return {
    snapshot,
    error,
    calc,
    refresh: () => void run(),
    afterWrite: (putSheets = false) => {
      pending.current = true;
      if (services.calculationMode() !== 'manual' && services.hasCalculatedEvent()) setCalc('pending');
      if (putSheets || !watched.current) schedule();
    },
    patch: (update) => setSnapshot((s) => (s ? update(s) : s)),
  };
}
