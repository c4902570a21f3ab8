// Admin resources on PGlite (tests in resources.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineResourceTests } from './resources.cases.js';

defineResourceTests('pglite');
