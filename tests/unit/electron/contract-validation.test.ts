// Every method of the contract validates its params on both transports (IPC and the browser-mode
// HTTP server) before the backend is reached: garbage gets `bad-request`, never a handler call.
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { contract, type Api, type Method } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import { withoutForbiddenKeys } from '../../../shared/api/sanitize';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { loadWorkflow, serializeWorkflow } from '../../../shared/model/load';
import { createOriginPolicy } from '../../../electron/main/app-origin';
import { handleCall } from '../../../electron/main/ipc';
import { createSenderCheck } from '../../../electron/main/trusted-sender';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { FakeWebContents } from './fake-electron';

const METHODS = Object.keys(contract) as Method[];

/** A backend that fails the test if any handler is so much as looked up. */
function untouchableBackend() {
  const touched: string[] = [];
  const backend = new Proxy({} as Api, {
    get(_t, key) {
      touched.push(String(key));
      return () => Promise.reject(new Error(`handler ${String(key)} reached`));
    },
  });
  return { backend, touched };
}

/** Values no method accepts as its params. */
const GARBAGE: unknown[] = [42, 'settings', true, [], [{}], { unexpected: 1 }, { path: 42 }, { key: '../x' }, { document: 'a workflow' }, { theme: 'purple', extra: 1 }];

const wc = new FakeWebContents();
wc.mainFrame.url = 'app://flowgate/index.html';
const isTrusted = createSenderCheck(createOriginPolicy('app'), (x) => x === (wc as unknown));
const ipcEvent = { sender: wc, senderFrame: wc.mainFrame } as unknown as IpcMainInvokeEvent;

describe('the contract', () => {
  it('refuses unknown keys in the params of every method (all params schemas are strict)', () => {
    for (const method of METHODS) {
      expect(contract[method].params.safeParse({ surelyNotAParam: 1 }).success, method).toBe(false);
    }
  });
});

describe('IPC: every method with garbage params', () => {
  it.each(METHODS)('%s answers bad-request without reaching the backend', async (method) => {
    const { backend, touched } = untouchableBackend();
    for (const params of GARBAGE) {
      const reply = await handleCall({ backend, isTrusted }, ipcEvent, method, params);
      expect(reply, JSON.stringify(params)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(touched).toEqual([]);
  });

  it('random params the schema refuses never reach the backend and never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), fc.anything({ withObjectString: true, withNullPrototype: true }), async (method, params) => {
        fc.pre(params != null && !contract[method].params.safeParse(withoutForbiddenKeys(params)).success);
        const { backend, touched } = untouchableBackend();
        const reply = await handleCall({ backend, isTrusted }, ipcEvent, method, params);
        expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
        expect(touched).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('HTTP: every method with garbage params', () => {
  let server: RunningServer;
  let staticDir: string;
  const state = untouchableBackend();

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(tmpdir(), 'flowgate-static-'));
    server = await startServer({ backend: state.backend, port: 0, staticDir });
  });
  afterAll(async () => {
    await server.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  function post(method: string, body: string): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', 'X-Flowgate-Token': server.token } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it.each(METHODS)('%s answers bad-request without reaching the backend', async (method) => {
    for (const params of GARBAGE) {
      const reply = await post(method, JSON.stringify(params));
      expect(reply, JSON.stringify(params)).toMatchObject({ status: 200, body: { ok: false, error: { code: 'bad-request' } } });
    }
    expect(state.touched).toEqual([]);
  });
});

describe('prototype keys in params', () => {
  it('are dropped before validation on every transport, so they never reach a handler', async () => {
    const seen: unknown[] = [];
    const backend = { 'recent.remove': async (p: unknown) => (seen.push(p), {}) } as unknown as Api;
    // An own `__proto__` key, as IPC's structured clone delivers it, and a `constructor` key.
    const params = JSON.parse('{"path": "/w/a.flowgate.json", "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    expect(await dispatch(backend, 'recent.remove', params)).toEqual({ ok: true, result: {} });
    expect(seen).toEqual([{ path: '/w/a.flowgate.json' }]);
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('are removed at any depth, leaving everything else (shared and cyclic parts too) as it was', () => {
    const shared = { x: 1 };
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const input = JSON.parse('{"a": [{"b": {"__proto__": 1, "prototype": 2, "keep": 3}}], "constructor": 4}');
    Object.assign(input, { s1: shared, s2: shared, cyclic });
    const out = withoutForbiddenKeys(input) as Record<string, unknown> & { a: [{ b: Record<string, unknown> }]; cyclic: Record<string, unknown> };
    expect(Object.keys(out.a[0].b)).toEqual(['keep']);
    expect(Object.keys(out)).toEqual(['a', 's1', 's2', 'cyclic']);
    expect(out.s1).toBe(out.s2);
    expect(out.cyclic.self).toBe(out.cyclic);
    expect(out).not.toBe(input);
  });

  it('leave a value that holds none as it is (no copy), and still copy one with a forbidden key deep inside', () => {
    const clean = { path: 'a.flowgate.json', document: { nodes: [{ config: { inputs: { a: [1, { b: 2 }] } } }] } };
    expect(withoutForbiddenKeys(clean)).toBe(clean);
    const dirty = JSON.parse('{"document": {"nodes": [{"config": {"inputs": {"a": [1, {"constructor": 2}]}}}]}}');
    const out = withoutForbiddenKeys(dirty) as typeof clean;
    expect(out).not.toBe(dirty);
    expect(out.document.nodes[0].config.inputs.a).toEqual([1, {}]);
    // A cycle is never "known clean": it is copied, and the depth limits further on refuse it.
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const copied = withoutForbiddenKeys(cyclic) as Record<string, unknown>;
    expect(copied).not.toBe(cyclic);
    expect(copied.self).toBe(copied);
  });
});

describe('workflow.open results', () => {
  const opening = (document: unknown) =>
    ({ 'workflow.open': async () => ({ path: '/w/a.flowgate.json', document, mtimeMs: 1, warnings: [] }) }) as unknown as Api;

  it('pass a document the loader made as it is, and parse any other in full', async () => {
    const { workflow } = loadWorkflow(serializeWorkflow(blankWorkflow('wf')));
    const loaded = await dispatch(opening(workflow), 'workflow.open', { path: '/w/a.flowgate.json' });
    expect(loaded.ok && (loaded.result as { document: unknown }).document).toBe(workflow);
    // The same document, not made by the loader: parsed again (a new object, equal to it).
    const copy = structuredClone(workflow);
    const parsed = await dispatch(opening(copy), 'workflow.open', { path: '/w/a.flowgate.json' });
    expect(parsed.ok && (parsed.result as { document: unknown }).document).toEqual(workflow);
    expect(parsed.ok && (parsed.result as { document: unknown }).document).not.toBe(copy);
    // A broken one is refused, not passed on.
    const broken = await dispatch(opening({ ...copy, nodes: 'none' }), 'workflow.open', { path: '/w/a.flowgate.json' });
    expect(broken.ok).toBe(false);
  });
});
