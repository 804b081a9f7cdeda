/** The PlanCheck pane: six tabs over one controller. Used by the Excel task pane and the browser page. */
import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PlanCheckController } from '../app/controller';
import { BenchmarksView } from './BenchmarksView';
import { useConfirm } from './ConfirmDialog';
import { GenerateView } from './GenerateView';
import { PaneContext, usePaneState } from './pane';
import { RisksView } from './RisksView';
import { SettingsView } from './SettingsView';
import { TablesView } from './TablesView';
import { ValidateView } from './ValidateView';

declare global {
  interface Window {
    /** performance.now() at the pane's first paint, for the end-to-end test's report. */
    __plancheckFirstRender?: number;
  }
}

const TABS = [
  { id: 'validate', label: 'Validate', View: ValidateView },
  { id: 'tables', label: 'Tables', View: TablesView },
  { id: 'risks', label: 'Risks', View: RisksView },
  { id: 'generate', label: 'Generate', View: GenerateView },
  { id: 'benchmarks', label: 'Benchmarks', View: BenchmarksView },
  { id: 'settings', label: 'Settings', View: SettingsView },
] as const;

type TabId = (typeof TABS)[number]['id'];

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    padding: '8px 12px 16px',
    minHeight: '100%',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  tabs: { flexWrap: 'wrap', marginLeft: '-10px' },
  status: { position: 'sticky', top: 0, zIndex: 1 },
});

export function App({ app }: { app: PlanCheckController }) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>('validate');
  // A tab is built the first time it is opened, then kept (with its results) when another is chosen.
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(() => new Set<TabId>(['validate']));
  const { pane, status } = usePaneState(app);
  const { ask, dialog } = useConfirm();

  useEffect(() => {
    app.setAsk(ask);
  }, [app, ask]);

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (window.__plancheckFirstRender === undefined) window.__plancheckFirstRender = performance.now();
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  return (
    <FluentProvider theme={webLightTheme}>
      <PaneContext.Provider value={pane}>
        <div className={styles.root}>
          <TabList
            className={styles.tabs}
            size="small"
            selectedValue={tab}
            onTabSelect={(_e, data) => {
              const id = data.value as TabId;
              setTab(id);
              setOpened((seen) => (seen.has(id) ? seen : new Set([...seen, id])));
            }}
            aria-label="PlanCheck"
          >
            {TABS.map((t) => (
              <Tab key={t.id} value={t.id}>
                {t.label}
              </Tab>
            ))}
          </TabList>
          {status && (
            <MessageBar
              className={styles.status}
              intent={status.intent}
              role={status.intent === 'error' ? 'alert' : 'status'}
              data-testid="status"
            >
              <MessageBarBody>{status.text}</MessageBarBody>
            </MessageBar>
          )}
          {TABS.filter(({ id }) => opened.has(id)).map(({ id, label, View }) => (
            <div key={id} role="tabpanel" aria-label={label} hidden={tab !== id}>
              <View />
            </div>
          ))}
        </div>
        {dialog}
      </PaneContext.Provider>
    </FluentProvider>
  );
}
