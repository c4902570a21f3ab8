// The moderation desk's API on PostgreSQL (tests in desk.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineDeskTests } from './desk.cases.js';

defineDeskTests('postgres');
