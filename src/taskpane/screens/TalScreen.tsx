/**
 * Tal: the figures from Statistics Denmark, pulled by the browser itself (or from imported saved
 * responses), with a progress bar per table and a cancel button; then what will change per
 * indicator (old → new) and, for every indicator with a value typed by hand, the choice to keep
 * it or replace it; then the writes indicator by indicator, with their own progress and cancel,
 * through the pane's write lock. While the pull only reads, the tabs stay usable: leaving Tal
 * aborts it. "Nye tal?" says which indicators have newer figures since the last pull (asked when
 * this screen shows, or as soon as the workbook opens when the user turned that on here).
 */
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Switch,
  Title2,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { FreshnessReport } from '../../statbank/freshness';
import type { TableProgress } from '../../statbank/pull';
import type { IndicatorProgress, SessionRun, TypedChoice } from '../../statbank/session';
import { danishError } from '../errors';
import type { PaneModel } from '../model';
import type { PaneServices } from '../services';
import type { Snapshot } from '../session';
import { NEWER_ON_OPEN_KEY, STATBANK_URL_KEY, loadSetting, saveSetting } from '../settings';
import { readChosenFiles } from '../files';
import type { FigureOrigin, PullHandle } from '../statbank';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  indicator: { borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, overflowWrap: 'anywhere' },
  year: { maxWidth: '8rem' },
  hidden: { display: 'none' },
});

type State =
  | { kind: 'idle' }
  | { kind: 'pulling'; tables: TableProgress[]; total?: number }
  | { kind: 'unreachable'; message: string }
  | { kind: 'stopped'; messages: string[] }
  | { kind: 'preview'; handle: PullHandle }
  | { kind: 'writing'; handle: PullHandle; progress?: IndicatorProgress }
  | { kind: 'done'; handle: PullHandle; run: SessionRun };

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '(tom)' : typeof v === 'number' ? v.toLocaleString('da-DK', { maximumFractionDigits: 4 }) : String(v));

export function NyeTal({ report }: { report: FreshnessReport | undefined }) {
  if (!report) return null;
  const newer = report.indicators.filter((i) => i.newer);
  if (newer.length === 0) return <Caption1 role="status">Ingen nye tal hos Danmarks Statistik siden seneste hentning.</Caption1>;
  return (
    <MessageBar intent="info">
      <MessageBarBody>
        <MessageBarTitle>Nye tal hos Danmarks Statistik</MessageBarTitle>
        {newer.length === 1 ? 'Én indikator' : `${newer.length} indikatorer`} har nyere tal end ved seneste hentning: {newer.map((i) => i.navn).join(', ')}.
      </MessageBarBody>
    </MessageBar>
  );
}

export function TalScreen({
  snapshot,
  services,
  model,
  newer,
  askNewer,
}: {
  snapshot: Snapshot;
  services: PaneServices;
  model: PaneModel;
  newer: FreshnessReport | undefined;
  /** Asks "Nye tal?" (once per opening of the pane). */
  askNewer: () => void;
}) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [which, setWhich] = useState<'newest' | 'year'>('newest');
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [address, setAddress] = useState(() => loadSetting(STATBANK_URL_KEY));
  const [addressError, setAddressError] = useState<string>();
  const [choices, setChoices] = useState<Record<string, TypedChoice>>({});
  const [error, setError] = useState<string>();
  const [onOpen, setOnOpen] = useState(() => loadSetting(NEWER_ON_OPEN_KEY) === '1');
  /** The pull's reading from Statistics Denmark, and the writes of its figures: each its own abort. */
  const pulling = useRef<AbortController>();
  const abort = useRef<AbortController>();
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => askNewer(), [askNewer]);
  // Leaving Tal aborts a pull that is still reading (its writes hold the write lock, so the tabs wait for them).
  useEffect(() => () => pulling.current?.abort(), []);
  const kommune = typeof snapshot.kommune.navn === 'string' && snapshot.kommune.navn ? snapshot.kommune.navn : undefined;
  const yearValue = /^\d{4}$/.test(year.trim()) ? Number(year.trim()) : undefined;
  const busy = state.kind === 'pulling' || state.kind === 'writing' || model.writing;

  async function start(origin: FigureOrigin) {
    // One pull at a time (a double click starts one).
    if (pulling.current) return;
    setError(undefined);
    const controller = new AbortController();
    abort.current = controller;
    pulling.current = controller;
    setState({ kind: 'pulling', tables: [] });
    try {
      const prepared = await services.preparePull({
        origin,
        ...(which === 'year' && yearValue !== undefined ? { year: yearValue } : {}),
        signal: controller.signal,
        onTable: (p) => setState((s) => (s.kind === 'pulling' ? { kind: 'pulling', tables: [...s.tables, p], total: p.total } : s)),
      });
      if (prepared.kind === 'ready') {
        setChoices(Object.fromEntries(prepared.handle.preview.indicators.filter((i) => i.typed.length > 0).map((i) => [i.indicator, 'keep' as const])));
        setState({ kind: 'preview', handle: prepared.handle });
      } else if (prepared.kind === 'unreachable') setState({ kind: 'unreachable', message: prepared.message });
      else if (prepared.kind === 'cancelled') setState({ kind: 'stopped', messages: [prepared.message] });
      else setState({ kind: 'stopped', messages: prepared.messages });
    } catch (err) {
      setState({ kind: 'idle' });
      setError(danishError(err, 'At hente tallene'));
    } finally {
      if (pulling.current === controller) pulling.current = undefined;
    }
  }

  async function fetchFromApi() {
    const checked = await services.checkBaseUrl(address);
    if ('message' in checked) {
      setAddressError(checked.message);
      return;
    }
    setAddressError(undefined);
    saveSetting(STATBANK_URL_KEY, address.trim());
    await start({ baseUrl: checked.url });
  }

  async function importFiles(list: FileList | null) {
    let chosen: Awaited<ReturnType<typeof readChosenFiles>>;
    try {
      chosen = await readChosenFiles(list);
    } catch (err) {
      setError(danishError(err, 'At læse filerne'));
      return;
    } finally {
      if (picker.current) picker.current.value = '';
    }
    if ('problem' in chosen) setState({ kind: 'stopped', messages: [chosen.problem] });
    else if (chosen.files.length > 0) await start({ files: chosen.files });
  }

  async function write(handle: PullHandle) {
    const controller = new AbortController();
    try {
      // Through the write lock: a second click starts nothing.
      const run = await model.exclusive(async () => {
        abort.current = controller;
        setState({ kind: 'writing', handle });
        return handle.execute(choices, { signal: controller.signal, onIndicator: (p) => setState((s) => (s.kind === 'writing' ? { ...s, progress: p } : s)) });
      });
      if (run) setState({ kind: 'done', handle, run });
    } catch (err) {
      setState({ kind: 'idle' });
      setError(`${danishError(err, 'At skrive tallene')} Det, der nåede at blive skrevet, er skrevet helt for hver indikator.`);
    } finally {
      model.refresh();
    }
  }

  const importButton = (
    <>
      <input ref={picker} className={styles.hidden} type="file" multiple accept=".json,.txt,.zip" aria-label="Gemte svar (filer eller zip-fil)" onChange={(e) => void importFiles(e.target.files)} />
      <Button disabled={busy || !kommune} onClick={() => picker.current?.click()}>
        Importér gemte svar …
      </Button>
    </>
  );

  return (
    <section className={styles.stack} aria-labelledby="tal-title">
      <Title2 as="h1" id="tal-title">
        Tal fra Danmarks Statistik
      </Title2>
      <NyeTal report={newer} />
      {!kommune && (
        <MessageBar intent="warning">
          <MessageBarBody>Vælg kommunen under Kommune, før der hentes tal.</MessageBarBody>
        </MessageBar>
      )}
      {(state.kind === 'idle' || state.kind === 'unreachable' || state.kind === 'stopped' || state.kind === 'done') && (
        <>
          <RadioGroup value={which} onChange={(_, d) => setWhich(d.value as 'newest' | 'year')} aria-label="Hvilke tal">
            <Radio value="newest" label="De nyeste tal for hver indikator" />
            <Radio value="year" label="Alle indikatorer fra ét år" />
          </RadioGroup>
          {which === 'year' && (
            <Field label="År" validationMessage={yearValue === undefined ? 'Skriv et år med fire cifre, fx 2024.' : undefined}>
              <Input className={styles.year} inputMode="numeric" value={year} onChange={(_, d) => setYear(d.value)} />
            </Field>
          )}
          <Field label="Adresse til Statistikbanken" hint="Tom: Danmarks Statistiks API (https://api.statbank.dk/v1/)." validationMessage={addressError}>
            <Input value={address} onChange={(_, d) => setAddress(d.value)} placeholder="https://api.statbank.dk/v1/" />
          </Field>
          <Switch
            label="Se efter nye tal, når en projektmappe åbnes"
            checked={onOpen}
            onChange={(_, d) => {
              setOnOpen(d.checked);
              saveSetting(NEWER_ON_OPEN_KEY, d.checked ? '1' : '');
            }}
          />
          <div className={styles.row}>
            <Button appearance="primary" disabled={busy || !kommune || (which === 'year' && yearValue === undefined)} onClick={() => void fetchFromApi()}>
              Hent tal{kommune ? ` for ${kommune}` : ''}
            </Button>
            {importButton}
          </div>
        </>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'unreachable' && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Ingen forbindelse</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'stopped' && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {state.messages.map((m, i) => (
              <div key={i}>{m}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'pulling' && (
        <>
          <Field label="Henter tabeller" validationState="none" hint={state.total ? `${state.tables.length} af ${state.total}` : 'Spørger Statistikbanken …'}>
            <ProgressBar {...(state.total ? { value: state.tables.length / state.total } : {})} />
          </Field>
          <ul className={styles.list} aria-label="Tabeller">
            {state.tables.map((t) => (
              <li key={t.table}>
                <Body1>
                  {t.table}: {t.ok ? 'hentet' : 'fejl'}
                </Body1>
              </li>
            ))}
          </ul>
          <div className={styles.row}>
            <Button onClick={() => abort.current?.abort()}>Afbryd</Button>
          </div>
        </>
      )}
      {state.kind === 'preview' && (
        <Preview handle={state.handle} choices={choices} setChoices={setChoices} disabled={model.writing} onWrite={() => void write(state.handle)} onCancel={() => setState({ kind: 'idle' })} />
      )}
      {state.kind === 'writing' && (
        <>
          <Field label="Skriver tallene i projektmappen" hint={state.progress ? `${state.progress.done} af ${state.progress.total} indikatorer` : 'Begynder …'}>
            <ProgressBar {...(state.progress ? { value: state.progress.done / Math.max(1, state.progress.total) } : {})} />
          </Field>
          <div className={styles.row}>
            <Button onClick={() => abort.current?.abort()}>Afbryd efter denne indikator</Button>
          </div>
        </>
      )}
      {state.kind === 'done' && <Done handle={state.handle} run={state.run} />}
    </section>
  );
}

function Preview({
  handle,
  choices,
  setChoices,
  disabled,
  onWrite,
  onCancel,
}: {
  handle: PullHandle;
  choices: Record<string, TypedChoice>;
  setChoices: (c: Record<string, TypedChoice>) => void;
  disabled: boolean;
  onWrite: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const items = handle.preview.indicators;
  const changing = items.filter((i) => i.status === 'fejl' || i.changes.length > 0);
  return (
    <>
      <Title3 as="h2">Det ændres ({handle.kommune})</Title3>
      {changing.length === 0 && <Body1>Projektmappen har allerede disse tal: intet ændres.</Body1>}
      <ul className={styles.list} aria-label="Ændringer per indikator">
        {changing.map((i) => {
          const navn = handle.names[i.indicator] ?? i.indicator;
          // The figures are listed; the provenance cells beside them are summed up.
          const figures = i.changes.filter((c) => !handle.provenance.has(c.name) || i.typed.includes(c));
          const details = i.changes.length - figures.length;
          const label = (l: string) => (l.startsWith(`${navn}, `) ? l.slice(navn.length + 2) : l);
          return (
            <li key={i.indicator} className={styles.indicator}>
              <Body1>
                <strong>{navn}</strong>
                {i.period ? ` (${i.period})` : ''}
              </Body1>
              {i.status === 'fejl' && <Caption1>Fejl: {i.message}</Caption1>}
              {figures.map((c) => (
                <Caption1 key={c.name}>
                  {label(c.label)}: {show(c.old)} → {show(c.new)}
                  {i.typed.includes(c) ? ' (skrevet i hånden)' : ''}
                </Caption1>
              ))}
              {details > 0 && <Caption1>og {details === 1 ? 'én oplysning' : `${details} oplysninger`} om kilden (tabel, koder, hentet, fodnote)</Caption1>}
              {i.typed.length > 0 && (
                <RadioGroup
                  layout="horizontal"
                  aria-label={`${handle.names[i.indicator] ?? i.indicator}: tal skrevet i hånden`}
                  value={choices[i.indicator] ?? 'keep'}
                  onChange={(_, d) => setChoices({ ...choices, [i.indicator]: d.value as TypedChoice })}
                >
                  <Radio value="keep" label="Behold det skrevne" />
                  <Radio value="replace" label="Erstat med de hentede tal" />
                </RadioGroup>
              )}
            </li>
          );
        })}
      </ul>
      <div className={styles.row}>
        <Button appearance="primary" disabled={disabled} onClick={onWrite}>
          Skriv tallene
        </Button>
        <Button disabled={disabled} onClick={onCancel}>
          Fortryd
        </Button>
      </div>
    </>
  );
}

function Done({ handle, run }: { handle: PullHandle; run: SessionRun }) {
  const styles = useStyles();
  const kept = run.plan.outcomes.filter((o) => o.status === 'bevaret');
  const failed = run.plan.outcomes.filter((o) => o.status === 'fejl');
  return (
    <MessageBar intent={failed.length || run.cancelled || run.edited.length ? 'warning' : 'success'}>
      <MessageBarBody>
        <MessageBarTitle>{run.cancelled ? 'Hentningen blev afbrudt' : 'Tallene er skrevet'}</MessageBarTitle>
        <div>
          Skrevet: {run.written.length === 0 ? 'ingen' : run.written.map((i) => handle.names[i] ?? i).join(', ')}.
        </div>
        {kept.length > 0 && (
          <ul className={styles.list}>
            {kept.map((o) => (
              <li key={o.indicator}>
                Ikke ændret: {handle.names[o.indicator] ?? o.indicator}
                {o.message ? ` – ${o.message}` : ''}
              </li>
            ))}
          </ul>
        )}
        {failed.map((o) => (
          <div key={o.indicator}>
            Fejl: {handle.names[o.indicator] ?? o.indicator} – {o.message}
          </div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
