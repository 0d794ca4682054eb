/**
 * Vurdering (meeting mode): the ten parameters as buttons a group can use on a shared screen.
 * The five self-evaluation ratings on the plain scale, the five assessed parameters with each
 * level's operationalisation. Choosing a level writes the rating cell (one write). Prøv lets the
 * meeting try other ratings and see the score they would give, then apply them (one write) or
 * discard them.
 */
import { Body1, Button, Caption1, MessageBar, MessageBarBody, Switch, Title2, Title3, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { shownValue } from '../../model/cpr';
import { ASSESSED_PARAMETERS, PARAMETERS, PARAMETER_KIND_LABEL, SELF_PARAMETERS, type Parameter } from '../../model/parameters';
import { SCALE } from '../../model/scale';
import { ratingValue, scoreCells } from '../../scoring/score';
import { danishError } from '../errors';
import type { PaneModel } from '../model';
import type { PaneServices } from '../services';
import type { Snapshot } from '../session';
import { ScoreCard } from './ScoreCard';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '40rem' },
  param: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, padding: 0, border: 'none' },
  levels: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  rubric: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  level: {
    justifyContent: 'flex-start',
    textAlign: 'left',
    whiteSpace: 'normal',
    height: 'auto',
    minHeight: '40px',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightRegular,
  },
  levelText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
  levelName: { fontWeight: tokens.fontWeightSemibold },
  trial: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  question: { margin: 0 },
});

const chosen = (raw: unknown): number | undefined => {
  const v = ratingValue(raw as never);
  return typeof v === 'number' ? v : undefined;
};

function ParameterRow({ p, value, raw, disabled, onChoose }: { p: Parameter; value?: number; raw: unknown; disabled: boolean; onChoose: (v: number) => void }) {
  const styles = useStyles();
  const titleId = `param-${p.id}`;
  const invalid = raw !== null && raw !== undefined && value === undefined;
  return (
    <div className={styles.param} role="group" aria-labelledby={titleId} aria-describedby={`${titleId}-q`}>
      <Title3 as="h3" id={titleId} style={{ fontSize: tokens.fontSizeBase400 }}>
        {p.navn}
      </Title3>
      <Caption1 as="p" block id={`${titleId}-q`} className={styles.question}>
        {p.spoergsmaal}
      </Caption1>
      {invalid && (
        <MessageBar intent="warning">
          <MessageBarBody>Cellen indeholder {shownValue(raw)}, som ikke er en vurdering. Vælg et niveau herunder, eller se Tjek.</MessageBarBody>
        </MessageBar>
      )}
      <div className={p.rubrik ? styles.rubric : styles.levels}>
        {SCALE.map((s) => (
          <ToggleButton
            key={s.value}
            className={styles.level}
            checked={value === s.value}
            appearance={value === s.value ? 'primary' : 'secondary'}
            disabled={disabled}
            onClick={() => onChoose(s.value)}
          >
            <span className={styles.levelText}>
              <span className={styles.levelName}>
                {s.value} · {s.label}
              </span>
              {p.rubrik && <span>{p.rubrik[s.value - 1]}</span>}
            </span>
          </ToggleButton>
        ))}
      </div>
    </div>
  );
}

export function VurderingScreen({ snapshot, services, model }: { snapshot: Snapshot; services: PaneServices; model: PaneModel }) {
  const styles = useStyles();
  const [trying, setTrying] = useState(false);
  const [trial, setTrial] = useState<Map<string, number>>(new Map());
  const [writing, setBusy] = useState(false);
  const busy = writing || model.writing;
  const [error, setError] = useState<string>();

  const rawOf = (p: Parameter) => snapshot.ratings[PARAMETERS.indexOf(p)];
  const valueOf = (p: Parameter) => (trying && trial.has(p.definedName) ? trial.get(p.definedName) : chosen(rawOf(p)));
  const trialScore = trying ? scoreCells(PARAMETERS.map((p) => (trial.has(p.definedName) ? trial.get(p.definedName)! : snapshot.ratings[PARAMETERS.indexOf(p)]!))) : undefined;

  async function write(ratings: Map<string, number>) {
    setBusy(true);
    setError(undefined);
    try {
      const only = ratings.size === 1 ? [...ratings][0] : undefined;
      // Undefined: another write was under way, and this one was not made.
      return !!(await model.act(() => (only ? services.setRating(only[0], only[1]) : services.setRatings(ratings)), [...ratings.keys()]));
    } catch (err) {
      setError(danishError(err, 'At skrive vurderingen'));
      return false;
    } finally {
      setBusy(false);
    }
  }

  function choose(p: Parameter, v: number) {
    if (trying) setTrial((t) => new Map(t).set(p.definedName, v));
    else void write(new Map([[p.definedName, v]]));
  }

  function discard() {
    setTrial(new Map());
    setTrying(false);
  }

  async function apply() {
    if (trial.size === 0 || (await write(trial))) discard();
  }

  const group = (title: string, params: readonly Parameter[]) => (
    <section aria-label={title} className={styles.stack}>
      <Title2 as="h2" style={{ fontSize: tokens.fontSizeBase500 }}>
        {title}
      </Title2>
      {params.map((p) => (
        <ParameterRow key={p.id} p={p} value={valueOf(p)} raw={rawOf(p)} disabled={busy} onChoose={(v) => choose(p, v)} />
      ))}
    </section>
  );

  return (
    <section className={styles.stack} aria-labelledby="vurdering-title">
      <Title2 as="h1" id="vurdering-title">
        Vurdering
      </Title2>
      <div>
        <ScoreCard snapshot={snapshot} calc={model.calc} {...(trialScore ? { trial: trialScore } : {})} />
      </div>
      <div className={styles.trial}>
        <Switch
          label="Prøv andre vurderinger"
          checked={trying}
          disabled={busy}
          onChange={(_, d) => (d.checked ? setTrying(true) : discard())}
        />
        {trying && (
          <>
            <Button appearance="primary" disabled={busy || trial.size === 0} onClick={() => void apply()}>
              Anvend ({trial.size})
            </Button>
            <Button disabled={busy} onClick={discard}>
              Kassér
            </Button>
          </>
        )}
      </div>
      {trying && <Body1 as="p" block>Valgene skrives ikke i projektmappen, før du trykker Anvend.</Body1>}
      <div role="status" aria-live="polite">
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {group(PARAMETER_KIND_LABEL.egen, SELF_PARAMETERS)}
      {group(PARAMETER_KIND_LABEL.vurdering, ASSESSED_PARAMETERS)}
    </section>
  );
}
