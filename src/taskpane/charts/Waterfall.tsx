/**
 * One year of the budget bridge as a waterfall: the earlier total, each line's rise or fall
 * floating from the running total, and the total now. Rises and falls differ in colour, in fill
 * (falls hatched) and in direction, and each bar carries its figure as the pane prints figures,
 * negatives in brackets. The figures stay in the bridge's table beneath.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { Bridge } from '../../engine/compare';
import { figure, layoutWaterfall, waterfallSteps, type WaterfallStep } from './layout';
import { useWidth } from './useWidth';

export const WATERFALL_COLORS = { total: '#8A8886', rise: '#CA5010', fall: '#0F6CBD' } as const;

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0 },
  caption: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  legend: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '2px 10px', marginTop: '2px' },
  key: { display: 'inline-flex', alignItems: 'center', gap: '4px' },
  swatch: { display: 'inline-block', width: '10px', height: '10px' },
  frame: { overflowX: 'auto', minWidth: 0 },
  svg: { display: 'block', fontFamily: tokens.fontFamilyBase },
});

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The chart in one sentence, for a screen reader. */
export function waterfallSentence(steps: WaterfallStep[], year: string): string {
  const start = steps.find((s) => s.kind === 'start');
  const end = steps.find((s) => s.kind === 'end');
  const rises = steps.filter((s) => s.kind === 'rise');
  const falls = steps.filter((s) => s.kind === 'fall');
  const sum = (xs: WaterfallStep[]) => xs.reduce((t, s) => t + s.value, 0);
  const moves = [
    rises.length ? `${plural(rises.length, 'line')} up by ${figure(sum(rises))}` : '',
    falls.length ? `${plural(falls.length, 'line')} down by ${figure(sum(falls))}` : '',
  ].filter(Boolean);
  return `Budget bridge for ${year}: from ${figure(start?.value ?? 0)} to ${figure(end?.value ?? 0)}${
    moves.length ? `, ${moves.join(' and ')}` : ', no line moved'
  }.`;
}

export function Waterfall({ bridge, year, chosen }: { bridge: Bridge; year: number; chosen: boolean }) {
  const styles = useStyles();
  const hatch = `plancheck-fall-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [box, room] = useWidth<HTMLDivElement>();
  const steps = waterfallSteps(bridge, year);
  if (steps.length === 0) return null;
  const label = bridge.years[year];
  const chart = room > 0 ? layoutWaterfall(steps, room) : null;
  const text = { fill: tokens.colorNeutralForeground1 };
  const faint = { fill: tokens.colorNeutralForeground2 };
  return (
    <figure className={styles.figure} data-testid="waterfall" data-year={label}>
      <figcaption className={styles.caption}>
        {`The bridge for ${label} as a chart`}
        {chosen || bridge.years.length < 2 ? '' : ', the year most lines moved in (pick another above)'}
        {chart && chart.baseline.value !== 0
          ? `. The bars stand on ${figure(chart.baseline.value)}, not on zero, so the changes can be seen.`
          : '.'}
        <span className={styles.legend} aria-hidden="true">
          <span className={styles.key}>
            <span className={styles.swatch} style={{ backgroundColor: WATERFALL_COLORS.total }} /> Total
          </span>
          <span className={styles.key}>
            <span className={styles.swatch} style={{ backgroundColor: WATERFALL_COLORS.rise }} /> Rise
          </span>
          <span className={styles.key}>
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={`url(#${hatch})`} />
            </svg>
            Fall, in brackets
          </span>
        </span>
      </figcaption>
      <div className={styles.frame} ref={box}>
        {chart && (
          <svg
            className={styles.svg}
            width={chart.width}
            height={chart.height}
            viewBox={`0 0 ${chart.width} ${chart.height}`}
            role="img"
            aria-label={waterfallSentence(steps, label)}
          >
            <defs>
              <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill={WATERFALL_COLORS.fall} />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#FFFFFF" strokeOpacity="0.55" strokeWidth="2.5" />
              </pattern>
            </defs>
            <line
              x1={0}
              x2={chart.width}
              y1={chart.baseline.y}
              y2={chart.baseline.y}
              stroke={tokens.colorNeutralStroke1}
            />
            {chart.links.map((l, i) => (
              <line
                key={`link${i}`}
                x1={l.x1}
                x2={l.x2}
                y1={l.y}
                y2={l.y}
                stroke={tokens.colorNeutralForeground3}
                strokeDasharray="3 2"
              />
            ))}
            {chart.bars.map((b, i) => (
              <g key={i} data-testid="waterfall-bar" data-kind={b.kind} data-label={b.label}>
                <title>{`${b.label}: ${b.text}`}</title>
                <rect
                  x={b.x}
                  y={b.y}
                  width={b.width}
                  height={Math.max(b.height, 0.5)}
                  fill={
                    b.kind === 'rise'
                      ? WATERFALL_COLORS.rise
                      : b.kind === 'fall'
                        ? `url(#${hatch})`
                        : WATERFALL_COLORS.total
                  }
                  stroke={b.kind === 'fall' ? WATERFALL_COLORS.fall : undefined}
                />
                <text
                  data-testid="waterfall-figure"
                  x={b.x + b.width / 2}
                  y={b.textY}
                  textAnchor="middle"
                  fontSize={b.fontSize}
                  fontWeight={b.kind === 'start' || b.kind === 'end' ? 600 : 400}
                  style={text}
                >
                  {b.text}
                </text>
                <text
                  data-testid="waterfall-name"
                  x={b.x + b.width / 2}
                  y={chart.namesY}
                  textAnchor="middle"
                  fontSize={chart.nameSize}
                  style={faint}
                >
                  {b.name.map((line, n) => (
                    <tspan key={n} x={b.x + b.width / 2} dy={n === 0 ? 0 : chart.nameSize + 2}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            ))}
          </svg>
        )}
      </div>
    </figure>
  );
}
