// The pure parts of notifications: Standard Webhooks signatures (the spec's own example), which
// addresses webhooks may reach, signed email links, and email bodies that escape what users wrote.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHasher } from '../../server/lib/crypto.js';
import { checkEndpointUrl, classifyAddress, refuseAddress } from '../../server/notifications/net-guard.js';
import { createSecret, sign, signatureHeaders, verify } from '../../server/notifications/signing.js';
import { excerpt, renderModeratorMail, renderReaderMail } from '../../server/notifications/templates.js';
import { createLinkToken, readLinkToken } from '../../server/notifications/tokens.js';
import { digestTime, mailBackoffMs, webhookBackoffMs, WEBHOOK_RETRY_FOR_MS } from '../../server/notifications/outbox.js';

describe('webhook signatures', () => {
  it('match the Standard Webhooks example', () => {
    // The example in the spec and its reference libraries' tests.
    const signature = sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    assert.equal(signature, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verify with either secret during a rotation, and refuse a changed body, id or an old timestamp', () => {
    const [a, b] = [createSecret(), createSecret()];
    const body = '{"type":"comment.created"}';
    const headers = signatureHeaders([a, b], 'msg_1', 1000, body);
    assert.equal(headers['webhook-signature']!.split(' ').length, 2);
    assert.ok(verify(a, headers, body, 1000));
    assert.ok(verify(b, headers, body, 1100));
    assert.ok(!verify(createSecret(), headers, body, 1000));
    assert.ok(!verify(a, headers, `${body} `, 1000));
    assert.ok(!verify(a, { ...headers, 'webhook-id': 'msg_2' }, body, 1000));
    assert.ok(!verify(a, headers, body, 1000 + 301), 'outside the five-minute tolerance');
  });
});

describe('where webhooks may go', () => {
  it('classifies addresses, including IPv4 inside IPv6', () => {
    const cases: Array<[string, string]> = [
      ['93.184.216.34', 'public'],
      ['2606:2800:220:1:248:1893:25c8:1946', 'public'],
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback'],
      ['::1', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.5.4', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['fd00::1', 'private'],
      ['169.254.169.254', 'link-local'],
      ['fe80::1', 'link-local'],
      ['0.0.0.0', 'reserved'],
      ['::', 'reserved'],
      ['224.0.0.1', 'reserved'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:a9fe:a9fe', 'link-local'],
      ['64:ff9b::10.0.0.1', 'private'],
      ['2002:0a00:0001::1', 'private'],
      // The same private IPv4 address written every way a resolver or a hostile DNS answer may give it.
      ['0:0:0:0:0:ffff:a00:1', 'private'],
      ['::ffff:0:10.0.0.1', 'private'],
      ['::10.0.0.1', 'private'],
      ['::a00:1', 'private'],
      ['::ffff:7f00:1', 'loopback'],
      ['0064:ff9b:0000:0000:0000:0000:a9fe:a9fe', 'link-local'],
      ['64:ff9b:1::808:808', 'private'],
      ['2001:0:4136:e378::1', 'reserved'],
      ['64:ff9b::8.8.8.8', 'public'],
      ['::ffff:8.8.8.8', 'public'],
      ['2606:4700::1111', 'public'],
    ];
    for (const [ip, kind] of cases) assert.equal(classifyAddress(ip), kind, ip);
    assert.equal(refuseAddress('127.0.0.1', true), null, 'loopback in development');
    assert.match(refuseAddress('127.0.0.1', false)!, /loopback/);
    assert.match(refuseAddress('169.254.169.254', true)!, /link-local/);
  });

  it('checks a URL when saved: https, no credentials, and names resolving somewhere refused', async () => {
    const resolvesTo = (address: string) => (async () => [{ address, family: address.includes(':') ? 6 : 4 }]) as never;
    assert.equal(await checkEndpointUrl('https://hooks.example.com/x#frag', false, resolvesTo('93.184.216.34')), 'https://hooks.example.com/x');
    await assert.rejects(checkEndpointUrl('https://rebind.example.com/', false, resolvesTo('127.0.0.1')), /resolves to a loopback address/);
    await assert.rejects(checkEndpointUrl('https://meta.example.com/', true, resolvesTo('169.254.169.254')), /link-local/);
    await assert.rejects(checkEndpointUrl('https://10.0.0.1/', true), /private/);
    await assert.rejects(checkEndpointUrl('http://hooks.example.com/', true, resolvesTo('93.184.216.34')), /https/);
    await assert.rejects(checkEndpointUrl('https://localhost:8443/', false), /loopback/);
    // The fully qualified spellings, whatever the resolver would say of them.
    for (const url of ['https://localhost.:8443/', 'https://api.localhost./x']) await assert.rejects(checkEndpointUrl(url, false, resolvesTo('93.184.216.34')), /loopback/, url);
    await assert.rejects(checkEndpointUrl('https://a:b@hooks.example.com/', false, resolvesTo('93.184.216.34')), /password/);
    assert.equal(await checkEndpointUrl('http://127.0.0.1:9000/h', true), 'http://127.0.0.1:9000/h');
    assert.equal(await checkEndpointUrl('http://localhost:9000/h', true, resolvesTo('127.0.0.1')), 'http://localhost:9000/h');
  });
});

describe('email links', () => {
  const hasher = createHasher('units-secret-0123456789abcdef0123456789');
  it('round-trip, and any change to a token is refused', () => {
    const token = createLinkToken(hasher, { kind: 'unsubscribe', subscriberId: 42, articleId: 7 });
    assert.deepEqual(readLinkToken(hasher, token), { kind: 'unsubscribe', subscriberId: 42, articleId: 7 });
    assert.equal(readLinkToken(hasher, token.replace('.42.', '.43.')), null);
    assert.equal(readLinkToken(hasher, token.replace(/^u/, 'c')), null);
    assert.equal(readLinkToken(createHasher('another-secret-0123456789abcdef012345'), token), null);
    assert.equal(readLinkToken(hasher, 'garbage'), null);
  });
});

describe('email bodies', () => {
  it('escape names, text and site names in HTML and load nothing remote', () => {
    const mail = renderReaderMail({
      locale: 'en',
      siteName: 'News & <Views>',
      articleTitle: '"Quoted" <title>',
      articleUrl: 'https://news.example/a?x=1&y="2"',
      items: [{ kind: 'reply', authorName: '<img src=x onerror=alert(1)>', body: '<script>alert(1)</script> and a <a href="https://evil.example">link</a>' }],
      unsubscribeThreadUrl: 'https://p.example/notify/unsubscribe?t=a',
      unsubscribeSiteUrl: 'https://p.example/notify/unsubscribe?t=b',
    });
    assert.doesNotMatch(mail.html, /<img|<script|<a href="https:\/\/evil/);
    assert.match(mail.html, /&#60;script&#62;/);
    assert.match(mail.html, /href="https:\/\/news\.example\/a\?x=1&#38;y=&#34;2&#34;"/);
    assert.match(mail.text, /<img src=x onerror=alert\(1\)> replied to your comment:/, 'plain text keeps the text as written');
    const mod = renderModeratorMail({
      locale: 'hi',
      siteName: 'साइट',
      cadence: 'daily',
      items: [{ kind: 'reported', authorName: 'A', body: 'x', articleTitle: null, reviewUrl: 'https://p.example/admin#comment/1' }],
      settingsUrl: 'https://p.example/admin#alerts',
      unsubscribeUrl: 'https://p.example/notify/unsubscribe?t=m',
    });
    assert.equal(mod.subject, 'दिन का सारांश: साइट पर 1 टिप्पणियाँ समीक्षा के लिए');
    assert.match(mod.html, /<html lang="hi">/);
  });

  it('cut long comments at a word', () => {
    assert.equal(excerpt('short'), 'short');
    const long = excerpt(`${'word '.repeat(100)}`, 50);
    assert.ok(long.length <= 51 && long.endsWith('…'));
  });
});

describe('schedules', () => {
  it('back off exponentially, within a day for webhooks', () => {
    assert.deepEqual([1, 2, 3, 4].map(webhookBackoffMs), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(webhookBackoffMs(20), 4 * 3_600_000);
    assert.equal(mailBackoffMs(10), 15 * 60_000);
    let total = 0;
    let n = 0;
    while (total <= WEBHOOK_RETRY_FOR_MS) total += webhookBackoffMs(++n);
    assert.ok(n >= 10 && n <= 20, `${n} attempts fit in a day`);
  });

  it('send digests at the next hour and the next midnight UTC', () => {
    assert.equal(digestTime('hourly', new Date('2026-11-25T10:20:00Z')).toISOString(), '2026-11-25T11:00:00.000Z');
    assert.equal(digestTime('hourly', new Date('2026-11-25T11:00:00Z')).toISOString(), '2026-11-25T12:00:00.000Z');
    assert.equal(digestTime('daily', new Date('2026-11-25T23:59:00Z')).toISOString(), '2026-11-26T00:00:00.000Z');
  });
});
