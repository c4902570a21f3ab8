// Per-story moderation, editors' picks and the audit log on PostgreSQL (tests in desk.cases.ts). One file per driver keeps each file within the runner's time limit.
import { defineStoryTests } from './desk.cases.js';

defineStoryTests('postgres');
