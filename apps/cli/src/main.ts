// Operator commands (create-admin, create-token, migrate, import-leads, seed-demo); see cli.ts.
import { Logger } from '@nestjs/common';
import { runCli } from './cli';

// Commands print their own results; framework chatter would bury them.
Logger.overrideLogger(['error', 'warn']);

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Should a library leave a handle open, still exit once output has had time to flush.
  setTimeout(() => process.exit(code), 2000).unref();
});
