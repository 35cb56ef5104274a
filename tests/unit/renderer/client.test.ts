import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/contract';
import { resolveToken, TOKEN_KEY } from '../../../renderer/src/client/token';
import { bridgeCall, createApi, httpCall, UNREACHABLE_MESSAGE } from '../../../renderer/src/client/transport';

function fakeEnv(href: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_KEY, stored]] : []);
  const replaced: string[] = [];
  return {
    env: {
      location: { href },
      sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    },
    storage,
    replaced,
  };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('browser-mode token', () => {
  it('takes the token from the URL, keeps it in sessionStorage and removes it from the address bar', () => {
    const { env, storage, replaced } = fakeEnv('http://127.0.0.1:4000/?token=abc123&x=1#top');
    expect(resolveToken(env)).toBe('abc123');
    expect(storage.get(TOKEN_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/?x=1#top']);
  });

  it('falls back to the stored token after a reload', () => {
    const { env, replaced } = fakeEnv('http://127.0.0.1:4000/', 'kept');
    expect(resolveToken(env)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('has no token when neither the URL nor the session has one', () => {
    expect(resolveToken(fakeEnv('http://127.0.0.1:4000/').env)).toBeNull();
  });
});

describe('HTTP client', () => {
  it('POSTs JSON to /api/<method> with the token header and returns the result', async () => {
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => json(200, { ok: true, result: [{ id: 't', name: 'T', description: '' }] }));
    const api = createApi(httpCall({ token: 'tok', fetch: fetch as unknown as typeof globalThis.fetch }));
    await expect(api['templates.list']({})).resolves.toEqual([{ id: 't', name: 'T', description: '' }]);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/templates.list');
    expect(init?.method).toBe('POST');
    expect((init!.headers as Record<string, string>)['X-Flowgate-Token']).toBe('tok');
    expect(JSON.parse(String(init?.body))).toEqual({});
  });

  it('turns an error envelope into an ApiError with code, message and path', async () => {
    const fetch = vi.fn(async () => json(409, { ok: false, error: { code: 'conflict', message: 'changed on disk', path: '$.x' } }));
    const api = createApi(httpCall({ token: 'tok', fetch: fetch as unknown as typeof globalThis.fetch }));
    const err = await api['workflow.open']({ path: '/a.flowgate.json' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'conflict', message: 'changed on disk', path: '$.x' });
  });

  it('maps an unknown error code to internal', async () => {
    const fetch = vi.fn(async () => json(500, { ok: false, error: { code: 'weird', message: 'boom' } }));
    const err = await createApi(httpCall({ token: 't', fetch: fetch as unknown as typeof globalThis.fetch }))['app.info']({}).catch((e) => e);
    expect(err).toMatchObject({ code: 'internal', message: 'boom' });
  });

  it('says the backend cannot be reached when fetch fails', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await createApi(httpCall({ token: 't', fetch: fetch as unknown as typeof globalThis.fetch }))['app.info']({}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('unavailable');
    expect(err.message).toBe(UNREACHABLE_MESSAGE);
  });

  it('explains a refused token when the server answers 401 without an envelope', async () => {
    const fetch = vi.fn(async () => new Response('nope', { status: 401 }));
    const err = await createApi(httpCall({ token: 'old', fetch: fetch as unknown as typeof globalThis.fetch }))['app.info']({}).catch((e) => e);
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/access token/);
  });

  it('sends no token header when there is no token', async () => {
    const fetch = vi.fn(async (_u: string | URL | Request, _i?: RequestInit) => json(200, { ok: true, result: {} }));
    await createApi(httpCall({ token: null, fetch: fetch as unknown as typeof globalThis.fetch }))['recent.remove']({ path: '/x' });
    expect((fetch.mock.calls[0][1]!.headers as Record<string, string>)['X-Flowgate-Token']).toBeUndefined();
  });
});

describe('Electron bridge client', () => {
  it('calls window.flowgate.call and unwraps the envelope', async () => {
    const call = vi.fn(async () => ({ ok: false as const, error: { code: 'not-found' as const, message: 'gone' } }));
    const err = await createApi(bridgeCall({ call }))['templates.get']({ id: 'x' }).catch((e) => e);
    expect(call).toHaveBeenCalledWith('templates.get', { id: 'x' });
    expect(err).toMatchObject({ name: 'ApiError', code: 'not-found', message: 'gone' });
  });
});
