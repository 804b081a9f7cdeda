/**
 * Compare: the open workbook against an earlier version (an .xlsx picked here, read in the page and
 * never uploaded, or another sheet of this workbook). What changed, each change a click away from
 * its cell; the budget bridge previewed (BridgePreview) and inserted as live formulas.
 */
import { Button, Field, makeStyles, Radio, RadioGroup, Select, Text, tokens } from '@fluentui/react-components';
import { ArrowSwap16Regular, DocumentAdd16Regular, ErrorCircle16Filled, Info16Filled } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { CompareView as CompareResultView } from '../app';
import type { Change } from '../engine/compare';
import { Outcome, UndoInsert } from './InsertOutcome';
import { usePane } from './pane';
import { BridgePreview } from './BridgePreview';
import { rowButton } from './sharedStyles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-end' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  row: { ...rowButton, alignItems: 'flex-start', padding: '6px 8px' },
  text: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, overflowWrap: 'anywhere' },
  cells: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

function where(c: Change): string {
  return [c.oldCell && `was ${c.oldCell}`, c.newCell && `now ${c.newCell}`].filter(Boolean).join(' · ');
}

export function CompareView() {
  const styles = useStyles();
  const { app, busy, run, show } = usePane();
  const [source, setSource] = useState<'file' | 'sheet'>('file');
  const [file, setFile] = useState<{ bytes: Uint8Array; name: string } | null>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheet, setSheet] = useState('');
  const [view, setView] = useState<CompareResultView | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (source !== 'sheet' || sheets.length > 0) return;
    void run(() => app.sheetNames(), 'Listing the sheets…').then((names) => {
      if (names) {
        setSheets(names);
        setSheet(names[0] ?? '');
      }
    });
  }, [source, sheets.length, app, run]);

  const pick = async (f: File | undefined) => {
    if (!f) return;
    setFile({ bytes: new Uint8Array(await f.arrayBuffer()), name: f.name });
  };
  const compare = async () => {
    const earlier = source === 'file' ? (file ? { file } : null) : sheet ? { sheet } : null;
    if (!earlier) {
      show({
        intent: 'error',
        text: source === 'file' ? 'Choose the earlier version’s file first.' : 'Choose a sheet.',
      });
      return;
    }
    const v = await run(() => app.compare(earlier), 'Comparing the two versions…');
    if (v) setView(v);
  };
  const goTo = async (c: Change) => {
    const at = c.newCell ?? c.oldCell;
    if (!at || !c.newCell) {
      show({ intent: 'info', text: `${at ?? 'That line'} is only in the earlier version.` });
      return;
    }
    const i = at.lastIndexOf('!');
    const done = await run(() => app.goTo({ sheet: at.slice(0, i), cell: at.slice(i + 1) }), `Going to ${at}…`);
    if (done !== undefined) show({ intent: 'info', text: `Selected ${at}.` });
  };

  return (
    <div className={styles.root}>
      <Text>
        Compare this workbook with an earlier version: what changed, line by line and year by year, and the budget
        bridge from the earlier total to this one. Rows inserted or moved make no difference.
      </Text>
      <RadioGroup
        value={source}
        onChange={(_e, d) => setSource(d.value as 'file' | 'sheet')}
        aria-label="The earlier version"
      >
        <Radio value="file" label="An earlier file (.xlsx), read here and never uploaded" />
        <Radio value="sheet" label="Another sheet of this workbook" />
      </RadioGroup>
      <div className={styles.actions}>
        {source === 'file' ? (
          <>
            <input
              ref={input}
              type="file"
              accept=".xlsx,.xlsm"
              hidden
              data-testid="compare-file"
              onChange={(e) => void pick(e.target.files?.[0])}
            />
            <Button onClick={() => input.current?.click()} disabled={busy}>
              {file ? `Earlier file: ${file.name}` : 'Choose the earlier file…'}
            </Button>
          </>
        ) : (
          <Field label="Earlier version on sheet">
            <Select value={sheet} onChange={(_e, d) => setSheet(d.value)}>
              {sheets.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </Select>
          </Field>
        )}
        <Button appearance="primary" icon={<ArrowSwap16Regular />} onClick={compare} disabled={busy}>
          Compare
        </Button>
      </div>
      {view && (
        <>
          <Text weight="semibold" aria-label="Comparison summary">
            {`${view.old} → ${view.new}: ${view.tables.length} table${view.tables.length === 1 ? '' : 's'} compared, ` +
              `${view.changes.length} change${view.changes.length === 1 ? '' : 's'}` +
              (view.errors > 0 ? `, ${view.errors} total${view.errors === 1 ? '' : 's'} typed over` : '')}
          </Text>
          {view.changes.length > 0 && (
            <ul className={styles.list} aria-label="Changes">
              {view.changes.map((c, i) => (
                <li key={i}>
                  <button
                    type="button"
                    className={styles.row}
                    onClick={() => void goTo(c)}
                    data-testid="change"
                    data-kind={c.kind}
                    title={c.newCell ? `Go to ${c.newCell}` : undefined}
                  >
                    {c.severity === 'error' ? (
                      <ErrorCircle16Filled aria-label="Error" primaryFill={tokens.colorPaletteRedForeground1} />
                    ) : (
                      <Info16Filled aria-label="Change" primaryFill={tokens.colorPaletteBlueForeground2} />
                    )}
                    <span className={styles.text}>
                      <span>{c.message}</span>
                      <span className={styles.cells}>{where(c)}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {view.bridges.map((b) => (
            <BridgePreview key={b.table} bridge={b} />
          ))}
          {view.bridges.length > 0 && (
            <div className={styles.actions}>
              <Button
                icon={<DocumentAdd16Regular />}
                onClick={() => run(() => app.insertBridge(), 'Inserting the budget bridge…', 'compare')}
                disabled={busy}
              >
                Insert the bridge
              </Button>
              <UndoInsert at="compare" />
            </div>
          )}
          <Outcome at="compare" />
        </>
      )}
    </div>
  );
}
