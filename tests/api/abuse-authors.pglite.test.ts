// Issue 12 regressions (forged reports, trust by a bare email) on PGlite (the cases: abuse-authors.cases.ts).
import { defineAbuseAuthorTests } from './abuse-authors.cases.js';

defineAbuseAuthorTests('pglite');
