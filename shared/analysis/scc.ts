// Strongly connected components (Tarjan), iterative so that a long chain of 10,000 steps cannot
// overflow the call stack. Linear in nodes and edges.

/** Components that hold a cycle: two or more nodes, or one node with an edge to itself. */
export function cyclicComponents(ids: readonly string[], successors: (id: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;

  for (const root of ids) {
    if (index.has(root)) continue;
    // Each frame: a node and how many of its successors were already looked at.
    const frames: { id: string; next: number; succ: readonly string[] }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      frames.push({ id, next: 0, succ: successors(id) });
    };
    open(root);
    while (frames.length) {
      const frame = frames[frames.length - 1];
      if (frame.next < frame.succ.length) {
        const w = frame.succ[frame.next++];
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      frames.pop();
      const v = frame.id;
      if (frames.length) {
        const parent = frames[frames.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) !== index.get(v)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || frame.succ.includes(v)) result.push(component);
    }
  }
  return result;
}
