/**
 * The pane's view of the workbook as React state: one refresh (one read) at a time, started by
 * Excel's change and calculation events (debounced), and whether the sheet's score results can be
 * compared with the mirror yet. The pane's own writes bring their snapshot with them (read in the
 * write's last sync), so their echoes are not read again: an action is two syncs where Excel says
 * its calculation state (ExcelApi 1.9); on older hosts the calculated event that follows costs
 * one read more.
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

/**
 * How long after the pane's own write its change and calculation events still count as its echo
 * (Excel sends them after the write's request returns).
 */
export const ECHO_MS = 1000;

export interface PaneModel {
  snapshot?: Snapshot;
  error?: string;
  calc: CalcState;
  /** Whether one of the pane's writes is under way: the tabs and every write button wait while it is. */
  writing: boolean;
  /** Read again now (to retry). */
  refresh(): void;
  /**
   * The pane's one write lock, which every write to the workbook goes through (insert, rating,
   * Kommune, upgrade, summary, overview, the pull's figures): runs `fn` when no other write is
   * under way and resolves what it resolves; while one is, resolves undefined at once and starts
   * nothing (a double click starts one write). Rejects as `fn` does.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T | undefined>;
  /**
   * The pane's own write, which resolves the snapshot it leaves (read in the write's last sync):
   * that snapshot is shown, and the change events at the cells of `names` ('all': anywhere) and
   * the calculation events that echo the write are not read again. Rejects as the write does.
   * Goes through the write lock: undefined, and nothing written, while another write is under way.
   */
  act(write: () => Promise<Snapshot>, names: readonly string[] | 'all'): Promise<Snapshot | undefined>;
}

export function usePaneModel(services: PaneServices, enabled: boolean): PaneModel {
  const [snapshot, setSnapshot] = useState<Snapshot>();
  const [error, setError] = useState<string>();
  const [calc, setCalc] = useState<CalcState>('current');
  /** A change that no read has shown calculated yet. */
  const pending = useRef(false);
  /** Whether the last snapshot says Excel's calculation state (ExcelApi 1.9), and whether it was done. */
  const saysCalculation = useRef(false);
  const calculated = useRef(false);
  const running = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const watched = useRef('');
  const echo = useRef<{ addresses: Set<string> | 'all'; until: number; calculated?: boolean }>();
  /** Held from a write's start (synchronously, so a second click in the same frame finds it) to its end. */
  const locked = useRef(false);
  const [writing, setWriting] = useState(false);

  const exclusive = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    if (locked.current) return undefined;
    locked.current = true;
    setWriting(true);
    try {
      return await fn();
    } finally {
      locked.current = false;
      setWriting(false);
    }
  }, []);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(), DEBOUNCE_MS);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const echoing = () => !!echo.current && Date.now() <= echo.current.until;
  const isEcho = (address: string | undefined): boolean => {
    const e = echo.current;
    if (!e || !echoing()) return false;
    if (e.addresses === 'all') return true;
    const at = address?.replace(/\$/g, '').toUpperCase();
    return !!at && e.addresses.delete(at);
  };

  /** Shows a snapshot: its calculation state, and listens to the template's sheets that are there. */
  const adopt = useCallback(async (snap: Snapshot) => {
    setSnapshot(snap);
    setError(undefined);
    saysCalculation.current = !!snap.calculation;
    calculated.current = snap.calculation === 'done';
    if (snap.calculation) pending.current = snap.calculation === 'pending';
    if (services.calculationMode() === 'manual') setCalc('manual');
    else if (snap.calculation) setCalc(snap.calculation === 'done' ? 'current' : 'pending');
    else if (!services.hasCalculatedEvent()) setCalc('current');
    else setCalc(pending.current ? 'pending' : 'current');
    const names = snap.sheets.map((s) => s.name).filter((n) => WATCHED.includes(n));
    const key = names.join('|');
    if (key === watched.current) return;
    watched.current = key;
    await services
      .watch(names, {
        changed: ({ address }) => {
          if (isEcho(address)) return;
          pending.current = true;
          schedule();
        },
        calculated: () => {
          // During the pane's own write: its read-back decides (see act).
          if (echo.current?.until === Infinity) {
            echo.current.calculated = true;
            return;
          }
          // The echo of the pane's own write, whose read saw the calculation done: no read needed.
          if (saysCalculation.current && calculated.current && !pending.current && echoing()) return;
          // Without the calculation state, this event is what says the results are calculated.
          if (!saysCalculation.current) pending.current = false;
          schedule();
        },
      })
      .catch(() => {
        watched.current = '';
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [services]);

  const run = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        await adopt(await services.refresh());
      } while (again.current);
    } catch (err) {
      setError(danishError(err, 'At læse projektmappen'));
    } finally {
      running.current = false;
    }
  }, [services, adopt]);

  useEffect(() => {
    if (enabled) void run();
    return () => clearTimeout(timer.current);
  }, [enabled, run]);

  return {
    snapshot,
    error,
    calc,
    writing,
    refresh: () => void run(),
    exclusive,
    act: (write, names) => exclusive(async () => {
      const addresses = names === 'all' ? 'all' : new Set((await services.addressesOf(names)).map((a) => a.toUpperCase()));
      echo.current = { addresses, until: Infinity };
      // The write changes cells: until its read says otherwise, the sheet's results are not yet calculated.
      pending.current = true;
      calculated.current = false;
      try {
        const snap = await write();
        await adopt(snap);
        // Excel calculated during the write, but its read-back did not see the results as calculated: read them.
        if (echo.current?.calculated && snap.calculation !== 'done') {
          if (!snap.calculation) pending.current = false;
          schedule();
        }
        return snap;
      } finally {
        if (echo.current) echo.current.until = Date.now() + ECHO_MS;
      }
    }),
  };
}
