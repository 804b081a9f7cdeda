/**
 * Accepting a finding with a reason ("rounding as published", "agreed with the service") and the
 * initials of whoever accepts it; and the accepted findings, set apart, each with its reason and a
 * way to reopen it.
 */
import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState } from 'react';
import type { Acceptance } from '../engine/accepted';
import type { Finding } from '../engine/findings';
import { fieldGrid } from './sharedStyles';

const useStyles = makeStyles({
  open: { alignSelf: 'flex-start', marginLeft: '24px' },
  // The reason takes the room left by the initials: two columns whose labels, boxes and messages
  // share rows (fieldGrid), so "Your initials" wrapping in its narrow column moves neither box.
  form: {
    ...fieldGrid.fields,
    gridTemplateColumns: 'minmax(0, 1fr) 80px',
    padding: '6px 8px 8px 24px',
    borderLeft: `2px solid ${tokens.colorNeutralStroke2}`,
  },
  field: fieldGrid.field,
  // Fluent's Input is wider than 80 px unless told: it would run over the column.
  fit: { width: '100%', minWidth: 0 },
  buttons: { gridColumn: '1 / -1', display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px' },
  needs: { flexBasis: '100%', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  said: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, marginLeft: '24px' },
});

/** What Accept still needs, in a sentence; null when it can be pressed. */
export function acceptNeeds(reason: string, by: string): string | null {
  const why = reason.trim() === '';
  const who = by.trim() === '';
  if (why && who) return 'Write why it is accepted and add your initials to accept it.';
  if (why) return 'Write why it is accepted to accept it.';
  if (who) return 'Add your initials to accept it.';
  return null;
}

/**
 * The "Accept…" button under a finding, opening a small form for the reason and initials. Escape
 * or Cancel closes the form and gives the focus back to the finding's Accept… button.
 */
export function AcceptAction({
  finding,
  disabled,
  onAccept,
}: {
  finding: Finding;
  disabled: boolean;
  onAccept: (f: Finding, reason: string, by: string) => Promise<boolean>;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [by, setBy] = useState('');
  const needsId = useId();
  const opener = useRef<HTMLButtonElement>(null);
  /** Set when the form was closed from the keyboard or Cancel: the focus goes back to Accept…. */
  const refocus = useRef(false);
  useEffect(() => {
    if (open || !refocus.current) return;
    refocus.current = false;
    opener.current?.focus();
  }, [open]);
  const close = () => {
    refocus.current = true;
    setOpen(false);
  };
  const where = `${finding.sheet}!${finding.cell}`;
  if (!open) {
    return (
      <Button
        ref={opener}
        size="small"
        appearance="subtle"
        className={styles.open}
        onClick={() => setOpen(true)}
        disabled={disabled}
        aria-label={`Accept the finding at ${where}`}
      >
        Accept…
      </Button>
    );
  }
  const needs = acceptNeeds(reason, by);
  return (
    <form
      className={styles.form}
      aria-label={`Accept the finding at ${where}`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        close();
      }}
      onSubmit={async (e) => {
        e.preventDefault();
        if (needs) return;
        if (await onAccept(finding, reason, by)) setOpen(false);
      }}
    >
      <Field label="Why it is accepted" className={styles.field} required>
        <Input
          className={styles.fit}
          value={reason}
          onChange={(_e, d) => setReason(d.value)}
          placeholder="rounding as published"
          autoFocus
        />
      </Field>
      <Field label="Your initials" className={styles.field} required>
        <Input className={styles.fit} value={by} onChange={(_e, d) => setBy(d.value)} maxLength={8} />
      </Field>
      <div className={styles.buttons}>
        {needs && (
          <Text id={needsId} className={styles.needs} role="status">
            {needs}
          </Text>
        )}
        {/* Focusable while it cannot be pressed, so the keyboard reaches it and hears what it needs. */}
        <Button
          type="submit"
          appearance="primary"
          size="small"
          disabled={disabled}
          disabledFocusable={!disabled && needs !== null}
          aria-describedby={needs ? needsId : undefined}
        >
          Accept
        </Button>
        <Button size="small" onClick={close}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Under an accepted finding: who accepted it, when and why, and Reopen. */
export function AcceptedNote({
  finding,
  disabled,
  onReopen,
}: {
  finding: Finding & { accepted: Acceptance };
  disabled: boolean;
  onReopen: (f: Finding) => void;
}) {
  const styles = useStyles();
  const a = finding.accepted;
  return (
    <div>
      <Text className={styles.said} block>
        Accepted by {a.by}
        {a.on ? ` on ${a.on}` : ''}: “{a.reason}”
      </Text>
      <Button
        size="small"
        appearance="subtle"
        className={styles.open}
        onClick={() => onReopen(finding)}
        disabled={disabled}
        aria-label={`Reopen the finding at ${finding.sheet}!${finding.cell}`}
      >
        Reopen
      </Button>
    </div>
  );
}
