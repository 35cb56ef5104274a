// The renderer's one backend client. Electron: the preload bridge. Browser mode: HTTP with the token.
import type { Api } from '../../../shared/api/contract';
import { resolveToken } from './token';
import { bridgeCall, createApi, httpCall } from './transport';

function makeApi(): Api {
  if (typeof window !== 'undefined' && window.flowgate) return createApi(bridgeCall(window.flowgate));
  const token = resolveToken({ location: window.location, sessionStorage: window.sessionStorage, history: window.history });
  return createApi(httpCall({ token, fetch: window.fetch.bind(window) }));
}

export const api: Api = makeApi();
export const bridge = typeof window !== 'undefined' ? window.flowgate : undefined;
export { ApiError } from '../../../shared/api/contract';
