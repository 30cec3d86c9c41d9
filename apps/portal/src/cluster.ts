// Several portal processes on one port (node:cluster), so every core serves HTTP.
import cluster, { Worker } from 'node:cluster';

/**
 * The primary process: forks `processes` workers that each run the whole portal on the shared port,
 * and replaces a worker that dies after it started serving. On SIGTERM or SIGINT it passes the signal
 * on; each worker drains its connections (see shutdown.ts) and the primary exits 0 once the last one
 * has ended.
 * Background jobs (when the portal runs them) run in one worker only, which keeps one LISTEN
 * connection and one set of pollers; the queue itself would run each job once anyway.
 */
const STOPPED_ACCEPTING = 'leadgate:stopped-accepting';
const DRAIN = 'leadgate:drain';
// A worker that hears nothing back from its primary drains after this long anyway.
const DRAIN_SIGNAL_TIMEOUT_MS = 2_000;

export function runPrimary(processes: number): void {
  let stopping = false;
  let jobsWorker: Worker | undefined;
  // Workers that closed their listener during the stop; they drain once all have (see stoppedAccepting).
  const closed = new Set<Worker>();
  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  const releaseDrains = () => {
    if (live().every((w) => closed.has(w))) for (const w of closed) if (w.isConnected()) w.send(DRAIN);
  };
  const fork = (runsJobs: boolean) => {
    // The other workers are told not to run jobs; the first keeps whatever JOBS_IN_PORTAL says.
    const worker = cluster.fork(runsJobs ? {} : { JOBS_IN_PORTAL: 'false' });
    let listening = false;
    worker.once('listening', () => (listening = true));
    if (runsJobs) jobsWorker = worker;
    worker.on('message', (message) => {
      if (message !== STOPPED_ACCEPTING) return;
      // One worker stopped on its own: the others still listen, so it may drain at once.
      if (!stopping) worker.send(DRAIN);
      else {
        closed.add(worker);
        releaseDrains();
      }
    });
    worker.on('exit', (code, signal) => {
      if (stopping) {
        closed.delete(worker);
        if (live().length === 0) process.exit(process.exitCode ?? 0);
        releaseDrains();
        return;
      }
      console.error(`Portal process ${worker.process.pid} ended (${signal ?? `exit code ${code}`})`);
      if (!listening) {
        // It could not start (configuration, database): another would fail alike, so the portal stops, as one process would.
        console.error('It ended before it served a request; stopping the portal');
        process.exitCode = 1;
        stop();
        return;
      }
      fork(worker === jobsWorker);
    });
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = live();
    if (workers.length === 0) process.exit(process.exitCode ?? 0);
    for (const worker of workers) worker.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < processes; i++) fork(i === 0);
}

/**
 * Resolves once no portal process accepts new connections any more, so connections told to close
 * reconnect to nothing (refused) rather than to a listener about to go away. In a cluster the
 * primary holds the listening socket and hands each accepted connection on: it closes that socket
 * only when every worker has closed its listener, and a connection handed to a worker that closed
 * meanwhile would be held until the primary exits, then reset. So each worker reports its closed
 * listener and waits for the primary's word that all have (IPC keeps the order of the messages).
 */
export function stoppedAccepting(): Promise<void> {
  if (!cluster.isWorker || !process.send) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve();
    };
    const onMessage = (message: unknown) => message === DRAIN && done();
    const timer = setTimeout(done, DRAIN_SIGNAL_TIMEOUT_MS).unref();
    process.on('message', onMessage);
    process.send!(STOPPED_ACCEPTING);
  });
}
