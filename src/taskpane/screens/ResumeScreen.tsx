/**
 * Resumé: makes the Ledelsesresumé in the workbook from the same description as `parathed
 * summary` (live formulas on the defined names), with native Excel charts and the A4 print setup
 * where the host has them, and says what it lacks; made again in place after a change.
 */
import { Body1, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { PREVIOUS_SHEET, SUMMARY_SHEET as SUMMARY } from '../../model/names';
import { danishError } from '../errors';
import type { PaneModel } from '../model';
import type { PaneServices } from '../services';
import type { Snapshot } from '../session';
import { useSummary } from './useSummary';


const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function ResumeScreen({ snapshot, services, model }: { snapshot: Snapshot; services: PaneServices; model: PaneModel }) {
  const styles = useStyles();
  const summary = useSummary(services, model, () => model.refresh());
  const { busy, outcome } = summary;
  const [showError, setShowError] = useState<string>();
  const error = summary.error ?? showError;
  const exists = snapshot.sheets.some((s) => s.name === SUMMARY);
  const withPrevious = snapshot.sheets.some((s) => s.name === PREVIOUS_SHEET);
  const make = () => summary.make(withPrevious ? 'sheet' : undefined);

  async function show() {
    setShowError(undefined);
    try {
      await services.select(SUMMARY, 'A1');
    } catch (err) {
      setShowError(danishError(err, 'At vise resuméet'));
    }
  }

  return (
    <section className={styles.stack} aria-labelledby="resume-title">
      <Title2 as="h1" id="resume-title">
        Ledelsesresumé
      </Title2>
      <Body1 as="p" block>
        Resuméet samler scoren, de ti vurderinger og de udvalgte indikatorer på ét ark til ledelsen. Tallene er formler på projektmappens celler, så de følger med, når en vurdering ændres.
      </Body1>
      {withPrevious && (
        <Body1 as="p" block>
          Resuméet har kolonnen Sidste vurdering fra det skjulte ark {PREVIOUS_SHEET}. Den bliver, når resuméet laves igen; slet arket for at fjerne den.
        </Body1>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={() => void make()}>
          {exists ? 'Lav resuméet igen' : 'Lav resumé'}
        </Button>
        {exists && (
          <Button disabled={busy} onClick={() => void show()}>
            Vis resuméet
          </Button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {busy && <Spinner size="small" label="Laver resuméet …" />}
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && !outcome.made && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Resuméet kan ikke laves</MessageBarTitle>
            {outcome.problems.map((p) => p.message).join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.made && (
        <MessageBar intent={outcome.features.message ? 'warning' : 'success'}>
          <MessageBarBody>
            <MessageBarTitle>Resuméet er lavet</MessageBarTitle>
            {outcome.features.charts ? 'Med diagrammer over vurderingerne og de udvalgte indikatorer' : 'Med søjler i cellerne'}
            {outcome.features.pageLayout ? ', sat op til A4.' : '.'}
            {outcome.problems.length > 0 && ` Det viser ${outcome.problems.length === 1 ? 'én ting' : `${outcome.problems.length} ting`}, der mangler eller skal rettes (se Tjek).`}
            {outcome.previous && ` Med sidste vurdering (${outcome.previous.file}).`}
            {outcome.previousProblem && <div>{outcome.previousProblem}</div>}
            {outcome.features.message && <div>{outcome.features.message}</div>}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
