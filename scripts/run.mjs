#!/usr/bin/env node
// The README's two commands, on a machine with only Node and npm:
//
//   node scripts/run.mjs start   install, then start the portal on SQLite
//   node scripts/run.mjs test    install, then type check, lint, unit and
//                                store tests, and the browser test
//
// (`npm start` and `npm test` run the same.) Everything a newcomer would
// otherwise have to know about these machines is handled here.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUPPORTED_NODE = [20, 22, 24];

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

const major = Number(process.versions.node.split('.')[0]);
if (!SUPPORTED_NODE.includes(major)) {
  fail(
    `Node ${
      process.versions.node
    } is not supported; use Node ${SUPPORTED_NODE.join(', ')}`,
  );
}

const env = { ...process.env };
// Our own yarn first: no global yarn or corepack download needed.
env.PATH = `${path.join(root, 'scripts/bin')}${path.delimiter}${env.PATH}`;
// better-sqlite3 compiles from source here; node-gyp would try to download
// Node's headers, which the distribution already ships.
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node_version.h')) {
  env.npm_config_nodedir = '/usr';
}
// Where npm is set up for a private registry or a TLS-inspecting proxy, Yarn
// should reach the same registry the same way.
if (!env.NODE_EXTRA_CA_CERTS || !env.YARN_NPM_REGISTRY_SERVER) {
  const npmConfig = key => {
    try {
      const value = execFileSync('npm', ['config', 'get', key], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      return value && value !== 'null' && value !== 'undefined' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const cafile = env.NODE_EXTRA_CA_CERTS ? undefined : npmConfig('cafile');
  if (cafile && existsSync(cafile)) {
    env.NODE_EXTRA_CA_CERTS = cafile;
  }
  const registry = env.YARN_NPM_REGISTRY_SERVER ? undefined : npmConfig('registry');
  if (registry && !/^https:\/\/registry\.(npmjs\.org|yarnpkg\.com)\/?$/.test(registry)) {
    env.YARN_NPM_REGISTRY_SERVER = registry.replace(/\/$/, '');
  }
}
// Without a connection string, the test databases would try Docker.
env.BACKSTAGE_TEST_DISABLE_DOCKER ??= '1';

/** Runs a command, echoing its output; resolves with exit code and output. */
function run(command, args, extraEnv = {}) {
  console.log(`\n▶ ${[command, ...args].join(' ')}`);
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...env, ...extraEnv },
      stdio: ['inherit', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', chunk => {
        output += chunk;
        (stream === child.stdout ? process.stdout : process.stderr).write(
          chunk,
        );
      });
    }
    child.on('exit', (code, signal) =>
      resolve({ code: code ?? (signal ? 1 : 0), output }),
    );
  });
}

async function install() {
  const { code } = await run('yarn', ['install', '--immutable']);
  if (code !== 0) {
    fail('yarn install failed (see above)');
  }
}

/** Test counts from jest's and node's test runner summaries. */
function countTests(output) {
  // Strip colours so the summaries match.
  const text = output.replace(/\u001b\[[0-9;]*m/g, '');
  let passed = 0;
  let failed = 0;
  // Not anchored: stdout and stderr interleave, so a summary may not start a line.
  for (const match of text.matchAll(/Tests:\s+([^\n]*?) total/g)) {
    passed += Number(/(\d+) passed/.exec(match[1])?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(match[1])?.[1] ?? 0);
  }
  for (const match of text.matchAll(/^ℹ pass (\d+)$/gm))
    passed += Number(match[1]);
  for (const match of text.matchAll(/^ℹ (?:fail|cancelled) (\d+)$/gm))
    failed += Number(match[1]);
  return { passed, failed };
}

async function test() {
  await install();
  const steps = [
    ['type check', 'yarn', ['tsc']],
    ['lint', 'yarn', ['lint:all']],
    [
      'unit and store tests',
      'yarn',
      ['test:unit', '--verbose'],
      { CI: 'true' },
    ],
    ['browser test', 'yarn', ['test:e2e']],
  ];
  const results = [];
  for (const [name, command, args, extraEnv] of steps) {
    const started = Date.now();
    const { code, output } = await run(command, args, extraEnv);
    results.push({
      name,
      code,
      seconds: (Date.now() - started) / 1000,
      ...countTests(output),
    });
  }

  console.log('\nSummary');
  for (const r of results) {
    const counts =
      r.passed + r.failed > 0
        ? ` (${r.passed} passed, ${r.failed} failed)`
        : '';
    console.log(
      `  ${r.code === 0 ? '✔' : '✖'} ${r.name}${counts} in ${r.seconds.toFixed(
        0,
      )}s`,
    );
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  if (results.some(r => r.code !== 0)) {
    fail(
      `failed: ${results
        .filter(r => r.code !== 0)
        .map(r => r.name)
        .join(', ')}`,
    );
  }
}

async function start() {
  await install();
  const { code } = await run('yarn', ['start']);
  process.exit(code);
}

const commands = { start, test };
const command = commands[process.argv[2]];
if (!command) {
  fail('usage: node scripts/run.mjs start|test');
}
await command();
