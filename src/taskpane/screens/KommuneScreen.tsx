/**
 * Kommune: pick one of the 98 municipalities, searching as you type. The pane writes
 * Kommune_Navn only; code, region and police district are the sheet's own formulas, shown as the
 * sheet computed them.
 */
import { Body1, Combobox, Field, MessageBar, MessageBarBody, Option, Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { KOMMUNER, findKommuneByName, foldCase } from '../../model/geography';
import { KOMMUNE_NAMES } from '../../model/names';
import { danishError } from '../errors';
import type { PaneModel } from '../model';
import type { PaneServices } from '../services';
import type { Snapshot } from '../session';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
  combo: { minWidth: 0, width: '100%' },
});

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : String(v));

export function KommuneScreen({ snapshot, services, model }: { snapshot: Snapshot; services: PaneServices; model: PaneModel }) {
  const styles = useStyles();
  const current = typeof snapshot.kommune.navn === 'string' ? snapshot.kommune.navn : '';
  const [query, setQuery] = useState(current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const q = foldCase(query.trim());
  const options = KOMMUNER.filter((k) => !q || foldCase(k.navn).includes(q) || foldCase(k.officieltNavn).includes(q) || k.kommunekode.includes(q));

  async function choose(navn: string) {
    setQuery(navn);
    setBusy(true);
    setError(undefined);
    try {
      await model.act(() => services.setKommune(navn), [KOMMUNE_NAMES.navn]);
    } catch (err) {
      setError(danishError(err, 'At skrive kommunen'));
    } finally {
      setBusy(false);
    }
  }

  const known = findKommuneByName(current);
  const waiting = known && model.calc !== 'current';
  return (
    <section className={styles.stack} aria-labelledby="kommune-title">
      <Title2 as="h1" id="kommune-title">
        Kommune
      </Title2>
      <Field label="Kommune" hint="Skriv for at søge blandt de 98 kommuner.">
        <Combobox
          className={styles.combo}
          freeform
          value={query}
          selectedOptions={known ? [known.navn] : []}
          onChange={(e) => setQuery((e.target as HTMLInputElement).value)}
          onOptionSelect={(_, d) => d.optionValue && void choose(d.optionValue)}
          placeholder="Fx Ishøj"
          disabled={busy || model.writing}
        >
          {options.map((k) => (
            <Option key={k.dstCode} value={k.navn} text={k.navn}>
              {k.navn}
            </Option>
          ))}
          {options.length === 0 && (
            <Option value="" text="" disabled>
              Ingen kommune passer til søgningen
            </Option>
          )}
        </Combobox>
      </Field>
      <div role="status" aria-live="polite">
        {busy && <Spinner size="small" label="Skriver kommunen …" />}
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {current ? (
        <>
          <Body1 as="p" block>Arket finder selv koden, regionen og politikredsen ud fra navnet:</Body1>
          <dl className={styles.facts} aria-label="Kommunens oplysninger fra arket">
            <dt className={styles.term}>Navn</dt>
            <dd className={styles.value}>{current}</dd>
            <dt className={styles.term}>Kode</dt>
            <dd className={styles.value}>{shown(snapshot.kommune.kode) ?? (waiting ? 'Excel beregner …' : 'ikke beregnet')}</dd>
            <dt className={styles.term}>Region</dt>
            <dd className={styles.value}>{shown(snapshot.kommune.region) ?? (waiting ? 'Excel beregner …' : 'ikke beregnet')}</dd>
            <dt className={styles.term}>Politikreds</dt>
            <dd className={styles.value}>{shown(snapshot.kommune.politikreds) ?? (waiting ? 'Excel beregner …' : 'ikke beregnet')}</dd>
          </dl>
        </>
      ) : (
        <Body1 as="p" block>Der er ikke valgt en kommune endnu.</Body1>
      )}
    </section>
  );
}
