// Money: every change here is financial, so the analysis asks for an approval before it.
import { BASE } from '../n8n-json';
import { operationFamily } from './define';

export const stripe = operationFamily({
  id: 'stripe',
  label: 'Stripe',
  types: [`${BASE}stripe`],
  exportVersion: 1,
  credentialTypes: ['stripeApi'],
  defaultResource: 'balance',
  defaultOperation: { balance: 'get', charge: 'create', coupon: 'create', customer: 'create', customerCard: 'get', meterEvent: 'create', source: 'create', token: 'create' },
  sendsReachCustomers: false,
  data: ['financial', 'personal'],
  operations: { 'charge.create': { effect: 'trigger', label: 'Charge a customer in Stripe' }, 'charge.update': { effect: 'write' } },
});

export const payPal = operationFamily({
  id: 'paypal',
  label: 'PayPal',
  types: [`${BASE}payPal`],
  exportVersion: 1,
  credentialTypes: ['payPalApi'],
  defaultResource: 'payout',
  defaultOperation: { payout: 'create', payoutItem: 'get' },
  sendsReachCustomers: false,
  data: ['financial', 'personal'],
  operations: { 'payout.create': { effect: 'trigger', label: 'Pay out money with PayPal' } },
});

export const quickBooks = operationFamily({
  id: 'quickbooks',
  label: 'QuickBooks',
  types: [`${BASE}quickbooks`],
  exportVersion: 1,
  credentialTypes: ['quickBooksOAuth2Api'],
  defaultResource: 'customer',
  defaultOperation: { bill: 'create', customer: 'get', employee: 'create', estimate: 'create', invoice: 'create', item: 'get', payment: 'create', purchase: 'get', transaction: 'getReport', vendor: 'create' },
  sendsReachCustomers: true,
  data: ['financial'],
  operations: { 'payment.create': { effect: 'trigger', label: 'Record a payment in QuickBooks' } },
});
