// Writes the process as BPMN 2.0 XML with Zeebe's extensions and the diagram (BPMNDI). A careful
// builder rather than a model library, so the exporter stays pure, fast on large workflows and
// byte-for-byte stable; every export is parsed back with bpmn-moddle + zeebe-bpmn-moddle and linted
// with Camunda's rules before it is written (electron/backend/interchange/bpmn-lint.ts).
import { layoutSteps, route, type Bounds } from './layout';
import type { BpmnElement, BpmnFlow, BpmnProcess } from './model';
import type { WorkflowNode } from '../../model/schema';
import { IdPool } from './names';
import { platformVersion, type CamundaVersion } from './versions';

/** Text for an attribute or element: the five XML entities, and line breaks and tabs kept in attributes. */
export function xmlText(text: string, attribute = true): string {
  // eslint-disable-next-line no-control-regex
  let out = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) out = out.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
  return out;
}

function attrs(pairs: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join('');
}

const TAG: Record<BpmnElement['kind'], string> = {
  startEvent: 'bpmn:startEvent',
  serviceTask: 'bpmn:serviceTask',
  userTask: 'bpmn:userTask',
  exclusiveGateway: 'bpmn:exclusiveGateway',
  endEvent: 'bpmn:endEvent',
  boundaryEvent: 'bpmn:boundaryEvent',
};

function extensionElements(el: BpmnElement, ind: string): string[] {
  const inner: string[] = [];
  const i2 = `${ind}    `;
  if (el.taskType) inner.push(`${i2}<zeebe:taskDefinition${attrs({ type: el.taskType, retries: el.retries })} />`);
  if (el.userTask) {
    inner.push(`${i2}<zeebe:userTask />`);
    inner.push(`${i2}<zeebe:formDefinition${attrs({ formId: el.userTask.formId })} />`);
    if (el.userTask.candidateGroups) inner.push(`${i2}<zeebe:assignmentDefinition${attrs({ candidateGroups: el.userTask.candidateGroups })} />`);
    if (el.userTask.priority !== undefined) inner.push(`${i2}<zeebe:priorityDefinition${attrs({ priority: el.userTask.priority })} />`);
  }
  if (el.inputs?.length || el.outputs?.length) {
    inner.push(`${i2}<zeebe:ioMapping>`);
    for (const m of el.inputs ?? []) inner.push(`${i2}  <zeebe:input${attrs({ source: m.source, target: m.target })} />`);
    for (const m of el.outputs ?? []) inner.push(`${i2}  <zeebe:output${attrs({ source: m.source, target: m.target })} />`);
    inner.push(`${i2}</zeebe:ioMapping>`);
  }
  if (el.headers?.length) {
    inner.push(`${i2}<zeebe:taskHeaders>`);
    for (const [key, value] of el.headers) inner.push(`${i2}  <zeebe:header${attrs({ key, value })} />`);
    inner.push(`${i2}</zeebe:taskHeaders>`);
  }
  if (el.properties?.length) {
    inner.push(`${i2}<zeebe:properties>`);
    for (const [name, value] of el.properties) inner.push(`${i2}  <zeebe:property${attrs({ name, value })} />`);
    inner.push(`${i2}</zeebe:properties>`);
  }
  return inner.length ? [`${ind}  <bpmn:extensionElements>`, ...inner, `${ind}  </bpmn:extensionElements>`] : [];
}

function eventDefinition(el: BpmnElement, ind: string, ids: IdPool): string[] {
  const t = el.trigger;
  if (!t) return [];
  const id = ids.take(`${el.id}_def`);
  switch (t.type) {
    case 'message':
      return [`${ind}  <bpmn:messageEventDefinition${attrs({ id, messageRef: t.messageId })} />`];
    case 'error':
      return [`${ind}  <bpmn:errorEventDefinition${attrs({ id, errorRef: t.errorId })} />`];
    case 'timerCycle':
    case 'timerDuration': {
      const tag = t.type === 'timerCycle' ? 'bpmn:timeCycle' : 'bpmn:timeDuration';
      return [
        `${ind}  <bpmn:timerEventDefinition${attrs({ id })}>`,
        `${ind}    <${tag} xsi:type="bpmn:tFormalExpression">${xmlText(t.value, false)}</${tag}>`,
        `${ind}  </bpmn:timerEventDefinition>`,
      ];
    }
  }
}

function flowNode(el: BpmnElement, incoming: string[], outgoing: string[], ind: string, ids: IdPool): string[] {
  const open = `${ind}<${TAG[el.kind]}${attrs({
    id: el.id,
    name: el.name || undefined,
    ...(el.kind === 'boundaryEvent' ? { cancelActivity: el.cancelActivity !== false, attachedToRef: el.attachedTo } : {}),
    ...(el.kind === 'exclusiveGateway' && el.defaultFlow ? { default: el.defaultFlow } : {}),
  })}>`;
  const body = [
    ...(el.documentation ? [`${ind}  <bpmn:documentation>${xmlText(el.documentation, false)}</bpmn:documentation>`] : []),
    ...extensionElements(el, ind),
    ...incoming.map((f) => `${ind}  <bpmn:incoming>${f}</bpmn:incoming>`),
    ...outgoing.map((f) => `${ind}  <bpmn:outgoing>${f}</bpmn:outgoing>`),
    ...eventDefinition(el, ind, ids),
  ];
  return body.length ? [open, ...body, `${ind}</${TAG[el.kind]}>`] : [open.replace(/>$/, ' />')];
}

function sequenceFlow(f: BpmnFlow, ind: string): string[] {
  const open = `${ind}<bpmn:sequenceFlow${attrs({ id: f.id, name: f.name, sourceRef: f.source, targetRef: f.target })}`;
  if (!f.condition) return [`${open} />`];
  return [`${open}>`, `${ind}  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${xmlText(f.condition, false)}</bpmn:conditionExpression>`, `${ind}</bpmn:sequenceFlow>`];
}

function shape(el: BpmnElement, b: Bounds, ind: string, ids: IdPool): string[] {
  return [
    `${ind}<bpmndi:BPMNShape${attrs({ id: ids.take(`${el.id}_di`), bpmnElement: el.id, ...(el.kind === 'exclusiveGateway' ? { isMarkerVisible: true } : {}) })}>`,
    `${ind}  <dc:Bounds${attrs({ x: b.x, y: b.y, width: b.width, height: b.height })} />`,
    `${ind}</bpmndi:BPMNShape>`,
  ];
}

export interface XmlInput {
  process: BpmnProcess;
  steps: readonly { node: WorkflowNode; elements: readonly BpmnElement[] }[];
  version: CamundaVersion;
}

export function processXml({ process, steps, version }: XmlInput): string {
  // Ids the writer adds (definitions, diagram shapes) must not take one the process already uses.
  const ids = new IdPool().reserve([process.id, ...process.elements.map((e) => e.id), ...process.flows.map((f) => f.id), ...process.messages.map((m) => m.id), ...process.errors.map((e) => e.id)]);
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) => {
    const list = map.get(key);
    if (list) list.push(id);
    else map.set(key, [id]);
  };
  for (const f of process.flows) {
    add(outgoing, f.source, f.id);
    add(incoming, f.target, f.id);
  }
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"${attrs({
      id: ids.take(`Definitions_${process.id}`),
      targetNamespace: 'http://bpmn.io/schema/bpmn',
      exporter: 'Flowgate',
      exporterVersion: '1',
      'modeler:executionPlatform': 'Camunda Cloud',
      'modeler:executionPlatformVersion': platformVersion(version),
    })}>`,
    `  <bpmn:process${attrs({ id: process.id, name: process.name, isExecutable: true })}>`,
  ];
  if (process.documentation) lines.push(`    <bpmn:documentation>${xmlText(process.documentation, false)}</bpmn:documentation>`);
  for (const el of process.elements) lines.push(...flowNode(el, incoming.get(el.id) ?? [], outgoing.get(el.id) ?? [], '    ', ids));
  for (const f of process.flows) lines.push(...sequenceFlow(f, '    '));
  lines.push('  </bpmn:process>');
  for (const m of process.messages) lines.push(`  <bpmn:message${attrs({ id: m.id, name: m.name })} />`);
  for (const e of process.errors) lines.push(`  <bpmn:error${attrs({ id: e.id, name: e.name, errorCode: e.code })} />`);

  const bounds = layoutSteps(steps);
  const byId = new Map(process.elements.map((el) => [el.id, el]));
  lines.push(`  <bpmndi:BPMNDiagram${attrs({ id: ids.take(`Diagram_${process.id}`) })}>`, `    <bpmndi:BPMNPlane${attrs({ id: ids.take(`Plane_${process.id}`), bpmnElement: process.id })}>`);
  // Boundary events after the tasks they sit on, so they are drawn on top.
  const ordered = [...process.elements.filter((el) => el.kind !== 'boundaryEvent'), ...process.elements.filter((el) => el.kind === 'boundaryEvent')];
  for (const el of ordered) lines.push(...shape(el, bounds.get(el.id)!, '      ', ids));
  for (const f of process.flows) {
    const points = route(f, byId.get(f.source)!, bounds.get(f.source)!, bounds.get(f.target)!);
    lines.push(`      <bpmndi:BPMNEdge${attrs({ id: ids.take(`${f.id}_di`), bpmnElement: f.id })}>`);
    for (const p of points) lines.push(`        <di:waypoint${attrs({ x: Math.round(p.x), y: Math.round(p.y) })} />`);
    lines.push('      </bpmndi:BPMNEdge>');
  }
  lines.push('    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>', '</bpmn:definitions>', '');
  return lines.join('\n');
}
