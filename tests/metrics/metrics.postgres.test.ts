// /metrics on PostgreSQL (cases in metrics.cases.ts).
import { defineMetricsTests } from './metrics.cases.js';

defineMetricsTests('postgres');
