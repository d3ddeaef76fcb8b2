import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/**
 * Normalises a catalog entity reference to its full lower-case form
 * (`component:default/clinical-engine`), so that stored refs compare equal
 * however a client spelled them. A ref without a kind is refused: a bare name
 * could be a component, a system or a group.
 *
 * @public
 */
export function normalizeEntityRef(ref: string): string {
  const parsed = parseEntityRef(ref, { defaultNamespace: 'default' });
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/**
 * Zod schema of an entity reference; parses to the normalised form.
 *
 * @public
 */
export const entityRefSchema = z
  .string()
  .max(255)
  .transform((value, ctx) => {
    try {
      return normalizeEntityRef(value);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `'${value}' is not an entity reference like component:default/clinical-engine`,
      });
      return z.NEVER;
    }
  });

/**
 * Zod schema of a list of entity refs, normalised, without duplicates and
 * sorted, so that two spellings of the same links compare equal.
 *
 * @public
 */
export function entityRefListSchema(max: number) {
  return z
    .array(entityRefSchema)
    .max(max)
    .transform(refs => [...new Set(refs)].sort());
}
