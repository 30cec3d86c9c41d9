import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, validateEnvironment } from '@leadgate/config';
import { MailTransport } from './mail-transport';

describe('mail transport without SMTP', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leadgate-outbox-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes each message as an .eml file under DATA_DIR/outbox', async () => {
    const transport = new MailTransport(new AppConfig(validateEnvironment({ DATA_DIR: dir, LOG_LEVEL: 'silent' })));
    await transport.send({ from: 'a@leadgate.test', to: 'rob@nordic.test', subject: 'New lead: Acme', text: 'Hello Rob', fileName: 'lead-offered_1' });
    transport.onModuleDestroy();
    expect(await readdir(join(dir, 'outbox'))).toEqual(['lead-offered_1.eml']);
    const eml = await readFile(join(dir, 'outbox', 'lead-offered_1.eml'), 'utf8');
    expect(eml).toContain('To: rob@nordic.test');
    expect(eml).toContain('Subject: New lead: Acme');
    expect(eml).toContain('Hello Rob');
  });
});
