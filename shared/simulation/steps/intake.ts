// An intake: the item arrives, read from the intake's system when it names an action.
import type { CompiledNode } from '../compile';
import type { Handle, RunState } from '../run-state';
import type { NodeOfKind } from '../../model/schema';
import { plainCopy } from '../variables';
import { callConnector } from './connector-call';

export function runIntake(run: RunState, c: CompiledNode, node: NodeOfKind<'intake'>): Handle {
  run.item = plainCopy(run.scenario.input);
  const call = c.call;
  if (!call) {
    run.setVariables(node.id, { ...run.item });
    return 'out';
  }
  const ds = call.dataset;
  const idKey = call.idKeys[0];
  // The item comes from the intake's system, so it exists there: a ticket new to the sample data is
  // added to the run's copy (with an id from the run's counter when the input has none).
  const input = run.input(call, {});
  if (ds && run.store.has(ds) && call.problem === null && call.granted) {
    const given = call.idKeys.find((k) => typeof run.item[k] === 'string' && run.item[k]);
    const id = given ? String(run.item[given]) : run.store.newId(ds);
    if (!given) run.item[idKey] = run.vars[idKey] = id;
    if (!run.store.find(ds, id)) run.store.put(ds, { ...run.item, id });
    // The intake reads the item it was given, whatever inputs its action declares.
    input[given ?? idKey] = id;
  }
  const result = callConnector(run, node.id, call, input);
  if (!result.ok) {
    // Nothing was read, so there is no item to hand on: it never entered the workflow (docs/DECISIONS.md).
    run.stopAt(node.id, 'not-entered', `"${node.label}" could not read the item: ${result.message} The item never entered the workflow: it stays where it came from, and no other step ran.`);
    return null;
  }
  const record = result.value;
  if (record && typeof record === 'object' && !Array.isArray(record)) {
    // The record completes the input; what the scenario typed wins, and the record's own `id` is
    // already there under the action's name for it (`ticketId`).
    const named = call.idKeys.some((k) => k !== 'id' && run.item[k] !== undefined);
    // Fields are added one by one to the item (a plain copy: see plainCopy), without a pair per field.
    const fields = record as Record<string, unknown>;
    const keys = Object.keys(fields);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (!(k in run.item) && !(named && k === 'id')) run.item[k] = fields[k];
    }
  }
  run.setVariables(node.id, { ...run.item });
  return 'out';
}
