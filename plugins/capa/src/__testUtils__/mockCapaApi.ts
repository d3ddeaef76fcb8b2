import { CapaApi } from '../api';
import {
  actionFixture,
  capaFixture,
  postmortemFixture,
  reviewFixture,
} from './fixtures';

/**
 * A CapaApi of jest mocks answering with the fixtures; pass overrides for
 * what a test is about.
 */
export function mockCapaApi(
  overrides: Partial<CapaApi> = {},
): jest.Mocked<CapaApi> {
  return {
    getInstallationInfo: jest.fn().mockResolvedValue({
      timeZone: 'Europe/Amsterdam',
      today: '2026-11-22',
      dueSoonDays: 7,
    }),
    getOverdueCheckStatus: jest
      .fn()
      .mockResolvedValue({ now: '2026-11-22T10:03:00.000Z' }),
    listPostmortems: jest
      .fn()
      .mockResolvedValue({ items: [postmortemFixture] }),
    getPostmortem: jest.fn().mockResolvedValue(postmortemFixture),
    createPostmortem: jest.fn().mockResolvedValue(postmortemFixture),
    updatePostmortem: jest.fn().mockResolvedValue(postmortemFixture),
    setPostmortemStatus: jest.fn().mockResolvedValue(postmortemFixture),
    listCapas: jest.fn().mockResolvedValue({ items: [capaFixture] }),
    getCapa: jest.fn().mockResolvedValue(capaFixture),
    createCapa: jest.fn().mockResolvedValue(capaFixture),
    updateCapa: jest.fn().mockResolvedValue(capaFixture),
    transitionCapa: jest.fn().mockResolvedValue(capaFixture),
    listActions: jest.fn().mockResolvedValue({ items: [actionFixture] }),
    getAction: jest.fn().mockResolvedValue(actionFixture),
    getActionSummary: jest.fn().mockResolvedValue({
      open: 2,
      overdue: 1,
      dueSoon: 1,
      closedThisQuarter: 1,
    }),
    createAction: jest.fn().mockResolvedValue(actionFixture),
    updateAction: jest.fn().mockResolvedValue(actionFixture),
    transitionAction: jest.fn().mockResolvedValue(actionFixture),
    getHistory: jest.fn().mockResolvedValue({ items: [] }),
    getReview: jest.fn().mockResolvedValue(reviewFixture),
    ...overrides,
  } as jest.Mocked<CapaApi>;
}
