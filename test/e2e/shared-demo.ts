import { inject } from "vitest";
import type { SharedDemoUrls } from "../support/shared-demo-setup";

/**
 * The demo the Collections browser tests share (test/support/shared-demo-setup.ts), started by
 * the first file that asks: its Collections URL and where the app and the local Shopify answer.
 * Stopped by Vitest at the end of the run, not by the file.
 */
export async function sharedDemo(): Promise<SharedDemoUrls> {
  const response = await fetch(`${inject("sharedDemoBroker")}/demo`);
  if (!response.ok) throw new Error(`the shared demo did not start: ${await response.text()}`);
  return (await response.json()) as SharedDemoUrls;
}
