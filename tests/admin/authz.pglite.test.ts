// Admin authorization matrix on PGlite (tests in authz.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineAuthorizationTests } from './authz.cases.js';

defineAuthorizationTests('pglite');
