import noAuditLog from '../../../shared/analysis/rules/integration/no-audit-log';
import noMaintainer from '../../../shared/analysis/rules/integration/no-maintainer';
import noRevocation from '../../../shared/analysis/rules/integration/no-revocation';
import unknownEffect from '../../../shared/analysis/rules/integration/unknown-effect';
import { conn, doc, integration, intake } from './fixtures';
import { ruleTester } from './rule-tester';

const tidy = doc({ connections: [conn('helpdesk', 'helpdesk', ['tickets.read'])] });

ruleTester(noAuditLog, {
  valid: [{ name: 'logging on', doc: tidy }],
  invalid: [
    {
      name: 'logging off, on each such connection',
      doc: doc({ connections: [conn('a', 'helpdesk', [], { logging: false }), conn('b', 'email', []), conn('c', 'crm', [], { logging: false })] }),
      findings: [{ connectionId: 'a', severity: 'warn' }, { connectionId: 'c' }],
    },
  ],
});

ruleTester(noRevocation, {
  valid: [{ name: 'revocation written down', doc: tidy }],
  invalid: [{ name: 'blank revocation', doc: doc({ connections: [conn('a', 'helpdesk', [], { revocation: ' ' })] }), findings: [{ connectionId: 'a', severity: 'warn' }] }],
});

ruleTester(noMaintainer, {
  valid: [{ name: 'a maintainer is named', doc: tidy }],
  invalid: [{ name: 'no maintainer', doc: doc({ connections: [conn('a', 'helpdesk', [], { maintainer: '' })] }), findings: [{ connectionId: 'a', severity: 'warn', message: '"a"' }] }],
});

// An imported n8n node Flowgate has no mapping for: a custom action whose effect is a stand-in.
const acme = (unknown: boolean) =>
  doc({
    connectors: [{ id: 'n8n-acme', label: 'Acme (n8n)', actions: [{ scope: 'acme.run', label: 'Run the n8n node n8n-nodes-acme.acme', effect: 'trigger', ...(unknown ? { unknownEffect: true } : {}) }] }],
    connections: [conn('acme', 'n8n-acme', ['acme.run'])],
    nodes: [intake('in'), integration('sync', 'acme', 'acme.run')],
    edges: ['in -> sync'],
  });

ruleTester(unknownEffect, {
  valid: [{ name: 'the effect is known', doc: acme(false) }],
  invalid: [{ name: 'the effect is unknown', doc: acme(true), findings: [{ nodeId: 'sync', connectionId: 'acme', severity: 'info', message: 'n8n-nodes-acme.acme' }] }],
});
