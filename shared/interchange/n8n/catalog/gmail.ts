import { BASE } from '../n8n-json';
import { operationFamily } from './define';
import { param, text } from './types';

export const gmail = operationFamily({
  id: 'gmail',
  label: 'Gmail',
  types: [`${BASE}gmail`],
  exportVersion: 2.1,
  credentialTypes: ['gmailOAuth2', 'googleApi'],
  defaultResource: 'message',
  defaultOperation: { message: 'send', label: 'getAll', draft: 'create', thread: 'getAll' },
  sendsReachCustomers: true,
  data: ['personal'],
  operations: {
    'draft.create': { effect: 'write', label: 'Save a draft in Gmail' },
    'message.send': { label: 'Send an email with Gmail' },
    'message.reply': { label: 'Reply to an email with Gmail' },
  },
  reviewerOf: (node) => text(param(node, 'sendTo')),
});
