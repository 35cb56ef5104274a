// The two ways the renderer reaches the backend: the Electron preload bridge, or HTTP in browser mode.
// Both speak the same envelope; both turn an error envelope into an ApiError.
import { ApiError, ERROR_CODES, contract, type Api, type Envelope, type ErrorCode, type Method } from '../../../shared/api/contract';
import type { FlowgateBridge } from '../../../shared/api/bridge';
import { rememberAnswerText } from './answer-text';

export type Call = (method: Method, params: unknown) => Promise<unknown>;

export const UNREACHABLE_MESSAGE =
  'Cannot reach the Flowgate backend. If you started it with `flowgate serve`, check that it is still running, then reload this page.';

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && !!v.error && typeof v.error === 'object');
}

function toCode(code: unknown): ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : 'internal';
}

/** Unwraps an envelope: its result, or a thrown ApiError. */
export function unwrap(envelope: unknown, method: string): unknown {
  if (!isEnvelope(envelope)) throw new ApiError('internal', `The backend sent an answer Flowgate does not understand (to ${method}).`);
  if (envelope.ok) return envelope.result;
  const { code, message, path } = envelope.error;
  throw new ApiError(toCode(code), typeof message === 'string' && message ? message : `${method} failed`, typeof path === 'string' ? path : undefined);
}

export function bridgeCall(bridge: Pick<FlowgateBridge, 'call'>): Call {
  return async (method, params) => unwrap(await bridge.call(method, params), method);
}

/** What a page without its access token is told (browser mode). */
export const NO_TOKEN_MESSAGE =
  'This page has no access key. Open the address that `flowgate serve` printed in its terminal (the key is in it): while a tab opened from it stays open, new tabs and bookmarks of Flowgate get the key from it. If that terminal is gone, stop `flowgate serve` and start it again for a new address.';

export interface HttpOptions {
  /** The access token, or a function that finds it (asked before each call, so it may be found later). */
  token: string | null | (() => Promise<string | null>);
  fetch: typeof fetch;
  /** Prefix of the API routes; the server mounts them at /api. */
  base?: string;
}

export function httpCall({ token: tokenOption, fetch: doFetch, base = '/api' }: HttpOptions): Call {
  return async (method, params) => {
    const token = typeof tokenOption === 'function' ? await tokenOption() : tokenOption;
    let response: Response;
    try {
      response = await doFetch(`${base}/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Flowgate-Token': token } : {}) },
        body: JSON.stringify(params ?? {}),
      });
    } catch {
      throw new ApiError('unavailable', UNREACHABLE_MESSAGE);
    }
    let body: unknown;
    let text = '';
    try {
      text = await response.text();
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // Without a key, the page says how to get one (the server's refusal only knows the request).
    if (response.status === 401 && !token) throw new ApiError('unavailable', NO_TOKEN_MESSAGE);
    if (isEnvelope(body)) {
      const result = unwrap(body, method);
      rememberAnswerText(text, result);
      return result;
    }
    if (response.status === 401 || response.status === 403) {
      throw new ApiError(
        'unavailable',
        token
          ? 'The backend refused this page’s access key: Flowgate was probably started again since this page was opened. Open the address that `flowgate serve` printed last (it holds the new key).'
          : NO_TOKEN_MESSAGE,
      );
    }
    throw new ApiError('internal', `The backend answered ${method} with HTTP ${response.status} and no readable result.`);
  };
}

/** The typed Api over any transport: one function per contract method. */
export function createApi(call: Call): Api {
  const api: Record<string, (params: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(contract) as Method[]) api[method] = (params) => call(method, params ?? {});
  return api as unknown as Api;
}
