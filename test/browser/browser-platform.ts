import type { Browser } from 'puppeteer-core';
import { startPlatform, type Platform } from '../e2e/platform';
import { launch } from './browser';
import { ensureWebConsole } from './console-build';

/** The whole platform, its built console and a Chromium, for one browser test file. */
export interface BrowserPlatform {
  platform: Platform;
  browser: Browser;
}

export async function startBrowserPlatform(): Promise<BrowserPlatform> {
  ensureWebConsole();
  const platform = await startPlatform();
  return { platform, browser: await launch() };
}

export async function stopBrowserPlatform(running: Partial<BrowserPlatform>): Promise<void> {
  await running.browser?.close();
  await running.platform?.stop();
}
