// Hostile input on recent surfaces on PostgreSQL (tests in recent-surfaces.cases.ts).
import { defineRecentSurfaceTests } from './recent-surfaces.cases.js';

defineRecentSurfaceTests('postgres');
