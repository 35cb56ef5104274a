import { BASE } from '../n8n-json';
import { operationFamily } from './define';
import { param, text } from './types';

/** "Send Email" over SMTP. */
export const emailSend = operationFamily({
  id: 'smtp',
  label: 'Email (SMTP)',
  types: [`${BASE}emailSend`],
  exportVersion: 2.1,
  credentialTypes: ['smtp'],
  defaultOperation: { '': 'send' },
  sendsReachCustomers: true,
  data: ['personal'],
  operations: { send: { label: 'Send an email over SMTP' } },
  reviewerOf: (node) => text(param(node, 'toEmail')),
});
