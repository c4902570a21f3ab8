// Admin CLI on PostgreSQL (tests in cli.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineCliTests } from './cli.cases.js';

defineCliTests('postgres');
