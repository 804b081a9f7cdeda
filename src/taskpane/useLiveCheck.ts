/**
 * Findings that follow the user's typing, in Excel: after each edit Excel reports (and a quiet
 * LIVE_PAUSE_MS), the workbook is checked again, reading only what changed, and the findings list
 * updated in place: no progress line, no busy buttons, no selection moved. The user can pause it; a
 * workbook over LIVE_MAX_CELLS starts paused. Where the host reports no edits (the browser page),
 * nothing happens: Validate again instead. An edit while a check runs stops it and checks again.
 */
import { useEffect, useRef, useState } from 'react';
import type { PlanCheckController, ValidationView } from '../app/controller';
import { LIVE_PAUSE_MS } from '../app/live';
import type { Finding } from '../engine/findings';

export interface LiveCheck {
  /** 'on' or 'large' where the host reports edits (after the first check), else 'off'. */
  mode: 'on' | 'large' | 'off';
  paused: boolean;
  setPaused: (paused: boolean) => void;
  /** What the last check after an edit fixed (a short trace, until the next one). */
  fixed: Finding[];
  /** A check after an edit is running. */
  checking: boolean;
}

export function useLiveCheck(
  app: PlanCheckController,
  view: ValidationView | null,
  onView: (view: ValidationView) => void,
  onProblem: (sentence: string) => void,
): LiveCheck {
  const [mode, setMode] = useState<LiveCheck['mode']>('off');
  const [paused, setPaused] = useState(false);
  const [fixed, setFixed] = useState<Finding[]>([]);
  const [checking, setChecking] = useState(false);
  const handlers = useRef({ onView, onProblem });
  handlers.current = { onView, onProblem };

  // What the host can do is known once a check has read the workbook.
  useEffect(() => {
    if (!view) return;
    const now = app.followsEdits();
    if (now === mode) return;
    if (mode === 'off' && now === 'large') setPaused(true);
    setMode(now);
  }, [app, view, mode]);

  const hasView = view !== null;

  useEffect(() => {
    if (!hasView || mode === 'off' || paused) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let running = false;
    let again = false;
    let stopped = false;
    const check = async (): Promise<void> => {
      if (running) {
        again = true; // one more check when this one ends: the user typed while it ran
        return;
      }
      running = true;
      setChecking(true);
      const r = await app.recheck();
      running = false;
      if (stopped) return;
      setChecking(false);
      if (r.ok) {
        setFixed(r.value.fixed);
        handlers.current.onView(r.value.view);
      } else if (!r.stopped) handlers.current.onProblem(r.error);
      if (again) {
        again = false;
        void check();
      }
    };
    const stop = app.onEdit(() => {
      if (timer) clearTimeout(timer);
      // A newer edit supersedes the check under way: it stops, and the next check reads this edit too.
      if (running) app.work.cancel('recheck');
      timer = setTimeout(() => void check(), LIVE_PAUSE_MS);
    });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stop();
    };
    // Listening starts once there is a check and the mode allows it (not again with every view).
  }, [app, hasView, mode, paused]);

  return { mode, paused, setPaused, fixed, checking };
}
