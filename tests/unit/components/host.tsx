// Renders a panel the way the app holds it: the workflow lives in state, and each change the panel
// reports becomes the document it renders next (as the document store and React do in the app). The
// changes are kept, with their coalesce keys, for the tests to read.
import { render, type RenderResult } from '@testing-library/react';
import { useState, type ReactElement } from 'react';
import type { Workflow } from '../../../shared/model/schema';

export interface Hosted extends RenderResult {
  /** Every document the panel reported, in order, with its coalesce key. */
  changes: { workflow: Workflow; coalesceKey?: string }[];
  /** The document as it is now. */
  readonly workflow: Workflow;
}

export function host(initial: Workflow, panel: (workflow: Workflow, onChange: (next: Workflow, coalesceKey?: string) => void) => ReactElement): Hosted {
  const changes: Hosted['changes'] = [];
  function Host() {
    const [workflow, setWorkflow] = useState(initial);
    return panel(workflow, (next, coalesceKey) => {
      changes.push({ workflow: next, coalesceKey });
      setWorkflow(next);
    });
  }
  const result = render(<Host />);
  // A getter, not a copy: the document as it is when the test asks.
  return Object.defineProperties(result, {
    changes: { value: changes },
    workflow: { get: () => changes.at(-1)?.workflow ?? initial },
  }) as Hosted;
}
