import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWildcard } from '../../../shared/connectors/lookup';
import { requiredActionsOf } from '../../../shared/kinds/registry';
import { loadWorkflow, serializeWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import {
  connectorExists,
  edgesFromUnknownHandles,
  nodesOfKind,
  openOutputs,
  reachable,
  unknownInputs,
  unknownVariables,
  ungatedSensitiveSteps,
  ungrantedActions,
  unusedGrants,
} from './template-checks';

const DIR = join(__dirname, '../../../resources/templates');
const EXT = '.flowgate.json';
const TEACHING = 'risky-support-bot';

interface Scenario {
  id: string;
  name: string;
  input: Record<string, unknown>;
  decisions?: Record<string, string>;
  faults?: { ai?: Record<string, string>; actions?: Record<string, string> };
}
interface ReviewerProfile {
  approve: number;
  reject: number;
  timeout: number;
  responseMinutes: { median: number; p90: number };
}
interface Simulation {
  scenarios: Scenario[];
  reviewers: Record<string, ReviewerProfile>;
}

const templates = readdirSync(DIR)
  .filter((f) => f.endsWith(EXT))
  .sort()
  .map((file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    return { id: file.slice(0, -EXT.length), text, ...loadWorkflow(text) };
  });
const good = templates.filter((t) => t.id !== TEACHING);
const byId = (id: string) => templates.find((t) => t.id === id)!.workflow;
const simulationOf = (wf: Workflow) => wf.simulation as unknown as Simulation;

describe('templates', () => {
  it('ships the reference example, three more and the teaching template', () => {
    expect(templates.map((t) => t.id)).toEqual(['employee-onboarding', 'invoice-approval', 'risky-support-bot', 'sales-lead-intake', 'support-ticket-triage']);
  });

  describe.each(templates)('$id', ({ id, text, workflow, warnings }) => {
    it('loads without repairs, under its file name, and saves byte for byte as it was', () => {
      expect(warnings).toEqual([]);
      expect(workflow.id).toBe(id);
      expect(serializeWorkflow(workflow)).toBe(text);
    });

    it('has a name, a description, connections and every main kind of step', () => {
      expect(workflow.name.trim()).not.toBe('');
      expect(workflow.description.length).toBeGreaterThan(80);
      expect(workflow.connections.length).toBeGreaterThanOrEqual(2);
      expect(workflow.connections.length).toBeLessThanOrEqual(4);
      for (const c of workflow.connections) expect(connectorExists(workflow, c.connector), c.id).toBe(true);
      for (const kind of ['intake', 'ai', 'approval', 'end'] as const) expect(nodesOfKind(workflow, kind).length, kind).toBeGreaterThan(0);
    });

    it('numbers nodes n1… and edges e1…, lays them out left to right without overlaps', () => {
      expect(workflow.nodes.map((n) => n.id)).toEqual(workflow.nodes.map((_, i) => `n${i + 1}`));
      expect(workflow.edges.map((e) => e.id)).toEqual(workflow.edges.map((_, i) => `e${i + 1}`));
      const positions = workflow.nodes.map((n) => `${n.position.x},${n.position.y}`);
      expect(new Set(positions).size).toBe(positions.length);
      const node = new Map(workflow.nodes.map((n) => [n.id, n]));
      for (const e of workflow.edges) expect(node.get(e.target)!.position.x, e.id).toBeGreaterThan(node.get(e.source)!.position.x);
    });

    it('connects edges only from outputs the steps have', () => {
      expect(edgesFromUnknownHandles(workflow)).toEqual([]);
    });

    it('uses only variables that the intake or an AI step provides, and inputs the actions take', () => {
      expect(unknownVariables(workflow)).toEqual([]);
      expect(unknownInputs(workflow)).toEqual([]);
    });

    it('has at least three well-formed simulation scenarios', () => {
      const sim = simulationOf(workflow);
      expect(sim.scenarios.length).toBeGreaterThanOrEqual(3);
      const ids = sim.scenarios.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      const fields = new Set(nodesOfKind(workflow, 'intake').flatMap((n) => n.config.fields));
      const approvals = new Set(nodesOfKind(workflow, 'approval').map((n) => n.id));
      const ais = new Set(nodesOfKind(workflow, 'ai').map((n) => n.id));
      // A fault names a call the simulator makes: a step's required action.
      const calls = new Set(workflow.nodes.flatMap((n) => requiredActionsOf(n).map((r) => `${r.connection}:${r.action}`)));
      for (const s of sim.scenarios) {
        expect(s.name.trim(), s.id).not.toBe('');
        expect(new Set(Object.keys(s.input)), s.id).toEqual(fields);
        for (const [node, decision] of Object.entries(s.decisions ?? {})) {
          expect(approvals.has(node), `${s.id}: ${node}`).toBe(true);
          expect(['approved', 'rejected', 'timeout']).toContain(decision);
        }
        for (const [node, fault] of Object.entries(s.faults?.ai ?? {})) {
          expect(ais.has(node), `${s.id}: ${node}`).toBe(true);
          expect(['error', 'low_confidence']).toContain(fault);
        }
        for (const [call, fault] of Object.entries(s.faults?.actions ?? {})) {
          expect(calls.has(call), `${s.id}: ${call}`).toBe(true);
          expect(fault).toBe('error');
        }
      }
      expect(sim.scenarios.some((s) => s.faults), 'a fault scenario').toBe(true);
      expect(sim.scenarios.some((s) => Object.values(s.decisions ?? {}).includes('rejected')), 'a rejection scenario').toBe(true);
    });

    it('gives every named reviewer a profile whose chances add up to one', () => {
      const { reviewers } = simulationOf(workflow);
      for (const a of nodesOfKind(workflow, 'approval').filter((n) => n.config.reviewer)) expect(reviewers[a.config.reviewer], a.config.reviewer).toBeDefined();
      for (const [role, p] of Object.entries(reviewers)) {
        expect(p.approve + p.reject + p.timeout, role).toBeCloseTo(1, 9);
        expect(p.responseMinutes.median, role).toBeLessThanOrEqual(p.responseMinutes.p90);
      }
    });
  });

  describe.each(good)('$id is a clean example', ({ workflow }) => {
    it('has an owner, and connections that are logged, maintained and revocable', () => {
      expect(workflow.owner.trim()).not.toBe('');
      for (const c of workflow.connections) {
        expect(c.logging, c.id).toBe(true);
        expect(c.identity.trim(), c.id).not.toBe('');
        expect(c.maintainer.trim(), c.id).not.toBe('');
        expect(c.revocation.trim(), c.id).not.toBe('');
      }
    });

    it('grants exactly what its steps need: no wildcard, nothing missing, nothing unused', () => {
      expect(workflow.connections.flatMap((c) => c.grants).filter(isWildcard)).toEqual([]);
      expect(ungrantedActions(workflow)).toEqual([]);
      expect(unusedGrants(workflow)).toEqual([]);
    });

    it('reaches every action that writes, sends, deletes, triggers or approves only through an approval', () => {
      expect(ungatedSensitiveSteps(workflow)).toEqual([]);
    });

    it('gives every approval a reviewer, instructions, a timeout and all three paths', () => {
      for (const a of nodesOfKind(workflow, 'approval')) {
        expect(a.config.reviewer.trim(), a.id).not.toBe('');
        expect(a.config.instructions.trim(), a.id).not.toBe('');
        expect(a.config.timeoutHours, a.id).toBeGreaterThan(0);
        for (const handle of ['approved', 'rejected', 'timeout']) {
          expect(workflow.edges.some((e) => e.source === a.id && e.sourceHandle === handle), `${a.id}.${handle}`).toBe(true);
        }
      }
    });

    it('keeps AI steps in suggest mode, with somewhere to go when unsure or failing', () => {
      for (const n of nodesOfKind(workflow, 'ai')) {
        expect(n.config.mode, n.id).toBe('suggest');
        expect(n.config.tools, n.id).toEqual([]);
        expect(n.config.prompt.trim(), n.id).not.toBe('');
      }
    });

    it('has escalations with a team, a reason and a priority, and ends with outcomes', () => {
      const escalations = nodesOfKind(workflow, 'escalation');
      expect(escalations.length).toBeGreaterThan(0);
      for (const e of escalations) {
        expect(e.config.team.trim(), e.id).not.toBe('');
        expect(e.config.reason.trim(), e.id).not.toBe('');
      }
      for (const e of nodesOfKind(workflow, 'end')) expect(e.config.outcome.trim(), e.id).not.toBe('');
    });

    it('leaves no output unconnected and no step unreachable, and has a single intake', () => {
      expect(openOutputs(workflow)).toEqual([]);
      expect(nodesOfKind(workflow, 'intake')).toHaveLength(1);
      expect(reachable(workflow).size).toBe(workflow.nodes.length);
    });
  });

  describe('support-ticket-triage, the reference example', () => {
    const wf = byId('support-ticket-triage');
    const node = (id: string) => wf.nodes.find((n) => n.id === id)!;
    const next = (id: string, handle: string) => node(wf.edges.find((e) => e.source === id && e.sourceHandle === handle)!.target);

    it('takes tickets from the help desk and classifies them into billing, technical, account and other', () => {
      const [intake] = nodesOfKind(wf, 'intake');
      expect(intake.config).toMatchObject({ source: 'ticket', connection: 'helpdesk', action: 'tickets.read' });
      expect(intake.config.fields).toEqual(expect.arrayContaining(['ticketId', 'subject', 'body', 'customerEmail']));
      const classify = nodesOfKind(wf, 'ai').find((n) => n.config.task === 'classify')!;
      expect(classify.config.labels.map((l) => l.name)).toEqual(['billing', 'technical', 'account', 'other']);
      for (const l of classify.config.labels) expect(l.keywords.length, l.name).toBeGreaterThan(0);
    });

    it('retrieves articles from the knowledge base and drafts a reply from them', () => {
      const retrieve = nodesOfKind(wf, 'ai').find((n) => n.config.task === 'retrieve')!;
      expect(retrieve.config.sources.every((s) => s.connection === 'knowledge')).toBe(true);
      const draft = nodesOfKind(wf, 'ai').find((n) => n.config.task === 'draft')!;
      for (const v of ['subject', 'body', 'category', 'articles']) expect(draft.config.prompt).toContain(`{{${v}}}`);
    });

    it('sends the reply only after the supervisor approves, and then closes the ticket', () => {
      const [approval] = nodesOfKind(wf, 'approval');
      expect(approval.config.reviewer).toBe('Support supervisor');
      const send = next(approval.id, 'approved');
      expect(send.kind === 'integration' && send.config.action).toBe('tickets.reply');
      const close = next(send.id, 'ok');
      expect(close.kind === 'integration' && close.config.action).toBe('tickets.close');
      expect(next(close.id, 'ok')).toMatchObject({ kind: 'end', config: { outcome: 'resolved' } });
    });

    it('escalates billing issues to the billing team, and sends unsure and failed AI steps to a person', () => {
      const [decision] = nodesOfKind(wf, 'decision');
      const billing = next(decision.id, 'billing');
      expect(billing.kind === 'escalation' && billing.config.team).toBe('Billing team');
      for (const ai of nodesOfKind(wf, 'ai')) {
        for (const handle of ['low_confidence', 'error']) expect(next(ai.id, handle).kind, `${ai.id}.${handle}`).toBe('escalation');
      }
      expect(simulationOf(wf).scenarios.map((s) => s.id)).toContain('billing');
    });
  });

  describe('risky-support-bot, the teaching template', () => {
    const wf = byId(TEACHING);

    it('says what it is for', () => {
      expect(wf.description).toMatch(/learning what the analysis finds/i);
    });

    it('contains the mistakes the analysis should find', () => {
      expect(wf.owner).toBe('');
      expect(wf.connections.flatMap((c) => c.grants).some(isWildcard)).toBe(true);
      expect(unusedGrants(wf).length).toBeGreaterThan(0);
      expect(ungrantedActions(wf).length).toBeGreaterThan(0);
      expect(ungatedSensitiveSteps(wf).length).toBeGreaterThan(1);
      expect(wf.connections.some((c) => !c.logging && !c.maintainer && !c.revocation)).toBe(true);
      expect(nodesOfKind(wf, 'escalation')).toEqual([]);
      const actingAi = nodesOfKind(wf, 'ai').find((n) => n.config.mode === 'act');
      expect(actingAi?.config.tools.map((t) => t.action)).toContain('tickets.reply');
      expect(openOutputs(wf)).toEqual(expect.arrayContaining([`${actingAi!.id}.low_confidence`, `${actingAi!.id}.error`]));
      const [approval] = nodesOfKind(wf, 'approval');
      expect(approval.config.reviewer).toBe('');
      expect(openOutputs(wf)).toEqual(expect.arrayContaining([`${approval.id}.approved`, `${approval.id}.timeout`]));
      expect(openOutputs(wf)).not.toContain(`${approval.id}.rejected`);
    });
  });
});
