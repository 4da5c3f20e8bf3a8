// The shapes of a catalog's messages, and what the type checker derives from
// English (the source catalog): the keys every language must have, and the
// parameters each t() call must pass.

/**
 * A message that depends on a number (`count`): one text per plural category
 * of the language (Intl.PluralRules: 'one', 'other', …), and optionally exact
 * numbers ('=0': "Today", '=1': "Tomorrow") which win over the category.
 */
export interface PluralMessage {
  readonly '=0'?: string;
  readonly '=1'?: string;
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type Message = string | PluralMessage;

/** The `{name}` placeholders of a text, as a union of their names. */
export type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The parameters a message needs: its placeholders, and `count` for a plural. */
export type ParamNames<M> = M extends string
  ? Placeholders<M>
  : M extends PluralMessage
    ? 'count' | Placeholders<Exclude<M[keyof M], undefined>>
    : never;

/** A parameter is text (a name the family typed: never translated) or a number (formatted for the language). */
export type ParamValue = string | number;
