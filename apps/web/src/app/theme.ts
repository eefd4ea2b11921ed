import { createTheme, type MantineColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // A focus ring on every focusable element when reached by keyboard (WCAG 2.4.7, 2.4.11).
  focusRing: 'auto',
  defaultRadius: 'sm',
});

/**
 * Mantine keeps the colour scheme in localStorage by default; nothing of ours goes into browser
 * storage, so the scheme lives in memory (and follows the system on each load).
 */
export const memoryColorSchemeManager: MantineColorSchemeManager = {
  get: (defaultValue) => defaultValue,
  set: () => undefined,
  subscribe: () => undefined,
  unsubscribe: () => undefined,
  clear: () => undefined,
};
