// PLACEHOLDER on main until the n8n exporter lands: replace this file with the real target.
import { ExportError, type ExportTarget } from '../types';

export const n8nTarget: ExportTarget = {
  id: 'n8n',
  label: 'n8n',
  extension: '.json',
  async export() {
    throw new ExportError('not built yet');
  },
};
