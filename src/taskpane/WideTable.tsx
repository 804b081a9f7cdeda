/**
 * A frame for a table wider than the pane: it scrolls sideways (by mouse, touch, or the arrow keys
 * once focused), and while columns are out of sight a line above it says so, with how many.
 */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';

const useStyles = makeStyles({
  cue: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  wrap: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
});

export function WideTable({ className, label, children }: { className: string; label: string; children: ReactNode }) {
  const styles = useStyles();
  const frame = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState<'none' | 'right' | 'left' | 'both'>('none');
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const seen = () => {
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      const left = el.scrollLeft > 1;
      setHidden(right && left ? 'both' : right ? 'right' : left ? 'left' : 'none');
    };
    seen();
    const observer = new ResizeObserver(seen);
    observer.observe(el);
    el.addEventListener('scroll', seen, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', seen);
    };
  }, []);
  const cue =
    hidden === 'right'
      ? 'More columns to the right: scroll sideways.'
      : hidden === 'left'
        ? 'More columns to the left: scroll back.'
        : hidden === 'both'
          ? 'More columns either side: scroll sideways.'
          : null;
  return (
    <div className={styles.wrap}>
      {cue && (
        <Text className={styles.cue} data-testid="scroll-cue" aria-hidden="true">
          {cue}
        </Text>
      )}
      <div
        ref={frame}
        className={className}
        role="region"
        aria-label={cue ? `${label}. ${cue}` : label}
        tabIndex={hidden === 'none' ? undefined : 0}
      >
        {children}
      </div>
    </div>
  );
}
