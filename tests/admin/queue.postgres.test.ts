// Admin queues and actions on PostgreSQL (tests in queue.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineQueueTests } from './queue.cases.js';

defineQueueTests('postgres');
