/**
 * The budget bridge as the Compare tab previews it. Every year side by side where the pane has the
 * room; where it has not (350 px), one year at a time, the year most lines moved in first, with a
 * "Year shown" choice for the others. A year shown on its own leaves out the lines that did not move
 * in it, and names them, so no changed line reads 0 there. Figures as the inserted bridge prints
 * them: negatives in brackets.
 */
import {
  Field,
  makeStyles,
  mergeClasses,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Bridge, BridgeRow } from '../engine/compare';
import { formatFigure } from '../engine/numbers';
import { Waterfall } from './charts/lazy';
import { figureTable } from './sharedStyles';
import { WideTable } from './WideTable';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  ...figureTable,
  // Side by side, a long label wraps rather than pushing the years out of sight.
  wrapLabel: { width: '11em', whiteSpace: 'normal' },
  oneYear: { width: '100%', tableLayout: 'auto' },
  // One year: its figures' column as narrow as they are, the labels given the rest.
  tight: { width: '1%' },
  // A year's header over its figures, on the right as they are.
  headRight: { justifyContent: 'flex-end' },
});

const MOVES = new Set<BridgeRow['kind']>(['movement', 'other', 'unexplained']);

/** The year the most lines moved in (the earliest of equals), to show first when one year fits. */
export function busiestYear(bridge: Bridge): number {
  let best = 0;
  let most = -1;
  bridge.years.forEach((_y, i) => {
    const moved = bridge.rows.filter((r) => MOVES.has(r.kind) && r.values[i] !== 0).length;
    if (moved > most) [best, most] = [i, moved];
  });
  return best;
}

/** One year of the bridge: its rows, less the lines that did not move in it (named apart). */
export function yearOfBridge(bridge: Bridge, i: number): { rows: BridgeRow[]; notMoved: string[] } {
  const still = (r: BridgeRow) => MOVES.has(r.kind) && r.values[i] === 0;
  return {
    rows: bridge.rows.filter((r) => !still(r)),
    notMoved: bridge.rows.filter((r) => still(r) && r.kind !== 'unexplained').map((r) => r.label),
  };
}

function and(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function BridgePreview({ bridge }: { bridge: Bridge }) {
  const styles = useStyles();
  const box = useRef<HTMLDivElement>(null);
  /** The year chosen ("all", or its index), or null for the pane's own choice. */
  const [pick, setPick] = useState<string | null>(null);
  const [room, setRoom] = useState(0);
  /** The width every year side by side takes, once measured. */
  const [need, setNeed] = useState<number | null>(null);
  const fits = need === null || need <= room;
  const shown = pick ?? (fits || bridge.years.length < 2 ? 'all' : String(busiestYear(bridge)));

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const seen = () => setRoom(el.clientWidth);
    seen();
    const observer = new ResizeObserver(seen);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    const table = box.current?.querySelector('table');
    // The table with its frame's border, when every year is shown; measured again as the room changes.
    if (shown === 'all' && table) setNeed(table.offsetWidth + 2);
  }, [shown, room, bridge]);

  const one = shown === 'all' ? null : Number(shown);
  const { rows, notMoved } = one === null ? { rows: bridge.rows, notMoved: [] } : yearOfBridge(bridge, one);
  const years = one === null ? bridge.years.map((y, i) => ({ y, i })) : [{ y: bridge.years[one], i: one }];

  return (
    <div className={styles.root} ref={box} data-testid="bridge">
      {bridge.years.length > 1 && (
        <Field
          label="Year shown"
          hint={one === null ? undefined : `Inserting the bridge writes all ${bridge.years.length} years.`}
        >
          <Select value={shown} onChange={(_e, d) => setPick(d.value)}>
            <option value="all">All years</option>
            {bridge.years.map((y, i) => (
              <option key={y} value={String(i)}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Waterfall bridge={bridge} year={one ?? busiestYear(bridge)} chosen={one !== null} />
      <WideTable className={styles.scroll} label={bridge.title}>
        <Table
          size="extra-small"
          aria-label={one === null ? bridge.title : `${bridge.title}, ${bridge.years[one]}`}
          className={one === null ? styles.table : styles.oneYear}
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={one === null ? styles.wrapLabel : undefined}>{bridge.title}</TableHeaderCell>
              {years.map(({ y }) => (
                <TableHeaderCell
                  key={y}
                  className={mergeClasses(styles.num, one !== null && styles.tight)}
                  button={{ className: styles.headRight }}
                >
                  {y}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.label}>
                <TableCell className={one === null ? styles.wrapLabel : undefined}>{r.label}</TableCell>
                {years.map(({ y, i }) => (
                  <TableCell key={y} className={mergeClasses(styles.num, one !== null && styles.tight)}>
                    {formatFigure(r.values[i], { brackets: true })}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </WideTable>
      {one !== null && notMoved.length > 0 && (
        <Text className={styles.note} data-testid="bridge-note">
          {`Not moved in ${bridge.years[one]}, so not shown: ${and(notMoved)}.`}
        </Text>
      )}
    </div>
  );
}
