import { BASE } from '../n8n-json';
import { operationFamily } from './define';
import { param, text } from './types';

export const outlook = operationFamily({
  id: 'outlook',
  label: 'Microsoft Outlook',
  types: [`${BASE}microsoftOutlook`],
  exportVersion: 2,
  credentialTypes: ['microsoftOutlookOAuth2Api'],
  defaultResource: 'message',
  defaultOperation: { message: 'send', draft: 'create', contact: 'create', calendar: 'create', event: 'create', folder: 'create', folderMessage: 'getAll', messageAttachment: 'add' },
  sendsReachCustomers: true,
  data: ['personal'],
  operations: { 'draft.create': { effect: 'write' }, 'message.move': { effect: 'write' } },
  reviewerOf: (node) => text(param(node, 'sendTo')),
});
