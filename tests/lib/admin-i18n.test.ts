// The admin view's words for audit actions: every action the server writes to the audit log has a
// label in English and in Hindi, and the audit filter offers each of them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_ACTIONS, messages } from '../../widget/admin/i18n.js';

/** Every `action: '…'` literal in the server's sources that names an audit entry's action. */
function serverAuditActions(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) {
        if (name !== 'dist') walk(file);
      } else if (name.endsWith('.ts')) {
        const text = readFileSync(file, 'utf8');
        if (!text.includes('insertAudit') && !text.includes('audit')) continue;
        for (const m of text.matchAll(/\baction: '([a-z.]+)'/g)) found.add(m[1]!);
      }
    }
  };
  walk(path.join(import.meta.dirname, '../../server'));
  return found;
}

describe('admin view: audit action labels', () => {
  it('has English and Hindi words for every action the server logs, and the filter lists them', () => {
    const written = serverAuditActions();
    assert.ok(written.has('import') && written.has('ban'), [...written].join(' '));
    for (const action of written) {
      assert.ok(messages.en.actionLabels[action], `no English label for ${action}`);
      assert.ok(messages.hi.actionLabels[action], `no Hindi label for ${action}`);
      assert.ok((AUDIT_ACTIONS as readonly string[]).includes(action), `the audit filter does not offer ${action}`);
    }
    // A held comment's "create" must not read as published in Hindi.
    assert.doesNotMatch(messages.hi.actionLabels.create!, /प्रकाशित/);
  });
});
