// The n8n mapping catalog: one file per family of n8n nodes, like the connector catalog. describeNode()
// says what Flowgate makes of any node; a node no family knows is kept as an action of unknown effect.
import type { N8nNode } from '../n8n-json';
import { ai, subNodeRole } from './ai';
import { hubspot, pipedrive, salesforce, zendesk } from './crm';
import { googleDocs, googleDrive } from './documents';
import { emailSend } from './email-send';
import { payPal, quickBooks, stripe } from './finance';
import { flow } from './flow';
import { gmail } from './gmail';
import { http } from './http';
import { outlook } from './outlook';
import { airtable, googleSheets, mySql, notion, postgres } from './records';
import { slack, teams, telegram, whatsApp } from './chat';
import { isTriggerType, triggers } from './triggers';
import type { N8nFamily, NodeRole } from './types';

export const FAMILIES: readonly N8nFamily[] = [
  triggers, ai, flow, http, gmail, outlook, emailSend, slack, teams, telegram, whatsApp,
  googleSheets, airtable, notion, postgres, mySql, stripe, payPal, quickBooks, hubspot, salesforce, pipedrive, zendesk,
  googleDocs, googleDrive,
];

const BY_TYPE = new Map<string, N8nFamily>();
for (const family of FAMILIES) for (const type of family.types) BY_TYPE.set(type, family);

/** The family of a node type; `…Tool` variants of app nodes belong to the app's family. */
export function familyOf(type: string): N8nFamily | undefined {
  return BY_TYPE.get(type) ?? (type.endsWith('Tool') ? BY_TYPE.get(type.slice(0, -'Tool'.length)) : undefined);
}

/** The family whose system a credential type connects to (gmailOAuth2 → Gmail). */
export function familyOfCredential(credentialType: string): N8nFamily | undefined {
  return FAMILIES.find((f) => f.credentialTypes.includes(credentialType));
}

export interface Described {
  role: NodeRole;
  family: N8nFamily | undefined;
  /** True when no family knows the node type. */
  unknown: boolean;
}

export function describeNode(node: N8nNode): Described {
  const family = familyOf(node.type);
  if (family) return { role: family.describe(node), family, unknown: false };
  const sub = subNodeRole(node.type, node);
  if (sub) return { role: sub, family: ai, unknown: false };
  if (isTriggerType(node.type)) return { role: { role: 'intake', source: 'webhook' }, family: triggers, unknown: false };
  return {
    role: {
      role: 'integration',
      action: { scope: `n8n.${node.type}`, label: `Run the n8n node ${node.type}`, effect: 'trigger', customerFacing: false, data: [], unknownEffect: true },
    },
    family: undefined,
    unknown: true,
  };
}
