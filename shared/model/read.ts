// Reading a document that may be anything a caller managed to cast to Workflow (a half-typed edit, a
// fuzzed file): these never assume a field exists or has its schema's type.

export function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
