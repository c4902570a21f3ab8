// Admin authorization matrix on PostgreSQL (tests in authz.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineAuthorizationTests } from './authz.cases.js';

defineAuthorizationTests('postgres');
