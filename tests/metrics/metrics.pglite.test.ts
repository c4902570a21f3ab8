// /metrics on PGlite (cases in metrics.cases.ts).
import { defineMetricsTests } from './metrics.cases.js';

defineMetricsTests('pglite');
