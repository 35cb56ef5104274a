// Which URLs are "our app": app://flowgate/ (the built renderer, served by app-protocol.ts) or, in
// development, the dev server origin. Navigation, CSP and IPC sender checks all ask this one place.
// A file:// page is never ours, not even one inside the renderer folder: every local HTML file
// shares that origin.
import { APP_HOST, APP_SCHEME } from './app-protocol';

export interface OriginPolicy {
  /** Whether a URL belongs to the app's own renderer. */
  isAppUrl(url: string): boolean;
  /** Whether two URLs name the same page (only the #fragment may differ). */
  isSamePage(a: string, b: string): boolean;
  /** The dev server origin, when the renderer is served by one. */
  readonly devOrigin: string | null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The built renderer on app://flowgate, or `{ devUrl }` for `electron-vite dev`. */
export function createOriginPolicy(target: 'app' | { devUrl: string }): OriginPolicy {
  const devOrigin = target === 'app' ? null : (parse(target.devUrl)?.origin ?? null);
  if (target !== 'app' && (!devOrigin || devOrigin === 'null')) throw new Error(`Not a usable dev server URL: ${target.devUrl}`);

  function isAppUrl(url: string): boolean {
    const u = parse(url);
    if (!u) return false;
    if (devOrigin) return u.origin === devOrigin;
    return u.protocol === `${APP_SCHEME}:` && u.host.toLowerCase() === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  }

  function isSamePage(a: string, b: string): boolean {
    const ua = parse(a);
    const ub = parse(b);
    if (!ua || !ub) return false;
    ua.hash = '';
    ub.hash = '';
    return ua.href === ub.href;
  }

  return { isAppUrl, isSamePage, devOrigin };
}
