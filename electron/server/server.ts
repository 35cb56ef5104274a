// Browser mode: the backend over HTTP on 127.0.0.1, plus the built renderer as static files.
//
// Protocol (what the renderer's HTTP client sends):
//   POST /api/<method>            e.g. /api/workflow.open
//   X-Flowgate-Token: <token>     the `token` query parameter of the page URL
//   Content-Type: application/json
//   body: the params as JSON (an empty body means {})
// Answer: HTTP 200 with the dispatch envelope {ok:true,result} | {ok:false,error:{code,message,path?}}.
// Other statuses are transport refusals (400 bad JSON, 401 token, 403 host/origin, 405 verb,
// 413 size), also shaped {ok:false,error:{code:'bad-request',message}}.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { BodyTooLargeError, readBody } from './read-body';
import { TOKEN_HEADER, firstHeader, hostAllowed, newToken, originAllowed, sendError, sendJson, setSecurityHeaders, tokenMatches } from './security';
import { serveStatic } from './static-files';

/** Above the largest param (a 50 MB text export) plus JSON escaping headroom. */
export const MAX_BODY_BYTES = 60 * 1024 * 1024;

export interface ServerOptions {
  backend: Api;
  /** 0 picks a free port. */
  port: number;
  staticDir: string;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startServer({ backend, port, staticDir, token = newToken() }: ServerOptions): Promise<RunningServer> {
  let boundPort = port;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    // The Host check guards static files too: a rebinding page must not even read the app's code.
    if (!hostAllowed(req.headers.host, boundPort)) return sendError(res, 403, 'Flowgate only answers at 127.0.0.1 or localhost.');
    if (!originAllowed(firstHeader(req, 'origin'), boundPort)) return sendError(res, 403, 'Requests from other sites are refused.');
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname.startsWith('/api/')) return handleApi(req, res, pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'Only GET is allowed here.', { Allow: 'GET, HEAD' });
    return serveStatic(req, res, staticDir, pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'API calls use POST.', { Allow: 'POST' });
    // Token before body: an unauthenticated caller cannot make us buffer anything.
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      return sendError(res, 401, 'This request lacks the access token: open the address printed by "flowgate serve" again.');
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLargeError) {
        // Close after answering: the rest of the oversized upload is drained and dropped.
        sendError(res, 413, e.message, { Connection: 'close' });
        req.resume();
        return;
      }
      throw e;
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

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: (e as Error)?.message ?? String(e) } });
    });
  });

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
