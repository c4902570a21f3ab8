// Imports on PGlite (tests in import.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineImportTests } from './import.cases.js';

defineImportTests('pglite');
