// Seeds benchmark data straight into the database with set-based SQL (generate_series), which is
// orders of magnitude faster than posting through the API and works on PostgreSQL and PGlite alike.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Queryable } from '../../server/db/client.js';

// Comment text: sentences joined 3-5 (English) or 3-6 (Hindi) at a time give bodies of ~200-600
// characters. They are clean on purpose: the benchmark measures the path of an ordinary comment.
export const EN_SENTENCES = [
  'The article makes a fair point about the water supply, but the numbers from last summer tell a different story.',
  'I have lived in this neighbourhood for twenty years and the roads have never been this crowded in the morning.',
  'Good reporting. It would help to see the full budget document linked at the end of the piece.',
  'My father worked at the old mill and he always said the river was cleaner before the new factories came.',
  'This is the third time the council has promised a new bus route, and I will believe it when I see it.',
  'Thank you for covering the school results; the teachers in our district deserve far more credit.',
  'The interview with the farmers was the best part, because they explained the monsoon delay better than anyone.',
  'Prices at the market went up again this week, especially onions and tomatoes, which hurts every family.',
  'I disagree with the editorial, since the new metro line will take years and the traffic problem is now.',
  'Could the reporter follow up on the hospital beds? The last update was almost three months ago.',
  'Cricket aside, the stadium renovation has left the whole area without parking for most of the year.',
  'A balanced piece, although the opposition spokesperson was quoted far less than the minister.',
  'We need more stories like this one about small businesses that survived the difficult years.',
  'The photo of the flooded underpass says more than any statement from the municipal office.',
  'I read the whole report and the summary here is accurate, which is not always the case elsewhere.',
  'Our housing society has asked for a streetlight for two years now; maybe this coverage will finally help.',
  'The festival traffic plan worked well last year, so I hope they keep the same volunteers this time.',
  'Interesting that the survey only covered cities; the villages around us have very different concerns.',
  'Please correct the date in the third paragraph, the meeting was held on Tuesday and not on Monday.',
  'The electricity cuts are shorter than before, which is real progress even if nobody mentions it.',
  'I would like to know how many of the new jobs went to people from the state itself.',
  'Every monsoon we read the same story about drains, and every year the same streets flood again.',
  'My daughter took the entrance exam this year, and the confusion over the results was very stressful.',
  'Good to see the library reopening; the reading room was always full of students preparing for exams.',
];

export const HI_SENTENCES = [
  'इस लेख में पानी की समस्या को अच्छी तरह समझाया गया है, लेकिन गाँवों की स्थिति और भी खराब है।',
  'हमारे मोहल्ले में पिछले तीन महीनों से सड़क की मरम्मत का काम अधूरा पड़ा हुआ है।',
  'बहुत अच्छी रिपोर्ट है, किसानों की बात इतनी साफ़ तरीके से पहले किसी ने नहीं रखी।',
  'बाज़ार में सब्ज़ियों के दाम फिर बढ़ गए हैं, आम परिवार के लिए महीने का खर्च चलाना मुश्किल हो गया है।',
  'नई बस सेवा की घोषणा तो हर साल होती है, पर ज़मीन पर कुछ दिखाई नहीं देता।',
  'स्कूल के नतीजों पर यह खबर पढ़कर अच्छा लगा, शिक्षकों की मेहनत की सराहना होनी चाहिए।',
  'बारिश के मौसम में हर साल यही नाले भरते हैं और हर साल वही सड़कें डूब जाती हैं।',
  'अस्पताल में बिस्तरों की कमी पर आगे की जानकारी भी दीजिए, पिछली खबर बहुत पुरानी हो गई है।',
  'मेरे पिताजी इसी कारखाने में काम करते थे, उस समय नदी का पानी बहुत साफ़ हुआ करता था।',
  'संपादकीय से मैं सहमत नहीं हूँ, मेट्रो बनने में सालों लगेंगे और जाम की समस्या आज की है।',
  'पुस्तकालय दोबारा खुलने की खबर बहुत अच्छी है, वहाँ हमेशा परीक्षा की तैयारी करने वाले छात्र बैठते थे।',
  'बिजली कटौती पहले से कम हुई है, यह सच में सुधार है भले ही कोई इसकी चर्चा न करे।',
  'तीसरे अनुच्छेद में तारीख गलत छपी है, बैठक मंगलवार को हुई थी, सोमवार को नहीं।',
  'त्योहार के समय यातायात की व्यवस्था पिछले साल अच्छी रही थी, इस बार भी वैसी ही रहे तो बेहतर होगा।',
  'सर्वे में केवल शहरों को शामिल किया गया है, हमारे आसपास के गाँवों की चिंताएँ बिल्कुल अलग हैं।',
  'छोटे व्यापारियों की ऐसी कहानियाँ और छापिए, जिन्होंने मुश्किल वर्षों में भी हिम्मत नहीं हारी।',
];

export const EN_NAMES = ['Asha Menon', 'Rahul Verma', 'Priya Nair', 'David Fernandes', 'Meera Iyer', 'Sanjay Gupta', 'Anita Das', 'Vikram Rao'];
export const HI_NAMES = ['राम प्रसाद', 'सुनीता देवी', 'अमित कुमार', 'पूजा शर्मा', 'मोहन लाल', 'कविता सिंह', 'अजय यादव', 'नेहा मिश्रा'];

/** The settings the posting benchmark needs: publish at once, and no per-author limits in the way. */
export const BENCH_SITE_SETTINGS = { mode: 'post', floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0 };
export const BENCH_ORIGIN = 'https://news.example';

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const textArray = (list: readonly string[]) => `ARRAY[${list.map(literal).join(', ')}]::text[]`;

async function exec(db: Queryable, text: string): Promise<Record<string, unknown>[]> {
  try {
    return rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)));
  } catch (err) {
    // drizzle's error repeats the whole statement (kilobytes of sentences); the cause is what matters.
    const cause = (err as { cause?: Error }).cause ?? err;
    throw new Error(`seeding failed: ${cause instanceof Error ? cause.message : String(cause)} in: ${text.slice(0, 160)}...`);
  }
}

/** Creates the benchmark site; returns its id. */
export async function seedSite(db: Db, slug: string, name = 'Bench News'): Promise<number> {
  const [row] = await exec(
    db,
    `insert into sites (slug, name, allowed_origins, locale, settings)
     values (${literal(slug)}, ${literal(name)}, ARRAY[${literal(BENCH_ORIGIN)}]::text[], 'hi', ${literal(JSON.stringify(BENCH_SITE_SETTINGS))}::jsonb)
     returning id`,
  );
  return Number(row!.id);
}

export interface CommentBatch {
  siteId: number;
  /** Article keys are `<prefix>-<n>`, n from 1. */
  prefix: string;
  articles: number;
  perArticle: number;
  /** 'approved': every comment approved (read-benchmark threads). 'mix' (the scale data): ~94%
   * approved; 3% spam, 2% rejected, 1% deleted; 6% of the last two days' comments pending and 0.5%
   * of the last week's reported, as on a site whose moderators keep up. */
  statuses: 'approved' | 'mix';
  /** The comments' timestamps spread over this many days before now. */
  spanDays: number;
  /**
   * Drop the comments table's secondary indexes for the load and rebuild them after: a sorted index
   * build is several times faster than a million incremental inserts into seven indexes.
   */
  rebuildIndexes?: boolean;
}

/**
 * Inserts a batch of articles and their comments. Comments are interleaved across the batch's
 * articles in id order, so one thread's rows are spread over the table rather than packed together;
 * articles appear over `spanDays` and each one's comments over the three days after it. Every 16 comments of an article hold 12 top-level comments and
 * 4 replies (depths 1, 2, 3 and 1); only leaves get a non-approved status, so no approved reply
 * hangs under a removed parent. Returns the number of comments inserted.
 */
export async function seedBatch(db: Db, b: CommentBatch): Promise<number> {
  const m = b.articles;
  const total = m * b.perArticle;
  await exec(
    db,
    `insert into articles (site_id, key, url, title, created_at, updated_at)
     select ${b.siteId}, ${literal(b.prefix)} || '-' || g, ${literal(`${BENCH_ORIGIN}/${b.prefix}/`)} || g,
            'Article ' || g || ' of ${b.prefix}', now() - interval '1 day' * ${b.spanDays} * (1 - (g - 1)::float8 / ${m}) - interval '3 days', now()
     from generate_series(1, ${m}) g`,
  );
  const [maxRow] = await exec(db, 'select coalesce(max(id), 0)::bigint as max from comments');
  const indexes = b.rebuildIndexes ? await dropSecondaryIndexes(db) : [];
  const base = Number(maxRow!.max);
  const mixed = b.statuses === 'mix';
  // h is a per-comment pseudo-random number in [0, 100); leaves (q not parents) may be held. As on a
  // worked site, only the last two days' held comments still wait: older ones were approved.
  const status = mixed
    ? `case when q in (1, 2, 3, 8) then 'approved'
            when h < 88 then 'approved'
            when h < 94 then case when at > now() - interval '2 days' then 'pending' else 'approved' end
            when h < 97 then 'spam' when h < 99 then 'rejected' else 'deleted' end`
    : `'approved'`;
  const insertComments = `insert into comments (id, site_id, article_id, parent_id, root_id, depth, author_name, author_email,
                           body, status, reasons, scores, score_state, ip_hash, user_agent,
                           report_count, reported_at, created_at, updated_at)
     overriding system value
     select cid, ${b.siteId}, art.article_id,
            case when q in (2, 3, 4, 9) then cid - ${m} end,
            case q when 2 then cid - ${m} when 3 then cid - ${2 * m} when 4 then cid - ${3 * m} when 9 then cid - ${m} else cid end,
            case q when 2 then 1 when 3 then 2 when 4 then 3 when 9 then 1 else 0 end,
            case when hindi then (pool.hi_names)[1 + (g * 5) % ${HI_NAMES.length}] else (pool.en_names)[1 + (g * 5) % ${EN_NAMES.length}] end,
            'reader' || ((g * 7) % 40000) || '@example.com',
            case when hindi
              then array_to_string(array(select (pool.hi)[1 + (g * 7 + s * 5) % ${HI_SENTENCES.length}] from generate_series(1, 3 + g % 4) s), ' ')
              else array_to_string(array(select (pool.en)[1 + (g * 11 + s * 7) % ${EN_SENTENCES.length}] from generate_series(1, 3 + g % 3) s), ' ')
            end,
            st,
            case st when 'pending' then '[{"code":"first_comment","message":"first comment from this email"}]'::jsonb
                    when 'spam' then '[{"code":"links","message":"3 links, more than 2","count":3,"limit":2}]'::jsonb
                    when 'rejected' then '[{"code":"toxicity","message":"toxicity 0.97 at or above 0.95","attribute":"TOXICITY","score":0.97}]'::jsonb
                    else '[]'::jsonb end,
            '{"TOXICITY":0.02}'::jsonb, 'scored',
            md5('ip' || ((g * 7) % 40000)), 'Mozilla/5.0 (bench)',
            case when reported then 1 + g % 3 else 0 end,
            case when reported then at + interval '1 hour' end,
            at, at
     from (
       select g, ${base} + 1 + g as cid, g % ${m} as a, (g / ${m}) % 16 as q, abs(hashint8(g)) % 100 as h,
              g % 10 < 3 as hindi,
              -- An article's comments arrive over the three days after it appeared; articles appear over the span.
              now() - interval '1 day' * ${b.spanDays} * (1 - (g % ${m})::float8 / ${m}) - interval '3 days'
                + interval '3 days' * ((g / ${m})::float8 / ${b.perArticle}) + interval '1 second' * ((g * 37) % 600) as at
       from generate_series(0::bigint, ${total - 1}) g
     ) x
     cross join lateral (select ${status} as st) s
     cross join lateral (select ${mixed ? `st = 'approved' and abs(hashint8(g + 1000000007)) % 1000 < 5 and at > now() - interval '7 days'` : 'false'} as reported) r
     cross join (select ${textArray(EN_SENTENCES)} as en, ${textArray(HI_SENTENCES)} as hi,
                        ${textArray(EN_NAMES)} as en_names, ${textArray(HI_NAMES)} as hi_names) pool
     join (select id as article_id, (row_number() over (order by id) - 1)::int as a
           from articles where site_id = ${b.siteId} and key like ${literal(`${b.prefix}-%`)}) art on art.a = x.a`;
  // Foreign keys and the triggers (root_id, queue counts) are skipped for the load (replica role): the
  // ids, parents and roots are consistent by construction, per-row checks would triple the load time,
  // and the queues are counted once afterwards.
  await db.transaction(async (tx) => {
    await exec(tx, 'set local session_replication_role = replica');
    await exec(tx, insertComments);
  });
  if (indexes.length > 0) {
    await db.transaction(async (tx) => {
      await exec(tx, "set local maintenance_work_mem = '256MB'");
      for (const definition of indexes) await exec(tx, definition);
    });
  }
  await exec(db, `select setval(pg_get_serial_sequence('comments', 'id'), (select max(id) from comments))`);
  await exec(
    db,
    `update articles a set comment_count = c.n, version = a.version + 1
     from (select article_id, count(*) filter (where status = 'approved')::int as n from comments
           where article_id in (select id from articles where site_id = ${b.siteId} and key like ${literal(`${b.prefix}-%`)})
           group by article_id) c
     where a.id = c.article_id`,
  );
  // The queue-count trigger was skipped with the others: count the queues again.
  await exec(db, 'select parley_recount_queue_counts()');
  return total;
}

/** Drops the comments table's non-unique indexes; returns their definitions to re-create them. */
async function dropSecondaryIndexes(db: Db): Promise<string[]> {
  const rows = await exec(
    db,
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
     from pg_index x join pg_class i on i.oid = x.indexrelid
     where x.indrelid = 'comments'::regclass and not x.indisprimary and not x.indisunique`,
  );
  for (const r of rows) await exec(db, `drop index "${String(r.name)}"`);
  return rows.map((r) => String(r.definition));
}

/** Adds `perArticle` held, spam and rejected top-level comments to each article of a prefix (hidden from readers). */
export async function seedHeld(db: Db, siteId: number, prefix: string, perArticle: number): Promise<number> {
  const rows = await exec(
    db,
    `insert into comments (site_id, article_id, author_name, author_email, body, status, reasons, ip_hash, created_at, updated_at)
     select ${siteId}, a.id, 'Held Author', 'held' || k || '@example.com',
            'A comment waiting for a moderator, number ' || k || ', which readers must not see in the public thread.',
            (ARRAY['pending', 'spam', 'rejected'])[1 + k % 3], '[]'::jsonb, md5('held' || k), now(), now()
     from articles a cross join generate_series(1, ${perArticle}) k
     where a.site_id = ${siteId} and a.key like ${literal(`${prefix}-%`)}
     returning 1`,
  );
  return rows.length;
}

/** Article keys of a prefix, in id order. */
export async function articleKeys(db: Db, siteId: number, prefix: string): Promise<string[]> {
  const rows = await exec(db, `select key from articles where site_id = ${siteId} and key like ${literal(`${prefix}-%`)} order by id`);
  return rows.map((r) => String(r.key));
}

/** Statistics after a bulk load, so the planner sees the real sizes. */
export async function analyze(db: Db, vacuum = false): Promise<void> {
  await exec(db, vacuum ? 'vacuum analyze comments' : 'analyze comments');
  await exec(db, vacuum ? 'vacuum analyze articles' : 'analyze articles');
}

/** Row counts and the body-length spread, to print what was seeded. */
export async function describeData(db: Db, siteId: number): Promise<{ comments: number; articles: number; approved: number; avgBodyChars: number; minBodyChars: number; maxBodyChars: number }> {
  const [r] = await exec(
    db,
    `select count(*)::int as comments, count(*) filter (where status = 'approved')::int as approved,
            round(avg(char_length(body)))::int as avg, min(char_length(body))::int as min, max(char_length(body))::int as max,
            (select count(*)::int from articles where site_id = ${siteId}) as articles
     from comments where site_id = ${siteId}`,
  );
  return {
    comments: Number(r!.comments),
    articles: Number(r!.articles),
    approved: Number(r!.approved),
    avgBodyChars: Number(r!.avg),
    minBodyChars: Number(r!.min),
    maxBodyChars: Number(r!.max),
  };
}
