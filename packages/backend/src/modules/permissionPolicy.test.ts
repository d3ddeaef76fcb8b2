import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { CarePlatformPermissionPolicy } from './permissionPolicy';

describe('CarePlatformPermissionPolicy', () => {
  const policy = new CarePlatformPermissionPolicy();
  const request = {
    permission: {
      type: 'basic' as const,
      name: 'catalog.entity.create',
      attributes: { action: 'create' as const },
    },
  };

  it('allows a signed-in user', async () => {
    const user = {
      identity: {
        type: 'user',
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs: ['user:default/guest', 'group:default/quality'],
      },
    } as unknown as PolicyQueryUser;
    expect(await policy.handle(request, user)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('denies when nobody is signed in', async () => {
    expect(await policy.handle(request)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
