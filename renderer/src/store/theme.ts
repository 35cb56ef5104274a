// Theme setting → the theme actually shown. "system" follows the OS (prefers-color-scheme).
export type Theme = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

export function resolveTheme(theme: Theme, systemPrefersDark: boolean): ResolvedTheme {
  if (theme === 'system') return systemPrefersDark ? 'dark' : 'light';
  return theme;
}

/** View → Toggle Dark Theme: flips what is shown, and from then on stays explicit. */
export function toggledTheme(theme: Theme, systemPrefersDark: boolean): ResolvedTheme {
  return resolveTheme(theme, systemPrefersDark) === 'dark' ? 'light' : 'dark';
}
