// One owner per table: SQL lives only in repositories (and migrations), and each table is written by its owner.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

/** Which library's repositories may write each table; partners is split by column. */
const TABLE_OWNERS: Record<string, string> = {
  users: 'libs/users',
  user_tokens: 'libs/users',
  api_tokens: 'libs/auth',
  session: 'libs/auth',
  idempotency_keys: 'libs/auth',
  sign_in_attempts: 'libs/auth',
  lead_types: 'libs/catalog',
  campaigns: 'libs/catalog',
  leads: 'libs/lifecycle',
  assignments: 'libs/lifecycle',
  lead_events: 'libs/lifecycle',
  allocation_decisions: 'libs/lifecycle',
  breaches: 'libs/lifecycle',
  lead_routing_turns: 'libs/lifecycle',
  update_clocks: 'libs/lifecycle',
  partner_pauses: 'libs/partners',
  holiday_calendars: 'libs/partners',
  audit_entries: 'libs/audit',
  standing_changes: 'libs/compliance',
  standing_overrides: 'libs/compliance',
  outbound_emails: 'libs/notifications',
  clock_alerts: 'libs/notifications',
  webhook_endpoints: 'libs/webhooks',
  webhook_events: 'libs/webhooks',
  webhook_deliveries: 'libs/webhooks',
  deal_registrations: 'libs/deals',
  lead_imports: 'libs/intake',
};
const PARTNER_COLUMN_OWNERS: Record<string, string> = {
  open_leads: 'libs/lifecycle',
  allocations_recent: 'libs/lifecycle',
  standing: 'libs/compliance',
  compliance_score: 'libs/compliance',
  standing_changed_at: 'libs/compliance',
};
const PARTNERS_OWNER = 'libs/partners';
const MIGRATIONS = 'libs/database/src/migrations/';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))].map((path) => ({
  path: relative(ROOT, path),
  source: readFileSync(path, 'utf8'),
}));
const libraryOf = (path: string) => path.split('/').slice(0, 2).join('/');
const isRepository = (path: string) => path.endsWith('.repository.ts');

const SQL_SIGNS: [string, RegExp][] = [
  ['SQL text', /\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+(\w+\s+)?SET|DELETE\s+FROM)\b/],
  ['.query(', /\.query\s*[<(]/],
  ['a query builder', /createQueryBuilder|getRepository|InjectRepository/],
];

describe('data layer', () => {
  it('keeps SQL in repositories and migrations only (apps included)', () => {
    const offending = files
      .filter((file) => !isRepository(file.path) && !file.path.startsWith(MIGRATIONS))
      .flatMap((file) =>
        SQL_SIGNS.filter(([, sign]) => sign.test(file.source))
          .map(([what]) => `${file.path}: ${what}`),
      );
    expect(offending).toEqual([]);
  });

  it('spells lead and assignment statuses only in libs/lifecycle (its transition table and repositories)', () => {
    const statuses = 'new|offered|accepted|contacted|qualified|opportunity|won|lost|declined|recalled|disqualified|recycled|unallocated|reassigned|closed';
    const literal = new RegExp(`status\\s*(?:=|===|!==|<>|:)\\s*'(?:${statuses})'|status\\s+IN\\s*\\(\\s*'|status=(?:${statuses})\\b`);
    const offending = files
      .filter((file) => libraryOf(file.path) !== 'libs/lifecycle' && !file.path.includes('/migrations/') && literal.test(file.source))
      .map((file) => file.path);
    expect(offending).toEqual([]);
  });

  it('has no TypeORM entities: repositories map rows to typed objects themselves', () => {
    expect(files.filter((file) => /@Entity\(/.test(file.source)).map((file) => file.path)).toEqual([]);
  });

  it('writes each table only from its owning library', () => {
    const offending: string[] = [];
    for (const file of files.filter((f) => isRepository(f.path))) {
      const library = libraryOf(file.path);
      for (const [, table] of file.source.matchAll(/\b(?:INSERT\s+INTO|DELETE\s+FROM)\s+(\w+)/g)) {
        const owner = TABLE_OWNERS[table] ?? (table === 'partners' ? PARTNERS_OWNER : undefined);
        if (owner !== library && !(table.startsWith('report_') && library === 'libs/reporting')) {
          offending.push(`${file.path} writes ${table} (owner: ${owner ?? 'none'})`);
        }
      }
      for (const [, table, set] of file.source.matchAll(/\bUPDATE\s+(\w+)\s+(?:\w+\s+)?SET\s+([\s\S]*?)(?=\bWHERE\b|\bFROM\b|\bRETURNING\b|`)/g)) {
        if (table === 'partners') {
          for (const [, column] of set.matchAll(/(?:^|,)\s*(\w+)\s*=/g)) {
            const owner = PARTNER_COLUMN_OWNERS[column] ?? PARTNERS_OWNER;
            if (owner !== library) offending.push(`${file.path} writes partners.${column} (owner: ${owner})`);
          }
        } else {
          const owner = TABLE_OWNERS[table] ?? (table.startsWith('report_') ? 'libs/reporting' : undefined);
          if (owner !== library) offending.push(`${file.path} writes ${table} (owner: ${owner ?? 'none'})`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
