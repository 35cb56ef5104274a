// Systems of record: spreadsheets, tables, notes and databases.
import { BASE } from '../n8n-json';
import { operationFamily } from './define';

export const googleSheets = operationFamily({
  id: 'sheets',
  label: 'Google Sheets',
  types: [`${BASE}googleSheets`],
  exportVersion: 4.5,
  credentialTypes: ['googleSheetsOAuth2Api', 'googleApi'],
  defaultResource: 'sheet',
  defaultOperation: { sheet: 'read', spreadsheet: 'create' },
  sendsReachCustomers: false,
  data: ['personal'],
  operations: { 'sheet.append': { label: 'Add rows in Google Sheets' }, 'sheet.appendOrUpdate': { label: 'Add or update rows in Google Sheets' } },
});

export const airtable = operationFamily({
  id: 'airtable',
  label: 'Airtable',
  types: [`${BASE}airtable`],
  exportVersion: 2.1,
  credentialTypes: ['airtableTokenApi', 'airtableOAuth2Api', 'airtableApi'],
  defaultResource: 'record',
  defaultOperation: { record: 'get', base: 'getMany' },
  sendsReachCustomers: false,
  data: ['personal'],
});

export const notion = operationFamily({
  id: 'notion',
  label: 'Notion',
  types: [`${BASE}notion`],
  exportVersion: 2.2,
  credentialTypes: ['notionApi'],
  defaultResource: 'page',
  defaultOperation: { page: 'create', block: 'append', database: 'get', databasePage: 'create', user: 'get' },
  sendsReachCustomers: false,
  data: [],
});

/** SQL databases: `executeQuery` can do anything, so it counts as a change. */
const sql = (id: string, label: string, type: string, credentialTypes: string[], exportVersion: number) =>
  operationFamily({
    id,
    label,
    types: [`${BASE}${type}`],
    exportVersion,
    credentialTypes,
    defaultOperation: { '': 'insert' },
    sendsReachCustomers: false,
    data: ['personal'],
    operations: { executeQuery: { effect: 'write', label: `Run an SQL query in ${label}` }, deleteTable: { effect: 'delete', label: `Delete rows or a table in ${label}` } },
  });

export const postgres = sql('postgres', 'Postgres', 'postgres', ['postgres'], 2.5);
export const mySql = sql('mysql', 'MySQL', 'mySql', ['mySql'], 2.4);
