import type { ConnectorDefinition } from '../types';
import { defineActions } from './define';

export const knowledge: ConnectorDefinition = {
  id: 'knowledge',
  label: 'Knowledge base',
  description: 'Approved help articles that AI steps may search and quote.',
  icon: 'book',
  actions: defineActions([
    { scope: 'kb.search', label: 'Search articles', effect: 'read', dataset: 'articles', inputs: ['query'], description: 'Finds published help articles that match a question.' },
    { scope: 'kb.read_article', label: 'Read an article', effect: 'read', dataset: 'articles', inputs: ['articleId'], description: 'Reads the full text of one help article.' },
    { scope: 'kb.draft_article', label: 'Draft an article', effect: 'write', inputs: ['title', 'body'], description: 'Saves a new article as an unpublished draft.' },
    { scope: 'kb.publish_article', label: 'Publish an article', effect: 'send', customerFacing: true, inputs: ['articleId'], description: 'Makes an article visible to customers in the public help center.' },
    { scope: 'kb.archive_article', label: 'Archive an article', effect: 'delete', inputs: ['articleId'], description: 'Takes an article out of the help center.' },
  ]),
};
