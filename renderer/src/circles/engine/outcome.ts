// The engine's answer to anything a person asks it to do: a value, or a message they can act on.
export type Outcome<T = undefined> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function done(): Outcome;
export function done<T>(value: T): Outcome<T>;
export function done<T>(value?: T): Outcome<T | undefined> {
  return { ok: true, value };
}

export function refuse(message: string): { readonly ok: false; readonly message: string } {
  return { ok: false, message };
}
