/**
 * The page without Excel: open an .xlsx (button, drag and drop, or ?sample=NAME.xlsx from this
 * site's samples/), check it with the same pane as in Excel, and download the changed copy.
 * The file is read in the page with the File API; nothing is uploaded.
 */
import {
  Button,
  FluentProvider,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { ArrowDownload16Regular, FolderOpen16Regular, LockClosed16Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { PlanCheckApp } from '../app';
import { errorSentence } from '../app/messages';
import { SheetViewModel } from '../app/sheetView';
import { App } from '../taskpane/App';
import { ProgressPort } from '../taskpane/pane';
import { downloadFile } from '../taskpane/download';
import { useThemeName } from '../taskpane/theme';
import { XlsxSheetView } from '../xlsx/view';
import type { XlsxPort } from '../xlsx/xlsxPort';
import { checkedName, downloadType } from './download';
import { openOffThread } from './openOffThread';
import { isCancelled, type EngineProgress } from '../app/runner';
import { useLate, WorkBar } from '../taskpane/WorkProgress';
import { SheetView } from './SheetView';
import { paneStorage } from '../taskpane/preferences';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    '@media (min-width: 900px)': { height: '100vh' },
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px',
    alignItems: 'center',
    padding: '8px 12px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  name: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  notes: { display: 'flex', flexDirection: 'column', gap: '6px', padding: '8px 12px 0' },
  // Wide: the page fills the window; the pane scrolls in its own column on the left and the sheet
  // fills the rest. Narrow: one column, the sheet below the pane.
  main: {
    flexGrow: 1,
    display: 'flex',
    width: '100%',
    minWidth: 0,
    minHeight: 0,
    boxSizing: 'border-box',
    '@media (max-width: 899px)': { flexDirection: 'column' },
  },
  pane: {
    flexShrink: 0,
    width: '440px',
    minWidth: 0,
    overflowY: 'auto',
    '@media (max-width: 899px)': { width: '100%', overflowY: 'visible' },
  },
  solo: { flexGrow: 1, maxWidth: '760px', minWidth: 0 },
  sheet: {
    flexGrow: 1,
    minWidth: 0,
    minHeight: 0,
    boxSizing: 'border-box',
    padding: '8px 12px 12px 4px',
    '@media (max-width: 899px)': { flexGrow: 0, height: '70vh', padding: '0 12px 12px' },
  },
  drop: {
    margin: '12px',
    padding: '32px 16px',
    textAlign: 'center',
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  dragging: { outline: `3px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-3px' },
  hidden: { display: 'none' },
  sampleButton: { marginTop: '12px' },
});

interface Opened {
  port: XlsxPort;
  app: PlanCheckApp;
  name: string;
  /** The sheet view's reading of the port's workbook and selection. */
  sheet: SheetViewModel;
  /** How the sheet view lays each cell's text out, read from the port's workbook. */
  flow: XlsxSheetView;
  /** Changes each time a file is opened, so the pane starts afresh. */
  key: number;
}

/** "plancheck-sample.xlsx" from ?sample=…, only a plain file name (no paths, no other sites). */
export function sampleName(search: string): string | null {
  const name = new URLSearchParams(search).get('sample');
  return name && /^[A-Za-z0-9][A-Za-z0-9._-]*\.xlsx$/.test(name) ? name : null;
}

/** The sample plan the empty page offers (built into samples/ by npm run samples). */
export const SAMPLE = 'plancheck-sample.xlsx';

export function BrowserPage() {
  const styles = useStyles();
  // No Office here: light or dark as the system is set.
  const themeName = useThemeName();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  /** How far opening has got (the worker's stages), and how to stop it; shown past half a second. */
  const [openProgress, setOpenProgress] = useState<EngineProgress | null>(null);
  const stopOpening = useRef<AbortController | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const showOpening = useLate(loading);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const count = useRef(0);
  const current = useRef<Opened | null>(null);
  const paneBox = useRef<HTMLDivElement>(null);
  /** Set by "Try the sample plan", which goes as the workbook opens: the focus then goes to the pane. */
  const focusPane = useRef(false);

  const open = useCallback(async (bytes: () => Promise<ArrayBuffer>, name: string) => {
    setLoading(true);
    setError(null);
    setNotice(null);
    setOpenProgress(null);
    const stop = new AbortController();
    stopOpening.current = stop;
    try {
      const buffer = await bytes();
      performance.mark('plancheck:bytes');
      // Parsed in the engine's worker; the page stays free to paint and answer clicks meanwhile.
      const port = await openOffThread(buffer, name, { signal: stop.signal, onProgress: setOpenProgress });
      performance.mark('plancheck:opened');
      count.current += 1;
      const flow = new XlsxSheetView(port.state);
      const sheet = new SheetViewModel(flow);
      setOpened((before) => {
        before?.sheet.dispose();
        return {
          port,
          app: new PlanCheckApp(new ProgressPort(port), undefined, undefined, paneStorage()),
          sheet,
          flow,
          name,
          key: count.current,
        };
      });
    } catch (e) {
      focusPane.current = false;
      const still = current.current;
      const open = still ? ` ${still.name} is still the workbook open.` : '';
      if (isCancelled(e)) setNotice(`Stopped opening ${name}.${open}`);
      else setError(errorSentence(e) + open);
    } finally {
      stopOpening.current = null;
      setOpenProgress(null);
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    current.current = opened;
    if (!opened || !focusPane.current) return;
    focusPane.current = false;
    // The next thing to do: the open tab's first action (Validate).
    paneBox.current?.querySelector<HTMLElement>('[role="tabpanel"]:not([hidden]) button:not(:disabled)')?.focus();
  }, [opened]);

  const openFile = (file: File | undefined) => {
    if (!file) return;
    if (!/\.xlsx$/i.test(file.name) && !/\.xlsm$/i.test(file.name)) {
      setError(`${file.name} is not an Excel workbook (.xlsx); open it in Excel and save it as an Excel Workbook.`);
      return;
    }
    void open(() => file.arrayBuffer(), file.name);
  };

  const openSample = useCallback(
    (name: string) =>
      open(async () => {
        const url = new URL(`samples/${name}`, window.location.href);
        if (url.origin !== window.location.origin) throw new Error('samples come from this site only');
        const response = await fetch(url, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`the sample ${name} is not on this site`);
        return response.arrayBuffer();
      }, name),
    [open],
  );

  useEffect(() => {
    const name = sampleName(window.location.search);
    if (name) void openSample(name);
  }, [openSample]);

  const download = async () => {
    if (!opened) return;
    try {
      const bytes = await opened.port.toBuffer();
      downloadFile(checkedName(opened.name), bytes, downloadType(opened.name));
    } catch (e) {
      setError(errorSentence(e));
    }
  };

  return (
    <FluentProvider theme={themeName === 'dark' ? webDarkTheme : webLightTheme}>
      <div
        className={mergeClasses(styles.page, dragging && styles.dragging)}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          openFile(e.dataTransfer.files[0]);
        }}
      >
        <div className={styles.bar}>
          <Button
            appearance="primary"
            icon={<FolderOpen16Regular />}
            onClick={() => input.current?.click()}
            disabled={loading}
          >
            Open workbook
          </Button>
          <input
            ref={input}
            className={styles.hidden}
            type="file"
            accept=".xlsx,.xlsm"
            aria-label="Workbook to check"
            data-testid="file-input"
            onChange={(e) => {
              openFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <Button icon={<ArrowDownload16Regular />} onClick={download} disabled={!opened || loading}>
            Download
          </Button>
          <Text className={styles.name} weight="semibold" title={opened?.name}>
            {loading ? 'Opening…' : (opened?.name ?? '')}
          </Text>
        </div>
        <div className={styles.notes}>
          <MessageBar intent="info" icon={<LockClosed16Regular />}>
            <MessageBarBody>
              Your file never leaves this computer: PlanCheck reads it in this page and uploads nothing.
            </MessageBarBody>
          </MessageBar>
          {showOpening && (
            <WorkBar
              sentence={openProgress?.text ?? 'Reading the workbook'}
              done={openProgress?.done}
              total={openProgress?.total}
              onCancel={() => stopOpening.current?.abort()}
            />
          )}
          {notice && (
            <MessageBar intent="info" data-testid="page-notice">
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
          {error && (
            <MessageBar intent="error" role="alert" data-testid="page-error">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        <main className={styles.main}>
          {opened ? (
            <>
              <div className={styles.pane} ref={paneBox}>
                <App key={opened.key} app={opened.app} />
              </div>
              <div className={styles.sheet}>
                <SheetView key={opened.key} model={opened.sheet} flow={opened.flow} />
              </div>
            </>
          ) : (
            <div className={mergeClasses(styles.drop, styles.solo)}>
              <Text block>Open an .xlsx plan workbook, or drop it here, to check it.</Text>
              <Button
                className={styles.sampleButton}
                onClick={() => {
                  focusPane.current = true;
                  void openSample(SAMPLE);
                }}
                disabled={loading}
              >
                Try the sample plan
              </Button>
            </div>
          )}
        </main>
      </div>
    </FluentProvider>
  );
}
