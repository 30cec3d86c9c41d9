// An offer email (and a webhook event) leaves within seconds of the lead's transaction committing (NOTIFY wakes the delivery job),
// not at the next scheduled run; the schedule stays the backstop.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { makeLeadType, makePartner, makeToken } from './support/builders';
import { startAppWithSmtp, stopAppWithSmtp } from './support/email-suite';
import { TestApp } from './support/test-app';
import { TestSmtp } from './support/test-smtp';

const NEVER_DURING_TEST = '0 0 1 1 *';

describe('prompt email', () => {
  const smtp = new TestSmtp();
  let t: TestApp;

  beforeAll(async () => {
    t = await startAppWithSmtp(smtp, {
      now: '2026-03-02T09:00:00Z',
      env: {
        JOBS_IN_PORTAL: 'true',
        EMAIL_SCHEDULE: NEVER_DURING_TEST, SWEEP_SCHEDULE: NEVER_DURING_TEST, COMPLIANCE_SCHEDULE: NEVER_DURING_TEST, FAIRNESS_DECAY_SCHEDULE: NEVER_DURING_TEST,
        REPORTS_ROLLUP_SCHEDULE: NEVER_DURING_TEST, PARTNER_SCORECARD_SCHEDULE: NEVER_DURING_TEST, CHANNEL_DIGEST_SCHEDULE: NEVER_DURING_TEST, WEBHOOK_SCHEDULE: NEVER_DURING_TEST,
      },
    });
  });
  afterAll(() => stopAppWithSmtp(t, smtp));

  it('sends the offer email seconds after the lead is posted, with no delivery run scheduled', async () => {
    await makeLeadType(t.dataSource, { key: 'prompt-demo', businessTime: false });
    const partner = await makePartner(t.dataSource, { name: 'Prompt IT', territories: ['DE'] });
    await t.dataSource.query(`INSERT INTO users (email, display_name, role, partner_id, active) VALUES ('rep@prompt.test', 'Rep', 'partner_rep', $1, true)`, [partner.id]);
    const intake = await makeToken(t, 'intake');

    const posted = Date.now();
    await request(t.http)
      .post('/api/v1/leads')
      .set('Authorization', `Bearer ${intake}`)
      .send({ email: 'buyer@prompt.example', company: 'Prompt Buyer AG', country: 'DE', postalCode: '80331', leadType: 'prompt-demo' })
      .expect(201);
    while (smtp.to('rep@prompt.test').length === 0 && Date.now() - posted < 20_000) await new Promise((done) => setTimeout(done, 100));

    expect(smtp.to('rep@prompt.test').map((mail) => mail.subject)).toEqual([expect.stringMatching(/^New lead:/)]);
    // The scheduled run is once a year here: only the NOTIFY can have woken the job (typically well under 5 s).
    expect(Date.now() - posted).toBeLessThan(10_000);
  });

  it('delivers a webhook event seconds after the change commits, with no delivery run scheduled', async () => {
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(JSON.parse(body).type);
        res.end('ok');
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    try {
      const admin = await makeToken(t, 'admin');
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      await request(t.http).post('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`).send({ url, events: ['lead.offered'] }).expect(201);
      const intake = await makeToken(t, 'intake');
      const posted = Date.now();
      await request(t.http)
        .post('/api/v1/leads')
        .set('Authorization', `Bearer ${intake}`)
        .send({ email: 'second@prompt.example', company: 'Prompt Second AG', country: 'DE', postalCode: '80331', leadType: 'prompt-demo' })
        .expect(201);
      while (received.length === 0 && Date.now() - posted < 20_000) await new Promise((done) => setTimeout(done, 100));
      expect(received).toEqual(['lead.offered']);
      expect(Date.now() - posted).toBeLessThan(10_000);
    } finally {
      await new Promise((done) => receiver.close(done));
    }
  });
});
