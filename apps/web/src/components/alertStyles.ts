/** A light alert's coloured title is below 4.5:1 on its tint (WCAG 1.4.3): the text colour reads. */
export const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };
