/**
 * The tabs behind the first one, each in a webpack chunk of its own, fetched from the pane's own
 * site the first time the tab is opened: the pane's first paint needs only Validate's code. A
 * spinner holds the tab's place while its chunk arrives.
 */
import { Spinner } from '@fluentui/react-components';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';

function tab<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): ComponentType {
  const View: LazyExoticComponent<ComponentType> = lazy(() => load().then((m) => ({ default: pick(m) })));
  const Loaded = () => (
    <Suspense fallback={<Spinner size="small" label="Opening the tab…" data-testid="tab-loading" />}>
      <View />
    </Suspense>
  );
  return Loaded;
}

export const TablesTab = tab(
  () => import(/* webpackChunkName: "tab-tables" */ './TablesView'),
  (m) => m.TablesView,
);
export const RisksTab = tab(
  () => import(/* webpackChunkName: "tab-risks" */ './RisksView'),
  (m) => m.RisksView,
);
export const GenerateTab = tab(
  () => import(/* webpackChunkName: "tab-generate" */ './GenerateView'),
  (m) => m.GenerateView,
);
export const BenchmarksTab = tab(
  () => import(/* webpackChunkName: "tab-benchmarks" */ './BenchmarksView'),
  (m) => m.BenchmarksView,
);
export const CompareTab = tab(
  () => import(/* webpackChunkName: "tab-compare" */ './CompareView'),
  (m) => m.CompareView,
);
export const SettingsTab = tab(
  () => import(/* webpackChunkName: "tab-settings" */ './SettingsView'),
  (m) => m.SettingsView,
);
export const HelpTab = tab(
  () => import(/* webpackChunkName: "tab-help" */ './HelpView'),
  (m) => m.HelpView,
);
