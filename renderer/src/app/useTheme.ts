// The theme actually shown, following the OS while the setting is "system", applied to <html>.
import { useEffect, useSyncExternalStore } from 'react';
import { resolveTheme, type ResolvedTheme } from '../store/theme';
import { useUi } from './context';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void) {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function systemPrefersDark(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(QUERY).matches;
}

export function useResolvedTheme(): ResolvedTheme {
  const theme = useUi((s) => s.theme);
  const dark = useSyncExternalStore(subscribe, systemPrefersDark);
  return resolveTheme(theme, dark);
}

/** Puts the theme on <html data-theme>, which the stylesheet's variables key on. */
export function useApplyTheme(): ResolvedTheme {
  const resolved = useResolvedTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
  return resolved;
}
