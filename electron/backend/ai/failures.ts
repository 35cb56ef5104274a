// Turns whatever a request to the AI server threw into one plain sentence and a kind, and makes sure
// the key never rides along: a server may echo the key it refused, so every message is redacted.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { errorText } from '../../../shared/text';

export type Problem = 'unreachable' | 'unauthorized' | 'model-not-found' | 'timeout' | 'rate-limited' | 'server' | 'cancelled' | 'other';

export interface Failure {
  problem: Problem;
  message: string;
  /** Worth another try after a pause: 429, 5xx and dropped connections. */
  retryable: boolean;
  /** What the server asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs: number | null;
}

/** Replaces every occurrence of the key (and of its longer tail) with "[key]". */
export function redact(text: string, key: string | null): string {
  if (!key || key.length < 4) return text;
  let out = text.split(key).join('[key]');
  // Servers often echo only part of a key ("sk-ab…cdef1234"): hide any 12+ character stretch of it.
  if (key.length >= 16) {
    for (let i = 0; i + 12 <= key.length; i++) out = out.split(key.slice(i, i + 12)).join('[key]');
  }
  return out;
}

function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The server's own explanation (the `error.message` of an OpenAI-style error body), when it gave one. */
function serverSays(e: APIError): string {
  const body = e.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : '';
  return text ? `: ${clip(text)}` : '';
}

function causeCode(e: unknown): string | null {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

function retryAfter(headers: Headers | undefined): number | null {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

export interface FailureContext {
  baseUrl: string;
  model: string;
  timeoutMs: number;
  key: string | null;
  signal?: AbortSignal;
}

export function describeFailure(e: unknown, ctx: FailureContext): Failure {
  const f = classify(e, ctx);
  return { ...f, message: redact(f.message, ctx.key) };
}

function classify(e: unknown, { baseUrl, model, timeoutMs, signal }: FailureContext): Failure {
  const base = { retryable: false, retryAfterMs: null };
  if (signal?.aborted || e instanceof APIUserAbortError) return { ...base, problem: 'cancelled', message: 'Cancelled before the model answered.' };
  if (e instanceof APIConnectionTimeoutError) {
    return { ...base, problem: 'timeout', message: `The AI server at ${baseUrl} did not answer within ${Math.round(timeoutMs / 100) / 10} s.` };
  }
  if (e instanceof APIConnectionError) {
    const code = causeCode(e.cause);
    const why = code === 'ECONNREFUSED' ? 'nothing is listening there' : code === 'ENOTFOUND' ? 'the host name is unknown' : code ? code : 'the connection failed';
    return { problem: 'unreachable', message: `Cannot reach the AI server at ${baseUrl} (${why}). Check the address and that the server is running.`, retryable: true, retryAfterMs: null };
  }
  if (e instanceof APIError) {
    const status = e.status ?? 0;
    const says = serverSays(e);
    if (status === 401 || status === 403) {
      return { ...base, problem: 'unauthorized', message: `The AI server refused the API key (${status})${says}. Check the key in Settings.` };
    }
    if (status === 404) return { ...base, problem: 'model-not-found', message: `The AI server does not know the model "${model}" or the address ${baseUrl} (404)${says}.` };
    if (status === 429) {
      return { problem: 'rate-limited', message: `The AI server is busy or the account's limit is reached (429)${says}.`, retryable: true, retryAfterMs: retryAfter(e.headers) };
    }
    if (status >= 500 || status === 408) {
      return { problem: 'server', message: `The AI server failed (${status})${says}.`, retryable: true, retryAfterMs: retryAfter(e.headers) };
    }
    return { ...base, problem: 'other', message: `The AI server refused the request (${status})${says}.` };
  }
  return { ...base, problem: 'other', message: `The AI request failed: ${clip(errorText(e))}` };
}
