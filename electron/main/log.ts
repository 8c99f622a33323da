// A tiny main-process logger: one line per event on stderr, silenced by HEARTH_LOG=silent or by tests.
export type LogLevel = 'info' | 'warn' | 'error';

export type LogSink = (level: LogLevel, scope: string, message: string, detail?: unknown) => void;

const writeToStderr: LogSink = (level, scope, message, detail) => {
  const suffix = detail === undefined ? '' : ` ${describe(detail)}`;
  process.stderr.write(`${new Date().toISOString()} ${level.padEnd(5)} [${scope}] ${message}${suffix}\n`);
};

const silent: LogSink = () => undefined;

let sink: LogSink = process.env.HEARTH_LOG === 'silent' ? silent : writeToStderr;

/** Replaces where log lines go (tests capture or silence them); returns the previous sink. */
export function setLogSink(next: LogSink | null): LogSink {
  const previous = sink;
  sink = next ?? silent;
  return previous;
}

export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export function createLogger(scope: string): Logger {
  return {
    info: (message, detail) => sink('info', scope, message, detail),
    warn: (message, detail) => sink('warn', scope, message, detail),
    error: (message, detail) => sink('error', scope, message, detail),
  };
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch (error) {
    // Circular or otherwise unserialisable detail: say so rather than lose the log line.
    return `(unprintable detail: ${error instanceof Error ? error.message : 'unknown'})`;
  }
}
