// Reader event streams' caps, lifetime and cost on PostgreSQL (the cases: event-streams.cases.ts).
import { defineEventStreamTests } from './event-streams.cases.js';

defineEventStreamTests('postgres');
