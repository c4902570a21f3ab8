// Hostile input on recent surfaces on PGlite (tests in recent-surfaces.cases.ts).
import { defineRecentSurfaceTests } from './recent-surfaces.cases.js';

defineRecentSurfaceTests('pglite');
