// Git references, just enough for branches: read one, create one. Every repository starts
// with its default branch at a stable commit; created branches are kept per repository.
import { requireIdentity, requireRepoAccess } from '../auth.ts';
import { stableId } from '../builders-core.ts';
import { ApiError, notFound, validationFailed } from '../errors.ts';
import type { Ctx, HandlerTable } from '../handler-types.ts';
import { findRepo, type RepoRecord } from '../state.ts';

const refsOf = new WeakMap<RepoRecord, Map<string, string>>();

/** Branches of a repository in the double, `refs/heads/<name>` → sha. */
export function gitRefs(repo: RepoRecord): Map<string, string> {
  let refs = refsOf.get(repo);
  if (!refs) {
    const base = String(repo.repo.default_branch ?? 'main');
    const sha = stableId(`${repo.repo.full_name}:head`, 0).toString(16).padStart(40, 'c');
    refs = new Map([[`refs/heads/${base}`, sha]]);
    refsOf.set(repo, refs);
  }
  return refs;
}

function repoFor(ctx: Ctx, need: 'read' | 'write'): RepoRecord {
  const identity = requireIdentity(ctx.identity);
  const repo = findRepo(ctx.state, ctx.path.owner, ctx.path.repo);
  if (!repo) throw notFound();
  requireRepoAccess(ctx.state, identity, repo, need);
  return repo;
}

function refBody(repo: RepoRecord, ref: string, sha: string) {
  const url = `${repo.repo.url}/git/${ref}`;
  return {
    ref,
    node_id: `REF_${stableId(`${repo.repo.full_name}:${ref}`).toString(36)}`,
    url,
    object: { type: 'commit', sha, url: `${repo.repo.url}/git/commits/${sha}` },
  };
}

export const gitRefHandlers: HandlerTable = {
  'git/get-ref': (ctx) => {
    const repo = repoFor(ctx, 'read');
    const ref = `refs/${ctx.path.ref}`;
    const sha = gitRefs(repo).get(ref);
    if (!sha) throw notFound();
    return { status: 200, body: refBody(repo, ref, sha) };
  },

  'git/create-ref': (ctx) => {
    const repo = repoFor(ctx, 'write');
    const ref = String(ctx.body.ref);
    if (!/^refs\/heads\/\S+$/.test(ref)) {
      throw new ApiError(422, 'Reference name must start with refs/heads/');
    }
    const refs = gitRefs(repo);
    if (refs.has(ref)) throw validationFailed('Reference', 'ref', 'Reference already exists');
    refs.set(ref, String(ctx.body.sha));
    return { status: 201, body: refBody(repo, ref, String(ctx.body.sha)) };
  },
};
