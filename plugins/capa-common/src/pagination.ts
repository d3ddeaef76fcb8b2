import { z } from 'zod';

/**
 * The largest page any list returns; lists never return unbounded results.
 *
 * @public
 */
export const MAX_PAGE_SIZE = 100;

/**
 * The page size when a client asks for none.
 *
 * @public
 */
export const DEFAULT_PAGE_SIZE = 25;

/**
 * One page of a list. `nextCursor` is absent on the last page.
 *
 * @public
 */
export type Page<T> = {
  items: T[];
  nextCursor?: string;
};

/**
 * Zod schema of the paging part of a list query string.
 *
 * @public
 */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(500).optional(),
});
