// The browser-mode server's limits, against the real server on 127.0.0.1: a caller without the token
// is answered and disconnected at once, a silent or slow connection is dropped after the headers
// timeout, the server holds only so many sockets, and only so many large bodies are buffered at once
// (the rest wait their turn instead of taking memory). The limits are scaled down for the tests; the
// defaults are checked for what the issue asked.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/contract';
import { DEFAULT_LIMITS, startServer, type RunningServer, type ServerLimits } from '../../electron/server/server';
import { makeBackend } from './helpers';

const servers: RunningServer[] = [];
const sockets: Socket[] = [];

async function serve(limits: Partial<ServerLimits> = {}, backend?: Api) {
  const server = await startServer({ backend: backend ?? (await makeBackend()).backend, port: 0, staticDir: '.', limits });
  servers.push(server);
  return server;
}

/** A raw TCP connection, with what it received and a promise of its end. */
function open(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const connected = new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  return { socket, closed, connected, received: () => received };
}

/** Resolves when `promise` does, or says it took longer than `ms` (a generous bound for a loaded machine). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

function head(method: string, path: string, port: number, headers: Record<string, string | number> = {}): string {
  const all = { Host: `127.0.0.1:${port}`, ...headers };
  return `${method} ${path} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('server limits', () => {
  it('uses timeouts of about 30 s, a socket cap and a cap on bodies buffered at once by default', () => {
    expect(DEFAULT_LIMITS.headersTimeoutMs).toBe(30_000);
    expect(DEFAULT_LIMITS.requestTimeoutMs).toBe(30_000);
    expect(DEFAULT_LIMITS.maxSockets).toBeGreaterThanOrEqual(16);
    expect(DEFAULT_LIMITS.maxSockets).toBeLessThanOrEqual(256);
    // Twelve 50 MB bodies at once once took 2.1 GB: now at most two of the largest are held at a time.
    expect(DEFAULT_LIMITS.maxBufferedBodyBytes).toBeLessThanOrEqual(2 * DEFAULT_LIMITS.maxBodyBytes);
    expect(DEFAULT_LIMITS.maxBodyBytes).toBeGreaterThan(50 * 1024 * 1024);
  });

  /** Starts an upload that keeps coming (a chunk every 50 ms), so nothing but the server can end the connection. */
  async function endlessUpload(port: number, headers: Record<string, string | number>) {
    const c = open(port);
    await c.connected;
    c.socket.write(head('POST', '/api/app.info', port, { 'Content-Length': 100_000_000, Connection: 'keep-alive', ...headers }));
    const drip = setInterval(() => c.socket.writable && c.socket.write(Buffer.alloc(16_384, 0x20)), 50);
    void c.closed.then(() => clearInterval(drip));
    return c;
  }

  it('answers a caller without the token and closes its connection at once, even mid-upload', async () => {
    const server = await serve();
    for (const token of [undefined, 'wrong-token']) {
      const c = await endlessUpload(server.port, token ? { 'X-Flowgate-Token': token } : {});
      await within(c.closed, 10_000, 'closing an unauthenticated connection');
      expect(c.received()).toMatch(/^HTTP\/1\.1 401 /);
    }
  });

  it('closes the connection after refusing a foreign Host or Origin', async () => {
    const server = await serve();
    for (const headers of [{ Host: 'evil.example' }, { Origin: 'https://evil.example' }] as Record<string, string>[]) {
      const c = await endlessUpload(server.port, { 'X-Flowgate-Token': server.token, ...headers });
      await within(c.closed, 10_000, `closing after refusing ${JSON.stringify(headers)}`);
      expect(c.received()).toMatch(/^HTTP\/1\.1 403 /);
    }
  });

  it('drops a connection that sends nothing, or its headers too slowly, after the headers timeout', async () => {
    const server = await serve({ headersTimeoutMs: 600, requestTimeoutMs: 1_200 });
    const silent = open(server.port);
    const slow = open(server.port);
    await Promise.all([silent.connected, slow.connected]);
    slow.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: `);
    const started = Date.now();
    const drip = setInterval(() => slow.socket.write('a'), 100);
    try {
      await within(Promise.all([silent.closed, slow.closed]), 15_000, 'dropping silent and slow connections');
    } finally {
      clearInterval(drip);
    }
    // Dropped by the timeout, not by anything that happened at once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('holds at most maxSockets connections; the next one is closed until one goes', async () => {
    const server = await serve({ maxSockets: 3 });
    const held = [open(server.port), open(server.port), open(server.port)];
    await Promise.all(held.map((c) => c.connected));
    // Each held connection is known to the server once it has answered a request on it.
    for (const c of held) c.socket.write(head('GET', '/missing.txt', server.port, { Connection: 'keep-alive' }));
    await within(Promise.all(held.map((c) => new Promise<void>((r) => c.socket.once('data', () => r())))), 10_000, 'answers on held sockets');
    const extra = open(server.port);
    await within(extra.closed, 10_000, 'closing a connection over the cap');
    expect(extra.received()).toBe('');
    held[0].socket.destroy();
    await held[0].closed;
    // The server learns of the closed socket a moment later: try until a new connection is answered.
    const answered = async () => {
      for (;;) {
        const next = open(server.port);
        next.socket.write(head('GET', '/missing.txt', server.port, { Connection: 'close' }));
        await next.closed;
        if (next.received()) return next.received();
      }
    };
    expect(await within(answered(), 10_000, 'an answer once a socket is free')).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('buffers only so many large bodies at once; the others wait their turn and then succeed', async () => {
    let inside = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let twoInside: () => void = () => undefined;
    const two = new Promise<void>((r) => (twoInside = r));
    const backend = {
      async 'file.writeText'({ path }: { path: string }) {
        inside++;
        most = Math.max(most, inside);
        if (inside === 2) twoInside();
        await gate;
        inside--;
        return { path };
      },
    } as unknown as Api;
    const MB = 1024 * 1024;
    const server = await serve({ maxBodyBytes: 4 * MB, maxBufferedBodyBytes: 7 * MB }, backend);
    const body = JSON.stringify({ path: 'x.md', content: 'x'.repeat(3 * MB) });
    const calls = Array.from({ length: 8 }, () =>
      fetch(`http://127.0.0.1:${server.port}/api/file.writeText`, { method: 'POST', headers: { 'X-Flowgate-Token': server.token, 'Content-Type': 'application/json' }, body }).then((r) => r.json()),
    );
    // Two bodies of 3 MB fit in 7 MB: two calls reach the backend while six wait, unread.
    await within(two, 15_000, 'the first two calls');
    release();
    const answers = await within(Promise.all(calls), 30_000, 'all eight calls');
    expect(answers).toEqual(Array.from({ length: 8 }, () => ({ ok: true, result: { path: 'x.md' } })));
    expect(most).toBe(2);
  });

  it('lets small calls through while large bodies wait', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const backend = {
      async 'file.writeText'({ path }: { path: string }) {
        await gate;
        return { path };
      },
      async 'settings.get'() {
        return { theme: 'dark' };
      },
    } as unknown as Api;
    const MB = 1024 * 1024;
    const server = await serve({ maxBodyBytes: 4 * MB, maxBufferedBodyBytes: 4 * MB }, backend);
    const post = (method: string, body: string) =>
      fetch(`http://127.0.0.1:${server.port}/api/${method}`, { method: 'POST', headers: { 'X-Flowgate-Token': server.token, 'Content-Type': 'application/json' }, body }).then((r) => r.json());
    const big = JSON.stringify({ path: 'x.md', content: 'x'.repeat(3 * MB) });
    const waiting = [post('file.writeText', big), post('file.writeText', big)];
    expect(await within(post('settings.get', '{}'), 10_000, 'a small call')).toEqual({ ok: true, result: { theme: 'dark' } });
    release();
    await within(Promise.all(waiting), 30_000, 'the large calls');
  });
});
