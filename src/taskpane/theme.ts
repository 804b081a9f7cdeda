/**
 * Light or dark, as the host is. In Excel the pane follows Office's theme (the body background
 * colour of `Office.context.officeTheme`: dark when its luminance is low); in the browser page it
 * follows the system's `prefers-color-scheme`. The choice itself is a pure function, tested in Node.
 */
import { useEffect, useState } from 'react';

export type ThemeName = 'light' | 'dark';

/** Below this relative luminance (0 black .. 1 white) a background counts as dark. */
export const DARK_BELOW = 0.4;

/** The relative luminance (WCAG) of "#RRGGBB", "RRGGBB" or "#RGB"; null when it is not a colour. */
export function luminance(color: string | null | undefined): number | null {
  if (!color) return null;
  let hex = color.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = [...hex].map((c) => c + c).join('');
  if (!/^[0-9a-f]{6}$/i.test(hex)) return null;
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** Dark when the luminance is low, light otherwise. */
export function themeForLuminance(l: number): ThemeName {
  return l < DARK_BELOW ? 'dark' : 'light';
}

/** The theme for a background colour; light when the colour cannot be read. */
export function themeForBackground(color: string | null | undefined): ThemeName {
  const l = luminance(color);
  return l === null ? 'light' : themeForLuminance(l);
}

/** Office's theme, where office.js runs in a host that reports one; null elsewhere. */
export function officeThemeName(): ThemeName | null {
  try {
    if (typeof Office === 'undefined') return null;
    const theme = Office.context?.officeTheme;
    if (!theme?.bodyBackgroundColor) return null;
    return themeForBackground(theme.bodyBackgroundColor);
  } catch {
    return null;
  }
}

function systemThemeName(): ThemeName {
  if (typeof window === 'undefined' || !window.matchMedia) return 'light';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * The theme to draw in: the one given (Excel's, read at start), else the system's, followed as it
 * changes.
 */
export function useThemeName(given?: ThemeName | null): ThemeName {
  const [system, setSystem] = useState<ThemeName>(systemThemeName);
  useEffect(() => {
    if (given || typeof window === 'undefined' || !window.matchMedia) return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener?.('change', follow);
    return () => query.removeEventListener?.('change', follow);
  }, [given]);
  return given ?? system;
}
