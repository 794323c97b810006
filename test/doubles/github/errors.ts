// GitHub-shaped error bodies. Handlers throw ApiError; the server turns it into a response.
import type { Json } from './state.ts';

export const DOCS = 'https://docs.github.com/enterprise-cloud@latest/rest';

export interface FieldError {
  resource: string;
  field: string;
  code: string;
  message?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): Json {
    const body: Json = { message: this.message, documentation_url: DOCS };
    if (this.errors) body.errors = this.errors;
    body.status = String(this.status);
    return body;
  }
}

export function notFound(): ApiError {
  return new ApiError(404, 'Not Found');
}

export function validationFailed(resource: string, field: string, message: string): ApiError {
  return new ApiError(422, 'Validation Failed', [{ resource, field, code: 'invalid', message }]);
}
