// Shorthand for families of n8n app nodes that work by `resource` and `operation` (most of them):
// the effect of an operation is read from its name, and each family states only its exceptions.
import type { DataCategory, Effect } from '../../../connectors/types';
import type { N8nNode } from '../n8n-json';
import { param, text, type ActionSpec, type N8nFamily, type NodeRole } from './types';

const READ = /^(get|getall|getmany|search|list|read|select|info|history|replies|download|count|query|getreport|getsummary|getprofile|getpresence|getpermalink|member|members|administrators|searchbydomain|getrecentlycreatedupdated|getschema|getorganizations|getrelateddata|mediaurlget|lookup|find|fetch|getrow|getrows|getmessages|getfile|getall\w*)$/i;
const DELETE = /(delete|remove|trash|archive|void|cancel|clear|kick|purge|erase)/i;
const SEND = /^(send\w*|post|reply|answerquery|answerinlinequery|share|publish|forward|invite)$/i;

/** The effect an operation's name tells: reads, deletes and sends by name, anything else writes. */
export function effectOfOperation(operation: string): Effect {
  if (READ.test(operation)) return 'read';
  if (DELETE.test(operation)) return 'delete';
  if (SEND.test(operation)) return 'send';
  return 'write';
}

/** "getAll" → "get all", "sendAndWait" → "send and wait". */
export function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

interface OperationOverride {
  effect?: Effect;
  customerFacing?: boolean;
  data?: DataCategory[];
  label?: string;
}

export interface OperationFamilySpec {
  id: string;
  label: string;
  types: string[];
  credentialTypes: string[];
  /** The resource n8n uses when the file leaves it out (n8n omits defaults); none for nodes without resources. */
  defaultResource?: string;
  /** The operation per resource that n8n uses when the file leaves it out (key '' without resources). */
  defaultOperation: Record<string, string>;
  /** Whether this system's sends reach customers (email, WhatsApp) or only colleagues (team chat). */
  sendsReachCustomers: boolean;
  /** Sensitive data the system's records hold, for every read and write. */
  data: DataCategory[];
  /** Exceptions by `resource.operation` (or `operation` without resources). */
  operations?: Record<string, OperationOverride>;
  /** The type version an export writes (of the first type). */
  exportVersion: number;
  /** Labels of the reviewer a send-and-wait message goes to, from the node's parameters. */
  reviewerOf?(node: N8nNode): string;
}

/** Hours from n8n's "Limit Wait Time" option, or null when the wait has no limit. */
export function waitLimitHours(node: N8nNode): number | null {
  const options = param(node, 'options');
  const limit = options && typeof options === 'object' ? (options as Record<string, unknown>).limitWaitTime : undefined;
  const values = limit && typeof limit === 'object' ? ((limit as Record<string, unknown>).values as Record<string, unknown> | undefined) : undefined;
  if (!values) return null;
  if (values.limitType === 'atSpecifiedTime') return null;
  const amount = typeof values.resumeAmount === 'number' ? values.resumeAmount : 1;
  const unit = typeof values.resumeUnit === 'string' ? values.resumeUnit : 'hours';
  const hours = unit === 'minutes' ? amount / 60 : unit === 'days' ? amount * 24 : amount;
  return Math.round(hours * 100) / 100;
}

export function actionOf(spec: Pick<OperationFamilySpec, 'id' | 'label' | 'sendsReachCustomers' | 'data' | 'operations'>, resource: string, operation: string): ActionSpec {
  const key = resource ? `${resource}.${operation}` : operation;
  const override = spec.operations?.[key] ?? spec.operations?.[operation] ?? {};
  const effect = override.effect ?? effectOfOperation(operation);
  const what = resource ? `${words(operation)} ${words(resource)}` : words(operation);
  return {
    scope: `${spec.id}.${key}`,
    label: override.label ?? `${what.charAt(0).toUpperCase()}${what.slice(1)} in ${spec.label}`,
    effect,
    customerFacing: override.customerFacing ?? (effect === 'send' && spec.sendsReachCustomers),
    data: override.data ?? spec.data,
  };
}

export function operationFamily(spec: OperationFamilySpec): N8nFamily {
  return {
    id: spec.id,
    label: spec.label,
    types: spec.types,
    credentialTypes: spec.credentialTypes,
    exportAs: { type: spec.types[0], typeVersion: spec.exportVersion, resources: spec.defaultResource !== undefined },
    describe(node): NodeRole {
      const resource = text(param(node, 'resource')) || spec.defaultResource || '';
      const operation = text(param(node, 'operation')) || spec.defaultOperation[resource] || spec.defaultOperation[''] || '';
      if (operation === 'sendAndWait') {
        return {
          role: 'approval',
          reviewer: spec.reviewerOf?.(node) ?? '',
          instructions: text(param(node, 'message')).replace(/^=/, ''),
          timeoutHours: waitLimitHours(node),
          via: spec.label,
        };
      }
      return { role: 'integration', action: actionOf(spec, resource, operation) };
    },
  };
}
