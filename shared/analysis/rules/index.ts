// Every rule, in the order findings of one severity are listed. Rule ids are part of the file
// format (`lint.rules`, `lint.disable`) and of the CLI output: never rename one.
import type { Rule } from '../types';
import aiNoFallback from './ai/no-fallback';
import aiSensitiveData from './ai/sensitive-data';
import aiUnreviewedAction from './ai/unreviewed-action';
import escalationNoTarget from './escalation/no-target';
import gateBlindApproval from './gate/blind-approval';
import gateMissingApproval from './gate/missing-approval';
import gateNoRejectPath from './gate/no-reject-path';
import gateNoReviewer from './gate/no-reviewer';
import gateNoTimeout from './gate/no-timeout';
import gateStaleApproval from './gate/stale-approval';
import graphDeadEnd from './graph/dead-end';
import graphNoEnd from './graph/no-end';
import graphNoIntake from './graph/no-intake';
import graphUnboundedLoop from './graph/unbounded-loop';
import graphUnreachable from './graph/unreachable';
import integrationNoAuditLog from './integration/no-audit-log';
import integrationNoMaintainer from './integration/no-maintainer';
import integrationNoRevocation from './integration/no-revocation';
import integrationUnknownEffect from './integration/unknown-effect';
import permissionBroadGrant from './permission/broad-grant';
import permissionExceedsGrant from './permission/exceeds-grant';
import permissionUnknownConnection from './permission/unknown-connection';
import permissionUnusedGrant from './permission/unused-grant';
import workflowNoEscalation from './workflow/no-escalation';
import workflowNoOwner from './workflow/no-owner';

export const RULES: readonly Rule[] = [
  permissionExceedsGrant,
  permissionUnknownConnection,
  permissionUnusedGrant,
  permissionBroadGrant,
  gateMissingApproval,
  gateStaleApproval,
  gateBlindApproval,
  gateNoReviewer,
  gateNoRejectPath,
  gateNoTimeout,
  aiUnreviewedAction,
  aiNoFallback,
  aiSensitiveData,
  escalationNoTarget,
  workflowNoEscalation,
  workflowNoOwner,
  graphNoIntake,
  graphNoEnd,
  graphUnreachable,
  graphDeadEnd,
  graphUnboundedLoop,
  integrationNoAuditLog,
  integrationNoRevocation,
  integrationNoMaintainer,
  integrationUnknownEffect,
];

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
