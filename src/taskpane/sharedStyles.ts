/** Styles the pane's views share. */
import { tokens } from '@fluentui/react-components';
import type { GriffelStyle } from '@fluentui/react-components';

/** A list row that is a button (a finding, a risk): full width, plain, with a visible focus ring. */
export const rowButton: GriffelStyle = {
  display: 'flex',
  gap: '8px',
  width: '100%',
  textAlign: 'left',
  border: '1px solid transparent',
  borderRadius: tokens.borderRadiusMedium,
  backgroundColor: tokens.colorNeutralBackground1,
  color: tokens.colorNeutralForeground1,
  fontFamily: tokens.fontFamilyBase,
  fontSize: tokens.fontSizeBase300,
  lineHeight: tokens.lineHeightBase300,
  cursor: 'pointer',
  ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
};

/**
 * A table of figures in the pane. Fluent's Table lays columns out fixed to the pane's width;
 * figures need their own width, so the table takes the width its content needs and scrolls
 * sideways inside its frame when the pane is narrow.
 */
export const figureTable = {
  scroll: {
    overflowX: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  num: { textAlign: 'right', whiteSpace: 'nowrap' },
  table: { width: 'max-content', minWidth: '100%', tableLayout: 'auto' },
  label: { minWidth: '9em', maxWidth: '16em' },
} satisfies Record<string, GriffelStyle>;

/**
 * Fields side by side (`fields` on their container, `field` on each Field): every field's label,
 * box and message take rows shared with its neighbours' (CSS subgrid), so the boxes line up
 * however long a label is and however it wraps, and a message under one box moves no other.
 */
export const fieldGrid = {
  fields: { display: 'grid', columnGap: '12px', rowGap: 0 },
  field: { gridRow: 'span 3', gridTemplateRows: 'subgrid', rowGap: 0, marginBottom: '8px' },
} satisfies Record<string, GriffelStyle>;
