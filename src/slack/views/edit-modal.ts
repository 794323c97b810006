// Editing a published campaign: name, description, due date, managers and contact link.
// GitHub is changed with the editor's own token; the topic and the card follow.
import { createHash } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/types';
import type { AppContext } from '../../app-context.ts';
import { refreshCampaignCard } from '../../campaigns/card.ts';
import { dayIn, endOfDay } from '../../campaigns/due-date.ts';
import { type CampaignPatch, updateCampaign } from '../../campaigns/steering.ts';
import { checkFields, type FieldErrors, resolveManagers } from '../../campaigns/validate-form.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import { asBotError } from '../../errors.ts';
import { actAs } from '../../identity/authorize.ts';
import { plain, plainErrors, safeText } from '../mrkdwn.ts';
import { actionId, type CampaignForm, emptyForm, readForm } from './campaign-form.ts';
import { messageModal } from './campaign-modal.ts';

export const EDIT_CALLBACK = 'campaign_edit';

/** GitHub takes at most this many managers (`maxItems` of update-campaign). */
const MAX_MANAGERS = 10;

type Block = 'name' | 'description' | 'due' | 'poc' | 'managers' | 'contact';
const label = (text: string) => ({ type: 'plain_text' as const, text });

function field(block: Block, title: string, element: Record<string, unknown>, optional = false) {
  return {
    type: 'input',
    block_id: block,
    label: label(title),
    optional,
    element: { ...element, action_id: actionId(block) },
  } as KnownBlock;
}

function note(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** What the edit form shows, and what it cannot show. */
export interface EditView {
  form: CampaignForm;
  /** GitHub logins behind the people the form shows: the point of contact, then the others. */
  shown: string[];
  /**
   * Managers without a Slack link Burndown knows, in GitHub's order. A Slack people picker
   * cannot show them, so saving keeps them whatever is picked.
   */
  unshown: string[];
}

/**
 * What the form showed when it opened, kept in the view: a save sends the managers only when
 * the person changed them, and never drops someone the form could not show.
 */
interface EditMeta {
  id: string;
  poc?: string;
  managers?: string[];
  shown?: string[];
  /** A digest of the contact link shown (a link may be longer than private_metadata). */
  contact?: string;
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

function decodeEditMeta(raw: string | undefined): EditMeta {
  try {
    const meta = JSON.parse(raw || '{}') as Partial<EditMeta>;
    return { ...meta, id: typeof meta.id === 'string' ? meta.id : '' };
  } catch {
    return { id: '' };
  }
}

/** The form as it stands: Slack users for the managers Burndown can map. */
export async function editView(ctx: AppContext, c: CampaignRecord): Promise<EditView> {
  const people: { login: string; slack?: string }[] = [];
  for (const login of c.managers) {
    const link = await ctx.repos.identities.byGitHubLogin(login);
    people.push(link ? { login, slack: link.slackUserId } : { login });
  }
  // GitHub's point of contact is its first manager. When the form cannot show that person,
  // the field stays empty rather than promoting whoever comes next without anyone asking.
  const [first, ...rest] = people;
  const poc = first?.slack ?? '';
  const shown = first?.slack ? [first.login] : [];
  const managers: string[] = [];
  for (const p of rest) {
    if (!p.slack || p.slack === poc || managers.includes(p.slack)) continue;
    managers.push(p.slack);
    shown.push(p.login);
  }
  const form: CampaignForm = {
    ...emptyForm(c.kind),
    name: c.name,
    description: c.description,
    due: dayIn(ctx.config.TZ, new Date(c.endsAt)),
    poc,
    managers,
    contactLink: c.contactLink ?? '',
  };
  return { form, shown, unshown: people.filter((p) => !p.slack).map((p) => p.login) };
}

export async function editForm(ctx: AppContext, c: CampaignRecord): Promise<CampaignForm> {
  return (await editView(ctx, c)).form;
}

const logins = (list: string[]) => list.map((l) => `\`${safeText(l, 60)}\``).join(', ');

export function editModal(c: CampaignRecord, v: EditView): ModalView {
  const f = v.form;
  const text = (value: string, extra: Record<string, unknown> = {}) => ({
    type: 'plain_text_input',
    ...(value ? { initial_value: value } : {}),
    ...extra,
  });
  const meta: EditMeta = {
    id: c.id,
    poc: f.poc,
    managers: f.managers,
    shown: v.shown,
    contact: digest(f.contactLink),
  };
  const [githubPoc] = c.managers;
  const hiddenPoc = !f.poc && githubPoc !== undefined;
  const otherUnshown = hiddenPoc ? v.unshown.slice(1) : v.unshown;
  const blocks: KnownBlock[] = [
    field('name', 'Name', text(f.name, { max_length: 50 })),
    field(
      'description',
      'Short description',
      text(f.description, { multiline: true, max_length: 255 }),
    ),
    field('due', 'Due date', { type: 'datepicker', ...(f.due ? { initial_date: f.due } : {}) }),
    // Optional only when the current point of contact cannot be shown: left empty, it stays.
    field(
      'poc',
      'Point of contact',
      { type: 'users_select', ...(f.poc ? { initial_user: f.poc } : {}) },
      !f.poc,
    ),
  ];
  if (hiddenPoc) {
    const who = logins([githubPoc]);
    blocks.push(
      note(
        `:information_source: The point of contact on GitHub is ${who}, who has no Slack link ` +
          `Burndown knows, so it cannot be shown here. Leave this empty to keep ${who}; ` +
          `whoever you pick becomes the point of contact and ${who} stays a manager.`,
      ),
    );
  }
  blocks.push(
    field(
      'managers',
      'Other managers',
      { type: 'multi_users_select', ...(f.managers.length ? { initial_users: f.managers } : {}) },
      true,
    ),
  );
  if (otherUnshown.length) {
    blocks.push(
      note(
        `:information_source: Also managers on GitHub, kept whatever you pick here: ` +
          `${logins(otherUnshown)} (no Slack link Burndown knows, so not shown above).`,
      ),
    );
  }
  blocks.push(
    field(
      'contact',
      'Contact link',
      { type: 'url_text_input', ...(f.contactLink ? { initial_value: f.contactLink } : {}) },
      true,
    ),
  );
  return {
    type: 'modal',
    callback_id: EDIT_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: label(plain(`Edit #${c.number}`, 24)),
    submit: label('Save'),
    close: label('Cancel'),
    blocks,
  };
}

const others = (poc: string, managers: string[]) =>
  [...new Set(managers.filter((m) => m && m !== poc))].sort();

/**
 * The managers to send, or nothing when the person left the people fields as shown. Picks
 * replace only the people the form showed; managers it could not show are kept.
 */
async function managersPatch(
  ctx: AppContext,
  c: CampaignRecord,
  form: CampaignForm,
  shown: { poc: string; managers: string[]; logins: string[] },
): Promise<{ managers?: string[]; errors: FieldErrors }> {
  const same =
    form.poc === shown.poc &&
    others(form.poc, form.managers).join() === others(shown.poc, shown.managers).join();
  if (same) return { errors: {} };
  const resolved = await resolveManagers(ctx, form);
  const errors = { ...resolved.errors };
  // The point of contact the form could not show stays when the field is left empty.
  if (!form.poc && !shown.poc) delete errors.poc;
  if (Object.keys(errors).length) return { errors };
  const wasShown = new Set(shown.logins.map((l) => l.toLowerCase()));
  // From the record as it is now: a manager added on GitHub since the form opened stays too.
  const kept = c.managers.filter((l) => !wasShown.has(l.toLowerCase()));
  const ordered = form.poc ? [...resolved.logins, ...kept] : [...kept, ...resolved.logins];
  const seen = new Set<string>();
  const managers = ordered.filter((l) => {
    const key = l.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (managers.length === 0) return { errors: { poc: 'Pick the point of contact.' } };
  if (managers.length > MAX_MANAGERS) {
    const why = kept.length
      ? ` (${kept.length} of them have no Slack link and are kept as they are)`
      : '';
    return {
      errors: {
        managers:
          `GitHub allows at most ${MAX_MANAGERS} managers; this makes ${managers.length}` +
          `${why}. Remove some.`,
      },
    };
  }
  return { managers, errors: {} };
}

/**
 * Until updateCampaign stores a cleared contact link as cleared, the record (and so the
 * card's Contact button) would keep the old one: drop it here and redraw the card.
 */
async function forgetContactLink(ctx: AppContext, saved: CampaignRecord): Promise<void> {
  if (!saved.contactLink) return;
  const fresh = (await ctx.repos.campaigns.get(saved.id)) ?? saved;
  const { contactLink: _gone, ...rest } = fresh;
  await ctx.repos.campaigns.save(rest);
  await refreshCampaignCard(ctx, rest).catch((err) =>
    ctx.logger.warn(
      { err, campaign: saved.id, code: 'slack_request_failed' },
      'card refresh after edit failed',
    ),
  );
}

export function registerEditModal(app: App, ctx: AppContext): void {
  app.view(EDIT_CALLBACK, async ({ ack, body, view }) => {
    const meta = decodeEditMeta(view.private_metadata);
    const c = meta.id ? await ctx.repos.campaigns.get(meta.id) : null;
    if (!c) {
      await ack({
        response_action: 'update',
        view: messageModal('Edit', 'This campaign is gone.'),
      });
      return;
    }
    const current = await editView(ctx, c);
    // A form opened before the view carried what it showed: the record as it is now.
    const shown = {
      poc: meta.poc ?? current.form.poc,
      managers: meta.managers ?? current.form.managers,
      logins: meta.shown ?? current.shown,
    };
    const form = readForm(view.state.values, {
      ...current.form,
      poc: shown.poc,
      managers: shown.managers,
    });
    const before = c.contactLink ?? '';
    const contactChanged =
      meta.contact === undefined
        ? form.contactLink !== before
        : digest(form.contactLink) !== meta.contact;
    const errors = checkFields(ctx, form);
    // A link left as it was is not sent, so it is not the person's to fix (GitHub has it).
    if (!contactChanged) delete errors.contact;
    const people = await managersPatch(ctx, c, form, shown);
    Object.assign(errors, people.errors);
    const acting = await actAs(ctx, body.user.id);
    if (!acting.ok) errors.name = acting.message;
    if (Object.keys(errors).length || !acting.ok) {
      await ack({ response_action: 'errors', errors: plainErrors(errors) });
      return;
    }
    await ack({
      response_action: 'update',
      view: messageModal('Edit', ':hourglass_flowing_sand: Saving on GitHub…'),
    });
    const cleared = contactChanged && !form.contactLink;
    let text: string;
    try {
      const patch: CampaignPatch = {
        name: form.name,
        description: form.description,
        ends_at: endOfDay(form.due, ctx.config.TZ),
        ...(people.managers ? { managers: people.managers } : {}),
        // GitHub's schema takes null (not '') to clear the link.
        ...(contactChanged ? { contact_link: form.contactLink || null } : {}),
      };
      const saved = await updateCampaign(
        ctx,
        acting.github,
        c,
        patch,
        'save the campaign on GitHub',
      );
      if (cleared) await forgetContactLink(ctx, saved);
      text = ':white_check_mark: Saved on GitHub. The channel topic and the card are up to date.';
    } catch (err) {
      ctx.logger.warn({ err, campaign: c.id, code: asBotError(err).code }, 'campaign edit refused');
      text = `:warning: ${(err as Error).message}`;
    }
    await ctx.slack.views
      .update({ view_id: view.id, view: messageModal('Edit', text) })
      .catch((err) => ctx.logger.debug({ err }, 'modal not updated'));
  });
}
