// HTTP Request (and its agent-tool forms): the effect follows the method, and calls to well-known
// APIs that move money or reach customers are recognised by their address.
import type { DataCategory, Effect } from '../../../connectors/types';
import { BASE, LANGCHAIN, type N8nNode } from '../n8n-json';
import { param, text, type ActionSpec, type N8nFamily } from './types';

const METHOD_EFFECT: Record<string, Effect> = { GET: 'read', HEAD: 'read', OPTIONS: 'read', POST: 'trigger', PUT: 'write', PATCH: 'write', DELETE: 'delete' };

interface KnownApi {
  /** The address an export calls for this action. */
  url: string;
  host: RegExp;
  path?: RegExp;
  methods?: string[];
  action: Omit<ActionSpec, 'customerFacing' | 'data'> & { customerFacing?: boolean; data?: DataCategory[] };
}

/** Addresses whose meaning is known whatever the method says; first match wins. */
const KNOWN_APIS: KnownApi[] = [
  { url: 'https://api.stripe.com/v1/refunds', host: /(^|\.)api\.stripe\.com$/, path: /\/v1\/refunds/, methods: ['POST'], action: { scope: 'stripe.refunds.create', label: 'Refund a payment through Stripe', effect: 'trigger', data: ['financial', 'personal'] } },
  { url: 'https://api.stripe.com/v1/payment_intents', host: /(^|\.)api\.stripe\.com$/, path: /\/v1\/(charges|payment_intents|payouts|transfers)/, methods: ['POST'], action: { scope: 'stripe.payments.create', label: 'Move money through Stripe', effect: 'trigger', data: ['financial', 'personal'] } },
  { url: 'https://api-m.paypal.com/v1/payments/payouts', host: /(^|\.)paypal\.com$/, path: /(refund|payouts|captures)/, methods: ['POST'], action: { scope: 'paypal.payments.create', label: 'Move money through PayPal', effect: 'trigger', data: ['financial', 'personal'] } },
  { url: 'https://gmail.googleapis.com/gmail/v1/users/me/messages/send', host: /^gmail\.googleapis\.com$/, path: /\/messages\/send|\/drafts\/send/, methods: ['POST'], action: { scope: 'gmail.message.send', label: 'Send an email through the Gmail API', effect: 'send', customerFacing: true, data: ['personal'] } },
  { url: 'https://api.sendgrid.com/v3/mail/send', host: /(^|\.)sendgrid\.com$/, path: /\/mail\/send/, methods: ['POST'], action: { scope: 'sendgrid.mail.send', label: 'Send an email through SendGrid', effect: 'send', customerFacing: true, data: ['personal'] } },
  { url: 'https://api.twilio.com/2010-04-01/Accounts/REPLACE/Messages.json', host: /(^|\.)twilio\.com$/, path: /\/Messages/, methods: ['POST'], action: { scope: 'twilio.messages.send', label: 'Send a text message through Twilio', effect: 'send', customerFacing: true, data: ['personal'] } },
  { url: 'https://slack.com/api/chat.postMessage', host: /^slack\.com$/, path: /chat\.postMessage/, methods: ['POST'], action: { scope: 'slack.message.post', label: 'Post a message in Slack', effect: 'send', data: [] } },
];

/** The request's method, in capitals: `method` from version 3 on, `requestMethod` before. */
export function methodOf(node: N8nNode): string {
  const m = text(param(node, 'method')) || text(param(node, 'requestMethod')) || 'GET';
  return m.toUpperCase();
}

/** The host of a request's URL, or '' when the URL is an expression or cannot be read. */
export function hostOf(node: N8nNode): string {
  const url = text(param(node, 'url')).replace(/^=/, '').trim();
  const match = /^https?:\/\/([^/?#:{}\s]+)/i.exec(url);
  return match ? match[1].toLowerCase() : '';
}

export function httpAction(node: N8nNode): ActionSpec {
  const method = methodOf(node);
  const host = hostOf(node);
  const url = text(param(node, 'url'));
  for (const api of KNOWN_APIS) {
    if (!api.host.test(host) || (api.path && !api.path.test(url)) || (api.methods && !api.methods.includes(method))) continue;
    return { customerFacing: false, data: [], ...api.action };
  }
  const effect = METHOD_EFFECT[method] ?? 'trigger';
  const where = host ? ` on ${host}` : '';
  const verb: Record<Effect, string> = { read: 'Fetch data', trigger: 'Call a web service', write: 'Change a record', delete: 'Delete a record', send: 'Send data', approve: 'Approve' };
  return { scope: `http.${method.toLowerCase()}`, label: `${verb[effect]}${where} (HTTP ${method})`, effect, customerFacing: false, data: [] };
}

export const http: N8nFamily = {
  id: 'http',
  label: 'HTTP Request',
  types: [`${BASE}httpRequest`, `${LANGCHAIN}toolHttpRequest`],
  credentialTypes: ['httpHeaderAuth', 'httpBasicAuth', 'httpQueryAuth', 'httpDigestAuth', 'httpCustomAuth', 'oAuth2Api', 'oAuth1Api', 'httpBearerAuth'],
  describe: (node) => ({ role: 'integration', action: httpAction(node) }),
};

/** The request an exported action makes: a known API's address, or the method of a plain `http.<method>` scope. */
export function requestForScope(scope: string): { method: string; url?: string } | undefined {
  const known = KNOWN_APIS.find((api) => api.action.scope === scope);
  if (known) return { method: known.methods?.[0] ?? 'POST', url: known.url };
  const m = /^http\.(get|head|options|post|put|patch|delete)$/.exec(scope);
  return m ? { method: m[1].toUpperCase() } : undefined;
}
