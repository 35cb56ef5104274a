// Quick find (Ctrl+K, ⌘K): one field that finds the workflow's steps and notes by name, the kinds of
// step to add, and the app's commands. Keyboard first: type, arrows, Enter; Escape closes. It answers
// the choice; the controller shows the step, adds the kind or runs the command.
import { useMemo, useState } from 'react';
import { COMMANDS, type CommandId, type CommandSpec } from '../../../shared/api/commands';
import { KINDS, KIND_ORDER } from '../../../shared/kinds/registry';
import { displayText } from '../../../shared/model/display-text';
import { notesOf } from '../../../shared/model/notes';
import type { Workflow } from '../../../shared/model/schema';
import { commandLabel, commandShortcut } from '../chrome/commandText';
import { Dialog } from '../dialogs/Dialog';
import { FilterList, type FilterItem } from './FilterList';
import { rankItems } from './match';
import type { QuickFindChoice } from './types';

/** Steps and notes listed at most: typing narrows a large workflow down. */
const MAX_STEPS = 50;
const MAX_NOTES = 20;

type FoundItem = FilterItem & { choice: QuickFindChoice; extra: string };

/** Everything quick find can find, in the order its groups are shown. */
export function quickFindItems(wf: Workflow | null, enabled: (id: CommandId) => boolean): { steps: FoundItem[]; notes: FoundItem[]; add: FoundItem[]; commands: FoundItem[] } {
  const steps: FoundItem[] = (wf?.nodes ?? []).map((n) => ({
    key: `step:${n.id}`,
    group: 'Steps',
    label: displayText(n.label, 80) || 'No label',
    detail: KINDS[n.kind].label,
    icon: KINDS[n.kind].icon,
    colour: KINDS[n.kind].colour,
    choice: { type: 'step', id: n.id },
    extra: `${KINDS[n.kind].label} ${n.id}`,
  }));
  const notes: FoundItem[] = wf
    ? notesOf(wf).map((n) => ({
        key: `note:${n.id}`,
        group: 'Notes',
        label: displayText(n.text, 80) || 'Empty note',
        icon: 'sticky-note',
        choice: { type: 'note', id: n.id },
        extra: 'note',
      }))
    : [];
  const add: FoundItem[] = wf
    ? [
        ...KIND_ORDER.map(
          (k): FoundItem => ({
            key: `add:${k}`,
            group: 'Add a step',
            label: KINDS[k].label,
            detail: KINDS[k].description,
            icon: KINDS[k].icon,
            colour: KINDS[k].colour,
            choice: { type: 'add', kind: k },
            extra: `add new ${KINDS[k].description}`,
          }),
        ),
        { key: 'add:note', group: 'Add a step', label: 'Sticky note', detail: 'Words on the canvas, outside the flow', icon: 'sticky-note', choice: { type: 'add', kind: 'note' }, extra: 'add new comment text' },
      ]
    : [];
  const commands: FoundItem[] = (COMMANDS as readonly CommandSpec[])
    .filter((c) => c.id !== 'edit.quickFind' && enabled(c.id as CommandId))
    .map((c) => ({
      key: `command:${c.id}`,
      group: 'Commands',
      label: commandLabel(c.id as CommandId),
      shortcut: commandShortcut(c.id as CommandId) ?? undefined,
      choice: { type: 'command', id: c.id as CommandId },
      extra: `${c.menu} ${c.submenu ?? ''}`,
    }));
  return { steps, notes, add, commands };
}

/** The items shown for a query: each group ranked on its own, steps first. */
export function quickFindResults(all: ReturnType<typeof quickFindItems>, query: string): FoundItem[] {
  const rank = (items: FoundItem[], limit = Infinity) => rankItems(items, query, (i) => i.label, (i) => i.extra, limit);
  return [...rank(all.steps, MAX_STEPS), ...rank(all.notes, MAX_NOTES), ...rank(all.add), ...rank(all.commands)];
}

export function QuickFind(props: { workflow: Workflow | null; enabled(id: CommandId): boolean; resolve(choice: QuickFindChoice | null): void }) {
  const { workflow, enabled, resolve } = props;
  const [query, setQuery] = useState('');
  const all = useMemo(() => quickFindItems(workflow, enabled), [workflow, enabled]);
  const items = useMemo(() => quickFindResults(all, query), [all, query]);
  return (
    <Dialog title="Quick find" testId="dialog-quick-find" onDismiss={() => resolve(null)}>
      <FilterList<FoundItem>
        label="Find a step, a kind of step to add, or a command"
        placeholder="Find a step, a kind to add, or a command"
        query={query}
        onQuery={setQuery}
        items={items}
        onChoose={(item) => resolve(item.choice)}
        empty={`Nothing is called "${displayText(query, 60)}".`}
        testId="quick-find"
        autoFocus
      />
      <p className="muted small quick-find-keys">Up and Down to move, Enter to choose, Escape to close.</p>
    </Dialog>
  );
}
