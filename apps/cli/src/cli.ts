// The operator commands: argument parsing, help, one Nest context per run, and exit codes.
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { DomainError } from '@leadgate/common';
import { AppConfig, ConfigurationError, validateEnvironment } from '@leadgate/config';
import { EmbeddedDatabaseError } from '@leadgate/database';
import { CliModule } from './cli.module';
import { CliIo, Command, CommandContext, OptionValues, UsageError } from './commands/command';
import { createAdminCommand } from './commands/create-admin.command';
import { createTokenCommand } from './commands/create-token.command';
import { importLeadsCommand } from './commands/import-leads.command';
import { migrateCommand } from './commands/migrate.command';
import { seedDemoCommand } from './commands/seed-demo.command';
import { CsvFormatError, ImportStoppedError } from '@leadgate/intake';

export const COMMANDS: Command[] = [createAdminCommand, createTokenCommand, migrateCommand, importLeadsCommand, seedDemoCommand];

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliOptions {
  io?: CliIo;
  config?: AppConfig;
  /** An already open context (tests); otherwise one is created from CliModule and closed at the end. */
  context?: INestApplicationContext;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  errStream: process.stderr,
};

/** Runs one command line (without "node main.js") and returns the exit code; never throws. */
export async function runCli(argv: string[], options: CliOptions = {}): Promise<number> {
  const io = options.io ?? processIo;
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(generalHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${generalHelp()}`);
    return EXIT_USAGE;
  }

  let values: OptionValues;
  try {
    values = parseArgs({ args, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${commandHelp(command)}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.out(commandHelp(command));
    return EXIT_OK;
  }

  let opened: INestApplicationContext | undefined;
  try {
    const config = options.config ?? new AppConfig(validateEnvironment(process.env));
    const ctx: CommandContext = {
      io,
      config,
      app: async () => {
        if (options.context) return options.context;
        opened ??= await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
        return opened;
      },
    };
    return (await command.run(values, ctx)) ?? EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${commandHelp(command)}`);
      return EXIT_USAGE;
    }
    io.err(describeError(error));
    return EXIT_FAILED;
  } finally {
    await opened?.close();
  }
}

function describeError(error: unknown): string {
  if (error instanceof DomainError) {
    const fields = error.fields.map((f) => `  ${f.field}: ${f.problems.join(', ')}`);
    return [`Error: ${error.message}`, ...fields].join('\n');
  }
  if (error instanceof ConfigurationError || error instanceof EmbeddedDatabaseError || error instanceof CsvFormatError || error instanceof ImportStoppedError) return `Error: ${error.message}`;
  return `Error: ${error instanceof Error ? error.message : String(error)}`;
}

const DATABASE_NOTE = [
  'Database: DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR (default .data):',
  'the one the portal runs, or one started for the command and stopped after it.',
].join('\n');

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "npm run cli -- <command> --help" for a command\'s options.',
    DATABASE_NOTE,
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [`Usage: npm run cli -- ${command.name} ${command.usage}`.trimEnd(), '', command.summary + '.', '', DATABASE_NOTE].join('\n');
}
