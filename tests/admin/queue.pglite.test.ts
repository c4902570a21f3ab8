// Admin queues and actions on PGlite (tests in queue.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineQueueTests } from './queue.cases.js';

defineQueueTests('pglite');
