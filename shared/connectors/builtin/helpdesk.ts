import type { ConnectorDefinition } from '../types';
import { defineActions } from './define';

export const helpdesk: ConnectorDefinition = {
  id: 'helpdesk',
  label: 'Help desk',
  description: 'Customer tickets: read them, add internal notes, reply, route and close them.',
  icon: 'ticket',
  actions: defineActions([
    { scope: 'tickets.read', label: 'Read tickets', effect: 'read', data: ['personal'], dataset: 'tickets', inputs: ['ticketId'], description: 'Reads a ticket with its subject, messages, requester and fields.' },
    { scope: 'tickets.comment', label: 'Add an internal note', effect: 'write', data: ['personal'], inputs: ['ticketId', 'body'], description: 'Adds a note to the ticket that only staff can see.' },
    { scope: 'tickets.reply', label: 'Reply to the customer', effect: 'send', customerFacing: true, data: ['personal'], inputs: ['ticketId', 'body'], description: 'Sends a public reply that the customer receives by email.' },
    { scope: 'tickets.update_fields', label: 'Update ticket fields', effect: 'write', inputs: ['ticketId', 'category', 'priority', 'tags'], description: "Sets the ticket's category, priority, tags or other fields." },
    { scope: 'tickets.assign', label: 'Assign a ticket', effect: 'write', inputs: ['ticketId', 'group', 'assignee'], description: 'Moves the ticket to a group or to one agent.' },
    { scope: 'tickets.close', label: 'Close a ticket', effect: 'write', inputs: ['ticketId', 'resolution'], description: 'Marks the ticket as solved, with a resolution.' },
    { scope: 'tickets.delete', label: 'Delete a ticket', effect: 'delete', data: ['personal'], inputs: ['ticketId'], description: 'Deletes the ticket and its whole conversation for good.' },
  ]),
};
