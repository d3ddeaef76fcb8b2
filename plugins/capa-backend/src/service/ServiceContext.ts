import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CapaStore } from '../database/CapaStore';
import { AccessControl } from './AccessControl';
import { CatalogLookup } from './CatalogLookup';
import { DueDates } from './DueDates';

/** What every CAPA service works with. */
export type ServiceContext = {
  store: CapaStore;
  catalog: CatalogLookup;
  access: AccessControl;
  dueDates: DueDates;
  userInfo: UserInfoService;
  /** Whether a CAPA closes only when all its actions are done or not doing. */
  closeRequiresActionsFinished: boolean;
};

/** Credentials of a signed-in user: every write has one as its actor. */
export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;
