// The browser-mode access token: read once from `?token=`, kept for the tab's lifetime in
// sessionStorage (so a reload still works) and removed from the address bar (so it is not
// bookmarked, shared in a screenshot, or left in the address bar).
//
// A second tab, or a bookmarked address without the token, has none of its own: it asks the Flowgate
// tabs already open on the same server over a BroadcastChannel, which only pages of the same origin
// (this server's own pages, served under its CSP) can join. Each answer is tried with one call before
// it is kept, so a tab left over from an earlier `flowgate serve` on the same port cannot hand out
// its dead token. The token is never written to localStorage, a cookie or the console.

export const TOKEN_KEY = 'flowgate.token';
/** The channel Flowgate tabs of one origin pass the token on. */
export const TOKEN_CHANNEL = 'flowgate.token';
/** How long a tab without a token waits for open tabs to answer. */
export const ASK_MS = 400;

export interface TokenEnv {
  location: { href: string };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

export function resolveToken(env: TokenEnv): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    env.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return env.sessionStorage.getItem(TOKEN_KEY);
}

type Message = { kind: 'ask'; from: string } | { kind: 'token'; to: string; token: string };

/** The channel constructor, or null where the browser has none (then tabs cannot share). */
export type ChannelFactory = ((name: string) => Pick<BroadcastChannel, 'postMessage' | 'close'> & { onmessage: ((e: MessageEvent) => void) | null }) | null;

export const browserChannels: ChannelFactory = typeof BroadcastChannel === 'function' ? (name) => new BroadcastChannel(name) : null;

/** Answers other tabs that ask for the token with this tab's. Returns a function that stops answering. */
export function shareToken(token: string, channels: ChannelFactory = browserChannels): () => void {
  if (!channels) return () => {};
  const channel = channels(TOKEN_CHANNEL);
  channel.onmessage = (e: MessageEvent) => {
    const m = e.data as Message | null;
    if (m?.kind === 'ask' && typeof m.from === 'string') channel.postMessage({ kind: 'token', to: m.from, token } satisfies Message);
  };
  return () => channel.close();
}

/**
 * Asks the open Flowgate tabs of this origin for their token and resolves with the first one `works`
 * accepts (tabs of different server launches hold different tokens), as soon as it does; null when no
 * tab answered with a working token within `waitMs`.
 */
export function askOtherTabs(works: (token: string) => Promise<boolean>, opts: { channels?: ChannelFactory; waitMs?: number; id?: string } = {}): Promise<string | null> {
  const channels = opts.channels === undefined ? browserChannels : opts.channels;
  if (!channels) return Promise.resolve(null);
  const id = opts.id ?? Math.random().toString(36).slice(2);
  const channel = channels(TOKEN_CHANNEL);
  return new Promise((resolve) => {
    const tried = new Set<string>();
    let pending = 0;
    let timedOut = false;
    let done = false;
    const finish = (token: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      channel.close();
      resolve(token);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      if (!pending) finish(null);
    }, opts.waitMs ?? ASK_MS);
    channel.onmessage = (e: MessageEvent) => {
      const m = e.data as Message | null;
      if (done || m?.kind !== 'token' || m.to !== id || typeof m.token !== 'string' || !m.token || tried.has(m.token)) return;
      const token = m.token;
      tried.add(token);
      pending++;
      void works(token)
        .catch(() => false)
        .then((ok) => {
          pending--;
          if (ok) finish(token);
          else if (timedOut && !pending) finish(null);
        });
    };
    channel.postMessage({ kind: 'ask', from: id } satisfies Message);
  });
}
