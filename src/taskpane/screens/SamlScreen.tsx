/**
 * Saml flere kommuner: the consultant chooses many municipalities' workbook files; the pane checks
 * each in a Web Worker with the same checks as `parathed consolidate` and shows its provisional
 * status as it goes; once all are checked, every file's final status and reasons (the cross-file
 * rules applied by the core, as Filer and `consolidate --json` say), and it writes the overview
 * (Oversigt, Filer) as new sheets of the open workbook, through the pane's write lock. An earlier
 * overview is replaced only when the user says so; a workbook that holds an assessment gets no
 * overview (the user is told to open a new blank workbook). Leaving the screen while files are
 * checked stops the check.
 */
import { Body1, Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Field, Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { CheckedFile, FileCheck } from '../consolidate';
import { danishError } from '../errors';
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

/** `checked`: each file as checked on its own (what is written from); `files`: the final statuses shown. */
type State =
  | { kind: 'idle' }
  | { kind: 'checking'; checked: FileCheck[]; total: number }
  /** `existing`: an earlier overview being replaced (its message stays, its buttons disabled). */
  | { kind: 'writing'; checked: FileCheck[]; files: CheckedFile[]; existing?: string[] }
  | { kind: 'exists'; checked: FileCheck[]; files: CheckedFile[]; existing: string[] }
  /** The open workbook holds an assessment: the overview is not written into it. */
  | { kind: 'refused'; checked: FileCheck[]; files: CheckedFile[]; message: string }
  | { kind: 'done'; checked: FileCheck[]; files: CheckedFile[]; rows: number };

export function SamlScreen({ services, model }: { services: PaneServices; model: PaneModel }) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [error, setError] = useState<string>();
  const picker = useRef<HTMLInputElement>(null);
  const checking = useRef<AbortController>();
  const busy = state.kind === 'checking' || state.kind === 'writing' || model.writing;
  // Leaving the screen stops a check under way (its worker is stopped).
  useEffect(() => () => checking.current?.abort(), []);

  async function write(checked: FileCheck[], files: CheckedFile[], replace: boolean) {
    try {
      await model.exclusive(async () => {
        setState((s) => ({ kind: 'writing', checked, files, ...(s.kind === 'exists' ? { existing: s.existing } : {}) }));
        const written = await services.writeOverview(checked, replace);
        if ('refused' in written) setState({ kind: 'refused', checked, files, message: written.refused });
        else setState(written.written ? { kind: 'done', checked, files, rows: written.rows } : { kind: 'exists', checked, files, existing: written.existing });
      });
    } catch (err) {
      setState({ kind: 'idle' });
      setError(danishError(err, 'At skrive oversigten'));
    } finally {
      model.refresh();
    }
  }

  async function choose(list: FileList | null) {
    // The File objects only: their bytes are read in the checker's worker.
    const files = Array.from(list ?? ([] as ArrayLike<File>));
    if (picker.current) picker.current.value = '';
    if (files.length === 0 || busy) return;
    setError(undefined);
    setState({ kind: 'checking', checked: [], total: files.length });
    const controller = new AbortController();
    checking.current = controller;
    try {
      const checked = await services.checkFiles(
        files,
        (check, _done, total) => setState((s) => (s.kind === 'checking' ? { kind: 'checking', checked: [...s.checked, check], total } : s)),
        controller.signal,
      );
      await write(checked, await services.decideFiles(checked), false);
    } catch (err) {
      if (controller.signal.aborted) return;
      setState({ kind: 'idle' });
      setError(danishError(err, 'At læse filerne'));
    }
  }

  // While checking, each file's own (provisional) status; then the final ones.
  const checked: FileCheck[] = state.kind === 'idle' ? [] : state.kind === 'checking' ? state.checked : state.files;
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
      <div role="status" aria-live="polite">
        {state.kind === 'writing' && <Spinner size="small" label="Skriver oversigten …" />}
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'checking' && (
        <Field label="Kontrollerer filerne" hint={`${state.checked.length} af ${state.total}. Foreløbig status: filerne holdes op mod hinanden (kopier, samme dato), når alle er kontrolleret.`}>
          <ProgressBar value={state.checked.length / Math.max(1, state.total)} />
        </Field>
      )}
      {(state.kind === 'exists' || (state.kind === 'writing' && state.existing)) && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Projektmappen har allerede en oversigt</MessageBarTitle>
            {state.existing!.length === 1 ? 'Arket' : 'Arkene'} {state.existing!.join(' og ')} findes. Erstat dem med den nye oversigt, eller åbn en tom projektmappe.
            <div className={styles.row}>
              <Button disabled={busy} onClick={() => void write(state.checked, state.files, true)}>
                Erstat oversigten
              </Button>
              <Button disabled={busy} onClick={() => setState({ kind: 'idle' })}>
                Fortryd
              </Button>
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
        <MessageBar intent={state.files.every((c) => c.status === 'godkendt') ? 'success' : 'warning'}>
          <MessageBarBody>
            <MessageBarTitle>Oversigten er skrevet</MessageBarTitle>
            {state.rows === 0
              ? `Ingen fil kunne bruges, så der er intet ark Oversigt; ${checked.length === 1 ? 'filen står' : `alle ${checked.length} filer står`} med status i arket Filer.`
              : `${state.rows === 1 ? 'Én kommune' : `${state.rows} kommuner`} i arket Oversigt; alle ${checked.length} filer med status i arket Filer.`}
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
