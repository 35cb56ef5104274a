import { BASE } from '../n8n-json';
import { operationFamily } from './define';

export const googleDocs = operationFamily({
  id: 'gdocs',
  label: 'Google Docs',
  types: [`${BASE}googleDocs`],
  exportVersion: 2,
  credentialTypes: ['googleDocsOAuth2Api', 'googleApi'],
  defaultResource: 'document',
  defaultOperation: { document: 'create' },
  sendsReachCustomers: false,
  // Documents hold policies and contracts.
  data: ['legal'],
});

export const googleDrive = operationFamily({
  id: 'gdrive',
  label: 'Google Drive',
  types: [`${BASE}googleDrive`],
  exportVersion: 3,
  credentialTypes: ['googleDriveOAuth2Api', 'googleApi'],
  defaultResource: 'file',
  defaultOperation: { file: 'upload', fileFolder: 'search', folder: 'create', drive: 'create' },
  sendsReachCustomers: false,
  data: [],
  // Sharing a file gives someone, possibly outside the business, access to it.
  operations: { 'file.share': { effect: 'send', customerFacing: true, data: ['legal'], label: 'Share a file from Google Drive' }, 'folder.share': { effect: 'send', customerFacing: true, data: ['legal'] } },
});
