import type { ConnectorDefinition } from '../types';
import { defineActions } from './define';

// Rehearsals read the articles sample set: policies and guides are text documents like help articles.
export const documents: ConnectorDefinition = {
  id: 'documents',
  label: 'Documents',
  description: 'Shared files such as policies, contracts and templates.',
  icon: 'file-text',
  actions: defineActions([
    { scope: 'docs.search', label: 'Search documents', effect: 'read', dataset: 'articles', inputs: ['query'], description: 'Finds documents whose title or text match a query.' },
    { scope: 'docs.read', label: 'Read a document', effect: 'read', data: ['legal'], dataset: 'articles', inputs: ['documentId'], description: 'Reads the full text of one document.' },
    { scope: 'docs.create', label: 'Create a document', effect: 'write', inputs: ['title', 'body', 'folder', 'template'], description: 'Creates a document, optionally from a template.' },
    { scope: 'docs.update', label: 'Edit a document', effect: 'write', inputs: ['documentId', 'body'], description: 'Replaces the text of a document.' },
    { scope: 'docs.share_external', label: 'Share outside the business', effect: 'send', customerFacing: true, data: ['legal'], inputs: ['documentId', 'email'], description: 'Shares a document by link with someone outside the business.' },
    { scope: 'docs.delete', label: 'Delete a document', effect: 'delete', inputs: ['documentId'], description: 'Moves a document to the bin.' },
  ]),
};
