// Reader event streams' caps, lifetime and cost on PGlite (the cases: event-streams.cases.ts).
import { defineEventStreamTests } from './event-streams.cases.js';

defineEventStreamTests('pglite');
