import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/contract';
import { askOtherTabs, resolveToken, shareToken, TOKEN_KEY, type ChannelFactory } from '../../../renderer/src/client/token';
import { bridgeCall, createApi, httpCall, NO_TOKEN_MESSAGE, UNREACHABLE_MESSAGE } from '../../../renderer/src/client/transport';

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

/** BroadcastChannels of one origin, in memory: a message reaches every other channel of the same name, as in a browser. */
function channelBus(): ChannelFactory & object {
  const open = new Set<{ name: string; onmessage: ((e: MessageEvent) => void) | null; closed: boolean }>();
  return (name: string) => {
    const self = {
      name,
      onmessage: null as ((e: MessageEvent) => void) | null,
      closed: false,
      postMessage(data: unknown) {
        // Delivered asynchronously and never to the sender, like BroadcastChannel.
        for (const other of open) if (other !== self && other.name === name) queueMicrotask(() => !other.closed && other.onmessage?.({ data } as MessageEvent));
      },
      close() {
        self.closed = true;
        open.delete(self);
      },
    };
    open.add(self);
    return self;
  };
}

describe('a second tab without the token', () => {
  it('gets it from an open tab of the same app, checked with the server first', async () => {
    const bus = channelBus();
    const stop = shareToken('live', bus);
    const checked: string[] = [];
    const token = await askOtherTabs(async (t) => (checked.push(t), t === 'live'), { channels: bus, waitMs: 5_000, id: 'new-tab' });
    expect(token).toBe('live');
    expect(checked).toEqual(['live']);
    stop();
  });

  it('skips the dead token of a tab left from an earlier launch, and takes the working one', async () => {
    const bus = channelBus();
    const stale = shareToken('from-last-launch', bus);
    const live = shareToken('live', bus);
    const token = await askOtherTabs(async (t) => t === 'live', { channels: bus, waitMs: 5_000 });
    expect(token).toBe('live');
    stale();
    live();
  });

  it('has none when no tab answers, or none answers with a token the server takes', async () => {
    const bus = channelBus();
    expect(await askOtherTabs(async () => true, { channels: bus, waitMs: 10 })).toBeNull();
    const dead = shareToken('dead', bus);
    expect(await askOtherTabs(async () => false, { channels: bus, waitMs: 10 })).toBeNull();
    dead();
    // A browser without BroadcastChannel: no tab can hand it over.
    expect(await askOtherTabs(async () => true, { channels: null })).toBeNull();
  });

  it('is answered only when it asks: a tab posts its token only in answer to an ask, addressed to the asker', async () => {
    const bus = channelBus();
    const posted: unknown[] = [];
    const recording: ChannelFactory = (name) => {
      const c = bus!(name);
      const post = c.postMessage.bind(c);
      c.postMessage = (data: unknown) => (posted.push(data), post(data));
      return c;
    };
    const stop = shareToken('secret', recording);
    // Opening the channel posts nothing (posting is synchronous here; delivery is not).
    expect(posted).toEqual([]);
    const listener = bus!('flowgate.token');
    const heard: unknown[] = [];
    listener.onmessage = (e) => heard.push(e.data);
    listener.postMessage({ kind: 'ask', from: 'me' });
    await vi.waitFor(() => expect(heard).toEqual([{ kind: 'token', to: 'me', token: 'secret' }]));
    expect(posted).toEqual([{ kind: 'token', to: 'me', token: 'secret' }]);
    stop();
    listener.close();
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
    expect(err.message).toMatch(/^The backend refused this page’s access key: Flowgate was probably started again/);
    // Without any token, the page says how to get one.
    const none = await createApi(httpCall({ token: null, fetch: fetch as unknown as typeof globalThis.fetch }))['app.info']({}).catch((e) => e);
    expect(none.message).toBe(NO_TOKEN_MESSAGE);
    // The server's own refusal (an envelope) of a page without a key says the same.
    const refused = vi.fn(async () => json(401, { ok: false, error: { code: 'unauthorized', message: 'This request lacks the access token.' } }));
    const enveloped = await createApi(httpCall({ token: null, fetch: refused as unknown as typeof globalThis.fetch }))['app.info']({}).catch((e) => e);
    expect(enveloped.message).toBe(NO_TOKEN_MESSAGE);
  });

  it('asks for a token found later (from another tab) before each call', async () => {
    const fetch = vi.fn(async (_u: string | URL | Request, _i?: RequestInit) => json(200, { ok: true, result: {} }));
    let token: string | null = null;
    const api = createApi(httpCall({ token: async () => token, fetch: fetch as unknown as typeof globalThis.fetch }));
    await api['recent.remove']({ path: '/x' });
    token = 'handed-over';
    await api['recent.remove']({ path: '/x' });
    const headers = fetch.mock.calls.map((c) => (c[1]!.headers as Record<string, string>)['X-Flowgate-Token']);
    expect(headers).toEqual([undefined, 'handed-over']);
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
