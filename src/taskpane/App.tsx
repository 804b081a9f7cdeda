/**
 * The PlanCheck pane: eight tabs over one controller. Used by the Excel task pane and the browser
 * page. Light or dark as the host is (theme.ts); the tabs wrap at 320 px; progress shows while an
 * action runs.
 */
import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PlanCheckController } from '../app/controller';
import { useConfirm } from './ConfirmDialog';
import { BenchmarksTab, CompareTab, GenerateTab, HelpTab, RisksTab, SettingsTab, TablesTab } from './lazyTabs';
import { PaneContext, usePaneState } from './pane';
import { ProgressLine } from './WorkProgress';
import { useOpenFindings } from './tabCounts';
import { useThemeName, type ThemeName } from './theme';
import { ValidateView } from './ValidateView';

declare global {
  interface Window {
    /** performance.now() at the pane's first paint, for the end-to-end test's report. */
    __plancheckFirstRender?: number;
  }
}

const TABS = [
  { id: 'validate', label: 'Validate', View: ValidateView },
  // The other tabs' code is fetched when each is first opened (lazyTabs.tsx).
  { id: 'tables', label: 'Tables', View: TablesTab },
  { id: 'risks', label: 'Risks', View: RisksTab },
  { id: 'generate', label: 'Generate', View: GenerateTab },
  { id: 'benchmarks', label: 'Benchmarks', View: BenchmarksTab },
  { id: 'compare', label: 'Compare', View: CompareTab },
  { id: 'settings', label: 'Settings', View: SettingsTab },
  { id: 'help', label: 'Help', View: HelpTab },
] as const;

type TabId = (typeof TABS)[number]['id'];

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    padding: '8px 12px 16px',
    minHeight: '100%',
    minWidth: 0,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
  },
  // At 320 px the seven tabs wrap onto two rows rather than run off the edge.
  tabs: { flexWrap: 'wrap', marginLeft: '-10px', rowGap: '2px' },
  // In the flow, not sticky: a sticky message covered the fields beneath it as the pane scrolled.
  status: { flexShrink: 0 },
  // The message's place, kept from the pane's first action on (one line high), so the first
  // "Selected …" line moves nothing under the mouse.
  slot: { flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: '36px' },
  // The progress line takes no room of its own: it lies over the message's place (empty while an
  // action runs), or over the top of the pane when scrolled, so it moves nothing as it comes and goes.
  progressAnchor: { position: 'sticky', top: 0, zIndex: 1, height: 0, marginBottom: '-8px', flexShrink: 0 },
  panel: { minWidth: 0 },
});

/** "Validate" with the latest check's open errors and warnings, updated as live checks come back. */
function ValidateLabel({ label }: { label: string }) {
  const open = useOpenFindings();
  return <>{open === null || open === 0 ? label : `${label} (${open})`}</>;
}

export function App({ app, theme }: { app: PlanCheckController; theme?: ThemeName | null }) {
  const styles = useStyles();
  const themeName = useThemeName(theme);
  const [tab, setTab] = useState<TabId>('validate');
  // A tab is built the first time it is opened, then kept (with its results) when another is chosen.
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(() => new Set<TabId>(['validate']));
  const { pane, status } = usePaneState(app);
  const { ask, dialog } = useConfirm();
  // From the first action on, the message's place is kept (styles.slot).
  const [started, setStarted] = useState(false);
  if (!started && (pane.progress || status)) setStarted(true);

  const { asking } = pane;
  useEffect(() => {
    app.setAsk((question) => asking(() => ask(question)));
  }, [app, ask, asking]);

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (window.__plancheckFirstRender === undefined) window.__plancheckFirstRender = performance.now();
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  return (
    <FluentProvider theme={themeName === 'dark' ? webDarkTheme : webLightTheme} data-theme={themeName}>
      <PaneContext.Provider value={pane}>
        <div className={styles.root}>
          <TabList
            className={styles.tabs}
            size="small"
            selectedValue={tab}
            onTabSelect={(_e, data) => {
              const id = data.value as TabId;
              // A message belongs to the tab that said it.
              if (id !== tab) pane.show(null);
              setTab(id);
              setOpened((seen) => (seen.has(id) ? seen : new Set([...seen, id])));
            }}
            aria-label="PlanCheck"
          >
            {TABS.map((t) => (
              <Tab
                key={t.id}
                value={t.id}
                id={`plancheck-tab-${t.id}`}
                aria-controls={opened.has(t.id) ? `plancheck-panel-${t.id}` : undefined}
              >
                {t.id === 'validate' ? <ValidateLabel label={t.label} /> : t.label}
              </Tab>
            ))}
          </TabList>
          <div className={styles.progressAnchor}>{pane.progress && <ProgressLine progress={pane.progress} />}</div>
          {(started || status) && (
            <div className={styles.slot}>
              {status && !status.at && (
                <MessageBar
                  className={styles.status}
                  intent={status.intent}
                  role={status.intent === 'error' ? 'alert' : 'status'}
                  data-testid="status"
                >
                  <MessageBarBody>{status.text}</MessageBarBody>
                </MessageBar>
              )}
            </div>
          )}
          {TABS.filter(({ id }) => opened.has(id)).map(({ id, View }) => (
            <div
              key={id}
              id={`plancheck-panel-${id}`}
              className={styles.panel}
              role="tabpanel"
              aria-labelledby={`plancheck-tab-${id}`}
              hidden={tab !== id}
            >
              <View />
            </div>
          ))}
        </div>
        {dialog}
      </PaneContext.Provider>
    </FluentProvider>
  );
}
