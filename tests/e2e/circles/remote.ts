// Calls the circles test page's window API from Node, typed by its contract.
import type { Page } from '@playwright/test';
import type { CirclesPageApi } from './page/contract';

type Method = keyof CirclesPageApi;
type Result<K extends Method> = Awaited<ReturnType<CirclesPageApi[K]>>;

export async function call<K extends Method>(page: Page, name: K, ...args: Parameters<CirclesPageApi[K]>): Promise<Result<K>> {
  const result: unknown = await page.evaluate(
    async ({ name: method, args: callArgs }) => {
      const api = window.hearthCircles;
      if (api === undefined) throw new Error('the circles test page is not ready');
      const fn = api[method] as (...values: unknown[]) => unknown;
      return await fn.apply(api, callArgs);
    },
    { name, args: [...args] as unknown[] },
  );
  // The page's contract says what each method returns; the value crossed as JSON.
  return result as Result<K>;
}
