/**
 * The pane: a Fluent UI provider around one screen at a time. This issue has the start screen;
 * the next ones add screens to `Screen` and to the switch below.
 */
import { FluentProvider, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { useState } from 'react';
import type { HostStatus } from './host';
import { StartScreen } from './screens/StartScreen';
import type { PaneServices } from './services';

export type Screen = 'start';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    minWidth: '280px',
  },
});

export function App({ status, services }: { status: HostStatus; services: PaneServices }) {
  const styles = useStyles();
  const [screen] = useState<Screen>('start');
  return (
    <FluentProvider theme={webLightTheme} lang="da">
      <main className={styles.root}>{screen === 'start' && <StartScreen status={status} services={services} />}</main>
    </FluentProvider>
  );
}
