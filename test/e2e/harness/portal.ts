import { ChildProcess, spawn } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { repoRoot, scratchDir } from './paths';

/** A running Backstage app and backend, started by a test. */
export type Portal = {
  appUrl: string;
  backendUrl: string;
  logFile: string;
  stop(): Promise<void>;
};

function portInUse(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  logFile: string,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) {
      return;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  const log = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
  throw new Error(
    `${what} not ready after ${timeoutMs / 1000}s; log tail:\n${log}`,
  );
}

/**
 * Starts the real app and backend (the dev servers of `yarn start`) on their
 * own ports, with a fresh SQLite folder and the demo catalog, so a test never
 * touches a developer's running portal or data.
 */
export async function startPortal(options: {
  appPort: number;
  backendPort: number;
}): Promise<Portal> {
  const { appPort, backendPort } = options;
  for (const port of [appPort, backendPort]) {
    if (await portInUse(port)) {
      throw new Error(
        `Port ${port} is already in use; stop whatever runs there`,
      );
    }
  }

  const runDir = path.join(scratchDir, `portal-${backendPort}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const appUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const configFile = path.join(runDir, 'app-config.e2e.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: appUrl },
      backend: {
        baseUrl: backendUrl,
        listen: { port: backendPort },
        cors: { origin: appUrl },
        database: {
          client: 'better-sqlite3',
          connection: { directory: path.join(runDir, 'sqlite') },
        },
      },
      catalog: {
        locations: [
          { type: 'file', target: path.join(repoRoot, 'catalog-info.yaml') },
        ],
      },
    }),
  );

  const logFile = path.join(runDir, 'portal.log');
  const log = createWriteStream(logFile);
  // Its own process group, so stop() can end the dev servers and every child.
  const child: ChildProcess = spawn(
    path.join(repoRoot, 'node_modules/.bin/backstage-cli'),
    [
      'repo',
      'start',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BROWSER: 'none' },
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>(r => setTimeout(() => r(false), 15_000)),
      ]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    // Children can outlive the leader for a moment; wait until the ports are free.
    await waitFor(
      'port release',
      async () =>
        !(await portInUse(appPort)) && !(await portInUse(backendPort)),
      20_000,
      logFile,
    );
  };
  process.once('exit', () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  try {
    await waitFor(
      'backend',
      async () => (await fetch(`${backendUrl}/api/capa/health`)).ok,
      240_000,
      logFile,
    );
    await waitFor(
      'app',
      async () => (await fetch(appUrl)).ok,
      240_000,
      logFile,
    );
    // A fresh database starts with an empty catalog; the demo entities arrive
    // with the first processing round.
    await waitFor(
      'demo catalog',
      async () => {
        const token = await guestToken(backendUrl);
        const entity = await fetch(
          `${backendUrl}/api/catalog/entities/by-name/component/default/clinical-engine`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        return entity.ok;
      },
      120_000,
      logFile,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { appUrl, backendUrl, logFile, stop };
}

/** A Backstage token of the guest user, as the app's sign-in gets one. */
export async function guestToken(backendUrl: string): Promise<string> {
  const response = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    throw new Error(
      `Guest sign-in failed: ${response.status} ${await response.text()}`,
    );
  }
  const body = (await response.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}
