/** What every view shares: the controller, and one way to run an action and show its outcome and progress. */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { PlanCheckController, Result } from '../app/controller';
import type { WorkbookSnapshot } from '../engine/grid';
import type {
  Mark,
  ReadOptions,
  StyleAnswer,
  UndoOptions,
  WorkbookFile,
  WorkbookPort,
  WriteResult,
} from '../engine/port';
import type { Settings } from '../engine/settings';
import type { TableSpec } from '../engine/spec';

export interface Status {
  intent: 'success' | 'error' | 'info';
  text: string;
  /** Shown beside the button pressed (an <Outcome at=…> of the same name) rather than above the tabs. */
  at?: string;
}

/** What is running: a sentence, and how far the workbook read has got where the port says. */
export interface Progress {
  text: string;
  done?: number;
  total?: number;
  /** The engine's stage while it works ("Checking the figures of 3 tables"), with a way to stop it. */
  stage?: string;
  cancel?: () => void;
}

export interface Pane {
  app: PlanCheckController;
  busy: boolean;
  progress: Progress | null;
  /**
   * Runs an action with a sentence saying what it does ("Checking the workbook…"); shows its
   * note or error; resolves to its value, or undefined when it failed.
   */
  run<T>(action: () => Promise<Result<T>>, doing?: string, at?: string): Promise<T | undefined>;
  show(status: Status | null): void;
  /** What the last action said (or null). */
  status: Status | null;
  /** Runs a question to the user with the progress line hidden until it is answered. */
  asking<T>(question: () => Promise<T>): Promise<T>;
}

export const PaneContext = createContext<Pane | null>(null);

export function usePane(): Pane {
  const pane = useContext(PaneContext);
  if (!pane) throw new Error('usePane outside <App>');
  return pane;
}

type Listener = (done: number, total: number) => void;

/**
 * A port that tells the pane how far each read has got (the Office.js port reads in row blocks;
 * the exceljs port sheet by sheet). Everything else goes straight through.
 */
export class ProgressPort implements WorkbookPort {
  private listeners = new Set<Listener>();
  readonly selection?: () => Promise<{ sheet: string; cell: string } | null>;
  readonly takeNotes?: () => string[];
  readonly fileBytes?: () => Promise<WorkbookFile | null>;
  readonly styleOf?: (sheet: string, cells: string[], columns?: number[]) => Promise<StyleAnswer>;

  constructor(readonly inner: WorkbookPort) {
    if (inner.selection) this.selection = () => inner.selection!();
    if (inner.takeNotes) this.takeNotes = () => inner.takeNotes!();
    if (inner.fileBytes) this.fileBytes = () => inner.fileBytes!();
    if (inner.styleOf) this.styleOf = (sheet, cells, columns) => inner.styleOf!(sheet, cells, columns);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    return this.inner.read({
      ...options,
      onProgress: (done, total) => {
        options.onProgress?.(done, total);
        for (const l of this.listeners) l(done, total);
      },
    });
  }
  write(spec: TableSpec, options?: { overwrite?: boolean }): Promise<WriteResult> {
    return this.inner.write(spec, options);
  }
  undo(options?: UndoOptions): Promise<boolean> {
    return this.inner.undo(options);
  }
  canUndo(): boolean {
    return this.inner.canUndo();
  }
  select(sheet: string, cell: string): Promise<void> {
    return this.inner.select(sheet, cell);
  }
  mark(marks: Mark[]): Promise<void> {
    return this.inner.mark(marks);
  }
  clearMarks(): Promise<void> {
    return this.inner.clearMarks();
  }
  loadSettings(): Promise<Settings> {
    return this.inner.loadSettings();
  }
  saveSettings(settings: Settings): Promise<void> {
    return this.inner.saveSettings(settings);
  }
}

/** Builds the pane's shared state: one action at a time, one status line, one progress line. */
export function usePaneState(app: PlanCheckController): { pane: Pane; status: Status | null } {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    if (!(app.port instanceof ProgressPort)) return;
    return app.port.listen((done, total) => setProgress((p) => (p ? { ...p, done, total } : p)));
  }, [app]);
  // The engine's stages while it works (in its worker where there is one), and Cancel.
  useEffect(
    () =>
      app.work.listen((w) =>
        setProgress((p) => {
          if (!p) return p;
          if (!w) return { text: p.text };
          return { ...p, stage: w.text, done: w.done, total: w.total, cancel: () => app.work.cancel() };
        }),
      ),
    [app],
  );

  const run = useCallback(
    async <T,>(action: () => Promise<Result<T>>, doing = 'Working…', at?: string): Promise<T | undefined> => {
      setBusy(true);
      setStatus(null);
      setProgress({ text: doing });
      try {
        const result = await action();
        if (!result.ok) {
          setStatus({ intent: result.stopped ? 'info' : 'error', text: result.error, at });
          return undefined;
        }
        if (result.note) setStatus({ intent: 'success', text: result.note, at });
        return result.value;
      } finally {
        setBusy(false);
        setProgress(null);
      }
    },
    [],
  );

  /** While the user answers a question, no "…ing" line behind it: the action waits on them, not the reverse. */
  const asking = useCallback(async <T,>(question: () => Promise<T>): Promise<T> => {
    let before: Progress | null = null;
    setProgress((p) => {
      before = p;
      return null;
    });
    try {
      return await question();
    } finally {
      setProgress((p) => p ?? before);
    }
  }, []);

  return { pane: { app, busy, progress, run, show: setStatus, asking, status }, status };
}
