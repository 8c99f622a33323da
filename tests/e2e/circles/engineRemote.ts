// Calls the circles engine test page's window.hearthEngine from Node, typed by its contract.
import type { Page } from '@playwright/test';
import type { EnginePageApi } from './page/engineContract';

type Method = keyof EnginePageApi;
type Result<K extends Method> = Awaited<ReturnType<EnginePageApi[K]>>;

export async function engine<K extends Method>(page: Page, name: K, ...args: Parameters<EnginePageApi[K]>): Promise<Result<K>> {
  const result: unknown = await page.evaluate(
    async ({ name: method, args: callArgs }) => {
      const api = window.hearthEngine;
      if (api === undefined) throw new Error('the circles engine test page is not ready');
      const fn = api[method] as (...values: unknown[]) => unknown;
      return await fn.apply(api, callArgs);
    },
    { name, args: [...args] as unknown[] },
  );
  // The page's contract says what each method returns; the value crossed as JSON.
  return result as Result<K>;
}

/** The value of an engine outcome, or a failure that names the step and the engine's own message. */
export function valueOf<T>(step: string, outcome: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string }): T {
  if (!outcome.ok) throw new Error(`${step}: the engine refused: ${outcome.message}`);
  return outcome.value;
}
