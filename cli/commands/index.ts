// The command objects `flowgate` runs, in the order of cli/commands/list.ts (which --help reads). Add a
// command by adding its file here and its name and summary to list.ts.
import type { CliCommand } from '../types';
import { conformCommand } from './conform';
import { draftCommand } from './draft';
import { exportCommand } from './export';
import { importCommand } from './import';
import { lint } from './lint';
import { reportCommand } from './report';
import { serve } from './serve';
import { simulateCommand } from './simulate';

export const commands: CliCommand[] = [serve, lint, simulateCommand, reportCommand, exportCommand, importCommand, conformCommand, draftCommand];
