// The browser-mode access token: read once from `?token=`, kept for the tab's lifetime in
// sessionStorage (so a reload still works) and removed from the address bar (so it is not
// bookmarked, shared in a screenshot, or left in the history).

export const TOKEN_KEY = 'flowgate.token';

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
