// The moderation desk's accessibility in the light theme (tests in desk-a11y.cases.ts).
import { defineDeskA11yTests } from './desk-a11y.cases.js';

defineDeskA11yTests('light');
