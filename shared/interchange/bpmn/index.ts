// PLACEHOLDER on main until the bpmn exporter lands: replace this file with the real target.
import { ExportError, type ExportTarget } from '../types';

export const bpmnTarget: ExportTarget = {
  id: 'bpmn',
  label: 'bpmn',
  extension: '.bpmn',
  async export() {
    throw new ExportError('not built yet');
  },
};
