/**
 * Help: what each tab does, accepting a finding, the evidence report, Download on the browser page,
 * the rounding rule, what the colours mean, privacy, and how to undo.
 */
import { makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { SHOW_TABLE_COLOR } from '../app/controller';
import { SEVERITY_COLORS } from '../engine/report';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  list: { margin: 0, paddingLeft: '1.2em', display: 'flex', flexDirection: 'column', gap: '4px' },
  rule: {
    display: 'block',
    padding: '6px 8px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    overflowWrap: 'anywhere',
  },
  colours: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  colour: { display: 'flex', gap: '8px', alignItems: 'baseline' },
  swatch: {
    flexShrink: 0,
    display: 'inline-block',
    width: '14px',
    height: '14px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    transform: 'translateY(2px)',
  },
});

const TABS: [string, string][] = [
  [
    'Validate',
    'Checks that each line’s funding adds up to its cash limit, totals equal their lines, net stays within gross, spend equals funding and the plan stays inside the council’s cash limit. Run it on the whole workbook or only on the table holding the selected cell. Click a finding (or press Enter on it) to go to its cell.',
  ],
  [
    'Tables',
    'The tables PlanCheck found, with their range, kind and what each column holds. Show one on the sheet, and correct it where PlanCheck guessed wrong: the header rows, a column’s role, the kind, or “Not a table”. Your corrections are saved with the workbook and used every time.',
  ],
  ['Risks', 'Scores risk registers on the council’s matrix, checks stated scores and ratings, and draws the heat map.'],
  [
    'Generate',
    'Builds budget projections, cost and benefit tables, savings envelopes and demand tables as live Excel formulas. You see a preview before anything is inserted. A budget projection, a savings envelope or a cost/benefit table can also fill your own template: select a cell in its table, choose Into a table of the workbook and Use the selected table; PlanCheck shows the lines and years it matched, asks about any budget line it cannot start, and writes only the figure cells.',
  ],
  ['Benchmarks', 'Compares the council with its comparator councils, indicator by indicator.'],
  [
    'Compare',
    'Compares this workbook with an earlier version of it: an .xlsx file you choose (opened on your computer, never uploaded) or another sheet of this workbook. It lists what changed, line by line and year by year, with any total that was typed over first; rows inserted or moved are not counted as changes. Click a change to go to its cell. Insert the bridge adds, on a new sheet, the budget bridge from the earlier total to this one, as live formulas.',
  ],
  [
    'Settings',
    'The rounding allowance, the allowed uplift, the cash limit for each year and the risk matrix. They are kept inside the workbook, so they travel with it.',
  ],
];

export function HelpView() {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="help">
      <Subtitle2 as="h3">What each tab does</Subtitle2>
      <ul className={styles.list}>
        {TABS.map(([tab, text]) => (
          <li key={tab}>
            <Text>
              <Text weight="semibold">{tab}:</Text> {text}
            </Text>
          </li>
        ))}
      </ul>

      <Subtitle2 as="h3">Accepting a finding</Subtitle2>
      <Text>
        Some findings are right for a reason the figures cannot show, such as a one-off grant or a transfer agreed with
        the NHS. Press <Text weight="semibold">Accept…</Text> under the finding, say why and give your initials, then
        press <Text weight="semibold">Accept</Text>. The finding moves to Accepted: it is no longer counted or coloured,
        and the reason, your initials and the date are saved in the workbook, so colleagues who open it see the same. It
        stays accepted while its figures stay the same; if they change, it is open again. Show accepted lists them, and{' '}
        <Text weight="semibold">Reopen</Text> takes an acceptance back.
      </Text>

      <Subtitle2 as="h3">The evidence report</Subtitle2>
      <Text>
        <Text weight="semibold">Export report</Text> on the Validate tab saves a web page (.html) recording the last
        check: the workbook’s name, size and SHA-256 fingerprint (which shows later that it is the same file), when it
        was checked and with which settings, the tables read, every rule and how many figures it checked, each finding
        with its figures and cell, and the accepted findings with their reasons and initials. Keep it with the budget
        papers as the record that the plan was checked. In Excel on a Mac, which lets add-ins save no files, it opens in
        a PlanCheck window to copy from instead. <Text weight="semibold">Add report sheet</Text> is different: it puts
        the findings on a new sheet of the workbook.
      </Text>

      <Subtitle2 as="h3">Download (the browser page)</Subtitle2>
      <Text>
        Without Excel, on PlanCheck’s browser page, what PlanCheck inserts changes only the copy open in the page.{' '}
        <Text weight="semibold">Download</Text> saves that copy as a new file, named like yours with “(checked)” added
        (plan.xlsx becomes plan (checked).xlsx); the file you opened is left as it was. The copy keeps the generated
        tables and their charts. In Excel there is no Download: save the workbook as usual.
      </Text>

      <Subtitle2 as="h3">Rounding</Subtitle2>
      <Text>
        Plans in £000 or £m are rounded line by line, so a total can differ a little from the sum of its printed lines
        without anything being wrong. PlanCheck compares a total with the sum of its n lines and calls the difference d
        a rounding difference (a note, not an error) when
      </Text>
      <code className={styles.rule}>|d| ≤ per figure × (n + 1) + extra</code>
      <Text>
        “Per figure” is half a unit of the last printed digit: 0.5 for whole £000, 0.0005 for £m printed to three
        decimals. “Extra” is 0 unless you set it. Anything larger is an error; an exact match says nothing. Both are in
        Settings.
      </Text>

      <Subtitle2 as="h3">What the colours mean</Subtitle2>
      <ul className={styles.colours}>
        {[
          [SEVERITY_COLORS.error, 'Error: the figures do not add up, beyond what rounding can explain.'],
          [SEVERITY_COLORS.warning, 'Warning: worth a look, for example a rise above the allowed uplift.'],
          [SEVERITY_COLORS.info, 'Note: for information, for example a rounding difference.'],
          [SHOW_TABLE_COLOR, 'A table shown from the Tables tab.'],
        ].map(([colour, text]) => (
          <li key={text} className={styles.colour}>
            <span className={styles.swatch} style={{ backgroundColor: colour }} aria-hidden="true" />
            <Text>{text}</Text>
          </li>
        ))}
      </ul>
      <Text>
        Checking only reads the workbook: findings are listed in the pane. The colours appear in the cells only while
        Show in the workbook (on the Validate tab) is on; they change nothing but a cell’s fill, and turning the switch
        off gives every cell its own colour back, exactly.
      </Text>

      <Subtitle2 as="h3">Your data stays with you</Subtitle2>
      <Text>
        Nothing leaves your machine. PlanCheck works on the open workbook inside Excel (or inside this page), makes no
        network calls and sends no usage data. Its settings are kept on a hidden sheet in the workbook itself.
      </Text>

      <Subtitle2 as="h3">Undoing</Subtitle2>
      <ul className={styles.list}>
        <li>
          <Text>
            Highlights: turn <Text weight="semibold">Show in the workbook</Text> off on the Validate tab.
          </Text>
        </li>
        <li>
          <Text>
            A report sheet, a generated table, a heat map, a comparison or a bridge: press{' '}
            <Text weight="semibold">Undo</Text> beside the button that inserted it, on any of those tabs; it names what
            it will undo. It takes back exactly what PlanCheck last wrote, and removes a sheet it added. Press it again
            to undo the insert before.
          </Text>
        </li>
        <li>
          <Text>
            A table correction: open the table on the Tables tab and press{' '}
            <Text weight="semibold">Use PlanCheck’s reading</Text>.
          </Text>
        </li>
        <li>
          <Text>PlanCheck never writes over cells that hold something without asking you first.</Text>
        </li>
      </ul>
    </div>
  );
}
