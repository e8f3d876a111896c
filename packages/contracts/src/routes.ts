/**
 * Every API operation, declared once: method, path, schemas. The server registers handlers against these keys
 * (validation, serialisation and the OpenAPI document come from here); the web client derives its types from them.
 */
import { type Static, type TSchema, Type } from 'typebox';
import { ApiToken, ApiTokenList, ChangePasswordBody, CreatedToken, CreateTokenBody, LoginBody, Me, UpdateMeBody } from './auth';
import { AuditEvent, AuditListQuery, AuditPage, AuditVerifyResult, Backup, BackupList, BackupName } from './audit';
import { IdParams, VersionBody } from './common';
import {
  CreatedUser,
  CreateUnitBody,
  CreateUserBody,
  DeleteUnitQuery,
  MoveUnitBody,
  ResetPasswordResult,
  RoleMatrix,
  SetRolesBody,
  SetStatusBody,
  Unit,
  UnitList,
  UnitListQuery,
  UnitTreeQuery,
  UpdateUnitBody,
  UpdateUserBody,
  User,
  UserListQuery,
  UserPage,
} from './org';
import type { Permission } from './permissions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: 'auth' | 'org' | 'tokens' | 'audit' | 'system';
  /** `public`: no sign-in needed. Otherwise a session or an API token is required. */
  auth: 'public' | 'user';
  /** The permission the route needs at all (scope is checked per object); null: any signed-in user. */
  permission: Permission | null;
  /** Reachable while the user must still change the password. */
  allowedBeforePasswordChange?: boolean;
  /** Not allowed with an API token (session only). */
  sessionOnly?: boolean;
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** Success status and body schema (null: no body). */
  status: 200 | 201 | 204;
  response: TSchema | null;
  /** Binary download; the response schema is not used. */
  download?: boolean;
}

const NoContent = null;
const NoQuery = Type.Object({}, { additionalProperties: false });

export const routes = {
  login: {
    method: 'POST', path: '/api/v1/auth/login', summary: 'Sign in with user name and password', tag: 'auth',
    auth: 'public', permission: null, body: LoginBody, status: 200, response: Me,
  },
  logout: {
    method: 'POST', path: '/api/v1/auth/logout', summary: 'Sign out of this session', tag: 'auth',
    auth: 'user', permission: null, allowedBeforePasswordChange: true, sessionOnly: true, status: 204, response: NoContent,
  },
  logoutEverywhere: {
    method: 'POST', path: '/api/v1/auth/logout-everywhere', summary: 'Sign out of every session of mine', tag: 'auth',
    auth: 'user', permission: null, allowedBeforePasswordChange: true, sessionOnly: true, status: 204, response: NoContent,
  },
  changePassword: {
    method: 'POST', path: '/api/v1/auth/password', summary: 'Change my password (other sessions are signed out)', tag: 'auth',
    auth: 'user', permission: null, allowedBeforePasswordChange: true, sessionOnly: true, body: ChangePasswordBody,
    status: 200, response: Me,
  },
  me: {
    method: 'GET', path: '/api/v1/me', summary: 'Who am I: account, unit, roles, permissions', tag: 'auth',
    auth: 'user', permission: null, allowedBeforePasswordChange: true, status: 200, response: Me,
  },
  updateMe: {
    method: 'PATCH', path: '/api/v1/me', summary: 'Update my display name or language', tag: 'auth',
    auth: 'user', permission: null, sessionOnly: true, body: UpdateMeBody, status: 200, response: Me,
  },

  listUnits: {
    method: 'GET', path: '/api/v1/units', summary: 'List units (paged, filtered)', tag: 'org',
    auth: 'user', permission: 'unit.read', query: UnitListQuery, status: 200, response: UnitList,
  },
  unitTree: {
    method: 'GET', path: '/api/v1/units/tree', summary: 'The whole unit tree as a flat list ordered for display', tag: 'org',
    auth: 'user', permission: 'unit.read', query: UnitTreeQuery, status: 200, response: UnitList,
  },
  getUnit: {
    method: 'GET', path: '/api/v1/units/:id', summary: 'One unit', tag: 'org',
    auth: 'user', permission: 'unit.read', params: IdParams, status: 200, response: Unit,
  },
  createUnit: {
    method: 'POST', path: '/api/v1/units', summary: 'Create a unit', tag: 'org',
    auth: 'user', permission: 'unit.write', body: CreateUnitBody, status: 201, response: Unit,
  },
  updateUnit: {
    method: 'PATCH', path: '/api/v1/units/:id', summary: 'Edit a unit', tag: 'org',
    auth: 'user', permission: 'unit.write', params: IdParams, body: UpdateUnitBody, status: 200, response: Unit,
  },
  moveUnit: {
    method: 'POST', path: '/api/v1/units/:id/move', summary: 'Move a unit (with its sub-units) under another parent', tag: 'org',
    auth: 'user', permission: 'unit.write', params: IdParams, body: MoveUnitBody, status: 200, response: Unit,
  },
  deactivateUnit: {
    method: 'POST', path: '/api/v1/units/:id/deactivate', summary: 'Deactivate a unit', tag: 'org',
    auth: 'user', permission: 'unit.write', params: IdParams, body: VersionBody, status: 200, response: Unit,
  },
  activateUnit: {
    method: 'POST', path: '/api/v1/units/:id/activate', summary: 'Re-activate a unit', tag: 'org',
    auth: 'user', permission: 'unit.write', params: IdParams, body: VersionBody, status: 200, response: Unit,
  },
  deleteUnit: {
    method: 'DELETE', path: '/api/v1/units/:id', summary: 'Delete a unit nothing refers to', tag: 'org',
    auth: 'user', permission: 'unit.write', params: IdParams, query: DeleteUnitQuery, status: 204, response: NoContent,
  },

  listUsers: {
    method: 'GET', path: '/api/v1/users', summary: 'List users in my scope (paged, filtered)', tag: 'org',
    auth: 'user', permission: 'user.read', query: UserListQuery, status: 200, response: UserPage,
  },
  getUser: {
    method: 'GET', path: '/api/v1/users/:id', summary: 'One user', tag: 'org',
    auth: 'user', permission: 'user.read', params: IdParams, status: 200, response: User,
  },
  createUser: {
    method: 'POST', path: '/api/v1/users', summary: 'Create a user in a unit; returns a temporary password once', tag: 'org',
    auth: 'user', permission: 'user.write', body: CreateUserBody, status: 201, response: CreatedUser,
  },
  updateUser: {
    method: 'PATCH', path: '/api/v1/users/:id', summary: "Edit a user's name, unit or contacts", tag: 'org',
    auth: 'user', permission: 'user.write', params: IdParams, body: UpdateUserBody, status: 200, response: User,
  },
  setUserRoles: {
    method: 'PUT', path: '/api/v1/users/:id/roles', summary: "Set a user's roles", tag: 'org',
    auth: 'user', permission: 'user.grant', params: IdParams, body: SetRolesBody, status: 200, response: User,
  },
  setUserStatus: {
    method: 'POST', path: '/api/v1/users/:id/status', summary: 'Activate, lock or disable a user', tag: 'org',
    auth: 'user', permission: 'user.write', params: IdParams, body: SetStatusBody, status: 200, response: User,
  },
  resetUserPassword: {
    method: 'POST', path: '/api/v1/users/:id/reset-password', summary: 'Reset a password; returns a temporary one once', tag: 'org',
    auth: 'user', permission: 'user.reset_password', params: IdParams, body: VersionBody, status: 200,
    response: ResetPasswordResult,
  },
  revokeUserSessions: {
    method: 'POST', path: '/api/v1/users/:id/revoke-sessions', summary: "Sign a user out everywhere", tag: 'org',
    auth: 'user', permission: 'user.write', params: IdParams, status: 204, response: NoContent,
  },
  roleMatrix: {
    method: 'GET', path: '/api/v1/roles', summary: 'The permission matrix (read-only)', tag: 'org',
    auth: 'user', permission: 'role.read', status: 200, response: RoleMatrix,
  },

  listTokens: {
    method: 'GET', path: '/api/v1/tokens', summary: 'My API tokens', tag: 'tokens',
    auth: 'user', permission: 'token.manage', sessionOnly: true, status: 200, response: ApiTokenList,
  },
  createToken: {
    method: 'POST', path: '/api/v1/tokens', summary: 'Create an API token; the secret is shown once', tag: 'tokens',
    auth: 'user', permission: 'token.manage', sessionOnly: true, body: CreateTokenBody, status: 201, response: CreatedToken,
  },
  revokeToken: {
    method: 'DELETE', path: '/api/v1/tokens/:id', summary: 'Revoke one of my API tokens', tag: 'tokens',
    auth: 'user', permission: 'token.manage', sessionOnly: true, params: IdParams, status: 200, response: ApiToken,
  },

  listAudit: {
    method: 'GET', path: '/api/v1/audit-events', summary: 'Audit events in my scope (paged, filtered)', tag: 'audit',
    auth: 'user', permission: 'audit.read', query: AuditListQuery, status: 200, response: AuditPage,
  },
  getAudit: {
    method: 'GET', path: '/api/v1/audit-events/:id', summary: 'One audit event', tag: 'audit', auth: 'user',
    permission: 'audit.read', params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) }, { additionalProperties: false }),
    status: 200, response: AuditEvent,
  },
  verifyAudit: {
    method: 'POST', path: '/api/v1/audit-events/verify', summary: 'Recompute the hash chain', tag: 'audit',
    auth: 'user', permission: 'audit.verify', status: 200, response: AuditVerifyResult,
  },

  listBackups: {
    method: 'GET', path: '/api/v1/system/backups', summary: 'Backups taken by the server', tag: 'system',
    auth: 'user', permission: 'system.backup', status: 200, response: BackupList,
  },
  createBackup: {
    method: 'POST', path: '/api/v1/system/backups', summary: 'Take a backup now (server keeps running)', tag: 'system',
    auth: 'user', permission: 'system.backup', status: 201, response: Backup,
  },
  downloadBackup: {
    method: 'GET', path: '/api/v1/system/backups/:name', summary: 'Download a backup', tag: 'system',
    auth: 'user', permission: 'system.backup', sessionOnly: true, params: BackupName, status: 200, response: null, download: true,
  },
} as const satisfies Record<string, RouteDef>;

export type RouteKey = keyof typeof routes;
type R = typeof routes;
type S<T> = T extends TSchema ? Static<T> : undefined;
export type RouteBody<K extends RouteKey> = R[K] extends { body: infer B } ? S<B> : undefined;
export type RouteQuery<K extends RouteKey> = R[K] extends { query: infer Q } ? S<Q> : undefined;
export type RouteParams<K extends RouteKey> = R[K] extends { params: infer P } ? S<P> : undefined;
export type RouteResponse<K extends RouteKey> = R[K]['response'] extends TSchema ? Static<R[K]['response']> : undefined;
export { NoQuery };
