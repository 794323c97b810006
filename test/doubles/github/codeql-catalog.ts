// Real CodeQL query ids with the CWE tags and security severities their query metadata
// carries (security-severity ≥9 critical, ≥7 high, ≥4 medium). Quality queries have none.
export interface CatalogRule {
  id: string;
  name: string;
  severity: 'error' | 'warning' | 'note';
  securitySeverity: 'critical' | 'high' | 'medium' | 'low' | null;
  cwes: string[];
  paths: string[];
}

const JS_PATHS = ['src/routes/orders.js', 'src/api/users.ts', 'lib/render.js', 'server/index.js'];
const PY_PATHS = ['app/views.py', 'app/api/reports.py', 'pipeline/extract.py', 'worker/tasks.py'];
const JAVA_PATHS = [
  'src/main/java/com/acme/web/ReportController.java',
  'src/main/java/com/acme/db/LedgerRepository.java',
  'src/main/java/com/acme/io/ArchiveService.java',
];
const GO_PATHS = ['internal/handlers/search.go', 'cmd/server/main.go', 'pkg/store/query.go'];

// One rule per line: id | query name | severity | security severity (- for none) | CWEs.
const ROWS: Record<string, { paths: string[]; rules: string[] }> = {
  javascript: {
    paths: JS_PATHS,
    rules: [
      'js/sql-injection|Database query built from user-controlled sources|error|high|089,090,943',
      'js/xss|Client-side cross-site scripting|error|medium|079,116',
      'js/reflected-xss|Reflected cross-site scripting|error|medium|079,116',
      'js/path-injection|Uncontrolled data used in path expression|error|high|022,023,036,073,099',
      'js/zipslip|Arbitrary file access during archive extraction ("Zip Slip")|error|high|022',
      'js/command-line-injection|Uncontrolled command line|error|critical|078,088',
      'js/code-injection|Code injection|error|critical|094,095,079,116',
      'js/request-forgery|Server-side request forgery|error|critical|918',
      'js/clear-text-logging|Clear-text logging of sensitive information|error|high|312,359,532',
      'js/hardcoded-credentials|Hard-coded credentials|warning|critical|259,321,798',
      'js/insecure-randomness|Insecure randomness|warning|high|338',
      'js/missing-rate-limiting|Missing rate limiting|warning|high|770,307,400',
      'js/polynomial-redos|Polynomial regular expression used on uncontrolled data|' +
        'warning|high|1333,730,400',
      'js/prototype-pollution-utility|Prototype-polluting function|' +
        'warning|medium|078,079,094,400,471,915',
      'js/incomplete-sanitization|Incomplete string escaping or encoding|warning|high|020,080,116',
      'js/unused-local-variable|Unused variable, import, function or class|note|-|',
      'js/trivial-conditional|Useless conditional|warning|-|',
    ],
  },
  python: {
    paths: PY_PATHS,
    rules: [
      'py/sql-injection|SQL query built from user-controlled sources|error|high|089',
      'py/path-injection|Uncontrolled data used in path expression|error|high|022,023,036,073,099',
      'py/command-line-injection|Uncontrolled command line|error|critical|078,088',
      'py/clear-text-logging-sensitive-data|Clear-text logging of sensitive information|' +
        'error|high|312,359,532',
      'py/reflective-xss|Reflected server-side cross-site scripting|error|medium|079,116',
      'py/full-ssrf|Full server-side request forgery|error|critical|918',
      'py/unsafe-deserialization|Deserialization of user-controlled data|error|critical|502',
      'py/flask-debug|Flask app is run in debug mode|error|high|215,489',
      'py/weak-sensitive-data-hashing|' +
        'Use of a broken or weak cryptographic hashing algorithm on sensitive data|' +
        'warning|high|327,328,916',
      'py/unused-import|Unused import|note|-|',
      'py/empty-except|Empty except|note|-|',
    ],
  },
  java: {
    paths: JAVA_PATHS,
    rules: [
      'java/command-line-injection|Uncontrolled command line|error|critical|078,088',
      'java/sql-injection|Query built from user-controlled sources|error|high|089,564',
      'java/xxe|Resolving XML external entity in user-controlled data|error|critical|611,776,827',
      'java/path-injection|Uncontrolled data used in path expression|error|high|022,023,036,073',
      'java/unsafe-deserialization|Deserialization of user-controlled data|error|critical|502',
      'java/ssrf|Server-side request forgery|error|critical|918',
      'java/log-injection|Log Injection|error|medium|117',
      'java/zipslip|Arbitrary file access during archive extraction ("Zip Slip")|error|high|022',
    ],
  },
  go: {
    paths: GO_PATHS,
    rules: [
      'go/reflected-xss|Reflected cross-site scripting|error|medium|079,116',
      'go/sql-injection|Database query built from user-controlled sources|error|high|089',
      'go/path-injection|Uncontrolled data used in path expression|error|high|022,023,036,073,099',
      'go/zipslip|Arbitrary file access during archive extraction ("Zip Slip")|error|high|022',
      'go/request-forgery|Uncontrolled data used in network request|error|critical|918',
      'go/incomplete-hostname-regexp|Incomplete regular expression for hostnames|warning|high|020',
      'go/unhandled-writable-file-close|Writable file handle closed without error handling|' +
        'warning|-|',
    ],
  },
};

export const CODEQL_RULES: Record<string, CatalogRule[]> = Object.fromEntries(
  Object.entries(ROWS).map(([language, { paths, rules }]) => [
    language,
    rules.map((row) => {
      const [id = '', name = '', severity, security, cwes] = row.split('|');
      return {
        id,
        name,
        severity: severity as CatalogRule['severity'],
        securitySeverity: security === '-' ? null : (security as CatalogRule['securitySeverity']),
        cwes: cwes ? cwes.split(',').map((c) => `cwe-${c}`) : [],
        paths,
      };
    }),
  ]),
);

export interface CatalogSecret {
  secretType: string;
  displayName: string;
  provider: string | null;
  providerSlug: string | null;
  // Prefix of a made-up value; never a working credential.
  prefix: string;
  path: string;
}

// secret_type | display name | provider | provider slug | value prefix | file; - is none.
const SECRET_ROWS = [
  'github_personal_access_token|GitHub Personal Access Token|GitHub|github|' +
    'ghp_|.github/scripts/release.sh',
  'aws_access_key_id|AWS Access Key ID|Amazon AWS|aws|AKIA|deploy/env/staging.env',
  'aws_secret_access_key|AWS Secret Access Key|Amazon AWS|aws||deploy/env/staging.env',
  'slack_api_token|Slack API Token|Slack|slack|xoxb-|scripts/notify.py',
  'slack_incoming_webhook_url|Slack Incoming Webhook URL|Slack|slack|' +
    'https://hooks.slack.com/services/|config/alerts.yml',
  'stripe_api_key|Stripe API Key|Stripe|stripe|sk_live_|src/config/payments.js',
  'google_api_key|Google API Key|Google|google|AIza|web/src/maps.ts',
  'azure_storage_account_key|Azure Storage Account Access Key|Azure|azure||infra/storage.tf',
  'npm_access_token|npm Access Token|npm|npm|npm_|.npmrc',
  'sendgrid_api_key|SendGrid API Key|SendGrid|sendgrid|SG.|worker/mail.py',
  'openai_api_key|OpenAI API Key|OpenAI|openai|sk-proj-|ml/summarize.py',
  'password|Password|-|-||docker-compose.yml',
];

export const SECRET_TYPES: CatalogSecret[] = SECRET_ROWS.map((row) => {
  const [secretType = '', displayName = '', provider, providerSlug, prefix = '', path = ''] =
    row.split('|');
  return {
    secretType,
    displayName,
    provider: provider === '-' ? null : (provider ?? null),
    providerSlug: providerSlug === '-' ? null : (providerSlug ?? null),
    prefix,
    path,
  };
});
