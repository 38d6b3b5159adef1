// Load and soak benchmark (not a test): a school morning against real `koers serve` processes
// on loopback, then a count of what was acknowledged against what the database holds.
//
//   node bench/soak.mjs --koers build-release/koers [--engine sqlite|postgres] [--duration 300]
//        [--connections 32] [--ports 18204,18214,18224] [--import-every 30] [--work DIR] [--keep]
//
// sqlite: one `koers serve` on the first port; postgres: a throw-away PostgreSQL
// (scripts/pg-throwaway.sh) on the first port and TWO `koers serve` on the other two, sharing the
// database, the connections split over both. The database is the demo board (`koers demo`), with
// the invited teachers of school 1 given the demo password so that eight teachers log in.
//
// Each connection is one keep-alive socket, run as a closed loop (next request when the answer
// is in): connection 0 is the IB who imports a results CSV of the whole school every
// --import-every seconds and reads the signalling page in between; one in eight is an IB reading
// /signalering and overviews; the others are teachers who open their groepsoverzicht,
// groepsplan, group page and stamkaarten, enter method-test results, add a line to the overview
// and end it again, decide on signals, and (one connection per teacher) save the groepsplan with
// a new note.
//
// Checks: every response has the status it should (a form's 303 must not point to an error
// notice); every acknowledged write is in the database at the end (audit lines, rows, the last
// value written, plan versions, the import's every score); server RSS each 10 s from
// /proc/PID/status. Prints a table per route group and exits 1 when an error, a lost write or
// a server-side failure (500, database busy/locked in the server log) was seen.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';

// ----------------------------------------------------------------------------- options
const args = process.argv.slice(2);
function opt(name, fallback) {
  const i = args.indexOf('--' + name);
  if (i < 0) return fallback;
  return args[i + 1];
}
const flag = (name) => args.includes('--' + name);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const koers = path.resolve(opt('koers', path.join(repo, 'build-release/koers')));
const engine = opt('engine', 'sqlite');
const duration = Number(opt('duration', 300));
const connections = Number(opt('connections', 32));
const ports = opt('ports', '18204,18214,18224').split(',').map(Number);
const importEvery = Number(opt('import-every', 30));
const keep = flag('keep');
if (!['sqlite', 'postgres'].includes(engine)) throw new Error('--engine sqlite|postgres');
if (connections < 3) throw new Error('--connections: at least 3');

const work = opt('work', '') || fs.mkdtempSync(path.join(os.tmpdir(), 'koers-soak-'));
fs.mkdirSync(work, { recursive: true });
fs.chmodSync(work, 0o755);  // the throw-away PostgreSQL runs as user postgres and keeps its data inside
const runId = Date.now().toString(36);
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

// ----------------------------------------------------------------------------- database
let dbUrl, pgDir;
if (engine === 'sqlite') {
  dbUrl = path.join(work, 'soak.db');
} else {
  pgDir = path.join(work, 'pg');
  dbUrl = execFileSync('bash', [path.join(repo, 'scripts/pg-throwaway.sh'), 'start', pgDir, String(ports[0])])
    .toString().trim();
}
function sql(query) {
  const out = engine === 'sqlite'
    ? execFileSync('sqlite3', ['-separator', '|', dbUrl, query], { maxBuffer: 1 << 28 })
    : execFileSync('psql', [dbUrl, '-v', 'ON_ERROR_STOP=1', '-At', '-F', '|', '-c', query], { maxBuffer: 1 << 28 });
  return out.toString().split('\n').filter((l) => l.length).map((l) => l.split('|'));
}

const teacherLogins = ['leerkracht', 'e.dejong', 's.vanvliet', 'e.dekker', 'i.hendriks', 'e.vermeulen', 'p.verhoeven', 'm.willems'];
const resultsDir = path.join(work, 'results');
log(`koers ${koers}, ${engine}, ${duration} s, ${connections} connections, work folder ${work}`);
execFileSync(koers, ['demo', '--db', dbUrl, '--results-out', resultsDir], { stdio: ['ignore', 'ignore', 'inherit'] });
// The demo invites most teachers (no password yet); give the seven others of school 1 the demo's.
sql(`UPDATE accounts SET password_hash = (SELECT password_hash FROM accounts WHERE username = 'leerkracht'),
     invited = 0 WHERE username IN (${teacherLogins.map((u) => `'${u}'`).join(',')})`);
const csvFile = fs.readdirSync(resultsDir).sort()[0];  // school 1 (CBS De Valentijn)
const csvLines = fs.readFileSync(path.join(resultsDir, csvFile), 'utf8').split('\n').filter((l) => l.length);
const csvHeader = csvLines[0];
const csvRows = csvLines.slice(1).map((l) => l.split(';'));
const scoreCol = csvHeader.split(';').indexOf('vaardigheidsscore');
const dutch = (x) => x.toFixed(1).replace('.', ',');
const parseDutch = (t) => Number(t.replace(',', '.'));
// Import k raises every score by 0.1, 0.2 or 0.3: never the demo's, never the one before.
const importOffset = (k) => ((k % 3) + 1) / 10;
function importCsv(k) {
  const rows = csvRows.map((r) => {
    const c = r.slice();
    if (c[scoreCol] !== '') c[scoreCol] = dutch(parseDutch(c[scoreCol]) + importOffset(k));
    return c.join(';');
  });
  return [csvHeader, ...rows].join('\n') + '\n';
}

// ----------------------------------------------------------------------------- servers
const instancePorts = engine === 'sqlite' ? [ports[0]] : [ports[1], ports[2]];
const servers = [];
const answers = (port) => new Promise((resolve) => {
  http.get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => { res.resume(); resolve(res.statusCode === 200); })
    .on('error', () => resolve(false));
});
async function startServer(port, i) {
  // `koers serve` on a port that is taken says it listens and keeps running without listening:
  // the load would go to whatever holds the port. Refuse to start then.
  if (await answers(port)) throw new Error(`port ${port} is in use: stop what listens there, or pass --ports`);
  const out = fs.openSync(path.join(work, `serve-${i}.log`), 'w');
  const child = spawn(koers, ['serve', '--db', dbUrl, '--listen', `127.0.0.1:${port}`,
    '--public-url', `http://127.0.0.1:${port}`], { stdio: ['ignore', out, out] });
  servers.push({ port, child, pid: child.pid, log: path.join(work, `serve-${i}.log`), rss: [] });
  for (let tries = 0; tries < 200; ++tries) {
    if (await answers(port)) return;
    if (child.exitCode !== null) throw new Error(`koers serve on ${port} stopped: see ${servers.at(-1).log}`);
    await sleep(100);
  }
  throw new Error(`koers serve on ${port} does not answer /healthz`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function rssKb(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) : NaN;
  } catch { return NaN; }
}

// ----------------------------------------------------------------------------- HTTP and counting
const stats = new Map();  // route group -> {latencies: [], errors, samples: []}
function record(group, ms, error) {
  if (!stats.has(group)) stats.set(group, { latencies: [], errors: 0, samples: [] });
  const s = stats.get(group);
  s.latencies.push(ms);
  if (error) {
    s.errors++;
    if (s.samples.length < 3) s.samples.push(error);
  }
}

class Client {
  constructor(port) {
    this.port = port;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.cookie = '';
    this.csrf = '';
  }
  request(method, urlPath, { body = null, type = null, headers = {} } = {}) {
    return new Promise((resolve) => {
      const h = { ...headers };
      if (this.cookie) h.Cookie = this.cookie;
      if (this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
      if (type) h['Content-Type'] = type;
      if (body !== null) h['Content-Length'] = Buffer.byteLength(body);
      const started = process.hrtime.bigint();
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path: urlPath, agent: this.agent, headers: h },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({
            status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'),
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }));
          res.on('error', (e) => resolve({ status: 0, error: String(e), headers: {}, body: '', ms: 0 }));
        });
      req.on('error', (e) => resolve({ status: 0, error: String(e), headers: {}, body: '',
        ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      if (body !== null) req.write(body);
      req.end();
    });
  }
  // One request, counted under `group`; `check` says what is wrong with the answer, or null.
  async call(group, method, urlPath, options = {}, check = null) {
    const expect = options.expect ?? (method === 'GET' ? 200 : 303);
    const r = await this.request(method, urlPath, options);
    let error = null;
    if (r.status === 0) error = `${method} ${urlPath}: ${r.error}`;
    else if (r.status !== expect) error = `${method} ${urlPath}: ${r.status} ${r.body.slice(0, 200).replace(/\s+/g, ' ')}`;
    else if (check) error = check(r);
    record(group, r.ms, error);
    return error ? null : r;
  }
  async login(username) {
    const r = await this.call('login', 'POST', '/api/v1/session', {
      body: JSON.stringify({ username, password: 'koers-demo' }), type: 'application/json', expect: 200,
    });
    if (!r) throw new Error(`login ${username} failed: ${stats.get('login').samples.at(-1)}`);
    this.cookie = [].concat(r.headers['set-cookie'])[0].split(';')[0];
    this.csrf = JSON.parse(r.body).csrf_token;
  }
}

const form = (fields) => Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
const FORM = 'application/x-www-form-urlencoded';
const pick = (list) => list[Math.floor(Math.random() * list.length)];
// A form's 303 goes back to the page; with an error notice when it was refused.
const redirectOk = (bad) => (r) => {
  const to = r.headers.location || '';
  return bad.some((p) => to.includes(p + '=')) ? `refused: ${to}` : null;
};

// What was acknowledged, for the count at the end.
const acked = {
  methodTests: 0, lastMethodScore: new Map(),  // "pupil|block" -> score
  entriesAdded: new Set(), entriesEnded: new Set(),
  signalDecisions: 0,
  planSaves: 0, lastPlanNote: new Map(),        // group -> note
  imports: [],                                   // k of each acknowledged import
};
let deadline = 0;
const running = () => Date.now() < deadline;

async function teacher(c, w, username, owner) {
  await c.login(username);
  const groups = JSON.parse((await c.call('api groups', 'GET', '/api/v1/groups')).body);
  const g = groups[0].id;
  const pupils = JSON.parse((await c.call('api pupils', 'GET', `/api/v1/groups/${g}/pupils`)).body).map((p) => p.id);
  let n = 0;
  const weighted = [
    [25, 'overview'], [15, 'plan'], [10, 'group'], [20, 'stamkaart'], [5, 'groups'],
    [13, 'method-test'], [7, 'entry'], [5, 'plan-save'], [4, 'signal'],
  ];
  const total = weighted.reduce((a, [x]) => a + x, 0);
  while (running()) {
    let roll = Math.random() * total, action = weighted[0][1];
    for (const [x, a] of weighted) { if ((roll -= x) < 0) { action = a; break; } }
    ++n;
    if (action === 'overview') await c.call('GET overzicht', 'GET', `/groepen/${g}/overzicht`);
    else if (action === 'plan') await c.call('GET groepsplan', 'GET', `/groepen/${g}/groepsplan`);
    else if (action === 'group') await c.call('GET groep', 'GET', `/groepen/${g}`);
    else if (action === 'groups') await c.call('GET groepen', 'GET', '/groepen');
    else if (action === 'stamkaart') await c.call('GET stamkaart', 'GET', `/leerlingen/${pick(pupils)}`);
    else if (action === 'method-test') {
      const pupil = pick(pupils), block = `Soak w${w}`, score = n % 41;
      const ok = await c.call('POST methodetoets', 'POST', `/leerlingen/${pupil}/invoer`, {
        body: form({ soort: 'methode', vak: 'Rekenen', blok: block, score, maximum: 40, datum: '27-11-2026' }), type: FORM,
      }, redirectOk(['invoerfout']));
      if (ok) { acked.methodTests++; acked.lastMethodScore.set(`${pupil}|${block}`, score); }
    } else if (action === 'entry') {
      const pupil = pick(pupils), text = `soak-${runId}-${w}-${n}`;
      const added = await c.call('POST regel', 'POST', `/groepen/${g}/overzicht/regels`, {
        body: form({ pupil, kind: 'beschermend', source: 'observatie', text }), type: FORM,
      }, redirectOk(['fout']));
      if (!added) continue;
      acked.entriesAdded.add(text);
      const ov = await c.call('GET api overzicht', 'GET', `/api/v1/groups/${g}/overview`);
      if (!ov) continue;
      const line = JSON.parse(ov.body).pupils.find((p) => p.pupil_id === pupil)?.protective.find((e) => e.text === text);
      if (!line) { record('POST regel', 0, `written line "${text}" not in the overview`); continue; }
      const ended = await c.call('POST regel einde', 'POST', `/groepen/${g}/overzicht/regels/${line.id}/einde`, {
        body: form({ pupil }), type: FORM,
      }, redirectOk(['fout']));
      if (ended) acked.entriesEnded.add(text);
    } else if (action === 'signal') {
      // A decision on a pupil's signal, as on the stamkaart. Only method-test signals of other
      // subjects than the Rekenen the soak writes: they cannot vanish between reading and deciding.
      const got = await c.call('GET api signalen', 'GET', `/api/v1/groups/${g}/signals`);
      if (!got) continue;
      const open = JSON.parse(got.body).flatMap((p) => p.signals.filter((x) => x.current && x.rule === 'methodetoets' &&
        x.subject !== 'Rekenen').map((x) => ({ pupil: p.pupil_id, subject: x.subject, positive: x.positive })));
      if (!open.length) continue;
      const { pupil, subject, positive } = pick(open), reason = `soak-${runId}-${w}-${n}`;
      const ok = await c.call('POST signaalbesluit', 'POST', `/leerlingen/${pupil}/signalen`, {
        body: form({ subject, positive: positive ? '1' : '0', decision: pick(['bevestigd', 'afgewezen']), reason }), type: FORM,
      }, redirectOk(['signaalfout']));
      if (ok) acked.signalDecisions++;
    } else if (action === 'plan-save') {
      const api = `/api/v1/groups/${g}/plans/huidig`;
      const got = await c.call('GET api groepsplan', 'GET', api);
      if (!got || !owner) continue;  // one connection per teacher saves: no 409s among themselves
      const plan = JSON.parse(got.body);
      const note = `soak-${runId}-${w}-${n}`;
      plan.functioning.notes = note;
      const saved = await c.call('PUT groepsplan', 'PUT', api, { body: JSON.stringify(plan), type: 'application/json', expect: 200 });
      if (saved) { acked.planSaves++; acked.lastPlanNote.set(g, note); }
    }
  }
}

async function ibReader(c) {
  await c.login('ib');
  const groups = JSON.parse((await c.call('api groups', 'GET', '/api/v1/groups')).body).map((g) => g.id);
  while (running()) {
    const roll = Math.random();
    if (roll < 0.6) await c.call('GET signalering (ib)', 'GET', '/signalering');
    else if (roll < 0.8) await c.call('GET groepen', 'GET', '/groepen');
    else await c.call('GET overzicht (ib)', 'GET', `/groepen/${pick(groups)}/overzicht`);
  }
}

async function importer(c) {
  await c.login('ib');
  let next = Date.now() + 5000, k = 0;
  while (running()) {
    if (Date.now() < next) { await c.call('GET signalering (ib)', 'GET', '/signalering'); continue; }
    next += importEvery * 1000;
    ++k;
    const boundary = `soak${runId}${k}`;
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\nkoers\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="soak-${runId}-${k}.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${importCsv(k)}\r\n--${boundary}--\r\n`;
    const r = await c.call('POST import resultaten', 'POST', '/api/v1/imports/results', {
      body, type: `multipart/form-data; boundary=${boundary}`, expect: 200,
    }, (res) => (JSON.parse(res.body).errors.length ? `import errors: ${res.body.slice(0, 200)}` : null));
    if (r) acked.imports.push(k);
  }
}

// ----------------------------------------------------------------------------- run
function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

let exitCode = 0;
try {
  for (const [i, port] of instancePorts.entries()) await startServer(port, i);
  log(`${servers.length} koers serve: ${servers.map((s) => `pid ${s.pid} on ${s.port}`).join(', ')}`);

  const started = Date.now();
  deadline = started + duration * 1000;
  const firstMinute = Math.min(60, duration / 2) * 1000;
  const sampler = setInterval(() => {
    for (const s of servers) s.rss.push({ t: Date.now() - started, kb: rssKb(s.pid) });
  }, 10000);
  for (const s of servers) s.rss.push({ t: 0, kb: rssKb(s.pid) });
  const progress = setInterval(() => {
    let n = 0, e = 0;
    for (const s of stats.values()) { n += s.latencies.length; e += s.errors; }
    log(`${Math.round((Date.now() - started) / 1000)} s: ${n} requests, ${e} errors, RSS ${servers.map((s) => Math.round(rssKb(s.pid) / 1024) + ' MB').join(' / ')}`);
  }, 30000);

  const workers = [];
  const ibReaders = Math.max(1, Math.round(connections / 8));
  let teacherIndex = 0;
  const owners = new Set();
  for (let w = 0; w < connections; ++w) {
    const c = new Client(instancePorts[w % instancePorts.length]);
    const fail = (e) => record('worker', 0, `connection ${w}: ${e.stack || e}`);
    if (w === 0) workers.push(importer(c).catch(fail));
    else if (w <= ibReaders) workers.push(ibReader(c).catch(fail));
    else {
      const username = teacherLogins[teacherIndex++ % teacherLogins.length];
      const owner = !owners.has(username);
      owners.add(username);
      workers.push(teacher(c, w, username, owner).catch(fail));
    }
  }
  await Promise.all(workers);
  const elapsed = (Date.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(progress);
  for (const s of servers) s.rss.push({ t: Date.now() - started, kb: rssKb(s.pid) });

  // ---------------------------------------------------------------- the table
  console.log(`\nKoers soak, ${engine}${engine === 'postgres' ? ' (two instances, one database)' : ''}: ` +
    `${connections} connections, ${elapsed.toFixed(0)} s, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
  const rows = [['route group', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors']];
  let allRequests = 0, allErrors = 0;
  for (const [group, s] of [...stats.entries()].sort()) {
    const sorted = s.latencies.slice().sort((a, b) => a - b);
    allRequests += sorted.length;
    allErrors += s.errors;
    rows.push([group, String(sorted.length), (sorted.length / elapsed).toFixed(1),
      percentile(sorted, 50).toFixed(1), percentile(sorted, 99).toFixed(1), String(s.errors)]);
  }
  rows.push(['all', String(allRequests), (allRequests / elapsed).toFixed(1), '', '', String(allErrors)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log('| ' + r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join(' | ') + ' |');
    if (i === 0) console.log('|' + widths.map((w, j) => (j === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  }
  for (const [group, s] of stats.entries())
    for (const e of s.samples) console.log(`  error (${group}): ${e}`);
  if (allErrors) exitCode = 1;

  // ---------------------------------------------------------------- memory
  console.log('\nRSS of the server(s), sampled each 10 s:');
  for (const s of servers) {
    const atMinute = s.rss.reduce((best, x) => (Math.abs(x.t - firstMinute) < Math.abs(best.t - firstMinute) ? x : best));
    const end = s.rss.at(-1);
    const peak = Math.max(...s.rss.map((x) => x.kb));
    const ratio = end.kb / atMinute.kb;
    console.log(`  pid ${s.pid} (port ${s.port}): ${(atMinute.kb / 1024).toFixed(1)} MB at ${Math.round(atMinute.t / 1000)} s, ` +
      `${(end.kb / 1024).toFixed(1)} MB at the end, peak ${(peak / 1024).toFixed(1)} MB: end/first minute ${ratio.toFixed(3)} ` +
      `${Math.abs(ratio - 1) <= 0.1 ? '(within 10 %)' : 'OUTSIDE 10 %'}`);
    console.log('    ' + s.rss.map((x) => `${Math.round(x.t / 1000)}s:${(x.kb / 1024).toFixed(0)}`).join(' '));
  }

  // ---------------------------------------------------------------- writes: acknowledged vs stored
  console.log('\nWrites acknowledged against the database:');
  const lost = [];
  const check = (what, ackedCount, stored) => {
    const ok = ackedCount === stored;
    console.log(`  ${what.padEnd(52)} acknowledged ${String(ackedCount).padStart(6)}  stored ${String(stored).padStart(6)}  ${ok ? 'ok' : 'MISMATCH'}`);
    if (!ok) lost.push(what);
  };
  check('method tests (audit lines "methodetoets Rekenen Soak w…")', acked.methodTests,
    Number(sql("SELECT count(*) FROM audit_log WHERE object LIKE 'methodetoets Rekenen Soak w%'")[0][0]));
  const scores = new Map(sql("SELECT pupil_id, block, score FROM method_test_results WHERE block LIKE 'Soak w%'")
    .map(([p, b, s]) => [`${p}|${b}`, Number(s)]));
  let sameScore = 0;
  for (const [key, score] of acked.lastMethodScore) if (scores.get(key) === score) ++sameScore;
  check('method tests: last acknowledged score is the stored one', acked.lastMethodScore.size, sameScore);
  const entries = sql(`SELECT body, CASE WHEN ended_at IS NULL THEN 0 ELSE 1 END FROM overview_entries WHERE body LIKE 'soak-${runId}-%'`);
  check('overview lines added', acked.entriesAdded.size, entries.filter(([b]) => acked.entriesAdded.has(b)).length);
  check('overview lines ended', acked.entriesEnded.size, entries.filter(([b, e]) => e === '1' && acked.entriesEnded.has(b)).length);
  check('signal decisions (audit lines "signalen …")', acked.signalDecisions,
    Number(sql(`SELECT count(*) FROM audit_log WHERE object LIKE 'signalen %' AND detail LIKE '%: soak-${runId}-%'`)[0][0]));
  check('groepsplan versions with a soak note', acked.planSaves,
    Number(sql(`SELECT count(*) FROM group_plans WHERE body LIKE '%soak-${runId}-%'`)[0][0]));
  const latestPlans = new Map(sql(`SELECT p.group_id, p.body FROM group_plans p WHERE p.version =
      (SELECT max(version) FROM group_plans q WHERE q.group_id = p.group_id AND q.period_id = p.period_id)`)
    .map(([g, body]) => [Number(g), body]));
  let planNotes = 0;
  for (const [g, note] of acked.lastPlanNote) if ((latestPlans.get(g) || '').includes(`"${note}"`)) ++planNotes;
  check('groepsplan: latest version has the last note saved', acked.lastPlanNote.size, planNotes);
  // Each import changes every score, so it writes at least one audit line per pupil of the file
  // (an "import" line for results new to a pupil, an "update" line for changed ones).
  const csvPupils = new Set(csvRows.map((r) => r[0])).size;
  check(`results imports (audit lines for all ${csvPupils} pupils)`, acked.imports.length,
    acked.imports.filter((k) => Number(sql(`SELECT count(DISTINCT pupil_id) FROM audit_log WHERE object = 'toetsresultaat'
        AND detail LIKE '% uit soak-${runId}-${k}.csv (koers)'`)[0][0]) === csvPupils).length);
  if (acked.imports.length) {
    const k = acked.imports.at(-1);
    const stored = new Map(sql(`SELECT p.edex_key, t.subject, t.moment, t.ability_score FROM test_results t
        JOIN pupils p ON p.id = t.pupil_id WHERE p.school_id = 1`).map(([key, s, m, v]) => [`${key}|${s}|${m}`, Number(v)]));
    const cols = csvHeader.split(';');
    const [ci, cs, cm] = ['leerlingnummer', 'toets', 'toetsmoment'].map((n) => cols.indexOf(n));
    let expected = 0, same = 0;
    for (const r of csvRows) {
      if (r[scoreCol] === '') continue;
      ++expected;
      const v = stored.get(`${r[ci]}|${r[cs]}|${r[cm]}`);
      if (v !== undefined && Math.abs(v - (parseDutch(r[scoreCol]) + importOffset(k))) < 1e-6) ++same;
    }
    check(`scores of the last import (#${k}) in test_results`, expected, same);
  }
  // The audit trail stays one chain under concurrent writers (two servers on PostgreSQL).
  const [[lines, maxSeq]] = sql('SELECT count(*), max(seq) FROM audit_log');
  const [[broken]] = sql('SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq - 1 WHERE a.prev_hash <> b.hash');
  const [[headSeq]] = sql('SELECT seq FROM audit_head WHERE id = 1');
  const chainOk = lines === maxSeq && broken === '0' && headSeq === maxSeq;
  console.log(`  audit trail: ${lines} lines, last seq ${maxSeq}, head ${headSeq}, ${broken} links broken: ${chainOk ? 'ok' : 'BROKEN'}`);
  if (!chainOk) lost.push('audit chain');
  if (lost.length) exitCode = 1;

  // ---------------------------------------------------------------- the servers' own account
  for (const s of servers) {
    const text = fs.readFileSync(s.log, 'utf8');
    const failures = text.split('\n').filter((l) => /^koers: |locked|busy|SQLITE_|deadlock|could not serialize/i.test(l));
    console.log(`\nserver log ${s.log}: ${failures.length} failure lines`);
    for (const l of failures.slice(0, 10)) console.log('  ' + l.slice(0, 300));
    if (failures.length) exitCode = 1;
  }
  console.log(`\n${exitCode === 0 ? 'PASS' : 'FAIL'}: ${allErrors} errors, ${lost.length} mismatches in the write count`);
} catch (e) {
  console.error('soak:', e.stack || e);
  exitCode = 2;
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await sleep(500);
  if (pgDir) execFileSync('bash', [path.join(repo, 'scripts/pg-throwaway.sh'), 'stop', pgDir]);
  if (!keep && !opt('work', '')) fs.rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}
process.exit(exitCode);
