import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createOriginPolicy } from '../../../electron/main/app-origin';

const rendererDir = path.resolve('/opt/flowgate/out/renderer');
const fileUrl = (p: string) => pathToFileURL(p).href;

describe('origin policy for the built renderer (file://)', () => {
  const policy = createOriginPolicy({ rendererDir });

  it('accepts the renderer page and its assets', () => {
    expect(policy.isAppUrl(fileUrl(path.join(rendererDir, 'index.html')))).toBe(true);
    expect(policy.isAppUrl(fileUrl(path.join(rendererDir, 'assets/index-abc.js')) + '?v=1#x')).toBe(true);
    expect(policy.devOrigin).toBeNull();
  });

  it('refuses other files, including look-alike folders and ../ escapes', () => {
    expect(policy.isAppUrl(fileUrl('/opt/flowgate/out/main/index.js'))).toBe(false);
    expect(policy.isAppUrl(fileUrl('/opt/flowgate/out/renderer-evil/index.html'))).toBe(false);
    expect(policy.isAppUrl('file:///opt/flowgate/out/renderer/../preload/index.cjs')).toBe(false);
    expect(policy.isAppUrl(fileUrl(rendererDir))).toBe(false);
    expect(policy.isAppUrl('file://evil-host/opt/flowgate/out/renderer/index.html')).toBe(false);
  });

  it('refuses web pages and garbage', () => {
    expect(policy.isAppUrl('https://example.com/index.html')).toBe(false);
    expect(policy.isAppUrl('http://localhost:5173/')).toBe(false);
    expect(policy.isAppUrl('about:blank')).toBe(false);
    expect(policy.isAppUrl('not a url')).toBe(false);
    expect(policy.isAppUrl('')).toBe(false);
  });

  it('treats only #fragment changes as the same page', () => {
    const page = fileUrl(path.join(rendererDir, 'index.html'));
    expect(policy.isSamePage(page, `${page}#/settings`)).toBe(true);
    expect(policy.isSamePage(page, `${page}?x=1`)).toBe(false);
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
