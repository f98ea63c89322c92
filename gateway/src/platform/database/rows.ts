/** Copies only the fields that have a value: SQLite's NULL becomes an absent optional field. */
export function defined<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined)) as { [K in keyof T]?: Exclude<T[K], null | undefined> };
}

/** `createdAt` → `created_at`: how a record's field is named as a column. */
type SnakeCase<Name extends string> = Name extends `${infer First}${infer Rest}` ? `${First extends Lowercase<First> ? First : `_${Lowercase<First>}`}${SnakeCase<Rest>}` : Name;

/** A field's column: snake_case, with `_iso` for a field kept as ISO-8601 text where the table says so. */
type ColumnOf<Name extends string, Iso extends string> = Name extends Iso ? `${SnakeCase<Name>}_iso` : SnakeCase<Name>;

/**
 * The row SQLite returns for a record whose table names every field in snake_case (the fields in
 * `Iso` with an `_iso` suffix): an optional field is a nullable column. Tables that name a column
 * otherwise, or hold more columns than the record has fields, map their rows by hand.
 */
export type RowOf<Fields, Iso extends keyof Fields & string = never> = {
  [Name in keyof Fields & string as ColumnOf<Name, Iso>]-?: undefined extends Fields[Name] ? Exclude<Fields[Name], undefined> | null : Fields[Name];
};

/** The record of such a row: each column under its field's camelCase name, NULL left out. */
export function fieldsOf<Fields, Iso extends keyof Fields & string = never>(row: RowOf<Fields, Iso>): Fields {
  const present = Object.entries(row).filter(([, value]) => value !== null);
  return Object.fromEntries(present.map(([column, value]) => [fieldName(column), value])) as Fields;
}

function fieldName(column: string): string {
  return column.replace(/_iso$/, '').replace(/_([a-z0-9])/g, (_match, next: string) => next.toUpperCase());
}
