// Validates a call against the contract, runs the handler, and wraps the outcome in an envelope.
// Shared by both transports so that IPC and HTTP behave identically.
import { ApiError, contract, isMethod, type Api, type Envelope } from './contract';
import { WorkflowLoadError, jsonPath } from '../model/load';
import { withoutForbiddenKeys } from './sanitize';
import { plainIssue } from '../model/issue-text';
import { errorText } from '../text';

export function errorEnvelope(e: unknown): Envelope<never> {
  if (e instanceof ApiError) return { ok: false, error: { code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}) } };
  if (e instanceof WorkflowLoadError) return { ok: false, error: { code: 'invalid-workflow', message: e.message, path: e.path } };
  return { ok: false, error: { code: 'internal', message: errorText(e) } };
}

export async function dispatch(handlers: Api, method: string, rawParams: unknown): Promise<Envelope<unknown>> {
  if (!isMethod(method)) return { ok: false, error: { code: 'bad-request', message: `unknown method "${method}"` } };
  const spec = contract[method];
  const params = withoutForbiddenKeys(rawParams ?? {});
  const parsed = spec.params.safeParse(params);
  if (!parsed.success) {
    // Said in plain words: a refused call's message can reach the user (a bad URL typed in Settings).
    const issue = plainIssue(parsed.error.issues[0], params);
    const where = jsonPath(issue.path);
    return { ok: false, error: { code: 'bad-request', message: `${where}: ${issue.message}`, path: where } };
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    return { ok: true, result: spec.result.parse(result) };
  } catch (e) {
    return errorEnvelope(e);
  }
}
