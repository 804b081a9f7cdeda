/** What every view shares: the controller, and one way to run an action and show its outcome. */
import { createContext, useCallback, useContext, useState } from 'react';
import type { PlanCheckController, Result } from '../app/controller';

export interface Status {
  intent: 'success' | 'error' | 'info';
  text: string;
}

export interface Pane {
  app: PlanCheckController;
  busy: boolean;
  /** Runs an action; shows its note or error; resolves to its value, or undefined when it failed. */
  run<T>(action: () => Promise<Result<T>>): Promise<T | undefined>;
  show(status: Status | null): void;
}

export const PaneContext = createContext<Pane | null>(null);

export function usePane(): Pane {
  const pane = useContext(PaneContext);
  if (!pane) throw new Error('usePane outside <App>');
  return pane;
}

/** Builds the pane's shared state: one action at a time, one status line. */
export function usePaneState(app: PlanCheckController): { pane: Pane; status: Status | null } {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);

  const run = useCallback(async <T,>(action: () => Promise<Result<T>>): Promise<T | undefined> => {
    setBusy(true);
    setStatus(null);
    try {
      const result = await action();
      if (!result.ok) {
        setStatus({ intent: 'error', text: result.error });
        return undefined;
      }
      if (result.note) setStatus({ intent: 'success', text: result.note });
      return result.value;
    } finally {
      setBusy(false);
    }
  }, []);

  return { pane: { app, busy, run, show: setStatus }, status };
}
