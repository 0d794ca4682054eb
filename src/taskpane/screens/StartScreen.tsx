/**
 * The start screen: what the add-in is for, and inserting the template into the open workbook.
 */
import { Body1, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { OfficeAdapterError } from '../../office/errors';
import { missingSetsMessage } from '../../office/requirements';
import type { HostStatus } from '../host';
import type { PaneServices } from '../services';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; sheets: string[] } | { kind: 'failed'; message: string };

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  button: { alignSelf: 'flex-start' },
});

/** Why the pane cannot write to the workbook here, in Danish; undefined when it can. */
export function hostProblem(status: HostStatus): string | undefined {
  switch (status.kind) {
    case 'none':
      return 'Ruden kører ikke i Excel. Åbn den fra fanen Hjem i Excel med knappen Parathedsvurdering.';
    case 'other':
      return `Parathedsvurdering virker kun i Excel (ruden er åbnet i ${status.host}).`;
    default:
      return missingSetsMessage(status.missing);
  }
}

function failureMessage(err: unknown): string {
  if (err instanceof OfficeAdapterError) return err.message;
  const detail = err instanceof Error && err.message ? ` (${err.message})` : '';
  return `Skabelonen kunne ikke indsættes på grund af en uventet fejl${detail}. Kontrollér projektmappen, før du bruger den.`;
}

export function StartScreen({ status, services }: { status: HostStatus; services: PaneServices }) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const problem = hostProblem(status);

  async function insert() {
    setState({ kind: 'busy' });
    try {
      const sheets = await services.insertTemplate();
      setState({ kind: 'done', sheets });
    } catch (err) {
      setState({ kind: 'failed', message: failureMessage(err) });
    }
  }

  return (
    <section className={styles.stack} aria-labelledby="start-title">
      <Title2 as="h1" id="start-title">
        Parathedsvurdering
      </Title2>
      <Body1 as="p">
        Kommunens parathedsvurdering udfyldes i en Excel-projektmappe. Knappen herunder indsætter skabelonen i den åbne projektmappe: arkene Vejledning, Kommune, Indikatorer,
        Selvevaluering, Vurdering og Score med deres formler, lister og navngivne celler samt skjulte hjælpeark. Ark, der allerede findes, overskrives aldrig.
      </Body1>
      {problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <Button className={styles.button} appearance="primary" disabled={!!problem || state.kind === 'busy'} onClick={() => void insert()} aria-describedby="start-status">
        Indsæt skabelon
      </Button>
      <div id="start-status" role="status" aria-live="polite">
        {state.kind === 'busy' && <Spinner size="small" label="Indsætter skabelonen …" />}
        {state.kind === 'done' && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>Skabelonen er indsat.</MessageBarTitle>
              {state.sheets.length} ark er tilføjet: {state.sheets.join(', ')}. Begynd på arket {state.sheets[0]}.
            </MessageBarBody>
          </MessageBar>
        )}
        {state.kind === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>Skabelonen blev ikke indsat.</MessageBarTitle>
              {state.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
