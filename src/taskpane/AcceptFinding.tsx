/**
 * Accepting a finding with a reason ("rounding as published", "agreed with the service") and the
 * initials of whoever accepts it; and the accepted findings, set apart, each with its reason and a
 * way to reopen it.
 */
import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Acceptance } from '../engine/accepted';
import type { Finding } from '../engine/findings';

const useStyles = makeStyles({
  open: { alignSelf: 'flex-start', marginLeft: '24px' },
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px',
    alignItems: 'flex-end',
    padding: '6px 8px 8px 24px',
    borderLeft: `2px solid ${tokens.colorNeutralStroke2}`,
  },
  reason: { flexGrow: 1, minWidth: '160px' },
  initials: { width: '80px' },
  // Fluent's Input is wider than 80 px unless told: it would run over the Accept button.
  fit: { width: '100%', minWidth: 0 },
  said: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, marginLeft: '24px' },
});

/** The "Accept…" button under a finding, opening a small form for the reason and initials. */
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
  const where = `${finding.sheet}!${finding.cell}`;
  if (!open) {
    return (
      <Button
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
  const ready = reason.trim() !== '' && by.trim() !== '';
  return (
    <form
      className={styles.form}
      aria-label={`Accept the finding at ${where}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!ready) return;
        if (await onAccept(finding, reason, by)) setOpen(false);
      }}
    >
      <Field label="Why it is accepted" className={styles.reason} required>
        <Input value={reason} onChange={(_e, d) => setReason(d.value)} placeholder="rounding as published" autoFocus />
      </Field>
      <Field label="Your initials" className={styles.initials} required>
        <Input className={styles.fit} value={by} onChange={(_e, d) => setBy(d.value)} maxLength={8} />
      </Field>
      <Button type="submit" appearance="primary" size="small" disabled={disabled || !ready}>
        Accept
      </Button>
      <Button size="small" onClick={() => setOpen(false)}>
        Cancel
      </Button>
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
