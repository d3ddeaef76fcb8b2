import path from 'node:path';

/** The repository's root folder. */
export const repoRoot = path.resolve(__dirname, '../../..');

/** Git-ignored scratch folder of the end-to-end tests. */
export const scratchDir = path.join(repoRoot, 'test/e2e/.tmp');

/** Git-ignored folder where the tests save screenshots to look at. */
export const screenshotDir = path.join(repoRoot, 'test/e2e/screenshots');
