// The renderer's one backend client. Electron: the preload bridge. Browser mode: HTTP with the token,
// taken from the address, from this tab's session, or from another open Flowgate tab (token.ts).
import type { Api } from '../../../shared/api/contract';
import { askOtherTabs, resolveToken, shareToken, TOKEN_KEY } from './token';
import { bridgeCall, createApi, httpCall } from './transport';

/** Whether the server accepts a token (one cheap call); used to check a token another tab handed over. */
async function accepted(token: string): Promise<boolean> {
  try {
    const r = await window.fetch('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Flowgate-Token': token }, body: '{}' });
    return r.ok;
  } catch {
    return false;
  }
}

/** This tab's token: its own, or (asked once, on the first call) one an open tab passes on; shared with later tabs either way. */
function browserToken(): () => Promise<string | null> {
  const own = resolveToken({ location: window.location, sessionStorage: window.sessionStorage, history: window.history });
  if (own) {
    shareToken(own);
    return async () => own;
  }
  let asked: Promise<string | null> | null = null;
  return () =>
    (asked ??= askOtherTabs(accepted).then((token) => {
      if (token) {
        window.sessionStorage.setItem(TOKEN_KEY, token);
        shareToken(token);
      } else asked = null; // asked again on the next call (Try again), in case a tab was opened meanwhile
      return token;
    }));
}

function makeApi(): Api {
  if (typeof window !== 'undefined' && window.flowgate) return createApi(bridgeCall(window.flowgate));
  return createApi(httpCall({ token: browserToken(), fetch: window.fetch.bind(window) }));
}

export const api: Api = makeApi();
export const bridge = typeof window !== 'undefined' ? window.flowgate : undefined;
export { ApiError } from '../../../shared/api/contract';
