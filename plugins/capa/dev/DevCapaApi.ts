import { NotImplementedError } from '@backstage/errors';
import { CapaApi } from '../src/api';
import {
  actionFixture,
  capaFixture,
  postmortemFixture,
  reviewFixture,
} from '../src/__testUtils__/fixtures';

const notHere = async (): Promise<never> => {
  throw new NotImplementedError(
    'The dev harness stores nothing; run the real backend for writes',
  );
};

/** Reads from the fixtures; writes are refused, never faked. */
export class DevCapaApi implements CapaApi {
  getInstallationInfo = async () => ({
    timeZone: 'Europe/Amsterdam',
    today: '2026-11-22',
    dueSoonDays: 7,
  });
  getOverdueCheckStatus = async () => ({ now: new Date().toISOString() });
  listPostmortems = async () => ({ items: [postmortemFixture] });
  getPostmortem = async () => postmortemFixture;
  listCapas = async () => ({ items: [capaFixture] });
  getCapa = async () => capaFixture;
  listActions = async () => ({ items: [actionFixture] });
  getAction = async () => actionFixture;
  getActionSummary = async () => ({
    open: 1,
    overdue: 1,
    dueSoon: 0,
    closedThisQuarter: 0,
  });
  getHistory = async () => ({ items: [] });
  getReview = async () => reviewFixture;
  createPostmortem = notHere;
  updatePostmortem = notHere;
  setPostmortemStatus = notHere;
  createCapa = notHere;
  updateCapa = notHere;
  transitionCapa = notHere;
  createAction = notHere;
  updateAction = notHere;
  transitionAction = notHere;
}
