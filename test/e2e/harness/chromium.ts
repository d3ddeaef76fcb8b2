import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

const CHROMIUM = process.env.CAPA_E2E_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Installs Debian's Chromium when it is missing. Browser downloads by test
 * tools do not work on these machines; the distribution's package does.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) {
    return CHROMIUM;
  }
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args: string[]) => {
    const [command, ...rest] = [...asRoot, ...args];
    execFileSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  console.log(
    `Chromium not found at ${CHROMIUM}; installing Debian's chromium`,
  );
  try {
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  } catch {
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`apt-get ran but ${CHROMIUM} is still missing`);
  }
  return CHROMIUM;
}

/**
 * Headless Chromium without background networking. Playwright gives every
 * launch a fresh, temporary profile.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = ensureChromium();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  console.log(`Chromium ${browser.version()} from ${executablePath}`);
  return browser;
}
