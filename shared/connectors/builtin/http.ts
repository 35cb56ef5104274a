import type { ConnectorDefinition } from '../types';
import { defineActions } from './define';

// A generic endpoint has no data of its own; rehearsals answer reads from the customers sample set.
export const http: ConnectorDefinition = {
  id: 'http',
  label: 'HTTP / webhook',
  description: 'Any web service with an API or a webhook URL.',
  icon: 'globe',
  actions: defineActions([
    { scope: 'http.get', label: 'Fetch data', effect: 'read', dataset: 'customers', inputs: ['url'], description: "Fetches data from a web service's API." },
    { scope: 'http.post', label: 'Call a webhook', effect: 'trigger', inputs: ['url', 'body'], description: 'Sends data to a web service or webhook, which may start something there.' },
    { scope: 'http.put', label: 'Update a record', effect: 'write', inputs: ['url', 'body'], description: 'Creates or replaces a record in a web service.' },
    { scope: 'http.delete', label: 'Delete a record', effect: 'delete', inputs: ['url'], description: 'Deletes a record in a web service.' },
  ]),
};
