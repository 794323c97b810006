// The `/campaign new` modal: the kind of alerts, a template or custom filters, a live scope
// preview, then the campaign itself. The form follows the kind: secret campaigns have no
// tracking issues and no autofix.
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { CUSTOM_TEMPLATE, findTemplate, templatesFor } from '../../campaigns/templates.ts';
import { plain } from '../mrkdwn.ts';
import {
  ACTION_PREFIX,
  actionId,
  type CampaignForm,
  encodeMeta,
  FORM_CALLBACK,
  type FormBlock,
  type FormMeta,
} from './campaign-form.ts';

const opt = (value: string, text: string): PlainTextOption => ({
  text: { type: 'plain_text', text: plain(text, 75) },
  value,
});
const label = (text: string) => ({ type: 'plain_text' as const, text });

type Element = Record<string, unknown>;

function input(
  block: FormBlock,
  title: string,
  element: Element,
  o: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: block,
    label: label(title),
    optional: o.optional ?? false,
    ...(o.dispatch ? { dispatch_action: true } : {}),
    ...(o.hint ? { hint: label(o.hint) } : {}),
    element: { ...element, action_id: actionId(block) },
  } as KnownBlock;
}

function textInput(value: string, extra: Element = {}): Element {
  return { type: 'plain_text_input', ...(value ? { initial_value: value } : {}), ...extra };
}

const ENTER = { dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] } };

function scopeBlocks(f: CampaignForm): KnownBlock[] {
  const templates = templatesFor(f.kind);
  const options = [
    ...templates.map((t) => opt(t.id, t.title)),
    opt(CUSTOM_TEMPLATE, 'Custom filters'),
  ];
  const current = options.find((o) => o.value === f.template) ?? options[0];
  const kinds = [opt('code', 'Code scanning alerts'), opt('secret', 'Secret scanning alerts')];
  const blocks: KnownBlock[] = [
    input(
      'kind',
      'Alert kind',
      { type: 'radio_buttons', options: kinds, initial_option: kinds[f.kind === 'code' ? 0 : 1] },
      { dispatch: true },
    ),
    input(
      'template',
      'Template',
      { type: 'static_select', options, ...(current ? { initial_option: current } : {}) },
      { dispatch: true, hint: 'Pick a template, or "Custom filters" to choose your own.' },
    ),
  ];
  const needs = findTemplate(f.template)?.needs;
  const custom = f.template === CUSTOM_TEMPLATE;
  if (needs === 'rule' || (custom && f.kind === 'code')) {
    blocks.push(
      input('f_rule', 'Rule ids', textInput(f.ruleIds.join(', '), ENTER), {
        optional: custom,
        dispatch: true,
        hint: 'For example js/sql-injection. Separate several with commas.',
      }),
    );
  }
  if (needs === 'provider' || (custom && f.kind === 'secret')) {
    blocks.push(
      input('f_provider', 'Providers', textInput(f.providers.join(', '), ENTER), {
        optional: custom,
        dispatch: true,
        hint: 'Provider slugs, for example aws, github, slack.',
      }),
    );
  }
  if (custom) blocks.push(...customBlocks(f));
  return blocks;
}

function customBlocks(f: CampaignForm): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (f.kind === 'code') {
    const sev = ['critical', 'high', 'medium', 'low'].map((s) => opt(s, s));
    const chosen = sev.filter((o) => f.severities.includes(o.value as never));
    blocks.push(
      input(
        'f_severity',
        'Severity',
        {
          type: 'multi_static_select',
          options: sev,
          ...(chosen.length ? { initial_options: chosen } : {}),
        },
        { optional: true, dispatch: true, hint: 'Alerts without a security severity never match.' },
      ),
      input('f_tool', 'Tool', textInput(f.toolName, ENTER), { optional: true, dispatch: true }),
      input('f_cwe', 'CWE numbers', textInput(f.cwes.join(', '), ENTER), {
        optional: true,
        dispatch: true,
        hint: 'For example 79, 89.',
      }),
    );
  } else {
    const validity = [
      opt('active', 'Active'),
      opt('inactive', 'Inactive'),
      opt('unknown', 'Unknown'),
    ];
    const flags = [opt('public', 'Publicly leaked'), opt('bypassed', 'Push protection bypassed')];
    const v = validity.filter((o) => f.validity.includes(o.value as never));
    const fl = flags.filter(
      (o) => (o.value === 'public' && f.publiclyLeaked) || (o.value === 'bypassed' && f.bypassed),
    );
    blocks.push(
      input(
        'f_validity',
        'Validity',
        { type: 'checkboxes', options: validity, ...(v.length ? { initial_options: v } : {}) },
        { optional: true, dispatch: true },
      ),
      input(
        'f_flags',
        'Only secrets that were',
        { type: 'checkboxes', options: flags, ...(fl.length ? { initial_options: fl } : {}) },
        { optional: true, dispatch: true },
      ),
    );
  }
  const repos = f.repos.map((r) => opt(String(r.id), r.label));
  blocks.push(
    input(
      'f_repos',
      'Repositories',
      {
        type: 'multi_external_select',
        min_query_length: 1,
        placeholder: label('Type to search repositories'),
        ...(repos.length ? { initial_options: repos } : {}),
      },
      { optional: true, dispatch: true, hint: 'Leave empty for every repository.' },
    ),
    input(
      'f_before',
      'Created before',
      { type: 'datepicker', ...(f.createdBefore ? { initial_date: f.createdBefore } : {}) },
      { optional: true, dispatch: true },
    ),
  );
  return blocks;
}

function campaignBlocks(f: CampaignForm): KnownBlock[] {
  const visibility = [
    opt('private', 'Private channel (recommended)'),
    opt('public', 'Public channel'),
  ];
  const modes = [
    opt('publish', 'Publish to GitHub now'),
    opt('draft', 'Save as a draft in Burndown'),
  ];
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    input('name', 'Name', textInput(f.name, { max_length: 50 }), {
      hint: 'At most 50 characters.',
    }),
    input(
      'description',
      'Short description',
      textInput(f.description, { multiline: true, max_length: 255 }),
      {
        hint: 'What and why, in at most 255 characters. It becomes the channel description.',
      },
    ),
    input('due', 'Due date', { type: 'datepicker', ...(f.due ? { initial_date: f.due } : {}) }),
    input(
      'poc',
      'Point of contact',
      { type: 'users_select', ...(f.poc ? { initial_user: f.poc } : {}) },
      {
        hint: 'The person developers ask: first manager on GitHub, in the topic and the card.',
      },
    ),
    input(
      'managers',
      'Other managers',
      { type: 'multi_users_select', ...(f.managers.length ? { initial_users: f.managers } : {}) },
      { optional: true, hint: 'Each needs a GitHub account known to Burndown.' },
    ),
    input('teams', 'Team managers', textInput(f.teams.join(', ')), {
      optional: true,
      hint: 'GitHub team slugs, for example security.',
    }),
    input(
      'contact',
      'Contact link',
      { type: 'url_text_input', ...(f.contactLink ? { initial_value: f.contactLink } : {}) },
      {
        optional: true,
        hint: 'Leave empty to use the campaign channel.',
      },
    ),
  ];
  if (f.kind === 'code') {
    const yes = opt('yes', 'Open one tracking issue per repository');
    blocks.push(
      input(
        'issues',
        'Tracking issues',
        {
          type: 'checkboxes',
          options: [yes],
          ...(f.generateIssues ? { initial_options: [yes] } : {}),
        },
        { optional: true },
      ),
    );
  }
  blocks.push(
    input('visibility', 'Channel', {
      type: 'radio_buttons',
      options: visibility,
      initial_option: visibility[f.visibility === 'public' ? 1 : 0],
    }),
    input(
      'members',
      'Also invite',
      { type: 'multi_users_select', ...(f.members.length ? { initial_users: f.members } : {}) },
      { optional: true, hint: 'Managers and you are invited anyway.' },
    ),
    input('mode', 'When I submit', {
      type: 'radio_buttons',
      options: modes,
      initial_option: modes[f.mode === 'draft' ? 1 : 0],
    }),
  );
  return blocks;
}

export function campaignModal(
  f: CampaignForm,
  meta: FormMeta,
  preview: KnownBlock[],
  banner?: string,
): ModalView {
  const top: KnownBlock[] = banner
    ? [{ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${banner.slice(0, 2900)}` } }]
    : [];
  const refresh: KnownBlock = {
    type: 'actions',
    block_id: 'preview_actions',
    elements: [
      { type: 'button', text: label('Refresh preview'), action_id: `${ACTION_PREFIX}refresh` },
    ],
  };
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    private_metadata: encodeMeta(meta),
    title: label('New campaign'),
    submit: label(f.mode === 'draft' ? 'Save draft' : 'Submit'),
    close: label('Cancel'),
    blocks: [...top, ...scopeBlocks(f), ...preview, refresh, ...campaignBlocks(f)],
  };
}

/** Shown at once, while templates and counts load (a trigger_id lives 3 seconds). */
export function messageModal(title: string, text: string, meta?: FormMeta): ModalView {
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK}_status`,
    ...(meta ? { private_metadata: encodeMeta(meta) } : {}),
    title: label(plain(title, 24)),
    close: label('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 2900) } }],
  };
}
