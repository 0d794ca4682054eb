/**
 * Making the Ledelsesresumé from a screen (Resumé, Sammenlign): whether it is under way, what
 * came of it, and the Danish error when it failed; `after` runs when it is done either way.
 */
import { useState } from 'react';
import type { SummaryOutcome } from '../../office/summary';
import type { PreviousCycle } from '../../summary/previous';
import { danishError } from '../errors';
import type { PaneServices } from '../services';

export function useSummary(services: PaneServices, after?: () => void) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SummaryOutcome>();
  const [error, setError] = useState<string>();
  async function make(previous?: PreviousCycle | 'sheet') {
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      setOutcome(await services.makeSummary(previous));
    } catch (err) {
      setError(danishError(err, 'At lave resuméet'));
    } finally {
      setBusy(false);
      after?.();
    }
  }
  return { busy, outcome, error, make };
}
