import type { ConnectorDefinition } from '../types';
import { defineActions } from './define';

// Incoming mail looks like a ticket (sender, subject, body), so rehearsals read the tickets sample set.
export const email: ConnectorDefinition = {
  id: 'email',
  label: 'Email',
  description: 'A shared mailbox: read incoming mail, draft and send messages.',
  icon: 'mail',
  actions: defineActions([
    { scope: 'email.read_inbox', label: 'Read the inbox', effect: 'read', data: ['personal'], dataset: 'tickets', inputs: ['mailbox', 'query'], description: 'Reads messages that arrived in the mailbox.' },
    { scope: 'email.draft', label: 'Save a draft', effect: 'write', data: ['personal'], inputs: ['to', 'subject', 'body'], description: 'Saves a message in Drafts without sending it.' },
    { scope: 'email.send', label: 'Send an email', effect: 'send', customerFacing: true, data: ['personal'], inputs: ['to', 'subject', 'body'], description: 'Sends an email to a customer or anyone outside the business.' },
    { scope: 'email.send_internal', label: 'Email colleagues', effect: 'send', inputs: ['to', 'subject', 'body'], description: 'Sends an email to people inside the business only.' },
    { scope: 'email.delete', label: 'Delete an email', effect: 'delete', data: ['personal'], inputs: ['messageId'], description: 'Deletes a message from the mailbox.' },
  ]),
};
