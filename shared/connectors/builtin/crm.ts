import type { ConnectorDefinition } from '../types';
import { defineActions } from './define';

export const crm: ConnectorDefinition = {
  id: 'crm',
  label: 'CRM',
  description: 'Customers, contacts and sales leads, with their history.',
  icon: 'users',
  actions: defineActions([
    { scope: 'crm.contacts.read', label: 'Read contacts', effect: 'read', data: ['personal'], dataset: 'customers', inputs: ['contactId', 'email'], description: 'Looks up a customer contact with their company and history.' },
    { scope: 'crm.contacts.create', label: 'Create a contact', effect: 'write', data: ['personal'], inputs: ['name', 'email', 'company', 'phone'], description: 'Adds a new contact to the CRM.' },
    { scope: 'crm.contacts.update', label: 'Update a contact', effect: 'write', data: ['personal'], inputs: ['contactId', 'fields'], description: "Changes a contact's details." },
    { scope: 'crm.contacts.delete', label: 'Delete a contact', effect: 'delete', data: ['personal'], inputs: ['contactId'], description: 'Deletes a contact and their history.' },
    { scope: 'crm.leads.read', label: 'Read leads', effect: 'read', data: ['personal'], dataset: 'leads', inputs: ['leadId'], description: 'Reads a sales lead: who they are, what they asked, where they came from.' },
    { scope: 'crm.leads.create', label: 'Create a lead', effect: 'write', data: ['personal'], inputs: ['name', 'email', 'company', 'source'], description: 'Adds a new sales lead.' },
    { scope: 'crm.leads.update', label: 'Update a lead', effect: 'write', inputs: ['leadId', 'stage', 'score', 'notes'], description: "Changes a lead's stage, score or notes." },
    { scope: 'crm.leads.assign', label: 'Assign a lead', effect: 'write', inputs: ['leadId', 'owner'], description: 'Gives the lead to a salesperson.' },
    { scope: 'crm.activities.log', label: 'Log an activity', effect: 'write', inputs: ['recordId', 'type', 'summary'], description: 'Records a call, meeting or email on a contact or lead.' },
  ]),
};
