/**
 * The score card: Samlet (or Foreløbig with "mangler n af 10"), Egen vurdering, Vurdering af
 * parametre and Niveau by the TypeScript mirror, and what the sheet's own Score_* results say:
 * the same, not yet calculated, not compared (manual calculation), or a disagreement, shown.
 */
import { Body1, Caption1, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ScoreResult } from '../../scoring/score';
import { formatScore } from '../errors';
import type { CalcState } from '../model';
import { disagreements } from '../compare';
import type { Snapshot } from '../session';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  grid: { display: 'grid', gridTemplateColumns: '1fr max-content', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { margin: 0 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, textAlign: 'right' },
  big: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
});

const shown = (v: unknown) => (typeof v === 'number' ? formatScore(v) : v === '' || v === null || v === undefined ? 'tom' : String(v));

export function ScoreFigures({ score, label }: { score: ScoreResult; label: string }) {
  const styles = useStyles();
  const complete = typeof score.samlet === 'number';
  return (
    <div aria-label={label} role="group">
      <Body1 as="p" block>
        <span className={styles.big}>{complete ? formatScore(score.samlet) : typeof score.foreloebig === 'number' ? formatScore(score.foreloebig) : '–'}</span>{' '}
        {complete ? `Samlet · ${score.niveau}` : score.antal > 0 ? `Foreløbig · mangler ${10 - score.antal} af 10` : 'Ingen parametre er vurderet'}
      </Body1>
      <dl className={styles.grid}>
        <dt className={styles.term}>Egen vurdering</dt>
        <dd className={styles.value}>{formatScore(score.egen)}</dd>
        <dt className={styles.term}>Vurdering af parametre</dt>
        <dd className={styles.value}>{formatScore(score.vurdering)}</dd>
        <dt className={styles.term}>Niveau</dt>
        <dd className={styles.value}>{score.niveau || '–'}</dd>
      </dl>
    </div>
  );
}

export function SheetComparison({ snapshot, calc }: { snapshot: Snapshot; calc: CalcState }) {
  if (calc === 'manual') {
    return (
      <MessageBar intent="info">
        <MessageBarBody>Excel beregner manuelt, så arkets egne resultater sammenlignes ikke. Tryk F9 i Excel for at beregne.</MessageBarBody>
      </MessageBar>
    );
  }
  if (calc === 'pending') return <Caption1 role="status">Venter på, at Excel beregner arket …</Caption1>;
  const diff = disagreements(snapshot.mirror, snapshot.sheet);
  if (diff.length === 0) return <Caption1 role="status">Arkets egne resultater (Score-arket) stemmer med beregningen her.</Caption1>;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>Arket og ruden er uenige om scoren.</MessageBarTitle>
        {diff.map((d) => `${d.label}: arket ${shown(d.sheet)}, ruden ${shown(d.mirror)}`).join('; ')}. Kontrollér formlerne på arket Score (se Tjek), før scoren bruges.
      </MessageBarBody>
    </MessageBar>
  );
}

export function ScoreCard({ snapshot, calc, trial }: { snapshot: Snapshot; calc: CalcState; trial?: ScoreResult }) {
  const styles = useStyles();
  return (
    <section className={styles.card} aria-labelledby="score-title">
      <h2 id="score-title" style={{ margin: 0, fontSize: tokens.fontSizeBase400 }}>
        {trial ? 'Prøvet score' : 'Score'}
      </h2>
      <div aria-live="polite">{trial ? <ScoreFigures score={trial} label="Prøvet score" /> : <ScoreFigures score={snapshot.mirror} label="Score" />}</div>
      {trial && (
        <Caption1>
          I projektmappen nu: {typeof snapshot.mirror.samlet === 'number' ? `${formatScore(snapshot.mirror.samlet)} ${snapshot.mirror.niveau}` : `${snapshot.mirror.antal} af 10 vurderet`}
        </Caption1>
      )}
      <SheetComparison snapshot={snapshot} calc={calc} />
    </section>
  );
}
