// A small OpenAI-compatible server for tests: node:http on 127.0.0.1, a free port, no internet. It
// answers GET /v1/models and POST /v1/chat/completions like OpenAI (or Ollama, LM Studio) would, and
// records every request, so tests can see what was sent — and what was not.
//
// By default it answers sensibly: a classification picks `label` (default: the last label it is
// offered), an extraction fills the fields from `fields`, a retrieval returns every id it is offered,
// and text tasks get `text`, a draft request `draft` as JSON. `script` queues exact replies (an error, a
// malformed body, a hang). With `requireStrictSchema`, a chat request without a strict JSON schema as
// its `response_format` is refused with a 400, as OpenAI refuses a schema its strict mode cannot take.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: Record<string, unknown> | null;
  /** The raw request as received (headers and body), to search for things that must not be there. */
  raw: string;
  /** The client dropped the connection before an answer was sent (a cancel, or its timeout). */
  abandoned: boolean;
}

/** One scripted answer to the next chat request. `hang`: never answer (a timeout). */
export type ScriptedReply =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { content: string; usage?: { prompt_tokens: number; completion_tokens: number } | null; finishReason?: string }
  | { hang: true };

export interface MockOpenAiOptions {
  models?: string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401 that echoes the key sent. */
  apiKey?: string;
  label?: string;
  fields?: Record<string, string | null>;
  text?: string;
  /** The reply to a draft request (schema "flowgate_draft") when nothing is scripted. */
  draft?: unknown;
  /** Refuse chat requests whose response_format is not a strict JSON schema. */
  requireStrictSchema?: boolean;
}

export interface MockOpenAi {
  /** The base URL to configure: `http://127.0.0.1:<port>/v1`. */
  url: string;
  requests: RecordedRequest[];
  /** Chat requests only. */
  chats(): RecordedRequest[];
  script(...replies: ScriptedReply[]): void;
  options: MockOpenAiOptions;
  close(): Promise<void>;
}

interface JsonSchemaFormat {
  json_schema?: { name?: string; schema?: { properties?: Record<string, { enum?: string[]; items?: { enum?: string[] }; properties?: Record<string, unknown> }> } };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What OpenAI's strict mode would refuse in a response_format, or null when it takes it: a JSON schema
 * with strict: true, an object at the root, and every object closed (additionalProperties: false) with
 * all its properties required. Written here on its own, not borrowed from the code under test.
 */
function strictFormatProblem(format: unknown): string | null {
  if (!isObject(format) || format.type !== 'json_schema') return 'a JSON schema is required (response_format.type "json_schema")';
  const spec = format.json_schema;
  if (!isObject(spec) || spec.strict !== true) return 'strict must be true';
  if (!isObject(spec.schema) || spec.schema.type !== 'object') return 'the root schema must be an object';
  const stack: [unknown, string][] = [[spec.schema, '$']];
  while (stack.length) {
    const [s, at] = stack.pop()!;
    if (!isObject(s)) continue;
    if ('oneOf' in s || 'allOf' in s) return `${at}: oneOf and allOf are not permitted`;
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('object')) {
      if (s.additionalProperties !== false) return `${at}: additionalProperties is required to be supplied and to be false`;
      const props = isObject(s.properties) ? Object.keys(s.properties) : [];
      const required = Array.isArray(s.required) ? s.required : [];
      const missing = props.filter((p) => !required.includes(p));
      if (missing.length) return `${at}: 'required' is required to include every key in properties. Missing '${missing[0]}'`;
      for (const p of props) stack.push([(s.properties as Json)[p], `${at}.${p}`]);
    }
    if (s.items !== undefined) stack.push([s.items, `${at}[]`]);
    if (Array.isArray(s.anyOf)) s.anyOf.forEach((b, i) => stack.push([b, `${at}.anyOf[${i}]`]));
  }
  return null;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function completion(model: string, content: string, usage: { prompt_tokens: number; completion_tokens: number } | null = { prompt_tokens: 120, completion_tokens: 30 }, finishReason = 'stop') {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
    ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
  };
}

/** What the server answers when nothing is scripted: a reply that fits the request's schema. */
function defaultContent(body: Record<string, unknown>, options: MockOpenAiOptions): string {
  const format = body.response_format as JsonSchemaFormat | undefined;
  const name = format?.json_schema?.name;
  const props = format?.json_schema?.schema?.properties ?? {};
  if (name === 'classification') {
    const labels = props.label?.enum ?? [];
    const label = options.label ?? labels[labels.length - 1] ?? 'none';
    return JSON.stringify({ label, confidence: 0.93, rationale: `the test server chose ${label}` });
  }
  if (name === 'extraction') {
    const names = Object.keys(props.fields?.properties ?? {});
    const fields = Object.fromEntries(names.map((n) => [n, options.fields?.[n] ?? null]));
    return JSON.stringify({ fields, confidence: 0.88, rationale: 'read from the message' });
  }
  if (name === 'retrieval') {
    return JSON.stringify({ sources: props.sources?.items?.enum ?? [], confidence: 0.8, rationale: 'all of them help' });
  }
  if (name === 'flowgate_draft' && options.draft !== undefined) return JSON.stringify(options.draft);
  return options.text ?? 'Hello,\n\nThis text was written by the test server.\n\nBest regards';
}

export async function startMockOpenAi(options: MockOpenAiOptions = {}): Promise<MockOpenAi> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedReply[] = [];
  const models = options.models ?? ['test-model', 'other-model'];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const authorization = req.headers.authorization ?? null;
    const headerText = Object.entries(req.headers)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('\n');
    const record: RecordedRequest = { method: req.method ?? '', path, authorization, body, raw: `${req.method} ${req.url}\n${headerText}\n\n${text}`, abandoned: false };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableEnded) record.abandoned = true;
    });

    const wanted = mock.options.apiKey;
    if (wanted && authorization !== `Bearer ${wanted}`) {
      // Like some servers, it repeats the key it refused: the client must not pass that on.
      const sent = authorization?.replace(/^Bearer /, '') ?? '';
      return send(res, 401, { error: { message: `Incorrect API key provided: ${sent}.`, type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    if (req.method === 'GET' && path === '/v1/models') {
      return send(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'test' })) });
    }
    if (req.method === 'POST' && path === '/v1/chat/completions' && body) {
      const model = String(body.model ?? '');
      const unfit = mock.options.requireStrictSchema ? strictFormatProblem(body.response_format) : null;
      if (unfit) return send(res, 400, { error: { message: `Invalid schema for response_format: ${unfit}`, type: 'invalid_request_error', param: 'response_format', code: null } });
      const next = queue.shift();
      if (next && 'hang' in next) return; // never answered; close() drops the connection
      if (next && 'status' in next) return send(res, next.status, next.body, next.headers);
      if (next) return send(res, 200, completion(model, next.content, next.usage === undefined ? undefined : next.usage, next.finishReason));
      if (!models.includes(model)) {
        return send(res, 404, { error: { message: `The model \`${model}\` does not exist.`, type: 'invalid_request_error', code: 'model_not_found' } });
      }
      return send(res, 200, completion(model, defaultContent(body, mock.options)));
    }
    return send(res, 404, { error: { message: `No route ${req.method} ${path}`, type: 'invalid_request_error' } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, { error: { message: String(e) } }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;

  const mock: MockOpenAi = {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chats: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    script: (...replies) => void queue.push(...replies),
    options,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  return mock;
}
