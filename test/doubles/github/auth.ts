// Who is calling and what they may do. GitHub hides resources a caller cannot read (404)
// and refuses writes to resources they can read (403); the helpers keep that distinction.
import { ApiError, notFound } from './errors.ts';
import {
  type DoubleState,
  findOrg,
  type OrgRecord,
  type Permission,
  type RepoRecord,
  type TokenKind,
} from './state.ts';

export interface Identity {
  token: string;
  login: string;
  kind: TokenKind;
  readOnly: boolean;
  installationId?: number;
}

const JWT_SHAPE = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;

export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  return m?.[1];
}

/** An App's client id and secret, sent as Basic auth to the /applications/{client_id} API. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export function basicFromHeader(header: string | undefined): ClientCredentials | undefined {
  const m = /^basic\s+(\S+)$/i.exec(header?.trim() ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

// GitHub answers 401 unless the Basic credentials are the App's own client id and secret.
export function requireClientCredentials(
  state: DoubleState,
  basic: ClientCredentials | undefined,
): void {
  if (!basic) throw new ApiError(401, 'Requires authentication');
  const { clientId, clientSecret } = state.app;
  if (basic.clientId !== clientId || basic.clientSecret !== clientSecret) {
    throw new ApiError(401, 'Bad credentials');
  }
}

export function resolveIdentity(
  state: DoubleState,
  token: string | undefined,
  now: number,
): Identity | undefined {
  if (!token) return undefined;
  // Any JWT-looking bearer is taken as the app's own credential; signatures are not checked.
  if (JWT_SHAPE.test(token)) {
    return { token, login: `${state.app.slug}[bot]`, kind: 'app', readOnly: false };
  }
  const record = state.tokens[token];
  if (!record) throw new ApiError(401, 'Bad credentials');
  if (record.expiresAt !== undefined && record.expiresAt <= now) {
    throw new ApiError(401, 'Bad credentials');
  }
  const identity: Identity = {
    token,
    login: record.login,
    kind: record.kind,
    readOnly: Boolean(record.readOnly),
  };
  if (record.installationId !== undefined) identity.installationId = record.installationId;
  return identity;
}

export function requireIdentity(identity: Identity | undefined): Identity {
  if (!identity) throw new ApiError(401, 'Requires authentication');
  if (identity.kind === 'app') {
    throw new ApiError(403, 'A JSON web token cannot be used to access this resource');
  }
  return identity;
}

export function requireApp(identity: Identity | undefined): Identity {
  if (!identity) throw new ApiError(401, 'Requires authentication');
  if (identity.kind !== 'app') {
    throw new ApiError(401, 'A JSON web token could not be decoded');
  }
  return identity;
}

function installedOn(state: DoubleState, identity: Identity, org: string): boolean {
  if (identity.installationId === undefined) return false;
  return state.installations[identity.installationId]?.org.toLowerCase() === org.toLowerCase();
}

export function orgRole(
  state: DoubleState,
  identity: Identity,
  org: OrgRecord,
): 'owner' | 'security-manager' | 'member' | 'installation' | undefined {
  if (identity.kind === 'installation') {
    return installedOn(state, identity, org.login) ? 'installation' : undefined;
  }
  const role = org.members[identity.login];
  if (role === 'admin') return 'owner';
  if (org.securityManagers.includes(identity.login)) return 'security-manager';
  return role ? 'member' : undefined;
}

const RANK: Record<Permission, number> = { read: 1, write: 2, admin: 3 };

export function repoPermission(
  state: DoubleState,
  identity: Identity,
  repo: RepoRecord,
): Permission | undefined {
  const org = findOrg(state, repo.repo.owner.login);
  if (identity.kind === 'installation') {
    if (!org || !installedOn(state, identity, org.login)) return undefined;
    return identity.readOnly ? 'read' : 'write';
  }
  const candidates: Permission[] = [];
  const explicit = repo.permissions[identity.login];
  if (explicit) candidates.push(explicit);
  if (org?.members[identity.login] === 'admin') candidates.push('admin');
  // Security managers can read and manage security alerts in every repository.
  if (org?.securityManagers.includes(identity.login)) candidates.push('write');
  return candidates.sort((a, b) => RANK[b] - RANK[a])[0];
}

// 404 when the caller cannot see the repository at all, 403 when they see it but lack `need`.
export function requireRepoAccess(
  state: DoubleState,
  identity: Identity,
  repo: RepoRecord,
  need: Permission,
): void {
  const have = repoPermission(state, identity, repo);
  if (!have) throw notFound();
  if (need !== 'read' && identity.readOnly) {
    throw new ApiError(403, 'Resource not accessible by integration');
  }
  if (RANK[have] < RANK[need]) {
    throw new ApiError(403, `You must have ${need} access to this repository.`);
  }
}

export function hasRepoAccess(
  state: DoubleState,
  login: string,
  repo: RepoRecord,
  need: Permission,
): boolean {
  const have = repoPermission(state, { token: '', login, kind: 'user', readOnly: false }, repo);
  return have !== undefined && RANK[have] >= RANK[need];
}

// Campaigns and org-wide alert lists need an owner, a security manager or the installation.
export function requireSecurityRole(
  state: DoubleState,
  identity: Identity,
  org: OrgRecord,
  write: boolean,
): void {
  const role = orgRole(state, identity, org);
  if (!role) throw notFound();
  if (role === 'member') {
    throw new ApiError(403, 'You must be an organization owner or security manager.');
  }
  if (write && identity.readOnly) throw new ApiError(403, 'Resource not accessible by integration');
}
