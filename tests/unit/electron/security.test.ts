import { beforeEach, describe, expect, it } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { createOriginPolicy } from '../../../electron/main/app-origin';
import { contentSecurityPolicy, hardenAllWebContents, hardenSession, hardenWebContents } from '../../../electron/main/security';
import { FakeApp, FakeSession, FakeWebContents, fakeEvent } from './fake-electron';

const page = 'app://flowgate/index.html';
const policy = createOriginPolicy('app');

function headersFor(session: FakeSession, details: Record<string, unknown>): Record<string, unknown> {
  let response: Record<string, unknown> | undefined;
  session.headersListener!(details, (r) => (response = r as Record<string, unknown>));
  expect(response).toBeDefined();
  return response!;
}

describe('content security policy', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession();
    hardenSession(session as unknown as Session, policy);
  });

  it('adds a strict CSP to the app page, replacing any existing one', () => {
    const r = headersFor(session, {
      url: page,
      resourceType: 'mainFrame',
      responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['kept'] },
    });
    const headers = r.responseHeaders as Record<string, string[]>;
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy']);
    const csp = headers['Content-Security-Policy'][0];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['X-Other']).toEqual(['kept']);
  });

  it('leaves responses for other URLs untouched', () => {
    expect(headersFor(session, { url: 'https://example.com/', resourceType: 'mainFrame', responseHeaders: {} })).toEqual({});
  });

  it('allows the dev server, its websocket and inline scripts only in development', () => {
    const dev = contentSecurityPolicy('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain('ws://localhost:5173');
    const prod = contentSecurityPolicy(null);
    expect(prod.split('; ').find((d) => d.startsWith('script-src'))).toBe("script-src 'self'");
    expect(prod).not.toMatch(/ws:|http:/);
  });

  it('denies every permission request and check', () => {
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      session.permissionRequestHandler!({}, permission, (g) => granted.push(g), {});
    }
    expect(granted).toEqual([false, false, false, false, false, false]);
    expect(session.permissionCheckHandler!({}, 'media', page, {})).toBe(false);
  });
});

describe('webContents hardening', () => {
  let wc: FakeWebContents;
  beforeEach(() => {
    wc = new FakeWebContents();
    wc.mainFrame.url = page;
    hardenWebContents(wc as unknown as WebContents, policy);
  });

  it('prevents navigation to another URL', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', `${page}?other`]) {
      const e = fakeEvent();
      wc.emit('will-navigate', e, url);
      expect(e.defaultPrevented, url).toBe(true);
    }
  });

  it('allows a same-page (#fragment) navigation', () => {
    const e = fakeEvent();
    wc.emit('will-navigate', e, `${page}#/home`);
    expect(e.defaultPrevented).toBe(false);
  });

  it('prevents redirects away from the app', () => {
    const e = fakeEvent();
    wc.emit('will-redirect', e, 'https://evil.example/');
    expect(e.defaultPrevented).toBe(true);
  });

  it('denies window.open', () => {
    expect(wc.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: page })).toEqual({ action: 'deny' });
  });

  it('refuses <webview> tags', () => {
    const e = fakeEvent();
    wc.emit('will-attach-webview', e, {}, {});
    expect(e.defaultPrevented).toBe(true);
  });
});

describe('hardening of webContents created later', () => {
  it('applies to every webContents the app creates', () => {
    const app = new FakeApp();
    hardenAllWebContents(app as unknown as App, policy);
    const later = new FakeWebContents();
    later.mainFrame.url = page;
    app.emit('web-contents-created', {}, later);
    expect(later.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const e = fakeEvent();
    later.emit('will-navigate', e, 'https://example.com/');
    expect(e.defaultPrevented).toBe(true);
  });
});
