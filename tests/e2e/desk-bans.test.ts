// The moderation desk in Chromium, bans (issue 14): the ban dialog defaults to the author's email for
// 30 days with a message; banning the address says how many other authors used it and asks again;
// the Bans page reads as targets, ends, who and why; a ban is lifted there; and a reader on the banned
// author's address with another email still posts.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useAdminBrowser } from '../helpers/admin-browser.js';
import { browserSkipReason, screenshot } from '../helpers/browser.js';
import { DESK_EMAIL, DESK_PASSWORD, adminGet, cardOf, goTo, logIn, postAs, postOk, toast, waitForFocus, type Reader } from '../helpers/desk.js';

const ARTICLE = 'desk-bans-story';
const SHARED_IP = '198.51.100.20';
const DAY = 86_400_000;

interface BanRow {
  id: number;
  kind: string;
  value: string;
  expiresAt: string | null;
  message: string | null;
  reason: string | null;
  addressAuthors?: number | null;
  by: { email: string } | null;
}

describe('desk in Chromium: bans', { skip: browserSkipReason() }, () => {
  const admin = useAdminBrowser({ email: DESK_EMAIL, password: DESK_PASSWORD });
  let page: typeof admin.page;
  // Three readers behind one carrier address (CGNAT), and one elsewhere.
  const ravi: Reader = { name: 'Ravi Troll', email: 'ravi@example.com', ip: SHARED_IP };
  const sunita: Reader = { name: 'Sunita', email: 'sunita@example.com', ip: SHARED_IP };
  const kiran: Reader = { name: 'Kiran', email: 'kiran@example.com', ip: SHARED_IP };
  const bans = async () => (await adminGet<{ bans: BanRow[] }>(page, '/bans')).bans;

  before(async () => {
    page = admin.page;
    await postOk(admin, sunita, ARTICLE, 'The ward office finally answered my letter.');
    await postOk(admin, kiran, ARTICLE, 'Same here, after three weeks.');
    await postOk(admin, ravi, ARTICLE, 'You are all idiots and so is the council.');
    await logIn(page, admin.server.url);
  });

  it('opens the ban dialog on the email, for 30 days, with a message, and counts who shares the address', async () => {
    const card = cardOf(page, 'You are all idiots');
    await card.getByRole('button', { name: 'Ban author Ravi Troll' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ban Ravi Troll' });
    await dialog.waitFor();
    assert.ok(await dialog.getByLabel('Their email, ravi@example.com').isChecked());
    assert.equal(await dialog.getByLabel('Their address (IP)').isChecked(), false);
    assert.equal(await dialog.getByLabel('For how long').inputValue(), '30');
    assert.match(await dialog.getByLabel('Message to the author').inputValue(), /no longer comment here/);
    await dialog.getByText('2 other authors commented from this address in the last 30 days').waitFor();
    // Focus starts on the first choice a moderator may want to change, not on <body>.
    await waitForFocus(page, { id: /^ban-days$/ });
    await screenshot(page, 'desk-ban-dialog');
  });

  it('asks again before banning an address other authors used, and goes back without banning', async () => {
    const dialog = page.getByRole('dialog', { name: 'Ban Ravi Troll' });
    await dialog.getByLabel('Their address (IP)').check();
    await dialog.getByRole('button', { name: 'Ban author', exact: true }).click();
    const confirm = dialog.getByRole('alertdialog');
    await confirm.getByText('2 other authors commented from this address').waitFor();
    await waitForFocus(page, { text: /^Ban the address and the 2 other authors$/ });
    await confirm.getByRole('button', { name: 'Go back' }).click();
    await waitForFocus(page, { id: /^ban-ip$/ });
    assert.deepEqual(await bans(), [], 'nothing is banned before the moderator confirms');
  });

  it('bans by email with the defaults, a note and a message; focus returns to the queue', async () => {
    const dialog = page.getByRole('dialog', { name: 'Ban Ravi Troll' });
    await dialog.getByLabel('Their address (IP)').uncheck();
    await dialog.getByLabel('Message to the author').fill('Insults are not welcome here. Come back in a month.');
    await dialog.getByLabel('Why (moderators only)').fill('insulted other readers');
    await dialog.getByRole('button', { name: 'Ban author', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await toast(page).filter({ hasText: 'Ravi Troll is banned; 1 held comment rejected.' }).waitFor();
    await cardOf(page, 'You are all idiots').waitFor({ state: 'detached' });
    // The card that took the banned one's place (or the queue) has focus, not <body>.
    await waitForFocus(page);

    const [ban] = await bans();
    assert.ok(ban);
    assert.equal(ban.kind, 'email');
    assert.equal(ban.value, 'ravi@example.com');
    assert.equal(ban.message, 'Insults are not welcome here. Come back in a month.');
    assert.equal(ban.reason, 'insulted other readers');
    const days = (Date.parse(ban.expiresAt!) - Date.now()) / DAY;
    assert.ok(days > 29.9 && days < 30.1, `the ban ends in ${days} days`);
  });

  it('refuses the banned author with the message, and lets another reader on the same address post', async () => {
    const refused = await postAs(admin, ravi, ARTICLE, 'Let me back in');
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error?.code, 'AUTHOR_BANNED');
    assert.equal(refused.json.error?.note, 'Insults are not welcome here. Come back in a month.');
    const neighbour: Reader = { name: 'Neha', email: 'neha@example.com', ip: SHARED_IP };
    const ok = await postAs(admin, neighbour, ARTICLE, 'I share this address with half the city.');
    assert.ok(ok.status === 201 || ok.status === 202, `a neighbour on the banned author's address is refused: ${JSON.stringify(ok.json)}`);
  });

  it('bans an address only after the moderator confirms the count', async () => {
    const card = cardOf(page, 'Same here, after three weeks');
    await card.getByRole('button', { name: 'Ban author Kiran' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ban Kiran' });
    await dialog.waitFor();
    // Ravi, Sunita and Neha commented from Kiran's address too.
    await dialog.getByText('3 other authors commented from this address in the last 30 days').waitFor();
    await dialog.getByLabel('Their email, kiran@example.com').uncheck();
    await dialog.getByLabel('Their address (IP)').check();
    await dialog.getByLabel('For how long').selectOption('1');
    await dialog.getByLabel('Also reject their held comments').uncheck();
    await dialog.getByRole('button', { name: 'Ban author', exact: true }).click();
    await dialog.getByRole('button', { name: 'Ban the address and the 3 other authors' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await toast(page).filter({ hasText: 'Kiran is banned; 0 held comments rejected.' }).waitFor();
    await waitForFocus(page);
    const ip = (await bans()).find((b) => b.kind === 'ip');
    assert.ok(ip, 'an address ban exists');
    assert.equal(ip.addressAuthors, 4);
  });

  it('lists bans with readable targets, ends, who and why, and lifts one with focus kept', async () => {
    await goTo(page, 'Bans');
    await page.getByRole('heading', { name: 'Bans', exact: true }).waitFor();
    await page.getByText('2 bans in force.').waitFor();
    const items = page.locator('li.ban');
    const email = items.filter({ hasText: 'ravi@example.com' });
    await email.getByText(/^until /).waitFor();
    assert.match((await email.textContent())!.replace(/\s+/g, ' '), /by \S+, .+ · why: insulted other readers/);
    await email.getByText('Told them: “Insults are not welcome here. Come back in a month.”').waitFor();
    const address = items.filter({ hasText: 'An address used by 4 authors' });
    await address.waitFor();
    // No opaque hash is shown for an address.
    assert.doesNotMatch((await items.allTextContents()).join(' '), /[0-9a-f]{32}/);
    await screenshot(page, 'desk-bans');

    await email.getByRole('button', { name: 'Lift ban ravi@example.com' }).click();
    await toast(page).filter({ hasText: 'Ban on ravi@example.com lifted.' }).waitFor();
    await page.getByText('1 ban in force.').waitFor();
    // Focus moves to the ban that took the lifted one's place.
    await waitForFocus(page, { text: /^Lift ban An address used by 4 authors \([A-Za-z0-9_-]{12}\)$/ });
    await page.getByRole('button', { name: 'Lift ban An address used by 4 authors' }).click();
    await page.getByText('0 bans in force.').waitFor();
    await waitForFocus(page, { id: /^b-value$/ });
    assert.deepEqual(await bans(), []);

    const back = await postAs(admin, ravi, ARTICLE, 'Sorry about earlier, the council did answer.');
    assert.ok(back.status === 201 || back.status === 202, `the lifted ban still refuses: ${JSON.stringify(back.json)}`);
    assert.deepEqual(admin.pageErrors, []);
    assert.deepEqual(admin.dialogs, []);
  });
});
