// Webhooks on PGlite (cases in webhooks.cases.ts).
import { defineWebhookTests } from './webhooks.cases.js';

defineWebhookTests('pglite');
