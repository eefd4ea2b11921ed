import {
  createTheme,
  type CSSVariablesResolver,
  type MantineColorSchemeManager,
} from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // WCAG 1.4.3: white text on the default shade 6 is 4.3:1; shade 8 gives well over 4.5:1.
  primaryShade: 8,
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

/**
 * "Dimmed" text is gray 6 by default (3.3:1 on white): gray 7 keeps it readable (WCAG 1.4.3).
 * Field errors are red 6 by default (3.3:1): red 9 gives 5.5:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
