import { QuarterlyReview } from '@internal/backstage-plugin-capa-common';
import { CapaStore } from '../database/CapaStore';
import { FixedClock } from '../__testUtils__/testServices';
import { DueDates } from './DueDates';
import { ReviewService } from './ReviewService';

describe('ReviewService', () => {
  function setup(review: jest.Mock) {
    let now = 0;
    const service = new ReviewService({
      store: { review } as unknown as CapaStore,
      dueDates: new DueDates(
        { timeZone: 'Europe/Amsterdam', dueSoonDays: 7 },
        new FixedClock(new Date('2026-11-22T10:00:00Z')),
      ),
      now: () => now,
    });
    return { service, advance: (ms: number) => (now += ms) };
  }

  it('computes a quarter once a minute, sharing one computation between concurrent readers', async () => {
    const review = jest.fn(
      async (quarter: string) => ({ quarter } as QuarterlyReview),
    );
    const { service, advance } = setup(review);
    await Promise.all([
      service.review('2024-Q1'),
      service.review('2024-Q1'),
      service.review(),
    ]);
    expect(review.mock.calls).toEqual([['2024-Q1'], ['2026-Q3']]);
    advance(59_000);
    await service.review('2024-Q1');
    expect(review).toHaveBeenCalledTimes(2);
    advance(2_000);
    await service.review('2024-Q1');
    expect(review).toHaveBeenCalledTimes(3);
  });

  it('does not keep a failed computation', async () => {
    const review = jest
      .fn()
      .mockRejectedValueOnce(new Error('database gone'))
      .mockResolvedValue({ quarter: '2024-Q1' });
    const { service } = setup(review);
    await expect(service.review('2024-Q1')).rejects.toThrow('database gone');
    await expect(service.review('2024-Q1')).resolves.toEqual({
      quarter: '2024-Q1',
    });
  });
});
