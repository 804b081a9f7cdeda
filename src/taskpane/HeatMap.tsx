/** The risk heat map as an HTML grid: likelihood up the side, impact along the bottom, risks counted in each cell. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { HeatMapView } from '../app/riskView';
import { softHyphens, textOn } from '../app/riskView';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, width: '100%', tableLayout: 'fixed' },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    textAlign: 'center',
    height: '34px',
    padding: '2px',
  },
  count: { display: 'block', fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  ids: {
    display: 'block',
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    overflowWrap: 'anywhere',
  },
  // Labels break between words, or at a hyphen PlanCheck offers in a long word, never mid-word.
  axis: {
    color: tokens.colorNeutralForeground2,
    padding: '2px 4px',
    textAlign: 'right',
    fontWeight: 'normal',
    overflowWrap: 'normal',
    wordBreak: 'normal',
    hyphens: 'manual',
  },
  axisCol: { width: '5.5em' },
  bottom: {
    color: tokens.colorNeutralForeground2,
    padding: '2px 1px',
    textAlign: 'center',
    fontWeight: 'normal',
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    overflowWrap: 'normal',
    wordBreak: 'normal',
    hyphens: 'manual',
  },
  corner: {
    color: tokens.colorNeutralForeground3,
    padding: '2px 4px',
    textAlign: 'right',
    fontWeight: 'normal',
    fontSize: tokens.fontSizeBase100,
  },
  caption: { captionSide: 'bottom', paddingTop: '4px', color: tokens.colorNeutralForeground3 },
});

export function HeatMap({ map }: { map: HeatMapView }) {
  const styles = useStyles();
  return (
    <table className={styles.table} data-testid="heat-map">
      <colgroup>
        <col className={styles.axisCol} />
        {map.impact.map((name) => (
          <col key={name} />
        ))}
      </colgroup>
      <caption className={styles.caption}>
        Likelihood up the side, impact along the bottom; each cell shows how many risks it holds and their ids.
      </caption>
      <tbody>
        {map.rows.map((row) => (
          <tr key={row[0]?.likelihood}>
            <th scope="row" className={styles.axis}>
              {softHyphens(map.likelihood[(row[0]?.likelihood ?? 1) - 1] ?? '')}
            </th>
            {row.map((c) => (
              <td
                key={c.impact}
                className={styles.cell}
                style={{ backgroundColor: c.color, color: textOn(c.color) }}
                title={`Score ${c.score} (${c.band})${c.ids.length ? `: ${c.ids.join(', ')}` : ''}`}
                aria-label={`Likelihood ${c.likelihood} ${map.likelihood[c.likelihood - 1] ?? ''}, impact ${c.impact} ${
                  map.impact[c.impact - 1] ?? ''
                }, score ${c.score}, ${c.band}: ${c.count} risk${c.count === 1 ? '' : 's'}${
                  c.ids.length ? ` (${c.ids.join(', ')})` : ''
                }`}
              >
                {c.count > 0 ? (
                  <>
                    <span className={styles.count}>{c.count}</span>
                    <span className={styles.ids}>
                      {c.ids.length <= 4 ? c.ids.join(', ') : `${c.ids.slice(0, 3).join(', ')}…`}
                    </span>
                  </>
                ) : null}
              </td>
            ))}
          </tr>
        ))}
        <tr>
          <th scope="col" className={styles.corner}>
            Impact →
          </th>
          {map.impact.map((name) => (
            <th key={name} scope="col" className={styles.bottom}>
              {softHyphens(name)}
            </th>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
