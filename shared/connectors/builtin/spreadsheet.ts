import type { ConnectorDefinition } from '../types';
import { defineActions } from './define';

// Small businesses track hires in a sheet, so rehearsals read the employees sample set.
export const spreadsheet: ConnectorDefinition = {
  id: 'spreadsheet',
  label: 'Spreadsheet',
  description: 'Rows of shared spreadsheets used as simple trackers and registers.',
  icon: 'table',
  actions: defineActions([
    { scope: 'sheets.read_rows', label: 'Read rows', effect: 'read', data: ['personal'], dataset: 'employees', inputs: ['sheet', 'filter'], description: 'Reads rows from a sheet, such as a hiring tracker.' },
    { scope: 'sheets.append_row', label: 'Add a row', effect: 'write', inputs: ['sheet', 'values'], description: 'Adds a row at the end of a sheet.' },
    { scope: 'sheets.update_row', label: 'Update a row', effect: 'write', inputs: ['sheet', 'rowId', 'values'], description: 'Changes the cells of one row.' },
    { scope: 'sheets.delete_row', label: 'Delete a row', effect: 'delete', inputs: ['sheet', 'rowId'], description: 'Removes a row from a sheet.' },
  ]),
};
