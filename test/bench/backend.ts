import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../e2e/harness/paths';

/** A real backend started for the benchmark, and how to stop it. */
export type BenchBackend = { url: string; stop(): Promise<void> };

/**
 * Starts packages/backend (the same backend `yarn start` runs) with the
 * benchmark's config layered over app-config.yaml, in its own process group.
 */
export async function startBackend(
  configFile: string,
  logFile: string,
  port: number,
): Promise<BenchBackend> {
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    path.join(repoRoot, 'node_modules/.bin/backstage-cli'),
    [
      'package',
      'start',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(repoRoot, 'packages/backend'),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone already
      }
      await new Promise(r => setTimeout(r, 3000));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  };
  process.once('exit', () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${url}/api/capa/health`).then(
        r => r.ok,
        () => false,
      )
    ) {
      return { url, stop };
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  await stop();
  throw new Error(
    `backend did not start; log tail:\n${readFileSync(logFile, 'utf8').slice(
      -3000,
    )}`,
  );
}

/** A guest token: the guest is the benchmark user in the big group. */
export async function guestToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const body = (await response.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}

/** Waits until the catalog serves at least `count` entities. */
export async function waitForCatalog(
  url: string,
  token: string,
  count: number,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  while (Date.now() < deadline) {
    const response = await fetch(
      `${url}/api/catalog/entities/by-query?limit=1`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    if (response.ok) {
      seen = ((await response.json()) as { totalItems: number }).totalItems;
      if (seen >= count) {
        return seen;
      }
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(
    `the catalog served ${seen} of ${count} entities after ${
      timeoutMs / 1000
    } s`,
  );
}
