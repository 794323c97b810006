// Secret scanning alerts. The raw `secret` is returned unless the caller asks for
// hide_secret=true, exactly so tests can catch code that forgets to ask.
import { hasRepoAccess, repoPermission, requireIdentity, requireSecurityRole } from '../auth.ts';
import { makeSecretLocation } from '../builders-alerts.ts';
import { simpleRepository, simpleUser } from '../builders-core.ts';
import { ApiError, notFound, validationFailed } from '../errors.ts';
import { type Checked, type Ctx, type HandlerTable, iso, sortBy } from '../handler-types.ts';
import {
  findOrg,
  findRepo,
  type GhSecretAlert,
  type Json,
  type RepoRecord,
  reposOfOrg,
} from '../state.ts';

// GitHub wants a repo admin, an org owner, a security manager or an installation here.
function repoFor(ctx: Ctx, write: boolean): RepoRecord {
  const identity = requireIdentity(ctx.identity);
  const repo = findRepo(ctx.state, ctx.path.owner, ctx.path.repo);
  if (!repo) throw notFound();
  const have = repoPermission(ctx.state, identity, repo);
  if (!have) throw notFound();
  const org = findOrg(ctx.state, repo.repo.owner.login);
  const privileged =
    identity.kind === 'installation' ||
    have === 'admin' ||
    Boolean(org?.securityManagers.includes(identity.login));
  if (!privileged) {
    if (!write) throw notFound();
    throw new ApiError(403, 'You must be a repository administrator to update secret alerts.');
  }
  if (write && identity.readOnly) throw new ApiError(403, 'Resource not accessible by integration');
  return repo;
}

function alertFor(repo: RepoRecord, number: number): GhSecretAlert {
  const alert = repo.secretAlerts.find((a) => a.number === number);
  if (!alert) throw notFound();
  return alert;
}

function csv(value: unknown): string[] | undefined {
  return typeof value === 'string' && value !== '' ? value.split(',') : undefined;
}

function matches(alert: GhSecretAlert, q: Record<string, Checked>): boolean {
  if (q.state && alert.state !== q.state) return false;
  const types = csv(q.secret_type);
  if (types && !types.includes(alert.secret_type as string)) return false;
  if (csv(q.exclude_secret_types)?.includes(alert.secret_type as string)) return false;
  const providers = csv(q.providers);
  if (providers && !providers.includes(alert.provider_slug as string)) return false;
  if (csv(q.exclude_providers)?.includes(alert.provider_slug as string)) return false;
  const resolutions = csv(q.resolution);
  if (resolutions && !resolutions.includes(alert.resolution as string)) return false;
  const validities = csv(q.validity);
  if (validities && !validities.includes(alert.validity as string)) return false;
  if (q.is_publicly_leaked === true && !alert.publicly_leaked) return false;
  if (q.is_multi_repo === true && !alert.multi_repo) return false;
  if (q.assignee) {
    const login = alert.assigned_to?.login;
    if (q.assignee === '*') return Boolean(login);
    if (q.assignee === 'none') return !login;
    if (login !== q.assignee) return false;
  }
  return true;
}

function view(alert: GhSecretAlert, q: Record<string, Checked>): Json {
  if (q.hide_secret !== true) return { ...alert };
  const { secret: _hidden, ...rest } = alert;
  return rest;
}

function sorted(alerts: GhSecretAlert[], q: Record<string, Checked>): GhSecretAlert[] {
  const key = q.sort === 'updated' ? 'updated_at' : 'created_at';
  const pad = (a: GhSecretAlert) => `${a[key]}#${String(a.number).padStart(8, '0')}`;
  return sortBy(alerts, pad, q.direction ?? 'desc');
}

function applyUpdate(ctx: Ctx, repo: RepoRecord, alert: GhSecretAlert): void {
  const body = ctx.body as Record<string, Checked>;
  const field = (name: string, why: string) => validationFailed('SecretScanningAlert', name, why);
  if (body.state === 'resolved' && !body.resolution) {
    throw field('resolution', 'A resolution is required when resolving an alert');
  }
  if (body.state !== 'resolved' && (body.resolution || body.resolution_comment)) {
    throw field('resolution', 'A resolution can only be given with state "resolved"');
  }
  if (body.state === 'resolved' && alert.state === 'resolved') {
    if (alert.resolution === body.resolution) {
      throw new ApiError(400, 'The resolution was not changed.');
    }
  }
  if ('assignee' in body) {
    if (body.assignee === null) alert.assigned_to = null;
    else {
      const user = ctx.state.users[body.assignee];
      if (!user || !hasRepoAccess(ctx.state, body.assignee, repo, 'write')) {
        throw field('assignee', `${body.assignee} does not have write access to the repository`);
      }
      alert.assigned_to = simpleUser(user);
    }
  }
  if ('validity' in body) alert.validity = body.validity ?? 'unknown';
  const actor = ctx.state.users[ctx.identity?.login ?? ''];
  if (body.state === 'resolved') {
    alert.state = 'resolved';
    alert.resolution = body.resolution;
    alert.resolution_comment = body.resolution_comment ?? null;
    alert.resolved_at = iso(ctx.now);
    alert.resolved_by = actor ? simpleUser(actor) : null;
  } else if (body.state === 'open') {
    alert.state = 'open';
    alert.resolution = null;
    alert.resolution_comment = null;
    alert.resolved_at = null;
    alert.resolved_by = null;
  }
  alert.updated_at = iso(ctx.now);
}

export const secretScanningHandlers: HandlerTable = {
  'secret-scanning/list-alerts-for-org': (ctx) => {
    const identity = requireIdentity(ctx.identity);
    const org = findOrg(ctx.state, ctx.path.org);
    if (!org) throw notFound();
    requireSecurityRole(ctx.state, identity, org, false);
    const items: Json[] = [];
    for (const repo of reposOfOrg(ctx.state, org.login)) {
      const picked = sorted(
        repo.secretAlerts.filter((a) => matches(a, ctx.query)),
        ctx.query,
      );
      for (const alert of picked) {
        items.push({ ...view(alert, ctx.query), repository: simpleRepository(repo.repo) });
      }
    }
    const key = ctx.query.sort === 'updated' ? 'updated_at' : 'created_at';
    return { status: 200, items: sortBy(items, (a) => String(a[key]), ctx.query.direction) };
  },

  'secret-scanning/list-alerts-for-repo': (ctx) => {
    const repo = repoFor(ctx, false);
    const picked = sorted(
      repo.secretAlerts.filter((a) => matches(a, ctx.query)),
      ctx.query,
    );
    return { status: 200, items: picked.map((a) => view(a, ctx.query)) };
  },

  'secret-scanning/get-alert': (ctx) => {
    const repo = repoFor(ctx, false);
    return { status: 200, body: view(alertFor(repo, ctx.path.alert_number), ctx.query) };
  },

  'secret-scanning/update-alert': (ctx) => {
    const repo = repoFor(ctx, true);
    const alert = alertFor(repo, ctx.path.alert_number);
    applyUpdate(ctx, repo, alert);
    // GitHub's PATCH answer carries the secret (the endpoint has no hide_secret parameter).
    return { status: 200, body: { ...alert } };
  },

  'secret-scanning/list-locations-for-alert': (ctx) => {
    const repo = repoFor(ctx, false);
    const alert = alertFor(repo, ctx.path.alert_number);
    return {
      status: 200,
      items: repo.secretLocations[alert.number] ?? [makeSecretLocation(alert)],
    };
  },
};
