import noAuditLog from '../../../shared/analysis/rules/integration/no-audit-log';
import noMaintainer from '../../../shared/analysis/rules/integration/no-maintainer';
import noRevocation from '../../../shared/analysis/rules/integration/no-revocation';
import { conn, doc } from './fixtures';
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
