import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createOriginPolicy } from '../../../electron/main/app-origin';

const rendererDir = path.resolve('/opt/flowgate/out/renderer');
const fileUrl = (p: string) => pathToFileURL(p).href;

describe('origin policy for the built renderer (app://flowgate)', () => {
  const policy = createOriginPolicy('app');

  it('accepts the renderer page and its assets', () => {
    expect(policy.isAppUrl('app://flowgate/index.html')).toBe(true);
    expect(policy.isAppUrl('app://flowgate/assets/index-abc.js?v=1#x')).toBe(true);
    expect(policy.isAppUrl('app://FLOWGATE/index.html')).toBe(true);
    expect(policy.devOrigin).toBeNull();
  });

  it('refuses file:// pages, even inside the renderer folder, and look-alike app:// hosts', () => {
    expect(policy.isAppUrl(fileUrl(path.join(rendererDir, 'index.html')))).toBe(false);
    expect(policy.isAppUrl(fileUrl('/home/me/Downloads/evil.html'))).toBe(false);
    expect(policy.isAppUrl('app://flowgate.evil/index.html')).toBe(false);
    expect(policy.isAppUrl('app://evil/index.html')).toBe(false);
    expect(policy.isAppUrl('app://user@flowgate/index.html')).toBe(false);
    expect(policy.isAppUrl('app://flowgate:8080/index.html')).toBe(false);
    expect(policy.isAppUrl('apps://flowgate/index.html')).toBe(false);
  });

  it('refuses web pages and garbage', () => {
    expect(policy.isAppUrl('https://example.com/index.html')).toBe(false);
    expect(policy.isAppUrl('http://localhost:5173/')).toBe(false);
    expect(policy.isAppUrl('about:blank')).toBe(false);
    expect(policy.isAppUrl('not a url')).toBe(false);
    expect(policy.isAppUrl('')).toBe(false);
  });

  it('treats only #fragment changes as the same page', () => {
    const page = 'app://flowgate/index.html';
    expect(policy.isSamePage(page, `${page}#/settings`)).toBe(true);
    expect(policy.isSamePage(page, `${page}?x=1`)).toBe(false);
    expect(policy.isSamePage(page, 'app://flowgate/other.html')).toBe(false);
    expect(policy.isSamePage(page, 'https://example.com/')).toBe(false);
    expect(policy.isSamePage(page, 'nonsense')).toBe(false);
  });
});

describe('origin policy for the dev server', () => {
  const policy = createOriginPolicy({ devUrl: 'http://localhost:5173/' });

  it('accepts exactly the dev server origin', () => {
    expect(policy.devOrigin).toBe('http://localhost:5173');
    expect(policy.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(policy.isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(policy.isAppUrl('https://localhost:5173/')).toBe(false);
    expect(policy.isAppUrl(fileUrl(path.join(rendererDir, 'index.html')))).toBe(false);
  });

  it('rejects a dev URL it cannot use', () => {
    expect(() => createOriginPolicy({ devUrl: 'nonsense' })).toThrow(/dev server/);
  });
});
