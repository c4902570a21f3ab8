// Admin accounts and sessions on PostgreSQL (tests in auth.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineAuthTests } from './auth.cases.js';

defineAuthTests('postgres');
