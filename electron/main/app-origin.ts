// Which URLs are "our app": the built renderer folder (file://) or, in development, the dev server origin.
// Navigation, CSP and IPC sender checks all ask this one place.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export function createOriginPolicy(target: { rendererDir: string } | { devUrl: string }): OriginPolicy {
  const devOrigin = 'devUrl' in target ? (parse(target.devUrl)?.origin ?? null) : null;
  if ('devUrl' in target && (!devOrigin || devOrigin === 'null')) throw new Error(`Not a usable dev server URL: ${target.devUrl}`);
  const rendererDir = 'rendererDir' in target ? path.resolve(target.rendererDir) + path.sep : null;

  function isAppUrl(url: string): boolean {
    const u = parse(url);
    if (!u) return false;
    if (devOrigin) return u.origin === devOrigin;
    if (u.protocol !== 'file:' || u.host !== '') return false;
    let file: string;
    try {
      file = path.resolve(fileURLToPath(u));
    } catch {
      return false;
    }
    return rendererDir !== null && file.startsWith(rendererDir);
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
