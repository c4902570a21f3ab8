// Combined scorers end to end on PGlite (tests in scorers.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineScorerTests } from './scorers.cases.js';

defineScorerTests('pglite');
