// The n8n target: a Flowgate workflow as an n8n workflow file that n8n imports as it is.
import type { ExportTarget } from '../types';
import { exportToN8n } from './export-workflow';

export const n8nTarget: ExportTarget = {
  id: 'n8n',
  label: 'n8n',
  extension: '.json',
  async export(workflow, options) {
    const { workflow: n8n, warnings } = exportToN8n(workflow);
    return {
      files: [{ name: `${options.baseName}.json`, content: `${JSON.stringify(n8n, null, 2)}\n`, mediaType: 'application/json', purpose: 'The n8n workflow: import it in n8n (Workflows → Import from File).' }],
      warnings,
    };
  },
};
