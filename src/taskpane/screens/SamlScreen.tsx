/**
 * Saml flere kommuner: the consultant chooses many municipalities' workbook files; the pane checks
 * each in the browser with the same checks as `parathed consolidate` and shows its status and
 * reasons as it goes, then writes the overview (Oversigt, Filer) as new sheets of the open
 * workbook. An earlier overview is replaced only when the user says so; a workbook that holds an
 * assessment gets no overview (the user is told to open a new blank workbook).
 */
import { Body1, Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Field, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { FileCheck } from '../consolidate';
import { danishError } from '../errors';
import { readChosenFiles } from '../files';
import type { PaneModel } from '../model';
import type { PaneServices } from '../services';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  file: { borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalXS, display: 'flex', flexDirection: 'column', overflowWrap: 'anywhere' },
  hidden: { display: 'none' },
});

const STATUS: Record<FileCheck['status'], string> = { godkendt: 'godkendt', advarsel: 'godkendt med advarsler', afvist: 'afvist' };

type State =
  | { kind: 'idle' }
  | { kind: 'checking'; checked: FileCheck[]; total: number }
  | { kind: 'exists'; checked: FileCheck[]; existing: string[] }
  /** The open workbook holds an assessment: the overview is not written into it. */
  | { kind: 'refused'; checked: FileCheck[]; message: string }
  | { kind: 'done'; checked: FileCheck[]; rows: number };

export function SamlScreen({ services, model }: { services: PaneServices; model: PaneModel }) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [error, setError] = useState<string>();
  const picker = useRef<HTMLInputElement>(null);
  const busy = state.kind === 'checking';

  async function write(checked: FileCheck[], replace: boolean) {
    try {
      const written = await services.writeOverview(checked, replace);
      if ('refused' in written) setState({ kind: 'refused', checked, message: written.refused });
      else setState(written.written ? { kind: 'done', checked, rows: written.rows } : { kind: 'exists', checked, existing: written.existing });
    } catch (err) {
      setState({ kind: 'idle' });
      setError(danishError(err, 'At skrive oversigten'));
    } finally {
      model.refresh();
    }
  }

  async function choose(list: FileList | null) {
    const files = await readChosenFiles(list);
    if (picker.current) picker.current.value = '';
    if (files.length === 0) return;
    setError(undefined);
    setState({ kind: 'checking', checked: [], total: files.length });
    try {
      const checked = await services.checkFiles(files, (check, _done, total) => setState((s) => (s.kind === 'checking' ? { kind: 'checking', checked: [...s.checked, check], total } : s)));
      await write(checked, false);
    } catch (err) {
      setState({ kind: 'idle' });
      setError(danishError(err, 'At læse filerne'));
    }
  }

  const checked = state.kind === 'idle' ? [] : state.checked;
  return (
    <section className={styles.stack} aria-labelledby="saml-title">
      <Title2 as="h1" id="saml-title">
        Saml flere kommuner
      </Title2>
      <Body1 as="p" block>
        Vælg kommunernes udfyldte projektmapper. Hver fil kontrolleres, og oversigten (arkene Oversigt og Filer) skrives i denne projektmappe, som ikke må være en vurdering: brug en ny, tom projektmappe. Filerne selv ændres ikke.
      </Body1>
      <input ref={picker} className={styles.hidden} type="file" multiple accept=".xlsx" aria-label="Kommunernes projektmapper (.xlsx)" onChange={(e) => void choose(e.target.files)} />
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={() => picker.current?.click()}>
          Vælg projektmapper …
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'checking' && (
        <Field label="Kontrollerer filerne" hint={`${state.checked.length} af ${state.total}`}>
          <ProgressBar value={state.checked.length / Math.max(1, state.total)} />
        </Field>
      )}
      {state.kind === 'exists' && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Projektmappen har allerede en oversigt</MessageBarTitle>
            {state.existing.length === 1 ? 'Arket' : 'Arkene'} {state.existing.join(' og ')} findes. Erstat dem med den nye oversigt, eller åbn en tom projektmappe.
            <div className={styles.row}>
              <Button onClick={() => void write(state.checked, true)}>Erstat oversigten</Button>
              <Button onClick={() => setState({ kind: 'idle' })}>Fortryd</Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'refused' && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Oversigten er ikke skrevet</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'done' && (
        <MessageBar intent={state.checked.every((c) => c.status === 'godkendt') ? 'success' : 'warning'}>
          <MessageBarBody>
            <MessageBarTitle>Oversigten er skrevet</MessageBarTitle>
            {state.rows === 1 ? 'Én kommune' : `${state.rows} kommuner`} i arket Oversigt; alle {checked.length} filer med status i arket Filer.
          </MessageBarBody>
        </MessageBar>
      )}
      {checked.length > 0 && (
        <ul className={styles.list} aria-label="Filer">
          {checked.map((c, i) => (
            <li key={`${c.file}-${i}`} className={styles.file}>
              <Body1>
                <strong>{c.file}</strong>: {STATUS[c.status]}
                {c.entry ? ` (${c.entry.kommune.navn})` : ''}
              </Body1>
              {c.reasons.map((r, j) => (
                <Caption1 key={j}>
                  {r.sheet ? `${r.sheet}${r.cell ? `!${r.cell}` : ''}: ` : ''}
                  {r.message}
                </Caption1>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
