// The connectors Flowgate ships, in the order the Connections panel lists them.
import { billing } from './builtin/billing';
import { chat } from './builtin/chat';
import { crm } from './builtin/crm';
import { documents } from './builtin/documents';
import { email } from './builtin/email';
import { helpdesk } from './builtin/helpdesk';
import { http } from './builtin/http';
import { knowledge } from './builtin/knowledge';
import { spreadsheet } from './builtin/spreadsheet';
import type { ConnectorDefinition } from './types';

export const BUILTIN_CONNECTORS: readonly ConnectorDefinition[] = [helpdesk, knowledge, email, crm, billing, chat, documents, spreadsheet, http];

/** Sample data sets that reads of the built-in connectors draw from (resources/sample-data/<name>.json). */
export const SAMPLE_DATASETS = ['tickets', 'customers', 'articles', 'invoices', 'leads', 'employees'] as const;
export type SampleDataset = (typeof SAMPLE_DATASETS)[number];
