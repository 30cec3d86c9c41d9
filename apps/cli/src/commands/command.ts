import type { INestApplicationContext } from '@nestjs/common';
import type { ParseArgsConfig } from 'node:util';
import type { AppConfig } from '@leadgate/config';

/** Where a command writes: results on out, progress and diagnostics on err. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** For the progress bar, which draws on a stream. */
  errStream: NodeJS.WritableStream;
}

export interface CommandContext {
  io: CliIo;
  config: AppConfig;
  /** The Nest application context, created (and migrated) on first use. */
  app(): Promise<INestApplicationContext>;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface Command {
  name: string;
  summary: string;
  /** The options line of the usage, e.g. "--email <email> --password <password> [--name <name>]". */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to an exit code when the command finished but something in it was refused (else 0). */
  run(values: OptionValues, ctx: CommandContext): Promise<number | void>;
}

/** The import finished, but refused some rows (listed, and in the --report file). */
export const EXIT_ROWS_REJECTED = 3;

/** Wrong or missing arguments: the command's usage is printed and the exit code is 2. */
export class UsageError extends Error {}

export function requiredString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value.trim();
}
