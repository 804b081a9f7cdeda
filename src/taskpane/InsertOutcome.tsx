/**
 * What every tab that inserts shares: the answer to an insert shown beside the button pressed (not
 * above the tabs, out of sight in a pane scrolled down), and Undo, naming what it takes back.
 *
 * A view runs its insert with `run(action, doing, at)`, and puts <Outcome at={at} /> right under its
 * buttons and <UndoInsert at={at} /> among them. The answer is marked `data-keep-in-view`: the browser
 * page's sheet view, going to what was inserted, scrolls the window no further than keeps it in sight.
 */
import { Button, makeStyles, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { ArrowUndo16Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { undoLabel } from '../app/inserts';
import { usePane } from './pane';

const useStyles = makeStyles({
  outcome: { flexShrink: 0 },
  // A long name ("Undo: inserted Benchmarking against comparators on sheet …") wraps in a narrow pane.
  undo: { whiteSpace: 'normal', textAlign: 'left', height: 'auto', minHeight: 'fit-content' },
});

/**
 * The answer to the last action run with this `at`, where the view puts it, brought into sight
 * (as little as it must) when the button pressed was at the bottom of the pane.
 */
export function Outcome({ at }: { at: string }) {
  const styles = useStyles();
  const { status } = usePane();
  const shown = status && status.at === at ? status : null;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!shown) return;
    // A frame later, once the pane has laid out what the action changed above it.
    const frame = requestAnimationFrame(() => box.current?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [shown]);
  if (!shown) return null;
  return (
    <div ref={box} className={styles.outcome} data-keep-in-view="">
      {/* Multiline from the start: the answer does not grow after it is brought into sight. */}
      <MessageBar
        layout="multiline"
        intent={shown.intent}
        role={shown.intent === 'error' ? 'alert' : 'status'}
        data-testid="status"
      >
        <MessageBarBody>{shown.text}</MessageBarBody>
      </MessageBar>
    </div>
  );
}

/** Undo of PlanCheck's last insert, whichever tab made it, named; nothing while there is nothing to undo. */
export function UndoInsert({ at, small }: { at: string; small?: boolean }) {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const label = useSyncExternalStore(
    useCallback((changed: () => void) => app.inserts.subscribe(changed), [app]),
    () => (app.canUndo() ? undoLabel(app.lastInsert()) : null),
  );
  if (!label) return null;
  return (
    <Button
      className={styles.undo}
      size={small ? 'small' : 'medium'}
      appearance={small ? 'subtle' : 'secondary'}
      icon={<ArrowUndo16Regular />}
      onClick={() => void run(() => app.undo(), 'Undoing the last insert…', at)}
      disabled={busy}
    >
      {label}
    </Button>
  );
}
