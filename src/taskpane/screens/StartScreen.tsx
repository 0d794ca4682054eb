/**
 * Start: what the open workbook is. No assessment: Indsæt skabelon. An older template version:
 * Opgrader (asks first, lists what moves and what cannot be carried). A newer one: the add-in
 * must be updated. The current one: where the assessment stands.
 */
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { missingSetsMessage } from '../../office/requirements';
import type { Screen } from '../App';
import { danishError } from '../errors';
import type { HostStatus } from '../host';
import type { PaneModel } from '../model';
import type { FreshnessReport } from '../../statbank/freshness';
import { NyeTal } from './TalScreen';
import type { PaneServices } from '../services';
import type { PaneUpgrade } from '../session';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string }
  | { kind: 'inserted'; sheets: string[] }
  | { kind: 'confirm'; upgrade: PaneUpgrade }
  | { kind: 'upgraded'; upgrade: PaneUpgrade }
  | { kind: 'blocked'; problems: { sheet?: string; cell?: string; message: string }[]; losing?: boolean }
  | { kind: 'failed'; title: string; message: string };

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  button: { alignSelf: 'flex-start' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
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

const where = (p: { sheet?: string; cell?: string }) => (p.sheet ? `${p.sheet}${p.cell ? `!${p.cell}` : ''}: ` : '');

function UpgradeDetails({ upgrade }: { upgrade: PaneUpgrade }) {
  const styles = useStyles();
  const { plan, hadSummary } = upgrade;
  return (
    <>
      {plan.moved.length > 0 && (
        <>
          <Body1 as="p" block>Celler, der flytter eller er nye:</Body1>
          <ul className={styles.list}>
            {plan.moved.map((m) => (
              <li key={m.name}>{m.from ? `${m.name}: ${m.from} → ${m.to}` : `${m.name} (ny): ${m.to}`}</li>
            ))}
          </ul>
        </>
      )}
      {plan.notes.length > 0 && (
        <ul className={styles.list}>
          {plan.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {hadSummary && <Body1 as="p" block>Ledelsesresuméet dannes igen.</Body1>}
      {plan.notCarried.length > 0 && (
        <>
          <Body1 as="p" block>Kan ikke overføres (cellens indhold er ikke gyldigt):</Body1>
          <ul className={styles.list}>
            {plan.notCarried.map((p, i) => (
              <li key={i}>
                {where(p)}
                {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {!plan.notesListed && (
        <Body1 as="p" block>
          Noter (kommentarer) i skabelonens ark kan tilføjelsesprogrammet ikke se, og de kommer ikke med: skriv dem ned først.
        </Body1>
      )}
      {plan.extraSheets.length > 0 && (
        <Body1 as="p" block>
          Arkene {plan.extraSheets.map((s) => `"${s}"`).join(', ')} er ikke en del af skabelonen og bliver stående; formler i dem, der henviser til skabelonens ark, skal
          kontrolleres bagefter.
        </Body1>
      )}
    </>
  );
}

export function StartScreen({ status, services, model, onGo, newer }: { status: HostStatus; services: PaneServices; model: PaneModel; onGo: (s: Screen) => void; newer?: FreshnessReport | undefined }) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const problem = hostProblem(status);
  const snap = model.snapshot;
  // The screen's own step, or any write of the pane (the write lock).
  const busy = state.kind === 'busy' || model.writing;

  async function insert() {
    setState({ kind: 'busy', label: 'Indsætter skabelonen …' });
    try {
      let sheets: string[] = [];
      const snap = await model.act(async () => {
        const done = await services.insertTemplate();
        sheets = done.sheets;
        return done.snapshot;
      }, 'all');
      // Another write was under way (a second click): it says how it went.
      if (!snap) return;
      setState({ kind: 'inserted', sheets });
    } catch (err) {
      setState({ kind: 'failed', title: 'Skabelonen blev ikke indsat.', message: danishError(err, 'At indsætte skabelonen') });
    }
  }

  async function prepare() {
    setState({ kind: 'busy', label: 'Læser projektmappen …' });
    try {
      const u = await services.prepareUpgrade();
      setState('problems' in u ? { kind: 'blocked', problems: u.problems, ...(u.losing ? { losing: true } : {}) } : { kind: 'confirm', upgrade: u });
    } catch (err) {
      setState({ kind: 'failed', title: 'Projektmappen blev ikke opgraderet.', message: danishError(err, 'At læse projektmappen') });
    }
  }

  async function upgrade(u: PaneUpgrade) {
    setState({ kind: 'busy', label: 'Opgraderer …' });
    try {
      const snap = await model.act(async () => (await services.applyUpgrade(u)).snapshot, 'all');
      if (!snap) return;
      setState({ kind: 'upgraded', upgrade: u });
    } catch (err) {
      setState({
        kind: 'failed',
        title: 'Projektmappen blev ikke opgraderet.',
        message: `${danishError(err, 'At opgradere')} De overførte værdier er stadig i ruden: tryk Opgrader igen for at prøve igen.`,
      });
    }
  }

  const kind = snap?.kind;
  const TEMPLATE_VERSION = snap?.templateVersion ?? '';
  return (
    <section className={styles.stack} aria-labelledby="start-title">
      <Title2 as="h1" id="start-title">
        Parathedsvurdering
      </Title2>
      {problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {!problem && !snap && !model.error && <Spinner size="small" label="Læser projektmappen …" />}
      {model.error && (
        <MessageBar intent="error">
          <MessageBarBody>
            {model.error}{' '}
            <Button size="small" onClick={() => model.refresh()}>
              Prøv igen
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}

      {(problem || kind === 'none') && (
        <>
          <Body1 as="p" block>
            Kommunens parathedsvurdering udfyldes i en Excel-projektmappe. Knappen herunder indsætter skabelonen i den åbne projektmappe: arkene Vejledning, Kommune, Indikatorer,
            Selvevaluering, Vurdering og Score med deres formler, lister og navngivne celler samt skjulte hjælpeark. Ark, der allerede findes, overskrives aldrig.
          </Body1>
          <Button className={styles.button} appearance="primary" disabled={!!problem || busy} onClick={() => void insert()} aria-describedby="start-status">
            Indsæt skabelon
          </Button>
        </>
      )}

      {kind === 'older' && state.kind !== 'upgraded' && (
        <>
          <Body1 as="p" block>
            Projektmappen er lavet med skabelonversion {snap!.version}. Tilføjelsesprogrammet bruger version {TEMPLATE_VERSION}. Opgrader skriver skabelonen i version {TEMPLATE_VERSION}{' '}
            i stedet for den gamle med alle indtastninger overført, så ruden kan bruges. Du bliver spurgt, før noget ændres.
          </Body1>
          <Button className={styles.button} appearance="primary" disabled={busy} onClick={() => void prepare()} aria-describedby="start-status">
            Opgrader
          </Button>
        </>
      )}

      {kind === 'newer' && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Tilføjelsesprogrammet skal opdateres.</MessageBarTitle>
            Projektmappen er lavet med skabelonversion {snap!.version}, som er nyere end denne udgave af tilføjelsesprogrammet (version {TEMPLATE_VERSION}). Bed kommunens IT om at
            opdatere Parathedsvurdering; indtil da ændrer ruden ikke projektmappen.
          </MessageBarBody>
        </MessageBar>
      )}

      {kind === 'unknown' && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Projektmappen kan ikke læses.</MessageBarTitle>
            {snap!.problems.map((p) => p.message).join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}

      {kind === 'current' && (
        <>
          <Body1 as="p" block>
            Projektmappen indeholder en parathedsvurdering (skabelonversion {snap!.version}
            {typeof snap!.kommune.navn === 'string' && snap!.kommune.navn ? `, ${snap!.kommune.navn}` : ''}). {snap!.mirror.antal} af 10 parametre er vurderet
            {snap!.problems.length > 0 ? `, og der er ${snap!.problems.length} ${snap!.problems.length === 1 ? 'fejl' : 'fejl'} at rette` : ''}.
          </Body1>
          <div className={styles.row}>
            <Button disabled={model.writing} onClick={() => onGo('kommune')}>
              Vælg kommune
            </Button>
            <Button appearance="primary" disabled={model.writing} onClick={() => onGo('vurdering')}>
              Vurdér parametrene
            </Button>
            <Button disabled={model.writing} onClick={() => onGo('tal')}>
              Hent tal
            </Button>
            <Button disabled={model.writing} onClick={() => onGo('tjek')}>
              Tjek
            </Button>
          </div>
          <NyeTal report={newer} />
        </>
      )}

      <div id="start-status" role="status" aria-live="polite">
        {state.kind === 'busy' && <Spinner size="small" label={state.label} />}
        {state.kind === 'inserted' && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>Skabelonen er indsat.</MessageBarTitle>
              {state.sheets.length} ark er tilføjet: {state.sheets.join(', ')}. Begynd på arket {state.sheets[0]}.
            </MessageBarBody>
          </MessageBar>
        )}
        {state.kind === 'upgraded' && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>
                Opgraderet fra skabelonversion {state.upgrade.plan.from} til {state.upgrade.plan.to}.
              </MessageBarTitle>
              <UpgradeDetails upgrade={state.upgrade} />
            </MessageBarBody>
          </MessageBar>
        )}
        {state.kind === 'blocked' && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>{state.losing ? 'Projektmappen kan ikke opgraderes: noget i den ville gå tabt.' : 'Projektmappen kan ikke opgraderes, før dens opbygning er i orden.'}</MessageBarTitle>
              <ul className={styles.list}>
                {state.problems.map((p, i) => (
                  <li key={i}>
                    {where(p)}
                    {p.message}
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {state.kind === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>{state.title}</MessageBarTitle>
              {state.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>

      <Dialog open={state.kind === 'confirm'} modalType="alert" onOpenChange={(_, d) => !d.open && setState({ kind: 'idle' })}>
        <DialogSurface aria-describedby="upgrade-what">
          <DialogBody>
            <DialogTitle>Opgrader til version {TEMPLATE_VERSION}?</DialogTitle>
            <DialogContent id="upgrade-what" tabIndex={0} aria-label="Hvad opgraderingen ændrer">
              {state.kind === 'confirm' && (
                <>
                  <Body1 as="p" block>
                    Skabelonens ark i version {state.upgrade.plan.from} erstattes af version {TEMPLATE_VERSION} med alle indtastninger overført. Det kan ikke fortrydes med Fortryd i
                    Excel: gem en kopi af projektmappen først, hvis du vil kunne gå tilbage.
                  </Body1>
                  <UpgradeDetails upgrade={state.upgrade} />
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={model.writing} onClick={() => state.kind === 'confirm' && void upgrade(state.upgrade)}>
                Opgrader nu
              </Button>
              <Button onClick={() => setState({ kind: 'idle' })}>Annullér</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
