// Webhooks on PostgreSQL (cases in webhooks.cases.ts).
import { defineWebhookTests } from './webhooks.cases.js';

defineWebhookTests('postgres');
