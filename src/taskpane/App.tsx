/**
 * The pane: a Fluent UI provider, tabs for the screens (Start, Kommune, Vurdering, Tal, Resumé, Sammenlign, Saml, Tjek)
 * and one screen at a time. The screens other than Start and Saml need a workbook of the current
 * template version.
 */
import { FluentProvider, Tab, TabList, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FreshnessReport } from '../statbank/freshness';
import type { HostStatus } from './host';
import { usePaneModel } from './model';
import { KommuneScreen } from './screens/KommuneScreen';
import { StartScreen, hostProblem } from './screens/StartScreen';
import { ResumeScreen } from './screens/ResumeScreen';
import { SamlScreen } from './screens/SamlScreen';
import { SammenlignScreen } from './screens/SammenlignScreen';
import { TalScreen } from './screens/TalScreen';
import { NEWER_ON_OPEN_KEY, STATBANK_URL_KEY, loadSetting } from './settings';
import { TjekScreen } from './screens/TjekScreen';
import { VurderingScreen } from './screens/VurderingScreen';
import type { PaneServices } from './services';

/**
 * The tabs in order, and what each screen needs: nothing (Start), a host the pane can use (Saml:
 * a consultant's own workbook), or a workbook of the current template (the rest).
 */
const TABS = [
  { value: 'start', label: 'Start', needs: 'nothing' },
  { value: 'kommune', label: 'Kommune', needs: 'current' },
  { value: 'vurdering', label: 'Vurdering', needs: 'current' },
  { value: 'tal', label: 'Tal', needs: 'current' },
  { value: 'resume', label: 'Resumé', needs: 'current' },
  { value: 'sammenlign', label: 'Sammenlign', needs: 'current' },
  { value: 'saml', label: 'Saml', needs: 'host' },
  { value: 'tjek', label: 'Tjek', needs: 'current' },
] as const;

export type Screen = (typeof TABS)[number]['value'];

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalL}`,
    minWidth: '280px',
    // Fluent's typography sets size and weight; the spacing between blocks is the screens' gaps.
    '& h1, & h2, & h3, & p': { marginTop: 0, marginBottom: 0 },
  },
  tabs: { marginBottom: tokens.spacingVerticalM, flexWrap: 'wrap', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

export function App({ status, services }: { status: HostStatus; services: PaneServices }) {
  const styles = useStyles();
  const [screen, setScreen] = useState<Screen>('start');
  const usable = !hostProblem(status);
  const model = usePaneModel(services, usable);
  const current = model.snapshot?.kind === 'current';
  const problems = model.snapshot?.problems.length ?? 0;
  const open = (needs: (typeof TABS)[number]['needs']) => needs === 'nothing' || (needs === 'host' ? usable : current);
  const shown: Screen = open(TABS.find((t) => t.value === screen)!.needs) ? screen : 'start';
  // Nye tal?: asked once per opening of the pane, when the workbook holds the current template: at
  // once when the user turned that on (settings), else when the Tal screen shows (nothing when offline).
  const [newer, setNewer] = useState<FreshnessReport>();
  const asked = useRef(false);
  const askNewer = useCallback(() => {
    if (asked.current) return;
    asked.current = true;
    services
      .newerFigures(loadSetting(STATBANK_URL_KEY))
      .then(setNewer)
      .catch(() => undefined);
  }, [services]);
  useEffect(() => {
    if (current && loadSetting(NEWER_ON_OPEN_KEY) === '1') askNewer();
  }, [current, askNewer]);
  return (
    <FluentProvider theme={webLightTheme} lang="da">
      <main className={styles.root}>
        <nav aria-label="Skærme">
          <TabList className={styles.tabs} size="small" disabled={model.writing} selectedValue={shown} onTabSelect={(_, d) => setScreen(d.value as Screen)}>
            {TABS.map((t) =>
              t.value === 'tjek' ? (
                <Tab key={t.value} value={t.value} disabled={!open(t.needs)} aria-label={current ? `Tjek, ${problems} fejl` : 'Tjek'}>
                  {current && problems > 0 ? `Tjek (${problems})` : 'Tjek'}
                </Tab>
              ) : (
                <Tab key={t.value} value={t.value} disabled={!open(t.needs)}>
                  {t.label}
                </Tab>
              ),
            )}
          </TabList>
        </nav>
        {shown === 'start' && <StartScreen status={status} services={services} model={model} onGo={setScreen} newer={newer} />}
        {shown === 'kommune' && model.snapshot && <KommuneScreen snapshot={model.snapshot} services={services} model={model} />}
        {shown === 'vurdering' && model.snapshot && <VurderingScreen snapshot={model.snapshot} services={services} model={model} />}
        {shown === 'tal' && model.snapshot && <TalScreen snapshot={model.snapshot} services={services} model={model} newer={newer} askNewer={askNewer} />}
        {shown === 'resume' && model.snapshot && <ResumeScreen snapshot={model.snapshot} services={services} model={model} />}
        {shown === 'sammenlign' && <SammenlignScreen services={services} model={model} />}
        {shown === 'saml' && <SamlScreen services={services} model={model} />}
        {shown === 'tjek' && model.snapshot && <TjekScreen snapshot={model.snapshot} services={services} />}
      </main>
    </FluentProvider>
  );
}
