import { expect } from 'chai';
import { Conversation } from '../helpers/conversation.js';
import { useTestServer } from '../helpers/server.js';

const METRICS_TOKEN = 'metrics-test-token-0123456789abcdef';

/** One sample of the Prometheus text format: `name{label="value",…} number`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?(?:[0-9.e+-]+|NaN|\+Inf|-Inf))$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the exposition strictly: every line is a comment (`# HELP`/`# TYPE`) or a sample, or the test fails. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type?.[1] && type[2]) {
      types.set(type[1], type[2]);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const m = SAMPLE.exec(line);
    if (!m?.[1] || m[3] === undefined) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) if (l[1]) labels[l[1]] = l[2] ?? '';
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { samples, types };
}

/** Sum of the samples of `name` whose labels include `labels`. */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

describe('GET /metrics (Prometheus)', function () {
  this.timeout(60_000);
  const server = useTestServer({ METRICS_TOKEN, INSTANCE_ID: 'metrics-test-1' });

  const scrape = async () => {
    const res = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await res.text());
  };

  it('is refused without the token or with a wrong one', async () => {
    expect((await fetch(`${server.baseUrl}/metrics`)).status).to.equal(401);
    const wrong = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(wrong.status).to.equal(401);
  });

  it('parses, labels every series with the instance, and its counters move after a turn', async () => {
    const before = await scrape();
    expect(before.types.get('firstline_turns_total')).to.equal('counter');
    expect(before.types.get('firstline_turn_duration_seconds')).to.equal('histogram');
    expect(before.types.get('firstline_desk_queue_length')).to.equal('gauge');
    expect(before.types.get('nodejs_eventloop_lag_seconds'), 'event-loop lag').to.equal('gauge');
    for (const s of before.samples) expect(s.labels['instance_id'], s.name).to.equal('metrics-test-1');

    const customer = new Conversation(server.baseUrl, { userId: 'demo-user', locale: 'en-GB' });
    await customer.say('no data on 8946070000000000027');
    await new Conversation(server.baseUrl, { userId: 'demo-vip' }).say(
      'our meters stopped reporting, no data on 8946070000000000092',
    );
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string> = {}) =>
      total(after.samples, name, labels) - total(before.samples, name, labels);
    expect(moved('firstline_turns_total', { outcome: 'ok' })).to.equal(2);
    expect(moved('firstline_turn_duration_seconds_count', { outcome: 'ok' })).to.equal(2);
    expect(moved('firstline_platform_calls_total', { provider: 'embedded' })).to.be.greaterThan(0);
    expect(moved('firstline_store_duration_seconds_count', { operation: 'state_write' })).to.be.greaterThan(
      0,
    );
    expect(moved('firstline_handoffs_total', { mode: 'desk' })).to.equal(1);
    expect(total(after.samples, 'firstline_desk_queue_length')).to.equal(
      total(before.samples, 'firstline_desk_queue_length') + 1,
    );
    expect(total(after.samples, 'firstline_desk_queue_oldest_wait_seconds')).to.be.at.least(0);
    expect(moved('firstline_errors_total')).to.equal(0);
  });
});
