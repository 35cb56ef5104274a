// The generic HTTP connector as Camunda's REST connector (job type io.camunda:http-json:1), which the
// Camunda connector runtime runs with no worker of ours: method, URL and body as zeebe:input
// mappings, the token as a connector secret placeholder (never a credential), a read's response
// stored as the rehearsal stores it, and any failure thrown as the step's BPMN error.
import type { ResolvedAction } from '../../connectors/lookup';
import type { NodeOfKind } from '../../model/schema';
import { needScope, stepName, STEP_FAILED_CODE, type ExportContext, type JobRecord } from './context';
import { feelString, templateExpression } from './feel';
import type { BpmnElement, Mapping } from './model';
import { isPlainVariableName } from './names';
import { TASK_AT } from './steps/fragment';

export const REST_CONNECTOR_TYPE = 'io.camunda:http-json:1';

const METHODS: Record<string, string> = { 'http.get': 'GET', 'http.post': 'POST', 'http.put': 'PUT', 'http.delete': 'DELETE' };

/** The connector secret holding a connection's token: FLOWGATE_<CONNECTION>_TOKEN. */
export function secretName(connectionId: string): string {
  return `FLOWGATE_${connectionId.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_TOKEN`;
}

/** A FEEL context of the extra inputs ({name: value, …}), keys written as FEEL names or strings. */
function contextOf(ctx: ExportContext, entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${isPlainVariableName(k) ? k : feelString(k)}: ${templateExpression(v, ctx.scope)}`).join(', ')}}`;
}

/** A REST connector task, or null when the step has no URL to call (it then stays a Flowgate job). */
export function restConnectorTask(ctx: ExportContext, node: NodeOfKind<'integration'>, taskId: string, resolved: Extract<ResolvedAction, { ok: true }>, resultVar: string | null): BpmnElement | null {
  const method = METHODS[resolved.action.scope];
  const { url, body, ...extra } = node.config.inputs;
  if (!method || typeof url !== 'string' || !url.trim()) return null;
  const label = stepName(node);
  const secret = secretName(resolved.connection.id);
  const extras = Object.entries(extra).filter((e): e is [string, string] => typeof e[1] === 'string');
  const inputs: Mapping[] = [
    { source: '="bearer"', target: 'authentication.type' },
    { source: `=${feelString(`{{secrets.${secret}}}`)}`, target: 'authentication.token' },
    { source: `=${feelString(method)}`, target: 'method' },
    { source: `=${templateExpression(url, ctx.scope)}`, target: 'url' },
  ];
  if (method === 'GET' || method === 'DELETE') {
    if (extras.length) inputs.push({ source: `=${contextOf(ctx, extras)}`, target: 'queryParameters' });
  } else if (typeof body === 'string') {
    inputs.push({ source: `=${templateExpression(body, ctx.scope)}`, target: 'body' });
    if (extras.length) ctx.warn(`"${label}": the inputs ${extras.map(([k]) => `"${k}"`).join(', ')} are not sent by the REST connector, which sends the body as it is.`, node.id);
  } else if (extras.length) {
    inputs.push({ source: `=${contextOf(ctx, extras)}`, target: 'body' });
  }
  inputs.push({ source: '=20', target: 'connectionTimeoutInSeconds' }, { source: '=20', target: 'readTimeoutInSeconds' });

  const headers: [string, string][] = [
    ['errorExpression', `=if error != null then bpmnError(${feelString(STEP_FAILED_CODE)}, if error.message != null then error.message else "The web service call failed.") else null`],
    ['retryBackoff', 'PT10S'],
    ['connection', resolved.connection.id],
    ['identity', resolved.connection.identity],
    ['scope', resolved.action.scope],
  ];
  if (resultVar) headers.unshift(['resultExpression', `={${resultVar}: response.body}`]);

  const job: JobRecord = { type: REST_CONNECTOR_TYPE, kind: 'rest-connector', stepId: node.id, elementId: taskId, scopes: new Map(), inputs: ['url', ...(inputs.some((i) => i.target === 'body') ? ['body'] : [])], result: resultVar, secrets: [secret] };
  needScope(job, resolved.connection.id, resolved.action.scope);
  ctx.jobs.push(job);
  ctx.warn(`"${label}" uses Camunda's REST connector with a bearer token from the connector secret ${secret}: create that secret for ${resolved.connection.identity || resolved.connection.label}, or change the authentication, before deploying.`, node.id);

  return {
    id: taskId,
    kind: 'serviceTask',
    name: label,
    documentation: `${resolved.action.label} (${method}) with Camunda's REST connector, on ${resolved.connection.label} as ${resolved.connection.identity || 'an unnamed identity'}.`,
    stepId: node.id,
    taskType: REST_CONNECTOR_TYPE,
    retries: 3,
    headers: headers.filter(([, v]) => v !== ''),
    inputs,
    at: TASK_AT,
  };
}
