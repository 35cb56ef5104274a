// Browser mode: the backend over HTTP on 127.0.0.1, plus the built renderer as static files.
//
// Protocol (what the renderer's HTTP client sends):
//   POST /api/<method>            e.g. /api/workflow.open
//   X-Flowgate-Token: <token>     the `token` query parameter of the page URL
//   Content-Type: application/json
//   body: the params as JSON (an empty body means {})
// Answer: HTTP 200 with the dispatch envelope {ok:true,result} | {ok:false,error:{code,message,path?}}.
// Other statuses are transport refusals (400 bad JSON, 401 token, 403 host/origin, 405 verb,
// 413 size), also shaped {ok:false,error:{code:'bad-request',message}}. After a 401 or 403 the
// connection is closed: a caller without the token gets nothing more, not even a kept-alive socket.
//
// Limits (ServerLimits): headers within 30 s and a whole request within 30 s, at most 64 sockets,
// bodies over 1 MB buffered only within a shared budget (BodyBudget; the others wait unread).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { BodyBudget } from './body-budget';
import { BodyTooLargeError, readBody } from './read-body';
import { TOKEN_HEADER, firstHeader, hostAllowed, newToken, originAllowed, sendError, sendJson, setSecurityHeaders, tokenMatches } from './security';
import { serveStatic } from './static-files';

/** Above the largest param (a 50 MB text export) plus JSON escaping headroom. */
export const MAX_BODY_BYTES = 60 * 1024 * 1024;

export interface ServerLimits {
  /** Time a client has to send its request headers (a silent connection is dropped after it too). */
  headersTimeoutMs: number;
  /** Time a client has to send its whole request, body included. */
  requestTimeoutMs: number;
  /** Connections open at once; a connection beyond them is closed at once. */
  maxSockets: number;
  /** Largest request body. */
  maxBodyBytes: number;
  /** Bytes of bodies over SMALL_BODY_BYTES held at once; larger calls wait their turn. */
  maxBufferedBodyBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 30_000,
  // The app needs a handful (browsers open six per host); this bounds what a local program can hold.
  maxSockets: 64,
  maxBodyBytes: MAX_BODY_BYTES,
  // Two of the largest bodies at a time.
  maxBufferedBodyBytes: 2 * MAX_BODY_BYTES,
};

/** Calls this small never wait for the body budget, so the app stays responsive during a large upload. */
export const SMALL_BODY_BYTES = 1024 * 1024;

export interface ServerOptions {
  backend: Api;
  /** 0 picks a free port. */
  port: number;
  staticDir: string;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  /** DEFAULT_LIMITS unless given (tests scale them down). */
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startServer({ backend, port, staticDir, token = newToken(), limits: given = {} }: ServerOptions): Promise<RunningServer> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...given };
  const budget = new BodyBudget(limits.maxBufferedBodyBytes);
  let boundPort = port;

  /** A refusal to a caller we do not serve: answered, then the connection is closed. */
  function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
    sendError(res, status, message, { ...headers, Connection: 'close' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    // The Host check guards static files too: a rebinding page must not even read the app's code.
    if (!hostAllowed(req.headers.host, boundPort)) return refuse(res, 403, 'Flowgate only answers at 127.0.0.1 or localhost.');
    if (!originAllowed(firstHeader(req, 'origin'), boundPort)) return refuse(res, 403, 'Requests from other sites are refused.');
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname.startsWith('/api/')) return handleApi(req, res, pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'Only GET is allowed here.', { Allow: 'GET, HEAD' });
    return serveStatic(req, res, staticDir, pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'API calls use POST.', { Allow: 'POST' });
    // Token before body: an unauthenticated caller cannot make us buffer anything.
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      return refuse(res, 401, 'This request lacks the access token: open the address printed by "flowgate serve" again.');
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) return refuse(res, 413, new BodyTooLargeError(limits.maxBodyBytes).message);
    // A large body (or one of unknown size) waits for room in the budget before a byte of it is read,
    // and keeps its room until the answer has gone: its params live that long.
    if (!(Number.isFinite(declared) && declared <= SMALL_BODY_BYTES)) {
      const release = await budget.reserve(Number.isFinite(declared) ? declared : limits.maxBodyBytes);
      res.once('close', release);
      if (res.closed || req.destroyed) return release();
    }
    let body: Buffer;
    try {
      body = await readBody(req, limits.maxBodyBytes);
    } catch (e) {
      if (e instanceof BodyTooLargeError) return refuse(res, 413, e.message);
      // The client went away or the request timed out: nobody is left to answer.
      return void res.destroy();
    }
    let params: unknown = {};
    if (body.length) {
      try {
        // A `__proto__` key is dropped at parse time so it can never reach an object's prototype.
        params = JSON.parse(body.toString('utf8'), (key, value: unknown) => (key === '__proto__' ? undefined : value));
      } catch (e) {
        return sendError(res, 400, `The request body is not valid JSON (${(e as Error).message}).`);
      }
    }
    sendJson(res, 200, await dispatch(backend, method, params));
  }

  // Timeouts are checked this often (Node's default is every 30 s, too coarse for a 30 s limit).
  const connectionsCheckingInterval = Math.max(100, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 3)));
  const server = createServer({ connectionsCheckingInterval, headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: (e as Error)?.message ?? String(e) } });
    });
  });

  server.maxConnections = limits.maxSockets;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: nothing on the network can reach the user's files.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${boundPort}/?token=${token}`,
    port: boundPort,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // Keep-alive connections would otherwise hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
