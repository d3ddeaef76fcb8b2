import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { testEntities } from '../__testUtils__/testServices';
import { CatalogLookup } from './CatalogLookup';

describe('CatalogLookup', () => {
  it('resolves "mine" through the catalog, asking it again only after a minute', async () => {
    const catalog = catalogServiceMock({ entities: testEntities });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    let now = 1_000_000;
    const lookup = new CatalogLookup(catalog, () => now);
    const anna = mockCredentials.user('user:default/anna.devries');

    const mine = await lookup.ownershipOf(anna, []);
    expect(mine).toEqual([
      'user:default/anna.devries',
      'group:default/platform-circle',
    ]);
    await lookup.ownershipOf(anna, []);
    expect(getEntities).toHaveBeenCalledTimes(1);

    now += 61_000;
    await lookup.ownershipOf(anna, []);
    expect(getEntities).toHaveBeenCalledTimes(2);
  });

  it('refuses unknown entities and owners that are not users or groups, naming them', async () => {
    const lookup = new CatalogLookup(
      catalogServiceMock({ entities: testEntities }),
    );
    const credentials = mockCredentials.user();
    await expect(
      lookup.assertEntitiesExist(
        ['component:default/vitals', 'component:default/ghost'],
        credentials,
        'entityRefs',
      ),
    ).rejects.toThrow(
      "entityRefs: unknown catalog entity 'component:default/ghost'",
    );
    await expect(
      lookup.assertOwner('component:default/vitals', credentials, 'ownerRef'),
    ).rejects.toThrow(/an owner is a user or a group/);
  });

  it('counts a system with its parts, and a vanished entity as itself', async () => {
    const lookup = new CatalogLookup(
      catalogServiceMock({ entities: testEntities }),
    );
    const credentials = mockCredentials.user();
    expect(
      await lookup.scopeOf('system:default/care-platform', credentials),
    ).toEqual([
      'system:default/care-platform',
      'component:default/clinical-engine',
      'component:default/vitals',
    ]);
    expect(await lookup.scopeOf('system:default/gone', credentials)).toEqual([
      'system:default/gone',
    ]);
  });
});
