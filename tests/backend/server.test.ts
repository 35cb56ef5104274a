import { request } from 'node:http';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/server/security';
import { startServer, type RunningServer } from '../../electron/server/server';
import { makeBackend, sampleWorkflow, tempDir } from './helpers';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, because fetch will not let a test forge the Host header. */
function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup() {
  const t = await makeBackend();
  const staticDir = await tempDir();
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Flowgate</title>');
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(staticDir, 'assets', 'app.css'), 'body{}');
  const secretDir = await tempDir();
  await writeFile(join(secretDir, 'secret.txt'), 'TOP SECRET');
  await symlink(join(secretDir, 'secret.txt'), join(staticDir, 'leak.txt'));
  const server = await startServer({ backend: t.backend, port: 0, staticDir });
  servers.push(server);
  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'Content-Type': 'application/json', 'X-Flowgate-Token': server.token, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { t, server, api, staticDir };
}

describe('browser-mode server', () => {
  it('prints a URL on 127.0.0.1 with the port and a random token', async () => {
    const { server } = await setup();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await startServer({ backend: (await makeBackend()).backend, port: 0, staticDir: '.' });
    servers.push(other);
    expect(other.token).not.toBe(server.token);
  });

  it('answers an API call with the dispatch envelope and the security headers', async () => {
    const { api } = await setup();
    const reply = await api('app.info', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, result: { mode: 'browser', version: '9.9.9-test', nativeDialogs: false } });
    // An empty body counts as no params.
    expect(JSON.parse((await api('settings.get', '')).body)).toEqual({ ok: true, result: { theme: 'system' } });
  });

  it('refuses calls without the token or with a wrong one (401)', async () => {
    const { server, api } = await setup();
    const missing = await send(server.port, { method: 'POST', path: '/api/app.info', body: '{}' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await api('app.info', {}, { 'X-Flowgate-Token': `${server.token.slice(1)}x` })).status).toBe(401);
    expect((await api('app.info', {}, { 'X-Flowgate-Token': '' })).status).toBe(401);
  });

  it('refuses a foreign Host header (403), on the API and on static files', async () => {
    const { server, api } = await setup();
    expect((await api('app.info', {}, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await api('app.info', {}, { Host: `127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await send(server.port, { path: '/', headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await api('app.info', {}, { Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a cross-origin Origin header (403) and accepts its own', async () => {
    const { server, api } = await setup();
    expect((await api('app.info', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('app.info', {}, { Origin: 'null' })).status).toBe(403);
    expect((await api('app.info', {}, { Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('validates params against the contract: bad params are a bad-request naming the path', async () => {
    const { api } = await setup();
    const reply = await api('workflow.open', { path: 42 });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
    const extra = JSON.parse((await api('app.info', { sneaky: true })).body);
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const unknown = JSON.parse((await api('fs.deleteEverything', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'unknown method "fs.deleteEverything"' } });
  });

  it('answers 400 for bad JSON, 405 for other verbs, 413 for oversized bodies', async () => {
    const { server, api } = await setup();
    expect((await api('app.info', '{ nope')).status).toBe(400);
    expect((await send(server.port, { path: '/api/app.info', headers: { 'X-Flowgate-Token': server.token } })).status).toBe(405);
    expect((await send(server.port, { method: 'PUT', path: '/index.html' })).status).toBe(405);
    const big = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/app.info',
          headers: { 'X-Flowgate-Token': server.token, 'Content-Length': String(61 * 1024 * 1024) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
          req.destroy();
        },
      );
      req.on('error', reject);
      req.write('{"a":"');
    });
    expect(big).toBe(413);
  });

  it('saves and opens a workflow over HTTP', async () => {
    const { api } = await setup();
    const saved = JSON.parse((await api('workflow.save', { path: 'web.flowgate.json', document: sampleWorkflow('Over HTTP') })).body);
    expect(saved.ok).toBe(true);
    const opened = JSON.parse((await api('workflow.open', { path: 'web.flowgate.json' })).body);
    expect(opened.result.document.name).toBe('Over HTTP');
    expect(opened.result.mtimeMs).toBe(saved.result.mtimeMs);
  });

  it('applies the workspace path policy to workflow.stat and the journal over HTTP', async () => {
    const { api } = await setup();
    const body = async (method: string, params: unknown) => JSON.parse((await api(method, params)).body);
    expect(await body('workflow.stat', { path: '../outside.flowgate.json' })).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
    expect(await body('journal.write', { key: 'k', path: '/etc/x.flowgate.json', document: sampleWorkflow() })).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.path' } });
    expect(await body('journal.write', { key: '../../k', path: null, document: sampleWorkflow() })).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.key' } });
    expect(await body('journal.write', { key: 'k', path: 'inside.flowgate.json', document: sampleWorkflow('Unsaved') })).toEqual({ ok: true, result: {} });
    expect(await body('journal.list', {})).toMatchObject({ ok: true, result: [{ key: 'k', name: 'Unsaved' }] });
    expect(await body('workflow.stat', { path: 'inside.flowgate.json' })).toEqual({ ok: true, result: { exists: false, mtimeMs: null, changed: false } });
  });

  it('serves the built renderer with the CSP and proper content types', async () => {
    const { server } = await setup();
    const index = await send(server.port, { path: '/?token=abc' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Flowgate</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(server.port, { path: '/assets/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send(server.port, { path: '/assets/app.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await send(server.port, { path: '/missing.js' })).status).toBe(404);
    expect((await send(server.port, { path: '/assets' })).status).toBe(404);
  });

  it('refuses directory traversal, encoded or not, and symlinks out of the static folder', async () => {
    const { server } = await setup();
    for (const path of ['/../secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/leak.txt', '/%00']) {
      const reply = await send(server.port, { path });
      expect(reply.status, path).not.toBe(200);
      expect(reply.body, path).not.toContain('TOP SECRET');
      expect(reply.body, path).not.toContain('root:');
    }
  });
});
