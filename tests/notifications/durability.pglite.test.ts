// The outbox under failure on PGlite (cases in durability.cases.ts).
import { defineDurabilityTests } from './durability.cases.js';

defineDurabilityTests('pglite');
