// Which n8n node performs each of Flowgate's built-in connector actions: the app node where n8n has one
// (Gmail, Slack, Zendesk, HubSpot, QuickBooks, Stripe, Google Sheets, Docs and Drive), else HTTP Request.
// Inputs arrive already written as n8n parameter values (text or `=…` expressions).
import { BASE } from './n8n-json';

export interface NodeSpec {
  type: string;
  typeVersion: number;
  /** Credential type of the placeholder credential the node needs; none for unauthenticated HTTP. */
  credentialType?: string;
  parameters: Record<string, unknown>;
}

type Inputs = Record<string, string>;
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const get = (i: Inputs, key: string, fallback = '') => i[key] ?? fallback;

const GMAIL = { type: `${BASE}gmail`, typeVersion: 2.1, credentialType: 'gmailOAuth2' };
const SLACK = { type: `${BASE}slack`, typeVersion: 2.3, credentialType: 'slackApi' };
const ZENDESK = { type: `${BASE}zendesk`, typeVersion: 1, credentialType: 'zendeskApi' };
const HUBSPOT = { type: `${BASE}hubspot`, typeVersion: 2.1, credentialType: 'hubspotAppToken' };
const QUICKBOOKS = { type: `${BASE}quickbooks`, typeVersion: 1, credentialType: 'quickBooksOAuth2Api' };
const SHEETS = { type: `${BASE}googleSheets`, typeVersion: 4.5, credentialType: 'googleSheetsOAuth2Api' };
const DOCS = { type: `${BASE}googleDocs`, typeVersion: 2, credentialType: 'googleDocsOAuth2Api' };
const DRIVE = { type: `${BASE}googleDrive`, typeVersion: 3, credentialType: 'googleDriveOAuth2Api' };
const STRIPE = { type: `${BASE}stripe`, typeVersion: 1, credentialType: 'stripeApi' };
export const HTTP_REQUEST = { type: `${BASE}httpRequest`, typeVersion: 4.2 };

/** HTTP Request parameters; `credentialType` makes n8n sign the call with that app's credential. */
export function httpParams(method: string, url: string, body?: Inputs, credentialType?: string): Record<string, unknown> {
  const params: Record<string, unknown> = { method, url };
  if (credentialType) {
    params.authentication = 'predefinedCredentialType';
    params.nodeCredentialType = credentialType;
  }
  if (body && Object.keys(body).length) {
    params.sendBody = true;
    params.bodyParameters = { parameters: Object.entries(body).map(([name, value]) => ({ name, value })) };
  }
  params.options = {};
  return params;
}

const sheet = (i: Inputs) => ({ resource: 'sheet', documentId: rl(get(i, 'sheet', 'REPLACE_WITH_SPREADSHEET_ID')), sheetName: rl('gid=0', 'list') });

export const BUILTIN_ACTIONS: Record<string, (i: Inputs) => NodeSpec> = {
  // email
  'email.send': (i) => ({ ...GMAIL, parameters: { resource: 'message', operation: 'send', sendTo: get(i, 'to'), subject: get(i, 'subject'), emailType: 'text', message: get(i, 'body'), options: {} } }),
  'email.send_internal': (i) => ({ ...GMAIL, parameters: { resource: 'message', operation: 'send', sendTo: get(i, 'to'), subject: get(i, 'subject'), emailType: 'text', message: get(i, 'body'), options: {} } }),
  'email.draft': (i) => ({ ...GMAIL, parameters: { resource: 'draft', operation: 'create', subject: get(i, 'subject'), emailType: 'text', message: get(i, 'body'), options: { sendTo: get(i, 'to') } } }),
  'email.delete': (i) => ({ ...GMAIL, parameters: { resource: 'message', operation: 'delete', messageId: get(i, 'messageId') } }),
  'email.read_inbox': () => ({ ...GMAIL, parameters: { resource: 'message', operation: 'getAll', returnAll: false, limit: 50, filters: {} } }),
  // team chat
  'chat.messages.post': (i) => ({ ...SLACK, parameters: { resource: 'message', operation: 'post', select: 'channel', channelId: rl(get(i, 'channel', '#general'), 'name'), text: get(i, 'text'), otherOptions: {} } }),
  'chat.messages.direct': (i) => ({ ...SLACK, parameters: { resource: 'message', operation: 'post', select: 'user', user: rl(get(i, 'user'), 'username'), text: get(i, 'text'), otherOptions: {} } }),
  'chat.messages.delete': (i) => ({ ...SLACK, parameters: { resource: 'message', operation: 'delete', select: 'channel', channelId: rl(get(i, 'channel'), 'name'), timestamp: get(i, 'messageId') } }),
  'chat.channels.create': (i) => ({ ...SLACK, parameters: { resource: 'channel', operation: 'create', channelId: get(i, 'name'), options: {} } }),
  'chat.users.invite': (i) => ({ ...SLACK, parameters: { resource: 'channel', operation: 'invite', channelId: rl(get(i, 'channels', '#general'), 'name'), userIds: [get(i, 'email')] } }),
  'chat.users.read': (i) => ({ ...SLACK, parameters: { resource: 'user', operation: 'info', user: rl(get(i, 'userId', get(i, 'email')), 'id') } }),
  // help desk
  'tickets.read': (i) => ({ ...ZENDESK, parameters: { resource: 'ticket', operation: 'get', id: get(i, 'ticketId') } }),
  'tickets.reply': (i) => ({ ...ZENDESK, parameters: { resource: 'ticket', operation: 'update', id: get(i, 'ticketId'), updateFields: { publicReply: get(i, 'body') } } }),
  'tickets.comment': (i) => ({ ...ZENDESK, parameters: { resource: 'ticket', operation: 'update', id: get(i, 'ticketId'), updateFields: { internalNote: get(i, 'body') } } }),
  'tickets.update_fields': (i) => ({ ...ZENDESK, parameters: { resource: 'ticket', operation: 'update', id: get(i, 'ticketId'), updateFields: { ...(i.category ? { type: i.category } : {}), ...(i.tags ? { tags: [i.tags] } : {}) } } }),
  'tickets.assign': (i) => ({ ...ZENDESK, parameters: { resource: 'ticket', operation: 'update', id: get(i, 'ticketId'), updateFields: { group: get(i, 'group'), assigneeEmail: get(i, 'assignee') } } }),
  'tickets.close': (i) => ({ ...ZENDESK, parameters: { resource: 'ticket', operation: 'update', id: get(i, 'ticketId'), updateFields: { status: 'solved', internalNote: get(i, 'resolution') } } }),
  'tickets.delete': (i) => ({ ...ZENDESK, parameters: { resource: 'ticket', operation: 'delete', id: get(i, 'ticketId') } }),
  // CRM
  'crm.contacts.read': (i) => ({ ...HUBSPOT, parameters: { authentication: 'appToken', resource: 'contact', operation: 'get', contactId: get(i, 'contactId'), additionalFields: {} } }),
  'crm.leads.read': (i) => ({ ...HUBSPOT, parameters: { authentication: 'appToken', resource: 'contact', operation: 'get', contactId: get(i, 'leadId'), additionalFields: {} } }),
  'crm.contacts.create': (i) => ({ ...HUBSPOT, parameters: { authentication: 'appToken', resource: 'contact', operation: 'upsert', email: get(i, 'email'), additionalFields: {} } }),
  'crm.leads.create': (i) => ({ ...HUBSPOT, parameters: { authentication: 'appToken', resource: 'contact', operation: 'upsert', email: get(i, 'email'), additionalFields: {} } }),
  'crm.contacts.update': (i) => ({ ...HUBSPOT, parameters: { authentication: 'appToken', resource: 'contact', operation: 'upsert', email: get(i, 'contactId'), additionalFields: {} } }),
  'crm.contacts.delete': (i) => ({ ...HUBSPOT, parameters: { authentication: 'appToken', resource: 'contact', operation: 'delete', contactId: get(i, 'contactId') } }),
  'crm.leads.update': (i) => ({ ...HUBSPOT, parameters: { authentication: 'appToken', resource: 'deal', operation: 'update', dealId: get(i, 'leadId'), updateFields: {} } }),
  'crm.leads.assign': (i) => ({ ...HUBSPOT, parameters: { authentication: 'appToken', resource: 'deal', operation: 'update', dealId: get(i, 'leadId'), updateFields: {} } }),
  'crm.activities.log': (i) => ({ ...HUBSPOT, parameters: { authentication: 'appToken', resource: 'engagement', operation: 'create', type: 'task', metadata: { subject: get(i, 'type', 'Activity'), body: get(i, 'summary') }, additionalFields: {} } }),
  // billing
  'billing.customers.read': (i) => ({ ...STRIPE, parameters: { resource: 'customer', operation: 'get', customerId: get(i, 'customerId') } }),
  'billing.invoices.read': (i) => ({ ...QUICKBOOKS, parameters: { resource: 'invoice', operation: 'get', invoiceId: get(i, 'invoiceId') } }),
  'billing.invoices.create': (i) => ({ ...QUICKBOOKS, parameters: { resource: 'invoice', operation: 'create', CustomerRef: get(i, 'customerId'), Line: [], additionalFields: {} } }),
  'billing.invoices.send': (i) => ({ ...QUICKBOOKS, parameters: { resource: 'invoice', operation: 'send', invoiceId: get(i, 'invoiceId'), email: get(i, 'email') } }),
  'billing.invoices.approve': (i) => ({ ...QUICKBOOKS, parameters: { resource: 'bill', operation: 'update', billId: get(i, 'invoiceId'), updateFields: {} } }),
  'billing.invoices.void': (i) => ({ ...QUICKBOOKS, parameters: { resource: 'invoice', operation: 'void', invoiceId: get(i, 'invoiceId') } }),
  'billing.payments.schedule': (i) => ({ ...QUICKBOOKS, parameters: { resource: 'payment', operation: 'create', CustomerRef: get(i, 'invoiceId'), TotalAmt: 0, additionalFields: {} } }),
  // n8n's Stripe node has no refunds: n8n users call Stripe's API with the Stripe credential.
  'billing.refunds.issue': (i) => ({
    ...HTTP_REQUEST,
    credentialType: 'stripeApi',
    parameters: httpParams('POST', 'https://api.stripe.com/v1/refunds', { charge: get(i, 'invoiceId'), reason: 'requested_by_customer', metadata: get(i, 'reason') }, 'stripeApi'),
  }),
  // documents
  'docs.search': (i) => ({ ...DRIVE, parameters: { resource: 'fileFolder', searchMethod: 'query', queryString: get(i, 'query'), filter: {}, options: {} } }),
  'docs.read': (i) => ({ ...DOCS, parameters: { operation: 'get', documentURL: get(i, 'documentId') } }),
  'docs.create': (i) => ({ ...DOCS, parameters: { operation: 'create', folderId: get(i, 'folder', 'default'), title: get(i, 'title') } }),
  'docs.update': (i) => ({ ...DOCS, parameters: { operation: 'update', documentURL: get(i, 'documentId'), actionsUi: { actionFields: [{ action: 'insert', text: get(i, 'body') }] } } }),
  'docs.share_external': (i) => ({ ...DRIVE, parameters: { resource: 'file', operation: 'share', fileId: rl(get(i, 'documentId')), permissionsUi: { permissionsValues: { role: 'reader', type: 'user', emailAddress: get(i, 'email') } }, options: {} } }),
  'docs.delete': (i) => ({ ...DRIVE, parameters: { resource: 'file', operation: 'deleteFile', fileId: rl(get(i, 'documentId')), options: {} } }),
  // spreadsheet
  'sheets.read_rows': (i) => ({ ...SHEETS, parameters: { ...sheet(i), operation: 'read', filtersUI: {}, options: {} } }),
  'sheets.append_row': (i) => ({ ...SHEETS, parameters: { ...sheet(i), operation: 'append', columns: { mappingMode: 'autoMapInputData', value: {} }, options: {} } }),
  'sheets.update_row': (i) => ({ ...SHEETS, parameters: { ...sheet(i), operation: 'update', columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [get(i, 'rowId', 'id')] }, options: {} } }),
  'sheets.delete_row': (i) => ({ ...SHEETS, parameters: { ...sheet(i), operation: 'delete', startIndex: 2, numberToDelete: 1 } }),
  // generic web services
  'http.get': (i) => ({ ...HTTP_REQUEST, parameters: httpParams('GET', get(i, 'url', 'https://example.com/REPLACE')) }),
  'http.post': (i) => ({ ...HTTP_REQUEST, parameters: httpParams('POST', get(i, 'url', 'https://example.com/REPLACE'), bodyOf(i)) }),
  'http.put': (i) => ({ ...HTTP_REQUEST, parameters: httpParams('PUT', get(i, 'url', 'https://example.com/REPLACE'), bodyOf(i)) }),
  'http.delete': (i) => ({ ...HTTP_REQUEST, parameters: httpParams('DELETE', get(i, 'url', 'https://example.com/REPLACE')) }),
};

function bodyOf(i: Inputs): Inputs {
  const { url: _url, ...rest } = i;
  return rest;
}

/** The method that does an effect over plain HTTP, for actions no n8n node performs. */
export const METHOD_OF_EFFECT: Record<string, string> = { read: 'GET', write: 'PUT', delete: 'DELETE', send: 'POST', trigger: 'POST', approve: 'POST' };
