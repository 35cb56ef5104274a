import type { ConnectorDefinition } from '../types';
import { defineActions } from './define';

export const billing: ConnectorDefinition = {
  id: 'billing',
  label: 'Billing',
  description: 'Customer accounts, invoices (sent and received), payments and refunds.',
  icon: 'credit-card',
  actions: defineActions([
    { scope: 'billing.customers.read', label: 'Read billing accounts', effect: 'read', data: ['personal', 'financial'], dataset: 'customers', inputs: ['customerId'], description: "Reads a customer's plan, balance and masked payment method." },
    { scope: 'billing.invoices.read', label: 'Read invoices', effect: 'read', data: ['financial'], dataset: 'invoices', inputs: ['invoiceId'], description: 'Reads an invoice with its lines, amounts, due date and status.' },
    { scope: 'billing.invoices.create', label: 'Create an invoice', effect: 'write', data: ['financial'], inputs: ['customerId', 'lines', 'dueDate'], description: 'Creates a draft invoice for a customer.' },
    { scope: 'billing.invoices.send', label: 'Send an invoice', effect: 'send', customerFacing: true, data: ['financial'], inputs: ['invoiceId', 'email'], description: 'Emails an invoice to the customer.' },
    { scope: 'billing.invoices.approve', label: 'Approve an invoice for payment', effect: 'approve', data: ['financial'], inputs: ['invoiceId', 'approver'], description: 'Marks a supplier invoice as approved, so it can be paid.' },
    { scope: 'billing.invoices.void', label: 'Void an invoice', effect: 'delete', data: ['financial'], inputs: ['invoiceId', 'reason'], description: 'Cancels an invoice so it is no longer owed.' },
    { scope: 'billing.payments.schedule', label: 'Schedule a payment', effect: 'trigger', data: ['financial'], inputs: ['invoiceId', 'payDate'], description: 'Schedules the bank payment of an approved invoice.' },
    { scope: 'billing.refunds.issue', label: 'Issue a refund', effect: 'trigger', data: ['financial'], inputs: ['customerId', 'invoiceId', 'amount', 'reason'], description: "Refunds money to a customer's payment method." },
  ]),
};
