/**
 * Making the Ledelsesresumé from a screen (Resumé, Sammenlign), through the pane's write lock:
 * whether it is under way (or any other write is), what came of it, and the Danish error when it
 * failed; `after` runs when it is done either way.
 */
import { useState } from 'react';
import type { SummaryOutcome } from '../../office/summary';
import type { PreviousCycle } from '../../summary/previous';
import { danishError } from '../errors';
import type { PaneModel } from '../model';
import type { PaneServices } from '../services';

export function useSummary(services: PaneServices, model: Pick<PaneModel, 'exclusive' | 'writing'>, after?: () => void) {
  const [making, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SummaryOutcome>();
  const [error, setError] = useState<string>();
  async function make(previous?: PreviousCycle | 'sheet') {
    setError(undefined);
    try {
      await model.exclusive(async () => {
        setBusy(true);
        setOutcome(undefined);
        setOutcome(await services.makeSummary(previous));
      });
    } catch (err) {
      setError(danishError(err, 'At lave resuméet'));
    } finally {
      setBusy(false);
      after?.();
    }
  }
  return { busy: making || model.writing, outcome, error, make };
}
