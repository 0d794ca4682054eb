/**
 * Sammenlign med sidste vurdering: the previous cycle's workbook chosen as a file; per parameter
 * and per indicator, then → now, with both assessment dates and the indicators' periods.
 */
import { Body1, Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Title2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { FormulaValue } from '../../scoring/excel';
import { danishError, formatScore } from '../errors';
import { PREVIOUS_SHEET, UNKNOWN_DATE } from '../../model/names';
import type { Compared, Comparison } from '../previous';
import type { PaneModel } from '../model';
import type { PaneServices } from '../services';
import { useSummary } from './useSummary';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'top', overflowWrap: 'anywhere' }, '& td:nth-child(n+2), & th:nth-child(n+2)': { whiteSpace: 'nowrap', overflowWrap: 'normal' } },
});

const dato = (d: string | null) => (d ? d.split('-').reverse().join('-') : UNKNOWN_DATE);
const rating = (v: FormulaValue) => (typeof v === 'number' ? String(v) : '–');
const figure = (v: number | null, andel: boolean) =>
  v === null ? '–' : andel ? `${(v * 100).toLocaleString('da-DK', { maximumFractionDigits: 1 })} %` : v.toLocaleString('da-DK', { maximumFractionDigits: 1 });
const arrow = (a: FormulaValue | number | null, b: FormulaValue | number | null) => (typeof a === 'number' && typeof b === 'number' ? (b > a ? ' ↑' : b < a ? ' ↓' : '') : '');

export function SammenlignScreen({ services, model }: { services: PaneServices; model: PaneModel }) {
  const styles = useStyles();
  const picker = useRef<HTMLInputElement>(null);
  const reading = useRef<AbortController>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Compared>();
  const [error, setError] = useState<string>();
  // Leaving the screen stops a file's check under way.
  useEffect(() => () => reading.current?.abort(), []);

  async function choose(list: FileList | null) {
    // The File only: its bytes are read in the checker's worker.
    const file = list?.[0];
    if (picker.current) picker.current.value = '';
    if (!file) return;
    setBusy(true);
    setError(undefined);
    const controller = new AbortController();
    reading.current = controller;
    try {
      setResult(await services.comparePrevious(file, controller.signal));
    } catch (err) {
      if (!controller.signal.aborted) setError(danishError(err, 'At sammenligne'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.stack} aria-labelledby="sammenlign-title">
      <Title2 as="h1" id="sammenlign-title">
        Sammenlign med sidste vurdering
      </Title2>
      <Body1 as="p" block>
        Vælg projektmappen fra sidste vurdering. Den læses her i ruden og ændres ikke.
      </Body1>
      <input ref={picker} className={styles.hidden} type="file" accept=".xlsx" aria-label="Sidste vurderings projektmappe (.xlsx)" onChange={(e) => void choose(e.target.files)} />
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={() => picker.current?.click()}>
          Vælg sidste vurdering …
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {busy && <Spinner size="small" label="Læser filen …" />}
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {result?.kind === 'refused' && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{result.message}</MessageBarTitle>
            {!result.check.entry && result.check.reasons.map((r, i) => (
              <div key={i}>{r.message}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {result?.kind === 'compared' && (
        <>
          <Table c={result.comparison} />
          <ToSummary c={result.comparison} services={services} model={model} />
        </>
      )}
    </section>
  );
}

/** Puts the previous cycle on the Ledelsesresumé: its hidden sheet and the "Sidste vurdering" column. */
function ToSummary({ c, services, model }: { c: Comparison; services: PaneServices; model: PaneModel }) {
  const styles = useStyles();
  const { busy, outcome, error, make } = useSummary(services, model);
  const show = () => make(c.previous);
  return (
    <>
      <Body1 as="p" block>
        Ledelsesresuméet kan vise sidste vurdering i en kolonne ved scoren, vurderingerne og indikatorerne. Tallene gemmes på det skjulte ark {PREVIOUS_SHEET}.
      </Body1>
      <div className={styles.row}>
        <Button disabled={busy || c.then.kommune !== c.now.kommune} onClick={() => void show()}>
          Vis i Ledelsesresumé
        </Button>
      </div>
      {c.then.kommune !== c.now.kommune && (
        <Body1 as="p" block>
          Filen er {c.then.kommune}s vurdering, og denne projektmappe er {c.now.kommune}s: resuméet kan kun vise samme kommunes sidste vurdering.
        </Body1>
      )}
      <div role="status" aria-live="polite">
        {busy && <Spinner size="small" label="Laver resuméet …" />}
        {outcome?.made && outcome.previous && `Ledelsesresuméet er lavet med sidste vurdering (${dato(c.then.dato)}).`}
      </div>
      {outcome?.made && outcome.previousProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>{outcome.previousProblem}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && !outcome.made && (
        <MessageBar intent="error">
          <MessageBarBody>{outcome.problems.map((p) => p.message).join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

function Table({ c }: { c: Comparison }) {
  const styles = useStyles();
  return (
    <>
      <Body1 as="p" block>
        Sidst: {c.then.kommune}, {dato(c.then.dato)} ({c.then.file}). Nu: {c.now.kommune}, {dato(c.now.dato)}.
      </Body1>
      {c.warning && (
        <MessageBar intent="warning">
          <MessageBarBody>{c.warning}</MessageBarBody>
        </MessageBar>
      )}
      {c.then.kommune !== c.now.kommune && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Sidste vurdering er for {c.then.kommune}, denne for {c.now.kommune}.
          </MessageBarBody>
        </MessageBar>
      )}
      {c.then.check.status !== 'godkendt' && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{c.then.file}: godkendt med advarsler</MessageBarTitle>
            {c.then.check.reasons.map((r, i) => (
              <div key={i}>{r.message}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <Title3 as="h2">Parametre</Title3>
      <table className={styles.table}>
        <caption className={styles.hidden}>Vurderingerne, sidst og nu</caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Sidst</th>
            <th scope="col">Nu</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Samlet score</th>
            <td>{formatScore(c.samlet.then)}</td>
            <td>
              {formatScore(c.samlet.now)}
              {arrow(c.samlet.then, c.samlet.now)}
            </td>
          </tr>
          {c.parameters.map((p) => (
            <tr key={p.navn}>
              <th scope="row">{p.navn}</th>
              <td>{rating(p.then)}</td>
              <td>
                {rating(p.now)}
                {arrow(p.then, p.now)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Title3 as="h2">Indikatorer (kommunen)</Title3>
      <table className={styles.table}>
        <caption className={styles.hidden}>Indikatorerne, sidst og nu, med perioder</caption>
        <thead>
          <tr>
            <th scope="col">Indikator</th>
            <th scope="col">Sidst</th>
            <th scope="col">Nu</th>
          </tr>
        </thead>
        <tbody>
          {c.indicators.map((i) => (
            <tr key={i.navn}>
              <th scope="row">{i.navn}</th>
              <td>
                {figure(i.then.figure, i.andel)}
                <Caption1 block>{i.then.periode ?? 'uden periode'}</Caption1>
              </td>
              <td>
                {figure(i.now.figure, i.andel)}
                {arrow(i.then.figure, i.now.figure)}
                <Caption1 block>{i.now.periode ?? 'uden periode'}</Caption1>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
