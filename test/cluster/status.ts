// Kubernetes `Status` objects with the apiserver's exact wording, and the error type
// the double throws internally so a handler can answer with one of them.

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export class ApiError extends Error {
  readonly status: StatusBody;
  constructor(status: StatusBody) {
    super(status.message);
    this.status = status;
  }
}

/** What the apiserver calls a resource in messages: `pods`, `networkpolicies.networking.k8s.io`. */
export interface GroupResource {
  resource: string;
  group: string;
}

export const qualified = (gr: GroupResource): string =>
  gr.group ? `${gr.resource}.${gr.group}` : gr.resource;

const details = (gr: GroupResource, name?: string): StatusBody['details'] => ({
  ...(name !== undefined ? { name } : {}),
  ...(gr.group ? { group: gr.group } : {}),
  kind: gr.resource,
});

export const status = (
  code: number,
  reason: string,
  message: string,
  det?: StatusBody['details'],
): StatusBody => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(det ? { details: det } : {}),
  code,
});

const fail = (s: StatusBody): ApiError => new ApiError(s);

export const notFound = (gr: GroupResource, name: string): ApiError =>
  fail(status(404, 'NotFound', `${qualified(gr)} "${name}" not found`, details(gr, name)));

export const alreadyExists = (gr: GroupResource, name: string): ApiError =>
  fail(status(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, details(gr, name)));

export const conflict = (gr: GroupResource, name: string, why: string): ApiError =>
  fail(
    status(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`,
      details(gr, name),
    ),
  );

export const CONFLICT_MODIFIED =
  'the object has been modified; please apply your changes to the latest version and try again';

export const forbidden = (
  gr: GroupResource,
  name: string | undefined,
  why: string,
  causes?: StatusCause[],
): ApiError => {
  const subject = name ? `${qualified(gr)} "${name}"` : qualified(gr);
  const det = details(gr, name);
  if (det && causes) det.causes = causes;
  return fail(status(403, 'Forbidden', `${subject} is forbidden: ${why}`, det));
};

export interface FieldError {
  type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
    | 'FieldValueDuplicate';
  field: string;
  /** the part after `field: ` as the apiserver prints it */
  detail: string;
}

export const invalidValue = (field: string, value: unknown, why: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  detail: `Invalid value: ${JSON.stringify(value)}: ${why}`,
});

export const required = (field: string, why = ''): FieldError => ({
  type: 'FieldValueRequired',
  field,
  detail: why ? `Required value: ${why}` : 'Required value',
});

export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  detail: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});

/** 422 with the aggregate message `Kind "name" is invalid: [a, b]` (one error: no brackets). */
export const invalid = (kind: string, gr: GroupResource, name: string, errs: FieldError[]): ApiError => {
  const parts = errs.map((e) => `${e.field}: ${e.detail}`);
  const joined = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return fail(
    status(422, 'Invalid', `${kind} "${name}" is invalid: ${joined}`, {
      name,
      ...(gr.group ? { group: gr.group } : {}),
      kind,
      causes: errs.map((e) => ({ reason: e.type, message: e.detail, field: e.field })),
    }),
  );
};

export const badRequest = (message: string): ApiError => fail(status(400, 'BadRequest', message));

export const methodNotAllowed = (
  message = 'the server does not allow this method on the requested resource',
): ApiError => fail(status(405, 'MethodNotAllowed', message, {}));

export const unsupportedMediaType = (type: string): ApiError =>
  fail(
    status(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
      { kind: type },
    ),
  );

export const pathNotFound = (): StatusBody =>
  status(404, 'NotFound', 'the server could not find the requested resource', {});

export const expired = (requested: number, oldest: number): StatusBody =>
  status(410, 'Expired', `too old resource version: ${requested} (${oldest})`);

export const internalError = (message: string): StatusBody =>
  status(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });

export const tooManyRequests = (): StatusBody =>
  status(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: 1 });

export const serviceUnavailable = (): StatusBody =>
  status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request', {});

export const successStatus = (gr: GroupResource, name: string, uid?: string): Record<string, unknown> => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  details: { ...details(gr, name), ...(uid ? { uid } : {}) },
});
