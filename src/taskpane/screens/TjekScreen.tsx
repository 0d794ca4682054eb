/**
 * Tjek: the validation problems (sheet, cell, Danish message), updated at every read; clicking
 * one selects its cell in Excel, or, on a hidden sheet, says where it is. Below, what is still
 * blank.
 */
import { Body1, Button, Caption1, MessageBar, MessageBarBody, Title2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Problem } from '../../workbook/validate';
import { danishError } from '../errors';
import type { PaneServices } from '../services';
import type { Snapshot } from '../session';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    justifyContent: 'flex-start',
    textAlign: 'left',
    whiteSpace: 'normal',
    height: 'auto',
    width: '100%',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightRegular,
  },
  text: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', overflowWrap: 'anywhere' },
  where: { fontWeight: tokens.fontWeightSemibold },
});

const whereOf = (p: Problem) => (p.sheet ? `${p.sheet}${p.cell ? `!${p.cell}` : ''}` : 'Projektmappen');

export function TjekScreen({ snapshot, services }: { snapshot: Snapshot; services: PaneServices }) {
  const styles = useStyles();
  const [note, setNote] = useState<{ intent: 'info' | 'error'; text: string }>();

  async function go(p: Problem) {
    if (!p.sheet || !p.cell) return;
    const sheet = snapshot.sheets.find((s) => s.name === p.sheet);
    if (!sheet) {
      setNote({ intent: 'info', text: `Arket ${p.sheet} findes ikke i projektmappen.` });
      return;
    }
    if (!sheet.visible) {
      setNote({ intent: 'info', text: `Cellen ${p.cell} ligger på det skjulte ark ${p.sheet}. Vis arket (højreklik på en arkfane → Vis) for at rette den.` });
      return;
    }
    try {
      await services.select(p.sheet, p.cell);
      setNote({ intent: 'info', text: `Cellen ${p.sheet}!${p.cell} er markeret i Excel.` });
    } catch (err) {
      setNote({ intent: 'error', text: danishError(err, `At markere ${p.sheet}!${p.cell}`) });
    }
  }

  const list = (items: Problem[], idPrefix: string) => (
    <ul className={styles.list}>
      {items.map((p, i) => (
        <li key={`${idPrefix}-${i}`}>
          <Button className={styles.item} disabled={!p.sheet || !p.cell} onClick={() => void go(p)}>
            <span className={styles.text}>
              <span className={styles.where}>{whereOf(p)}</span>
              <span>{p.message}</span>
            </span>
          </Button>
        </li>
      ))}
    </ul>
  );

  return (
    <section className={styles.stack} aria-labelledby="tjek-title">
      <Title2 as="h1" id="tjek-title">
        Tjek
      </Title2>
      <div role="status" aria-live="polite">
        {note && (
          <MessageBar intent={note.intent}>
            <MessageBarBody>{note.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <section aria-labelledby="fejl-title" className={styles.stack}>
        <Title3 as="h2" id="fejl-title">
          Fejl ({snapshot.problems.length})
        </Title3>
        {snapshot.problems.length === 0 ? <Body1 as="p" block>Ingen fejl: alle udfyldte celler kan læses.</Body1> : list(snapshot.problems, 'p')}
      </section>
      <section aria-labelledby="mangler-title" className={styles.stack}>
        <Title3 as="h2" id="mangler-title">
          Mangler ({snapshot.missing.length})
        </Title3>
        <Caption1 as="p" block>Felter, der endnu er tomme. Vælg et for at gå til cellen.</Caption1>
        {snapshot.missing.length === 0 ? <Body1 as="p" block>Alt er udfyldt.</Body1> : list(snapshot.missing, 'm')}
      </section>
    </section>
  );
}
