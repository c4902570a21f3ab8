// Issue 12 regressions (lone surrogates, the link counter, spam as held, closed in the ETag) on PGlite (the cases: abuse-input.cases.ts).
import { defineAbuseInputTests } from './abuse-input.cases.js';

defineAbuseInputTests('pglite');
