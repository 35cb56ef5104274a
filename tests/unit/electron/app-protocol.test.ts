// The app:// protocol the desktop renderer is loaded from: it serves the built renderer folder and
// nothing else — no way out by `..`, encoded or not, by backslashes or by a symlink — with honest
// content types and the app's CSP on every answer.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../../../electron/main/app-protocol';
import { contentSecurityPolicy } from '../../../electron/main/security';

let root: string;
let rendererDir: string;
const CSP = contentSecurityPolicy(null);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'flowgate-app-protocol-'));
  rendererDir = join(root, 'out', 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Flowgate</title>');
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(rendererDir, 'assets', 'a b.svg'), '<svg/>');
  await mkdir(join(root, 'out', 'main'), { recursive: true });
  await writeFile(join(root, 'out', 'main', 'index.js'), 'MAIN PROCESS CODE');
  await mkdir(join(root, 'out', 'renderer-evil'), { recursive: true });
  await writeFile(join(root, 'out', 'renderer-evil', 'index.html'), 'EVIL TWIN');
  await writeFile(join(root, 'secret.txt'), 'TOP SECRET');
  await symlink(join(root, 'secret.txt'), join(rendererDir, 'leak.txt'));
  await symlink(join(root, 'out', 'main'), join(rendererDir, 'main-link'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function get(url: string, method = 'GET') {
  const res = await createAppProtocolHandler(rendererDir, CSP)(new Request(url, { method }));
  return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), body: await res.text() };
}

describe('the app:// protocol', () => {
  it('is a standard, secure scheme, registered under a name of its own', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ORIGIN).toBe('app://flowgate');
    expect(APP_ENTRY).toBe('app://flowgate/index.html');
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) });
    // The CSP is enforced: the scheme must not bypass it.
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP', true);
  });

  it('serves the renderer with its content types and the CSP', async () => {
    const index = await get('app://flowgate/index.html');
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', csp: CSP });
    expect(index.body).toContain('<title>Flowgate</title>');
    expect(await get('app://flowgate/')).toMatchObject({ status: 200, body: expect.stringContaining('Flowgate') });
    expect(await get('app://flowgate/assets/index-abc.js?v=1#x')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'console.log(1)' });
    expect(await get('app://flowgate/assets/index-abc.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    expect(await get('app://flowgate/assets/a%20b.svg')).toMatchObject({ status: 200, type: 'image/svg+xml', body: '<svg/>' });
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const url of [
      'app://flowgate/../main/index.js',
      'app://flowgate/%2e%2e/main/index.js',
      'app://flowgate/..%2fmain%2findex.js',
      'app://flowgate/assets/..%2f..%2f..%2fsecret.txt',
      'app://flowgate/..%5cmain%5cindex.js',
      'app://flowgate/%2e%2e%5c%2e%2e%5csecret.txt',
      'app://flowgate/..%2frenderer-evil%2findex.html',
      'app://flowgate/leak.txt',
      'app://flowgate/main-link/index.js',
      'app://flowgate/%00',
      'app://flowgate/%E0%A4%A',
      `app://flowgate/${encodeURIComponent(join(root, 'secret.txt'))}`,
      'app://flowgate/assets',
      'app://other-host/index.html',
      'app://flowgate/missing.js',
    ]) {
      const reply = await get(url);
      expect(reply.status, url).toBeGreaterThanOrEqual(400);
      expect(reply.body, url).not.toMatch(/MAIN PROCESS CODE|TOP SECRET|EVIL TWIN/);
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://flowgate/index.html', 'POST')).status).toBe(405);
    expect(await get('app://flowgate/index.html', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });
});
