// CRMs and help desks: records about customers, so their reads and writes touch personal data.
import { BASE } from '../n8n-json';
import { operationFamily } from './define';
import { param, text, type N8nFamily } from './types';

export const hubspot = operationFamily({
  id: 'hubspot',
  label: 'HubSpot',
  types: [`${BASE}hubspot`],
  exportVersion: 2.1,
  credentialTypes: ['hubspotApi', 'hubspotAppToken', 'hubspotOAuth2Api'],
  defaultResource: 'contact',
  defaultOperation: { contact: 'upsert', company: 'create', contactList: 'add', deal: 'create', engagement: 'create', ticket: 'create' },
  sendsReachCustomers: false,
  data: ['personal'],
  operations: { 'contactList.add': { effect: 'write' } },
});

export const salesforce = operationFamily({
  id: 'salesforce',
  label: 'Salesforce',
  types: [`${BASE}salesforce`],
  exportVersion: 1,
  credentialTypes: ['salesforceOAuth2Api', 'salesforceJwtApi'],
  defaultResource: 'lead',
  defaultOperation: { lead: 'create', account: 'create', attachment: 'create', case: 'create', contact: 'create', customObject: 'create', document: 'upload', flow: 'invoke', opportunity: 'create', search: 'query', task: 'create', user: 'get' },
  sendsReachCustomers: false,
  data: ['personal'],
  operations: { 'flow.invoke': { effect: 'trigger' } },
});

export const pipedrive = operationFamily({
  id: 'pipedrive',
  label: 'Pipedrive',
  types: [`${BASE}pipedrive`],
  exportVersion: 1,
  credentialTypes: ['pipedriveApi', 'pipedriveOAuth2Api'],
  defaultResource: 'deal',
  defaultOperation: { deal: 'create', activity: 'create', dealActivity: 'getAll', dealProduct: 'add', file: 'create', lead: 'create', note: 'create', organization: 'create', person: 'create', product: 'getAll' },
  sendsReachCustomers: false,
  data: ['personal'],
  operations: { 'dealProduct.add': { effect: 'write' } },
});

const zendeskBase = operationFamily({
  id: 'zendesk',
  label: 'Zendesk',
  types: [`${BASE}zendesk`],
  exportVersion: 1,
  credentialTypes: ['zendeskApi', 'zendeskOAuth2Api'],
  defaultResource: 'ticket',
  defaultOperation: { ticket: 'create', ticketField: 'get', user: 'create', organization: 'create' },
  sendsReachCustomers: true,
  data: ['personal'],
  operations: { 'ticket.recover': { effect: 'write' } },
});

// A ticket update that carries a public reply is how n8n answers the customer through Zendesk.
export const zendesk: N8nFamily = {
  ...zendeskBase,
  describe(node) {
    const role = zendeskBase.describe(node);
    const fields = param(node, 'updateFields') as Record<string, unknown> | undefined;
    if (role.role === 'integration' && role.action.scope === 'zendesk.ticket.update' && fields && text(fields.publicReply)) {
      return { role: 'integration', action: { ...role.action, scope: 'zendesk.ticket.reply', label: 'Reply to the customer in Zendesk', effect: 'send', customerFacing: true } };
    }
    return role;
  },
};
