// The outbox under failure on PostgreSQL (cases in durability.cases.ts).
import { defineDurabilityTests } from './durability.cases.js';

defineDurabilityTests('postgres');
