// A moderator action's two paths on PGlite (tests in actions.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineActionPathTests } from './actions.cases.js';

defineActionPathTests('pglite');
