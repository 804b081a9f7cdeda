/**
 * One indicator's comparator group as ranked bars: every council with a figure, best first (by
 * the indicator's polarity; largest first where it is not known), the user's own council in its
 * own colour, in bold and named "your council", and the comparators' lower quartile, median and
 * upper quartile as labelled lines. The figures stay in the comparison table.
 */
import { Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { IndicatorLike } from '../../app/contract';
import { cellText } from '../../app/controller';
import { layoutRanking, rankCouncils, textWidth, type Ranking } from './layout';
import { useWidth } from './useWidth';

export const RANK_COLORS = { own: '#0F6CBD', other: '#A19F9D' } as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0 },
  caption: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  svg: { display: 'block', fontFamily: tokens.fontFamilyBase },
});

/** The indicator as the pane names it: with its ASCOF code in front when the label leaves it out. */
function nameOf(i: IndicatorLike): string {
  const code = i.source?.code?.trim();
  return code && !i.indicator.includes(code) ? `${code} ${i.indicator}` : i.indicator;
}

/** True when the table gives figures for the comparator councils themselves, not only their average. */
export function hasCouncilFigures(i: IndicatorLike): boolean {
  return (i.source?.comparators ?? []).some((c) => typeof c.value === 'number');
}

/** The chart in one sentence, for a screen reader. */
export function rankingSentence(name: string, ranking: Ranking): string {
  const own = ranking.councils.find((c) => c.own);
  const q = ranking.quartiles;
  const where = own
    ? `${own.name} ranks ${own.rank} of ${ranking.councils.length} (${ranking.order}) at ${cellText(own.value)}`
    : `${ranking.councils.length} councils, ${ranking.order}`;
  const quartiles = q
    ? `; the comparators' lower quartile is ${cellText(q.lower)}, median ${cellText(q.median)} and upper quartile ${cellText(q.upper)}`
    : '';
  return `${name}: ${where}${quartiles}.`;
}

function Ranked({ indicator, own }: { indicator: IndicatorLike; own: string | null }) {
  const styles = useStyles();
  const [box, room] = useWidth<HTMLDivElement>();
  const ranking = rankCouncils(
    own ? { name: own, value: indicator.own } : null,
    indicator.source?.comparators ?? [],
    indicator.polarity,
  );
  const chart = room > 0 ? layoutRanking(ranking, room) : null;
  const name = nameOf(indicator);
  const halo = {
    paintOrder: 'stroke',
    stroke: tokens.colorNeutralBackground1,
    strokeWidth: 3,
    strokeLinejoin: 'round',
  } as const;
  const fit = (text: string, width: number) => {
    if (textWidth(text, 12) <= width) return text;
    const keep = Math.max(3, Math.floor(width / (12 * 0.6)) - 1);
    return `${text.slice(0, keep)}…`;
  };
  return (
    <figure className={styles.figure} data-testid="ranking">
      <figcaption className={styles.caption}>
        {`${name}: the councils ${ranking.order}${
          indicator.polarity ? ` (${indicator.polarity} is better)` : ' (which way is better is not known)'
        }. Dashed lines: the comparators' lower quartile (LQ) and upper quartile (UQ); solid line: their median.`}
      </figcaption>
      <div ref={box}>
        {chart && (
          <svg
            className={styles.svg}
            width={chart.width}
            height={chart.height}
            viewBox={`0 0 ${chart.width} ${chart.height}`}
            role="img"
            aria-label={rankingSentence(name, ranking)}
          >
            <line
              x1={chart.zeroX}
              x2={chart.zeroX}
              y1={chart.top}
              y2={chart.bottom}
              stroke={tokens.colorNeutralStroke1}
            />
            {chart.lines.map((l) => (
              <g key={l.key} data-testid="quartile" data-key={l.key} data-value={l.value}>
                <line
                  x1={l.x}
                  x2={l.x}
                  y1={l.tier * 14 + 14}
                  y2={chart.bottom}
                  stroke={tokens.colorNeutralForeground1}
                  strokeWidth={l.key === 'median' ? 1.5 : 1}
                  strokeDasharray={l.key === 'median' ? undefined : '4 3'}
                />
                <text
                  x={l.labelX}
                  y={l.tier * 14 + 11}
                  textAnchor="middle"
                  fontSize={10}
                  style={{ fill: tokens.colorNeutralForeground1, ...halo }}
                >
                  {l.label}
                </text>
              </g>
            ))}
            {chart.rows.map((r) => {
              const label = `${r.rank}. ${r.name}${r.own ? ' (your council)' : ''}`;
              return (
                <g
                  key={`${r.name}|${r.rank}`}
                  data-testid="ranking-row"
                  data-own={r.own ? 'true' : undefined}
                  data-name={r.name}
                  data-value={r.value}
                >
                  <title>{`${label}: ${cellText(r.value)}`}</title>
                  <rect
                    x={r.barX}
                    y={r.y}
                    width={r.barWidth}
                    height={chart.barHeight}
                    fill={r.own ? RANK_COLORS.own : RANK_COLORS.other}
                    stroke={r.own ? tokens.colorNeutralForeground1 : undefined}
                    strokeWidth={r.own ? 1.5 : undefined}
                  />
                  <text
                    data-testid="ranking-name"
                    x={4}
                    y={r.nameY}
                    fontSize={12}
                    fontWeight={r.own ? 700 : 400}
                    style={{ fill: tokens.colorNeutralForeground1, ...halo }}
                  >
                    {fit(label, chart.width - 8)}
                  </text>
                  <text
                    data-testid="ranking-figure"
                    x={r.textX}
                    y={r.y + chart.barHeight - 2}
                    fontSize={11}
                    fontWeight={r.own ? 700 : 400}
                    style={{ fill: tokens.colorNeutralForeground1, ...halo }}
                  >
                    {cellText(r.value)}
                  </text>
                </g>
              );
            })}
          </svg>
        )}
      </div>
    </figure>
  );
}

/** The ranking of the indicator chosen, among those whose table gives the councils' own figures. */
export function RankedBenchmark({ indicators, own }: { indicators: IndicatorLike[]; own: string | null }) {
  const styles = useStyles();
  const drawn = indicators.filter(hasCouncilFigures);
  const [pick, setPick] = useState(0);
  if (drawn.length === 0) return null;
  const shown = drawn[Math.min(pick, drawn.length - 1)];
  return (
    <div className={styles.root}>
      {drawn.length > 1 && (
        <Field label="Indicator ranked">
          <Select value={String(Math.min(pick, drawn.length - 1))} onChange={(_e, d) => setPick(Number(d.value))}>
            {drawn.map((i, n) => (
              <option key={`${i.indicator}|${n}`} value={String(n)}>
                {nameOf(i)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Ranked indicator={shown} own={own} />
    </div>
  );
}
