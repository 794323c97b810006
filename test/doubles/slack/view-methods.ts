// views.*: modals (one-shot trigger ids, hash-guarded updates) and the Home tab.

import { isRecord } from './block-kit-findings.ts';
import { checkView } from './block-kit-limits.ts';
import {
  fail,
  guard,
  type MethodContext,
  type MethodSpec,
  ok,
  type Reply,
  str,
} from './method-context.ts';
import { findUser, newId, type StoredView } from './workspace.ts';

let hashCounter = 0;

function newHash(ctx: MethodContext): string {
  hashCounter += 1;
  return `${Math.floor(ctx.now() / 1000)}.${hashCounter.toString(36).padStart(8, '0')}`;
}

type Checked = { view: Record<string, unknown>; refused?: undefined } | { refused: Reply };

/** A checked view payload, or Slack's refusal. */
function readView(ctx: MethodContext): Checked {
  const view = ctx.args.view;
  if (!isRecord(view)) {
    const messages = ['[ERROR] missing required field: view'];
    return { refused: fail('invalid_arguments', { response_metadata: { messages } }) };
  }
  const refused = guard(ctx, checkView(view));
  return refused ? { refused } : { view };
}

/** Triggers are single-use; tests may mark some expired to mimic the 3-second window. */
function useTrigger(ctx: MethodContext): Reply | undefined {
  const trigger = str(ctx.args, 'trigger_id') ?? str(ctx.args, 'interactivity_pointer');
  if (!trigger) {
    const messages = ['[ERROR] missing required field: trigger_id'];
    return fail('invalid_arguments', { response_metadata: { messages } });
  }
  if (ctx.ws.expiredTriggers.has(trigger)) return fail('expired_trigger_id');
  if (ctx.ws.usedTriggers.has(trigger)) return fail('exchanged_trigger_id');
  ctx.ws.usedTriggers.add(trigger);
  return undefined;
}

function store(ctx: MethodContext, view: Record<string, unknown>, id?: string): StoredView {
  const stored: StoredView = {
    id: id ?? newId('V'),
    type: String(view.type),
    hash: newHash(ctx),
    view,
  };
  const external = typeof view.external_id === 'string' ? view.external_id : undefined;
  if (external) stored.external_id = external;
  ctx.ws.views.set(stored.id, stored);
  return stored;
}

function viewJson(ctx: MethodContext, v: StoredView): Record<string, unknown> {
  return {
    ...v.view,
    id: v.id,
    team_id: ctx.ws.team.id,
    hash: v.hash,
    state: { values: {} },
    root_view_id: v.id,
    app_id: ctx.ws.bot.app_id,
    bot_id: ctx.ws.bot.bot_id,
  };
}

function externalTaken(ctx: MethodContext, view: Record<string, unknown>, self?: string) {
  const ext = view.external_id;
  if (typeof ext !== 'string' || ext === '') return false;
  return [...ctx.ws.views.values()].some((v) => v.external_id === ext && v.id !== self);
}

function openOrPush(ctx: MethodContext): Reply {
  const checked = readView(ctx);
  if (checked.refused) return checked.refused;
  const { view } = checked;
  if (view.type !== 'modal') return fail('invalid_arguments');
  if (externalTaken(ctx, view)) return fail('duplicate_external_id');
  const refused = useTrigger(ctx);
  if (refused) return refused;
  return ok({ view: viewJson(ctx, store(ctx, view)) });
}

function update(ctx: MethodContext): Reply {
  const viewId = str(ctx.args, 'view_id');
  const externalId = str(ctx.args, 'external_id');
  if (!viewId && !externalId) return fail('invalid_arguments');
  const existing = [...ctx.ws.views.values()].find((v) =>
    viewId ? v.id === viewId : v.external_id === externalId,
  );
  if (!existing) return fail('not_found');
  const hash = str(ctx.args, 'hash');
  if (hash !== undefined && hash !== existing.hash) return fail('hash_conflict');
  const checked = readView(ctx);
  if (checked.refused) return checked.refused;
  const { view } = checked;
  if (externalTaken(ctx, view, existing.id)) return fail('duplicate_external_id');
  return ok({ view: viewJson(ctx, store(ctx, view, existing.id)) });
}

function publish(ctx: MethodContext): Reply {
  const userId = str(ctx.args, 'user_id');
  if (!userId) return fail('invalid_arguments');
  const user = findUser(ctx.ws, userId);
  if (!user || user.is_bot) return fail('user_not_found');
  const checked = readView(ctx);
  if (checked.refused) return checked.refused;
  const { view } = checked;
  if (view.type !== 'home') return fail('invalid_arguments');
  const current = ctx.ws.homes.get(userId);
  const hash = str(ctx.args, 'hash');
  if (current && hash !== undefined && hash !== current.hash) return fail('hash_conflict');
  const stored = store(ctx, view, current?.id);
  stored.user = userId;
  ctx.ws.homes.set(userId, stored);
  return ok({ view: viewJson(ctx, stored) });
}

export const viewMethods: Record<string, MethodSpec> = {
  'views.open': { handle: openOrPush },
  'views.push': { handle: openOrPush },
  'views.update': { handle: update },
  'views.publish': { handle: publish },
};
