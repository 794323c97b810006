// What the campaign modal holds, read from (and written back into) Slack's view state.
// The modal keeps no state in memory: everything is in the view or in private_metadata, so
// any replica can handle the next click or the submission.
import type { ViewOutput } from '@slack/bolt';
import { CUSTOM_TEMPLATE, type ScopeFilters, templatesFor } from '../../campaigns/templates.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import type { AlertKind, Severity } from '../../domain/types.ts';

export const FORM_CALLBACK = 'campaign_form';
export const ACTION_PREFIX = 'campaign_form:';

export type FormBlock =
  | 'kind'
  | 'template'
  | 'f_rule'
  | 'f_provider'
  | 'f_severity'
  | 'f_tool'
  | 'f_cwe'
  | 'f_repos'
  | 'f_before'
  | 'f_validity'
  | 'f_flags'
  | 'name'
  | 'description'
  | 'due'
  | 'poc'
  | 'managers'
  | 'teams'
  | 'contact'
  | 'issues'
  | 'visibility'
  | 'members'
  | 'mode';

export const actionId = (block: FormBlock) => `${ACTION_PREFIX}${block}`;

export interface CampaignForm {
  kind: AlertKind;
  template: string;
  ruleIds: string[];
  providers: string[];
  severities: Severity[];
  toolName: string;
  cwes: string[];
  repos: { id: number; label: string }[];
  createdBefore: string;
  validity: Array<'active' | 'inactive' | 'unknown'>;
  publiclyLeaked: boolean;
  bypassed: boolean;
  name: string;
  description: string;
  due: string;
  poc: string;
  managers: string[];
  teams: string[];
  contactLink: string;
  generateIssues: boolean;
  visibility: 'private' | 'public';
  members: string[];
  mode: 'publish' | 'draft';
}

export interface FormMeta {
  /** Burndown's campaign id, fixed when the modal opens: the idempotency key of a submit. */
  id: string;
  /** Where `/campaign new` was typed, for the confirmation. */
  channel?: string;
}

export function emptyForm(kind: AlertKind = 'code'): CampaignForm {
  return {
    kind,
    template: templatesFor(kind)[0]?.id ?? CUSTOM_TEMPLATE,
    ruleIds: [],
    providers: [],
    severities: [],
    toolName: '',
    cwes: [],
    repos: [],
    createdBefore: '',
    validity: [],
    publiclyLeaked: false,
    bypassed: false,
    name: '',
    description: '',
    due: '',
    poc: '',
    managers: [],
    teams: [],
    contactLink: '',
    generateIssues: false,
    visibility: 'private',
    members: [],
    mode: 'publish',
  };
}

type Values = ViewOutput['state']['values'];
type Entry = Values[string][string];

const words = (text: string | null | undefined) =>
  (text ?? '')
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean);

/** Reads the submitted or current state; anything missing keeps its default. */
export function readForm(values: Values, fallback: CampaignForm = emptyForm()): CampaignForm {
  const get = (b: FormBlock): Entry | undefined => values[b]?.[actionId(b)];
  const text = (b: FormBlock, d: string) => {
    const e = get(b);
    return e ? (e.value ?? '') : d;
  };
  const picked = (b: FormBlock) => get(b)?.selected_options?.map((o) => o.value ?? '') ?? [];
  const kind = (get('kind')?.selected_option?.value as AlertKind | undefined) ?? fallback.kind;
  const flags = get('f_flags') ? picked('f_flags') : undefined;
  const form: CampaignForm = {
    ...fallback,
    kind,
    template: get('template')?.selected_option?.value ?? fallback.template,
    ruleIds: get('f_rule') ? words(get('f_rule')?.value) : fallback.ruleIds,
    providers: get('f_provider') ? words(get('f_provider')?.value) : fallback.providers,
    severities: get('f_severity') ? (picked('f_severity') as Severity[]) : fallback.severities,
    toolName: text('f_tool', fallback.toolName).trim(),
    cwes: get('f_cwe') ? words(get('f_cwe')?.value) : fallback.cwes,
    repos: get('f_repos')
      ? (get('f_repos')?.selected_options ?? []).map((o) => ({
          id: Number(o.value),
          label: o.text.text,
        }))
      : fallback.repos,
    createdBefore: get('f_before')
      ? (get('f_before')?.selected_date ?? '')
      : fallback.createdBefore,
    validity: get('f_validity')
      ? (picked('f_validity') as CampaignForm['validity'])
      : fallback.validity,
    publiclyLeaked: flags ? flags.includes('public') : fallback.publiclyLeaked,
    bypassed: flags ? flags.includes('bypassed') : fallback.bypassed,
    name: text('name', fallback.name).trim(),
    description: text('description', fallback.description).trim(),
    due: get('due') ? (get('due')?.selected_date ?? '') : fallback.due,
    poc: get('poc') ? (get('poc')?.selected_user ?? '') : fallback.poc,
    managers: get('managers') ? (get('managers')?.selected_users ?? []) : fallback.managers,
    teams: get('teams')
      ? words(get('teams')?.value).map((t) => t.replace(/^@/, ''))
      : fallback.teams,
    contactLink: text('contact', fallback.contactLink).trim(),
    generateIssues: get('issues') ? picked('issues').includes('yes') : fallback.generateIssues,
    visibility:
      (get('visibility')?.selected_option?.value as CampaignForm['visibility'] | undefined) ??
      fallback.visibility,
    members: get('members') ? (get('members')?.selected_users ?? []) : fallback.members,
    mode:
      (get('mode')?.selected_option?.value as CampaignForm['mode'] | undefined) ?? fallback.mode,
  };
  if (kind === 'secret') form.generateIssues = false;
  const fits = templatesFor(kind).some((t) => t.id === form.template);
  if (!fits && form.template !== CUSTOM_TEMPLATE) form.template = emptyForm(kind).template;
  return form;
}

/** The alert filters the form stands for. */
export function formFilters(f: CampaignForm): ScopeFilters {
  const base: ScopeFilters = { kind: f.kind, template: f.template };
  if (f.ruleIds.length) base.ruleIds = f.ruleIds;
  if (f.providers.length) base.providers = f.providers;
  if (f.template !== CUSTOM_TEMPLATE) return base;
  if (f.repos.length) base.repoIds = f.repos.map((r) => r.id);
  if (f.createdBefore) base.createdBefore = f.createdBefore;
  if (f.kind === 'code') {
    if (f.severities.length) base.severities = f.severities;
    if (f.toolName) base.toolName = f.toolName;
    if (f.cwes.length) base.cwes = f.cwes;
    return base;
  }
  if (f.validity.length) base.validity = f.validity;
  if (f.publiclyLeaked) base.publiclyLeaked = true;
  if (f.bypassed) base.bypassed = true;
  return base;
}

/** A draft, back in the form, for editing or publishing later. */
export function formFromDraft(c: CampaignRecord, pocSlack: string, slackManagers: string[]) {
  const saved = (c.scope?.form ?? {}) as Partial<CampaignForm>;
  return {
    ...emptyForm(c.kind),
    ...saved,
    kind: c.kind,
    name: c.name,
    description: c.description,
    due: saved.due ?? c.endsAt.slice(0, 10),
    poc: saved.poc ?? pocSlack,
    managers: saved.managers ?? slackManagers,
    teams: c.teamManagers,
    contactLink: c.contactLink ?? '',
    mode: 'publish' as const,
  };
}

export function encodeMeta(meta: FormMeta): string {
  return JSON.stringify(meta);
}

export function decodeMeta(raw: string | undefined): FormMeta | undefined {
  try {
    const meta = JSON.parse(raw ?? '') as FormMeta;
    return typeof meta.id === 'string' ? meta : undefined;
  } catch {
    return undefined;
  }
}
