// The moderation desk's API on PGlite (tests in desk.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineDeskTests } from './desk.cases.js';

defineDeskTests('pglite');
