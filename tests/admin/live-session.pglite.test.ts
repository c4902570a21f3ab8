// The moderators' event stream after logout, disabling and unassignment on PGlite (tests in live-session.cases.ts).
import { defineLiveSessionTests } from './live-session.cases.js';

defineLiveSessionTests('pglite');
