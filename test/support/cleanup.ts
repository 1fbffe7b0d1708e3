// Cleanups registered by test helpers that start real processes; run once when mocha finishes.
const cleanups: (() => Promise<void>)[] = [];

export function onTestRunEnd(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

export async function runTestRunCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}
