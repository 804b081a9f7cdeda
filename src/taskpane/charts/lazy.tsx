/**
 * The charts, fetched with d3-scale in one chunk of their own the first time a chart is shown:
 * neither the pane's start nor a tab that draws no chart carries them.
 */
import { Spinner } from '@fluentui/react-components';
import { lazy, Suspense, type ComponentProps } from 'react';
import type { RankedBenchmark as RankedBenchmarkChart } from './RankedBars';
import type { Waterfall as WaterfallChart } from './Waterfall';

const WaterfallLoaded = lazy(() =>
  import(/* webpackChunkName: "charts" */ './Waterfall').then((m) => ({ default: m.Waterfall })),
);
const RankedLoaded = lazy(() =>
  import(/* webpackChunkName: "charts" */ './RankedBars').then((m) => ({ default: m.RankedBenchmark })),
);

const waiting = <Spinner size="tiny" label="Drawing the chart…" />;

export function Waterfall(props: ComponentProps<typeof WaterfallChart>) {
  return (
    <Suspense fallback={waiting}>
      <WaterfallLoaded {...props} />
    </Suspense>
  );
}

export function RankedBenchmark(props: ComponentProps<typeof RankedBenchmarkChart>) {
  return (
    <Suspense fallback={waiting}>
      <RankedLoaded {...props} />
    </Suspense>
  );
}
