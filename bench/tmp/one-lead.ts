import { setUpIntake, leadBody } from '../intake-http.bench';
import { startPortal } from '../portal-process';
import { freshBenchDatabase } from '../bench-database';
(async () => {
  const url = await freshBenchDatabase('_one');
  const { token } = await setUpIntake(url);
  const { Client } = require('pg'); const c = new Client({connectionString: url}); await c.connect(); await c.query("ALTER DATABASE leadgate_bench_perf_one SET log_statement='all'"); await c.end();
  const portal = await startPortal({ databaseUrl: url, port: 3918, processes: 1 });
  for (let i = 0; i < 3; i++) {
    const r = await fetch(`${portal.url}/api/v1/leads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(leadBody()) });
    console.log(r.status, (await r.text()).slice(0, 100));
  }
  await portal.stop();
})();
