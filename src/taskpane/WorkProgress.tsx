/**
 * The pane's progress line: a sentence while an action runs. Work that goes on past half a second
 * (a check of a large workbook) shows the engine's stage, a bar and Cancel; shorter work shows
 * nothing more than the sentence. The browser page shows the same for a workbook being opened.
 */
import { Button, makeStyles, ProgressBar, Spinner, Text, tokens } from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { Progress } from './pane';

/** Past this, the work shows how far it has got and can be cancelled. */
export const SHOW_PROGRESS_AFTER_MS = 500;

const useStyles = makeStyles({
  progress: {
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    padding: '6px 0',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  row: { display: 'flex', alignItems: 'center', gap: '8px', minWidth: 0 },
  sentence: { flexGrow: 1, minWidth: 0 },
  cancel: { flexShrink: 0 },
});

/** True once `on` has held for SHOW_PROGRESS_AFTER_MS. */
export function useLate(on: boolean): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    setLate(false);
    if (!on) return;
    const timer = setTimeout(() => setLate(true), SHOW_PROGRESS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [on]);
  return on && late;
}

/** A sentence, a bar (filling where the counts are known) and Cancel: long work as the user sees it. */
export function WorkBar({
  sentence,
  done,
  total,
  onCancel,
}: {
  sentence: string;
  done?: number;
  total?: number;
  onCancel?: () => void;
}) {
  const styles = useStyles();
  const known = total !== undefined && total > 0 && done !== undefined;
  return (
    <div className={styles.progress} role="status" aria-live="polite" data-testid="work-progress">
      <div className={styles.row}>
        <Text className={styles.sentence} size={200}>
          {sentence}
        </Text>
        {onCancel && (
          <Button className={styles.cancel} size="small" icon={<Dismiss16Regular />} onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
      <ProgressBar value={known ? done : undefined} max={known ? total : undefined} thickness="medium" />
    </div>
  );
}

/** The pane's line while an action runs. */
export function ProgressLine({ progress }: { progress: Progress }) {
  const styles = useStyles();
  const late = useLate(true);
  if (late && progress.cancel) {
    return (
      <div data-testid="progress">
        <WorkBar
          sentence={progress.stage ?? progress.text}
          done={progress.done}
          total={progress.total}
          onCancel={progress.cancel}
        />
      </div>
    );
  }
  const known = progress.total !== undefined && progress.total > 1 && progress.done !== undefined;
  const sentence = known ? `${progress.text} (${progress.done} of ${progress.total})` : progress.text;
  return (
    <div className={styles.progress} role="status" aria-live="polite" data-testid="progress">
      <Spinner size="extra-tiny" labelPosition="after" label={sentence} />
      {known && <ProgressBar value={progress.done} max={progress.total} thickness="medium" />}
    </div>
  );
}
