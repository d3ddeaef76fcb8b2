import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  capaClosePermission,
  capaReadPermission,
  capaUpdatePermission,
} from '@internal/backstage-plugin-capa-common';
import { CarePlatformPermissionPolicy } from './permissionPolicy';

function userOf(userEntityRef: string): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef] },
  };
}

describe('CarePlatformPermissionPolicy', () => {
  const policy = new CarePlatformPermissionPolicy({
    userInfo: mockServices.userInfo({
      ownershipEntityRefs: ['user:default/guest', 'group:default/quality'],
    }),
    qualityGroupRef: 'group:default/quality',
  });
  const catalogRead = {
    permission: {
      type: 'basic' as const,
      name: 'catalog.entity.read',
      attributes: { action: 'read' as const },
    },
  };

  it('lets a signed-in user do what is not capa', async () => {
    expect(
      await policy.handle(catalogRead, userOf('user:default/guest')),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('denies everything when nobody is signed in', async () => {
    expect(await policy.handle(catalogRead)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: capaReadPermission })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets the quality group close and change any CAPA', async () => {
    const guest = userOf('user:default/guest');
    expect(
      await policy.handle({ permission: capaClosePermission }, guest),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await policy.handle({ permission: capaUpdatePermission }, guest),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets others change only what they own, and never close', async () => {
    const outsider = new CarePlatformPermissionPolicy({
      userInfo: mockServices.userInfo({
        ownershipEntityRefs: ['user:default/eva.smit', 'group:default/support'],
      }),
      qualityGroupRef: 'group:default/quality',
    });
    const eva = userOf('user:default/eva.smit');
    expect(
      await outsider.handle({ permission: capaClosePermission }, eva),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(
      await outsider.handle({ permission: capaUpdatePermission }, eva),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'capa',
      resourceType: 'capa-record',
      conditions: {
        rule: 'IS_OWNER',
        resourceType: 'capa-record',
        params: { claims: ['user:default/eva.smit', 'group:default/support'] },
      },
    });
  });
});
