// One way to start Debian's chromium for the browser tests: headless, with the background
// networking that this closed machine refuses turned off. A test that cannot start it is skipped
// with the reason, never failed for it.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The browser, or why it could not be started (with what to do about it). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<{ browser: Browser } | { skip: string }> {
  try {
    return { browser: await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs], timeout: 30_000 }) };
  } catch (err) {
    return {
      skip: `chromium could not be launched from ${CHROMIUM} (${(err as Error).message.split('\n')[0]}); install it with "apt-get install -y chromium"`,
    };
  }
}
