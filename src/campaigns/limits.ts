// GitHub's campaign limits, checked before any request so people see a field error instead
// of a failed publish (GitHub documents them for its UI; the API's behaviour is not).

/** At most this many alerts in one campaign. */
export const MAX_CAMPAIGN_ALERTS = 1000;
/** At most this many open campaigns in an organization. */
export const MAX_OPEN_CAMPAIGNS = 10;
export const MAX_NAME = 50;
export const MAX_DESCRIPTION = 255;
