// A tiny logger for the relay: lifecycle and counts only — never topics, frame contents or addresses.

export interface RelayLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Writes one line per message to stderr (or to `write`), so stdout stays free for tools. */
export function createLog(write: (line: string) => void = (line) => process.stderr.write(line)): RelayLog {
  return {
    info: (message) => write(`${message}\n`),
    warn: (message) => write(`Warning: ${message}\n`),
    error: (message) => write(`Error: ${message}\n`),
  };
}

/** For tests and for hosts (the desktop app) that show relay state in their own way. */
export const silentLog: RelayLog = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
