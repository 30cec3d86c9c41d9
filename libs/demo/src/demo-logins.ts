// The demo logins as a console banner, so whoever started the portal can sign in at once.
import { DemoUser } from './data/demo-users';

export function formatDemoLogins(users: DemoUser[], url: string, intakeToken?: string): string {
  const rows = [['email', 'password', 'role', 'partner'], ...users.map((u) => [u.email, u.password, u.role, u.partner ?? '-'])];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const line = (cells: string[]) => ('  ' + cells.map((c, i) => c.padEnd(widths[i])).join('   ')).trimEnd();
  const rule = '  ' + widths.map((w) => '-'.repeat(w)).join('   ');
  return [
    '',
    '==================================== LeadGate demo ====================================',
    `  Portal: ${url}      API docs: ${url}/api/docs`,
    '',
    line(rows[0]),
    rule,
    ...rows.slice(1).map(line),
    '',
    intakeToken
      ? `  Intake API token (shown only now): ${intakeToken}\n  Try: curl -X POST -H "Authorization: Bearer ${intakeToken}" -H 'Content-Type: application/json' \\\n         -d '{"email":"buyer@example.com","company":"Example GmbH","country":"DE","postalCode":"80331","leadType":"demo-request"}' \\\n         ${url}/api/v1/leads`
      : '  The demo intake token was shown when the data was seeded; make another with `npm run token:create -- --role intake --name demo`.',
    '  Demo data lives in the embedded database; it is not for real leads.',
    '========================================================================================',
    '',
  ].join('\n');
}
