// Team and customer messaging: Slack and Teams reach colleagues; Telegram and WhatsApp reach customers.
import { BASE } from '../n8n-json';
import { operationFamily } from './define';
import { param, text } from './types';

export const slack = operationFamily({
  id: 'slack',
  label: 'Slack',
  types: [`${BASE}slack`],
  exportVersion: 2.3,
  credentialTypes: ['slackApi', 'slackOAuth2Api'],
  defaultResource: 'message',
  defaultOperation: { message: 'post', channel: 'create', file: 'upload', reaction: 'add', star: 'add', user: 'info', userGroup: 'create' },
  sendsReachCustomers: false,
  data: [],
  operations: {
    'message.post': { label: 'Post a message in Slack' },
    'channel.invite': { effect: 'write', data: ['personal', 'security'] },
    'user.info': { data: ['personal'] },
    'user.getProfile': { data: ['personal'] },
  },
  reviewerOf: (node) => text(param(node, 'channelId')) || text(param(node, 'user')),
});

export const teams = operationFamily({
  id: 'teams',
  label: 'Microsoft Teams',
  types: [`${BASE}microsoftTeams`],
  exportVersion: 2,
  credentialTypes: ['microsoftTeamsOAuth2Api'],
  defaultResource: 'channel',
  defaultOperation: { channel: 'create', channelMessage: 'create', chatMessage: 'create', task: 'create' },
  sendsReachCustomers: false,
  data: [],
  operations: { 'channelMessage.create': { effect: 'send', label: 'Post a message in Teams' }, 'chatMessage.create': { effect: 'send', label: 'Send a Teams chat message' } },
  reviewerOf: (node) => text(param(node, 'chatId')) || text(param(node, 'channelId')),
});

export const telegram = operationFamily({
  id: 'telegram',
  label: 'Telegram',
  types: [`${BASE}telegram`],
  exportVersion: 1.2,
  credentialTypes: ['telegramApi'],
  defaultResource: 'message',
  defaultOperation: { message: 'sendMessage', chat: 'get', callback: 'answerQuery', file: 'get' },
  sendsReachCustomers: true,
  data: ['personal'],
  operations: { 'message.editMessageText': { effect: 'send' }, 'message.pinChatMessage': { effect: 'write' }, 'message.unpinChatMessage': { effect: 'write' } },
  reviewerOf: (node) => text(param(node, 'chatId')),
});

export const whatsApp = operationFamily({
  id: 'whatsapp',
  label: 'WhatsApp',
  types: [`${BASE}whatsApp`],
  exportVersion: 1.1,
  credentialTypes: ['whatsAppApi'],
  defaultResource: 'message',
  defaultOperation: { message: 'sendTemplate', media: 'mediaUpload' },
  sendsReachCustomers: true,
  data: ['personal'],
  operations: { 'media.mediaUpload': { effect: 'write' } },
  reviewerOf: (node) => text(param(node, 'recipientPhoneNumber')),
});
