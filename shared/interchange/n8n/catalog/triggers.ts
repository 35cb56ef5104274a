// Triggers: whatever starts an n8n workflow becomes an intake. A trigger that reads a mailbox or a
// channel through a credential also reads what it receives.
import { BASE, LANGCHAIN } from '../n8n-json';
import type { ActionSpec, IntakeSourceName, N8nFamily } from './types';

const readInbox = (scope: string, label: string): ActionSpec => ({ scope, label, effect: 'read', customerFacing: false, data: ['personal'] });

const TRIGGERS: Record<string, { source: IntakeSourceName; read?: ActionSpec }> = {
  [`${BASE}manualTrigger`]: { source: 'manual' },
  [`${BASE}scheduleTrigger`]: { source: 'schedule' },
  [`${BASE}cron`]: { source: 'schedule' },
  [`${BASE}interval`]: { source: 'schedule' },
  [`${BASE}webhook`]: { source: 'webhook' },
  [`${BASE}formTrigger`]: { source: 'form' },
  [`${BASE}executeWorkflowTrigger`]: { source: 'manual' },
  [`${LANGCHAIN}chatTrigger`]: { source: 'form' },
  [`${LANGCHAIN}manualChatTrigger`]: { source: 'manual' },
  [`${BASE}gmailTrigger`]: { source: 'email', read: readInbox('gmail.message.read', 'Read incoming email in Gmail') },
  [`${BASE}microsoftOutlookTrigger`]: { source: 'email', read: readInbox('outlook.message.read', 'Read incoming email in Outlook') },
  [`${BASE}emailReadImap`]: { source: 'email', read: readInbox('imap.message.read', 'Read incoming email over IMAP') },
  [`${BASE}slackTrigger`]: { source: 'webhook', read: { scope: 'slack.message.read', label: 'Read Slack messages', effect: 'read', customerFacing: false, data: [] } },
  [`${BASE}telegramTrigger`]: { source: 'webhook', read: readInbox('telegram.message.read', 'Read Telegram messages') },
  [`${BASE}whatsAppTrigger`]: { source: 'webhook', read: readInbox('whatsapp.message.read', 'Read WhatsApp messages') },
  [`${BASE}zendeskTrigger`]: { source: 'ticket', read: readInbox('zendesk.ticket.get', 'Read Zendesk tickets') },
};

export const triggers: N8nFamily = {
  id: 'trigger',
  label: 'Triggers',
  types: Object.keys(TRIGGERS),
  credentialTypes: [],
  describe: (node) => ({ role: 'intake', ...TRIGGERS[node.type] }),
};

/** Any other node whose type ends in "Trigger" starts the workflow when its app calls n8n. */
export function isTriggerType(type: string): boolean {
  return /trigger$/i.test(type);
}
