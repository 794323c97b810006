// Public surface of the GitHub double.

export {
  type CampaignInput,
  type CodeAlertInput,
  cweTag,
  makeCampaign,
  makeCodeAlert,
  makeSecretAlert,
  type SecretAlertInput,
  seededSecrets,
} from './builders-alerts.ts';
export {
  makeRepo,
  makeTeam,
  makeUser,
  publicUser,
  type RepoInput,
  simpleRepository,
  simpleUser,
  type UserInput,
} from './builders-core.ts';
export { CODEQL_RULES, SECRET_TYPES } from './codeql-catalog.ts';
export type { DeviceFlowControl } from './device-flow.ts';
export type { FailureSpec, RequestMatch } from './failures.ts';
export type { RecordedRequest, Violation } from './pipeline.ts';
export {
  type SeedCampaign,
  type SeedCodeAlert,
  type SeededOrg,
  type SeedOrgInput,
  type SeedSecretAlert,
  type SeedUser,
  seedOrg,
} from './seed.ts';
export { prng, type RealisticOptions, seedRealisticOrg } from './seed-realistic.ts';
export { type GitHubDouble, type GitHubDoubleOptions, startGitHubDouble } from './server.ts';
export type * from './state.ts';
export { createState, findRepo } from './state.ts';
