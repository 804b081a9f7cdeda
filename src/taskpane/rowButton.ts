/** The look of a list row that is a button (a finding, a risk): full width, plain, with a visible focus ring. */
import { tokens } from '@fluentui/react-components';
import type { GriffelStyle } from '@fluentui/react-components';

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
